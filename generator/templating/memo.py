"""Digests of files remembered by the files' status, so that a cold build does not read and hash what has not changed.

A cold one-file build hashed the clause library, the catalogues and this package's code three times over (the build
manifest's fingerprint, the compile cache's keys): some 2 MB read and hashed, a tenth of the build. Git's index answers
the same question ("has this file changed since I hashed it?") from each file's status, and so does this module: a
digest is kept in the compile cache's private folder (`generator/templating/cache.py`) under a hash of what it was
computed from, each file's path, size, modification and status-change times (nanoseconds), inode and device.

- A file written since changes its status-change time (`st_ctime`), which no program can set back (copying, `touch -d`
  and `git checkout` all give a new one), so a changed file is always read again.
- A digest is remembered only when every file was last changed more than two seconds before it was computed: a file
  changed in the same clock tick as an earlier read (a coarse file-system clock) could otherwise keep the same status.
- A symbolic link or anything but a regular file makes the caller compute the digest afresh (the status of a link says
  nothing of its target).
- With the cache turned off (`--no-cache`, `POLICYGEN_NO_CACHE`) or refused, nothing is remembered: every digest is
  computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from generator.templating.cache import _entry, _read, _store_bytes, cache_dir

__all__ = ["Signature", "file_signature", "files_digest", "folder_material", "recall", "remember", "remembered"]

_VERSION = b"file digests 1\0"
_SETTLED_NS = 2_000_000_000
"""How long ago every file must have changed for its digest to be remembered."""

Signature = tuple[tuple[str, int, int, int, int, int], ...]
"""Each file's path, size, modification and status-change times (ns), inode and device, in the caller's order."""


def file_signature(paths: Iterable[str | os.PathLike[str]]) -> Signature | None:
    """The status of each file, in order, or None when one is missing, not a regular file, or a symbolic link."""
    found = []
    for path in paths:
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        found.append((os.fspath(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
    return tuple(found)


def remembered(kind: str, settings: str, signature: Signature | None, compute: Callable[[], str]) -> str:
    """`compute()`: a digest of the files of `signature` (read as `settings` says), remembered by their status.

    `settings` is everything besides the files' bytes that decides the digest (a limit, which files count by their
    bytes, the version of the reading code): the same signature with other settings is another entry.
    """
    found = recall(kind, settings, signature)
    if found is not None:
        return found
    started = time.time_ns()
    value = compute()
    remember(kind, settings, signature, value, started)
    return value


def recall(kind: str, settings: str, signature: Signature | None) -> str | None:
    """The digest remembered for these files in this status, or None."""
    path = _memo_path(kind, settings, signature)
    data = None if path is None else _read(path, touch=True)
    if data is None:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if isinstance(value, str) and value else None


def remember(kind: str, settings: str, signature: Signature | None, value: str, started: int) -> None:
    """Remember `value`, computed from the files of `signature` read from `started` (`time.time_ns()`) on.

    Not remembered when a file changed less than two seconds before `started` (see the module's docstring).
    """
    path = _memo_path(kind, settings, signature)
    if path is not None and signature and max(max(mtime, ctime) for _, _, mtime, ctime, _, _ in signature) < started - _SETTLED_NS:
        _store_bytes(path, json.dumps(value).encode())


def _memo_path(kind: str, settings: str, signature: Signature | None) -> Path | None:
    folder = cache_dir() if signature else None
    if folder is None:
        return None
    key = hashlib.sha256(_VERSION + kind.encode() + b"\0" + settings.encode() + b"\0" + repr(signature).encode()).hexdigest()
    return _entry(folder, key, ".json")


def files_digest(kind: str, paths: Sequence[Path]) -> str:
    """A SHA-256 of each file's name and bytes, in order, remembered by the files' status (read afresh when one changed)."""

    def compute() -> str:
        digest = hashlib.sha256(kind.encode() + b"\0")
        for path in paths:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()

    return remembered(kind, "names and bytes", file_signature(paths), compute)


def folder_material(kind: str, paths: list[Path]) -> bytes:
    """The cache key material of a catalogue folder: its kind, and the digest of every file's name and bytes."""
    return kind.encode() + b"\0" + files_digest(kind, paths).encode()
