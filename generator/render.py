"""Render the selected clauses into a `Policy`."""

from __future__ import annotations

import re
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

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


def _render_group(library: Library, group: ClauseGroup, flags: list[bool], context: dict[str, Any], results: list[RenderedClause | None]) -> None:
    """Render the selected clauses of `group`: each clause's block, in one context per format."""
    md_context = group.md.new_context(context)
    html_context = group.html.new_context(context)
    md_blocks, html_blocks = group.md.blocks, group.html.blocks
    for index in group.indexes:
        if not flags[index]:
            continue
        clause = library.clauses[index]
        name = block_name(index)
        try:
            if group.bounded:
                limits.start_render(md_context)
            markdown = _BLANK_LINES.sub("\n\n", "".join(md_blocks[name](md_context))).strip()
            if not markdown:
                continue
            if group.bounded:
                limits.start_render(html_context)
            html = "".join(html_blocks[name](html_context)).strip()
        except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
            raise _failure(clause, exc) from None
        results[index] = RenderedClause(id=clause.id, covers=tuple(clause.meta.covers), markdown=markdown, html=html)


def build_policy(answers: Answers, library: Library | None = None) -> Policy:
    """Select and render the clauses that apply to `answers`.

    Raises:
        ClauseError: when a clause fails to render, naming its file.
    """
    library = library or load_library()
    context = policy_context(answers)
    flags = selected_flags(library, context)
    results: list[RenderedClause | None] = [None] * len(library.clauses)
    for group in library.groups:
        _render_group(library, group, flags, context, results)
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
    )
