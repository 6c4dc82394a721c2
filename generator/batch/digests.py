"""Hashes for the manifest: an answer file's bytes, a folder as the clause library sees it, and this package's own code.

Read without ever failing, and never more than a limit of any file: a device, pipe or link out of a folder is not read.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.templating.memo import file_signature, remembered

__all__ = ["BUILT_IN_LIMIT", "CLAUSE_LIMIT", "all_files", "code_digest", "file_digest", "hash_tree", "md_files", "not_fonts", "python_files", "tree_digest"]

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _read_bounded(path: Path | str, limit: int, *, follow: bool = True) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else (never reading more than `limit` + 1 bytes).

    A device, pipe or socket is not read (it is opened non-blocking, and checked on the open file);
    with `follow` False a symbolic link is not followed either.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def hash_tree(digest: Any, folder: Path, read: Callable[[str], bool], limit: int) -> None:
    """Hash a folder as the library sees it, without following links out of it and without ever failing.

    Every entry counts by its relative path; a file whose name `read` accepts, and which is a regular
    file of at most `limit` bytes, by its bytes too; any other file by its size; a symbolic link by
    where it points (a link to a file inside the folder by that file's bytes too, when `read` accepts
    its name). Folders that cannot be listed count by their name. Paths are plain strings, not `Path`
    objects: a build hashes some 350 files, and the objects cost more than the reading.
    """
    base = os.fspath(folder)
    root = os.path.realpath(base)
    start = len(base) + (not base.endswith(os.sep))
    entries: list[tuple[str, str]] = []
    for top, dirs, names in os.walk(base, onerror=lambda _exc: None):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in names:
            full = os.path.join(top, name)  # noqa: PTH118 - a string: see the docstring
            entries.append((full[start:], full))
    for relative, full in sorted(entries):
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        try:
            info = os.lstat(full)
        except OSError:
            digest.update(b"?")
            continue
        follow = False
        if stat.S_ISLNK(info.st_mode):
            try:
                digest.update(b"-> " + os.fsencode(Path(full).readlink()) + b"\0")
            except OSError:
                digest.update(b"?")
                continue
            target = os.path.realpath(full)
            follow = os.path.commonpath([root, target]) == root and target != root
        elif not stat.S_ISREG(info.st_mode):
            digest.update(b"special\0")
            continue
        data = _read_bounded(full, limit, follow=follow) if read(relative) else None
        if data is not None:
            digest.update(hashlib.sha256(data).digest())
        elif not stat.S_ISLNK(info.st_mode):
            digest.update(b"size %d\0" % info.st_size)


def tree_digest(folder: Path, read: Callable[[str], bool], limit: int) -> str:
    """`hash_tree(...)` of `folder` into a fresh SHA-256, as text; remembered by the files' status (`generator/templating/memo.py`).

    Only a folder of regular files is remembered (a link, a device or a folder that cannot be listed is hashed afresh
    each time), so an unchanged built-in library costs a walk and a status call per file instead of reading it.
    """

    def compute() -> str:
        digest = hashlib.sha256()
        hash_tree(digest, folder, read, limit)
        return digest.hexdigest()

    base = os.fspath(folder)
    listing: list[str] = []
    unlistable: list[OSError] = []
    for top, dirs, names in os.walk(base, onerror=unlistable.append):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        listing += [os.path.join(top, name) for name in names]  # noqa: PTH118 - strings, as in hash_tree
    signature = None if unlistable else file_signature(sorted(listing))
    return remembered("tree", f"{base}\0{read.__name__}\0{limit}", signature, compute)


def all_files(_name: str) -> bool:
    """Every file of a folder counts by its bytes."""
    return True


def md_files(name: str) -> bool:
    """Only the clause files (`*.md`) of a user's folder count by their bytes."""
    return name.endswith(".md")


def python_files(name: str) -> bool:
    """Only this package's Python files count by their bytes."""
    return name.endswith(".py")


def not_fonts(name: str) -> bool:
    """Every template file but the fonts: only a PDF embeds them (through the asset fetcher), so without one they count by their size."""
    return not name.startswith("fonts/")


CLAUSE_LIMIT = 1024 * 1024
"""The most a clause file may hold (the library's MAX_CLAUSE_BYTES; a test keeps the two equal): a bigger one counts by its size."""


BUILT_IN_LIMIT = 64 * 1024 * 1024
"""Bytes of one file of our own folders that the fingerprint reads (ours are far smaller; a bigger one counts by its size)."""


@functools.cache
def code_digest() -> str:
    """A hash of this package's own code: every .py file of the installed `generator` package, once per process."""
    return tree_digest(Path(__file__).resolve().parent.parent, python_files, BUILT_IN_LIMIT)


def file_digest(path: Path) -> str:
    """The SHA-256 of an answer file's bytes, or "" when it is not one that loads.

    "" when it cannot be read, is no regular file (/dev/zero, a pipe) or is bigger than an answer
    file may be: it is then loaded, and refused with its own message, without being read whole.
    """
    from generator.answers.source import MAX_BYTES

    data = _read_bounded(path, MAX_BYTES)
    return "" if data is None else hashlib.sha256(data).hexdigest()
