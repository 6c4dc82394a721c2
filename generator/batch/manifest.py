"""The manifest of an output folder: what was built from which answer file, and the fingerprint of everything else that shapes the output."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.batch.digests import BUILT_IN_LIMIT, CLAUSE_LIMIT, all_files, code_digest, md_files, not_fonts, tree_digest
from generator.batch.outcome import BuildOptions, Outcome
from generator.export.write import OutputError, os_problem, write_atomic
from generator.resources import resource_dir

MANIFEST_NAME = ".policygen-manifest.json"
LOCK_NAME = MANIFEST_NAME + ".lock"
MANIFEST_VERSION = 2
RENDERING_DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pydantic", "pydantic-core", "pyyaml")
PDF_DEPENDENCIES = ("weasyprint",)
"""What makes a PDF; every distribution these require (their `Requires-Dist`, recursively) counts too."""


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
        "markdown_flavour": options.markdown_flavour,
        "allow_gaps": options.allow_gaps,
        "ledger": options.ledger,
        "layout": options.layout,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode("utf-8"))
    folders: list[tuple[str, Path, Callable[[str], bool], int]] = [
        ("clauses", resource_dir("clauses"), all_files, BUILT_IN_LIMIT),
        ("templates", resource_dir("templates"), all_files if "pdf" in options.formats else not_fonts, BUILT_IN_LIMIT),
    ]
    folders += [(f"--clauses {index}", folder, md_files, CLAUSE_LIMIT) for index, folder in enumerate(options.clause_dirs)]
    for label, folder, read, limit in folders:
        digest.update(b"\1" + label.encode("utf-8"))
        if folder.is_dir():
            digest.update(tree_digest(folder, read, limit).encode())
    return digest.hexdigest()


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
        self._owners = _owners(self.entries)
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
        """The output folder recorded for `source` ("" when none, or when its files are straight in the output folder)."""
        targets = _targets(self.entries.get(self.key(source), {})) or []
        return targets[0].split("/")[0] if targets and "/" in targets[0] else ""

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
            _merge(self.entries, self._owners, key, entry)
            self.changed = True
        elif outcome.status == "failed":
            self._updates[key] = None
            if _forget(self.entries, self._owners, key):
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
            owners = _owners(entries)
            for key, entry in self._updates.items():
                if entry is None:
                    _forget(entries, owners, key)
                else:
                    _merge(entries, owners, key, entry)
            data = {"version": MANIFEST_VERSION, "entries": dict(sorted(entries.items()))}
            write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
            self.entries, self._owners = entries, owners
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


def _owners(entries: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Which entries record each output: the index `_merge` keeps up to date (a batch's records cost O(N), not O(N²))."""
    owners: dict[str, set[str]] = {}
    for key, entry in entries.items():
        _index(owners, key, _targets(entry) or (), add=True)
    return owners


def _index(owners: dict[str, set[str]], key: str, targets: Iterable[str], *, add: bool) -> None:
    for target in targets:
        if add:
            owners.setdefault(target, set()).add(key)
        else:
            owners.get(target, set()).discard(key)


def _forget(entries: dict[str, dict[str, Any]], owners: dict[str, set[str]], key: str) -> bool:
    """Drop `entries[key]`, if there is one (True then), and it from `owners`."""
    entry = entries.pop(key, None)
    if entry is not None:
        _index(owners, key, _targets(entry) or (), add=False)
    return entry is not None


def _merge(entries: dict[str, dict[str, Any]], owners: dict[str, set[str]], key: str, entry: dict[str, Any]) -> None:
    """Set `entries[key]`, dropping every other entry that records one of the same outputs; `owners` follows."""
    for other in {other for target in entry["outputs"] for other in owners.get(target, ()) if other != key}:
        _forget(entries, owners, other)
    if key in entries:
        _index(owners, key, _targets(entries[key]) or (), add=False)
    entries[key] = entry
    _index(owners, key, entry["outputs"], add=True)
