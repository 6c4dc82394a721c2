"""How each operation of a clause from a user's folder is checked against the limits of `limits.py`.

`%` and `str.format` widths, str methods, filters and operators are checked before they build
their value; the code generator sends every loop, concatenation and piece of output through
the render's budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.filters import make_attrgetter
from jinja2.sandbox import SandboxedFormatter

from generator.templating.limits import (
    LOOP_FILTER,
    MAX_TEXT,
    LimitError,
    charge,
    check_items,
    check_printed,
    check_text,
    checked_result,
    measure,
    referenced,
    text_error,
)

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
            if isinstance(args[offset], Iterator):
                # A generator (what map, select and reject give) can be read once: read it here, so the checks and
                # the filter see the same items (checking first would leave the filter an exhausted generator).
                args = (*args[:offset], list(args[offset]), *args[offset + 1 :])
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

