"""What a batch is asked to do (`BuildOptions`), what happened to each file (`Outcome`) and to the whole (`Summary`), and how it stops."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from generator.errors import PolicyGenError
from generator.export.formats import MarkdownFlavour, Paper, PdfVariant
from generator.export.write import Layout

Status = Literal["built", "unchanged", "failed"]


StopReason = Literal["interrupted", "terminated", "broken-pipe", "output-failed"]


@dataclass(frozen=True)
class BuildOptions:
    """What every file of one batch is built with."""

    out_dir: Path
    formats: tuple[str, ...]
    paper: Paper = "a4"
    pdf_variant: PdfVariant = "pdf/ua-1"
    markdown_flavour: MarkdownFlavour = "commonmark"
    allow_gaps: bool = False
    clause_dirs: tuple[Path, ...] = ()
    ledger: bool = False
    """Each clause's claims (`because`, `defaults`) in the JSON (`--ledger`)."""
    layout: Layout = "by-business"
    """`flat`: the one policy's files straight into `out_dir` (`--layout flat`), not into a folder named by the business."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one answer file."""

    source: Path
    status: Status
    written: tuple[Path, ...] = ()
    messages: tuple[str, ...] = ()
    gaps: str = ""
    warning: str = ""
    """The law pack's one-line warning (the policy takes effect after the pack's date), or empty."""
    digest: str = ""
    exit_code: int = 0
    slug: str = ""
    """The business's output folder under --out (known once the answers loaded)."""
    clash: bool = False
    """Failed because another answer file of the batch has the same output folder."""


@dataclass
class Summary:
    """The outcomes of a batch, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)
    peak_memory_kib: int = 0
    """The highest peak resident memory of a process that built files (a worker, or this process with one job)."""
    total: int = 0
    """How many answer files the batch was given."""

    def count(self, status: Status) -> int:
        """How many files ended with `status`."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[Outcome]:
        """The files that could not be built."""
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def describe(self) -> str:
        """One line: built, unchanged and failed counts."""
        return f"{self.count('built')} built, {self.count('unchanged')} unchanged, {self.count('failed')} failed"


class TerminateRequest(BaseException):
    """Raised in the main process by the SIGTERM handler that `policygen build` installs."""


class OutputFailed(Exception):
    """Raised by a progress callback when stdout cannot be written (closed, a full disk): the batch stops."""

    def __init__(self, problem: str) -> None:
        """`problem` says what is wrong with stdout, e.g. "stdout is closed"."""
        super().__init__(problem)
        self.problem = problem


class BatchStopped(PolicyGenError):
    """The batch was stopped from outside (Ctrl-C, SIGTERM, stdout closed or failing); `summary` holds what was done."""

    EXIT_CODES: dict[str, int] = {"interrupted": 130, "terminated": 143, "broken-pipe": 141, "output-failed": 1}

    def __init__(self, reason: StopReason, summary: Summary, detail: str = "") -> None:
        """Say how far the batch got: files built before it stopped, of all it was given (`detail`: what failed, for output-failed)."""
        self.reason = reason
        self.summary = summary
        done = f"{summary.count('built')} of {summary.total} files built"
        if summary.count("unchanged"):
            done += f", {summary.count('unchanged')} unchanged"
        if reason == "broken-pipe":
            what = "stopped: the output was closed (broken pipe)"
        elif reason == "output-failed":
            what = f"stopped: {detail or 'cannot write to stdout'}"
        else:
            what = reason
        super().__init__(f"{what}; {done}")
        self.exit_code = self.EXIT_CODES[reason]


class StopSignals:
    """Ctrl-C and SIGTERM stop a batch once, and never cut its cleanup short.

    While armed, the first SIGINT or SIGTERM goes to the handler that was there (Python's, which
    raises KeyboardInterrupt; `policygen build`'s, which raises TerminateRequest). After that, and
    during the cleanup, a signal is only remembered (`late`): a signal to the whole process group
    can reach this process after its workers are gone (another thread took it), while the pool is
    being shut down, and the manifest must still be saved. Only callable handlers are wrapped, and
    only in the main thread: a signal that is ignored, or left to its default, stays so.
    """

    def __init__(self) -> None:
        self.armed = False
        self.late: StopReason | None = None
        self._previous: dict[int, Callable[[int, FrameType | None], Any]] = {}

    def arm(self) -> None:
        """Catch SIGINT and SIGTERM (in the main thread): the first one goes to the handler that was there."""
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                handler = signal.getsignal(signum)
                if callable(handler):
                    self._previous[signum] = handler
                    signal.signal(signum, self._handle)
        self.armed = True

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if not self.armed:
            self.late = self.late or ("interrupted" if signum == signal.SIGINT else "terminated")
            return
        self.armed = False
        self._previous[signum](signum, frame)
        self.armed = True  # the handler there did not stop the batch: it goes on

    def restore(self) -> None:
        """Put the handlers that were there back."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
