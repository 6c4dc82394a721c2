"""The generated HTML in a real browser: accessible, valid, responsive, navigable and printable.

Every example is checked as a standalone page and as a fragment inside a plain host page, served over
HTTP from 127.0.0.1 and opened in Debian's Chromium (no downloaded browser build). `make browser-deps`
installs the tools; when one is missing these tests fail with a message saying how to install it.
Set UPDATE_GALLERY=1 to rewrite the screenshots in docs/gallery/.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from browser.checkers import describe_violations, run_axe, start_vnu, vnu_errors
from browser.pages import EXAMPLES, PolicyPage, write_pages
from browser.server import serve
from browser.tools import AXE_JS, CHROMIUM, CHROMIUM_ARGS, ROOT, require_tools
from conftest import ExampleBuild

pytestmark = pytest.mark.slow

GALLERY = ROOT / "docs" / "gallery"
WIDTHS = {375: 812, 1280: 900}
PRINT_WIDTH = 680


Site = tuple[str, Path, list[PolicyPage]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, examples: Mapping[str, ExampleBuild]) -> Iterator[tuple[Path, list[PolicyPage], subprocess.Popen[str]]]:
    require_tools()
    directory = tmp_path_factory.mktemp("site")
    pages = write_pages(directory, examples)
    # The Nu checker needs seconds to start; it runs beside the browser checks and is collected by its own test.
    vnu = start_vnu([directory / target.filename for target in pages])
    yield directory, pages, vnu
    # When the Nu checker's own test did not run (-k), stop it and close its pipes (pytest treats leaks as errors).
    if vnu.poll() is None:
        vnu.kill()
    for stream in (vnu.stdout, vnu.stderr):
        if stream is not None:
            stream.close()
    vnu.wait()


@pytest.fixture(scope="module")
def site(built: tuple[Path, list[PolicyPage], subprocess.Popen[str]]) -> Iterator[Site]:
    directory, pages, _ = built
    with serve(directory) as base_url:
        yield base_url, directory, pages


@pytest.fixture(scope="module")
def browser_page(site: Site) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(AXE_JS))
        page = context.new_page()
        yield page
        context.close()
        browser.close()


def open_page(page: Any, site: Site, target: PolicyPage, *, width: int = 1280, media: str = "screen", scheme: str = "light") -> None:
    page.set_viewport_size({"width": width, "height": WIDTHS.get(width, 900)})
    page.emulate_media(media=media, color_scheme=scheme)
    page.goto(site[0] + target.filename)


def test_axe_finds_no_wcag22_aa_violations_in_light_and_dark(browser_page: Any, site: Site) -> None:
    problems = {}
    for target in site[2]:
        open_page(browser_page, site, target)
        for scheme in ("light", "dark"):
            browser_page.emulate_media(color_scheme=scheme)
            assert browser_page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
            violations = run_axe(browser_page)
            if violations:
                problems[f"{target.id} ({scheme})"] = describe_violations(violations)
    assert not problems, "\n\n".join(f"{name}:\n{text}" for name, text in problems.items())


def test_axe_finds_no_violations_at_phone_width(browser_page: Any, site: Site) -> None:
    # Below 30rem tables are laid out as stacked cards; that layout must stay accessible too.
    problems = {}
    for target in site[2]:
        open_page(browser_page, site, target, width=375)
        violations = run_axe(browser_page)
        if violations:
            problems[target.id] = describe_violations(violations)
    assert not problems, "\n\n".join(f"{name}:\n{text}" for name, text in problems.items())


def test_nu_html_checker_finds_no_errors(built: tuple[Path, list[PolicyPage], subprocess.Popen[str]]) -> None:
    errors = vnu_errors(built[2])
    assert errors == [], "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']} {e.get('extract', '')!r}" for e in errors)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_nothing_overflows_horizontally(browser_page: Any, site: Site, width: int) -> None:
    overflowing = {}
    for target in site[2]:
        open_page(browser_page, site, target, width=width)
        scroll_width, client_width = browser_page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll_width > client_width:
            overflowing[target.id] = (scroll_width, client_width)
        if target.kind == "page" and os.environ.get("UPDATE_GALLERY") == "1":
            GALLERY.mkdir(parents=True, exist_ok=True)
            browser_page.screenshot(path=str(GALLERY / f"{target.example}-{width}.png"))
    assert not overflowing, f"scrollWidth > clientWidth at {width} px: {overflowing}"


TOC_CLICK_SCRIPT = """id => {
  const target = document.getElementById(id);
  const top = target.getBoundingClientRect().top;
  const atBottom = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
  return {hash: location.hash, top: top, atBottom: atBottom, height: window.innerHeight};
}"""


def test_toc_links_navigate_to_their_sections(browser_page: Any, site: Site) -> None:
    failures = []
    clicked = 0
    for target in site[2]:
        open_page(browser_page, site, target)
        hrefs = browser_page.eval_on_selector_all(".pp-toc a", "links => links.map(a => a.getAttribute('href'))")
        assert len(hrefs) >= 5, f"{target.id}: table of contents has {len(hrefs)} links"
        # Every in-page link of the policy (contents, "More" links, cross-references) has its target.
        dangling = browser_page.eval_on_selector_all(
            ".privacy-policy a[href^='#']", "links => links.map(a => a.getAttribute('href')).filter(h => !document.getElementById(h.slice(1)))"
        )
        if dangling:
            failures.append(f"{target.id}: links to missing anchors {sorted(set(dangling))}")
        for href in hrefs:
            # A real mouse click at the link; force skips playwright's waiting for stability (twice as fast). A link
            # covered by something else would not get the click, and the hash check below would catch it.
            browser_page.click(f'.pp-toc a[href="{href}"]', force=True)
            state = browser_page.evaluate(TOC_CLICK_SCRIPT, href[1:])
            clicked += 1
            if state["hash"] != href:
                failures.append(f"{target.id}: clicking {href} left location.hash at {state['hash']!r}")
            elif state["atBottom"]:
                # The last sections cannot scroll to the top of the window; they must at least be in view.
                if not 0 <= state["top"] < state["height"]:
                    failures.append(f"{target.id}: {href} is not in view at the end of the page (top {state['top']:.0f})")
            elif not -2 <= state["top"] <= 40:
                failures.append(f"{target.id}: {href} scrolled to {state['top']:.0f} px from the top of the window")
    assert clicked > 0
    assert not failures, "\n".join(failures)


PRINT_SCRIPT = """() => {
  const toc = document.querySelector('.pp-toc');
  const width = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll('.privacy-policy table')].map(table => {
    const cell = table.querySelector('td');
    const style = getComputedStyle(cell);
    return {width: table.getBoundingClientRect().width, right: table.getBoundingClientRect().right,
            border: parseFloat(style.borderTopWidth), borderStyle: style.borderTopStyle, display: getComputedStyle(table).display};
  });
  return {tocDisplay: getComputedStyle(toc).display, width: width, scrollWidth: document.documentElement.scrollWidth, tables: tables};
}"""


def test_print_hides_navigation_and_keeps_tables_readable(browser_page: Any, site: Site) -> None:
    failures = []
    tables = 0
    for target in site[2]:
        # 680 px is the printable width of A4 portrait with 15 mm margins at 96 px per inch.
        open_page(browser_page, site, target, width=PRINT_WIDTH, media="print")
        state = browser_page.evaluate(PRINT_SCRIPT)
        if state["tocDisplay"] != "none":
            failures.append(f"{target.id}: the table of contents prints (display {state['tocDisplay']})")
        if state["scrollWidth"] > state["width"]:
            failures.append(f"{target.id}: printed page is {state['scrollWidth']} px wide, more than {state['width']}")
        for table in state["tables"]:
            tables += 1
            if table["display"] != "table" or table["border"] < 0.5 or table["borderStyle"] == "none":
                failures.append(f"{target.id}: a printed table loses its grid: {table}")
            if table["right"] > state["width"] + 0.5:
                failures.append(f"{target.id}: a printed table runs off the page: {table}")
    assert tables > 0, "no example has a table; the print check for tables checked nothing"
    assert not failures, "\n".join(failures)


def test_every_example_is_checked(site: Site) -> None:
    assert len(site[2]) == 2 * len(EXAMPLES) >= 10
