"""The MkDocs plugin, through a real `mkdocs build` of a small site."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "basic"
MKDOCS = [sys.executable, "-m", "mkdocs"]
pytestmark = pytest.mark.beside  # real processes: run beside the other tests (docs/testing.md)


THEMES = {
    "mkdocs": "theme:\n  name: mkdocs\n  color_mode: auto\n",
    "readthedocs": "theme: readthedocs\n",
    "material": "theme:\n  name: material\n",
}
"""The themes a site is tested in: MkDocs' own two and Material for MkDocs (locked in requirements/dev.txt)."""


def make_site(tmp_path: Path, plugin_options: str = "", *, theme: str = "mkdocs") -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE / "docs", site / "docs")
    shutil.copy(ROOT / "examples" / "demo-bakery.yaml", site / "privacy.yaml")
    config = (SITE / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../examples/demo-bakery.yaml", "privacy.yaml")
    config = config.replace("theme: mkdocs\n", THEMES[theme])
    (site / "mkdocs.yml").write_text(config + plugin_options, encoding="utf-8")
    return site


def mkdocs_build(site: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [*MKDOCS, "build", *(["--strict"] if strict else []), "-d", str(site / "public")]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)


def answers_with_a_gap(site: Path) -> None:
    """EU answers whose purposes lost the one with a legal basis: gdpr.legal_basis is not covered."""
    data = yaml.safe_load((ROOT / "tests" / "jurisdictions" / "eu.yaml").read_text(encoding="utf-8"))
    data["purposes"] = [p for p in data["purposes"] if p["purpose"] != "marketing"]
    (site / "privacy.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def ids_and_links(html: str) -> tuple[set[str], set[str]]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    return ids, links


def test_mkdocs_build_adds_the_policy_page_with_stable_anchors(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "public" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Saffron Crumb Bakers LLP" in html
    assert "Meera Kulkarni" in html
    ids, links = ids_and_links(html)
    for anchor in ("cookies", "your-rights", "contact", "sharing"):
        assert anchor in ids
    assert {"cookies", "your-rights"} <= links
    assert links - ids == set(), f"links to missing ids: {links - ids}"
    assert 'class="navbar' in html, "the page is rendered by the site's theme"
    home = (site / "public" / "index.html").read_text(encoding="utf-8")
    assert 'href="privacy/#cookies"' in home


def test_placeholder_page_keeps_its_own_text_and_html_fragment(tmp_path: Path) -> None:
    site = make_site(tmp_path, "      format: html\n")
    (site / "docs" / "privacy.md").write_text("# Our privacy promise\n\nRead this first.\n\n<!-- policygen -->\n\nLast line of ours.\n", encoding="utf-8")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "public" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert html.index("Read this first.") < html.index("Saffron Crumb Bakers LLP") < html.index("Last line of ours.")
    ids, links = ids_and_links(html)
    assert {"cookies", "your-rights"} <= ids
    assert links - ids == set()


def test_bad_answer_file_fails_the_build_with_its_message(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "privacy.yaml").write_text("business:\n  legal_nam: Oops\n", encoding="utf-8")
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "privacy.yaml:2:3" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_disclosure_fails_the_build_naming_the_gap(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    answers_with_a_gap(site)
    result = mkdocs_build(site, strict=False)
    assert result.returncode != 0
    assert "policygen: privacy.yaml: gdpr.legal_basis (" in result.stderr and "is not covered" in result.stderr and "missing: " in result.stderr
    assert "privacy.yaml: the site is not built: 1 required disclosure(s) missing; answer them, or set 'allow_gaps: true'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "public" / "privacy" / "index.html").exists()


def test_allow_gaps_builds_and_warns_about_each_gap(tmp_path: Path) -> None:
    site = make_site(tmp_path, "      allow_gaps: true\n")
    answers_with_a_gap(site)
    result = mkdocs_build(site, strict=False)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and "policygen:" in line]
    assert len(warnings) == 1 and "privacy.yaml: gdpr.legal_basis (" in warnings[0] and "is not covered" in warnings[0]
    assert (site / "public" / "privacy" / "index.html").is_file()
    assert mkdocs_build(site).returncode != 0  # --strict makes the warning fail the build


def test_a_clause_folder_that_is_not_there_fails_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path, "      clauses: [my-clauses]\n")
    result = mkdocs_build(site)
    assert result.returncode != 0
    assert "my-clauses: not a folder of clause files" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["policygen"])
def test_entry_point_is_registered(name: str) -> None:
    from importlib.metadata import entry_points

    (plugin,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == name]
    assert plugin.value == "generator.embed.mkdocs_plugin:PolicyPlugin"


def contents_links(html: str, theme: str) -> list[str]:
    """The in-page links of the theme's table of contents (the side list), in order."""
    start, end = {
        "mkdocs": ('id="toc-collapse"', 'role="main"'),
        "readthedocs": ('class="current"', 'class="wy-nav-content-wrap"'),
        "material": ('data-md-component="toc"', 'class="md-content"'),
    }[theme]
    block = html[html.index(start) : html.index(end)]
    return re.findall(r'href="(?:privacy/)?#([^"]+)"', block)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_page_has_one_contents_list_the_themes_listing_every_section(tmp_path: Path, theme: str, fmt: str) -> None:
    site = make_site(tmp_path, f"      format: {fmt}\n", theme=theme)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "public" / "privacy" / "index.html").read_text(encoding="utf-8")
    sections = ["at-a-glance", "introduction", "information-we-collect", "cookies", "your-rights", "contact"]
    listed = list(dict.fromkeys(contents_links(html, theme)))  # Material lists them twice: its side list, and in the menu for phones
    assert [anchor for anchor in listed if anchor in sections] == sections, listed
    assert 'class="pp-toc"' not in html and ">Contents</" not in html, "the policy's own contents list is left out"
    ids, links = ids_and_links(html)
    assert set(sections) <= ids
    assert {"cookies", "your-rights"} <= links


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_policy_stylesheet_is_loaded_and_scopes_the_policy(tmp_path: Path, fmt: str) -> None:
    site = make_site(tmp_path, f"      format: {fmt}\n")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    html = (site / "public" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link href="\.\./assets/policygen/privacy-policy\.css" rel="stylesheet"', html), "the page links the policy's stylesheet"
    css = (site / "public" / "assets" / "policygen" / "privacy-policy.css").read_text(encoding="utf-8")
    assert css == (ROOT / "templates" / "policy.css").read_text(encoding="utf-8")
    assert html.count('class="privacy-policy') == 1, "the policy (and only the policy) sits in the element the stylesheet styles"
    wrapped = html[html.index('class="privacy-policy') :]
    assert wrapped.index("Saffron Crumb Bakers LLP") < wrapped.index('id="contact"')


def test_stylesheet_false_leaves_the_policy_to_the_theme(tmp_path: Path) -> None:
    site = make_site(tmp_path, "      stylesheet: false\n")
    assert mkdocs_build(site).returncode == 0
    html = (site / "public" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "privacy-policy.css" not in html and not (site / "public" / "assets" / "policygen").exists()


def test_a_build_logs_one_line_saying_what_it_built(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "policygen" in line]
    assert len(lines) == 1, lines
    assert re.fullmatch(
        r"INFO +- +policygen: built privacy\.md from privacy\.yaml: the privacy policy of Saffron Crumb, \d+ sections;"
        r" (\d+) of \1 required disclosures covered \(in\.dpdp, [a-z., _]+\)",
        lines[0],
    ), lines[0]


def test_with_allowed_gaps_the_line_counts_what_is_missing(tmp_path: Path) -> None:
    site = make_site(tmp_path, "      allow_gaps: true\n")
    answers_with_a_gap(site)
    result = mkdocs_build(site, strict=False)
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("INFO") and "policygen:" in line]
    assert re.search(r"(\d+) of (\d+) required disclosures covered \([^)]*gdpr[^)]*\), 1 missing \(allow_gaps\)$", line), line


def test_mkdocs_serve_rebuilds_the_page_when_the_answers_change(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/privacy/"
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert "Saffron Crumb Bakers LLP" in fetch_until(url, "Saffron Crumb Bakers LLP", server)
        answers = site / "privacy.yaml"
        answers.write_text(answers.read_text(encoding="utf-8").replace("Saffron Crumb Bakers LLP", "Saffron Loaf Bakers LLP"), encoding="utf-8")
        page = fetch_until(url, "Saffron Loaf Bakers LLP", server)
        assert "Saffron Crumb Bakers LLP" not in page
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "Traceback" not in stderr


def fetch_until(url: str, text: str, server: subprocess.Popen[str], wait: float = 90.0) -> str:
    """The page at `url` once it holds `text` (the server builds and rebuilds in the background); fails after `wait` seconds."""
    deadline = time.monotonic() + wait
    body = ""
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a loopback URL of our own
                body = response.read().decode("utf-8")
        except OSError:
            body = ""
        if text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r} (server exit {server.poll()})")
