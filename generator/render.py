"""Render the selected clauses into a `Policy`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import Context

from generator.answers.model import Answers
from generator.context import policy_context
from generator.errors import ClauseError
from generator.library.clauses import Clause, ClauseGroup, Library, block_name, load_library
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


_Blocks = tuple[tuple[int, Callable[[Context], Iterator[str]], Callable[[Context], Iterator[str]]], ...]
_PLANS: dict[int, tuple[ClauseGroup, _Blocks]] = {}
"""Per group (by id, with the group kept alive beside it): each clause's index and its two block functions."""


def _blocks(group: ClauseGroup) -> _Blocks:
    plan = _PLANS.get(id(group))
    if plan is None or plan[0] is not group:
        md, html = group.md.blocks, group.html.blocks
        plan = (group, tuple((index, md[block_name(index)], html[block_name(index)]) for index in group.indexes))
        if len(_PLANS) > 64:  # libraries loaded again and again (tests, a long-lived embedder): keep the newest
            _PLANS.clear()
        _PLANS[id(group)] = plan
    return plan[1]


def _render_group(library: Library, group: ClauseGroup, flags: list[bool], context: dict[str, Any], results: list[RenderedClause | None]) -> None:
    """Render the selected clauses of `group`: each clause's block, in one context per format."""
    md_context = group.md.new_context(context)
    html_context = group.html.new_context(context)
    bounded = group.bounded
    for index, md_block, html_block in _blocks(group):
        if not flags[index]:
            continue
        try:
            if bounded:
                limits.start_render(md_context)
            markdown = "".join(md_block(md_context))
            if "\n\n\n" in markdown:
                markdown = _BLANK_LINES.sub("\n\n", markdown)
            markdown = markdown.strip()
            if not markdown:
                continue
            if bounded:
                limits.start_render(html_context)
            html = "".join(html_block(html_context)).strip()
        except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
            raise _failure(library.clauses[index], exc) from None
        clause = library.clauses[index]
        results[index] = RenderedClause(id=clause.id, covers=_covers(clause, group, context), markdown=markdown, html=html)


def _covers(clause: Clause, group: ClauseGroup, context: dict[str, Any]) -> tuple[str, ...]:
    """The requirements the rendered clause covers: its `covers`, less those whose `covers_when` condition does not hold."""
    meta = clause.meta
    if not meta.covers_when:
        return tuple(meta.covers)
    try:
        return tuple(rid for rid in meta.covers if rid not in meta.covers_when or _condition(group, meta.covers_when[rid])(**context))
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        raise ClauseError(f"{clause.path}: covers_when: a condition failed: {exc}") from None


_CONDITIONS: dict[tuple[int, str], tuple[object, Callable[..., Any]]] = {}
"""`covers_when` conditions compiled in their group's environment (the sandbox for a user's clauses), by environment and
text; each with its environment, so a condition is never run by another environment that got the same id later."""


def _condition(group: ClauseGroup, expression: str) -> Callable[..., Any]:
    env = group.conditions.environment
    key = (id(env), expression)
    cached = _CONDITIONS.get(key)
    if cached is None or cached[0] is not env:
        if len(_CONDITIONS) > 4096:
            _CONDITIONS.clear()
        cached = _CONDITIONS[key] = (env, env.compile_expression(expression, undefined_to_none=False))
    return cached[1]


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
        sections.append(Section(id=meta.id, number=number if meta.numbered else None, title=meta.title, clauses=tuple(clauses)))
    business = answers.business
    return Policy(
        title=f"{business.name} Privacy Policy",
        business_name=business.name,
        legal_name=business.legal_name,
        slug=slugify(business.name),
        language=answers.policy.language,
        effective_date=answers.policy.effective_date,
        last_updated=answers.effective_last_updated,
        website=business.website,
        jurisdictions=tuple(j.value for j in answers.jurisdictions),
        sections=tuple(sections),
        ledger=ledger,
    )
