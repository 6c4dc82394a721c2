"""Going back one question (Ctrl-B): the answer before is taken back and asked again, every other answer kept.

Headless: a scripted prompt layer raises GoBack where the owner presses Ctrl-B. The real key is tested in a terminal
at the end (pexpect).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pexpect
import pytest

from generator.wizard.back import GoBack
from generator.wizard.flow import Wizard
from generator.wizard.prompts import Question
from generator.wizard.writer import draft_path, write_answers
from tests.test_wizard import NOTHING_COLLECTED_APP, SAREE_SHOP, TODAY, Scripted

POLICYGEN = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "policygen"


class GoingBack(Scripted):
    """The scripted owner, who presses Ctrl-B the first time each of `back_at` is asked, and answers from `changed` after."""

    def __init__(self, script: dict[str, Any], back_at: list[str], changed: dict[str, Any] | None = None) -> None:
        super().__init__(script)
        self.back_at = list(back_at)
        self.changed = changed or {}
        self.said: list[str] = []

    def __call__(self, question: Question, default: Any) -> Any:
        if question.path in self.back_at:
            self.back_at.remove(question.path)
            self.asked.append(question.path)
            self.script.update(self.changed)  # what the owner answers differently the second time
            raise GoBack
        return super().__call__(question, default)


def _run(asker: GoingBack) -> Wizard:
    wizard = Wizard(asker, say=asker.said.append, today=TODAY)
    wizard.answers = wizard.run()  # type: ignore[attr-defined]
    return wizard


def test_back_asks_the_previous_question_again_and_keeps_every_other_answer() -> None:
    renamed = "Rowan Quillfeather trading as Quill Apps"
    asker = GoingBack(NOTHING_COLLECTED_APP, ["business.kind"], {"business.legal_name": renamed})
    wizard = _run(asker)
    assert asker.asked[:4] == ["business.legal_name", "business.kind", "business.legal_name", "business.kind"]
    assert asker.asked.count("business.legal_name") == 2 and asker.asked.count("business.country") == 1
    assert wizard.data["business"]["legal_name"] == renamed
    assert wizard.data["business"]["kind"] == NOTHING_COLLECTED_APP["business.kind"]
    assert "Back to the previous question." in asker.said


def test_back_at_the_first_question_says_there_is_nothing_before_it() -> None:
    asker = GoingBack(NOTHING_COLLECTED_APP, ["business.legal_name"])
    _run(asker)
    assert asker.asked[:2] == ["business.legal_name", "business.legal_name"]
    assert "This is the first question: there is nothing before it to go back to." in asker.said


def test_back_at_a_screen_takes_back_its_proposals_and_shows_them_again_after_the_question_before() -> None:
    asker = GoingBack(SAREE_SHOP, ["screen:offer"])
    wizard = _run(asker)
    first = asker.asked.index("screen:offer")
    typed = [path for path in asker.asked[:first] if path.startswith("services[")]
    assert asker.asked[first + 1] == typed[0]  # the services typed before the screen (one answer), asked again
    assert asker.asked.count("screen:offer") == 2  # then the screen, with its proposals made again
    assert wizard.data["services"] == _run(GoingBack(SAREE_SHOP, [])).data["services"]  # nothing lost or doubled


def test_back_from_the_review_goes_to_the_last_question_and_the_file_still_builds(tmp_path: Path) -> None:
    from generator.pipeline import build_file

    asker = GoingBack(NOTHING_COLLECTED_APP, ["review"])
    wizard = _run(asker)
    review = asker.asked.index("review")
    assert asker.asked[review + 1] != "review" and asker.asked.count("review") >= 2
    path = tmp_path / "answers.yaml"
    write_answers(path, wizard.answers)  # type: ignore[attr-defined]
    assert build_file(path, tmp_path / "out", ["md"]).written


@pytest.mark.beside
@pytest.mark.skipif(not POLICYGEN.exists(), reason="needs the installed policygen in .venv")
def test_ctrl_b_in_a_terminal_goes_back_one_question(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "COLUMNS": "160", "LINES": "50"}
    child = pexpect.spawn(str(POLICYGEN), ["wizard", "--out", str(tmp_path / "a.yaml")], cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30)
    child.expect("full legal name")
    child.send("Example Traders Private Limited\r")
    child.expect("What kind of business")
    child.send("\x02")  # Ctrl-B
    child.expect("Back to the previous question.")
    child.expect("full legal name")
    child.send("\x03")  # Ctrl-C: stop, keeping a draft
    child.expect(pexpect.EOF)
    child.close()
    draft = draft_path(tmp_path / "a.yaml")
    assert "Example Traders" not in (draft.read_text() if draft.exists() else "")  # the name taken back is not kept
    assert not (tmp_path / "a.yaml").exists()


def test_stopping_at_a_question_keeps_none_of_the_steps_proposals_not_yet_confirmed() -> None:
    """Failed before: stopped at the address, the draft kept the business step's proposals (not a sole trader) unconfirmed."""
    asker = Scripted(SAREE_SHOP, interrupt_at="business.address")
    wizard = Wizard(asker, say=lambda text: None, today=TODAY)
    with pytest.raises(KeyboardInterrupt):
        wizard.run()
    assert set(wizard.data["business"]) == {"legal_name", "kind", "website", "country"}  # what was asked and answered
