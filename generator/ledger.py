"""The claims ledger: for each rendered clause, the answers and catalogue facts it rests on (`because`), and the defaults it read (`defaults`).

The ledger is what a clause actually read, not what its source mentions. Each included
clause's `when` and text are rendered once more in a tracking environment
(`generator/templating/tracking.py`), which records:

- every attribute or item read on a part of the answers, by its path: one walk over the
  `Answers` names every model and list (`children`, `data[0]`, `services[1]`), and each
  catalogue service a policy uses (`catalogue:stripe`);
- every context name used; a derived value (`sells_or_shares`, `service_rows`) counts as
  reading the answers `DERIVED_FROM` in `generator/context/reads.py` lists for it, and a property of
  an answer model (`business.name`) the fields `PROPERTY_READS` lists.

The reads are then settled against the answer file. A path the file gives (every part of it,
up to the top, is in its model's `model_fields_set`) goes into `because`, as does a catalogue
fact of a service the answers name; a path the file does not give is a default: one whose
value is None or empty said nothing, any other value (`requests.response_days` = 30) spoke
for the owner and goes into `defaults`. A path is dropped when a longer path under it was
read (`children` when `children.minimum_age` was).

Normal builds never run any of this: it runs when a ledger is asked for (`build_policy(...,
ledger=True)`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, FunctionLoader, Template
from jinja2.exceptions import TemplateError
from pydantic import BaseModel

from generator.answers.messages import format_path
from generator.answers.model import Answers, ServiceUse
from generator.answers.services import service_entries
from generator.context.reads import DERIVED_FROM, PROPERTY_READS
from generator.errors import ClauseError
from generator.library.clauses import Clause, ClauseGroup, Library, block_name
from generator.library.macros import MARKDOWN_MACRO, markdown_macro
from generator.library.services import Service
from generator.templating import limits
from generator.templating.cache import PrivateBytecodeCache, code_version
from generator.templating.environment import make_environment
from generator.templating.tracking import Recorder, recording

CATALOGUE = "catalogue:"
_SEGMENT = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+|\*)\]")
_NESTING = (RecursionError, SyntaxError, MemoryError)
_FAILURES = (TemplateError, ArithmeticError, LookupError, TypeError, AttributeError, ValueError, RecursionError, MemoryError)


@dataclass(frozen=True)
class Claims:
    """What one clause rests on: the answers and catalogue facts given (`because`), and the defaults that spoke (`defaults`)."""

    because: tuple[str, ...]
    defaults: tuple[str, ...]


# Paths


def segments(path: str) -> list[str | int]:
    """`data[0].purposes` as `["data", 0, "purposes"]` (`[*]` is `"*"`)."""
    found: list[str | int] = []
    for match in _SEGMENT.finditer(path):
        name, index = match.groups()
        found.append(name if name is not None else ("*" if index == "*" else int(index)))
    return found


_FIELDS: dict[type, frozenset[str]] = {}


def _fields(model: BaseModel) -> frozenset[str]:
    cls = type(model)
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = frozenset(cls.model_fields)
    return found


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def object_paths(answers: Answers, context: dict[str, Any]) -> dict[int, str]:
    """The path of every model and list of `answers`, and of each service of `context`, by `id`."""
    paths: dict[int, str] = {}
    _walk(answers, "", paths)
    for key, base, refs in (("services", "services", answers.services), ("gateways", "payments.gateways", answers.payments.gateways)):
        services = context.get(key, [])
        if len(services) != len(refs):
            continue
        for index, (service, ref) in enumerate(zip(services, refs, strict=True)):
            paths.setdefault(id(service), f"{CATALOGUE}{service.id}" if isinstance(ref, str) else f"{base}[{index}]")
    return paths


def _walk(model: BaseModel, path: str, paths: dict[int, str]) -> None:
    paths.setdefault(id(model), path)
    for name in _fields(model):
        value = getattr(model, name)
        child = _join(path, name)
        if isinstance(value, BaseModel):
            _walk(value, child, paths)
        elif isinstance(value, list):
            paths.setdefault(id(value), child)
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk(item, f"{child}[{index}]", paths)


# From what was read to answer paths and catalogue facts


def expand(answers: Answers, path: str, own: dict[str, dict[str, str]] | None = None) -> Iterator[str]:
    """The answer paths and catalogue facts `path` (a read, or a pattern with `[*]`) stands for, properties replaced by the fields they read.

    `own` is `own_facts(answers)` when the caller expands many paths of the same answers.
    """
    own = own_facts(answers) if own is None else own
    if path.startswith(CATALOGUE):
        service_id, _, rest = path.removeprefix(CATALOGUE).partition(".")
        yield from _catalogue(service_id, rest, own)
        return
    yield from _expand(answers, "", segments(path), own)


def own_facts(answers: Answers) -> dict[str, dict[str, str]]:
    """For each catalogue service the answers give facts of their own for, each such fact's answer path.

    A service named twice (a gateway by its id, and under `services:` with the business's facts) renders with those facts
    wherever it is read, so a read through either entry rests on the answer, not on the catalogue.
    """
    own: dict[str, dict[str, str]] = {}
    for path, ref in service_entries(answers):
        if isinstance(ref, ServiceUse):
            facts = own.setdefault(ref.id, {})
            for name in sorted(ref.model_fields_set - {"id"}):
                facts.setdefault(name, f"{format_path(path)}.{name}")
    return own


def _catalogue(service_id: str, field: str, own: dict[str, dict[str, str]]) -> Iterator[str]:
    base = f"{CATALOGUE}{service_id}"
    reads = PROPERTY_READS[Service].get(field) if field else ("",)
    facts = own.get(service_id, {})
    for read in (field,) if reads is None else reads:
        yield facts.get(read) or (_join(base, read) if read else base)


def _expand(obj: object, prefix: str, rest: list[str | int], own: dict[str, dict[str, str]]) -> Iterator[str]:
    if not rest:
        yield prefix
        return
    step, rest = rest[0], rest[1:]
    if step == "*" or isinstance(step, int):
        if not isinstance(obj, list):
            yield prefix
            return
        indexes = range(len(obj)) if step == "*" else [step] if isinstance(step, int) and step < len(obj) else []
        for index in indexes:
            yield from _expand(obj[index], f"{prefix}[{index}]", rest, own)
        return
    if isinstance(obj, str):  # a catalogue service's id: what is read past it is the catalogue's, or the business's own fact
        yield from _catalogue(obj, step, own)
        return
    if isinstance(obj, ServiceUse) and step not in obj.model_fields_set:  # a fact the business left to the catalogue
        yield from _catalogue(obj.id, step, own)
        return
    if isinstance(obj, BaseModel):
        if step in _fields(obj):
            yield from _expand(getattr(obj, step), _join(prefix, step), rest, own)
            return
        reads = PROPERTY_READS.get(type(obj), {}).get(step)
        if reads is not None:
            for read in reads:
                yield from _expand(obj, prefix, segments(read), own)
            return
    yield prefix  # a method, or an attribute of a value (an enum's label): the value itself


def given(answers: Answers, path: str) -> tuple[bool, object]:
    """Whether the answer file gives `path` (it and every part above it), and its value."""
    obj: object = answers
    explicit = True
    for step in segments(path):
        if isinstance(step, int):
            obj = obj[step] if isinstance(obj, list) and step < len(obj) else None
            continue
        if isinstance(obj, BaseModel) and step not in obj.model_fields_set:
            explicit = False
        obj = getattr(obj, str(step), None)
    return explicit, obj


def _silent(value: object) -> bool:
    """A default that says nothing: None or empty."""
    return value is None or (isinstance(value, list | tuple | set | frozenset | dict | str) and not value)


def _natural(path: str) -> tuple[bool, list[tuple[int, str]]]:
    """Answers before catalogue facts; list indexes in number order (`data[2]` before `data[10]`)."""
    return path.startswith(CATALOGUE), [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", path)]


def _leaves(paths: set[str]) -> set[str]:
    """`paths` without any path a longer one extends (`children` beside `children.minimum_age`), and without the whole answers (`""`)."""
    extended = {path[:cut.start()] for path in paths for cut in re.finditer(r"[.\[]", path)}
    return {path for path in paths if path and path not in extended}


class Settler:
    """Settles what clauses of one policy read against its answers (`settle`), each pattern expanded and each path looked up once."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self._own = own_facts(answers)
        self._expanded: dict[str, tuple[str, ...]] = {}
        self._kept: dict[str, tuple[bool, bool]] = {}

    def _expand(self, pattern: str) -> tuple[str, ...]:
        found = self._expanded.get(pattern)
        if found is None:
            found = self._expanded[pattern] = (pattern,) if pattern.startswith("context:") else tuple(expand(self.answers, pattern, self._own))
        return found

    def _kind(self, path: str) -> tuple[bool, bool]:
        """(given, spoke): whether the file gives `path`, and whether its value says something."""
        found = self._kept.get(path)
        if found is None:
            if path.startswith(CATALOGUE):
                found = (True, True)
            elif path.startswith("context:"):
                found = (False, True)
            else:
                explicit, value = given(self.answers, path)
                found = (explicit, not _silent(value))
            self._kept[path] = found
        return found

    def settle(self, reads: Iterable[str], names: Iterable[str]) -> Claims:
        """The `Claims` of what one clause read: object reads, and the context names it used."""
        patterns = set(reads)
        for name in names:
            patterns.update(DERIVED_FROM.get(name, (f"context:{name}",)))  # a key without an entry stays visible, and never counts as given
        resolved: set[str] = set()
        for pattern in patterns:
            resolved.update(self._expand(pattern))
        because: list[str] = []
        defaults: list[str] = []
        for path in _leaves(resolved):
            explicit, spoke = self._kind(path)
            if explicit:
                because.append(path)
            elif spoke:
                defaults.append(path)
        return Claims(because=tuple(sorted(because, key=_natural)), defaults=tuple(sorted(defaults, key=_natural)))


# The tracking templates: each group's clauses, a `when` block and a text block per clause

_SOURCES: dict[str, str] = {}
_TRACKING: dict[int, tuple[ClauseGroup, Template]] = {}


def when_block(index: int) -> str:
    """The name of the tracking template's block that prints `1` when clause `index`'s `when` holds."""
    return f"when_{index}"


@functools.cache
def _environment(bounded: bool) -> Environment:
    env = make_environment("md", bounded=bounded, loader=FunctionLoader(_SOURCES.get), tracking=True)
    env.globals[MARKDOWN_MACRO] = markdown_macro  # as in the library's own Markdown environments (generator/library/macros.py)
    env.bytecode_cache = PrivateBytecodeCache()
    return env


def _source(clause: Clause, index: int) -> str:
    when = f"{{% if ({clause.meta.when}) %}}1{{% endif %}}" if clause.meta.when else "1"
    return f"{{% block {when_block(index)} %}}{when}{{% endblock %}}{{% block {block_name(index)} %}}{clause.source}{{% endblock %}}"


def tracking_template(library: Library, group: ClauseGroup) -> Template:
    """The tracking template of `group` (compiled once per process, and kept in the compile cache).

    Raises:
        ClauseError: when it does not compile (its parts compiled when the library loaded, so only a bug of ours).
    """
    found = _TRACKING.get(id(group))
    if found is not None and found[0] is group:
        return found[1]
    source = "".join(_source(library.clauses[index], index) for index in group.indexes)
    kind = "bounded" if group.bounded else "plain"
    name = f"policygen-ledger-{kind}-{hashlib.sha256((code_version() + source).encode('utf-8')).hexdigest()}"
    _SOURCES[name] = source
    try:
        template = _environment(group.bounded).get_template(name)
    except (TemplateError, *_NESTING) as exc:
        raise ClauseError(f"the clauses' tracking template for the claims ledger does not compile: {type(exc).__name__}: {exc}") from None
    finally:
        del _SOURCES[name]
    if len(_TRACKING) > 64:
        _TRACKING.clear()
    _TRACKING[id(group)] = (group, template)
    return template


def clause_claims(library: Library, answers: Answers, context: dict[str, Any], indexes: Iterable[int]) -> dict[int, Claims]:
    """The `Claims` of each clause of `library` whose index is in `indexes` (clauses included in the policy of `answers`).

    Raises:
        ClauseError: when a clause's `when` or text fails in the tracking render, naming its file.
    """
    wanted = set(indexes)
    recorder = Recorder(object_paths(answers, context), context)
    claims: dict[int, Claims] = {}
    settler = Settler(answers)
    with recording(recorder):
        for group in library.groups:
            chosen = [index for index in group.indexes if index in wanted]
            if not chosen:
                continue
            template = tracking_template(library, group)
            tracked = template.new_context(context)
            for index in chosen:
                recorder.clear()
                try:
                    for block in (when_block(index), block_name(index)):
                        if group.bounded:
                            limits.start_render(tracked)
                        "".join(template.blocks[block](tracked))
                except _FAILURES as exc:
                    raise ClauseError(f"{library.clauses[index].path}: tracking what it reads failed: {type(exc).__name__}: {exc}") from None
                claims[index] = settler.settle(recorder.reads, recorder.names_read)
    return claims
