"""What a batch is asked to do (`BuildOptions`), what happened to each file (`Outcome`) and to the whole (`Summary`), and how it stops."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.errors import PolicyGenError
from generator.export.formats import Paper, PdfVariant

Status = Literal["built", "unchanged", "failed"]


StopReason = Literal["interrupted", "terminated", "broken-pipe", "output-failed"]


@dataclass(frozen=True)
class BuildOptions:
    """What every file of one batch is built with."""

    out_dir: Path
    formats: tuple[str, ...]
    paper: Paper = "a4"
    pdf_variant: PdfVariant = "pdf/ua-1"
    allow_gaps: bool = False
    clause_dirs: tuple[Path, ...] = ()
    ledger: bool = False
    """Each clause's claims (`because`, `defaults`) in the JSON (`--ledger`)."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one answer file."""

    source: Path
    status: Status
    written: tuple[Path, ...] = ()
    messages: tuple[str, ...] = ()
    gaps: str = ""
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

