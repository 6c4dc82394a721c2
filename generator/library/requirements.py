"""The requirement catalogue: what each law requires a notice to say (`clauses/requirements/<regime>.yaml`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2.exceptions import TemplateSyntaxError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.answers.messages import explain_validation
from generator.answers.source import YamlDocument, format_path, parse_yaml
from generator.answers.vocabulary import Jurisdiction
from generator.errors import AnswerError, ClauseError
from generator.resources import resource_dir
from generator.templating.cache import folder_material, read_cached_documents, store_cached
from generator.templating.environment import make_environment


class Requirement(BaseModel):
    """One disclosure a law requires a privacy notice to make."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$", description="'<regime>.<element>'.")
    description: str = Field(min_length=10, description="What the notice must say, in our words.")
    citation: str = Field(min_length=2, description="Article, section or rule.")
    applies_when: str = Field("true", description="Expression over the answers; the requirement applies when truthy.")
    needs: str = Field(min_length=5, description="The answer that lets the policy meet it, for the report.")
    verified: bool = Field(False, description="Whether the primary text was read when this entry was written.")


class Regime(BaseModel):
    """A law or set of rules, and what brings a business under it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regime: str = Field(pattern=r"^[a-z0-9_.]+$")
    name: str
    jurisdiction: Jurisdiction
    applies_when: str = "true"
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
    fields += [(("requirements", number, "applies_when"), r.applies_when) for number, r in enumerate(regime.requirements)]
    problems = []
    for path, expression in fields:
        try:
            env.compile_expression(expression)
        except TemplateSyntaxError as exc:
            where = document.where(document.locate(path))
            problems.append(f"{where}: {format_path(path)}: cannot read the condition '{expression}': {exc.message}")
    return problems
