"""Export a `Policy` as Markdown, HTML (page or fragment) and JSON, and write files atomically."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Literal

from jinja2 import FunctionLoader, Template
from markupsafe import Markup

from generator.policy import Policy
from generator.resources import resource_dir
from generator.templating.cache import PrivateBytecodeCache, code_version
from generator.templating.environment import make_environment
from generator.templating.filters import MarkdownText, escape_markdown

TEXT_FORMATS = ("md", "html", "json")
ALL_FORMATS = ("md", "html", "json", "pdf", "fragment", "css", "annotated-html", "annotated-md")
SUFFIXES = {"fragment": "fragment.html", "annotated-html": "annotated.html", "annotated-md": "annotated.md"}
LEDGER_FORMATS = ("annotated-html", "annotated-md")
"""The formats that need the claims ledger (`generator/export/annotated.py`)."""
Paper = Literal["a4", "letter"]
PdfVariant = Literal["pdf/ua-1", "pdf/a-3b"]
MarkdownFlavour = Literal["commonmark", "python-markdown"]
"""How the Markdown gives each section heading its stable id: `commonmark` (the default) with an empty
`<a id="..." name="...">` anchor inside the heading, which GitHub, GitLab and any CommonMark renderer keep
(GitHub drops `id` and keeps `name`); `python-markdown` with an `{#id}` attribute after the heading, which
Python-Markdown's `attr_list` extension (MkDocs) turns into the heading's own id and others print as text."""


@functools.cache
def page_template(name: str) -> Template:
    """The page template `name` of `templates/`, compiled once per process (HTML ones autoescaped).

    Its compiled code comes from Jinja's bytecode cache, as the library's does (`generator/templating/cache.py`):
    compiling the Markdown page template was about 3 ms of a cold one-file build. The name Jinja caches it under
    holds a hash of the source and of `code_version()`, so code compiled from another source, or by other code, is
    never loaded.
    """
    source = (resource_dir("templates") / name).read_text(encoding="utf-8")
    key = f"policygen-page-{name}-{hashlib.sha256((code_version() + source).encode('utf-8')).hexdigest()}"
    env = make_environment("html" if name.endswith(".html.j2") else "md", loader=FunctionLoader({key: source}.get))
    env.bytecode_cache = PrivateBytecodeCache()
    return env.get_template(key)


@functools.cache
def stylesheet(name: str = "policy.css") -> str:
    """The text of the stylesheet `name` of `templates/`."""
    return (resource_dir("templates") / name).read_text(encoding="utf-8")


def to_markdown(policy: Policy, *, flavour: MarkdownFlavour = "commonmark", contents: bool = True) -> str:
    """The canonical text: title, last-updated line, contents and numbered sections with stable anchors.

    `flavour` is how the anchors are written; without `contents` the contents list is left out (a site whose theme
    lists the page's headings itself, as the MkDocs plugin's does).
    """
    sections = [
        (section, *_markdown_heading(section.number, section.title, section.id, flavour), MarkdownText(section.markdown)) for section in policy.sections
    ]
    return page_template("policy.md.j2").render(policy=policy, sections=sections, contents=contents).strip() + "\n"


@functools.lru_cache(maxsize=1024)
def _markdown_heading(number: int | None, title: str, anchor: str, flavour: MarkdownFlavour) -> tuple[MarkdownText, MarkdownText]:
    """A section's heading in Markdown ("3. How we use your data") and its heading line with its anchor, made once per process.

    The anchor is the id of one of our sections (`clauses/sections.yaml`: lower-case letters and hyphens), so it needs no escaping.
    """
    # The number is ours, so only the title needs escaping; "1." mid-line is not a list marker.
    heading = MarkdownText(f"{number}. {escape_markdown(title)}" if number is not None else escape_markdown(title))
    if flavour == "python-markdown":
        return heading, MarkdownText(f"## {heading} {{#{anchor}}}")
    return heading, MarkdownText(f'## <a id="{anchor}" name="{anchor}"></a>{heading}')


def to_html(policy: Policy, *, fragment: bool = False, css: str | None = None, contents: bool = True, pdf_href: str | None = None) -> str:
    """A complete HTML5 page, or with `fragment` only the `<article>` to embed in a site's own page.

    Without `contents` the article leaves out its contents list (the host's theme lists the sections); `pdf_href`,
    the address of the policy's PDF beside the page, adds a "Download PDF" link under the title.
    """
    sections = [(section, str.__new__(Markup, section.html)) for section in policy.sections]  # `Markup(text)` without its `__html__` probe
    article = page_template("fragment.html.j2").render(policy=policy, sections=sections, contents=contents, pdf_href=pdf_href).strip() + "\n"
    if fragment:
        return article
    styles = Markup(css) if css is not None else _page_styles()
    return page_template("page.html.j2").render(policy=policy, article=Markup(article), stylesheet=styles).strip() + "\n"


@functools.cache
def _page_styles() -> Markup:
    """The stylesheet of a complete HTML page: the page's own rules, then the policy's."""
    return Markup(stylesheet("page.css") + stylesheet())


def policy_stylesheet() -> str:
    """The stylesheet for the HTML fragment, scoped to `.privacy-policy` (written as privacy-policy.css)."""
    return stylesheet()


def to_json(policy: Policy) -> str:
    """The `Policy` itself as JSON (see docs/json-output.md for the shape)."""
    return json.dumps(policy.to_dict(), indent=2, ensure_ascii=False) + "\n"
























