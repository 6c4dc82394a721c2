"""The Markdown renders where people read it: every contents link lands on a heading, and no `{#id}` is printed.

The default flavour (`commonmark`) is rendered as GitHub and GitLab render it, with a CommonMark renderer and GFM
tables (markdown-it-py); the `python-markdown` flavour as MkDocs renders it (Python-Markdown with `attr_list`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import markdown as python_markdown
import pytest
from conftest import BAKERY, EXAMPLES, ExampleBuild
from markdown_it import MarkdownIt

import generator
from generator.cli import main

COMMONMARK_GFM = MarkdownIt("commonmark").enable("table")
"""GitHub's and GitLab's Markdown as far as a policy uses it: CommonMark, with GFM tables."""


def github_slug(text: str) -> str:
    """The id GitHub gives a heading: its text in lower case, punctuation dropped, each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


class Page(HTMLParser):
    """What a reader's browser finds in rendered HTML: the ids links can land on, the in-page links, the text shown."""

    def __init__(self, html: str, *, slugs: bool) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        """The ids the in-page links (`#...`) go to."""
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._slugs = slugs
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.ids.update(value for key, value in values.items() if key in ("id", "name") and value)
        if tag == "a" and (values.get("href") or "").startswith("#"):
            self.links.append((values["href"] or "")[1:])
        if self._slugs and re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            self.ids.add(github_slug("".join(self._heading)))  # the id GitHub and GitLab add to every heading
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def render(markdown: str, flavour: str) -> Page:
    """The Markdown as its flavour's renderer shows it."""
    if flavour == "commonmark":
        return Page(COMMONMARK_GFM.render(markdown), slugs=True)
    return Page(python_markdown.markdown(markdown, extensions=["tables", "attr_list", "toc"]), slugs=False)


def flavoured(build: ExampleBuild, flavour: str) -> str:
    return build.markdown if flavour == "commonmark" else generator.export_policy(build.policy, "md", markdown_flavour=flavour).decode("utf-8")


@pytest.mark.parametrize("flavour", ["commonmark", "python-markdown"])
@pytest.mark.parametrize("stem", [path.stem for path in EXAMPLES])
def test_every_link_lands_on_a_heading_and_no_anchor_syntax_shows(stem: str, flavour: str, examples: Mapping[str, ExampleBuild]) -> None:
    build = examples[stem]
    page = render(flavoured(build, flavour), flavour)
    contents = [section.id for section in build.policy.sections]
    assert page.links[: len(contents)] == contents, "the contents list links every section by its stable id, in order"
    missing = sorted(set(page.links) - page.ids)
    assert not missing, f"examples/{stem}.yaml: links that land nowhere in {flavour}: {missing}"
    shown = "".join(page.text)
    assert "{#" not in shown and "{:" not in shown
    assert "|---" not in shown and "| --- |" not in shown, "every table is rendered as a table"


def test_the_default_renders_the_sections_stable_ids_on_github(examples: Mapping[str, ExampleBuild]) -> None:
    """The anchor sits in the heading, so `#cookies` lands on the heading, and the heading's text is unchanged."""
    markdown = examples["demo-bakery"].markdown
    assert '## <a id="cookies" name="cookies"></a>6. Cookies and similar technologies\n' in markdown
    html = COMMONMARK_GFM.render(markdown)
    assert '<h2><a id="cookies" name="cookies"></a>6. Cookies and similar technologies</h2>' in html
    assert "{#" not in markdown


def test_python_markdown_flavour_is_the_attribute_style(examples: Mapping[str, ExampleBuild]) -> None:
    markdown = generator.export_policy(examples["demo-bakery"].policy, "md", markdown_flavour="python-markdown").decode("utf-8")
    assert "## 6. Cookies and similar technologies {#cookies}\n" in markdown
    assert "<a id=" not in markdown
    assert '<h2 id="cookies">6. Cookies and similar technologies</h2>' in python_markdown.markdown(markdown, extensions=["attr_list"])


def test_the_command_line_writes_the_flavour_asked_for_and_rebuilds_when_it_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "privacy.yaml"
    shutil.copy(BAKERY, answers)
    out = tmp_path / "out"
    written = out / "saffron-crumb" / "privacy-policy.md"
    assert main(["build", str(answers), "--out", str(out), "-f", "md"]) == 0
    assert '<a id="cookies" name="cookies"></a>' in written.read_text(encoding="utf-8")
    assert main(["build", str(answers), "--out", str(out), "-f", "md", "--markdown-flavour", "python-markdown"]) == 0
    assert "{#cookies}" in written.read_text(encoding="utf-8"), "a build with another flavour is not taken as unchanged"
    assert f"wrote {written}" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(answers), "--markdown-flavour", "kramdown"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'kramdown' (choose from" in capsys.readouterr().err


def test_the_command_line_offers_every_flavour_and_layout_the_code_knows() -> None:
    from generator.cli import _parser
    from generator.export.formats import MarkdownFlavour
    from generator.export.write import Layout

    defaults = _parser().parse_args(["build", "privacy.yaml"])
    assert (defaults.markdown_flavour, defaults.layout) == ("commonmark", "by-business")
    for flavour in get_args(MarkdownFlavour):
        assert _parser().parse_args(["build", "privacy.yaml", "--markdown-flavour", flavour]).markdown_flavour == flavour
    for layout in get_args(Layout):
        assert _parser().parse_args(["build", "privacy.yaml", "--layout", layout]).layout == layout
