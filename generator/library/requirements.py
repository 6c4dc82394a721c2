"""The requirement catalogue: what each law requires a notice to say (`clauses/requirements/<regime>.yaml`)."""

from __future__ import annotations

import functools
import re
import types
import typing
from pathlib import Path
from typing import Any, Union

from jinja2.exceptions import TemplateSyntaxError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.answers.messages import explain_validation, suggest
from generator.answers.model import Answers
from generator.answers.source import YamlDocument, format_path, parse_yaml
from generator.answers.vocabulary import Jurisdiction
from generator.errors import AnswerError, ClauseError
from generator.resources import resource_dir
from generator.templating.cache import folder_material, read_cached_documents, store_cached
from generator.templating.environment import make_environment


class Exemption(BaseModel):
    """A fact the answers state that lets a requirement (or a whole regime) not apply, and how the report says so.

    The check reports the exemption only when the requirement's own condition does not hold, so an
    exemption can never hide a gap; its `when` must test answers that were given explicitly (`x is
    false`, a list that was answered), since an unanswered question is never a reason.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: str = Field(min_length=1, description="Expression over the answers; the exemption holds when truthy.")
    reason: str = Field(min_length=10, description="Why the law does not ask for this here, as the report prints it.")


class Requirement(BaseModel):
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


class Regime(BaseModel):
    """A law or set of rules, and what brings a business under it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regime: str = Field(pattern=r"^[a-z0-9_.]+$")
    name: str
    jurisdiction: Jurisdiction
    applies_when: str = "true"
    not_applicable: tuple[Exemption, ...] = ()
    authority: str | None = None
    requirements: list[Requirement] = Field(min_length=1)


@functools.cache
def load_requirements(folder: Path | None = None) -> tuple[Regime, ...]:
    """Load every regime file of the requirement catalogue.

    Raises:
        ClauseError: naming the file of an invalid entry or expression.
    """
    folder = folder or resource_dir("clauses") / "requirements"
    paths = sorted(folder.glob("*.yaml"))
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
    store_cached(material, raw)  # parsed and checked: the next process skips the YAML and the compile checks
    return tuple(regimes)


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
