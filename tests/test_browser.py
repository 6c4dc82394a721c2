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
from browser.checkers import AXE_TAGS, describe_violations, run_axe, start_vnu, vnu_errors
from browser.mkdocs_sites import MkDocsPage, build_sites
from browser.pages import EXAMPLES, PolicyPage, write_pages
from browser.server import serve
from browser.tools import AXE_JS, CHROMIUM, CHROMIUM_ARGS, ROOT, require_tools
from conftest import ExampleBuild

pytestmark = pytest.mark.slow

GALLERY = ROOT / "docs" / "gallery"
WIDTHS = {375: 812, 1280: 900}
PRINT_WIDTH = 680


Site = tuple[str, Path, list[PolicyPage]]
MkDocsSite = tuple[str, list[MkDocsPage]]


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


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MkDocsSite]:
    require_tools()
    directory = tmp_path_factory.mktemp("mkdocs")
    pages = build_sites(directory)
    with serve(directory) as base_url:
        yield base_url, pages


HOST_SCRIPT = """() => {
  const policy = document.querySelector('.privacy-policy');
  const style = getComputedStyle(policy), host = getComputedStyle(policy.parentElement);
  const width = document.documentElement.clientWidth;
  return {scrollWidth: document.documentElement.scrollWidth, width: width, color: style.color, hostColor: host.color,
          background: style.backgroundColor, font: style.fontFamily, hostFont: host.fontFamily,
          dark: matchMedia('(prefers-color-scheme: dark)').matches, toc: document.querySelectorAll('.pp-toc').length};
}"""


def open_host(page: Any, url: str, scheme: str) -> None:
    """Open a MkDocs page as a reader with a light or dark preference who has never chosen a palette on the site."""
    page.emulate_media(media="screen", color_scheme=scheme)
    page.goto(url)
    page.evaluate("localStorage.clear()")  # Material keeps the palette it chose last time, which would win over the preference
    page.reload()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_policy_in_mkdocs_themes_fits_a_phone_and_wears_the_themes_colours(browser_page: Any, mkdocs_site: MkDocsSite, scheme: str) -> None:
    base_url, pages = mkdocs_site
    failures = []
    for page in pages:
        browser_page.set_viewport_size({"width": 375, "height": 812})
        open_host(browser_page, base_url + page.path, scheme)
        state = browser_page.evaluate(HOST_SCRIPT)
        assert state["dark"] == (scheme == "dark")
        if state["scrollWidth"] > state["width"]:
            failures.append(f"{page.id}: {state['scrollWidth']} px wide on a {state['width']} px screen")
        if (state["color"], state["font"]) != (state["hostColor"], state["hostFont"]) or state["background"] != "rgba(0, 0, 0, 0)":
            failures.append(f"{page.id}: the policy does not wear the theme's colours and font: {state}")
        if state["toc"]:
            failures.append(f"{page.id}: the policy's own contents list is on the page beside the theme's")
        # The policy's part of the page: accessible in the theme's light and dark colours (the theme's own chrome is not ours
        # to check). Its links wear the theme's link colour, and MkDocs' default theme's (#2fa4e7 on white, 2.8:1) is below
        # WCAG's 4.5:1 on all of its pages, so in that theme the contrast rule would check the theme, not the policy.
        rules = {"color-contrast": {"enabled": page.theme != "mkdocs"}}
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"], "rules": rules}
        violations = browser_page.evaluate("options => axe.run('.privacy-policy', options)", options)["violations"]
        if violations:
            failures.append(f"{page.id}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)


def test_the_theme_turns_dark_and_the_policy_with_it(browser_page: Any, mkdocs_site: MkDocsSite) -> None:
    # Without this the dark run above could pass on a theme that never turned dark.
    base_url, pages = mkdocs_site
    for page in pages:
        colours = []
        for scheme in ("light", "dark"):
            open_host(browser_page, base_url + page.path, scheme)
            colours.append(browser_page.evaluate("getComputedStyle(document.querySelector('.privacy-policy')).color"))
        assert colours[0] != colours[1], f"{page.id}: the same text colour in light and dark: {colours}"


SIDE_CONTENTS_SCRIPT = """() => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  const box = document.querySelector('.pp-toc').getBoundingClientRect();
  const first = document.querySelector('.pp-sections').getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right, sectionsLeft: first.left, height: window.innerHeight, scrolled: window.scrollY};
}"""


def test_on_a_wide_screen_the_contents_are_a_side_list_that_stays_in_view(browser_page: Any, site: Site) -> None:
    failures = []
    for target in site[2]:
        if target.kind != "page":
            continue
        open_page(browser_page, site, target, width=1280)
        state = browser_page.evaluate(SIDE_CONTENTS_SCRIPT)
        if not (state["scrolled"] > 0 and 0 <= state["top"] and state["bottom"] <= state["height"] and state["right"] <= state["sectionsLeft"]):
            failures.append(f"{target.id}: the contents are not a side list in view at the end of the page: {state}")
    assert not failures, "\n".join(failures)


LABELS_SCRIPT = """() => [...document.querySelectorAll('.privacy-policy td[data-label]')].map(cell => {
  const before = getComputedStyle(cell, '::before');
  return {label: cell.dataset.label, shown: before.content, display: before.display, header: getComputedStyle(cell.closest('table').tHead).position};
})"""


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_on_a_phone_each_table_cell_shows_its_columns_name(browser_page: Any, site: Site, width: int) -> None:
    failures = []
    cells = 0
    for target in site[2]:
        open_page(browser_page, site, target, width=width)
        for cell in browser_page.evaluate(LABELS_SCRIPT):
            cells += 1
            shown = cell["shown"] == f'"{cell["label"]}"' and cell["display"] == "block" and cell["header"] == "absolute"
            if shown != (width < 600):
                failures.append(f"{target.id} at {width} px: the label {cell['label']!r} is {'shown' if shown else 'not shown'}: {cell}")
    assert cells > 0
    assert not failures, "\n".join(failures[:20])


def test_every_example_is_checked(site: Site) -> None:
    assert len(site[2]) == 2 * len(EXAMPLES) >= 10
