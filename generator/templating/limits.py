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

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedFormatter
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


# Sizes known before the value is made.

MAX_POWER = 256
"""The largest exponent of `**`."""

_MAX_BITS = 1 << 16
"""Bits of a product of two numbers (about 20,000 digits)."""

_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.DOTALL)


def check_percent(template: Any, values: Any) -> int:
    """Refuse `template % values` when the text it makes would be over the limit (a width, a precision, many fields)."""
    text = template.decode("latin-1") if isinstance(template, bytes | bytearray) else str(template)
    if "%" not in text:
        return len(text)
    if isinstance(values, tuple):
        positional: Sequence[Any] = values
    else:
        positional = (values,)
    mapping = values if isinstance(values, Mapping) else {}
    total = len(text)
    index = 0
    for match in _PRINTF.finditer(text):
        key, width, precision, conversion = match.groups()
        if conversion == "%":
            continue
        if width == "*" or precision == "*":
            raise LimitError("the clause uses a '*' width or precision in '%' formatting; write the number into the format")
        if key is not None:
            value = mapping.get(key, "")
        else:
            value = positional[index] if index < len(positional) else ""
            index += 1
        shown = measure(value) * (4 if conversion in "ra" else 1)
        total += int(width or 0) + int(precision or 0) + shown + 8
        if total > MAX_TEXT:
            raise text_error()
    return total


class BoundedFormatter(SandboxedFormatter):
    """`str.format` for clauses: Jinja's sandboxed formatter, refusing results over the text limit."""

    def __init__(self, env: Any, **kwargs: Any) -> None:
        """A formatter whose total starts at zero."""
        super().__init__(env, **kwargs)
        self.total = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        """Format one field, after checking its width and its value's size."""
        self.total += _spec_size(format_spec) + measure(value)
        if self.total > MAX_TEXT:
            raise text_error()
        return super().format_field(value, format_spec)

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        """Format, starting the count again."""
        self.total = len(format_string)
        result: str = super().vformat(format_string, args, kwargs)
        return result


_SPEC_NUMBERS = re.compile(r"\d+")


def _spec_size(spec: str) -> int:
    return sum(int(number) for number in _SPEC_NUMBERS.findall(spec)) if spec else 0


def check_method(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a str or bytes method call whose result would be over the limit; the arguments to call it with."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, str | bytes | bytearray):
        if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
            check_text(args[0])
        elif name == "expandtabs":
            size = args[0] if args and isinstance(args[0], int) else 8
            tab: Any = "\t" if isinstance(owner, str) else b"\t"
            check_text(len(owner) + owner.count(tab) * max(size, 0))
        elif name == "replace" and len(args) >= 2:
            old, new = args[0], args[1]
            count = owner.count(old) + (1 if not old else 0)
            if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
                count = min(count, args[2])
            check_text(len(owner) + count * max(len(new) - len(old), 0))
        elif name == "join" and args:
            items = list(args[0])
            check_items(len(items))
            check_text(sum(measure(item) for item in items) + len(owner) * len(items))
            return (items, *args[1:])
        elif name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((measure(value) for value in args[0].values()), default=1)
            check_text(len(owner) * max(longest, 1))
    elif isinstance(owner, int) and name == "to_bytes" and args and isinstance(args[0], int):
        check_text(args[0])
    return args


# Filters: the value a filter turns into text is measured first, arguments that say how big the
# result will be are checked, and every result is checked after.

_STRINGIFYING = frozenset(
    "capitalize center e escape forceescape format indent lower pprint replace safe string striptags title tojson trim "
    "truncate upper urlencode urlize wordcount wordwrap xmlattr bullets join_words labels link mailto tel strong".split()
)


def _check_filter(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any], environment: Any) -> None:
    if name in _STRINGIFYING:
        check_printed(value)
    if name == "table" or name in ("bullets", "join_words", "labels"):
        check_printed(list(value) if not isinstance(value, list | tuple) else value)
    if name == "center":
        width = args[0] if args else kwargs.get("width", 80)
        check_text(width if isinstance(width, int) else 0)
    elif name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        size = width if isinstance(width, int) else measure(width)
        lines = (value if isinstance(value, str) else str(value)).count("\n") + 1
        check_text(measure(value) + lines * max(size, 0))
    elif name == "format":
        check_percent(value, kwargs or args)
    elif name == "replace" and len(args) >= 2:
        text = value if isinstance(value, str) else str(value)
        old, new = str(args[0]), str(args[1])
        count = text.count(old) + (1 if not old else 0)
        check_text(len(text) + count * max(len(new) - len(old), 0))
    elif name == "wordwrap":
        wrapstring = args[2] if len(args) > 2 else kwargs.get("wrapstring")
        check_text(measure(value) * (1 + (measure(wrapstring) if wrapstring else 1)))
    elif name == "join":
        separator = args[0] if args else kwargs.get("d", "")
        attribute = args[1] if len(args) > 1 else kwargs.get("attribute")
        items = list(value)
        if attribute is not None:
            items = list(map(make_attrgetter(environment, attribute), items))
        check_items(len(items))
        check_text(sum(measure(item) for item in items) + measure(separator) * len(items))
    elif name in ("batch", "slice"):
        count = args[0] if args else kwargs.get("linecount", kwargs.get("slices", 1))
        if isinstance(count, int):
            check_items(count)
    elif name == "sum":
        start = args[1] if len(args) > 1 else kwargs.get("start", 0)
        if isinstance(start, list | tuple):
            check_items(len(start) + sum(len(item) for item in value if isinstance(item, list | tuple)))


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, the filter called `name`, with its sizes checked before and after."""
    pass_arg = getattr(function, "jinja_pass_arg", None)
    offset = 0 if pass_arg is None else 1

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if len(args) > offset:
            environment = args[0] if pass_arg is not None else None
            environment = getattr(environment, "environment", environment)
            _check_filter(name, args[offset], args[offset + 1 :], kwargs, environment)
        return checked_result(function(*args, **kwargs))

    bounded.__name__ = getattr(function, "__name__", name)
    bounded.__doc__ = function.__doc__
    if pass_arg is not None:
        bounded.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return bounded


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left <operator> right` when the result would be over the limits."""
    if operator == "**":
        if isinstance(right, int) and (right > MAX_POWER or (isinstance(left, int) and abs(left) > 2**64)):
            raise LimitError(f"the power {left!r} ** {right!r} is too large for a clause")
    elif operator == "+":
        if isinstance(left, str | bytes) and isinstance(right, str | bytes):
            check_text(len(left) + len(right))
            charge(len(left) + len(right))
        elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
            check_items(len(left) + len(right))
            charge(referenced(left) + referenced(right))
    elif operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(times, int) and not isinstance(times, bool):
                if isinstance(sequence, str | bytes):
                    check_text(len(sequence) * times)
                    charge(len(sequence) * max(times, 0))
                elif isinstance(sequence, list | tuple):
                    check_items(len(sequence) * times)
                    if times > 0:
                        charge(referenced(sequence, times))
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > _MAX_BITS:
            raise LimitError("the clause multiplies numbers too large for a policy (limit)")
    elif operator == "%" and isinstance(left, str | bytes):
        charge(check_percent(left, right))


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, sending loops, `~` and output through the helpers of this module.

    Every `{% for %}` iterable goes through the `LOOP_FILTER` filter (`bounded_loop`), every
    `a ~ b` through `environment.policygen_concat` and every piece of output through
    `environment.policygen_output`.
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """Wrap each loop's iterable before Jinja collects the filters the template uses."""
        for loop in node.find_all(nodes.For):
            if not (isinstance(loop.iter, nodes.Filter) and loop.iter.name == LOOP_FILTER):
                wrapped = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
                wrapped.set_environment(self.environment)
                loop.iter = wrapped
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        """`a ~ b`, joined by the bounded helper."""
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.policygen_concat({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.policygen_output(context, {super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write("environment.policygen_output(context, ")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")
