"""Clause files: where they live, how they are read, and their front matter, with the id and section their path gives.

A clause file lives in the folder of its section: `<root>/<section-id>/<name>.md`, where `<root>`
is the built-in `clauses/` or a user's clause folder. Its section is that folder and its id is
`<section-id>.<name>`; the front matter says the rest (`order`, `when`, `covers`, `topics`). A file
directly in the root, in a folder that is no section id or in a folder below a section folder is an
error. A front matter that still gives `id` or `section` (folders written before the path gave them)
is accepted when they agree with the path.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.answers.messages import explain_validation, suggest
from generator.answers.source import parse_yaml_text
from generator.errors import AnswerError, ClauseError

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
"""A clause file: its front matter (group 1, the lines between the '---') and its body (group 2)."""

CATALOGUE_DIRS = frozenset({"services", "requirements"})
"""Folders of the built-in root that hold catalogues, not clauses."""

_NAME = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*$")


class FrontMatter(BaseModel):
    """What a clause file's front matter says."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = Field(None, description="Optional: the id the path gives ('<section>.<name>'); any other is an error.")
    section: str | None = Field(None, description="Optional: the section the folder gives; any other is an error.")
    order: int = Field(description="Position inside the section; lower comes first.")
    when: str | None = Field(None, description="Expression over the answers; the clause is included when it is truthy.")
    covers: list[str] = Field(default_factory=list, description="Requirement ids the clause satisfies.")
    covers_when: dict[str, str] = Field(
        default_factory=dict,
        description="For a requirement of `covers` the text meets only with some answers: the condition (like `when`) under which it does.",
    )
    topics: list[str] = Field(default_factory=list, description="Seed-policy topics the clause expresses.")


class ClauseMeta(FrontMatter):
    """A clause's metadata: its front matter, with the id and section its path gives."""

    id: str = Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", description="Unique id: '<section>.<name>', from the file's path.")
    section: str = Field(description="The id of the section the clause belongs to: the file's folder.")


def clause_files(folder: Path) -> list[Path]:
    """The `.md` files under `folder` (below it at any depth: a misplaced one is named by `clause_meta`), catalogues left out."""
    return sorted(p for p in folder.rglob("*.md") if p.relative_to(folder).parts[0] not in CATALOGUE_DIRS and not p.is_dir())


def line_of(front: str, key: str) -> int:
    """The file line of the front-matter `key` (the front matter starts on line 2), or 1 without it."""
    for number, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _front_matter(path: Path, text: str) -> tuple[FrontMatter | None, dict[str, Any], list[str]]:
    """The clause's front matter (`text`, the lines between the '---'): as read, its keys, and every problem of it as `file:line:col: field: message`."""
    # Always the careful reader of answer files: it counts aliases, text and depth against its limits
    # (a fast `yaml.load` would expand an alias bomb first). It runs only when the library cache misses.
    if not text.strip():
        return None, {}, [f"{path}:2: the front matter is empty; it needs at least 'order'"]
    try:
        document = parse_yaml_text("\n" + text, str(path))  # the blank line stands for the opening '---': lines match the file's
    except AnswerError as exc:
        return None, {}, exc.messages
    data = document.data if isinstance(document.data, dict) else {}
    try:
        return FrontMatter.model_validate(document.data), data, []
    except ValidationError as exc:
        return None, data, explain_validation(exc, document, FrontMatter)


def _given(data: dict[str, Any], key: str) -> str | None:
    """The `id` or `section` a front matter written for the old layout gives, when it is text."""
    value = data.get(key)
    return value if isinstance(value, str) else None


def _said_place(root: Path, path: Path, data: dict[str, Any], section_ids: Sequence[str]) -> Path | None:
    """Where a front matter written for the old layout (with `id` or `section`) says the file belongs, if that is a section folder."""
    id_section, _, id_name = (_given(data, "id") or "").partition(".")
    section = _given(data, "section") or id_section
    return root / section / f"{id_name or path.stem}.md" if section in section_ids else None


def _place(root: Path, path: Path, section_ids: Sequence[str], data: dict[str, Any]) -> tuple[str, str] | str:
    """The section and id the path of a clause file gives, or the problem with its place."""
    parts = path.relative_to(root).parts
    said = _said_place(root, path, data, section_ids)
    move = f"; move it to {said}" if said else ""
    accepted = f"the section ids (clauses/sections.yaml) are: {', '.join(section_ids)}"
    if len(parts) == 1:
        return f"{path}:1: section: a clause file goes in the folder of its section, {root}/<section>/{path.name}{move}; {accepted}"
    if parts[0] not in section_ids:
        hint = suggest(parts[0], list(section_ids))
        return f"{path}:1: section: the folder '{parts[0]}' is not a section id{hint} A clause file goes in the folder of its section{move}; {accepted}"
    if len(parts) > 2:
        return f"{path}:1: section: a clause file goes directly in its section folder, {root / parts[0] / path.name}, not in a folder below it"
    clause_id = f"{parts[0]}.{path.stem}"
    if not _NAME.match(path.stem):
        return f"{path}:1: id: the file name gives the id '{clause_id}'; use lower-case letters, digits and '-' in clause file names, e.g. card-data.md"
    return parts[0], clause_id


def clause_meta(root: Path, path: Path, front: str, section_ids: Sequence[str]) -> ClauseMeta:
    """The metadata of the clause file at `path` under the clause folder `root`: its front matter (`front`) and its place.

    Raises:
        ClauseError: every problem of the front matter and of the file's place, as `file:line: field: message`.
    """
    given, data, problems = _front_matter(path, front)
    place = _place(root, path, section_ids, data)
    if isinstance(place, str):
        raise ClauseError([place, *problems])
    section, clause_id = place
    given_section, given_id = _given(data, "section"), _given(data, "id")
    if given_section is not None and given_section != section:
        move = f" or move the file to {root / given_section / path.name}" if given_section in section_ids else ""
        problems.append(
            f"{path}:{line_of(front, 'section')}: section: '{given_section}' is not the section its folder gives, '{section}'; "
            f"leave 'section' out (the folder gives it){move}"
        )
    if given_id is not None and given_id != clause_id:
        problems.append(
            f"{path}:{line_of(front, 'id')}: id: '{given_id}' is not the id its path gives, '{clause_id}' "
            f"(section folder '{section}', file name '{path.stem}'); leave 'id' out (the path gives it), or move or rename the file"
        )
    if problems or given is None:
        raise ClauseError(sorted(problems, key=_line_number))
    return ClauseMeta.model_validate({**given.model_dump(), "id": clause_id, "section": section})


def _line_number(message: str) -> int:
    """The line a `file:line: ...` message names (0 without one), to list a file's problems in order."""
    match = re.match(r"^.*?:(\d+):", message)
    return int(match.group(1)) if match else 0


MAX_CLAUSE_BYTES = 1024 * 1024
"""Bytes a clause file may hold; ours hold a few hundred."""

_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _not_regular(path: Path, mode: int) -> ClauseError:
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    return ClauseError(f"{path}: not a regular file ({kind}); clauses must be regular .md files")


def read_clause_file(path: Path) -> str:
    """The text of the clause file at `path`; only a regular file of UTF-8 text is read.

    The file's kind is checked before it is opened (a named pipe would block the build
    forever), and again on the open file, which is opened non-blocking.

    Raises:
        ClauseError: naming the file, when it is not a regular file, is too big or is not UTF-8.
    """
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ClauseError(f"{path}: cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if info.st_size > MAX_CLAUSE_BYTES:
            raise ClauseError(f"{path}: the file is {info.st_size / 1024 / 1024:.1f} MB; clause files may be at most 1 MB")
        data = handle.read(MAX_CLAUSE_BYTES + 1)
    if len(data) > MAX_CLAUSE_BYTES:
        raise ClauseError(f"{path}: the file is over 1 MB; clause files may be at most 1 MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ClauseError(f"{path}:{line}: the clause is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
