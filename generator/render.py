"""Render the selected clauses into a `Policy`."""

from __future__ import annotations

import re
from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from generator.answers import Answers
from generator.context import build_context
from generator.errors import ClauseError
from generator.library import Clause, Library, load_library
from generator.policy import Policy, RenderedClause, Section, slugify
from generator.selection import select_clauses

_BLANK_LINES = re.compile(r"\n{3,}")


def _render_clause(clause: Clause, context: dict[str, Any]) -> RenderedClause | None:
    try:
        markdown = _BLANK_LINES.sub("\n\n", clause.md.render(context)).strip()
        html = clause.html.render(context).strip()
    except (UndefinedError, SecurityError) as exc:
        raise ClauseError(f"{clause.path}: {exc}") from None
    except TemplateError as exc:
        raise ClauseError(f"{clause.path}: rendering failed: {exc}") from None
    if not markdown:
        return None
    return RenderedClause(id=clause.id, covers=tuple(clause.meta.covers), markdown=markdown, html=html)


def build_policy(answers: Answers, library: Library | None = None) -> Policy:
    """Select and render the clauses that apply to `answers`.

    Raises:
        ClauseError: when a clause fails to render, naming its file.
    """
    library = library or load_library()
    context = build_context(answers)
    rendered: dict[str, list[RenderedClause]] = {}
    for clause in select_clauses(library, context):
        result = _render_clause(clause, context)
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
