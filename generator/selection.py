"""Choose the clauses whose `when` holds for the answers, in library order."""

from __future__ import annotations

from typing import Any

from jinja2.exceptions import SecurityError, UndefinedError

from generator.errors import ClauseError
from generator.library import Clause, Library


def select_clauses(library: Library, context: dict[str, Any]) -> list[Clause]:
    """Return the clauses to include, in section and order sequence.

    Raises:
        ClauseError: when a clause's `when` cannot be evaluated, naming the clause file.
    """
    chosen = []
    for clause in library.clauses:
        if clause.when is None:
            chosen.append(clause)
            continue
        try:
            include = clause.when(**context)
        except (UndefinedError, SecurityError, TypeError, AttributeError) as exc:
            raise ClauseError(f"{clause.path}: its 'when' expression failed: {exc}") from None
        if include:
            chosen.append(clause)
    return chosen
