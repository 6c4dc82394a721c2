"""`run_wizard` in-process: SIGTERM and SIGHUP save a draft, and the caller's signal handlers come back.

Embedders (and these tests) call the wizard inside their own process, so the wizard must
not leave its handlers installed once it returns, whether it finished or was stopped.
"""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from generator.answers.load import load_answers
from generator.errors import AnswerError
from generator.wizard import session as wizard_module
from generator.wizard.flow import Wizard
from generator.wizard.prompts import Question
from generator.wizard.session import run_wizard
from generator.wizard.writer import read_partial, write_answers
from tests.test_wizard import DPDP_SHOP, INDIAN_SHOP, Scripted

Handler = Callable[[int, FrameType | None], Any] | int | None


def _embedders_handler(signum: int, frame: FrameType | None) -> None:
    raise AssertionError(f"the embedder's handler ran for signal {signum}")


@pytest.fixture
def embedder_handlers() -> Iterator[dict[int, Handler]]:
    """Handlers an embedding program had installed before calling the wizard."""
    previous = {signum: signal.signal(signum, _embedders_handler) for signum in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield {signum: _embedders_handler for signum in previous}
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend there is a terminal to ask in (the prompts themselves are scripted)."""
    monkeypatch.setattr(wizard_module, "_interactive", lambda: True)


def _scripted(monkeypatch: pytest.MonkeyPatch, asker: Callable[[Question, Any], Any]) -> None:
    monkeypatch.setattr(wizard_module, "terminal_asker", lambda: asker)


class SignalAt(Scripted):
    """Scripted answers, but the process is sent `signum` when the question at `path` comes up."""

    def __init__(self, path: str, signum: int) -> None:
        super().__init__(INDIAN_SHOP)
        self.path, self.signum = path, signum

    def __call__(self, question: Question, default: Any) -> Any:
        if question.path == self.path:
            os.kill(os.getpid(), self.signum)
        return super().__call__(question, default)


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_draft_returns_128_plus_it_and_restores_the_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], embedder_handlers: dict[int, Handler], signum: int
) -> None:
    _scripted(monkeypatch, SignalAt("screen:collect", signum))  # the screen of what is collected and why
    out = tmp_path / "answers.yaml"
    status = run_wizard(argparse.Namespace(out=out, answers=None, build=False))
    assert status == 128 + signum
    assert {s: signal.getsignal(s) for s in embedder_handlers} == embedder_handlers
    draft = tmp_path / "answers.draft.yaml"
    assert f"To carry on: policygen wizard --answers {draft} --out {out}" in capsys.readouterr().err
    assert not out.exists()
    data, open_lists = read_partial(draft)
    assert data["business"]["legal_name"] == "Saffron Crumb Bakers LLP"
    assert [item["category"] for item in data["data"]] == ["identity", "contact"]
    assert all("purposes" not in item for item in data["data"])  # proposed on the screen, never confirmed: not in the draft
    assert open_lists == ["data[0].examples", "data[1].examples", "data"]  # their "none" / "no more" was not confirmed either


@pytest.mark.usefixtures("terminal")
def test_a_finished_wizard_restores_the_handlers_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder_handlers: dict[int, Handler]) -> None:
    _scripted(monkeypatch, Scripted(INDIAN_SHOP))
    out = tmp_path / "answers.yaml"
    assert run_wizard(argparse.Namespace(out=out, answers=None, build=False)) == 0
    assert {s: signal.getsignal(s) for s in embedder_handlers} == embedder_handlers
    assert load_answers(out).business.legal_name == "Saffron Crumb Bakers LLP"


@pytest.mark.usefixtures("terminal")
def test_the_closing_message_says_whether_the_file_builds_and_the_draft_is_then_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "answers.yaml"
    draft = tmp_path / "answers.draft.yaml"
    draft.write_text("business: {}\n", encoding="utf-8")  # left by an earlier stop
    # Enter at the gaps' questions: five left (from 13 May 2027: the notice of every breach, each purpose's DPDP ground, the Eighth
    # Schedule offer among them)
    _scripted(monkeypatch, Scripted(DPDP_SHOP))
    assert run_wizard(argparse.Namespace(out=out, answers=None, build=True)) == 0
    said = capsys.readouterr().out
    assert f"Wrote {out}. It does not build yet: 5 required disclosure(s) missing." in said and "Build your policy with" not in said
    assert "wrote " not in said  # --build builds only a file without gaps
    assert out.exists() and not draft.exists()
    _scripted(monkeypatch, Scripted(INDIAN_SHOP))
    out.unlink()
    assert run_wizard(argparse.Namespace(out=out, answers=None, build=False)) == 0
    assert f"Wrote {out}. Build your policy with: policygen build {out}" in capsys.readouterr().out


def test_defaults_accepts_every_proposal_without_a_terminal_and_writes_a_file_that_builds(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    example = Path(__file__).resolve().parent.parent / "examples" / "online-shop.yaml"
    assert run_wizard(argparse.Namespace(out=out, answers=example, build=False, defaults=True, ask=None)) == 0
    assert load_answers(out).business.legal_name == load_answers(example).business.legal_name


def test_defaults_names_the_answer_it_cannot_propose(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("business:\n  kind: online-shop\n")
    with pytest.raises(AnswerError, match=r"business\.legal_name: no proposal to accept \(Your business's full legal name"):
        run_wizard(argparse.Namespace(out=tmp_path / "answers.yaml", answers=partial, build=False, defaults=True, ask=None))
    assert not (tmp_path / "answers.yaml").exists()


def test_ask_reopens_one_step_of_a_finished_file(tmp_path: Path) -> None:
    finished = tmp_path / "answers.yaml"
    write_answers(finished, Wizard(Scripted(INDIAN_SHOP), say=lambda text: None).run())
    data, open_lists = read_partial(finished)
    asker = Scripted({})
    Wizard(asker, say=lambda text: None, data=data, open_lists=open_lists, ask_step="cookies").run()
    assert asker.asked[-1] == "review" and asker.asked[:-1], asker.asked
    assert {path.split(".")[0] for path in asker.asked[:-1]} == {"cookies"}, asker.asked
