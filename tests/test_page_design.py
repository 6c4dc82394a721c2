"""What the standalone page and the fragment give a reader beyond the text: labelled table cells, section
permalinks, the summary card, the dates, the "Download PDF" link, and the contents list a host can leave out.

How they look in a browser (the side contents, the cards on a phone) is checked in tests/test_browser.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, ExampleBuild

from generator.cli import main
from generator.pipeline import run

BAKERY = ROOT / "examples" / "demo-bakery.yaml"


class _Tables(HTMLParser):
    """Each table's column names and, per body cell, its `data-label` and its column's name."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[list[str]] = []
        self.cells: list[tuple[str | None, str]] = []
        self._in_th = False
        self._column = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.headers.append([])
        elif tag == "th":
            self._in_th = True
            self.headers[-1].append("")
        elif tag == "tr":
            self._column = 0
        elif tag == "td":
            names = self.headers[-1]
            self.cells.append((dict(attrs).get("data-label"), names[self._column] if self._column < len(names) else ""))
            self._column += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.headers[-1][-1] += data


def test_every_table_cell_is_labelled_with_its_column(examples: Mapping[str, ExampleBuild]) -> None:
    cells = 0
    for stem, build in examples.items():
        tables = _Tables()
        tables.feed(build.fragment)
        for label, column in tables.cells:
            assert label == column, f"{stem}: a cell of column {column!r} is labelled {label!r}"
        cells += len(tables.cells)
    assert cells > 50


def test_each_section_has_a_permalink_named_by_its_heading(examples: Mapping[str, ExampleBuild]) -> None:
    for stem, build in examples.items():
        for section in build.policy.sections:
            link = f'<a class="pp-permalink" href="#{section.id}" aria-label="Link to this section: '
            assert link in build.fragment, f"{stem}: no permalink for #{section.id}"
        assert build.fragment.count('class="pp-permalink"') == len(build.policy.sections)


def test_at_a_glance_is_the_summary_card_and_the_dates_say_when_it_takes_effect(examples: Mapping[str, ExampleBuild]) -> None:
    bakery = examples["demo-bakery"]
    assert bakery.fragment.count("pp-summary") == 1
    assert '<section id="at-a-glance" class="pp-section pp-summary"' in bakery.fragment
    effective = bakery.policy.effective_date
    assert f'<span class="pp-effective">Effective from: <time datetime="{effective.isoformat()}">' in bakery.fragment


def test_the_page_links_its_pdf_only_when_the_pdf_is_built_beside_it(tmp_path: Path) -> None:
    assert main(["build", str(BAKERY), "--out", str(tmp_path / "both"), "--layout", "flat", "-f", "html,pdf", "-q"]) == 0
    page = (tmp_path / "both" / "privacy-policy.html").read_text(encoding="utf-8")
    assert '<a href="privacy-policy.pdf" type="application/pdf" download>Download PDF</a>' in page
    assert (tmp_path / "both" / "privacy-policy.pdf").read_bytes().startswith(b"%PDF")
    assert main(["build", str(BAKERY), "--out", str(tmp_path / "html"), "--layout", "flat", "-f", "html", "-q"]) == 0
    assert "Download PDF" not in (tmp_path / "html" / "privacy-policy.html").read_text(encoding="utf-8")


def test_a_host_can_leave_out_the_policys_own_contents_list(examples: Mapping[str, ExampleBuild]) -> None:
    result = run(BAKERY, formats=["md", "fragment"], contents=False)
    markdown, fragment = result.text("md"), result.text("fragment")
    assert "## Contents" not in markdown and 'class="pp-toc"' not in fragment
    assert "## Contents" in examples["demo-bakery"].markdown and 'class="pp-toc"' in examples["demo-bakery"].fragment
    for section in result.policy.sections:
        assert f'<section id="{section.id}"' in fragment
        assert f'<a id="{section.id}" name="{section.id}"></a>' in markdown
