"""`policygen build`: answers in, policy files out, every file whole or not at all."""

from __future__ import annotations

import argparse
import contextlib
import functools
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import PolicyGenError, UsageError, printable, printable_lines
from generator.export.write import OutputError, os_problem

if TYPE_CHECKING:
    from generator.batch.outcome import BuildOptions, Outcome, Summary


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that cannot be one: a file of that name, or a file among its parents.

    Raises:
        OutputError: naming the folder and what is in the way.
    """
    probe = out_dir
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if probe.is_dir():
        return
    if probe == out_dir:
        raise OutputError(f"{out_dir}: cannot create the folder: a file of that name is in the way")
    raise OutputError(f"{out_dir}: cannot create the folder: {probe} is a file, not a folder")


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into the YAML files they hold (sorted), keeping files as given; a file given twice (by any path) counts once."""
    from generator.batch.run import unique_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")])
            if not found:
                raise UsageError(f"{path}: the folder holds no .yaml answer files")
            files.extend(found)
        else:
            files.append(path)
    return unique_files(files)


def run_build(args: argparse.Namespace) -> int:
    """Run `policygen build` over every file given: in parallel, skipping unchanged files, then a summary.

    Returns:
        0 when every file was built or unchanged, 1 when any failed, 2 when two files name the same business.

    Raises:
        PolicyGenError: a usage error, an output folder that cannot be one, the error of the only file
            given, or BatchStopped (Ctrl-C 130, SIGTERM 143, stdout closed by its reader 141, stdout
            closed or failing 1).
    """
    from generator.batch.outcome import BuildOptions
    from generator.batch.run import run_batch, use_plain_output

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    files = expand_inputs(args.files)
    options = BuildOptions(
        out_dir=args.out,
        formats=tuple(dict.fromkeys([*args.format, *(("annotated-html", "annotated-md") if args.annotate else ())])),
        paper=args.paper,
        pdf_variant=args.pdf_variant,
        markdown_flavour=args.markdown_flavour,
        allow_gaps=args.allow_gaps,
        clause_dirs=tuple(args.clauses),
        ledger=args.ledger,
        layout=args.layout,
    )
    if options.layout == "flat" and len(files) > 1:
        raise UsageError(f"--layout flat writes one policy straight into {options.out_dir}; give one answer file, not {len(files)}")
    for folder in options.clause_dirs:
        if not folder.is_dir():
            raise UsageError(f"{folder}: --clauses needs a folder of clause files")
    check_out_dir(options.out_dir)
    seen: set[str] = set()
    with _terminate_raises():
        if args.quiet or use_plain_output() or len(files) == 1:
            report = functools.partial(_print_outcome, quiet_failure=len(files) == 1, quiet=args.quiet, seen=seen)
            summary = run_batch(files, options, jobs=args.jobs, force=args.force, on_outcome=report)
        else:
            summary = _run_with_progress(files, options, args.jobs, args.force, seen)
    if len(files) == 1 and summary.failed:
        only = summary.failed[0]
        error = PolicyGenError(only.messages)
        error.exit_code = only.exit_code
        raise error
    if (len(files) > 1 or summary.count("unchanged")) and (summary.failed or not args.quiet):
        print(f"policygen: {summary.describe()}", file=sys.stderr)
        for line in dict.fromkeys(_failure_line(outcome) for outcome in summary.failed):  # a clash is one line, however many files it names
            print(f"policygen: failed: {line}", file=sys.stderr)
    if any(outcome.clash for outcome in summary.failed):
        return 2
    return 1 if summary.failed else 0


def _failure_line(outcome: Outcome) -> str:
    """The last message of a failed file, naming the file (a clash's message names every file of it already)."""
    message = outcome.messages[-1] if outcome.messages else "unknown error"
    source = printable(str(outcome.source))
    return message if outcome.clash or message.startswith(source) else f"{source}: {message}"


def _problems(outcome: Outcome, seen: set[str]) -> str:
    """What a file's outcome says went wrong, or empty.

    That is its failure's messages, each once per batch (a clash's one message comes with every file of it), or
    the gaps it was written with and the law pack's warning.
    """
    if outcome.status != "failed":
        said = "\n".join(part for part in (outcome.gaps, outcome.warning) if part)
        return printable_lines(said) if said else ""
    new = [message for message in outcome.messages if message not in seen]
    seen.update(new)
    return "\n".join(f"policygen: {message}" for message in new)


@contextlib.contextmanager
def _terminate_raises() -> Iterator[None]:
    """While building, SIGTERM stops the batch like Ctrl-C does (in the main thread; elsewhere it is left alone)."""
    from generator.batch.outcome import TerminateRequest

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(_signum: int, _frame: object) -> None:
        raise TerminateRequest

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_outcome(outcome: Outcome, *, quiet_failure: bool = False, quiet: bool = False, seen: set[str]) -> None:
    """Plain lines: `wrote` per file written and `unchanged` per file skipped (stdout, not with `quiet`), problems on stderr.

    `quiet_failure`: the failure of the only file given is raised afterwards, so it is not printed here too.

    Raises:
        BrokenPipeError: the reader of stdout went away.
        OutputFailed: stdout is closed or cannot be written (a full disk): the batch stops.
    """
    problems = "" if outcome.status == "failed" and quiet_failure else _problems(outcome, seen)
    if problems:
        print(problems, file=sys.stderr)
    if quiet or outcome.status == "failed":
        return
    if outcome.status == "unchanged":
        _say(f"unchanged {printable(str(outcome.source))}")
        return
    _say("\n".join(f"wrote {printable(str(target))}" for target in outcome.written))  # a closed pipe shows now, and stops the batch, not at exit


def _say(text: str) -> None:
    """Print a line on stdout and flush it: a failure stops the batch (BrokenPipeError, OutputFailed), never a traceback."""
    from generator.batch.outcome import OutputFailed

    stdout = sys.stdout
    if stdout is None:
        raise OutputFailed("stdout is closed")
    try:
        print(text, file=stdout, flush=True)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailed(f"cannot write to stdout: {os_problem(exc)}") from None
    except ValueError:  # closed
        raise OutputFailed("stdout is closed") from None


def _run_with_progress(files: list[Path], options: BuildOptions, jobs: int | None, force: bool, seen: set[str]) -> Summary:
    """One progress line on the terminal (how many files of how many, how many failed), gone when the summary follows.

    Problems are printed above it as they happen.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from generator.batch.run import run_batch

    console = Console(stderr=True)
    columns = (TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("build", total=len(files), failed=0)
        failed = 0

        def advance(outcome: Outcome) -> None:
            nonlocal failed
            failed += outcome.status == "failed"
            problems = _problems(outcome, seen)
            if problems:
                progress.console.print(problems, markup=False, highlight=False)
            progress.update(task, advance=1, failed=failed)

        return run_batch(files, options, jobs=jobs, force=force, on_outcome=advance)


__all__ = ["check_out_dir", "expand_inputs", "run_build"]
