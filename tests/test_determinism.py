"""Same answers, same bytes: across hash seeds, time zones, locales and runs, in every format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "examples"
FORMATS = "md,html,json,pdf"

# Two machines as different as we can make them here: hash seed, time zone (including a
# +14:00 zone where the date differs from UTC most of the day), locale and umask-free env.
MACHINES = {
    "first": {"PYTHONHASHSEED": "0", "TZ": "UTC", "LANG": "C", "LC_ALL": "C"},
    "second": {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "C.UTF-8"},
    "third": {"PYTHONHASHSEED": "random", "TZ": "America/St_Johns", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"},
}


def _build(out: Path, machine: dict[str, str], inputs: list[Path], formats: str) -> dict[Path, bytes]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "PYTHONHASHSEED", "TZ", "LANG", "SOURCE_DATE_EPOCH"))}
    env.update(machine)
    command = [sys.executable, "-m", "generator", "build", *map(str, inputs), "--out", str(out), "--allow-gaps", "--force", "--format", formats]
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True, timeout=300)
    return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_text_formats_are_byte_identical_across_machines(tmp_path: Path) -> None:
    inputs = sorted(EXAMPLES.glob("*.yaml"))
    builds = {name: _build(tmp_path / name, machine, inputs, "md,html,json") for name, machine in MACHINES.items()}
    first = builds["first"]
    assert len(first) == 3 * len(inputs)
    for name, files in builds.items():
        assert files.keys() == first.keys(), name
        for path, data in files.items():
            assert data == first[path], f"{path} differs between 'first' and '{name}'"


@pytest.mark.slow
def test_pdf_is_byte_identical_across_machines(tmp_path: Path) -> None:
    inputs = [EXAMPLES / "demo-bakery.yaml"]
    first = _build(tmp_path / "first", MACHINES["first"], inputs, "pdf")
    second = _build(tmp_path / "second", MACHINES["second"], inputs, "pdf")
    assert list(first) == [Path("saffron-crumb/privacy-policy.pdf")]
    assert first == second


def test_two_builds_in_one_process_are_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    source = EXAMPLES / "demo-bakery.yaml"
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

    assert main(["build", str(EXAMPLES / "demo-bakery.yaml"), "--out", str(tmp_path), "--allow-gaps", "--format", "md,html,json"]) == 0
    capsys.readouterr()
    today = dt.date.today()
    for path in tmp_path.rglob("privacy-policy.*"):
        text = path.read_text(encoding="utf-8")
        assert today.isoformat() not in text or today == dt.date(2026, 4, 1)
        for year, month, day in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
            assert (year, month, day) == ("2026", "04", "01"), path
