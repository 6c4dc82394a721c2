"""Long unbroken words stay on the PDF page: they wrap at the margin instead of running off it.

One PDF is built (once, for all the checks, in a fresh process in the background: a PDF takes seconds) from examples/it-services.yaml
with the trading name (shown in the title block, the text and every page's running header) a
200-character word, the longest a name may be, the business description a 250-character word,
and a custom service whose purpose has a long web address, shown in the services table. Each text run's
right edge is where it starts plus the advance widths of its characters in the bundled font
that drew it (read with fontTools), so the checks see what a reader of the page sees.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, FreshCall
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from generator.answers.load import load_answers
from generator.export.pdf import to_pdf
from generator.render import build_policy

EXAMPLE = ROOT / "examples" / "it-services.yaml"
FONTS = ROOT / "templates" / "fonts"
FACES = {
    "Policy-Sans": "NotoSans-Regular.ttf",
    "Policy-Sans-Bold": "NotoSans-Bold.ttf",
    "Policy-Sans-Italic": "NotoSans-Italic.ttf",
    "Policy-Devanagari": "NotoSansDevanagari-Regular.ttf",
    "Policy-Devanagari-Bold": "NotoSansDevanagari-Bold.ttf",
}
SIDE_MARGIN = 18 / 25.4 * 72  # print.css: 18 mm each side, in points

NAME = ("TaranginiTechnologiesPune" * 8)[:200]
WORD = ("AcmeWidgetsPuneBakers" * 12)[:250]
URL = "https://api.acme-sync.example/v2/accounts/" + "0123456789abcdef" * 8 + "/webhooks"


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn on a page, in points from the page's left edge."""

    page: int
    left: float
    right: float
    y: float  # the baseline, in points up from the foot of the page
    text: str


def _past(run: Run, width: float) -> bool:
    """Whether a run reaches past a side margin. Kerning (which the summed advances leave out) makes
    a run up to about 1% narrower than measured, so 2% is allowed; a word that runs off is hundreds of points past."""
    slack = 1 + 0.02 * (run.right - run.left)
    return run.right > width - SIDE_MARGIN + slack or run.left < SIDE_MARGIN - slack


@functools.cache
def _face(name: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(FONTS / FACES[name])
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def _width(text: str, font: str, size: float) -> float:
    cmap, metrics, units = _face(font)
    return sum(metrics[cmap[ord(char)]][0] if ord(char) in cmap else units for char in text) * size / units


def _runs(data: bytes) -> tuple[float, list[Run]]:
    reader = PdfReader(io.BytesIO(data))
    runs: list[Run] = []
    for number, page in enumerate(reader.pages):

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float, number: int = number) -> None:
            if not text.strip() or font is None:
                return
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            scale = tm[0] * cm[0]  # WeasyPrint draws in CSS px (cm scales by 0.75) with an unscaled text matrix
            left = tm[4] * cm[0] + cm[4]
            runs.append(Run(number, left, left + _width(text, name, size * scale), tm[5] * cm[3] + cm[5], text))

        page.extract_text(visitor_text=visit)
    return float(reader.pages[0].mediabox.width), runs


def _build(edits: dict[str, str]) -> tuple[float, list[Run]]:
    """The PDF of examples/it-services.yaml with each line `old` replaced by `new`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert text.count(old) == 1, f"examples/it-services.yaml changed: update this test's edit of {old!r}"
        text = text.replace(old, new)
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "long-words.yaml"
        answers.write_text(text, encoding="utf-8")
        return _runs(to_pdf(build_policy(load_answers(answers))))


CUSTOM_SERVICE = (
    "services:\n  - facebook-login\n  - id: acme-sync\n    name: Acme Sync\n    provider: Acme Sync Ltd\n    country: Ireland\n"
    f"    kind: crm\n    purposes: ['syncing orders through {URL}']\n    data: [contact]\n    privacy_url: https://acme-sync.example/privacy\n"
)


def long_words_runs() -> tuple[float, list[dict[str, Any]]]:
    """The long name, the long description word and the long web address in the services table, in one PDF, and its
    text runs. Rendering and reading it take seconds: this runs in a fresh process in the background from the start of
    the session (conftest.py's `fresh_calls`)."""
    width, runs = _build(
        {
            "  trading_name: Tarangini Tech\n": f"  trading_name: {NAME}\n",
            "  description: We build, host and support software for businesses.\n": f"  description: {WORD}\n",
            "services: [facebook-login]\n": CUSTOM_SERVICE,
        },
    )
    return width, [dataclasses.asdict(run) for run in runs]


pytestmark = pytest.mark.fresh_calls("test_pdf_wrapping.long_words_runs")


@pytest.fixture(scope="module")
def long_words(fresh_process_call: FreshCall) -> tuple[float, list[Run]]:
    width, runs = fresh_process_call("test_pdf_wrapping.long_words_runs")
    return width, [Run(**run) for run in runs]


def _drawing(runs: list[Run], whole: str) -> list[Run]:
    """The runs that draw `whole`, which must be drawn in full and in order (line breaks add no hyphen)."""
    drawn, spans = "", []
    for run in runs:
        start = len(drawn)
        drawn += run.text.strip()
        spans.append((start, len(drawn)))
    at = drawn.find(whole)
    assert at >= 0, f"not all of it is drawn: {whole}"
    return [run for run, (start, end) in zip(runs, spans, strict=True) if start < at + len(whole) and end > at]


def test_no_text_runs_past_the_side_margins(long_words: tuple[float, list[Run]]) -> None:
    """Not in the text, the title block, the services table, nor the running header (which repeats the long name on every page)."""
    width, runs = long_words
    assert _drawing(runs, NAME) and _drawing(runs, WORD) and _drawing(runs, URL)
    past = [run for run in runs if _past(run, width)]
    assert not past, [(run.page + 1, round(run.left), round(run.right), run.text[:40]) for run in past]


def test_a_250_character_word_is_split_across_lines_inside_the_margins(long_words: tuple[float, list[Run]]) -> None:
    width, runs = long_words
    pieces = _drawing(runs, WORD)
    assert len({(run.page, round(run.y)) for run in pieces}) >= 3
    assert not any(_past(run, width) for run in pieces), [(round(run.left), round(run.right)) for run in pieces]


def test_a_long_web_address_in_the_services_table_wraps_inside_the_page(long_words: tuple[float, list[Run]]) -> None:
    width, runs = long_words
    pieces = _drawing(runs, URL)
    assert len({(run.page, round(run.y)) for run in pieces}) >= 3
    assert not any(_past(run, width) for run in pieces), [(round(run.left), round(run.right)) for run in pieces]
