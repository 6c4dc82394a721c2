"""Choose the clauses whose `when` holds for the answers, in library order."""

from __future__ import annotations

from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from generator.errors import ClauseError
from generator.library.clauses import Clause, Library


def select_clauses(library: Library, context: dict[str, Any]) -> list[Clause]:
    """Return the clauses to include, in section and order sequence.

    Raises:
        ClauseError: when a clause's `when` cannot be evaluated, naming the clause file.
    """
    return [clause for clause, include in zip(library.clauses, selected_flags(library, context), strict=True) if include]


def selected_flags(library: Library, context: dict[str, Any]) -> list[bool]:
    """Whether each clause of the library is included, in library order.

    All conditions are evaluated in one call of the library's combined expression. When
    that fails, they are evaluated one by one, so that the error names the clause file.

    Raises:
        ClauseError: when a clause's `when` cannot be evaluated, naming the clause file.
    """
    compiled = library.combined
    if compiled is not None:
        try:
            values = compiled.when(**context)
            flags = [bool(value) for value in values]
        except Exception:  # noqa: BLE001 - evaluated again one by one below, which reports the clause
            pass
        else:
            if len(flags) == len(library.clauses):
                return flags
    return [_include(clause, context) for clause in library.clauses]


def _include(clause: Clause, context: dict[str, Any]) -> bool:
    if clause.when is None:
        return True
    try:
        include = clause.when(**context)
    except (UndefinedError, SecurityError, TypeError, AttributeError) as exc:
        raise ClauseError(f"{clause.path}: its 'when' expression failed: {exc}") from None
    except (TemplateError, ArithmeticError, LookupError, ValueError, RecursionError, MemoryError) as exc:
        raise ClauseError(f"{clause.path}: its 'when' expression failed: {type(exc).__name__}: {exc}") from None
    return bool(include)
