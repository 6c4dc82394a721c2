"""The clause library: sections and clause files, compiled once into per-format templates."""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Template, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.errors import ClauseError
from generator.resources import resource_dir
from generator.templating.cache import (
    CompiledClause,
    CompiledLibrary,
    clause_entry,
    clause_from_entry,
    library_entry,
    library_from_entry,
    read_cached,
    store_cached,
)
from generator.templating.environment import is_bounded, make_environment
from generator.templating.mdconvert import TemplateSourceError

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_CATALOGUE_DIRS = {"services", "requirements"}


class ClauseMeta(BaseModel):
    """A clause file's front matter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", description="Unique id: '<section>.<name>'.")
    section: str = Field(description="The id of the section the clause belongs to.")
    order: int = Field(description="Position inside the section; lower comes first.")
    when: str | None = Field(None, description="Expression over the answers; the clause is included when it is truthy.")
    covers: list[str] = Field(default_factory=list, description="Requirement ids the clause satisfies.")
    topics: list[str] = Field(default_factory=list, description="Seed-policy topics the clause expresses.")


class SectionMeta(BaseModel):
    """A policy section, in the order sections appear."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    summary: str | None = None
    numbered: bool = True


@dataclass(frozen=True)
class Clause:
    """A loaded clause: its metadata, its source and its compiled templates."""

    meta: ClauseMeta
    path: Path
    source: str
    md: Template
    html: Template
    when: Any  # a compiled Jinja expression, or None
    html_source: str = ""  # the HTML template's source, for the combined templates

    @property
    def id(self) -> str:
        """The clause id."""
        return self.meta.id


@dataclass(frozen=True)
class Library:
    """Sections in order and the clauses that fill them."""

    sections: tuple[SectionMeta, ...]
    clauses: tuple[Clause, ...]
    combined: CompiledLibrary | None = field(default=None, compare=False, repr=False)
    """Every clause in one `when` expression and one template per format; None: clause by clause."""

    @functools.cached_property
    def clause_facts(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each clause's id and covered requirements, in library order."""
        return [(clause.id, tuple(clause.meta.covers)) for clause in self.clauses]

    def section(self, section_id: str) -> SectionMeta:
        """Return a section by id."""
        return next(s for s in self.sections if s.id == section_id)


def _parse_clause(path: Path, text: str, md_env: Any, html_env: Any) -> tuple[Clause, tuple[Any, ...]]:
    """The clause in `text` (the file at `path`), and the compiled entry its templates were made from."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ClauseError(f"{path}: a clause starts with '---', its YAML front matter, and '---'")
    try:
        meta = ClauseMeta.model_validate(yaml.load(match.group(1), Loader=_YAML_LOADER))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ClauseError(f"{path}: invalid front matter: {exc}") from None
    raw_body = match.group(2).strip() + "\n"
    if re.search(r"\]\(\s*\{\{", raw_body):
        raise ClauseError(f"{path}: put answer values into links with the 'link' or 'mailto' filter, not inside Markdown link syntax")
    try:
        entry = clause_entry(raw_body, meta.when, md_env, html_env)
        compiled = clause_from_entry(entry, md_env, html_env)
    except TemplateSyntaxError as exc:
        raise ClauseError(f"{path}:{exc.lineno + 4 if exc.lineno else ''}: template syntax error: {exc.message}") from None
    except TemplateSourceError as exc:
        raise ClauseError(f"{path}: {exc}") from None
    except SecurityError as exc:
        raise ClauseError(f"{path}: refused by the sandbox: {exc}") from None
    return _clause(meta, path, compiled), entry


def _clause(meta: ClauseMeta, path: Path, compiled: CompiledClause) -> Clause:
    return Clause(meta=meta, path=path, source=compiled.body, md=compiled.md, html=compiled.html, when=compiled.when, html_source=compiled.html_source)


def _clause_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md") if not _CATALOGUE_DIRS & set(p.relative_to(folder).parts) and not p.is_dir())


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


@functools.cache
def load_library(extra: tuple[Path, ...] = ()) -> Library:
    """Load the built-in clause library, then clauses from `extra` folders (which replace clauses of the same id).

    A library loaded before from the very same files comes whole from the compile cache
    (`generator/templating/cache.py`): no front matter to parse, one cache file to read.

    Raises:
        ClauseError: naming the file of every broken clause.
    """
    base = resource_dir("clauses")
    sections_text = (base / "sections.yaml").read_text(encoding="utf-8")
    files: list[tuple[bool, Path, str]] = []
    problems: list[str] = []
    for folder in (base, *extra):
        for path in _clause_files(folder):
            try:
                files.append((folder == base, path, read_clause_file(path)))
            except ClauseError as exc:
                problems.extend(exc.messages)
    if problems:
        raise ClauseError(problems)
    material = repr((_LOADER_VERSION, sections_text, [(in_base, str(path), text) for in_base, path, text in files])).encode("utf-8")
    library = _from_bundle(read_cached(material))
    if library is None:
        library, bundle = _load(sections_text, files)
        store_cached(material, bundle)
    return library


_LOADER_VERSION = (Path(__file__).read_bytes(), yaml.__version__, PYDANTIC_VERSION)
"""What else decides how clause files load: this module's code and the YAML and pydantic versions."""


def _load(sections_text: str, files: list[tuple[bool, Path, str]]) -> tuple[Library, Any]:
    """Parse, check and compile the clause files; also return the bundle that `_from_bundle` rebuilds the library from."""
    sections_data = yaml.safe_load(sections_text)
    sections = tuple(SectionMeta.model_validate(item) for item in sections_data)
    section_ids = {s.id for s in sections}
    clauses: dict[str, tuple[Clause, tuple[Any, ...]]] = {}
    problems: list[str] = []
    for in_base, path, text in files:
        try:
            clause, entry = _parse_clause(path, text, *_environments(bounded=not in_base))
        except ClauseError as exc:
            problems.extend(exc.messages)
            continue
        if clause.id in clauses and in_base:
            problems.append(f"{path}: clause id '{clause.id}' is also used by {clauses[clause.id][0].path}")
        if clause.meta.section not in section_ids:
            problems.append(f"{path}: unknown section '{clause.meta.section}'; sections are listed in clauses/sections.yaml")
        clauses[clause.id] = (clause, entry)
    if problems:
        raise ClauseError(problems)
    order = {s.id: index for index, s in enumerate(sections)}
    ordered = sorted(clauses.values(), key=lambda item: (order.get(item[0].meta.section, 0), item[0].meta.order, item[0].id))
    clause_tuple = tuple(clause for clause, _ in ordered)
    compiled, combined_entry = _combine(clause_tuple)
    library = Library(sections=sections, clauses=clause_tuple, combined=compiled)
    bundle = (
        [section.model_dump() for section in sections],
        [(str(clause.path), clause.meta.model_dump(), entry, is_bounded(clause.md.environment)) for clause, entry in ordered],
        combined_entry,
    )
    return library, bundle


def _from_bundle(bundle: Any) -> Library | None:
    """The library a bundle from `_load` describes, or None when it is not one."""
    if bundle is None:
        return None
    try:
        sections_data, items, combined_entry = bundle
        sections = tuple(SectionMeta.model_validate(item) for item in sections_data)
        clauses = tuple(
            _clause(ClauseMeta.model_validate(meta), Path(path), clause_from_entry(entry, *_environments(bounded=bool(bounded))))
            for path, meta, entry, bounded in items
        )
        envs = _environments(bounded=any(bounded for *_, bounded in items))
        compiled = library_from_entry(len(clauses), combined_entry, *envs) if combined_entry is not None else None
    except (ValueError, TypeError, KeyError):  # pydantic's ValidationError is a ValueError
        return None
    return Library(sections=sections, clauses=clauses, combined=compiled)


def _combine(clauses: tuple[Clause, ...]) -> tuple[CompiledLibrary | None, Any]:
    """The clauses combined into one `when` expression and one template per format, and the cache entry they came from.

    (None, None) when they cannot be combined (never expected: each clause compiled alone); callers
    then evaluate and render clause by clause, which names the clause file of any error.
    """
    md_env, html_env = _environments(bounded=any(is_bounded(clause.md.environment) for clause in clauses))
    sources = [(clause.source, clause.html_source or _html_source(clause), clause.meta.when) for clause in clauses]
    try:
        entry = library_entry(sources, md_env, html_env)
        return library_from_entry(len(clauses), entry, md_env, html_env), entry
    except (TemplateError, TemplateSourceError):
        return None, None


@functools.cache
def _environments(*, bounded: bool) -> tuple[Any, Any]:
    """The Markdown and HTML environments of built-in clauses, or (`bounded`) of clauses from a user's folder.

    The combined templates of a library with any clause from a user's folder are bounded too.
    """
    return make_environment("md", bounded=bounded), make_environment("html", bounded=bounded)


def _html_source(clause: Clause) -> str:
    from generator.templating.mdconvert import markdown_to_html_template

    return markdown_to_html_template(clause.source)
