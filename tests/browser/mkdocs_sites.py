"""MkDocs sites that embed an example's policy through the plugin, built with `mkdocs build`, for the browser checks."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .tools import ROOT

THEMES = {
    # MkDocs' default theme follows the reader's light or dark preference with color_mode: auto.
    "mkdocs": "theme:\n  name: mkdocs\n  color_mode: auto\n",
    # Material for MkDocs: a light and a dark palette, chosen by the reader's preference.
    "material": (
        "theme:\n  name: material\n  palette:\n"
        '    - media: "(prefers-color-scheme: light)"\n      scheme: default\n      toggle: {icon: material/brightness-7, name: Dark mode}\n'
        '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n      toggle: {icon: material/brightness-4, name: Light mode}\n'
    ),
}
FORMATS = ("markdown", "html")
EXAMPLE = "online-shop"
"""The example with the widest tables (six columns of services) and long addresses."""


@dataclass(frozen=True)
class MkDocsPage:
    """The policy page of one built site."""

    theme: str
    format: str

    @property
    def path(self) -> str:
        """The page's path under the served folder."""
        return f"{self.theme}-{self.format}/privacy/"

    @property
    def id(self) -> str:
        """A short name for messages."""
        return f"{self.theme}/{self.format}"


def build_sites(directory: Path) -> list[MkDocsPage]:
    """Build one site per theme and plugin format into `directory`; return their policy pages."""
    pages = []
    for theme, theme_config in THEMES.items():
        for fmt in FORMATS:
            page = MkDocsPage(theme, fmt)
            source = directory / "sources" / page.id.replace("/", "-")
            (source / "docs").mkdir(parents=True)
            (source / "docs" / "index.md").write_text("# Kosha Store\n\nRead our [privacy policy](privacy.md#cookies).\n", encoding="utf-8")
            answers = (ROOT / "examples" / f"{EXAMPLE}.yaml").resolve()
            config = f"site_name: Kosha Store\n{theme_config}plugins:\n  - policygen:\n      answers: {answers}\n      format: {fmt}\n"
            (source / "mkdocs.yml").write_text(config, encoding="utf-8")
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(directory / f"{theme}-{fmt}")]
            result = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
            assert result.returncode == 0, f"mkdocs build of {page.id} failed:\n{result.stderr}"
            pages.append(page)
    return pages
