"""The clause library: sections and clause files, checked once and compiled into one template per format.

Each clause is compiled once, as a named block (`clause_<index>`) of its group's template:
the built-in clauses form one group, which renders in a plain Jinja environment (they are
our code; answers are only ever context), and clauses from a user's folders another, which
renders in Jinja's sandbox with our limits. A clause's template starts with the definitions of
the shared macros it calls (`generator/library/macros.py`). Every `when` of a group is one element
of the `flags` tuple of its conditions template. `generator/selection.py` and `generator/render.py`
use them. Where clause files live and what their front matter says: `generator/library/clause_files.py`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from jinja2 import Environment, FunctionLoader, Template, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, ConfigDict, Field

from generator.answers.messages import suggest
from generator.errors import ClauseError
from generator.library.clause_files import FRONT_MATTER, MAX_CLAUSE_BYTES, ClauseMeta, clause_files, clause_meta, line_of, read_clause_file
from generator.library.macros import MACROS_FILE, MARKDOWN_MACRO, SharedMacro, called, markdown_macro, parse_macros, prelude
from generator.resources import resource_dir
from generator.templating.cache import PrivateBytecodeCache, code_version, read_cached, store_cached
from generator.templating.environment import make_environment
from generator.templating.mdconvert import TemplateSourceError, keep_line_breaks
from generator.templating.memo import file_signature, recall, remember

__all__ = ["MAX_CLAUSE_BYTES", "Clause", "ClauseGroup", "ClauseMeta", "Library", "SectionMeta", "block_name", "load_library", "read_clause_file"]


class SectionMeta(BaseModel):
    """A policy section, in the order sections appear."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    summary: str | None = None
    numbered: bool = True


@dataclass(frozen=True)
class Clause:
    """A loaded clause: its metadata and its Markdown and HTML template sources (each starting with the shared macros it calls)."""

    meta: ClauseMeta
    path: Path
    source: str
    html_source: str
    bounded: bool = False
    """From a user's folder: renders in the sandbox, within the limits of `generator/templating/limits.py`."""
    calls: tuple[str, ...] = ()
    """The shared macros the clause calls, whose definitions start its templates."""

    @property
    def id(self) -> str:
        """The clause id."""
        return self.meta.id


@dataclass(frozen=True)
class ClauseGroup:
    """The clauses that render in one environment, compiled together.

    `md` and `html` hold one block per clause, named by `block_name(index)`; `conditions`
    sets `flags`, the value of each clause's `when` (`true` without one), in the order of
    `indexes` (the clauses' places in the library). `covers` holds, for each clause with
    `covers_when` conditions, a block (`covers_blocks`, by the clause's place in the library)
    that writes "1" or "0" for each condition, in the order of `narrowed(clause)`; it runs only
    for a clause that is rendered.
    """

    bounded: bool
    indexes: tuple[int, ...]
    md: Template
    html: Template
    conditions: Template
    covers: Template
    covers_blocks: Mapping[int, Callable[[Context], Iterator[str]]]

    def variables(self, fmt: Literal["md", "html"], context: Mapping[str, Any]) -> dict[str, Any]:
        """`context` over the globals of the format's template (for "md" also those of `conditions`), for `new_context(..., shared=True)`.

        It is what `new_context(context)` copies into the new context, where Jinja passes the context as keyword
        arguments (about half as much work again, three times a policy).
        """
        template = self.html if fmt == "html" else self.md
        return {**template.globals, **context}


def narrowed(clause: Clause) -> tuple[str, ...]:
    """The requirements of `clause`'s `covers` that a `covers_when` condition narrows, in the order of `covers`."""
    conditions = clause.meta.covers_when
    return tuple(rid for rid in dict.fromkeys(clause.meta.covers) if rid in conditions)


def block_name(index: int) -> str:
    """The name of the block of the library's clause number `index`."""
    return f"clause_{index}"


@dataclass(frozen=True)
class Library:
    """Sections in order and the clauses that fill them."""

    sections: tuple[SectionMeta, ...]
    clauses: tuple[Clause, ...]
    groups: tuple[ClauseGroup, ...] = ()

    def section(self, section_id: str) -> SectionMeta:
        """Return a section by id."""
        return next(s for s in self.sections if s.id == section_id)


_REFUSED_NODES = (nodes.Block, nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)


_NESTING = (RecursionError, SyntaxError, MemoryError)
"""What parsing or compiling a template too deeply nested raises (Jinja's parser recursing, Python's compiler refusing
too many levels of indentation or statically nested blocks); TemplateSyntaxError is not one of them."""


def _too_nested(path: Path, what: str, exc: BaseException) -> ClauseError:
    reason = "it is too large" if isinstance(exc, MemoryError) else "it is too deeply nested"
    return ClauseError(f"{path}: {what} cannot be compiled: {reason} (parentheses, statements or blocks inside one another)")


def _check_template(env: Environment, source: str, path: Path, first_line: int, *, compile_it: bool = False) -> nodes.Template:
    """Parse a clause's template alone (and with `compile_it`, compile it to Python), so a broken one is named with its file and line."""
    try:
        tree = env.parse(source)
        if compile_it and next(tree.find_all(_REFUSED_NODES), None) is None:
            env.compile(tree)
    except TemplateSyntaxError as exc:
        line = f"{exc.lineno + first_line - 1}:" if exc.lineno else ""
        raise ClauseError(f"{path}:{line} template syntax error: {exc.message}") from None
    except _NESTING as exc:
        raise _too_nested(path, "the clause", exc) from None
    if next(tree.find_all(_REFUSED_NODES), None) is not None:
        raise ClauseError(f"{path}: a clause cannot define blocks or include, import or extend other templates")
    return tree


def _check_when(env: Environment, when: str, path: Path, line: int, field: str = "when") -> None:
    try:
        env.compile_expression(when)
    except TemplateSyntaxError as exc:
        raise ClauseError(f"{path}:{line}: {field}: cannot read the condition '{when}': {exc.message}") from None
    except _NESTING as exc:
        raise _too_nested(path, f"its '{field}' condition", exc) from None


@dataclass(frozen=True)
class _Rules:
    """What every clause file is checked against: the section ids, the requirement ids and the shared macros."""

    section_ids: tuple[str, ...]
    requirement_ids: frozenset[str]
    macros: dict[str, SharedMacro]


def _parse_clause(root: Path, path: Path, text: str, bounded: bool, rules: _Rules) -> Clause:
    """The clause in `text` (the file at `path`, under the clause folder `root`), checked alone; every problem of it at once.

    Raises:
        ClauseError: naming the file (and the line) of each problem.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # a byte-order mark some editors write
    match = FRONT_MATTER.match(text)
    if not match:
        raise ClauseError(f"{path}: a clause starts with '---', its YAML front matter, and '---'")
    problems: list[str] = []
    meta: ClauseMeta | None = None
    try:
        meta = clause_meta(root, path, match.group(1), rules.section_ids)
    except ClauseError as exc:
        problems.extend(exc.messages)  # the body is still checked below: every problem of the file at once
    covers_line = line_of(match.group(1), "covers")
    problems += [
        f"{path}:{covers_line}: covers: '{rid}' is not a requirement id in clauses/requirements{suggest(rid, sorted(rules.requirement_ids))}"
        for rid in dict.fromkeys(meta.covers if meta else ())
        if rid not in rules.requirement_ids
    ]
    covers_when_line = line_of(match.group(1), "covers_when")
    problems += [
        f"{path}:{covers_when_line}: covers_when: '{rid}' is not in this clause's covers; a condition can only narrow what the clause covers"
        for rid in (meta.covers_when if meta else {})
        if rid not in (meta.covers if meta else ())
    ]
    body_text = match.group(2)
    first_line = text[: match.start(2)].count("\n") + 1 + (len(body_text) - len(body_text.lstrip("\n")))
    raw_body = body_text.strip() + "\n"
    if re.search(r"\]\(\s*\{\{", raw_body):
        problems.append(f"{path}: put answer values into links with the 'link' or 'mailto' filter, not inside Markdown link syntax")
    md_env, html_env = _environments(bounded=bounded)
    from generator.templating.mdconvert import markdown_to_html_template

    body = keep_line_breaks(raw_body)
    calls: tuple[str, ...] = ()
    try:
        calls = called(_check_template(md_env, body, path, first_line, compile_it=bounded), rules.macros.values())
        html_source = markdown_to_html_template(body)
        _check_template(html_env, html_source, path, first_line, compile_it=bounded)
        if meta is not None and meta.when:
            _check_when(md_env, meta.when, path, line_of(match.group(1), "when"))
        for rid, condition in (meta.covers_when if meta else {}).items():
            _check_when(md_env, condition, path, covers_when_line, field=f"covers_when: {rid}")
    except ClauseError as exc:
        problems.extend(exc.messages)
    except TemplateSourceError as exc:
        problems.append(f"{path}: {exc}")
    except SecurityError as exc:
        problems.append(f"{path}: refused by the sandbox: {exc}")
    if problems or meta is None:
        raise ClauseError(problems)
    md, html = prelude(calls, rules.macros, "md") + body, prelude(calls, rules.macros, "html") + html_source
    return Clause(meta=meta, path=path, source=md, html_source=html, bounded=bounded, calls=calls)


def load_library(extra: tuple[Path, ...] = ()) -> Library:
    """Load the built-in clause library, then clauses from `extra` folders (which replace clauses of the same id).

    A library checked before from the very same files (and requirement catalogue) comes from
    the compile cache as text (`generator/templating/cache.py`): no front matter to parse, no
    Markdown to convert; its compiled templates come from Jinja's bytecode cache. Within a process
    the built-in library is loaded once (it is part of the package); a user's folders are loaded
    again whenever one of their clause files is added, removed or changed (its size or modification
    time), so a long-lived process (an embedding, `mkdocs serve`) never renders an old clause.

    Raises:
        ClauseError: naming the file of every broken clause, every problem at once.
    """
    return _load_library(extra, _stamp(extra))


def _stamp(folders: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """What shows that a user's clause file changed: each file's path, size and modification time."""
    stamps = []
    for folder in folders:
        for path in clause_files(folder):
            try:
                status = path.stat()
            except OSError:
                continue  # gone since it was listed: loading the folder names what is wrong
            stamps.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(stamps)


@functools.lru_cache(maxsize=16)
def _load_library(extra: tuple[Path, ...], stamp: tuple[tuple[str, int, int], ...]) -> Library:
    """`load_library(extra)` for the clause files as `stamp` saw them."""
    from generator.library.requirements import load_requirements

    base = resource_dir("clauses")
    listed = [(folder, path) for folder in (base, *extra) for path in clause_files(folder)]
    requirement_ids = frozenset(r.id for regime in load_requirements() for r in regime.requirements)
    # What the library's cache entry is keyed by, besides the files' bytes: remembered by the files' status
    # (generator/templating/memo.py), so an unchanged library is neither read nor hashed, only its cached text decoded.
    settings = repr((_LOADER_VERSION, sorted(requirement_ids), [(str(root), str(path)) for root, path in listed]))
    signature = file_signature([base / "sections.yaml", base / MACROS_FILE, *(path for _, path in listed)])
    loaded: _Loaded | None = None
    digest = recall("clause library", settings, signature)
    if digest is not None:
        loaded = _from_bundle(read_cached(b"clause library\0" + digest.encode()))
    if loaded is None:
        started = time.time_ns()
        sections_text = (base / "sections.yaml").read_text(encoding="utf-8")
        macros_text = (base / MACROS_FILE).read_text(encoding="utf-8")
        files: list[tuple[Path, Path, str]] = []
        problems: list[str] = []
        for folder, path in listed:
            try:
                files.append((folder, path, read_clause_file(path)))
            except ClauseError as exc:
                problems.extend(exc.messages)
        if problems:
            raise ClauseError(problems)
        material = repr((settings, sections_text, macros_text, [text for _, _, text in files]))
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
        loaded = _from_bundle(read_cached(b"clause library\0" + digest.encode()))
        if loaded is None:
            loaded = _load(base, sections_text, macros_text, files, requirement_ids)
            store_cached(b"clause library\0" + digest.encode(), _bundle(*loaded))
        remember("clause library", settings, signature, digest, started)  # checked and cached: remembered by the files' status
    sections, clauses = loaded
    return Library(sections=sections, clauses=clauses, groups=_groups(clauses))


_LOADER_VERSION = (
    hashlib.sha256(b"".join(Path(__file__).with_name(name).read_bytes() for name in ("clauses.py", "clause_files.py", "macros.py"))).hexdigest(),
    yaml.__version__,
    PYDANTIC_VERSION,
)
"""What else decides how clause files load: the library's loading code and the YAML and pydantic versions."""

_Loaded = tuple[tuple[SectionMeta, ...], tuple[Clause, ...]]

_PARSED: dict[tuple[Any, ...], Clause] = {}
"""Clauses parsed and checked in this process, by everything their parse depends on (the sections, shared macros and
requirement ids, the file's folder, path and text, built-in or not): a library with a user's folder added, or one
file changed, parses only what is new (the built-in clauses are checked once per process, not once per folder)."""
_PARSED_SIZE = 4096


def _load(base: Path, sections_text: str, macros_text: str, files: Sequence[tuple[Path, Path, str]], requirement_ids: frozenset[str]) -> _Loaded:
    """Parse and check the shared macros and every clause file, each alone, and order them: every problem of every file at once."""
    sections = _sections(sections_text)
    problems: list[str] = []
    macros: tuple[SharedMacro, ...] = ()
    try:
        macros = _macros(str(base / MACROS_FILE), macros_text)
    except ClauseError as exc:
        problems.extend(exc.messages)
    rules = _Rules(section_ids=tuple(s.id for s in sections), requirement_ids=requirement_ids, macros={m.name: m for m in macros})
    context = (sections_text, macros_text, requirement_ids)
    clauses: dict[str, Clause] = {}
    for root, path, text in files:
        key = (context, str(root), str(path), text, root != base)
        clause = _PARSED.get(key)
        if clause is None:
            try:
                clause = _parse_clause(root, path, text, root != base, rules)
            except ClauseError as exc:
                problems.extend(exc.messages)
                continue
            if len(_PARSED) >= _PARSED_SIZE:
                _PARSED.clear()
            _PARSED[key] = clause
        clauses[clause.id] = clause  # a user's clause replaces the built-in one (or an earlier folder's) of its id
    if problems:
        raise ClauseError(problems)
    order = {s.id: index for index, s in enumerate(sections)}
    ordered = sorted(clauses.values(), key=lambda clause: (order.get(clause.meta.section, 0), clause.meta.order, clause.id))
    return sections, tuple(ordered)


@functools.lru_cache(maxsize=16)
def _sections(text: str) -> tuple[SectionMeta, ...]:
    """The sections of `clauses/sections.yaml` (its text), read once per process."""
    return tuple(SectionMeta.model_validate(item) for item in yaml.safe_load(text))


@functools.lru_cache(maxsize=16)
def _macros(path: str, text: str) -> tuple[SharedMacro, ...]:
    """The shared macros of the file `path` (its `text`), parsed and checked once per process.

    A library with a user's folder added would parse them again otherwise. A broken file raises its ClauseError every
    time (lru_cache keeps no error).
    """
    return parse_macros(Path(path), text, _environments(bounded=False)[0])


def _bundle(sections: tuple[SectionMeta, ...], clauses: tuple[Clause, ...]) -> dict[str, Any]:
    """The checked library as JSON-ready text, for the compile cache."""
    return {
        "sections": [section.model_dump() for section in sections],
        "clauses": [[str(c.path), c.meta.model_dump(), c.source, c.html_source, c.bounded, list(c.calls)] for c in clauses],
    }


def _from_bundle(bundle: Any) -> _Loaded | None:
    """The sections and clauses a `_bundle` holds, or None when it is not one."""
    if not isinstance(bundle, dict):
        return None
    try:
        sections = tuple(SectionMeta.model_validate(item) for item in bundle["sections"])
        clauses = tuple(
            Clause(
                meta=ClauseMeta.model_validate(meta),
                path=Path(path),
                source=str(source),
                html_source=str(html),
                bounded=bool(bounded),
                calls=tuple(str(name) for name in calls),
            )
            for path, meta, source, html, bounded, calls in bundle["clauses"]
        )
    except (ValueError, TypeError, KeyError):  # pydantic's ValidationError is a ValueError
        return None
    return sections, clauses


# The compiled templates. Their names carry a hash of their source and of the code that compiles
# them, so Jinja's bytecode cache never mixes up two libraries or two versions of this package.

_SOURCES: dict[str, str] = {}
"""The source of each library template being loaded, by name: what the environments' loader serves."""


def _compiled(env: Environment, kind: str, source: str) -> Template:
    name = f"policygen-{kind}-{hashlib.sha256((code_version() + source).encode('utf-8')).hexdigest()}"
    _SOURCES[name] = source
    try:
        return env.get_template(name)
    finally:
        del _SOURCES[name]


def _groups(clauses: tuple[Clause, ...]) -> tuple[ClauseGroup, ...]:
    groups = []
    for bounded in (False, True):
        indexes = tuple(index for index, clause in enumerate(clauses) if clause.bounded == bounded)
        if not indexes:
            continue
        md_env, html_env = _environments(bounded=bounded)
        kind = "bounded" if bounded else "plain"
        # The built-in clauses' blocks are named by their place in the group, not in the library, so that their template
        # is the same one (compiled once per process, and once in the compile cache) whatever clauses a user's folder
        # adds between them; `_by_index` then names each block by its clause's place in the library too.
        names = [block_name(i) for i in indexes] if bounded else [f"builtin_{place}" for place in range(len(indexes))]
        md = "".join(f"{{% block {name} %}}{clauses[i].source}{{% endblock %}}" for name, i in zip(names, indexes, strict=True))
        html = "".join(f"{{% block {name} %}}{clauses[i].html_source}{{% endblock %}}" for name, i in zip(names, indexes, strict=True))
        flags = "".join(f"({clauses[i].meta.when or 'true'}),\n" for i in indexes)
        narrowing = [(f"covers_{place}", i) for place, i in enumerate(indexes) if clauses[i].meta.covers_when]  # by place, as `names`
        covers_source = "".join(
            f"{{% block {name} %}}" + "".join(f"{{{{ 1 if ({clauses[i].meta.covers_when[rid]}) else 0 }}}}" for rid in narrowed(clauses[i])) + "{% endblock %}"
            for name, i in narrowing
        )
        covers = _compiled(md_env, f"{kind}-covers", covers_source)
        groups.append(
            ClauseGroup(
                bounded=bounded,
                indexes=indexes,
                md=_by_index(_compiled(md_env, f"{kind}-md", md), names, indexes),
                html=_by_index(_compiled(html_env, f"{kind}-html", html), names, indexes),
                conditions=_compiled(md_env, f"{kind}-when", f"{{% set flags = (\n{flags}) %}}"),
                covers=covers,
                covers_blocks={i: covers.blocks[name] for name, i in narrowing},
            )
        )
    return tuple(groups)


def _by_index(template: Template, names: Sequence[str], indexes: Sequence[int]) -> Template:
    """`template`, whose blocks are named `names`, with each block named `block_name(index)` by its clause's place in the library.

    The template itself when they are named so already; else a copy of the Template object (its code, globals and
    environment shared, not compiled again) whose `blocks` name them so: what `render.py` reads and renders, each block
    alone in a context made by `new_context` (the copy is not for rendering as a whole).
    """
    if list(names) == [block_name(index) for index in indexes]:
        return template
    view: Template = object.__new__(type(template))
    view.__dict__.update(template.__dict__)
    view.blocks = {block_name(index): template.blocks[name] for name, index in zip(names, indexes, strict=True)}
    return view


@functools.cache
def _environments(*, bounded: bool) -> tuple[Environment, Environment]:
    """The Markdown and HTML environments of built-in clauses, or (`bounded`) of clauses from a user's folder."""
    loader = FunctionLoader(_SOURCES.get)
    md_env, html_env = make_environment("md", bounded=bounded, loader=loader), make_environment("html", bounded=bounded, loader=loader)
    md_env.bytecode_cache = html_env.bytecode_cache = PrivateBytecodeCache()
    md_env.globals[MARKDOWN_MACRO] = markdown_macro  # marks a shared macro's result as Markdown (generator/library/macros.py)
    return md_env, html_env
