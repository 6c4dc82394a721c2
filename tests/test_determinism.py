"""Same answers, same bytes: across hash seeds, time zones, locales and runs, in every format."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import BAKERY, EXAMPLES, MACHINES, ROOT, ExampleBuild, FreshBuild

# The machines (hash seed, time zone, locale) are conftest.py's MACHINES; `fresh_process_build` runs
# `python -m generator build` on one of them in a fresh process, once per session for each distinct build
# (those named in a test's `fresh_builds` mark in the background from the start of the session).


@pytest.mark.fresh_builds(*((machine, tuple(EXAMPLES), "md,html,json") for machine in MACHINES))
def test_text_formats_are_byte_identical_across_machines(fresh_process_build: FreshBuild, examples: Mapping[str, ExampleBuild]) -> None:
    inputs = tuple(EXAMPLES)
    builds = {name: fresh_process_build(name, inputs, "md,html,json") for name in MACHINES}
    first = builds["first"]
    assert len(first) == 3 * len(inputs)
    # ... and the same bytes as a build in this process.
    in_process = {
        Path(build.policy.slug) / f"privacy-policy.{fmt}": text.encode("utf-8")
        for build in examples.values()
        for fmt, text in (("md", build.markdown), ("html", build.html), ("json", build.json))
    }
    assert first == in_process
    for name, files in builds.items():
        assert files.keys() == first.keys(), name
        for path, data in files.items():
            assert data == first[path], f"{path} differs between 'first' and '{name}'"


@pytest.mark.slow
@pytest.mark.fresh_builds(("first", (BAKERY,), "pdf"), ("second", (BAKERY,), "pdf"))
def test_pdf_is_byte_identical_across_machines(fresh_process_build: FreshBuild) -> None:
    """The 'first' build is also the one tests/test_pdf.py compares with this process's PDF."""
    first = fresh_process_build("first", (BAKERY,), "pdf")
    second = fresh_process_build("second", (BAKERY,), "pdf")
    assert list(first) == [Path("saffron-crumb/privacy-policy.pdf")]
    assert first == second


def test_two_builds_in_one_process_are_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    source = ROOT / "examples" / "demo-bakery.yaml"
    for name in ("a", "b"):
        assert main(["build", str(source), "--out", str(tmp_path / name), "--allow-gaps", "--force"]) == 0
    capsys.readouterr()
    for path in sorted((tmp_path / "a").rglob("privacy-policy.*")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_no_build_time_in_the_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The only dates in a policy are the answers' own (2026-04-01 for the bakery)."""
    import datetime as dt
    import re

    from generator.cli import main

    assert main(["build", str(ROOT / "examples" / "demo-bakery.yaml"), "--out", str(tmp_path), "--allow-gaps", "--format", "md,html,json"]) == 0
    capsys.readouterr()
    today = dt.date.today()
    for path in tmp_path.rglob("privacy-policy.*"):
        text = path.read_text(encoding="utf-8")
        assert today.isoformat() not in text or today == dt.date(2026, 4, 1)
        for year, month, day in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
            assert (year, month, day) == ("2026", "04", "01"), path
