"""The manifest of an output folder: what was built from which answer file, and the fingerprint of everything else that shapes the output."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.batch.outcome import BuildOptions, Outcome
from generator.export.write import OutputError, os_problem, write_atomic
from generator.resources import resource_dir

MANIFEST_NAME = ".policygen-manifest.json"


LOCK_NAME = MANIFEST_NAME + ".lock"


MANIFEST_VERSION = 2


RENDERING_DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pydantic", "pydantic-core", "pyyaml")


PDF_DEPENDENCIES = ("weasyprint",)
"""What makes a PDF; every distribution these require (their `Requires-Dist`, recursively) counts too."""


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


def _hash_tree(digest: Any, folder: Path, read: Callable[[str], bool], limit: int) -> None:
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


def _all_files(_name: str) -> bool:
    return True


def _clause_files(name: str) -> bool:
    return name.endswith(".md")


def _python_files(name: str) -> bool:
    return name.endswith(".py")


def _not_fonts(name: str) -> bool:
    """Every template file but the fonts: only a PDF embeds them (through the asset fetcher), so without one they count by their size."""
    return not name.startswith("fonts/")


CLAUSE_LIMIT = 1024 * 1024
"""The most a clause file may hold (the library's MAX_CLAUSE_BYTES; a test keeps the two equal): a bigger one counts by its size."""


BUILT_IN_LIMIT = 64 * 1024 * 1024
"""Bytes of one file of our own folders that the fingerprint reads (ours are far smaller; a bigger one counts by its size)."""


@functools.cache
def code_digest() -> str:
    """A hash of this package's own code: every .py file of the installed `generator` package, once per process."""
    digest = hashlib.sha256()
    _hash_tree(digest, Path(__file__).resolve().parent.parent, _python_files, BUILT_IN_LIMIT)
    return digest.hexdigest()


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _required(name: str, extras: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """The distributions `name` (with `extras`) requires, from its installed metadata, each with the extras it asks for."""
    import importlib.metadata

    try:
        lines = importlib.metadata.requires(name) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    found = []
    for line in lines:
        requirement, _, marker = line.partition(";")
        match = _REQUIREMENT.match(requirement)
        if match is None:
            continue
        wanted = set(_EXTRA.findall(marker))
        if wanted and not wanted & extras:
            continue  # needed only for an extra nobody asked for
        asked = frozenset(_normalized(extra.strip()) for extra in (match.group(2) or "").split(",") if extra.strip())
        found.append((_normalized(match.group(1)), asked))
    return found


def _closure(roots: tuple[str, ...]) -> list[str]:
    """`roots` and every distribution they require, recursively (with the extras asked for), sorted."""
    seen: dict[str, frozenset[str]] = {}
    pending = [(_normalized(root), frozenset[str]()) for root in roots]
    while pending:
        name, extras = pending.pop()
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, frozenset()) | extras
        pending.extend(_required(name, seen[name]))
    return sorted(seen)


@functools.cache
def _dependency_versions(pdf: bool = False) -> dict[str, str]:
    """The installed versions of the libraries that shape the output (for a PDF, all WeasyPrint requires; read without importing them), once per process."""
    return {name: installed_version(name) for name in (*RENDERING_DEPENDENCIES, *(_closure(PDF_DEPENDENCIES) if pdf else ()))}


def installed_version(name: str) -> str:
    """The version an installed distribution's metadata gives (its `Version` header), or "not installed".

    The header is read from the metadata's text: `importlib.metadata.version` parses the whole file as an
    email message, and the email parser's first use costs about 5 ms of a cold build.
    """
    import importlib.metadata

    try:
        distribution = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
    text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or ""
    for line in text.splitlines():
        if not line.strip():
            break  # the headers end at the first empty line
        header, _, value = line.partition(":")
        if header.strip().lower() == "version":
            return value.strip()
    return "unknown"


def fingerprint(options: BuildOptions) -> str:
    """A hash of everything besides the answer file that shapes the output.

    Hashes the bytes of the built-in clause folder (clauses, services and
    requirement catalogues), the templates (the fonts, 2 MB that only a PDF
    embeds, by their size unless a PDF is made), any extra clause folders (the
    names of their files, and the bytes of what the library reads: regular
    `*.md` files of up to 1 MB; not where they are), this package's code, the versions of Python
    and of the rendering libraries (when a PDF is made, WeasyPrint and every
    distribution it requires, recursively), the tool version, the formats and the options: once per run, a few
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
        "ledger": options.ledger,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    folders: list[tuple[str, Path, Callable[[str], bool], int]] = [
        ("clauses", resource_dir("clauses"), _all_files, BUILT_IN_LIMIT),
        ("templates", resource_dir("templates"), _all_files if "pdf" in options.formats else _not_fonts, BUILT_IN_LIMIT),
    ]
    folders += [(f"--clauses {index}", folder, _clause_files, CLAUSE_LIMIT) for index, folder in enumerate(options.clause_dirs)]
    for label, folder, read, limit in folders:
        digest.update(b"\1" + label.encode("utf-8"))
        if folder.is_dir():
            _hash_tree(digest, folder, read, limit)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of an answer file's bytes, or "" when it is not one that loads.

    "" when it cannot be read, is no regular file (/dev/zero, a pipe) or is bigger than an answer
    file may be: it is then loaded, and refused with its own message, without being read whole.
    """
    from generator.answers.source import MAX_BYTES

    data = _read_bounded(path, MAX_BYTES)
    return "" if data is None else hashlib.sha256(data).hexdigest()


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

