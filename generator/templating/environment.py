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

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, NamedTuple
from urllib.parse import quote

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import EscapeFormatter, Markup, escape

from generator.templating import bounded as bounded_ops
from generator.templating import limits
from generator.templating.tracking import TrackingCodeGenerator, TrackingMixin

Format = Literal["md", "html"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


class Link(NamedTuple):
    """A link inside a table cell; the `table` filter renders it in the output's format."""

    url: str
    text: str


class MarkdownText(str):
    """Markdown that a filter produced on purpose; printed without further escaping."""

    __slots__ = ()


# Backslash escapes only for characters both Python-Markdown and CommonMark accept escaped
# (`{` and `}` too: attr_list would read `{: onclick=...}` as attributes); `<`, `|`, `~` and
# an `&` that starts an entity become entities, since Python-Markdown shows `\<` and `\|` with
# the backslash and would pass `<script>` through as raw HTML.
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}>#])")
_MD_AS_ENTITY = {"<": "&lt;", "|": "&#124;", "~": "&#126;"}
# At the start of a value (which may land at the start of a line): a list marker (`- `, `+ `,
# `1. `), and any `-` or `=` run, which alone on a line is a thematic break or a setext heading's
# underline under every engine (`*` and `_` are escaped everywhere anyway). Python-Markdown does
# not take `\=` as an escape, so `=` becomes an entity.
_MD_LINE_START = re.compile(r"^(\s*)(?:(-)|(\+)(?=\s|$)|=)")
_MD_ORDERED_START = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
# Bare web addresses, which GitHub-flavoured Markdown (and markdown-it's linkify) turn into links:
# the `:` of `http://` and the `.` of `www.` become entities, which every engine shows as the same
# characters and none of them scans for links.
_MD_AUTOLINK = re.compile(r"(https?):(?=//)|(www)\.", re.IGNORECASE)


def _line_start(match: re.Match[str]) -> str:
    marker = match.group(2) or match.group(3)
    return f"{match.group(1)}\\{marker}" if marker else f"{match.group(1)}&#61;"


def _autolink(match: re.Match[str]) -> str:
    return f"{match.group(1)}&#58;" if match.group(1) else f"{match.group(2)}&#46;"


# Any character one of the steps below may change: line boundaries (as `str.splitlines` sees them),
# the backslash-escaped characters and the ones that become entities. Text without them (most
# answer values) skips straight to the two line-start checks.
_MD_NEEDS_WORK = re.compile(r"[\\`*_\[\]{}>#<|~&\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_MD_ENTITY_TABLE = str.maketrans(_MD_AS_ENTITY)
# Characters percent-encoded in a Markdown link target: those that end it or start an escape,
# and `|`, which would split a table cell under Python-Markdown's tables extension.
_MD_TARGET = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "|": "%7C", "\\": "%5C", "<": "%3C", ">": "%3E", "`": "%60"})
_MD_CACHE: dict[str, MarkdownText] = {}
_MD_CACHE_SIZE = 4096


def _escape_markdown_text(text: str) -> MarkdownText:
    if _MD_NEEDS_WORK.search(text) is not None:
        text = " ".join(text.splitlines())
        text = _MD_ENTITY.sub("&amp;", text)
        text = _MD_SPECIAL.sub(r"\\\1", text)
        text = text.translate(_MD_ENTITY_TABLE)
    if _MD_AUTOLINK.search(text) is not None:
        text = _MD_AUTOLINK.sub(_autolink, text)
    start = text.lstrip()[:1]
    if start and (start in "-+=" or start.isdigit()):
        text = _MD_LINE_START.sub(_line_start, text, count=1)
        text = _MD_ORDERED_START.sub(r"\1\\\2", text)
    if text[:1].isspace() and (text[0] != " " or text[1:2].isspace()):  # at a line start, 4 spaces or a tab start a code block
        text = "&#32;" + text.lstrip()
    if text[-2:].isspace():  # at a line end, two spaces would be a line break
        text = text.rstrip() + " "
    return MarkdownText(text)


def escape_markdown(value: object) -> MarkdownText:
    """Escape a value so Markdown shows it literally (and never as HTML, a link or attributes)."""
    if isinstance(value, MarkdownText):
        return value
    text = str(value)
    cached = _MD_CACHE.get(text)
    if cached is None:
        cached = _escape_markdown_text(text)
        if len(_MD_CACHE) >= _MD_CACHE_SIZE:
            _MD_CACHE.clear()
        _MD_CACHE[text] = cached
    return cached


def format_date(value: dt.date) -> str:
    """Format a date as '5 March 2026', the same on every machine and locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_WITH_THE = frozenset(
    {"united kingdom", "united states", "united arab emirates", "netherlands", "philippines", "czech republic", "bahamas", "gambia", "maldives"}
    | {"dominican republic", "central african republic", "democratic republic of the congo", "republic of the congo", "marshall islands"}
    | {"solomon islands", "cayman islands", "channel islands", "isle of man", "comoros", "seychelles", "vatican city"}
)


def country(name: object) -> str:
    """A country's name as it reads after "in": "the United Kingdom", "the Netherlands", "India"."""
    text = str(name)
    return f"the {text}" if text.strip().lower() in _WITH_THE else text


def sentence(value: object) -> str:
    """A piece of the owner's text as a sentence of its own: a capital first letter, and a full stop unless it ends in one."""
    text = str(value).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def join_words(items: Iterable[object], last: str = "and") -> str:
    """Join items as 'a, b and c'."""
    words = [str(item) for item in items]
    if len(words) <= 2:
        return f" {last} ".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _labels(items: Iterable[Any]) -> list[str]:
    return [getattr(item, "label", None) or str(item) for item in items]


def _markup(html: str) -> Markup:
    """`Markup(html)` for a `str` our own filter built (and escaped): without the `__html__` probe."""
    return str.__new__(Markup, html)


class _MarkdownFilters:
    """Filters that produce structure, for Markdown output."""

    text = staticmethod(escape_markdown)

    @staticmethod
    def wrap(value: str) -> MarkdownText:
        return str.__new__(MarkdownText, value)

    def bullets(self, items: Iterable[object]) -> MarkdownText:
        return self.wrap("\n".join(f"- {escape_markdown(item)}" for item in items))

    def link(self, url: str, text: object = None) -> MarkdownText:
        return self.wrap(f"[{escape_markdown(url if text is None else text)}]({url.translate(_MD_TARGET)})")

    def mailto(self, email: str) -> MarkdownText:
        # Percent-encoded, so no `?`, `&`, `#` or `%` of a strange address can add headers or a body to the link.
        return self.link(f"mailto:{quote(email, safe='@.+-_')}", email)

    def tel(self, phone: str) -> MarkdownText:
        return self.link("tel:" + _NOT_DIAL.sub("", phone), phone)

    def strong(self, value: object) -> MarkdownText:
        return self.wrap(f"**{escape_markdown(value)}**")

    def table(self, rows: Sequence[Sequence[object]], headers: Sequence[str]) -> MarkdownText:
        def cell(value: object) -> str:
            if isinstance(value, Link):
                return self.link(value.url, value.text)
            return value if isinstance(value, MarkdownText) else escape_markdown(value)

        lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
        return self.wrap("\n".join(lines))


class _HtmlFilters:
    """Filters that produce structure, for HTML output (their results are `Markup`, so autoescaping leaves them)."""

    @staticmethod
    def text(value: object) -> str:
        return str(escape(value))

    wrap = staticmethod(_markup)

    def bullets(self, items: Iterable[object]) -> Markup:
        return _markup("<ul>\n" + "".join(f"<li>{escape(item)}</li>\n" for item in items) + "</ul>")

    def link(self, url: str, text: object = None) -> Markup:
        return _markup(f'<a href="{escape(url)}">{escape(url if text is None else text)}</a>')

    def mailto(self, email: str) -> Markup:
        # Percent-encoded, so no `?`, `&`, `#` or `%` of a strange address can add headers or a body to the link.
        return self.link(f"mailto:{quote(email, safe='@.+-_')}", email)

    def tel(self, phone: str) -> Markup:
        return self.link("tel:" + _NOT_DIAL.sub("", phone), phone)

    def strong(self, value: object) -> Markup:
        return _markup(f"<strong>{escape(value)}</strong>")

    def table(self, rows: Sequence[Sequence[object]], headers: Sequence[str]) -> Markup:
        def cell(value: object) -> str:
            if isinstance(value, Link):
                return self.link(value.url, value.text)
            return value if isinstance(value, Markup) else _mark_long_words(str(escape(value)))

        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{cell(value)}</td>" for value in row) + "</tr>\n" for row in rows)
        return _markup(f'<div class="table-wrap"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table></div>')


_NOT_DIAL = re.compile(r"[^0-9+]")


_LONG_WORD = re.compile(r"[^\s<>]{31,}")


def _mark_long_words(html: str) -> str:
    """Wrap each run of over 30 characters without a space (an address, an id) in `<span class="pp-long">`.

    A table sizes each column to its longest word before it wraps anything, so one long word would
    widen its column past the page; the stylesheets let a marked word break anywhere, and leave
    every ordinary word whole.
    """
    return _LONG_WORD.sub(lambda match: f'<span class="pp-long">{match.group()}</span>', html) if len(html) > 30 else html


BLOCK_FILTERS = ("bullets", "table")


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
    (False, False): Environment,
    (True, False): _BoundedSandbox,
    (False, True): _TrackingEnvironment,
    (True, True): _TrackingBoundedSandbox,
}


def make_environment(fmt: Format, *, bounded: bool = False, loader: BaseLoader | None = None, tracking: bool = False) -> Environment:
    """Create a Jinja environment that is strict and escapes every printed value for `fmt`.

    The built-in clauses and page templates are our own code, and answers only ever reach
    them as context, so they render in a plain `jinja2.Environment`. `bounded` (for clauses
    from a user's folder) gives Jinja's `ImmutableSandboxedEnvironment` instead, which also
    bounds what a template may build, how long it may loop, how deep it may call and how
    long it may take (`generator/templating/limits.py`). `loader` (default: none, so
    `include`, `import` and `extends` find nothing) serves the library's own templates.
    `tracking` gives the same environment recording what its templates read, for the claims
    ledger (`generator/templating/tracking.py`).
    """
    formatter = _MarkdownFilters() if fmt == "md" else _HtmlFilters()
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
        labels=_labels,
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
