"""Export a `Policy` as PDF with WeasyPrint, from a print-specific HTML page.

The PDF is tagged (PDF/UA-1) by default, carries the policy's own title, author, language and
dates as metadata, uses only the bundled fonts, and is byte-for-byte the same for the same answers.
WeasyPrint takes about a second to import, so it is imported only when a PDF is made.
"""

from __future__ import annotations

import calendar
import contextlib
import functools
import os
import threading
from collections.abc import Iterator

from jinja2 import Template
from markupsafe import Markup

from generator.errors import UsageError
from generator.export.formats import Paper, PdfVariant, to_html
from generator.policy import Policy
from generator.resources import resource_dir
from generator.templating.environment import make_environment

PDF_VARIANTS: tuple[str, ...] = ("pdf/ua-1", "pdf/a-3b")
_PAGE_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
_ENVIRON_LOCK = threading.Lock()


@contextlib.contextmanager
def _source_date(policy: Policy) -> Iterator[None]:
    """Pin the clock that fontTools stamps into subset fonts to the policy's own last-updated date (its effective date when it gives none).

    Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which writes the current time
    into each font's `head` table unless SOURCE_DATE_EPOCH is set (the reproducible-builds convention).
    """
    epoch = str(calendar.timegm((policy.last_updated or policy.effective_date).timetuple()))
    with _ENVIRON_LOCK:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        try:
            yield
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


@functools.cache
def _pdf_template() -> Template:
    source = (resource_dir("templates") / "pdf.html.j2").read_text(encoding="utf-8")
    return make_environment("html").from_string(source)


def to_pdf_html(policy: Policy, *, paper: Paper = "a4") -> str:
    """The HTML page the PDF is rendered from: title block, contents and sections, styled by print.css."""
    from generator.export.fetcher import SCHEME

    if paper not in _PAGE_SIZES:
        raise UsageError(f"unknown paper size '{paper}'; accepted: {', '.join(_PAGE_SIZES)}")
    article = Markup(to_html(policy, fragment=True))
    return _pdf_template().render(policy=policy, article=article, stylesheet_url=SCHEME + "print.css", page_size=Markup(_PAGE_SIZES[paper])).strip() + "\n"


def to_pdf(policy: Policy, *, paper: Paper = "a4", variant: PdfVariant = "pdf/ua-1") -> bytes:
    """Render `policy` as a PDF on A4 or US letter paper.

    Args:
        policy: The rendered policy.
        paper: "a4" (default) or "letter".
        variant: "pdf/ua-1" (tagged for accessibility, the default) or "pdf/a-3b" (archival, also tagged).

    Returns:
        The PDF file's bytes; the same policy always gives the same bytes.

    Raises:
        UsageError: for an unknown paper size or PDF variant.
    """
    if variant not in PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant '{variant}'; accepted: {', '.join(PDF_VARIANTS)}")
    html = to_pdf_html(policy, paper=paper)
    from weasyprint import HTML

    from generator.export.fetcher import BundledAssetFetcher

    document = HTML(string=html, base_url=None, url_fetcher=BundledAssetFetcher(), media_type="print")
    # pdf_identifier=True makes the file identifier an MD5 of the content, so it is stable too.
    with _source_date(policy):
        pdf: bytes = document.write_pdf(pdf_variant=variant, pdf_tags=True, pdf_identifier=True)
    return pdf
