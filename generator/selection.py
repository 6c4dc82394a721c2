"""Choose the clauses whose `when` holds for the answers, in library order.

Every `when` of a group of clauses is one element of its conditions template's `flags`
tuple (`generator/library/clauses.py`), so a policy's clauses are chosen with one call per
group. When that call fails, each `when` of the group is evaluated alone only to find and
name the clause that fails; the error is raised either way, never a result.
"""

from __future__ import annotations

from typing import Any

from jinja2.exceptions import SecurityError, TemplateError, UndefinedError

from generator.errors import ClauseError
from generator.library.clauses import Clause, ClauseGroup, Library

_FAILURES = (TemplateError, ArithmeticError, LookupError, TypeError, AttributeError, ValueError, RecursionError, MemoryError)


def select_clauses(library: Library, context: dict[str, Any]) -> list[Clause]:
    """Return the clauses to include, in section and order sequence.

    Raises:
        ClauseError: when a clause's `when` cannot be evaluated, naming the clause file.
    """
    return [clause for clause, include in zip(library.clauses, selected_flags(library, context), strict=True) if include]


def selected_flags(library: Library, context: dict[str, Any]) -> list[bool]:
    """Whether each clause of the library is included, in library order.

    Raises:
        ClauseError: when a clause's `when` cannot be evaluated, naming the clause file.
    """
    flags = [False] * len(library.clauses)
    for group in library.groups:
        try:
            values = group.conditions.make_module(group.variables("md", context), shared=True).flags  # type: ignore[attr-defined]
        except _FAILURES as exc:
            raise _failing_clause(library, group, context, exc) from None
        for index, value in zip(group.indexes, values, strict=True):
            flags[index] = bool(value)
    return flags


def _message(clause: Clause, exc: BaseException) -> str:
    if isinstance(exc, UndefinedError | SecurityError | TypeError | AttributeError):
        return f"{clause.path}: its 'when' expression failed: {exc}"
    return f"{clause.path}: its 'when' expression failed: {type(exc).__name__}: {exc}"


def _failing_clause(library: Library, group: ClauseGroup, context: dict[str, Any], exc: BaseException) -> ClauseError:
    """The error naming the first clause of `group` whose `when` fails alone, with that failure."""
    env = group.conditions.environment
    for index in group.indexes:
        clause = library.clauses[index]
        if not clause.meta.when:
            continue
        try:
            env.compile_expression(clause.meta.when, undefined_to_none=False)(**context)
        except _FAILURES as alone:
            return ClauseError(_message(clause, alone))
    files = ", ".join(str(library.clauses[index].path) for index in group.indexes if library.clauses[index].meta.when)
    return ClauseError(f"the 'when' expressions of these clauses failed together: {type(exc).__name__}: {exc} ({files})")
