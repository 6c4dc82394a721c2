"""Writing outputs: a policy exported per format, and files written whole or not at all (one policy's set together)."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Literal

from generator.errors import PolicyGenError, UsageError
from generator.export.formats import (
    ALL_FORMATS,
    LEDGER_FORMATS,
    SUFFIXES,
    MarkdownFlavour,
    Paper,
    PdfVariant,
    policy_stylesheet,
    to_html,
    to_json,
    to_markdown,
)
from generator.policy import Policy


def export(
    policy: Policy,
    fmt: str,
    *,
    paper: Paper = "a4",
    pdf_variant: PdfVariant = "pdf/ua-1",
    markdown_flavour: MarkdownFlavour = "commonmark",
    contents: bool = True,
    pdf_beside: bool = False,
) -> bytes:
    """Export `policy` in one format as bytes.

    `paper` and `pdf_variant` shape the PDF, `markdown_flavour` the Markdown's heading ids; without `contents` the
    Markdown and the fragment leave out their contents list; `pdf_beside` (the PDF is written next to the page) gives
    the HTML page a "Download PDF" link to it.
    """
    if fmt == "md":
        return to_markdown(policy, flavour=markdown_flavour, contents=contents).encode("utf-8")
    if fmt == "html":
        return to_html(policy, pdf_href="privacy-policy.pdf" if pdf_beside else None).encode("utf-8")
    if fmt == "json":
        return to_json(policy).encode("utf-8")
    if fmt == "fragment":
        return to_html(policy, fragment=True, contents=contents).encode("utf-8")
    if fmt == "css":
        return policy_stylesheet().encode("utf-8")
    if fmt in LEDGER_FORMATS:
        from generator.export.annotated import to_annotated_html, to_annotated_markdown

        return (to_annotated_html(policy) if fmt == "annotated-html" else to_annotated_markdown(policy)).encode("utf-8")
    if fmt == "pdf":
        from generator.export.pdf import to_pdf

        pdf: bytes = to_pdf(policy, paper=paper, variant=pdf_variant)
        return pdf
    raise UsageError(f"unknown format '{fmt}'; accepted: {', '.join(ALL_FORMATS)}")


Layout = Literal["by-business", "flat"]
"""Where a policy's files go: `by-business` in a folder named by the business's slug (`out/<slug>/privacy-policy.md`),
`flat` straight into the output folder (`out/privacy-policy.md`), a path that does not change with the business's name."""


def output_path(out_dir: Path, slug: str, fmt: str, layout: Layout = "by-business") -> Path:
    """The file a format is written to, never outside `out_dir`.

    That is `out_dir/<slug>/privacy-policy.<fmt>`, or `out_dir/privacy-policy.<fmt>` in the `flat` layout
    (`.fragment.html` for the fragment).
    """
    if not slug or "/" in slug or "\\" in slug or slug in (".", "..") or slug.startswith("."):
        raise UsageError(f"unsafe output folder name '{slug}'")
    base = out_dir.resolve()
    folder = base if layout == "flat" else base / slug
    target = folder / f"privacy-policy.{SUFFIXES.get(fmt, fmt)}"
    # `base` has no link left in it; when neither name below it is a link (in the flat layout only the file's), `target` is
    # its own resolved path (lstat calls instead of resolving every part of the path again). A link, or a name that cannot
    # be read, resolves.
    if (folder is not base and _maybe_link(folder)) or _maybe_link(target):
        target = target.resolve()
    if base not in target.parents:
        raise UsageError(f"output path {target} would leave {base}")
    return target


def _maybe_link(path: Path) -> bool:
    """Whether `path` is a symbolic link, or may be one: anything but a name that is missing or is not a link."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False
    except OSError:
        return True


class OutputError(PolicyGenError):
    """An output file or folder cannot be written: the message names the path and what went wrong."""

    exit_code = 1


_PROBLEMS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "a folder of that name is in the way",
    errno.ENOTDIR: "a file of that name is in the way",
    errno.EEXIST: "a file of that name is in the way",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "input/output error",
}


def os_problem(exc: OSError) -> str:
    """What went wrong, in a few words, for an OSError (no errno number, no path)."""
    if exc.errno in _PROBLEMS:
        return _PROBLEMS[exc.errno]
    return (exc.strerror or type(exc).__name__).lower()


def ensure_folder(folder: Path, shown: Path | None = None) -> None:
    """Create `folder` and its parents, or raise OutputError naming it (as `shown`) and what is in the way."""
    shown = folder if shown is None else shown
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker, shown_blocker = folder, shown
        while not blocker.exists() and blocker.parent != blocker:
            blocker, shown_blocker = blocker.parent, shown_blocker.parent
        if blocker == folder or blocker.is_dir():
            raise OutputError(f"{shown}: cannot create the folder: a file of that name is in the way") from None
        raise OutputError(f"{shown}: cannot create the folder: {shown_blocker} is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot create the folder: {os_problem(exc)}") from None


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, so a set of renames is never cut in half."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stage(path: Path, data: bytes, *, sync: bool) -> Path:
    """Write `data` to a new temporary file beside `path` (named after it and this process) and return its path."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
        os.fchmod(fd, 0o644)
    except BaseException:
        os.close(fd)
        Path(temp).unlink(missing_ok=True)
        raise
    os.close(fd)
    return Path(temp)


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, synced, then renamed.

    A batch passes `sync=False` and flushes once at the end (`os.sync`), instead of once per file.

    Raises:
        OSError: the file cannot be written; the old file, if any, is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _stage(path, data, sync=sync)
    try:
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    remove_stale_temps(path)


def write_set(files: Mapping[Path, bytes], *, sync: bool = True, shown: Callable[[Path], Path] | None = None) -> None:
    """Write several files all or nothing: every one to a temporary file first, then all renamed into place.

    When any file cannot be written (a full disk, a read-only folder, a file in the way of a folder),
    the temporary files are removed and every old file is left as it was: never new files beside old ones.
    SIGINT and SIGTERM wait until the renames are done. `shown(path)` is how a path is named in messages.

    Raises:
        OutputError: naming the path and what went wrong.
    """
    show = shown or (lambda path: path)
    staged: list[tuple[Path, Path]] = []
    folders: set[Path] = set()
    try:
        for path, data in files.items():
            if path.parent not in folders:  # a policy's files share one folder: one mkdir
                ensure_folder(path.parent, show(path.parent))
                folders.add(path.parent)
            if path.is_dir():
                raise OutputError(f"{show(path)}: cannot write: a folder of that name is in the way")
            try:
                staged.append((_stage(path, data, sync=sync), path))
            except OSError as exc:
                raise OutputError(f"{show(path)}: cannot write: {os_problem(exc)}") from None
        with signals_deferred():
            while staged:
                temp, path = staged[0]
                try:
                    temp.replace(path)
                except OSError as exc:
                    raise OutputError(f"{show(path)}: cannot write: {os_problem(exc)}") from None
                staged.pop(0)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    for path in files:
        remove_stale_temps(path)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files of `path` left by a writer that was killed (`kill -9`, power cut) before its rename.

    The temporary name carries the writer's process id; a file whose writer no longer runs is stale.
    A writer that is still running (another build writing the same file) keeps its file.
    """
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            temp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

