"""The documentation site builds with `mkdocs build --strict` (any warning fails), as `make docs` does."""

from __future__ import annotations

import re
import subprocess
import sys
from html import escape as html_escape
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.beside]


def nav_pages(nav: list[object]) -> list[str]:
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [str(value)]
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    return out


def test_every_nav_page_is_built(site: Path) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages = nav_pages(config["nav"])
    assert len(pages) >= 12
    for page in pages:
        built = site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")
        assert built.exists(), f"{page} is in the nav but was not built"


def test_demo_policy_page_is_rendered_by_the_plugin(site: Path) -> None:
    html = (site / "demo-policy" / "index.html").read_text(encoding="utf-8")
    assert "Saffron Crumb Bakers LLP" in html
    assert 'id="cookies"' in html and 'id="your-rights"' in html


def test_gallery_shows_every_example_with_existing_images(site: Path) -> None:
    html = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img alt="([^"]+)" src="([^"]+)"', html)
    sources = {src for _, src in images}
    for example in EXAMPLES:
        for suffix in ("375", "1280", "pdf"):
            assert f"{example.stem}-{suffix}.png" in sources, f"the gallery lacks {example.stem}-{suffix}.png"
    for alt, src in images:
        assert alt.strip(), f"{src} has no alt text"
        assert (site / "gallery" / src).exists(), f"the gallery shows {src}, which the site does not contain"


def test_gallery_links_each_example_as_a_whole_html_policy(site: Path) -> None:
    html = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    for example in EXAMPLES:
        assert f'href="{example.stem}.html"' in html, f"the gallery does not link {example.stem}.html"
        page = (site / "gallery" / f"{example.stem}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and 'class="privacy-policy"' in page
        assert html_escape(yaml.safe_load(example.read_text(encoding="utf-8"))["business"]["legal_name"], quote=False) in page
