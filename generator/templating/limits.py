"""Bounds on what a clause from a user's folder may do while it renders: size, loops, depth and time.

Clauses from `policygen build --clauses DIR` come from others. Jinja's sandbox keeps
them away from Python internals, but not from building a 20 GB string or looping
forever. The clause environment for those folders (`make_environment(fmt, bounded=True)`)
checks, per render:

| limit | value | where it is enforced |
|---|---|---|
| text a clause builds | `MAX_TEXT` characters | `~`, `+`, `*`, `%`; filters (`center`, `indent`, `format`, |
| | | `join`, `replace`, `wordwrap`, ...); str methods (`center`, `ljust`, `rjust`, `zfill`, |
| | | `expandtabs`, `replace`, `join`, `translate`, `format`, `format_map`); printing a list; |
| | | every call's and filter's result |
| lists a clause builds | `MAX_ITEMS` items | `+`, `*`, `batch`, `slice`, every call's and filter's result |
| output of one render | `MAX_OUTPUT` characters | every piece of output, also inside `{% set %}` blocks, macros |
| | | and `{% filter %}` blocks |
| loop iterations | `MAX_ITERATIONS` in all, per render | every `{% for %}` |
| call depth | `MAX_DEPTH` nested calls | every call (macros, `caller()`, recursive `loop()`) |
| time | `TIME_LIMIT` seconds of wall clock, per render | at every call and every 64th loop iteration |
| text built in all | `MAX_BUILT` characters, per render | every string `~`, `+`, `*`, `%`, a call or a filter |
| | | makes, and every list, tuple, dict or set they make, counted |
| | | by the characters it refers to (n strings of k characters: n·k) |

The last one bounds memory (many strings each under `MAX_TEXT`) and also time that no check
inside the render can interrupt: one C-level operation (sorting a list, `in` on a list) is only
slow on a list referring to many long strings, and such a list costs its characters before
it is made (`[long] * 50000` is refused before the repetition runs).

Sizes are checked before the value is made wherever its size is known in advance
(a width, a count, the operands' lengths), and after every call. A breach raises
`LimitError`, which the renderer reports as `<clause file>: <message>`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from jinja2 import pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from markupsafe import Markup

MAX_TEXT = 1_000_000
"""Characters in any one string a clause builds."""
MAX_ITEMS = 100_000
"""Items in any one list or tuple a clause builds."""
MAX_OUTPUT = 1_000_000
"""Characters of output of one render of one clause."""
MAX_ITERATIONS = 100_000
"""Loop iterations of one render, all loops together."""
MAX_DEPTH = 50
"""Nested calls (macros calling macros, recursive loops)."""
TIME_LIMIT = 2.0
"""Seconds of wall clock one render may take."""
MAX_BUILT = 10_000_000
"""Characters of text one render may build in all (lists, tuples, dicts and sets count the characters they refer to)."""

LOOP_FILTER = "policygen_bounded_loop_"
"""The filter every `{% for %}` iterable of a bounded template goes through."""


class LimitError(SecurityError):
    """A clause went over one of the limits of this module."""


def text_error() -> LimitError:
    """The error for text longer than MAX_TEXT."""
    return LimitError(f"the clause builds text longer than {MAX_TEXT:,} characters (limit)")


def items_error() -> LimitError:
    """The error for a list longer than MAX_ITEMS."""
    return LimitError(f"the clause builds a list longer than {MAX_ITEMS:,} items (limit)")


def check_text(length: int) -> None:
    """Refuse text of `length` characters when it is over the limit."""
    if length > MAX_TEXT:
        raise text_error()


def built_error() -> LimitError:
    """The error for a render that builds more than MAX_BUILT characters in all."""
    return LimitError(f"the clause builds more than {MAX_BUILT:,} characters of text in all in one render (limit)")


def charge(size: int) -> None:
    """Count `size` characters against the text the current render builds in all."""
    used = current()
    used.built += size
    if used.built > MAX_BUILT:
        raise built_error()


def referenced(value: Any, times: int = 1) -> int:
    """The characters a list, tuple, dict or set (repeated `times`) refers to; counting stops once over what the render has left."""
    left = MAX_BUILT - current().built + 1
    return measure(value, left // max(times, 1) + 1) * times


_CONTAINERS = (list, tuple, dict, set, frozenset)


def check_items(length: int) -> None:
    """Refuse a list of `length` items when it is over the limit."""
    if length > MAX_ITEMS:
        raise items_error()


def checked_result(value: Any) -> Any:
    """`value`, if it is not a string or list over the limits."""
    kind = type(value)
    if kind is str or kind is Markup:
        if len(value) > MAX_TEXT:
            raise text_error()
        charge(len(value))
    elif kind is bool or kind is int or value is None:
        pass
    elif isinstance(value, str | bytes | bytearray):
        check_text(len(value))
        charge(len(value))
    elif isinstance(value, _CONTAINERS):
        if isinstance(value, list | tuple):
            check_items(len(value))
        charge(referenced(value))
    return value


def measure(value: Any, limit: int | None = None) -> int:
    """About how many characters `str(value)` has; counting stops soon after `limit` (default MAX_TEXT)."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, bool | float):
        return 8
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, bytes | bytearray):
        return 4 * len(value) + 3
    limit = MAX_TEXT if limit is None else limit
    if isinstance(value, Mapping):
        total = 2
        for key, item in value.items():
            total += measure(key, limit) + measure(item, limit) + 4
            if total > limit:
                break
        return total
    if isinstance(value, list | tuple | set | frozenset):
        total = 2
        for item in value:
            total += measure(item, limit) + 2
            if total > limit:
                break
        return total
    if isinstance(value, range):
        return 32
    return len(str(value))


def check_printed(value: Any) -> None:
    """Refuse to turn `value` into text when that text would be over the limit."""
    if type(value) is not str and not isinstance(value, str):
        check_text(measure(value))


# Per render: loop iterations, call depth, output and the deadline. One render is one Jinja
# context (macros and loops share their template's context), so the budget lives on it.


class Budget:
    """What one render has used so far."""

    __slots__ = ("built", "deadline", "depth", "iterations", "output")

    def __init__(self) -> None:
        """Start a render now."""
        self.deadline = time.monotonic() + TIME_LIMIT
        self.depth = 0
        self.iterations = 0
        self.output = 0
        self.built = 0

    def check_time(self) -> None:
        """Refuse to go on after the deadline."""
        if time.monotonic() > self.deadline:
            raise LimitError(f"the clause ran longer than {TIME_LIMIT:g} seconds (limit)")


_CURRENT: ContextVar[Budget | None] = ContextVar("policygen_budget", default=None)
"""The budget of the render running in this thread: what helpers without the Jinja context (a call's or
an operator's result) count against. Every helper that has the context makes its budget the current one."""


def start_render(context: Context) -> None:
    """Give the next render in `context` (one clause's block) a budget of its own."""
    context.__dict__["_policygen_budget"] = found = Budget()
    _CURRENT.set(found)


def budget(context: Context) -> Budget:
    """The budget of the render `context` belongs to (now the current one)."""
    found: Budget | None = context.__dict__.get("_policygen_budget")
    if found is None:
        found = context.__dict__["_policygen_budget"] = Budget()
    if _CURRENT.get() is not found:
        _CURRENT.set(found)
    return found


def current() -> Budget:
    """The budget of the render running now."""
    found = _CURRENT.get()
    if found is None:
        found = Budget()
        _CURRENT.set(found)
    return found


@pass_context
def bounded_loop(context: Context, iterable: Any) -> Iterator[Any]:
    """Iterate `iterable`, counting each iteration against the render's budget and checking the time."""
    used = budget(context)
    used.check_time()
    for item in iterable:
        used.iterations += 1
        if used.iterations > MAX_ITERATIONS:
            raise LimitError(f"the clause's loops run more than {MAX_ITERATIONS:,} times in one render (limit)")
        if not used.iterations & 63:
            used.check_time()
        yield item


def output(context: Context, text: str) -> str:
    """`text`, counted against the render's output limit."""
    used = budget(context)
    used.output += len(text)
    if used.output > MAX_OUTPUT:
        raise LimitError(f"the clause writes more than {MAX_OUTPUT:,} characters of output (limit)")
    return text


def concat(join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
    """`a ~ b ~ ...`: the parts joined, when the result stays under the text limit."""
    total = 0
    for part in parts:
        total += len(part) if isinstance(part, str) else measure(part)
        if total > MAX_TEXT:
            raise text_error()
    charge(total)
    return join(parts)


class CallDepth:
    """Counts one call against the render's depth limit while it runs."""

    __slots__ = ("used",)

    def __init__(self, context: Context) -> None:
        """Enter a call of the render of `context`: check the time and the depth."""
        self.used = budget(context)
        self.used.check_time()
        self.used.depth += 1
        if self.used.depth > MAX_DEPTH:
            self.used.depth -= 1
            raise LimitError(f"the clause calls macros or loops more than {MAX_DEPTH} deep (limit)")

    def __enter__(self) -> None:
        """Nothing more to do: `__init__` entered."""

    def __exit__(self, *exc: object) -> None:
        """Leave the call."""
        self.used.depth -= 1


















# Filters: the value a filter turns into text is measured first, arguments that say how big the
# result will be are checked, and every result is checked after.









