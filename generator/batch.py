"""Batch builds: many answer files across CPU cores, skipping inputs that have not changed.

A manifest in the output folder (`.policygen-manifest.json`) records, per answer
file, a hash of its bytes and the fingerprint of everything else that shapes the
output: the clause library, the services and requirement catalogues, the page
templates, the tool version, the formats and the build options. A file whose hash
and fingerprint match, and whose outputs are all still there, is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.errors import PolicyGenError
from generator.export import Paper, PdfVariant, write_atomic
from generator.resources import resource_dir

MANIFEST_NAME = ".policygen-manifest.json"
MANIFEST_VERSION = 1
Status = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True)
class BuildOptions:
    """What every file of one batch is built with."""

    out_dir: Path
    formats: tuple[str, ...]
    paper: Paper = "a4"
    pdf_variant: PdfVariant = "pdf/ua-1"
    allow_gaps: bool = False
    clause_dirs: tuple[Path, ...] = ()


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


@dataclass
class Summary:
    """The outcomes of a batch, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)
    peak_memory_kib: int = 0
    """The highest peak resident memory of a process that built files (a worker, or this process with one job)."""

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


def _hash_tree(digest: Any, folder: Path) -> None:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def fingerprint(options: BuildOptions) -> str:
    """A hash of everything besides the answer file that shapes the output.

    Hashes the bytes of the built-in clause folder (clauses, services and
    requirement catalogues), the templates, any extra clause folders, the tool
    version, the formats and the options: once per run, a few milliseconds.
    """
    from generator import __version__

    digest = hashlib.sha256()
    settings = {
        "version": __version__,
        "formats": list(options.formats),
        "paper": options.paper,
        "pdf_variant": options.pdf_variant,
        "allow_gaps": options.allow_gaps,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    for folder in (resource_dir("clauses"), resource_dir("templates"), *options.clause_dirs):
        digest.update(b"\1" + str(folder).encode("utf-8"))
        if folder.is_dir():
            _hash_tree(digest, folder)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or "" when it cannot be read (or is no regular file: /dev/zero, a pipe)."""
    try:
        if not path.is_file():
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class Manifest:
    """The record of what was built into one output folder, and from what."""

    def __init__(self, out_dir: Path, fingerprint: str) -> None:
        """Read the manifest of `out_dir`; entries made with another fingerprint are kept but never current."""
        self.path = out_dir / MANIFEST_NAME
        self.fingerprint = fingerprint
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self.entries = entries

    @staticmethod
    def key(source: Path) -> str:
        """The manifest key of an answer file: its absolute path."""
        return str(source.resolve())

    def is_current(self, source: Path, digest: str) -> bool:
        """True when `source` was built from these bytes with this fingerprint and its outputs still exist."""
        entry = self.entries.get(self.key(source))
        if not entry or not digest or entry.get("sha256") != digest or entry.get("fingerprint") != self.fingerprint:
            return False
        return all(Path(target).is_file() for target in entry.get("outputs", []))

    def outputs(self, source: Path) -> tuple[Path, ...]:
        """The files recorded for `source`."""
        return tuple(Path(target) for target in self.entries.get(self.key(source), {}).get("outputs", []))

    def record(self, outcome: Outcome) -> None:
        """Remember a built file; forget a failed one so the next run tries it again."""
        if outcome.status == "built" and outcome.digest:
            self.entries[self.key(outcome.source)] = {"sha256": outcome.digest, "fingerprint": self.fingerprint, "outputs": [str(p) for p in outcome.written]}
            self.changed = True
        elif outcome.status == "failed" and self.entries.pop(self.key(outcome.source), None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the manifest atomically, if anything changed: a run that built nothing writes nothing."""
        if not self.changed:
            return
        data = {"version": MANIFEST_VERSION, "entries": dict(sorted(self.entries.items()))}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def build_one(source: Path, options: BuildOptions, digest: str = "") -> Outcome:
    """Build one answer file and report the outcome instead of raising for the user's errors."""
    from generator.build import build_file

    try:
        result = build_file(
            source,
            options.out_dir,
            list(options.formats),
            paper=options.paper,
            pdf_variant=options.pdf_variant,
            allow_gaps=options.allow_gaps,
            clause_dirs=options.clause_dirs,
            sync=False,
        )
    except PolicyGenError as exc:
        return Outcome(source, "failed", messages=tuple(exc.messages), exit_code=exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return Outcome(source, "failed", messages=(f"{source}: internal error: {type(exc).__name__}: {exc}",), exit_code=1)
    return Outcome(source, "built", written=result.written, gaps=result.gaps, digest=digest)


def _warm_up(clause_dirs: tuple[Path, ...]) -> None:
    """Load the library and catalogues once per worker process."""
    from generator.catalogue import load_services
    from generator.check import load_requirements
    from generator.library import load_library

    try:
        load_library(clause_dirs)
        load_services()
        load_requirements()
    except PolicyGenError:
        pass  # each build reports the broken library with its own message


def _build_chunk(chunk: list[tuple[Path, str]], options: BuildOptions) -> tuple[list[Outcome], int]:
    return [build_one(source, options, digest) for source, digest in chunk], _peak_rss_kib()


def _chunks(items: list[tuple[Path, str]], jobs: int) -> Iterator[list[tuple[Path, str]]]:
    size = max(1, min(64, len(items) // (jobs * 8) or 1))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _peak_rss_kib() -> int:
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def run_batch(
    files: Iterable[Path],
    options: BuildOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Build every answer file, in parallel when `jobs` > 1, skipping unchanged ones unless `force`.

    Args:
        files: answer files, in the order the summary lists them.
        options: output folder, formats and build options shared by every file.
        jobs: worker processes; None means one per CPU core.
        force: rebuild even when the manifest says nothing changed.
        on_outcome: called in the main process as each file finishes (for progress).
    """
    sources = list(dict.fromkeys(files))
    manifest = Manifest(options.out_dir, fingerprint(options))
    outcomes: dict[Path, Outcome] = {}
    todo: list[tuple[Path, str]] = []
    for source in sources:
        digest = file_digest(source)
        if not force and manifest.is_current(source, digest):
            outcome = Outcome(source, "unchanged", written=manifest.outputs(source), digest=digest)
            outcomes[source] = outcome
            if on_outcome:
                on_outcome(outcome)
        else:
            todo.append((source, digest))

    def finish(outcome: Outcome) -> None:
        outcomes[outcome.source] = outcome
        manifest.record(outcome)
        if on_outcome:
            on_outcome(outcome)

    peak = 0
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    try:
        if workers <= 1:
            for source, digest in todo:
                finish(build_one(source, options, digest))
            peak = _peak_rss_kib() if todo else 0
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, initargs=(options.clause_dirs,)) as pool:
                futures = [pool.submit(_build_chunk, chunk, options) for chunk in _chunks(todo, workers)]
                for future in as_completed(futures):
                    chunk_outcomes, chunk_peak = future.result()
                    peak = max(peak, chunk_peak)
                    for outcome in chunk_outcomes:
                        finish(outcome)
    finally:
        if todo:
            os.sync()  # one flush for the whole batch instead of an fsync per file
            manifest.save()
    ordered = _flag_collisions([outcomes[source] for source in sources if source in outcomes])
    clashes = [outcome for outcome in ordered if outcome.status == "failed" and outcomes[outcome.source].status != "failed"]
    if clashes:
        for outcome in clashes:
            manifest.record(outcome)
        manifest.save()
    return Summary(ordered, peak_memory_kib=peak)


def _flag_collisions(outcomes: list[Outcome]) -> list[Outcome]:
    """Turn the second of two answer files that write the same output folder into a failure naming both."""
    owners: dict[Path, Path] = {}
    flagged = []
    for outcome in outcomes:
        clash = next((owners[target] for target in outcome.written if owners.get(target, outcome.source) != outcome.source), None)
        if clash is not None and outcome.status != "failed":
            message = f"{outcome.source}: writes {outcome.written[0].parent}, as {clash} does; give the businesses different trading names"
            outcome = Outcome(outcome.source, "failed", messages=(message,), exit_code=2)
        else:
            owners.update(dict.fromkeys(outcome.written, outcome.source))
        flagged.append(outcome)
    return flagged


def use_plain_output() -> bool:
    """Plain lines instead of a progress bar: in CI, or when stdout or stderr is not a terminal."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return True
    return not (sys.stdout.isatty() and sys.stderr.isatty())


__all__ = ["MANIFEST_NAME", "BuildOptions", "Manifest", "Outcome", "Summary", "build_one", "fingerprint", "run_batch", "use_plain_output"]
