"""The MkDocs plugin, through a real `mkdocs build` of a small site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "sites" / "basic"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def make_site(tmp_path: Path, plugin_options: str = "") -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITE / "docs", site / "docs")
    shutil.copy(ROOT / "examples" / "demo-bakery.yaml", site / "privacy.yaml")
    config = (SITE / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../examples/demo-bakery.yaml", "privacy.yaml")
    (site / "mkdocs.yml").write_text(config + plugin_options, encoding="utf-8")
    return site


def mkdocs_build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site / "public")], cwd=site, capture_output=True, text=True, check=False)


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


@pytest.mark.parametrize("name", ["policygen"])
def test_entry_point_is_registered(name: str) -> None:
    from importlib.metadata import entry_points

    (plugin,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == name]
    assert plugin.value == "generator.embed.mkdocs_plugin:PolicyPlugin"
