"""A disk cache of compiled clause templates, so a fresh process skips Markdown conversion and Jinja compilation.

Loading the clause library prepares each clause body (`keep_line_breaks`),
converts its Markdown to an HTML template and compiles both templates and the
`when` condition to Python code: most of a cold one-file build. The result
depends only on the clause body, its condition and the code that turns them into
templates, so it is cached on disk keyed by a hash of the body, of
`generator/templating/environment.py`, `generator/templating/limits.py`, `generator/templating/mdconvert.py` and this
module, and of the Jinja2, Markdown and Python versions. Set `POLICYGEN_CACHE_DIR`
to move the cache, or `POLICYGEN_NO_CACHE=1` (`--no-cache`) to turn it off. A cache
that cannot be read or written is ignored.

The cache holds `marshal`led Python code that the next build runs, so it is trusted
only in a folder that nobody else can write: the folder (and each folder this module
creates on the way to it) is created with mode 0700, and on every read and write it
must be a real folder (not a symbolic link) owned by the current user and not
writable by group or others; each cache file must be a regular file with the same
owner and no group or other write permission. When a check fails, the cache is not
used for the rest of the process (the build goes on uncached) and one warning line
names the folder and the reason.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError, nodes
from jinja2.environment import TemplateExpression
from jinja2.parser import Parser
from jinja2.runtime import Undefined, new_context
from jinja2.utils import consume


@functools.cache
def _code_version() -> bytes:
    import jinja2

    from generator.templating import environment as templating
    from generator.templating import limits
    from generator.templating import mdconvert as mdtemplate

    digest = hashlib.sha256(f"{sys.version}|{jinja2.__version__}|{_markdown_version()}".encode())
    for module_file in (templating.__file__, mdtemplate.__file__, limits.__file__, __file__):
        digest.update(Path(module_file).read_bytes())
    return digest.digest()


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
        if touch:
            try:
                os.utime(fd)
            except (OSError, NotImplementedError):
                pass
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def _unmarshal(path: Path, *, touch: bool = False) -> Any:
    """The value in the trusted cache file `path`, or None."""
    data = _read(path, touch=touch)
    if data is None:
        return None
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None


def _load(path: Path) -> tuple[str, str, Any, Any, Any] | None:
    try:
        body, html_source, md_code, html_code, when_code = _unmarshal(path)
    except (ValueError, TypeError):
        return None
    return str(body), str(html_source), md_code, html_code, when_code


def _store(path: Path, entry: Any) -> None:
    _store_bytes(path, marshal.dumps(entry))


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
"""Bytes the cache may hold. Each library version adds a few megabytes (the whole-library entry and
the combined templates), and every change of clause text or of this code makes a new version; when a
large entry is written and the cache holds more than this, the least recently used files go."""

_LARGE_ENTRY = 64 * 1024


def prune(folder: Path, limit: int | None = None) -> None:
    """Delete the least recently used cache files until `folder` holds at most three quarters of `limit` (default CACHE_LIMIT), if it holds more."""
    limit = CACHE_LIMIT if limit is None else limit
    files: list[tuple[float, int, str]] = []
    try:
        for sub in os.scandir(folder):
            if sub.is_dir(follow_symlinks=False):
                for entry in os.scandir(sub.path):
                    if entry.name.endswith(".marshal"):
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


@dataclass(frozen=True)
class CompiledClause:
    """A clause body made ready to render: Markdown and HTML templates and the `when` condition."""

    body: str
    md: Template
    html: Template
    when: Any
    html_source: str = ""
    """The HTML template's source (the Markdown converted once), for the combined library templates."""


def _expression_code(env: Any, expression: str) -> Any:
    """Compile `expression` the way `Environment.compile_expression` does, keeping the code object."""
    parser = Parser(env, expression, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
    expr.set_environment(env)
    return env.compile(nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1))


class _Expression(TemplateExpression):
    """A compiled expression, called with keyword arguments without copying them twice.

    Jinja's `TemplateExpression` copies the keyword arguments into a new dict and then
    again into the context's parent; the keyword dict is already this call's own, so it
    becomes the parent itself (with the globals added under the arguments, as Jinja does).
    A compliance check evaluates some 50 to 80 conditions per policy.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Evaluate the expression with these values."""
        if args:
            return super().__call__(*args, **kwargs)
        template = self._template
        for name, value in template.globals.items():
            kwargs.setdefault(name, value)
        context = new_context(template.environment, template.name, template.blocks, kwargs, shared=True, globals=template.globals)
        consume(template.root_render_func(context))
        result = context.vars["result"]
        if self._undefined_to_none and isinstance(result, Undefined):
            return None
        return result


_EXPRESSIONS: dict[Path, Any] = {}
"""Expression code read or stored in this process, by cache file: the requirement catalogue compiles
each condition when it loads and again when a check first evaluates it."""


def compile_expression(env: Any, expression: str) -> TemplateExpression:
    """`env.compile_expression(expression, undefined_to_none=False)`, from the cache when it has it.

    Raises:
        TemplateSyntaxError: for a broken expression (errors are never cached).
    """
    folder = cache_dir()
    path = None
    code = None
    if folder is not None:
        key = hashlib.sha256(_code_version() + b"expression\0" + expression.encode("utf-8")).hexdigest()
        path = folder / key[:2] / f"{key}.marshal"
        code = _EXPRESSIONS.get(path)
        if code is None:
            code = _unmarshal(path)
    if code is None:
        code = _expression_code(env, expression)
        if path is not None:
            _store(path, code)
    if path is not None:
        _EXPRESSIONS[path] = code
    return _Expression(env.template_class.from_code(env, code, env.make_globals(None)), undefined_to_none=False)


def _kind(env: Any) -> str:
    """Which kind of environment compiled code is for: a bounded one (user clauses) compiles different code."""
    return "bounded" if getattr(env, "policygen_bounded", False) else "plain"


def _compute(raw_body: str, when: str | None, md_env: Any, html_env: Any) -> tuple[str, str, Any, Any, Any]:
    from generator.templating.mdconvert import keep_line_breaks, markdown_to_html_template

    body = keep_line_breaks(raw_body)
    html_source = markdown_to_html_template(body)
    html_code = html_env.compile(html_source)
    md_code = md_env.compile(body)
    when_code = _expression_code(md_env, when) if when else None
    return body, html_source, md_code, html_code, when_code


def compile_clause(raw_body: str, when: str | None, md_env: Any, html_env: Any) -> CompiledClause:
    """Compile a clause body and its `when`, from the cache when it has them.

    Raises:
        TemplateSyntaxError: for a broken template or condition (errors are never cached).
        TemplateSourceError: when the Markdown cannot become a whole HTML template.
    """
    return clause_from_entry(clause_entry(raw_body, when, md_env, html_env), md_env, html_env)


def clause_entry(raw_body: str, when: str | None, md_env: Any, html_env: Any) -> tuple[str, str, Any, Any, Any]:
    """What `compile_clause` makes templates from: body, HTML source and the code of both templates and the condition.

    Raises:
        TemplateSyntaxError: for a broken template or condition (errors are never cached).
        TemplateSourceError: when the Markdown cannot become a whole HTML template.
    """
    folder = cache_dir()
    path = None
    entry = None
    if folder is not None:
        key = hashlib.sha256(_code_version() + repr((raw_body, when, _kind(md_env))).encode("utf-8")).hexdigest()
        path = folder / key[:2] / f"{key}.marshal"
        entry = _load(path)
    if entry is None:
        entry = _compute(raw_body, when, md_env, html_env)
        if path is not None:
            _store(path, entry)
    return entry


def clause_from_entry(entry: tuple[str, str, Any, Any, Any], md_env: Any, html_env: Any) -> CompiledClause:
    """The templates of a `clause_entry`."""
    body, html_source, md_code, html_code, when_code = entry
    condition = TemplateExpression(_template(md_env, when_code), undefined_to_none=False) if when_code is not None else None
    return CompiledClause(body=body, md=_template(md_env, md_code), html=_template(html_env, html_code), when=condition, html_source=html_source)


def _template(env: Any, code: Any) -> Template:
    made: Template = env.template_class.from_code(env, code, env.make_globals(None))
    return made


# The combined library templates: every clause in one template per format, so that building a
# policy is one template call per format instead of one per clause and format (each of which
# paid for a new Jinja context), and every `when` in one expression instead of one call each.

SELECTED = "policygen_selected_"
"""The context name of the set of clause indexes (in library order) that the combined templates render."""

SEPARATOR = "\x02"
"""Ends each clause's output in the combined templates. Answer text cannot contain it (the validators
refuse control characters); a value that holds it anyway is caught by counting the separators."""


@dataclass(frozen=True)
class CompiledLibrary:
    """All clauses of a library combined: one `when` expression and one template per format.

    `when` returns a tuple with one value per clause (`true` for a clause without a condition).
    `md` and `html` render every clause whose index is in the context's `SELECTED` set,
    each inside its own `{% with %}` scope, each clause's output (empty when not selected)
    followed by `SEPARATOR`. Either template is None when a clause's source holds the separator.
    """

    count: int
    when: Any
    md: Template | None
    html: Template | None


def _combined_source(bodies: list[str]) -> str | None:
    if any(SEPARATOR in body for body in bodies):
        return None
    return "".join(f"{{% if {index} in {SELECTED} %}}{{% with %}}{body}{{% endwith %}}{{% endif %}}{SEPARATOR}" for index, body in enumerate(bodies))


def _compute_library(clauses: list[tuple[str, str, str | None]], md_env: Any, html_env: Any) -> tuple[Any, Any, Any]:
    conditions: list[nodes.Expr] = []
    for _, _, when in clauses:
        if not when:
            conditions.append(nodes.Const(True, lineno=1))
            continue
        parser = Parser(md_env, when, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
        conditions.append(expr)
    flags = nodes.Tuple(conditions, "load", lineno=1)
    flags.set_environment(md_env)
    when_code = md_env.compile(nodes.Template([nodes.Assign(nodes.Name("result", "store", lineno=1), flags, lineno=1)], lineno=1))
    md_source = _combined_source([body for body, _, _ in clauses])
    html_source = _combined_source([html for _, html, _ in clauses])
    md_code = md_env.compile(md_source) if md_source is not None else None
    html_code = html_env.compile(html_source) if html_source is not None else None
    return when_code, md_code, html_code


def compile_library(clauses: list[tuple[str, str, str | None]], md_env: Any, html_env: Any) -> CompiledLibrary:
    """Combine clauses, each given as (Markdown template source, HTML template source, `when`), from the cache when it has them.

    Raises:
        TemplateSyntaxError: when the clauses do not combine (each compiled alone first, they always do).
    """
    return library_from_entry(len(clauses), library_entry(clauses, md_env, html_env), md_env, html_env)


def library_entry(clauses: list[tuple[str, str, str | None]], md_env: Any, html_env: Any) -> tuple[Any, Any, Any]:
    """What `compile_library` makes its templates from: the code of the conditions and of both templates.

    Raises:
        TemplateSyntaxError: when the clauses do not combine.
    """
    folder = cache_dir()
    path = None
    entry = None
    if folder is not None:
        key = hashlib.sha256(_code_version() + b"library\0" + repr((clauses, _kind(md_env))).encode("utf-8")).hexdigest()
        path = folder / key[:2] / f"{key}.marshal"
        try:
            when_code, md_code, html_code = _unmarshal(path)
            entry = when_code, md_code, html_code
        except (ValueError, TypeError):
            entry = None
    if entry is None:
        entry = _compute_library(clauses, md_env, html_env)
        if path is not None:
            _store(path, entry)
    return entry


def library_from_entry(count: int, entry: tuple[Any, Any, Any], md_env: Any, html_env: Any) -> CompiledLibrary:
    """The combined templates of a `library_entry` for `count` clauses."""
    when_code, md_code, html_code = entry
    return CompiledLibrary(
        count=count,
        when=TemplateExpression(_template(md_env, when_code), undefined_to_none=False),
        md=_template(md_env, md_code) if md_code is not None else None,
        html=_template(html_env, html_code) if html_code is not None else None,
    )


def read_cached(material: bytes) -> Any:
    """The cached value stored under `material` (hashed with the code version), or None."""
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(_code_version() + b"value\0" + material).hexdigest()
    path = folder / key[:2] / f"{key}.marshal"
    return _unmarshal(path, touch=True)  # recently used: pruning keeps it


def folder_material(kind: str, paths: list[Path]) -> bytes:
    """The cache key material of a catalogue folder: its kind, and every file's name and bytes."""
    return kind.encode() + b"\0" + b"".join(path.name.encode() + b"\0" + path.read_bytes() + b"\0" for path in paths)


def read_cached_documents(material: bytes, count: int) -> list[Any] | None:
    """The parsed documents of a catalogue folder stored under `material`, or None (also when the count is off)."""
    cached = read_cached(material)
    return cached if isinstance(cached, list) and len(cached) == count else None


def store_cached(material: bytes, value: Any) -> None:
    """Cache `value` (anything `marshal` can write) under `material`; a value it cannot write is not cached."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        data = marshal.dumps(value)
    except ValueError:
        return
    key = hashlib.sha256(_code_version() + b"value\0" + material).hexdigest()
    _store_bytes(folder / key[:2] / f"{key}.marshal", data)
