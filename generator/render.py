"""Render the selected clauses into a `Policy`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import Context

from generator.answers.model import Answers
from generator.context import policy_context
from generator.errors import ClauseError
from generator.library.clauses import Clause, ClauseGroup, Library, block_name, load_library, narrowed
from generator.library.requirements import load_law_pack
from generator.policy import Policy, RenderedClause, Section, slugify
from generator.selection import selected_flags
from generator.templating import limits

_BLANK_LINES = re.compile(r"\n\n\n+")  # the same as \n{3,}, but the literal prefix makes it about 20 times faster


def _failure(clause: Clause, exc: Exception) -> ClauseError:
    if isinstance(exc, UndefinedError | SecurityError):  # also a limit of generator/templating/limits.py
        return ClauseError(f"{clause.path}: {exc}")
    if isinstance(exc, TemplateError):
        return ClauseError(f"{clause.path}: rendering failed: {exc}")
    return ClauseError(f"{clause.path}: rendering failed: {type(exc).__name__}: {exc}")


_JINJA_DELIMITERS = ("{{", "{%", "{#")


@dataclass(frozen=True)
class _Step:
    """How to render one clause of a group: its blocks, or (a built-in clause without any Jinja construct) its text, rendered once."""

    index: int
    clause: Clause
    md_block: Callable[[Context], Iterator[str]]
    html_block: Callable[[Context], Iterator[str]]
    covers: tuple[str, ...] | None
    """The clause's `covers`, when no `covers_when` condition narrows them."""
    static: RenderedClause | None = None
    """The rendered clause, the same in every policy: a built-in clause whose text has no Jinja construct (its output can
    depend on nothing) and whose covers have no condition."""
    empty: bool = False
    """Such a clause whose text is empty: never included."""


_PLANS: dict[int, tuple[ClauseGroup, tuple[_Step, ...]]] = {}
"""Per group (by id, with the group kept alive beside it): how to render each of its clauses."""


def _plan(library: Library, group: ClauseGroup) -> tuple[_Step, ...]:
    plan = _PLANS.get(id(group))
    if plan is None or plan[0] is not group:
        md_blocks, html_blocks = group.md.blocks, group.html.blocks
        steps = []
        for index in group.indexes:
            clause = library.clauses[index]
            covers = None if clause.meta.covers_when else tuple(clause.meta.covers)
            step = _Step(index, clause, md_blocks[block_name(index)], html_blocks[block_name(index)], covers)
            if covers is not None and not group.bounded and not any(d in text for text in (clause.source, clause.html_source) for d in _JINJA_DELIMITERS):
                markdown, html = _texts(step, group.md.new_context(), group.html.new_context(), bounded=False)
                static = RenderedClause(id=clause.id, covers=covers, markdown=markdown, html=html) if markdown else None
                step = dataclasses.replace(step, static=static, empty=not markdown)
            steps.append(step)
        plan = (group, tuple(steps))
        if len(_PLANS) > 64:  # libraries loaded again and again (tests, a long-lived embedder): keep the newest
            _PLANS.clear()
        _PLANS[id(group)] = plan
    return plan[1]


def _texts(step: _Step, md_context: Context, html_context: Context, bounded: bool) -> tuple[str, str]:
    """The clause's Markdown and HTML (an empty Markdown text: the clause is left out, and its HTML not rendered).

    In a `bounded` group, each render gets a budget of its own (`generator/templating/limits.py`).
    """
    if bounded:
        limits.start_render(md_context)
    markdown = "".join(step.md_block(md_context))
    if "\n\n\n" in markdown:
        markdown = _BLANK_LINES.sub("\n\n", markdown)
    markdown = markdown.strip()
    if not markdown:
        return "", ""
    if bounded:
        limits.start_render(html_context)
    return markdown, "".join(step.html_block(html_context)).strip()


def _render_group(library: Library, group: ClauseGroup, flags: list[bool], context: dict[str, Any], results: list[RenderedClause | None]) -> None:
    """Render the selected clauses of `group`: each clause's block, in one context per format."""
    md_variables = group.variables("md", context)
    md_context = group.md.new_context(md_variables, shared=True)
    html_context = group.html.new_context(group.variables("html", context), shared=True)
    bounded = group.bounded
    for step in _plan(library, group):
        index = step.index
        if not flags[index] or step.empty:
            continue
        if step.static is not None:
            results[index] = step.static
            continue
        try:
            markdown, html = _texts(step, md_context, html_context, bounded)
        except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
            raise _failure(step.clause, exc) from None
        if markdown:
            covers = step.covers if step.covers is not None else _covers(step.clause, index, group, md_variables)
            results[index] = RenderedClause(step.clause.meta.id, covers, markdown, html)  # by position: a keyword call costs more, per clause


def _covers(clause: Clause, index: int, group: ClauseGroup, variables: dict[str, Any]) -> tuple[str, ...]:
    """The requirements the rendered clause covers: its `covers`, less those whose `covers_when` condition does not hold.

    `variables` is the group's Markdown variables (`group.variables("md", context)`): the clause's conditions are its
    block of the group's `covers` template, compiled with the library (and kept in the compile cache), which writes one
    digit per condition.
    """
    meta = clause.meta
    try:
        digits = "".join(group.covers_blocks[index](group.covers.new_context(variables, shared=True)))
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        raise ClauseError(f"{clause.path}: covers_when: a condition failed: {exc}") from None
    failing = {rid for rid, digit in zip(narrowed(clause), digits, strict=True) if digit != "1"}
    return tuple(rid for rid in meta.covers if rid not in failing)


def build_policy(answers: Answers, library: Library | None = None, *, ledger: bool = False) -> Policy:
    """Select and render the clauses that apply to `answers`.

    With `ledger`, each clause also gets its claims (`because`, `defaults`): what its `when` and
    its text read, from a second, tracking render (`generator/ledger.py`); without it they stay
    empty, and rendering runs no tracking code at all.

    Raises:
        ClauseError: when a clause fails to render, naming its file.
    """
    library = library or load_library()
    context = policy_context(answers)
    flags = selected_flags(library, context)
    results: list[RenderedClause | None] = [None] * len(library.clauses)
    for group in library.groups:
        _render_group(library, group, flags, context, results)
    if ledger:
        from generator.ledger import clause_claims

        claims = clause_claims(library, answers, context, [index for index, result in enumerate(results) if result is not None])
        results = [
            None if result is None else dataclasses.replace(result, because=claims[index].because, defaults=claims[index].defaults)
            for index, result in enumerate(results)
        ]
    rendered: dict[str, list[RenderedClause]] = {}
    for clause, result in zip(library.clauses, results, strict=True):
        if result is not None:
            rendered.setdefault(clause.meta.section, []).append(result)
    sections = []
    number = 0
    for meta in library.sections:
        clauses = rendered.get(meta.id)
        if not clauses:
            continue
        if meta.numbered:
            number += 1
        sections.append(Section(meta.id, number if meta.numbered else None, meta.title, tuple(clauses)))  # by position, as RenderedClause
    business = answers.business
    return Policy(
        title=f"{business.name} Privacy Policy",
        business_name=business.name,
        legal_name=business.legal_name,
        slug=slugify(business.name),
        language=answers.policy.language,
        effective_date=answers.policy.effective_date,
        last_updated=answers.policy.last_updated,
        website=business.website,
        jurisdictions=tuple(j.value for j in answers.jurisdictions),
        sections=tuple(sections),
        law_pack=load_law_pack().version,
        ledger=ledger,
    )
