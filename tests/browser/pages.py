"""The pages under test: each example as a standalone page, and as a fragment inside a plain host page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.answers.load import load_answers
from generator.export.formats import to_html
from generator.library.clauses import load_library
from generator.render import build_policy

from .tools import ROOT

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


def write_pages(directory: Path) -> list[PolicyPage]:
    """Build every example into `directory` as HTML; return the pages written."""
    library = load_library()
    (directory / "policy.css").write_text((ROOT / "templates" / "policy.css").read_text(encoding="utf-8"), encoding="utf-8")
    pages = []
    for path in EXAMPLES:
        policy = build_policy(load_answers(path), library)
        name = path.stem
        (directory / f"{name}.html").write_text(to_html(policy), encoding="utf-8")
        host = HOST_PAGE.format(name=policy.legal_name, fragment=to_html(policy, fragment=True))
        (directory / f"{name}.fragment.html").write_text(host, encoding="utf-8")
        pages += [PolicyPage(name, "page", f"{name}.html"), PolicyPage(name, "fragment", f"{name}.fragment.html")]
    return pages
