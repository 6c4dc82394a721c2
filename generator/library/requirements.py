"""The requirement catalogue: what each law requires a notice to say (`clauses/requirements/<regime>.yaml`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from pathlib import Path
from typing import Any, Union

import yaml
from jinja2.exceptions import TemplateSyntaxError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.answers.messages import explain_validation, suggest
from generator.answers.model import Answers
from generator.answers.source import LOADER, YamlDocument, format_path, parse_yaml
from generator.answers.vocabulary import Jurisdiction
from generator.errors import AnswerError, ClauseError
from generator.resources import resource_dir
from generator.templating.cache import read_cached_documents, store_cached
from generator.templating.environment import make_environment
from generator.templating.filters import format_date
from generator.templating.memo import folder_material


class Exemption(BaseModel):
    """A fact the answers state that lets a requirement (or a whole regime) not apply, and how the report says so.

    The check reports the exemption only when the requirement's own condition does not hold, so an
    exemption can never hide a gap; its `when` must test answers that were given explicitly (`x is
    false`, a list that was answered), since an unanswered question is never a reason.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: str = Field(min_length=1, description="Expression over the answers; the exemption holds when truthy.")
    reason: str = Field(min_length=10, description="Why the law does not ask for this here, as the report prints it.")


class Dated(BaseModel):
    """The days a law or one of its rules applies: from `applies_from`, and before `until` where it ends, each with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    applies_from: dt.date | None = Field(
        None, description="The day it starts (a requirement's default is its regime's); before it the check reports 'not applicable: starts ...'."
    )
    applies_from_source: str | None = Field(None, min_length=5, description="The provision or notification that sets `applies_from`.")
    until: dt.date | None = Field(None, description="The day it stops applying, where it ends (a requirement's default is its regime's).")
    until_source: str | None = Field(None, min_length=5, description="The provision or notification that ends it.")

    @model_validator(mode="after")
    def _dates_have_sources(self) -> Dated:
        """A date needs the source that sets it, and a rule must start before it ends."""
        for day, source in (("applies_from", "applies_from_source"), ("until", "until_source")):
            if getattr(self, day) is not None and getattr(self, source) is None:
                raise ValueError(f"'{day}' needs '{source}': the provision or notification that sets the date")
        if self.applies_from is not None and self.until is not None and self.until <= self.applies_from:
            raise ValueError("'until' must come after 'applies_from'")
        return self

    def in_force(self, on: dt.date) -> bool:
        """Whether it applies on a day: on or after `applies_from`, and before `until` (a regime's own dates; a requirement may start later)."""
        return (self.applies_from is None or on >= self.applies_from) and (self.until is None or on < self.until)


class Requirement(Dated):
    """One disclosure a law requires a privacy notice to make."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$", description="'<regime>.<element>'.")
    description: str = Field(min_length=10, description="What the notice must say, in our words.")
    citation: str = Field(min_length=2, description="Article, section or rule.")
    applies_when: str = Field("true", description="Expression over the answers; the requirement applies when truthy.")
    needs: str = Field(min_length=5, description="The answer that lets the policy meet it, for the report.")
    answers: tuple[str, ...] = Field(
        description="The answer paths (`requests.methods`, `data[].retention`) the policy meets it with: `[]` when every policy it applies to does.",
    )
    met_when: str | None = Field(
        None,
        description="Expression over the answers: where the law needs a value (a period, a consent), a clause covers the requirement only "
        "when it holds; else the report says 'missing:' with `needs`.",
    )
    not_applicable: tuple[Exemption, ...] = Field((), description="Facts that let it not apply, each reported with its reason.")
    verified: bool = Field(False, description="Whether the primary text was read when this entry was written.")
    def date_reason(self, on: dt.date) -> str | None:
        """Why the rule does not apply on a day ('starts 13 May 2027 (...)', 'ended ...'), or None when it is in force then."""
        if self.applies_from is not None and on < self.applies_from:
            return f"starts {format_date(self.applies_from)} ({self.applies_from_source})"
        if self.until is not None and on >= self.until:
            return f"ended {format_date(self.until)} ({self.until_source})"
        return None

    @property
    def hint(self) -> str:
        """What a gap prints after "missing:": the `needs` sentence, then the exact answer paths that meet it.

        The paths are added when the sentence does not already name each of them as written
        (`contacts.dpo`, or a part as `'services:'`), so a reader editing the file sees exactly
        which keys to fill, and is not told the same path twice.
        """
        if all(_names(self.needs, path) for path in self.answers):
            return self.needs
        return f"{self.needs} (answers: {', '.join(self.answers)})"


def _names(text: str, path: str) -> bool:
    """Whether `text` names the answer path as written: a dotted path as a whole word, a part of the file as `'part:'`."""
    if "." not in path and "[" not in path:
        return f"'{path}:'" in text
    return re.search(rf"(?<![\w.\[]){re.escape(path)}(?![\w.\[])", text) is not None


class Regime(Dated):
    """A law or set of rules, and what brings a business under it.

    Its `applies_from` and `until` (each with its source) are the defaults of its requirements: a
    requirement with a date of its own keeps it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    regime: str = Field(pattern=r"^[a-z0-9_.]+$")
    name: str
    jurisdiction: Jurisdiction
    applies_when: str = "true"
    not_applicable: tuple[Exemption, ...] = ()
    authority: str | None = None
    requirements: list[Requirement] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _requirements_inherit_dates(cls, data: Any) -> Any:
        """Each requirement without dates of its own takes the regime's (with their sources)."""
        if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
            return data
        defaults = {key: data[key] for key in ("applies_from", "applies_from_source", "until", "until_source") if data.get(key) is not None}
        inherited = []
        for requirement in data["requirements"]:
            if isinstance(requirement, dict):
                for day in ("applies_from", "until"):
                    if requirement.get(day) is None and day in defaults:
                        requirement = {**requirement, day: defaults[day], f"{day}_source": defaults.get(f"{day}_source")}
            inherited.append(requirement)
        return {**data, "requirements": inherited}



PACK_FILE = "law-pack.yaml"
"""The file of `clauses/requirements/` that names the catalogue's version and date; every other file there is a regime."""


class LawPack(BaseModel):
    """The requirement catalogue's version and the day its law was last brought up to date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(pattern=r"^\d{4}\.\d{2}(\.\d+)?$", description="'2026.12': the year and month of the catalogue.")
    date: dt.date = Field(description="The law as it stood on this day is what the catalogue records.")
    note: str = Field(min_length=10, description="What the version covers, for people.")


@functools.cache
def load_law_pack() -> LawPack:
    """The version and date of the built-in requirement catalogue (`clauses/requirements/law-pack.yaml`)."""
    path = resource_dir("clauses") / "requirements" / PACK_FILE
    with path.open("rb") as file:
        data = yaml.load(file, Loader=LOADER)  # noqa: S506 - the safe loader (CSafeLoader where libyaml is there)
    try:
        return LawPack.model_validate(data)
    except ValidationError as exc:
        raise ClauseError(explain_validation(exc, parse_yaml(path), LawPack)) from None


@functools.cache
def load_requirements(folder: Path | None = None) -> tuple[Regime, ...]:
    """Load every regime file of the requirement catalogue.

    Raises:
        ClauseError: naming the file of an invalid entry or expression.
    """
    folder = folder or resource_dir("clauses") / "requirements"
    paths = sorted(path for path in folder.glob("*.yaml") if path.name != PACK_FILE)
    material = folder_material("requirements", paths)
    cached = read_cached_documents(material, len(paths))
    if cached is not None:
        try:
            return tuple(Regime.model_validate(data) for data in cached)
        except ValidationError:
            pass  # the model changed since the cache was written: read the files again
    env = make_environment("md")
    regimes = []
    problems = []
    raw = []
    for path in paths:
        try:
            document = parse_yaml(path)
            regime = Regime.model_validate(document.data)
        except AnswerError as exc:
            problems.extend(exc.messages)
            continue
        except ValidationError as exc:
            problems.extend(explain_validation(exc, document, Regime))
            continue
        raw.append(document.data)
        problems.extend(_condition_problems(env, document, regime))
        problems.extend(_answer_path_problems(document, regime))
        regimes.append(regime)
    ids = [r.id for regime in regimes for r in regime.requirements]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"requirement ids used twice: {', '.join(duplicates)}")
    if problems:
        raise ClauseError(problems)
    store_cached(material, _json_ready(raw))  # parsed and checked: the next process skips the YAML and the compile checks
    return tuple(regimes)


def _json_ready(value: Any) -> Any:
    """YAML data with each date as its ISO text, so the cache (JSON) can hold it; the model reads the text back as the date."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _condition_problems(env: Any, document: YamlDocument, regime: Regime) -> list[str]:
    """`file:line:col: field: message` for each condition of `regime` that does not compile."""
    fields: list[tuple[tuple[str | int, ...], str]] = [(("applies_when",), regime.applies_when)]
    fields += [(("not_applicable", number, "when"), e.when) for number, e in enumerate(regime.not_applicable)]
    for number, r in enumerate(regime.requirements):
        fields.append((("requirements", number, "applies_when"), r.applies_when))
        if r.met_when is not None:
            fields.append((("requirements", number, "met_when"), r.met_when))
        fields += [(("requirements", number, "not_applicable", index, "when"), e.when) for index, e in enumerate(r.not_applicable)]
    problems = []
    for path, expression in fields:
        try:
            env.compile_expression(expression)
        except TemplateSyntaxError as exc:
            where = document.where(document.locate(path))
            problems.append(f"{where}: {format_path(path)}: cannot read the condition '{expression}': {exc.message}")
    return problems


def _answer_path_problems(document: YamlDocument, regime: Regime) -> list[str]:
    """`file:line:col: field: message` for each path of a requirement's `answers` that names no answer of the model."""
    known = answer_paths()
    problems = []
    for number, requirement in enumerate(regime.requirements):
        for index, path in enumerate(requirement.answers):
            if path not in known:
                field = ("requirements", number, "answers", index)
                where = document.where(document.locate(field))
                problems.append(f"{where}: {format_path(field)}: '{path}' is not an answer path (docs/answers-reference.md){suggest(path, sorted(known))}")
    return problems


@functools.cache
def answer_paths() -> frozenset[str]:
    """Every path an answer file can give, as docs/answers-reference.md writes them.

    A part is `contacts`, a field inside it `contacts.eu_representative`, a field of each item of
    a list `data[].retention`; a field of a list item whose type is a choice of models (a service
    is an id, a `ServiceUse` or a `CustomService`) is a path when any of those models has it.
    """
    paths: set[str] = set()
    _collect(Answers, "", paths)
    return frozenset(paths)


def _collect(model: type[BaseModel], prefix: str, paths: set[str]) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.add(path)
        annotation = _unwrap(info.annotation)
        if typing.get_origin(annotation) in (list, tuple, set, frozenset):
            for model_type in _models(typing.get_args(annotation)[0]):
                _collect(model_type, f"{path}[].", paths)
        else:
            for model_type in _models(annotation):
                _collect(model_type, f"{path}.", paths)


def _unwrap(annotation: Any) -> Any:
    """The type inside `Annotated[...]`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The answer models a field's type may hold: itself, or the members of an optional or a union."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [model for member in typing.get_args(annotation) for model in _models(member)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []
