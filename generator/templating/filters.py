"""The filters clauses use, one implementation per output format, and how answer values are escaped for Markdown.

HTML values are escaped by Jinja's autoescaping (markupsafe); Markdown has no such thing, so
`escape_markdown` makes any value print literally (never as Markdown, HTML, a link or attributes).
The structure filters (`bullets`, `table`, `link`, `mailto`, `tel`, `strong`) build their own
markup, escaped, in `MarkdownFilters` and `HtmlFilters`; `make_environment`
(`generator/templating/environment.py`) installs one set per format.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import quote

import markupsafe
from markupsafe import Markup, escape

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
_MD_TARGET_CHARS = re.compile("[" + re.escape("".join(map(chr, _MD_TARGET))) + "]")
"""The characters `_MD_TARGET` changes: an address without them (most) is not translated (`str.translate` with a dict looks
every other character up and fails, raising and clearing a KeyError per character)."""
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


escaped_before: Callable[[str], MarkdownText | None] = _MD_CACHE.get
"""`escape_markdown(text)` for a `str` escaped before (kept in its bounded cache), else None: a dictionary lookup where the
plain environment's compiled code (`generator/templating/plain.py`) would otherwise call `escape_markdown` per value printed."""



def _escape_as_markup(text: str) -> str:
    return str(escape(text))


escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _escape_as_markup)
"""`str(markupsafe.escape(text))` for a `str`: MarkupSafe 3's own escaping, which `escape` wraps in a new `Markup`
object (two Python calls); with an older MarkupSafe, `escape` itself. `tests/test_plain_code.py` compares them."""


def html_text(value: object) -> str:
    """`str(markupsafe.escape(value))`, without the `Markup` objects `escape` builds: a `Markup` (or `__html__`) value as it says."""
    if type(value) is str:
        return escape_str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape_str(str(value))


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
    made = _COUNTRIES.get(name) if type(name) is str else None
    if made is None:
        text = str(name)
        made = f"the {text}" if text.strip().lower() in _WITH_THE else text
        if type(name) is str:
            _remember(_COUNTRIES, name, made)
    return made


_COUNTRIES: dict[str, str] = {}
"""What `country` made of each name (a bounded cache)."""


def ended(value: object) -> str:
    """The owner's text that ends a sentence of ours: with a full stop unless it ends in one ('.', '!' or '?')."""
    text = str(value).strip()
    return text if not text or text[-1] in ".!?" else text + "."


def sentence(value: object) -> str:
    """A piece of the owner's text as a sentence of its own: a capital first letter, and a full stop unless it ends in one."""
    text = ended(value)
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[object], last: str = "and") -> str:
    """Join items as 'a, b and c'; as 'a, b and c, and d' when an item has the joining word in it, so the last one stays apart."""
    words = list(map(str, items))
    if len(words) < 2:
        return "".join(words)
    joiner = f" {last} "
    # The joiner inside one of the words: in their text joined by a character the joiner lacks, a match cannot span two words.
    comma = "," if (joiner in "\x00".join(words) if "\x00" not in joiner else any(joiner in word for word in words)) else ""
    return f"{', '.join(words[:-1])}{comma}{joiner}{words[-1]}"


def labels(items: Iterable[Any]) -> list[str]:
    """Each item's label (a vocabulary member's), or the item as text."""
    return [getattr(item, "label", None) or str(item) for item in items]


def _markup(html: str) -> Markup:
    """`Markup(html)` for a `str` our own filter built (and escaped): without the `__html__` probe."""
    return str.__new__(Markup, html)


_MADE_SIZE = 4096


def _remember(made: dict[str, Any], key: str, value: Any) -> Any:
    """Keep `value`, what a filter made of the text `key`, in its bounded cache `made`; return it."""
    if len(made) >= _MADE_SIZE:
        made.clear()
    made[key] = value
    return value


_Made = TypeVar("_Made", bound=str)
"""What a format's filters make: `MarkdownText` or `Markup`."""


class _LinkFilters(ABC, Generic[_Made]):
    """What both formats' filters share: mail and phone links made by the format's own `link`.

    What `strong`, `mailto` and `tel` make of a `str` is kept in a bounded cache per filter.
    """

    def __init__(self) -> None:
        self._strong: dict[str, _Made] = {}
        self._mailto: dict[str, _Made] = {}
        self._tel: dict[str, _Made] = {}

    @abstractmethod
    def link(self, url: str, text: object = None) -> _Made:
        """A link to `url`, showing `text` (or the address itself), both escaped, in the format's markup."""

    def mailto(self, email: str) -> _Made:
        """A mail link to `email`."""
        made = self._mailto.get(email) if type(email) is str else None
        if made is None:
            # Percent-encoded, so no `?`, `&`, `#` or `%` of a strange address can add headers or a body to the link.
            made = self.link(f"mailto:{quote(email, safe='@.+-_')}", email)
            if type(email) is str:
                _remember(self._mailto, email, made)
        return made

    def tel(self, phone: str) -> _Made:
        """A phone link to `phone` (its digits and + only)."""
        made = self._tel.get(phone) if type(phone) is str else None
        if made is None:
            made = self.link("tel:" + _NOT_DIAL.sub("", phone), phone)
            if type(phone) is str:
                _remember(self._tel, phone, made)
        return made


class MarkdownFilters(_LinkFilters[MarkdownText]):
    """Filters that produce structure, for Markdown output.

    What `strong`, `mailto` and `tel` make of a `str` is kept (a bounded cache per filter): a policy prints the same
    labels, names and addresses many times, in every policy (vocabulary labels, catalogue names) or in one (its email).
    """

    text = staticmethod(escape_markdown)

    @staticmethod
    def wrap(value: str) -> MarkdownText:
        """Mark text the filter built (and escaped) as output to print as it is."""
        return str.__new__(MarkdownText, value)

    def bullets(self, items: Iterable[object]) -> MarkdownText:
        """A bulleted list of the items, each escaped."""
        return self.wrap("\n".join(f"- {escape_markdown(item)}" for item in items))

    def link(self, url: str, text: object = None) -> MarkdownText:
        """A link to `url`, showing `text` (or the address itself), both escaped."""
        target = url.translate(_MD_TARGET) if _MD_TARGET_CHARS.search(url) is not None else url
        return self.wrap(f"[{escape_markdown(url if text is None else text)}]({target})")

    def strong(self, value: object) -> MarkdownText:
        """The value in bold, escaped."""
        if type(value) is not str:
            return self.wrap(f"**{escape_markdown(value)}**")
        made = self._strong.get(value)
        if made is None:
            made = _remember(self._strong, value, self.wrap(f"**{escape_markdown(value)}**"))
        return made

    def table(self, rows: Sequence[Sequence[object]], headers: Sequence[str]) -> MarkdownText:
        """A table with `headers` and `rows` (a `Link` cell becomes a link)."""
        lines = ["| " + " | ".join(self._cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        for row in rows:
            # A str cell (most of them) takes its escaping from the cache without a call; the rest go through `_cell`.
            cells = [(_MD_CACHE.get(value) or escape_markdown(value)) if type(value) is str else self._cell(value) for value in row]
            lines.append("| " + " | ".join(cells) + " |")
        return self.wrap("\n".join(lines))

    def _cell(self, value: object) -> str:
        if isinstance(value, Link):
            return self.link(value.url, value.text)
        return value if isinstance(value, MarkdownText) else escape_markdown(value)


class HtmlFilters(_LinkFilters[Markup]):
    """Filters that produce structure, for HTML output (their results are `Markup`, so autoescaping leaves them).

    What `strong`, `mailto` and `tel` make of a `str` is kept, as in `MarkdownFilters`.
    """

    @staticmethod
    def text(value: object) -> str:
        """The value escaped for HTML, as text."""
        return html_text(value)

    wrap = staticmethod(_markup)

    def bullets(self, items: Iterable[object]) -> Markup:
        """A bulleted list of the items, each escaped."""
        return _markup("<ul>\n" + "".join(f"<li>{html_text(item)}</li>\n" for item in items) + "</ul>")

    def link(self, url: str, text: object = None) -> Markup:
        """A link to `url`, showing `text` (or the address itself), both escaped."""
        return _markup(f'<a href="{html_text(url)}">{html_text(url if text is None else text)}</a>')

    def strong(self, value: object) -> Markup:
        """The value in bold, escaped."""
        if type(value) is not str:
            return _markup(f"<strong>{html_text(value)}</strong>")
        made = self._strong.get(value)
        if made is None:
            made = _remember(self._strong, value, _markup(f"<strong>{escape_str(value)}</strong>"))
        return made

    def table(self, rows: Sequence[Sequence[object]], headers: Sequence[str]) -> Markup:
        """A table with `headers` and `rows` (a `Link` cell becomes a link)."""
        names = [html_text(h) for h in headers]
        head = "".join(f'<th scope="col">{name}</th>' for name in names)
        # Each cell names its column (`data-label`): on a phone the stylesheet lays rows out as cards, each value under its label.
        opens = [f'<td data-label="{name}">' for name in names]
        body = []
        for row in rows:
            # A str cell (most of them) is escaped at once; the rest go through `_cell`.
            cells = [_mark_long_words(escape_str(value)) if type(value) is str else self._cell(value) for value in row]
            labels = opens if len(cells) <= len(opens) else [*opens, *["<td>"] * (len(cells) - len(opens))]
            body.append("<tr>" + "".join(f"{label}{cell}</td>" for label, cell in zip(labels, cells, strict=False)) + "</tr>\n")
        return _markup(f'<div class="table-wrap"><table class="pp-cards">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{"".join(body)}</tbody>\n</table></div>')

    def _cell(self, value: object) -> str:
        if isinstance(value, Link):
            return self.link(value.url, value.text)
        return value if isinstance(value, Markup) else _mark_long_words(html_text(value))


_NOT_DIAL = re.compile(r"[^0-9+]")


_LONG_WORD = re.compile(r"[^\s<>]{31,}")


def _mark_long_words(html: str) -> str:
    """Wrap each run of over 30 characters without a space (an address, an id) in `<span class="pp-long">`.

    A table sizes each column to its longest word before it wraps anything, so one long word would
    widen its column past the page; the stylesheets let a marked word break anywhere, and leave
    every ordinary word whole.
    """
    if len(html) <= 30 or max(map(len, html.split())) <= 30:  # each run the pattern finds is inside one whitespace-separated word
        return html
    return _LONG_WORD.sub(lambda match: f'<span class="pp-long">{match.group()}</span>', html)


BLOCK_FILTERS = ("bullets", "table")
