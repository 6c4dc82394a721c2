"""Escaped values read the same under every Markdown engine a policy meets.

The Markdown output goes into MkDocs (Python-Markdown with `tables`), CommonMark
sites and GitHub (GitHub-flavoured Markdown, which also turns bare web addresses
into links). A value printed by a clause must come out as the same visible text
in each, stay one table cell in a table, and make no link, rule or heading.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.templating.environment import make_environment
from generator.templating.filters import Link, escape_markdown

_COMMONMARK = MarkdownIt("commonmark")
_GFM = MarkdownIt("gfm-like").disable("linkify")  # linkify-it-py is not installed: GFM's autolinks are checked by their rule below


_PYTHON_MARKDOWN = markdown.Markdown(extensions=["tables"])


def python_markdown(text: str) -> str:
    """What `markdown.markdown(text, extensions=["tables"])` gives, from one converter reset before each text."""
    return _PYTHON_MARKDOWN.reset().convert(text)


ENGINES = {"python-markdown": python_markdown, "commonmark": _COMMONMARK.render, "gfm": _GFM.render}

# GFM's extended autolinks: `www.` or `http://`/`https://` after the start, whitespace or `*`, `_`, `~`, `(`.
GFM_AUTOLINK = re.compile(r"(?:^|(?<=[\s*_~(]))(?:www\.|https?://)", re.IGNORECASE)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.cells: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.cells.append([])
        if tag in ("td", "th"):
            self.cells[-1].append("")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cells and self.cells[-1] and self.tags and self.tags[-1] in ("td", "th", "a"):
            self.cells[-1][-1] += data


def page(html: str) -> Page:
    parsed = Page()
    parsed.feed(html)
    parsed.close()
    return parsed


def visible(html: str) -> str:
    return " ".join("".join(page(html).text).split())


def shown(value: str) -> str:
    return " ".join(value.split())


# Values built from the characters that mean something in Markdown, runs of them, and web addresses.
PIECES = st.sampled_from(
    "- -- --- === * *** _ ___ + # | a|b > 1. 2) : // . www. WWW. http:// https:// HTTPS:// www.evil.example "
    "https://evil.example/x?y=1 ( ) [ ] ` ~ \\ ! < & &amp; &#58; { } x word Ab 42".split(" ")
    + ["- - -", "=", " ", "  "]
)
VALUES = st.lists(PIECES, min_size=1, max_size=6).map("".join).filter(lambda value: value.strip() != "")


def _no_surprises(html: str) -> None:
    tags = page(html).tags
    for tag in ("a", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "img", "em", "strong", "blockquote", "ol", "ul", "del", "s"):
        assert tag not in tags, (tag, html)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_a_value_reads_the_same_everywhere_it_can_land(value: str) -> None:
    escaped = escape_markdown(value)
    assert not GFM_AUTOLINK.search(escaped), escaped
    for where, text, expected in (
        ("paragraph", f"{escaped}", shown(value)),
        ("after a line of text", f"Some text\n{escaped}", f"Some text {shown(value)}"),
        ("inside a sentence", f"We keep {escaped} here.", f"We keep {shown(value)} here."),
    ):
        for engine, render in ENGINES.items():
            html = render(text)
            assert visible(html) == expected, (engine, where, text, html)
            _no_surprises(html)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_a_value_is_one_list_item(value: str) -> None:
    escaped = escape_markdown(value)
    text = f"- first\n- {escaped}\n- last"
    for engine, render in ENGINES.items():
        html = render(text)
        parsed = page(html)
        assert parsed.tags.count("li") == 3, (engine, text, html)
        assert visible(html) == f"first {shown(value)} last", (engine, text, html)
        assert not {"a", "hr", "h1", "h2", "code", "em", "strong"} & set(parsed.tags), (engine, text, html)


TABLE_ENGINES = {"python-markdown": python_markdown, "gfm": _GFM.render}


_TABLE = make_environment("md").from_string("{{ rows | table(['Service', 'Policy']) }}")


def _table(rows: list[list[Any]]) -> str:
    rendered: str = _TABLE.render(rows=rows)
    return rendered


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from(["https://x.example/a|b", "https://x.example/p(1)", "https://x.example/a\\b", "https://x.example/`x`"]))
def test_a_value_and_a_link_are_one_cell_each(value: str, url: str) -> None:
    text = _table([[value, Link(url, value)]])
    for engine, render in TABLE_ENGINES.items():
        html = render(text)
        parsed = page(html)
        assert [len(row) for row in parsed.cells] == [2, 2], (engine, text, html)
        assert [" ".join(cell.split()) for cell in parsed.cells[1]] == [shown(value), shown(value)], (engine, text, html)
        assert parsed.tags.count("a") == 1, (engine, text, html)


@pytest.mark.parametrize("url", ["https://x.example/a|b", "https://x.example/a b|c"])
def test_a_pipe_in_a_link_target_is_percent_encoded(url: str) -> None:
    text = _table([["Acme", Link(url, "Their policy")]])
    assert "%7C" in text
    for render in TABLE_ENGINES.values():
        html = render(text)
        assert 'href="https://x.example/a' in html and "%7C" in html


@pytest.mark.parametrize("value", ["--", "---", "===", "-", "- - -", "-x"])
def test_a_rule_like_data_item_stays_a_list_item(value: str) -> None:
    text: str = make_environment("md").from_string("We collect:\n\n{{ items | bullets }}\n").render(items=["name", value])
    for engine, render in ENGINES.items():
        html = render(text)
        assert page(html).tags.count("li") == 2, (engine, text, html)
        assert "hr" not in page(html).tags and "h2" not in page(html).tags
        assert visible(html) == f"We collect: name {value}", (engine, html)


@pytest.mark.parametrize("value", ["See https://evil.example now", "www.evil.example", "(http://evil.example)", "*www.evil.example*"])
def test_a_bare_web_address_is_not_a_link(value: str) -> None:
    escaped = escape_markdown(value)
    assert not GFM_AUTOLINK.search(escaped)
    for render in ENGINES.values():
        assert "<a" not in render(escaped)
        assert visible(render(escaped)) == value.replace("*", "*")
