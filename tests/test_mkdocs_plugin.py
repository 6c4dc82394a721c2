"""The MkDocs plugin, through a real `mkdocs build` of a small site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "basic"
MKDOCS = [sys.executable, "-m", "mkdocs"]
pytestmark = pytest.mark.beside  # real processes: run beside the other tests (docs/testing.md)


def make_site(tmp_path: Path, plugin_options: str = "") -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE / "docs", site / "docs")
    shutil.copy(ROOT / "examples" / "demo-bakery.yaml", site / "privacy.yaml")
    config = (SITE / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../examples/demo-bakery.yaml", "privacy.yaml")
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
