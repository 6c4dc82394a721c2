"""Export a `Policy` as Markdown, HTML (page or fragment) and JSON, and write files atomically."""

from __future__ import annotations

import functools
import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from jinja2 import Template
from markupsafe import Markup

from generator.errors import UsageError
from generator.policy import Policy
from generator.resources import resource_dir
from generator.templating import MarkdownText, escape_markdown, make_environment

TEXT_FORMATS = ("md", "html", "json")
ALL_FORMATS = ("md", "html", "json", "pdf", "fragment", "css")
_SUFFIXES = {"fragment": "fragment.html"}
Paper = Literal["a4", "letter"]
PdfVariant = Literal["pdf/ua-1", "pdf/a-3b"]


@functools.cache
def _page_template(name: str) -> Template:
    env = make_environment("html" if name.endswith(".html.j2") else "md")
    source = (resource_dir("templates") / name).read_text(encoding="utf-8")
    return env.from_string(source)


@functools.cache
def _stylesheet(name: str = "policy.css") -> str:
    return (resource_dir("templates") / name).read_text(encoding="utf-8")


def to_markdown(policy: Policy) -> str:
    """The canonical text: title, last-updated line, contents and numbered sections with stable anchors."""
    sections = []
    for section in policy.sections:
        # The number is ours, so only the title needs escaping; "1." mid-line is not a list marker.
        heading = MarkdownText(f"{section.number}. {escape_markdown(section.title)}" if section.number is not None else escape_markdown(section.title))
        sections.append((section, heading, MarkdownText(f"## {heading} {{#{section.id}}}"), MarkdownText(section.markdown)))
    return _page_template("policy.md.j2").render(policy=policy, sections=sections).strip() + "\n"


def to_html(policy: Policy, *, fragment: bool = False, css: str | None = None) -> str:
    """A complete HTML5 page, or with `fragment` only the `<article>` to embed in a site's own page."""
    sections = [(section, Markup(section.html)) for section in policy.sections]
    article = _page_template("fragment.html.j2").render(policy=policy, sections=sections).strip() + "\n"
    if fragment:
        return article
    stylesheet = Markup(css if css is not None else _stylesheet("page.css") + _stylesheet())
    return _page_template("page.html.j2").render(policy=policy, article=Markup(article), stylesheet=stylesheet).strip() + "\n"


def policy_stylesheet() -> str:
    """The stylesheet for the HTML fragment, scoped to `.privacy-policy` (written as privacy-policy.css)."""
    return _stylesheet()


def to_json(policy: Policy) -> str:
    """The `Policy` itself as JSON (see docs/json-output.md for the shape)."""
    return json.dumps(policy.to_dict(), indent=2, ensure_ascii=False) + "\n"


def export(policy: Policy, fmt: str, *, paper: Paper = "a4", pdf_variant: PdfVariant = "pdf/ua-1") -> bytes:
    """Export `policy` in one format as bytes."""
    if fmt == "md":
        return to_markdown(policy).encode("utf-8")
    if fmt == "html":
        return to_html(policy).encode("utf-8")
    if fmt == "json":
        return to_json(policy).encode("utf-8")
    if fmt == "fragment":
        return to_html(policy, fragment=True).encode("utf-8")
    if fmt == "css":
        return policy_stylesheet().encode("utf-8")
    if fmt == "pdf":
        from generator.pdf import to_pdf

        pdf: bytes = to_pdf(policy, paper=paper, variant=pdf_variant)
        return pdf
    raise UsageError(f"unknown format '{fmt}'; accepted: {', '.join(ALL_FORMATS)}")


def output_path(out_dir: Path, slug: str, fmt: str) -> Path:
    """The file a format is written to: `out_dir/<slug>/privacy-policy.<fmt>` (`.fragment.html` for the fragment), never outside `out_dir`."""
    if not slug or "/" in slug or "\\" in slug or slug in (".", "..") or slug.startswith("."):
        raise UsageError(f"unsafe output folder name '{slug}'")
    base = out_dir.resolve()
    target = (base / slug / f"privacy-policy.{_SUFFIXES.get(fmt, fmt)}").resolve()
    if base not in target.parents:
        raise UsageError(f"output path {target} would leave {base}")
    return target


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, synced, then renamed.

    A batch passes `sync=False` and flushes once at the end (`os.sync`), instead of once per file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        Path(temp).chmod(0o644)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    remove_stale_temps(path)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files of `path` left by a writer that was killed (`kill -9`, power cut) before its rename.

    The temporary name carries the writer's process id; a file whose writer no longer runs is stale.
    A writer that is still running (another build writing the same file) keeps its file.
    """
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            temp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
