"""Batch builds: many answer files across CPU cores, skipping inputs that have not changed.

A batch runs in two steps. First every answer file to build is loaded (in the worker
processes), which gives each one's output folder: two files that would write the same
folder are refused, both of them, before anything is written. Then the rest are built.

A manifest in the output folder (`.policygen-manifest.json`) records, per answer
file, a hash of its bytes and the fingerprint of everything else that shapes the
output: the clause library, the services and requirement catalogues, the page
templates, this package's own code, the versions of the rendering libraries, the
formats and the build options. A file whose hash and fingerprint match, and whose
outputs are all still there, is skipped. Paths in the manifest are relative (outputs
to the output folder), so the folder can be moved, cached or committed.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from generator.errors import PolicyGenError
from generator.export import OutputError, Paper, PdfVariant, os_problem, output_path, remove_stale_temps, write_atomic
from generator.resources import resource_dir

if TYPE_CHECKING:
    from generator.answers import Answers

MANIFEST_NAME = ".policygen-manifest.json"
LOCK_NAME = MANIFEST_NAME + ".lock"
MANIFEST_VERSION = 2
RENDERING_DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pydantic", "pydantic-core", "pyyaml")
PDF_DEPENDENCIES = ("weasyprint", "pydyf")
Status = Literal["built", "unchanged", "failed"]
StopReason = Literal["interrupted", "terminated", "broken-pipe"]


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


class BatchStopped(PolicyGenError):
    """The batch was stopped from outside (Ctrl-C, SIGTERM, stdout closed); `summary` holds what was done."""

    EXIT_CODES: dict[str, int] = {"interrupted": 130, "terminated": 143, "broken-pipe": 141}

    def __init__(self, reason: StopReason, summary: Summary) -> None:
        """Say how far the batch got: files built before it stopped, of all it was given."""
        self.reason = reason
        self.summary = summary
        done = f"{summary.count('built')} of {summary.total} files built"
        if summary.count("unchanged"):
            done += f", {summary.count('unchanged')} unchanged"
        what = "stopped: the output was closed (broken pipe)" if reason == "broken-pipe" else reason
        super().__init__(f"{what}; {done}")
        self.exit_code = self.EXIT_CODES[reason]


def _hash_tree(digest: Any, folder: Path, pattern: str = "*") -> None:
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.cache
def code_digest() -> str:
    """A hash of this package's own code: every .py file of the installed `generator` package, once per process."""
    digest = hashlib.sha256()
    _hash_tree(digest, Path(__file__).resolve().parent, "*.py")
    return digest.hexdigest()


@functools.cache
def _dependency_versions(pdf: bool = False) -> dict[str, str]:
    """The installed versions of the libraries that shape the output (WeasyPrint's without importing it)."""
    import importlib.metadata

    versions = {}
    for name in (*RENDERING_DEPENDENCIES, *(PDF_DEPENDENCIES if pdf else ())):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def fingerprint(options: BuildOptions) -> str:
    """A hash of everything besides the answer file that shapes the output.

    Hashes the bytes of the built-in clause folder (clauses, services and
    requirement catalogues), the templates, any extra clause folders (their
    contents, not where they are), this package's code, the versions of Python
    and of the rendering libraries (WeasyPrint and pydyf too when a PDF is
    made), the tool version, the formats and the options: once per run, a few
    milliseconds.
    """
    from generator import __version__

    digest = hashlib.sha256()
    settings = {
        "version": __version__,
        "code": code_digest(),
        "python": ".".join(map(str, sys.version_info[:3])),
        "dependencies": _dependency_versions("pdf" in options.formats),
        "formats": list(options.formats),
        "paper": options.paper,
        "pdf_variant": options.pdf_variant,
        "allow_gaps": options.allow_gaps,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    folders = {"clauses": resource_dir("clauses"), "templates": resource_dir("templates")}
    folders.update({f"--clauses {index}": folder for index, folder in enumerate(options.clause_dirs)})
    for label, folder in folders.items():
        digest.update(b"\1" + label.encode("utf-8"))
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
    """The record of what was built into one output folder, and from what.

    Keys are answer files, relative to the current folder when they are below it, else as given;
    outputs are relative to the output folder. Saving merges this run's changes into the file as it is
    on disk then, under a lock, so two builds into one folder at once both keep their entries.
    """

    def __init__(self, out_dir: Path, fingerprint: str) -> None:
        """Read the manifest of `out_dir`; entries made with another fingerprint are kept but never current."""
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST_NAME
        self.fingerprint = fingerprint
        self.entries = self._read()
        self.changed = False
        self._updates: dict[str, dict[str, Any] | None] = {}
        try:
            self._cwd: Path | None = Path.cwd()
        except OSError:
            self._cwd = None

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION:
            entries = data.get("entries")
            if isinstance(entries, dict):
                return {key: entry for key, entry in entries.items() if isinstance(entry, dict) and _targets(entry) is not None}
        return {}

    def key(self, source: Path) -> str:
        """The manifest key of an answer file: relative to the current folder when below it, else as given."""
        if self._cwd is not None:
            try:
                return Path(os.path.normpath(self._cwd / source)).relative_to(self._cwd).as_posix()
            except ValueError:
                pass
        return Path(os.path.normpath(source)).as_posix()

    def is_current(self, source: Path, digest: str) -> bool:
        """True when `source` was built from these bytes with this fingerprint and its outputs still exist."""
        entry = self.entries.get(self.key(source))
        if not entry or not digest or entry.get("sha256") != digest or entry.get("fingerprint") != self.fingerprint:
            return False
        targets = _targets(entry)
        return bool(targets) and all((self.out_dir / target).is_file() for target in targets or ())

    def outputs(self, source: Path) -> tuple[Path, ...]:
        """The files recorded for `source`."""
        base = self.out_dir.resolve()
        return tuple(base / target for target in _targets(self.entries.get(self.key(source), {})) or ())

    def slug(self, source: Path) -> str:
        """The output folder recorded for `source` ("" when none)."""
        targets = _targets(self.entries.get(self.key(source), {})) or []
        return targets[0].split("/")[0] if targets else ""

    def record(self, outcome: Outcome) -> None:
        """Remember a built file; forget a failed one so the next run tries it again.

        A built file takes its outputs over: any other entry recording one of them is dropped,
        so the manifest never records a file whose outputs another file wrote.
        """
        key = self.key(outcome.source)
        if outcome.status == "built" and outcome.digest:
            base = self.out_dir.resolve()
            entry = {"sha256": outcome.digest, "fingerprint": self.fingerprint, "outputs": [Path(p).relative_to(base).as_posix() for p in outcome.written]}
            self._updates[key] = entry
            _merge(self.entries, key, entry)
            self.changed = True
        elif outcome.status == "failed":
            self._updates[key] = None
            if self.entries.pop(key, None) is not None:
                self.changed = True

    def save(self) -> None:
        """Merge this run's changes into the manifest on disk, under a lock, if anything changed.

        A run that built nothing writes nothing (not even the output folder).

        Raises:
            OutputError: the manifest cannot be written, naming it.
        """
        if not self.changed:
            return
        try:
            fd = os.open(self.out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{self.out_dir / LOCK_NAME}: cannot write: {os_problem(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            entries = self._read()
            for key, entry in self._updates.items():
                if entry is None:
                    entries.pop(key, None)
                else:
                    _merge(entries, key, entry)
            data = {"version": MANIFEST_VERSION, "entries": dict(sorted(entries.items()))}
            write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
            self.entries = entries
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write: {os_problem(exc)}") from None
        finally:
            os.close(fd)  # and with it the lock
        self.changed = False
        self._updates.clear()


def _targets(entry: dict[str, Any]) -> list[str] | None:
    """An entry's outputs, or None when they are not a list of relative paths."""
    targets = entry.get("outputs", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) and t and not t.startswith("/") and ".." not in t.split("/") for t in targets):
        return None
    return targets


def _merge(entries: dict[str, dict[str, Any]], key: str, entry: dict[str, Any]) -> None:
    """Set `entries[key]`, dropping every other entry that records one of the same outputs."""
    taken = set(entry["outputs"])
    for other in [k for k, e in entries.items() if k != key and taken & set(_targets(e) or ())]:
        del entries[other]
    entries[key] = entry


def _failure(source: Path, exc: BaseException) -> Outcome:
    if isinstance(exc, PolicyGenError):
        return Outcome(source, "failed", messages=tuple(exc.messages), exit_code=exc.exit_code)
    return Outcome(source, "failed", messages=(f"{source}: internal error: {type(exc).__name__}: {exc}",), exit_code=1)


def load_one(source: Path) -> tuple[str, Answers] | Outcome:
    """Load one answer file: its output folder (the business slug) and answers, or the failure."""
    from generator.answers import load_answers
    from generator.policy import slugify

    try:
        answers = load_answers(source)
        return slugify(answers.business.name), answers
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return _failure(source, exc)


def build_one(source: Path, options: BuildOptions, digest: str = "", answers: Answers | None = None) -> Outcome:
    """Build one answer file (from its loaded `answers`, when given) and report the outcome instead of raising for the user's errors."""
    try:
        from generator.build import build_file

        result = build_file(
            source,
            options.out_dir,
            list(options.formats),
            paper=options.paper,
            pdf_variant=options.pdf_variant,
            allow_gaps=options.allow_gaps,
            clause_dirs=options.clause_dirs,
            sync=False,
            answers=answers,
        )
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return _failure(source, exc)
    slug = result.written[0].parent.name if result.written else ""
    return Outcome(source, "built", written=result.written, gaps=result.gaps, digest=digest, slug=slug)


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


def _worker_init(clause_dirs: tuple[Path, ...], cached: bool) -> None:
    """A worker leaves Ctrl-C to the main process, and dies on SIGTERM (held while it renames a policy's files).

    `cached` is the main process's verdict on the compile cache: a folder it refused (and warned about
    once) is not checked, and warned about, again by every worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not cached:
        os.environ["POLICYGEN_NO_CACHE"] = "1"
    _warm_up(clause_dirs)


def _dump(answers: Answers) -> bytes | None:
    try:
        return pickle.dumps(answers, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - the worker that builds it loads the file again
        return None


def _load_chunk(chunk: list[Path]) -> list[tuple[Path, tuple[str, bytes | None] | Outcome]]:
    loaded: list[tuple[Path, tuple[str, bytes | None] | Outcome]] = []
    for source in chunk:
        result = load_one(source)
        loaded.append((source, result if isinstance(result, Outcome) else (result[0], _dump(result[1]))))
    return loaded


_Job = tuple[Path, str, Any]
"""An answer file to build: its path, digest and loaded answers (pickled when they go to a worker)."""


def _build_chunk(chunk: list[_Job], options: BuildOptions) -> tuple[list[Outcome], int]:
    return [build_one(source, options, digest, pickle.loads(blob) if blob else None) for source, digest, blob in chunk], _peak_rss_kib()


def _chunks(items: list[Any], jobs: int) -> Iterator[list[Any]]:
    size = max(1, min(64, len(items) // (jobs * 8) or 1))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _peak_rss_kib() -> int:
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _clash_message(source: Path, others: list[Path], folder: Path) -> str:
    names = ", ".join(str(other) for other in others[:-1]) + (" and " if len(others) > 1 else "") + str(others[-1])
    which = "either" if len(others) == 1 else "any of them"
    return f"{source}: {folder} is also the output folder of {names}; nothing was written for {which}; give each business its own trading name"


def run_batch(
    files: Iterable[Path],
    options: BuildOptions,
    *,
    jobs: int | None = None,
    force: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Build every answer file, in parallel when `jobs` > 1, skipping unchanged ones unless `force`.

    Every file to build is loaded first; files that would write the same output folder fail
    (all of them, exit code 2) before anything is written. Ctrl-C, SIGTERM (with `policygen
    build`'s handler) or a closed stdout (`on_outcome` raising BrokenPipeError) stop the batch:
    pending work is cancelled, the workers are ended, the manifest keeps what was built, and
    BatchStopped is raised.

    Args:
        files: answer files, in the order the summary lists them.
        options: output folder, formats and build options shared by every file.
        jobs: worker processes; None means one per CPU core.
        force: rebuild even when the manifest says nothing changed.
        on_outcome: called in the main process as each file finishes (for progress).

    Raises:
        BatchStopped: the batch was interrupted; its summary says what was done.
        OutputError: the manifest cannot be written.
    """
    sources = list(dict.fromkeys(files))
    manifest = Manifest(options.out_dir, fingerprint(options))
    outcomes: dict[Path, Outcome] = {}
    unchanged: dict[Path, Outcome] = {}
    digests: dict[Path, str] = {}
    for source in sources:
        digest = file_digest(source)
        if not force and manifest.is_current(source, digest):
            unchanged[source] = Outcome(source, "unchanged", written=manifest.outputs(source), digest=digest, slug=manifest.slug(source))
        else:
            digests[source] = digest

    def finish(outcome: Outcome) -> None:
        outcomes[outcome.source] = outcome
        manifest.record(outcome)
        if on_outcome:
            on_outcome(outcome)

    peak = 0
    pool: ProcessPoolExecutor | None = None
    planned: dict[Path, str] = {}
    stopped: StopReason | None = None
    workers = min(jobs or os.cpu_count() or 1, len(digests))
    try:
        if workers > 1:
            from generator.compilecache import cache_dir

            pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(options.clause_dirs, cache_dir() is not None))
        loaded = _load_all(list(digests), pool, workers)
        folders: dict[str, list[Path]] = {}
        for source in sources:
            if source in unchanged:
                folders.setdefault(unchanged[source].slug, []).append(source)
            elif not isinstance(loaded[source], Outcome):
                planned[source] = loaded[source][0]
                folders.setdefault(planned[source], []).append(source)
        todo: list[_Job] = []
        for source in sources:
            slug = unchanged[source].slug if source in unchanged else planned.get(source, "")
            group = folders.get(slug, [])
            if len(group) > 1:
                message = _clash_message(source, [other for other in group if other != source], options.out_dir / slug)
                finish(Outcome(source, "failed", messages=(message,), exit_code=2, slug=slug, clash=True))
            elif source in unchanged:
                finish(unchanged[source])
            elif isinstance(loaded[source], Outcome):
                finish(loaded[source])
            else:
                todo.append((source, digests[source], loaded[source][1]))
        if pool is None:
            for source, digest, answers in todo:
                finish(build_one(source, options, digest, answers))
            peak = _peak_rss_kib() if todo else 0
        else:
            futures = {pool.submit(_build_chunk, chunk, options): chunk for chunk in _chunks(todo, workers)}
            for future in as_completed(futures):
                try:
                    chunk_outcomes, chunk_peak = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory) fails its files, not the batch
                    chunk_outcomes, chunk_peak = [_failure(job[0], exc) for job in futures[future]], 0
                peak = max(peak, chunk_peak)
                for outcome in chunk_outcomes:
                    finish(outcome)
    except KeyboardInterrupt:
        stopped = "interrupted"
    except TerminateRequest:
        stopped = "terminated"
    except BrokenPipeError:
        stopped = "broken-pipe"
    finally:
        if pool is not None:
            _end_pool(pool, wait=stopped is None)
        if stopped is not None:
            _remove_temps(options, planned.values())
        if any(outcome.status == "built" for outcome in outcomes.values()):
            os.sync()  # one flush for the whole batch instead of an fsync per file
        manifest.save()
    summary = Summary([outcomes[source] for source in sources if source in outcomes], peak_memory_kib=peak, total=len(sources))
    if stopped is not None:
        raise BatchStopped(stopped, summary)
    return summary


def _load_all(sources: list[Path], pool: ProcessPoolExecutor | None, workers: int) -> dict[Path, Any]:
    """Load every answer file (in the workers when there is a pool): source to (slug, answers) or its failure."""
    if pool is None:
        return {source: load_one(source) for source in sources}
    loaded: dict[Path, Any] = {}
    futures: dict[Future[list[tuple[Path, tuple[str, bytes | None] | Outcome]]], list[Path]] = {
        pool.submit(_load_chunk, chunk): chunk for chunk in _chunks(sources, workers)
    }
    for future in as_completed(futures):
        try:
            loaded.update(future.result())
        except Exception as exc:  # noqa: BLE001 - a worker that died fails its files, not the batch
            loaded.update({source: _failure(source, exc) for source in futures[future]})
    return loaded


def _end_pool(pool: ProcessPoolExecutor, *, wait: bool) -> None:
    """Shut the pool down; when the batch was stopped, cancel what is pending and end the workers now.

    SIGTERM ends a worker at once, except while it renames one policy's files into place: it holds
    the signal until that set is complete, so no policy is left half old, half new.
    """
    if wait:
        pool.shutdown(wait=True)
        return
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def _remove_temps(options: BuildOptions, slugs: Iterable[str]) -> None:
    """Delete the temporary files ended workers left in the folders this batch was writing."""
    formats = {*options.formats, *(("css",) if "fragment" in options.formats else ())}
    for slug in set(slugs):
        for fmt in formats:
            try:
                remove_stale_temps(output_path(options.out_dir, slug, fmt))
            except (OSError, PolicyGenError):
                pass


def use_plain_output() -> bool:
    """Plain lines instead of a progress bar: in CI, or when stdout or stderr is not a terminal."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return True
    return not (sys.stdout.isatty() and sys.stderr.isatty())


__all__ = [
    "MANIFEST_NAME",
    "BatchStopped",
    "BuildOptions",
    "Manifest",
    "Outcome",
    "Summary",
    "TerminateRequest",
    "build_one",
    "code_digest",
    "fingerprint",
    "load_one",
    "run_batch",
    "use_plain_output",
]
