"""End-to-end wizard tests in a real pseudo-terminal (pexpect).

Most answers are prefilled with --answers so only a few prompts remain. The child
runs with PROMPT_TOOLKIT_NO_CPR=1, otherwise prompt_toolkit waits for a
cursor-position reply before each prompt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pexpect
import pytest

from generator.answers.load import load_answers
from generator.wizard.flow import Wizard
from generator.wizard.prompts import Question
from generator.wizard.screen import group_of
from generator.wizard.writer import dump_answers

ROOT = Path(__file__).resolve().parent.parent
POLICYGEN = ROOT / ".venv" / "bin" / "policygen"
DOWN, UP, ENTER, BACKSPACE, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x7f", "\x03"
pytestmark = pytest.mark.beside  # real processes: run beside the other tests (docs/testing.md)

SCRIPT: dict[str, Any] = {
    "policy.effective_date": "2026-04-01",
    "business.legal_name": "Saffron Crumb Bakers LLP",
    "business.kind": "online-shop",
    "business.website": "https://saffroncrumb.example",
    "business.country": "India",
    "business.address": "14 Example Lane, Pune 411001, India",
    "jurisdictions": ["india"],
    "data[0].category": "contact",
    "data[0].purposes": ["orders"],
    "retention.default": "for 2 years after your last order",
    "security.measures": ["tls"],
    "contacts.grievance_officer?": True,
    "contacts.grievance_officer.name": "Meera Kulkarni",
    "data[0].required": True,
    "requests.response_days": "30",
    "requests.verification": "we ask you to confirm details we already hold about you",
    # SMS marketing, so India's Do Not Disturb question applies (it is not asked for email alone).
    "marketing.sends_marketing": True,
    "marketing.channels": ["sms"],
    "marketing.consent": "opt-in",
    "marketing.unsubscribe[0]": "reply STOP to any SMS",
}


def _partial(tmp_path: Path, leave_out: tuple[str, ...]) -> Path:
    """A draft answering everything except the `leave_out` keys (dotted paths)."""

    def ask(question: Question, default: Any) -> Any:
        differing = [group_of(path) for path, proposed in question.proposals if path in SCRIPT and SCRIPT[path] != proposed]
        if question.path == "review":  # proposals listed at the review that the script answers otherwise: change them
            return "proposals" if differing else "write"
        if question.proposals:  # a step's screen: change the lines the script answers otherwise
            return differing
        if question.path in SCRIPT:
            return SCRIPT[question.path]
        if question.kind in ("text", "services") and question.path.endswith("]"):
            return ""
        if question.kind == "confirm" and question.path.endswith("]?"):
            return False
        # What Enter gives in the terminal: a yes/no prompt answers its default (No when none),
        # a choice its default or the first choice.
        if question.kind == "confirm":
            return bool(default)
        if question.kind == "select":
            return default if default is not None else question.choices[0][1]
        return default

    wizard = Wizard(ask, say=lambda text: None)
    wizard.run()
    data = wizard.data
    for path in leave_out:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        del node[last]
    partial = tmp_path / "partial.yaml"
    partial.write_text(dump_answers(data))
    return partial


def _spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "COLUMNS": "160", "LINES": "50"}
    child = pexpect.spawn(str(POLICYGEN), ["wizard", *args], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30, dimensions=(50, 160))
    return child


@pytest.mark.skipif(not POLICYGEN.exists(), reason="needs the installed policygen in .venv")
def test_wizard_in_a_terminal_writes_the_answers_and_builds(tmp_path: Path) -> None:
    partial = _partial(tmp_path, ("business.legal_name", "jurisdictions", "children.minimum_age", "marketing.respects_dnd"))
    out = tmp_path / "answers.yaml"
    child = _spawn(tmp_path, "--answers", str(partial), "--out", str(out), "--build")
    child.expect("full legal name")
    child.send("Pune Crumbs LLP" + ENTER)
    child.expect("Where are the people")
    child.send(DOWN + DOWN + UP + UP + ENTER)  # move about, then accept India, offered ticked (the business's own country)
    child.expect("\\[India\\]")  # the one choice ticked, as questionary shows it (more are listed by the wizard under it)
    child.expect("Proposed from your earlier answers")  # too few for a screen of their own: listed at the review
    child.expect("All correct")
    child.send(DOWN + ENTER)  # "Change one of the proposed answers listed above"
    child.expect("Do Not Disturb")  # its line, then the minimum age's
    child.send(" " + DOWN + " " + ENTER)
    child.expect("Do you check India's Do Not Disturb")
    child.send("y")
    child.expect("minimum age")
    child.send("?" + ENTER)  # the whole help, then the question again
    child.expect("treats everyone under 18 as a child")
    child.expect("minimum age")
    child.send(BACKSPACE * 2 + "21" + ENTER)
    child.expect("What the minimum age is for")  # asked now that there is a minimum age
    child.send(DOWN + ENTER)  # accounts
    child.expect("track or monitor")
    child.send("n")
    child.expect("All correct")  # every other new question (whose information each data item is) listed as proposed
    child.send(ENTER)  # "Write the answer file" is first
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = out.read_text()
    assert "legal_name: Pune Crumbs LLP" in text
    assert "jurisdictions: [india]" in text
    assert "minimum_age: 21" in text and "minimum_age_for: accounts" in text and "respects_dnd: true" in text
    answers = load_answers(out)
    assert answers.business.legal_name == "Pune Crumbs LLP" and answers.children.minimum_age == 21
    policy = (tmp_path / "out" / "pune-crumbs-llp" / "privacy-policy.md").read_text()
    assert "Pune Crumbs LLP" in policy and "Meera Kulkarni" in policy


@pytest.mark.skipif(not POLICYGEN.exists(), reason="needs the installed policygen in .venv")
def test_ctrl_c_in_a_terminal_saves_a_draft_and_says_how_to_resume(tmp_path: Path) -> None:
    partial = _partial(tmp_path, ("business.legal_name", "jurisdictions"))
    out = tmp_path / "answers.yaml"
    child = _spawn(tmp_path, "--answers", str(partial), "--out", str(out))
    child.expect("full legal name")
    child.send("Interrupted Traders LLP" + ENTER)
    child.expect("Where are the people")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    draft = tmp_path / "answers.draft.yaml"
    assert child.exitstatus == 130
    assert f"policygen wizard --answers {draft} --out {out}" in " ".join((child.before or "").split())
    assert not out.exists()
    assert "legal_name: Interrupted Traders LLP" in draft.read_text()


# What a new owner types: only what no proposal can know (names, addresses, their retention rule). Every other
# prompt gets Enter: the proposal, the default, or the first choice.
TYPED = {
    "full legal name": "Example Traders Private Limited",
    "website's address": "https://example-traders.example",
    "country where the business": "India",
    "registered postal address": "1 Example Road, Pune 411001, India",
    "Full name of the person": "Asha Rao",
    "Your general rule": "for 3 years after your last order",
}
PROMPT = "\x1b\\[\\?2004h.{0,80}?\\?\x1b\\[0;1m ([^\x1b]*)\x1b"
"""A new prompt (prompt_toolkit turns on bracketed paste), questionary's "?" and the whole question after it, up to the
next style code: not a screen line quoting a question, nor the prompt redrawn as it is typed."""


@pytest.mark.skipif(not POLICYGEN.exists(), reason="needs the installed policygen in .venv")
def test_enter_at_every_prompt_from_a_fresh_start_ends_with_a_file_that_builds(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    child = _spawn(tmp_path, "--out", str(out), "--build")
    typed, entered = [], 0
    while True:
        index = child.expect([PROMPT, "All correct", pexpect.EOF], timeout=20)
        if index == 0:
            question = child.match.group(1)
            key = next((key for key in TYPED if key in question), None)
            if key is not None:
                typed.append(key)
                child.send(TYPED[key] + ENTER)
            else:  # a prompt that asks nothing we type: Enter
                entered += 1
                assert entered < 60, f"still asking after {entered} presses of Enter: {child.before[-300:]!r}"
                child.send(ENTER)
        elif index == 1:
            child.expect("Write the answer file")
            assert "anyway" not in child.readline(), "the review offers to write a file with gaps"
            child.send(ENTER)
        else:
            break
    child.close()
    assert child.exitstatus == 0, child.before
    assert sorted(typed) == sorted(TYPED), f"typed only {typed}"
    assert "Build your policy with" in child.before or (tmp_path / "out").exists()
    policy = (tmp_path / "out" / "example-traders-private-limited" / "privacy-policy.md").read_text()
    assert "Example Traders Private Limited" in policy and "Asha Rao" in policy
    assert load_answers(out).business.website == "https://example-traders.example"
