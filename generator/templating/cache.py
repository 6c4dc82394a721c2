"""The compile cache: Jinja's own bytecode cache and cached text, in a folder private to this user.

Loading the clause library reads and checks every clause file, converts each clause's
Markdown to an HTML template (`generator/templating/mdconvert.py`) and compiles the
library's templates: most of a cold one-file build. Two things are kept on disk:

- **text**: the parsed and checked library (front matter, Markdown and HTML template
  sources) and the parsed catalogues, as JSON, keyed by a hash of every file's bytes and
  of the code that reads them (`read_cached`, `store_cached`);
- **code**: the compiled library templates, through Jinja's documented bytecode cache
  (`PrivateBytecodeCache`, a `jinja2.BytecodeCache`); Jinja checks each entry against a
  checksum of the template source.

Set `POLICYGEN_CACHE_DIR` to move the cache, or `POLICYGEN_NO_CACHE=1` (`--no-cache`) to
turn it off. A cache that cannot be read or written is ignored.

The next build runs the cached code and compiles the cached template sources, so the cache
is trusted only in a folder that nobody else can write: the folder (and each folder this
module creates on the way to it) is created with mode 0700, and on every read and write it
must be a real folder (not a symbolic link) owned by the current user and not writable by
group or others; each cache file must be a regular file with the same owner and no group or
other write permission. When a check fails, the cache is not used for the rest of the
process (the build goes on uncached) and one warning line names the folder and the reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache


@functools.cache
def code_version() -> str:
    """A hash of everything besides a template's source that decides its compiled code and cached text.

    Every `.py` file of the `generator` package (any of them may change how a clause or a catalogue
    is read, checked or compiled), and the Python, Jinja2, Markdown, PyYAML and pydantic versions.
    Computed once per process (about 1 ms: some 350 kB of source).
    """
    import jinja2
    import yaml
    from pydantic.version import VERSION as pydantic_version

    digest = hashlib.sha256(f"{sys.version}|{jinja2.__version__}|{_markdown_version()}|{yaml.__version__}|{pydantic_version}".encode())
    digest.update(source_digest(Path(__file__).resolve().parent.parent).encode())
    return digest.hexdigest()


def source_digest(package: Path) -> str:
    """A SHA-256 of the name and bytes of every `.py` file under `package`."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _markdown_version() -> str:
    """Python-Markdown's version, read from its `__meta__.py` without importing it (about 12 ms of a cold start)."""
    import importlib.util

    spec = importlib.util.find_spec("markdown")
    if spec is not None and spec.origin:
        try:
            return (Path(spec.origin).parent / "__meta__.py").read_text(encoding="utf-8")
        except OSError:
            pass
    import markdown

    return str(markdown.__version__)


_CACHE_DIRS: dict[tuple[str | None, ...], Path | None] = {}
_REFUSED: set[Path] = set()
"""Cache folders found unsafe in this process (and warned about once): never used again."""


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off or the folder is not private to this user."""
    environ = os.environ
    settings = (environ.get("POLICYGEN_NO_CACHE"), environ.get("POLICYGEN_CACHE_DIR"), environ.get("XDG_CACHE_HOME"), environ.get("HOME"))
    if settings not in _CACHE_DIRS:
        _CACHE_DIRS[settings] = _cache_dir()
    folder = _CACHE_DIRS[settings]
    if folder is None or folder in _REFUSED:
        return None
    problem = _folder_problem(folder, create=True)
    if problem is not None:
        _refuse(folder, problem)
        return None
    return folder


def _cache_dir() -> Path | None:
    if os.environ.get("POLICYGEN_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("POLICYGEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policygen" / "clauses"


def _refuse(folder: Path, problem: str) -> None:
    """Stop using `folder` in this process, saying why once."""
    if folder not in _REFUSED:
        _REFUSED.add(folder)
        print(f"policygen: warning: not using the compile cache {folder}: {problem}; building without it", file=sys.stderr)


def _owner_problem(info: os.stat_result, what: str) -> str | None:
    """Why a folder or file with this status cannot be trusted, or None: someone else owns it or may write it."""
    if hasattr(os, "getuid"):
        uid = os.getuid()
        if info.st_uid != uid:
            return f"{what} owned by user {info.st_uid}, not by you (user {uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{what} writable by other users (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _make_private(folder: Path) -> None:
    """Create `folder` and each missing folder above it with mode 0700."""
    missing = []
    path = folder
    while not os.path.lexists(path) and path.parent != path:
        missing.append(path)
        path = path.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        path.chmod(0o700)  # whatever the umask


def _folder_problem(folder: Path, *, create: bool, what: str = "it is") -> str | None:
    """Why `folder` cannot hold a trusted cache, or None; `create` makes it (private) when missing."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return None
        try:
            _make_private(folder)
            info = os.lstat(folder)
        except OSError as exc:
            return f"it cannot be created ({exc.strerror})"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return f"{what} a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return f"{what} not a folder"
    return _owner_problem(info, what)


def _read(path: Path, *, touch: bool = False) -> bytes | None:
    """The bytes of the cache file `path`, if it is a trusted one in a trusted folder; None when it is missing or not trusted.

    The file is opened without following a symbolic link and without blocking, and checked
    on the open file: a regular file, owned by this user, not writable by group or others.
    `touch` marks it recently used (pruning keeps it).
    """
    folder = path.parent.parent
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        problem = f"{path} is not a regular file" if not stat.S_ISREG(info.st_mode) else _owner_problem(info, f"{path} is")
        problem = problem or _folder_problem(path.parent, create=False, what=f"{path.parent} is")
        if problem is not None:
            _refuse(folder, problem)
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read()
        if touch and os.utime in os.supports_fd:  # touching by descriptor only orders pruning: skipped where unsupported
            with contextlib.suppress(OSError):
                os.utime(fd)
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def _store_bytes(path: Path, data: bytes) -> None:
    folder = path.parent.parent
    if cache_dir() != folder:  # checked again at every write: still private, still in use
        return
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        problem = _folder_problem(path.parent, create=False, what=f"{path.parent} is")
        if problem is not None:
            _refuse(folder, problem)
            return
        fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)  # mode 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(temp).replace(path)
    except OSError:
        return
    if len(data) >= _LARGE_ENTRY:
        prune(folder)


CACHE_LIMIT = 128 * 1024 * 1024
"""Bytes the cache may hold. Each library version adds about a megabyte (the library's text and its
compiled templates), and every change of clause text or of this code makes a new version; when a
large entry is written and the cache holds more than this, the least recently used files go."""

_LARGE_ENTRY = 64 * 1024
_SUFFIXES = (".json", ".jinja")


def prune(folder: Path, limit: int | None = None) -> None:
    """Delete the least recently used cache files until `folder` holds at most three quarters of `limit` (default CACHE_LIMIT), if it holds more."""
    limit = CACHE_LIMIT if limit is None else limit
    files: list[tuple[float, int, str]] = []
    try:
        for sub in os.scandir(folder):
            if sub.is_dir(follow_symlinks=False):
                for entry in os.scandir(sub.path):
                    if entry.name.endswith(_SUFFIXES):
                        stat = entry.stat(follow_symlinks=False)
                        files.append((stat.st_mtime, stat.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return
    for _, size, name in sorted(files):
        if total <= limit * 3 // 4:
            break
        try:
            Path(name).unlink()
        except OSError:
            continue
        total -= size




def _entry(folder: Path, key: str, suffix: str) -> Path:
    return folder / key[:2] / f"{key}{suffix}"


class PrivateBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in the private cache folder, with every read and write checked (see the module's docstring).

    Jinja names each entry by the template's name and checks it against a checksum of the
    template's source; the library's template names include `code_version()`, so code made
    by other code (a new release of this package or of Jinja) is never loaded.
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` from its cache file, if there is a trusted one."""
        folder = cache_dir()
        if folder is None:
            return
        data = _read(_entry(folder, bucket.key, ".jinja"), touch=True)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write `bucket`'s code to its cache file (whole, by a rename)."""
        folder = cache_dir()
        if folder is not None:
            _store_bytes(_entry(folder, bucket.key, ".jinja"), bucket.bytecode_to_string())


def _value_path(folder: Path, material: bytes) -> Path:
    return _entry(folder, hashlib.sha256(code_version().encode() + b"value\0" + material).hexdigest(), ".json")


def read_cached(material: bytes, *, dates: bool = False) -> Any:
    """The value cached under `material` (hashed with the code version), or None.

    With `dates`, each date stored by `store_cached(..., dates=True)` comes back as a `datetime.date`.
    """
    folder = cache_dir()
    if folder is None:
        return None
    data = _read(_value_path(folder, material), touch=True)  # recently used: pruning keeps it
    if data is None:
        return None
    try:
        return json.loads(data, object_hook=_untag_date if dates else None)
    except ValueError:
        return None


def store_cached(material: bytes, value: Any, *, dates: bool = False) -> None:
    """Cache `value` (anything JSON can hold: text, numbers, lists, mappings) under `material`; other values are not cached.

    With `dates`, dates (YAML's `2026-01-01`) are kept too, each as a one-key mapping `{"$date": "2026-01-01"}`:
    read them back with `read_cached(..., dates=True)`.
    """
    folder = cache_dir()
    if folder is None:
        return
    try:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_tag_date if dates else None).encode("utf-8")
    except (TypeError, ValueError):
        return
    _store_bytes(_value_path(folder, material), data)


_DATE_TAG = "$date"


def _tag_date(value: object) -> dict[str, str]:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {_DATE_TAG: value.isoformat()}
    raise TypeError(f"not cached: {type(value).__name__}")  # a time of day, or anything else JSON cannot hold


def _untag_date(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and isinstance(mapping.get(_DATE_TAG), str):
        return dt.date.fromisoformat(mapping[_DATE_TAG])
    return mapping


def read_cached_documents(material: bytes, count: int, *, dates: bool = False) -> list[Any] | None:
    """The parsed documents of a catalogue folder stored under `material`, or None (also when the count is off)."""
    cached = read_cached(material, dates=dates)
    return cached if isinstance(cached, list) and len(cached) == count else None
