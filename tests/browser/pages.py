"""The pages under test: each example as a standalone page, and as a fragment inside a plain host page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .tools import ROOT

if TYPE_CHECKING:
    from conftest import ExampleBuild

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# A website's own page that embeds the fragment: the site keeps its header and footer, puts the <article> into
# its <main>, and links the policy's stylesheet (templates/policy.css). The stylesheet matters: with browser
# defaults alone, the contents links are closer than WCAG 2.2's 24 px target spacing (axe target-size) and the
# services tables are wider than a 375 px screen.
HOST_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy policy - {name}</title>
<link rel="stylesheet" href="policy.css">
</head>
<body>
<header><p><a href="index.html">{name}</a></p></header>
<main class="pp-page">
{fragment}</main>
<footer><p>Copyright {name}.</p></footer>
</body>
</html>
"""


@dataclass(frozen=True)
class PolicyPage:
    """One HTML file to open in the browser."""

    example: str
    kind: str  # "page" (standalone) or "fragment" (inside the host page)
    filename: str

    @property
    def id(self) -> str:
        """A short name for test ids."""
        return f"{self.example}-{self.kind}"


def write_pages(directory: Path, builds: Mapping[str, ExampleBuild]) -> list[PolicyPage]:
    """Write every example's HTML (from the session's shared builds, conftest.py's `examples`) into `directory`; return the pages written."""
    (directory / "policy.css").write_text((ROOT / "templates" / "policy.css").read_text(encoding="utf-8"), encoding="utf-8")
    pages = []
    for path in EXAMPLES:
        build = builds[path.stem]
        name = path.stem
        (directory / f"{name}.html").write_text(build.html, encoding="utf-8")
        host = HOST_PAGE.format(name=build.policy.legal_name, fragment=build.fragment)
        (directory / f"{name}.fragment.html").write_text(host, encoding="utf-8")
        pages += [PolicyPage(name, "page", f"{name}.html"), PolicyPage(name, "fragment", f"{name}.fragment.html")]
    return pages
