"""PDF export: layout features, metadata, tagging, determinism, paper sizes and the locked-down fetcher.

Each example's PDF is rendered and read once per session, in a fresh process in the background (conftest.py's
`fresh_process_call`); the demo bakery's is also rendered in this process (`examples`) and compared with the one a
fresh-process `policygen build` writes, which tests/test_determinism.py compares across machines;
one command-line build checks both the paper size and the PDF variant options, and one PDF of changed
answers (a Devanagari description with HTML in it) serves the font and the HTML-in-answers checks.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser.server import serve_handler
from conftest import EXAMPLES, ROOT, ExampleBuild, FreshBuild, FreshCall
from pypdf import PdfReader

from generator.answers.load import load_answers
from generator.cli import main
from generator.export.pdf import to_pdf, to_pdf_html
from generator.policy import Policy
from generator.render import build_policy

BAKERY = ROOT / "examples" / "demo-bakery.yaml"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


@dataclass(frozen=True)
class Rendered:
    policy: Policy
    pages: list[str]  # each page's text, whitespace collapsed
    outline: list[tuple[str, int]]  # each top-level outline entry's title and the page (from 1) it points at

    @property
    def text(self) -> str:
        return " ".join(self.pages)


def _summary(data: bytes) -> dict[str, Any]:
    """What the per-example checks read from a PDF: each page's text and the top-level outline entries."""
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline if not isinstance(item, list)]
    return {"pages": pages, "outline": outline}


def example_summaries() -> dict[str, dict[str, Any]]:
    """Every example's PDF (`to_pdf`: A4, PDF/UA-1), rendered and read. A PDF takes a second or two and reading it
    half that: this runs in a fresh process in the background from the start of the session (`fresh_calls`)."""
    return {path.stem: _summary(to_pdf(build_policy(load_answers(path)))) for path in EXAMPLES}


reads_every_example_pdf = pytest.mark.fresh_calls("test_pdf.example_summaries")


@pytest.fixture(scope="module")
def bakery(examples: Mapping[str, ExampleBuild]) -> Policy:
    return examples[BAKERY.stem].policy


@pytest.fixture(scope="module")
def bakery_pdf(examples: Mapping[str, ExampleBuild]) -> bytes:
    return examples[BAKERY.stem].pdf


@pytest.fixture(scope="module", params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example(request: pytest.FixtureRequest, examples: Mapping[str, ExampleBuild], fresh_process_call: FreshCall) -> Rendered:
    summary = fresh_process_call("test_pdf.example_summaries")[request.param.stem]
    return Rendered(examples[request.param.stem].policy, summary["pages"], [(title, page) for title, page in summary["outline"]])


@reads_every_example_pdf
def test_pdf_has_every_section_title_and_the_business_name(example: Rendered) -> None:
    policy, text = example.policy, example.text
    assert len(example.pages) > 1
    assert policy.business_name in text
    assert policy.legal_name in text
    for section in policy.sections:
        assert section.heading in text, section.heading


@reads_every_example_pdf
def test_every_page_after_the_first_has_the_running_header_and_page_x_of_y(example: Rendered) -> None:
    policy = example.policy
    total = len(example.pages)
    for number, text in enumerate(example.pages, start=1):
        # The page margin boxes come last in each page's text: header left, header right, footer.
        if number == 1:
            assert text.endswith(f"Page 1 of {total}")
        else:
            assert text.endswith(f"{policy.business_name} {policy.title} Page {number} of {total}")


@reads_every_example_pdf
def test_outline_entries_are_the_section_headings(example: Rendered) -> None:
    assert [title for title, _ in example.outline] == [section.heading for section in example.policy.sections]


@reads_every_example_pdf
def test_contents_list_the_page_each_section_starts_on(example: Rendered) -> None:
    contents = example.pages[0]
    for title, page_number in example.outline:
        assert title in example.pages[page_number - 1]
        assert re.search(re.escape(title) + r"[ .]*" + str(page_number) + r"\b", contents), (title, page_number)


def _body_text(example: Rendered, number: int) -> str:
    """Page `number`'s text without its running header and footer (the margin boxes come last)."""
    policy, text, total = example.policy, example.pages[number - 1], len(example.pages)
    for tail in (f"{policy.business_name} {policy.title} Page {number} of {total}", f"Page {number} of {total}"):
        if text.endswith(tail):
            return text[: -len(tail)].rstrip()
    raise AssertionError(f"page {number} has no running footer: {text[-120:]!r}")


@reads_every_example_pdf
def test_at_a_glance_is_one_card_on_one_page(example: Rendered) -> None:
    (glance,) = [section for section in example.policy.sections if section.id == "at-a-glance"]
    (page,) = [number for title, number in example.outline if title == glance.heading]
    items = [" ".join(re.sub(r"<[^>]+>", "", item).split()[:4]) for item in re.findall(r"<li>(.*?)</li>", glance.html, re.S)]
    assert len(items) >= 3
    body = _body_text(example, page)
    missing = [item for item in items if item not in body]
    assert not missing, f"At a glance starts on page {page}, but these lines of it are not there: {missing}"


@reads_every_example_pdf
def test_no_section_heading_is_left_at_the_foot_of_a_page(example: Rendered) -> None:
    stranded = [(title, number) for title, number in example.outline if _body_text(example, number).endswith(title)]
    assert not stranded, f"headings that end their page, apart from what follows them: {stranded}"


def test_internal_links_point_at_pages_and_external_links_are_uris(bakery: Policy, bakery_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(bakery_pdf))
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            if obj.get("/Subtype") != "/Link":
                continue
            action = obj.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external += 1
                assert str(action["/URI"]).startswith(("https://", "http://", "mailto:", "tel:"))
            else:
                internal += 1
                assert obj.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo")
    assert internal >= len(bakery.sections)
    assert external >= 1


def test_metadata_language_and_tags(bakery: Policy, bakery_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(bakery_pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == bakery.title
    assert info.author == bakery.legal_name
    assert bakery.legal_name in (info.subject or "")
    assert str(info["/CreationDate"]).startswith("D:" + bakery.effective_date.strftime("%Y%m%d"))
    assert str(info["/ModDate"]).startswith("D:" + bakery.last_updated.strftime("%Y%m%d"))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == bakery.language
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    page = reader.pages[0].mediabox
    assert (float(page.width), float(page.height)) == pytest.approx(A4, abs=0.5)


def test_only_the_bundled_fonts_are_embedded(bakery_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(bakery_pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts
    assert all(name.startswith("Policy-") for name in fonts), fonts


def _with_description(tmp_path: Path, description: str) -> Policy:
    source = BAKERY.read_text(encoding="utf-8")
    answers = tmp_path / "changed.yaml"
    answers.write_text(
        source.replace("  description: We bake cakes and breads to order and deliver them across Pune.", f"  description: '{description}'"), encoding="utf-8"
    )
    return build_policy(load_answers(answers))


def test_devanagari_text_uses_the_bundled_devanagari_face(changed_pdf: ChangedPdf) -> None:
    reader = PdfReader(io.BytesIO(changed_pdf.data))
    fonts = {str(font.get_object()["/BaseFont"]).split("+", 1)[-1] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert "Policy-Devanagari" in fonts
    assert all(name.startswith("Policy-") for name in fonts), fonts


@pytest.mark.fresh_builds(("first", (BAKERY,), "pdf"))
def test_same_answers_give_byte_identical_pdfs_in_a_fresh_process(bakery_pdf: bytes, fresh_process_build: FreshBuild) -> None:
    """`policygen build -f pdf` in a fresh process (its own hash seed, time zone and locale) writes this process's bytes."""
    fresh = fresh_process_build("first", (BAKERY,), "pdf")
    assert list(fresh) == [Path("saffron-crumb/privacy-policy.pdf")]
    assert fresh[Path("saffron-crumb/privacy-policy.pdf")] == bakery_pdf


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture
def loopback() -> Iterator[str]:
    _Recorder.requests = []
    with serve_handler(_Recorder) as url:
        yield url.rstrip("/")


@dataclass(frozen=True)
class ChangedPdf:
    data: bytes
    requests: list[str]  # what the loopback server was asked for while the PDF was rendered
    fetched: list[str]  # every URL WeasyPrint asked the fetcher for


# One PDF (each takes about a second) of the bakery with a description in Devanagari and with HTML that would
# attach a local file and load a picture and a stylesheet from a server; the two tests below read it.
@pytest.fixture(scope="module")
def changed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChangedPdf]:
    from generator.export import fetcher as pdf_fetcher

    folder = tmp_path_factory.mktemp("changed-pdf")
    secret = folder / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    seen: list[str] = []
    original = pdf_fetcher.BundledAssetFetcher.fetch

    def spy(self: pdf_fetcher.BundledAssetFetcher, url: str, headers: object = None) -> object:
        seen.append(url)
        return original(self, url, headers)

    _Recorder.requests = []
    with pytest.MonkeyPatch.context() as monkeypatch, serve_handler(_Recorder) as url:
        monkeypatch.setattr(pdf_fetcher.BundledAssetFetcher, "fetch", spy)
        server = url.rstrip("/")
        payload = f'<link rel="attachment" href="{secret.as_uri()}"><img src="{server}/pixel.png"><link rel="stylesheet" href="{server}/x.css">'
        data = to_pdf(_with_description(folder, f"हम पुणे में केक बनाते हैं। {payload}"))
    yield ChangedPdf(data, list(_Recorder.requests), seen)


def test_html_in_answers_is_literal_text_and_fetches_nothing(changed_pdf: ChangedPdf) -> None:
    reader = PdfReader(io.BytesIO(changed_pdf.data))
    assert '<link rel="attachment"' in " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert b"TOP-SECRET-CONTENT" not in changed_pdf.data
    assert changed_pdf.requests == []
    assert changed_pdf.fetched and all(url.startswith("policygen-asset:") for url in changed_pdf.fetched), changed_pdf.fetched


def test_fetcher_refuses_files_and_network_even_in_raw_html(tmp_path: Path, loopback: str, bakery: Policy) -> None:
    from weasyprint import HTML

    from generator.export.fetcher import BundledAssetFetcher

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    # The policy's own head (its stylesheet and fonts, which the fetcher serves) and a one-line body: a short PDF.
    head = to_pdf_html(bakery).partition("<body>")[0]
    assert "</head>" in head
    links = f'<link rel="attachment" href="{secret.as_uri()}"><link rel="stylesheet" href="{loopback}/x.css">'
    raw = head.replace("</head>", f"{links}</head>") + f"<body><p>{bakery.business_name}</p></body></html>"
    fetcher = BundledAssetFetcher()
    data = HTML(string=raw, url_fetcher=fetcher).write_pdf()
    assert b"TOP-SECRET-CONTENT" not in data
    assert b"/EmbeddedFiles" not in data
    assert _Recorder.requests == []
    assert sorted(fetcher.refused) == sorted([secret.as_uri(), f"{loopback}/x.css"])


def test_fetcher_serves_only_the_allow_list() -> None:
    from generator.export.fetcher import ASSETS, BundledAssetFetcher, RefusedURLError, asset_url

    fetcher = BundledAssetFetcher()
    for name in ASSETS:
        assert fetcher.fetch(asset_url(name)).read()
    for url in ("policygen-asset:../pyproject.toml", "policygen-asset:fonts/OFL.txt", "file:///etc/passwd", "data:text/css,body{}", "https://example.com/"):
        with pytest.raises(RefusedURLError):
            fetcher.fetch(url)


@dataclass(frozen=True)
class CommandLineBuild:
    status: int
    out: Path
    stdout: str


# One `policygen build` with both PDF options (each PDF takes about a second), checked by the two tests below, which
# both ignore the file WeasyPrint leaves open for its sRGB colour profile when it adds the PDF/A output intent.
# (The PDF/A checks read this build rather than a PDF of their own: the option reaches to_pdf's `variant`.)
@pytest.fixture(scope="module")
def letter_pdf_a(tmp_path_factory: pytest.TempPathFactory) -> CommandLineBuild:
    out = tmp_path_factory.mktemp("letter-pdf-a")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = main(["build", str(BAKERY), "--out", str(out), "--format", "pdf", "--paper", "letter", "--pdf-variant", "pdf/a-3b"])
    return CommandLineBuild(status, out, stdout.getvalue())


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
def test_policygen_build_writes_a_letter_size_pdf(letter_pdf_a: CommandLineBuild) -> None:
    assert letter_pdf_a.status == 0
    written = list(letter_pdf_a.out.glob("*/privacy-policy.pdf"))
    assert len(written) == 1
    assert written[0].read_bytes().startswith(b"%PDF-")
    page = PdfReader(written[0]).pages[0].mediabox
    assert (float(page.width), float(page.height)) == pytest.approx(LETTER, abs=0.5)
    assert str(written[0]) in letter_pdf_a.stdout


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning", "ignore::ResourceWarning")
def test_pdf_a_variant_is_archival_and_still_tagged(letter_pdf_a: CommandLineBuild) -> None:
    """`--pdf-variant pdf/a-3b` (to_pdf's `variant`): PDF/A metadata and output intent, and still a tagged PDF."""
    assert letter_pdf_a.status == 0
    catalog = PdfReader(next(letter_pdf_a.out.glob("*/privacy-policy.pdf"))).trailer["/Root"]
    assert b"pdfaid:part" in catalog["/Metadata"].get_object().get_data()
    assert "/OutputIntents" in catalog
    assert "/StructTreeRoot" in catalog
