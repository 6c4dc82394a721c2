"""What `policygen build` shows on a real terminal (pexpect): one progress line, then one summary line."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pexpect
import pytest
from conftest import BAKERY, ROOT, make_answers

POLICYGEN = ROOT / ".venv" / "bin" / "policygen"
pytestmark = pytest.mark.beside  # real processes in a pseudo-terminal: run beside the other tests (docs/testing.md)


def on_terminal(*args: str | Path, ci: bool = False) -> tuple[int, str]:
    """Run policygen in a pseudo-terminal: its exit status and everything it sent to the terminal."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "true"
    child = pexpect.spawn(str(POLICYGEN), [str(arg) for arg in args], env=env, encoding="utf-8", timeout=120, dimensions=(24, 100))
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0), child.before or ""


def screen(stream: str) -> tuple[list[str], int]:
    """The lines a terminal shows at the end (carriage returns, line erases and cursor-up applied, colours dropped),
    and the most lines a progress display took up at once."""
    lines, row, col, tallest = [""], 0, 0, 1
    for token in re.findall(r"\x1b\[[0-9;?]*[A-Za-z]|\r|\n|[^\x1b\r\n]+", stream):
        if token == "\r":
            col = 0
        elif token == "\n":
            row += 1
            col = 0
            if row == len(lines):
                lines.append("")
        elif token == "\x1b[2K":
            lines[row] = ""
        elif re.fullmatch(r"\x1b\[(\d*)A", token):
            row = max(0, row - int(token[2:-1] or 1))
        elif not token.startswith("\x1b"):
            lines[row] = lines[row][:col] + token + lines[row][col + len(token) :]
            col += len(token)
        if "building" in lines[row]:
            tallest = max(tallest, sum("building" in line for line in lines))
    return [line.rstrip() for line in lines if line.strip()], tallest


def test_a_batch_shows_one_progress_line_then_one_summary(tmp_path: Path) -> None:
    make_answers(tmp_path / "answers", 4)
    status, stream = on_terminal("build", tmp_path / "answers", "--out", tmp_path / "out", "--allow-gaps", "--jobs", "2")
    assert status == 0, stream
    shown, tallest = screen(stream)
    assert shown == ["policygen: 4 built, 0 unchanged, 0 failed"]
    assert tallest == 1, "the progress is one line, rewritten in place"
    counts = re.findall(r"(\d)/4", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream))
    assert counts[0] == "0" and counts[-1] == "4", "the line counts the files done, of all of them"
    assert "wrote" not in stream
    assert len(list((tmp_path / "out").glob("*/privacy-policy.md"))) == 4


def test_a_failure_stays_above_the_progress_line(tmp_path: Path) -> None:
    make_answers(tmp_path / "answers", 3)
    (tmp_path / "answers" / "zz-broken.yaml").write_text("business: {legal_name: X}\nbogus_key: 1\n", encoding="utf-8")
    status, stream = on_terminal("build", tmp_path / "answers", "--out", tmp_path / "out", "--allow-gaps", "--jobs", "2")
    assert status == 1
    shown, _ = screen(stream)
    failure = [line for line in shown if "bogus_key" in line]
    assert failure and shown.index(failure[0]) < shown.index("policygen: 3 built, 0 unchanged, 1 failed")
    assert shown[-1].startswith("policygen: failed:") and "zz-broken.yaml" in shown[-1]


def test_quiet_shows_nothing_when_all_is_well(tmp_path: Path) -> None:
    make_answers(tmp_path / "answers", 3)
    status, stream = on_terminal("build", tmp_path / "answers", "--out", tmp_path / "out", "--allow-gaps", "--quiet")
    assert status == 0
    assert stream == ""
    assert len(list((tmp_path / "out").glob("*/privacy-policy.md"))) == 3


def test_in_ci_a_terminal_gets_plain_lines(tmp_path: Path) -> None:
    make_answers(tmp_path / "answers", 2)
    status, stream = on_terminal("build", tmp_path / "answers", "--out", tmp_path / "out", "--allow-gaps", "-f", "md", ci=True)
    assert status == 0
    assert "\x1b[" not in stream and "building" not in stream
    lines = stream.replace("\r\n", "\n").splitlines()
    assert sorted(lines[:2]) == [f"wrote {tmp_path}/out/crumb-shop-00/privacy-policy.md", f"wrote {tmp_path}/out/crumb-shop-01/privacy-policy.md"]
    assert lines[2:] == ["policygen: 2 built, 0 unchanged, 0 failed"]


def test_two_files_for_one_business_are_named_in_one_message_before_anything_is_written(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 1)
    for name in ("a", "b"):
        shutil.copy(BAKERY, answers / f"{name}.yaml")
    status, stream = on_terminal("build", answers, "--out", tmp_path / "out", "--allow-gaps", "-f", "md", ci=True)
    assert status == 2
    message = (
        f"policygen: {answers}/a.yaml and {answers}/b.yaml both give the same business name, so their policies would share {tmp_path}/out/saffron-crumb;"
        " nothing was written for either; give each business its own trading name"
    )
    assert stream.replace("\r\n", "\n").splitlines() == [
        message,
        f"wrote {tmp_path}/out/crumb-shop-00/privacy-policy.md",
        "policygen: 1 built, 0 unchanged, 2 failed",
        message.replace("policygen: ", "policygen: failed: ", 1),
    ]
    assert not (tmp_path / "out" / "saffron-crumb").exists()
