"""Benchmark the PDF export: our to_pdf against WeasyPrint alone on the same HTML.

Run: .venv/bin/python bench/pdf.py [--repeat N]

For each examples/*.yaml, "to_pdf" is the whole export (print HTML, locked-down fetcher, tagged PDF/UA-1,
pinned font timestamps); "WeasyPrint alone" renders the very same HTML and options with WeasyPrint's
default URL fetcher, with the asset URLs rewritten to file:// paths of the same bundled files. The
target is a ratio of at most 1.10. "page HTML ms" is the part of to_pdf that is ours
alone: building the print page from the policy. Times are the best of N runs after one warm-up, the two
renderers taking turns so that load from other processes affects both alike.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

from generator.answers.load import load_answers  # noqa: E402
from generator.export.fetcher import SCHEME  # noqa: E402
from generator.export.pdf import to_pdf, to_pdf_html  # noqa: E402
from generator.render import build_policy  # noqa: E402
from generator.resources import resource_dir  # noqa: E402


def best_of_interleaved(repeat: int, first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float]:
    """Best time of each function, taking turns (and swapping who goes first) so that a busy machine slows both alike."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(repeat):
        pairs = ((first, times[0]), (second, times[1]))
        for func, bucket in pairs if round_ % 2 == 0 else pairs[::-1]:
            start = time.perf_counter()
            func()
            bucket.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    templates_url = resource_dir("templates").as_uri() + "/"
    rows = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        try:
            policy = build_policy(load_answers(path))
        except Exception as exc:  # a broken example should not hide the others' numbers
            print(f"{path.name}: skipped ({type(exc).__name__}: {str(exc).splitlines()[0][:100]})", file=sys.stderr)
            continue
        html = to_pdf_html(policy).replace(SCHEME, templates_url)

        def ours(policy: object = policy) -> bytes:
            return to_pdf(policy)  # type: ignore[arg-type]

        def alone(html: str = html) -> bytes:
            data: bytes = HTML(string=html, url_fetcher=URLFetcher()).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, pdf_identifier=True)
            return data

        pages = len(HTML(string=html, url_fetcher=URLFetcher()).render().pages)
        t_ours, t_alone = best_of_interleaved(args.repeat, ours, alone)
        t_html = min(timeit.repeat(lambda policy=policy: to_pdf_html(policy), number=10, repeat=3)) / 10
        rows.append((path.stem, pages, t_ours, t_alone, t_html))

    print(f"{'example':<20} {'pages':>5} {'to_pdf ms':>10} {'WeasyPrint ms':>14} {'ratio':>6} {'pages/s':>8} {'page HTML ms':>13}")
    for name, pages, t_ours, t_alone, t_html in rows:
        print(f"{name:<20} {pages:>5} {t_ours * 1000:>10.0f} {t_alone * 1000:>14.0f} {t_ours / t_alone:>6.2f} {pages / t_ours:>8.1f} {t_html * 1000:>13.2f}")
    worst = max((t_ours / t_alone for _, _, t_ours, t_alone, _ in rows), default=0.0)
    print(f"worst ratio {worst:.2f} (target <= 1.10)")
    return 0 if rows and worst <= 1.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
