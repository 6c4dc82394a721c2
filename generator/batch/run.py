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

import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.batch.digests import file_digest
from generator.batch.manifest import Manifest, fingerprint
from generator.batch.outcome import BatchStopped, BuildOptions, Outcome, OutputFailed, StopReason, StopSignals, Summary, TerminateRequest
from generator.errors import PolicyGenError
from generator.export.write import output_path, remove_stale_temps

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from generator.answers.model import Answers


def _failure(source: Path, exc: BaseException) -> Outcome:
    if isinstance(exc, PolicyGenError):
        return Outcome(source, "failed", messages=tuple(exc.messages), exit_code=exc.exit_code)
    return Outcome(source, "failed", messages=(f"{source}: internal error: {type(exc).__name__}: {exc}",), exit_code=1)


def load_one(source: Path) -> tuple[str, Answers] | Outcome:
    """Load one answer file: its output folder (the business slug) and answers, or the failure."""
    from generator.pipeline import load, output_slug

    try:
        answers = load(source)
        return output_slug(answers), answers
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return _failure(source, exc)


def build_one(source: Path, options: BuildOptions, digest: str = "", answers: Answers | None = None) -> Outcome:
    """Build one answer file (from its loaded `answers`, when given) and report the outcome instead of raising for the user's errors."""
    try:
        from generator.pipeline import build_file

        result = build_file(
            source,
            options.out_dir,
            list(options.formats),
            paper=options.paper,
            pdf_variant=options.pdf_variant,
            markdown_flavour=options.markdown_flavour,
            allow_gaps=options.allow_gaps,
            clause_dirs=options.clause_dirs,
            sync=False,
            answers=answers,
            ledger=options.ledger,
            layout=options.layout,
        )
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return _failure(source, exc)
    slug = result.written[0].parent.name if result.written and options.layout != "flat" else ""
    return Outcome(source, "built", written=result.written, gaps=result.gaps, warning=result.warning, digest=digest, slug=slug)


def _worker_init(clause_dirs: tuple[Path, ...], cached: bool) -> None:
    """A worker leaves Ctrl-C to the main process, and dies on SIGTERM (held while it renames a policy's files).

    `cached` is the main process's verdict on the compile cache: a folder it refused (and warned about
    once) is not checked, and warned about, again by every worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not cached:
        os.environ["POLICYGEN_NO_CACHE"] = "1"
    start_up(clause_dirs, freeze=True)


def start_up(clause_dirs: tuple[Path, ...] | None, *, freeze: bool = False) -> None:
    """Import the pipeline and (unless `clause_dirs` is None) load the library and catalogues, with Python's cyclic garbage collector paused.

    Start-up makes some hundred thousand objects (modules, classes, the answer models, the library) that live as
    long as the process, and the collector would scan them again and again while they are made: about 8 ms of a
    cold one-file build. With `freeze` (a worker process, which is ours) they go to the collector's permanent
    generation (`gc.freeze()`), so later collections skip them too. A collector the caller turned off stays off.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        from generator.pipeline import warm_up

        if clause_dirs is not None:
            warm_up(clause_dirs)
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


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


def _clash_message(group: list[Path], folder: Path) -> str:
    """One message for every answer file of a clash, naming each of them and the folder they would share."""
    names = ", ".join(str(source) for source in group[:-1]) + " and " + str(group[-1])
    both, which = ("both", "either") if len(group) == 2 else ("all", "any of them")
    share = f"{names} {both} give the same business name, so their policies would share {folder}"
    return f"{share}; nothing was written for {which}; give each business its own trading name"


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
    build`'s handler) or a stdout that cannot be written (`on_outcome` raising BrokenPipeError, or
    OutputFailed) stop the batch:
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
    sources = unique_files(files)
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
    stop = StopSignals()
    detail = ""
    try:
        try:
            stop.arm()
            if workers > 1:
                from concurrent.futures import ProcessPoolExecutor  # with multiprocessing, about 13 ms: only for a pool

                from generator.templating.cache import cache_dir

                start_up(None)  # the imports once, here: workers forked from this process (Linux) start with them; each loads the library itself
                pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(options.clause_dirs, cache_dir() is not None))
            peak = _build_all(sources, unchanged, digests, options, pool, workers, planned, finish)
        finally:
            stop.armed = False  # one stop is enough: a later signal must not cut the cleanup short
    except KeyboardInterrupt:
        stopped = "interrupted"
    except TerminateRequest:
        stopped = "terminated"
    except BrokenPipeError:
        stopped = "broken-pipe"
    except OutputFailed as exc:
        stopped, detail = "output-failed", exc.problem
    finally:
        try:
            if pool is not None:
                _end_pool(pool, wait=stopped is None)
            if stopped is None:
                stopped = stop.late  # the signal reached this process only as the batch was ending
            if stopped is not None:
                _remove_temps(options, planned.values())
            if any(outcome.status == "built" for outcome in outcomes.values()):
                os.sync()  # one flush for the whole batch instead of an fsync per file
            manifest.save()
        finally:
            stop.restore()
    summary = Summary([outcomes[source] for source in sources if source in outcomes], peak_memory_kib=peak, total=len(sources))
    if stopped is not None:
        raise BatchStopped(stopped, summary, detail)
    return summary


def _build_all(
    sources: list[Path],
    unchanged: dict[Path, Outcome],
    digests: dict[Path, str],
    options: BuildOptions,
    pool: ProcessPoolExecutor | None,
    workers: int,
    planned: dict[Path, str],
    finish: Callable[[Outcome], None],
) -> int:
    """Load every file to build, refuse the clashes, build the rest: the peak memory of a builder (KiB).

    `planned` receives the output folder of each file as it is known (for the cleanup of a stopped batch).
    """
    peak = 0
    loaded = _load_all(list(digests), pool, workers, options.clause_dirs)
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
            message = _clash_message(group, options.out_dir / slug)
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
        return _peak_rss_kib() if todo else 0
    from concurrent.futures import as_completed

    futures = {pool.submit(_build_chunk, chunk, options): chunk for chunk in _chunks(todo, workers)}
    for future in as_completed(futures):
        try:
            chunk_outcomes, chunk_peak = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory) fails its files, not the batch
            chunk_outcomes, chunk_peak = [_failure(job[0], exc) for job in futures[future]], 0
        peak = max(peak, chunk_peak)
        for outcome in chunk_outcomes:
            finish(outcome)
    return peak


def unique_files(files: Iterable[Path]) -> list[Path]:
    """The files in order, each once: a file given again, under another path (absolute, through a link), is dropped."""
    seen: set[str] = set()
    unique = []
    for path in files:
        try:
            key = str(path.resolve())
        except (OSError, RuntimeError):  # a link loop, or no current folder: the load reports what is wrong
            key = str(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _load_all(sources: list[Path], pool: ProcessPoolExecutor | None, workers: int, clause_dirs: tuple[Path, ...]) -> dict[Path, Any]:
    """Load every answer file (in the workers when there is a pool): source to (slug, answers) or its failure."""
    if pool is None:
        if sources:
            start_up(clause_dirs)
        return {source: load_one(source) for source in sources}
    from concurrent.futures import as_completed

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
                remove_stale_temps(output_path(options.out_dir, slug, fmt, options.layout))
            except (OSError, PolicyGenError):
                pass


def use_plain_output() -> bool:
    """Plain lines instead of a progress bar: in CI, or when stdout or stderr is not a terminal."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return True
    try:
        return not (sys.stdout is not None and sys.stderr is not None and sys.stdout.isatty() and sys.stderr.isatty())
    except (OSError, ValueError):  # closed
        return True


__all__ = ["build_one", "load_one", "run_batch", "unique_files", "use_plain_output"]
