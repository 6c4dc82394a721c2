"""`policygen wizard` in a terminal: run the `Wizard`, save a draft when it is stopped, write the answer file.

Ctrl-C, the end of input, SIGHUP and SIGTERM stop the wizard the same way: the answers so far
are saved as a draft next to the output, with the command that resumes from it.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from generator.errors import UsageError
from generator.wizard.flow import Wizard
from generator.wizard.prompts import STEPS, Question, terminal_asker
from generator.wizard.writer import draft_path, read_partial, write_answers


class Stopped(KeyboardInterrupt):
    """SIGHUP or SIGTERM arrived while the wizard was asking: stop the way Ctrl-C does.

    A KeyboardInterrupt so that it passes through prompt_toolkit's event loop the same
    way Ctrl-C does (asyncio lets only KeyboardInterrupt and SystemExit out of a callback).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
"""The signals that end the wizard with a draft: the terminal closed (SIGHUP), or a plain `kill` (SIGTERM)."""


def _stop(signum: int, frame: FrameType | None) -> None:
    """Stop the wizard: raise `Stopped` now, or, while a prompt's event loop runs, from a callback of that loop.

    Raised in the middle of the loop, the exception may land inside one of the prompt's own tasks (loading its
    history): the prompt then prints it as an unhandled error and waits for Enter on a terminal that may be gone.
    From a plain callback it ends the loop, and the prompt, as Ctrl-C does.
    """
    _ignore_stop_signals()  # one is enough: a second must not cut short the saving of the draft
    stop = Stopped(signum)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise stop from None
    loop.call_soon_threadsafe(_raise, stop)


def _raise(stop: Stopped) -> None:
    raise stop


def _ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


@contextmanager
def _signals_stop_the_wizard() -> Iterator[None]:
    """While asking, SIGHUP and SIGTERM raise `Stopped`; the previous handlers come back afterwards.

    Only the main thread may set handlers: called from another thread, the signals keep theirs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interactive() -> bool:
    """Whether there is a terminal to ask in: both stdin and stdout."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _tell(message: str) -> None:
    """Print to stderr if there is still a terminal to print to (after a hang-up there may be none)."""
    try:
        print(message, file=sys.stderr, flush=True)
    except OSError:
        pass


OPENING = """policygen wizard: your privacy policy's answers, in {steps} steps (about 10 minutes).

It asks about your business, where the people you serve are, the services you use, what you collect and why,
and who to contact. What it can work out from earlier answers it proposes on one screen per step: press Enter
to confirm, or tick a line (space) to change it. Type ? for help on a question; Ctrl-B goes back one question.
Nothing you did not confirm is written. Ctrl-C stops at any time and saves a draft you can resume; at the end the
answers go to {out}."""


def run_wizard(args: argparse.Namespace) -> int:
    """Run `policygen wizard`: ask, review, write the answer file (and build it with --build).

    Ctrl-C, the end of input, SIGHUP and SIGTERM save the answers so far as a draft next to
    the output and return 130 (Ctrl-C, end of input) or 128 + the signal's number.

    Raises:
        UsageError: when there is no terminal to ask in.
    """
    ask_step = getattr(args, "ask", None)
    if ask_step is not None and ask_step not in STEPS:
        raise UsageError(f"--ask: unknown step '{ask_step}'; accepted: {', '.join(STEPS)}")
    if getattr(args, "defaults", False):
        return _run_with_defaults(args)
    if not _interactive():
        raise UsageError(
            "the wizard needs an interactive terminal. Without one, write an answer file "
            "(see examples/ and 'policygen schema') and run 'policygen build answers.yaml', "
            "or accept every proposal with 'policygen wizard --defaults --answers FILE'."
        )
    out: Path = args.out
    data, open_lists = read_partial(args.answers) if args.answers else ({}, [])
    wizard = Wizard(terminal_asker(), data=data, open_lists=open_lists, ask_step=ask_step)
    print(OPENING.format(steps=len(STEPS), out=out), flush=True)
    draft = draft_path(out)
    with _signals_stop_the_wizard():
        try:
            answers = wizard.run()
            target = choose_target(wizard, out)
        except (KeyboardInterrupt, EOFError) as stop:
            _ignore_stop_signals()
            resume = f"policygen wizard --answers {draft} --out {out}"
            from generator.export.write import write_atomic

            write_atomic(draft, wizard.draft_text(resume).encode("utf-8"))
            _tell(f"\nStopped. Your answers so far are saved in {draft}.\nTo carry on: {resume}")
            return 128 + stop.signum if isinstance(stop, Stopped) else 130
    write_answers(target, answers)
    if draft.exists() and draft != target:
        draft.unlink()  # the answers are written: the draft they resumed from is done with
    if wizard.gaps:
        print(
            f"Wrote {target}. It does not build yet: {wizard.gaps} required disclosure(s) missing. "
            f"'policygen check {target}' lists them; 'policygen wizard --answers {target} --out {target}' asks them."
        )
    else:
        print(f"Wrote {target}. Build your policy with: policygen build {target}")
    if args.build and not wizard.gaps:
        from generator.pipeline import build_file

        result = build_file(target, Path("out"), ["md", "html", "json"])
        for written in result.written:
            print(f"wrote {written}")
    return 0


class NoProposal(Exception):
    """`--defaults` met a question with nothing to propose (a name, an address): its answer must be in the file."""


def _run_with_defaults(args: argparse.Namespace) -> int:
    """`policygen wizard --defaults`: every proposal and default accepted, no prompt; the file is written only if it builds.

    Raises:
        AnswerError: naming every question that has no proposal, or every required disclosure still missing (exit 2).
    """
    from generator.errors import AnswerError

    out: Path = args.out
    data, open_lists = read_partial(args.answers) if args.answers else ({}, [])
    unanswerable: list[Question] = []

    def accept(question: Question, default: Any) -> Any:
        if question.path == "review":
            return "write"
        if question.kind == "confirm":
            return bool(default)
        if question.kind == "select":
            if default is None and question.required:
                raise NoProposal(question)
            return default
        if question.proposals:
            return []  # a screen: every line confirmed
        if question.required and default in (None, "", []):
            raise NoProposal(question)
        return default if default is not None else ""

    def asker(question: Question, default: Any) -> Any:
        try:
            return accept(question, default)
        except NoProposal:
            unanswerable.append(question)
            raise

    wizard = Wizard(asker, say=lambda text: None, data=data, open_lists=open_lists, ask_step=getattr(args, "ask", None))
    try:
        answers = wizard.run()
    except NoProposal as stop:
        question = stop.args[0]
        raise AnswerError(
            f"{args.answers or 'the answers'}: {question.path}: no proposal to accept ({question.message}); "
            f"give it in the file passed with --answers, or run the wizard without --defaults"
        ) from None
    if wizard.gaps:
        raise AnswerError(
            f"{out}: not written: {wizard.gaps} required disclosure(s) would be missing; 'policygen check' on the answers lists them"
        )
    write_answers(out, answers)
    print(f"Wrote {out} (every proposal accepted). Build your policy with: policygen build {out}")
    return 0


def choose_target(wizard: Wizard, out: Path) -> Path:
    """The file to write: `out`, unless it exists and the user will not overwrite it."""
    target = out
    while target.exists():
        overwrite = Question(path="overwrite", name="overwrite", kind="confirm", message=f"{target} already exists. Replace it?", step="review")
        if wizard._ask_one(overwrite, False):
            break
        other = Question(path="out", name="out", kind="text", message="Write the answers to which file instead?", step="review", required=True)
        target = Path(wizard._ask_one(other, str(draft_path(target)).replace(".draft", ".new")))
    return target
