"""The Sphinx recipe of docs/embedding.md, with a real sphinx-build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def recipe_block(language: str, after: str) -> str:
    """The first fenced block in `language` after the heading `after` in docs/embedding.md."""
    text = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    section = text[text.index(after) :]
    match = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert match, f"no {language} block after {after}"
    return match.group(1)


@pytest.mark.beside
@pytest.mark.slow
def test_sphinx_recipe_builds_a_page_with_the_policy(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    project = tmp_path / "docs"
    project.mkdir()
    shutil.copy(ROOT / "examples" / "demo-bakery.yaml", project / "privacy.yaml")
    conf = recipe_block("python", "## Sphinx").replace('"privacy.yaml", "--out"', '"privacy.yaml", "--allow-gaps", "--out"')
    (project / "conf.py").write_text('project = "Saffron Crumb"\n' + conf, encoding="utf-8")
    (project / "privacy.rst").write_text(recipe_block("rst", "## Sphinx"), encoding="utf-8")
    (project / "index.rst").write_text("Saffron Crumb\n=============\n\n.. toctree::\n\n   privacy\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(project), str(tmp_path / "html")], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "html" / "privacy.html").read_text(encoding="utf-8")
    assert "Saffron Crumb Bakers LLP" in html
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert {"cookies", "your-rights", "contact"} <= ids
    fragment_links = set(re.findall(r'href="#([^"]+)"', html[html.index('class="privacy-policy"') :]))
    assert fragment_links and fragment_links <= ids


def test_python_recipe_of_any_other_build_gives_the_fragment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "examples" / "demo-bakery.yaml", tmp_path / "privacy.yaml")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(recipe_block("python", "## Any other build"), scope)  # noqa: S102 - our own documentation's example
    fragment = scope["fragment"]
    assert isinstance(fragment, str) and fragment.startswith("<article") and '<section id="cookies"' in fragment
