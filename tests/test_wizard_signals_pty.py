"""The wizard keeps typed answers when its terminal closes (SIGHUP) or it is killed (SIGTERM).

Driven in a real pseudo-terminal with pexpect, like tests/test_wizard_pty.py: answer the
first question, stop the wizard at the second, then resume from the draft it saved.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_wizard_pty import ENTER, POLICYGEN, _partial, _spawn

pytestmark = [pytest.mark.skipif(not POLICYGEN.exists(), reason="needs the installed policygen in .venv"), pytest.mark.beside]

NAME = "Signalled Traders LLP"


def _answer_the_name(tmp_path: Path) -> tuple[pexpect.spawn, Path]:
    """Start the wizard with only the name and jurisdictions left to ask, answer the name, stop at the jurisdictions."""
    partial = _partial(tmp_path, ("business.legal_name", "jurisdictions"))
    out = tmp_path / "answers.yaml"
    child = _spawn(tmp_path, "--answers", str(partial), "--out", str(out))
    child.expect("full legal name")
    child.send(NAME + ENTER)
    child.expect("Where are the people")
    return child, out


def _resume(tmp_path: Path, draft: Path, out: Path) -> None:
    """Carry on from the draft: the name is not asked again, and the answer file written at the end keeps it."""
    child = _spawn(tmp_path, "--answers", str(draft), "--out", str(out))
    child.expect("Where are the people")
    assert "full legal name" not in (child.before or "")
    child.send(ENTER)  # India, offered ticked (the business's own country)
    child.expect("All correct")
    child.send(ENTER)  # "Write the answer file"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = out.read_text()
    assert f"legal_name: {NAME}" in text
    assert "jurisdictions: [india]" in text


def test_sigterm_saves_a_draft_says_how_to_resume_and_exits_143(tmp_path: Path) -> None:
    child, out = _answer_the_name(tmp_path)
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    child.close()
    output = " ".join((child.before or "").split())
    assert (child.exitstatus, child.signalstatus) == (128 + signal.SIGTERM, None), output
    draft = tmp_path / "answers.draft.yaml"
    assert f"policygen wizard --answers {draft} --out {out}" in output
    assert "Traceback" not in output
    assert not out.exists()
    assert f"legal_name: {NAME}" in draft.read_text()
    _resume(tmp_path, draft, out)


def test_sighup_saves_a_draft_and_exits_129(tmp_path: Path) -> None:
    child, out = _answer_the_name(tmp_path)
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    output = " ".join((child.before or "").split())
    assert (child.exitstatus, child.signalstatus) == (128 + signal.SIGHUP, None), output
    draft = tmp_path / "answers.draft.yaml"
    assert f"policygen wizard --answers {draft} --out {out}" in output
    assert "Traceback" not in output
    assert f"legal_name: {NAME}" in draft.read_text()
    _resume(tmp_path, draft, out)


def _reaped(pid: int, timeout: float) -> int:
    """The wait status of process `pid` once it ends; a wizard still running after `timeout` seconds is killed and fails the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail(f"the wizard was still running {timeout:.0f} s after its terminal closed")


def test_closing_the_terminal_saves_a_draft_and_exits_129(tmp_path: Path) -> None:
    """A real hang-up: the terminal goes away, so the wizard cannot even say where the draft is."""
    child, out = _answer_the_name(tmp_path)
    child.ptyproc.fileobj.close()  # the kernel sends SIGHUP to the wizard; its terminal reads and writes now fail
    status = _reaped(child.pid, timeout=30)
    child.ptyproc.closed = True  # reaped here: nothing left for pexpect to close or wait for
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGHUP
    draft = tmp_path / "answers.draft.yaml"
    assert f"legal_name: {NAME}" in draft.read_text()
    _resume(tmp_path, draft, out)
