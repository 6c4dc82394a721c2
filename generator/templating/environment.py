"""The Jinja2 environments (plain for our clauses, sandboxed for a user's), per-format escaping and filters.

A clause is written once, as Markdown with Jinja2 placeholders. When the
library loads, each clause becomes two templates:

- a Markdown template: the source itself, whose values are Markdown-escaped
  when they are printed;
- an HTML template: the source converted by Python-Markdown *once*, with its
  Jinja constructs protected as inert tokens during the conversion and put
  back afterwards (`generator/templating/mdconvert.py`); its values are HTML-escaped
  by autoescaping.

Building a policy is then only template rendering. Answer values are only
ever context, never template source, so `{{ 7*7 }}` in a business name stays
literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import EscapeFormatter, Markup

from generator.templating import bounded as bounded_ops
from generator.templating import limits
from generator.templating.filters import HtmlFilters, MarkdownFilters, country, ended, escape_markdown, format_date, join_words, labels, sentence
from generator.templating.plain import PlainEnvironment
from generator.templating.tracking import TrackingCodeGenerator, TrackingMixin

Format = Literal["md", "html"]

_MAX_RANGE = 10_000


def _bounded_range(*args: int) -> range:
    """`range` for clauses, refusing ranges long enough to hang a build."""
    numbers = range(*args)
    if len(numbers) > _MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers)} items is too long for a clause (at most {_MAX_RANGE})")
    return numbers


class _NoTemplates(BaseLoader):
    """Clauses are self-contained: `include`, `import` and `extends` find nothing."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Refuse every template name."""
        raise TemplateNotFound(template, f"'{template}': clauses and page templates cannot include, import or extend other templates")


class _BoundedEscapeFormatter(bounded_ops.BoundedFormatter, EscapeFormatter):
    """`Markup.format` for clauses: escaping, and refusing results over the text limit."""


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox for clauses from a user's folder, with sizes, loops, call depth and time bounded (`generator/templating/limits.py`).

    Everything else (which attributes a clause may reach, what it may call) is Jinja's own sandbox.
    """

    policygen_bounded = True
    code_generator_class = bounded_ops.BoundedCodeGenerator
    # Jinja's operator intercepting: powers, repetitions, `+` and `%` are checked before they run.
    intercepted_binops = frozenset(["**", "*", "+", "%"])
    policygen_concat = staticmethod(limits.concat)
    policygen_output = staticmethod(limits.output)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own names, so no keyword argument of a clause can clash
        """Call `__obj` from a clause: counted against the depth and time limits, its result's size checked."""
        args = bounded_ops.check_method(__obj, args)
        with limits.CallDepth(__context):
            result = super().call(__context, __obj, *args, **kwargs)
        return limits.checked_result(result)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse powers, `+`, `*` and `%` results over the size limits, then Jinja's own operation."""
        bounded_ops.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `str.format_map` for clauses: Jinja's sandboxed formatting, refusing results over the text limit."""
        if super().wrap_str_format(value) is None:
            return None
        owner: str = value.__self__
        is_format_map = value.__name__ == "format_map"
        formatter = _BoundedEscapeFormatter(self, escape=owner.escape) if isinstance(owner, Markup) else bounded_ops.BoundedFormatter(self)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument and no keyword arguments")
                kwargs, args = args[0], ()
            result: str = limits.checked_result(type(owner)(formatter.vformat(owner, args, kwargs)))
            return result

        return wrapper


def _bounded_finalize(fmt: Format) -> Callable[[Any], Any]:
    if fmt == "md":

        def finalize_md(value: Any) -> Any:
            limits.check_printed(value)
            return escape_markdown(value)

        return finalize_md

    def finalize_html(value: Any) -> Any:
        limits.check_printed(value)
        return value

    return finalize_html


class _TrackingEnvironment(TrackingMixin, Environment):
    """A plain environment that records what its templates read (`generator/templating/tracking.py`)."""

    code_generator_class = TrackingCodeGenerator


class _TrackingBoundedCodeGenerator(TrackingCodeGenerator, bounded_ops.BoundedCodeGenerator):
    """The bounded code generator, with context names tracked."""


class _TrackingBoundedSandbox(TrackingMixin, _BoundedSandbox):
    """The bounded sandbox of a user's clauses, recording what they read."""

    code_generator_class = _TrackingBoundedCodeGenerator


_CLASSES: dict[tuple[bool, bool], type[Environment]] = {
    (False, False): PlainEnvironment,
    (True, False): _BoundedSandbox,
    (False, True): _TrackingEnvironment,
    (True, True): _TrackingBoundedSandbox,
}


def make_environment(fmt: Format, *, bounded: bool = False, loader: BaseLoader | None = None, tracking: bool = False) -> Environment:
    """Create a Jinja environment that is strict and escapes every printed value for `fmt`.

    The built-in clauses and page templates are our own code, and answers only ever reach
    them as context, so they render in a plain `jinja2.Environment` (`PlainEnvironment`, whose
    compiled code prints values more cheaply: `generator/templating/plain.py`). `bounded` (for clauses
    from a user's folder) gives Jinja's `ImmutableSandboxedEnvironment` instead, which also
    bounds what a template may build, how long it may loop, how deep it may call and how
    long it may take (`generator/templating/limits.py`). `loader` (default: none, so
    `include`, `import` and `extends` find nothing) serves the library's own templates.
    `tracking` gives the same environment recording what its templates read, for the claims
    ledger (`generator/templating/tracking.py`).
    """
    formatter = MarkdownFilters() if fmt == "md" else HtmlFilters()
    finalize: Callable[[Any], Any] | None = escape_markdown if fmt == "md" else None
    if bounded:
        finalize = _bounded_finalize(fmt)
    env = _CLASSES[bounded, tracking](
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=0,
        loader=loader or _NoTemplates(),
    )
    env.filters.update(
        bullets=formatter.bullets,
        link=formatter.link,
        mailto=formatter.mailto,
        tel=formatter.tel,
        strong=formatter.strong,
        table=formatter.table,
        date=format_date,
        join_words=join_words,
        country=country,
        sentence=sentence,
        ended=ended,
        labels=labels,
    )
    if bounded:
        env.filters = {name: bounded_ops.bounded_filter(name, function) for name, function in env.filters.items()}
        env.filters[limits.LOOP_FILTER] = limits.bounded_loop
    env.globals.clear()
    env.globals.update(range=_bounded_range)
    return env


def is_bounded(env: Environment) -> bool:
    """Whether `env` is a bounded environment (`make_environment(..., bounded=True)`)."""
    return bool(getattr(env, "policygen_bounded", False))
