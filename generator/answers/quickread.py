"""The fast reader of answer YAML: one libyaml pass over the events, or nothing at all.

The careful reader (`generator.answers.source.parse_yaml_text`) composes a node tree, checks
every limit and words every message; it is what makes a bad file's messages good. Most files
have no problem, so loading first tries this reader: it builds the same data straight from
libyaml's events, and gives up (returns None) on anything the careful reader would refuse or
report, so the careful reader then reads the text as if this one had not run.

It also keeps the mark of every value and key, which `positioned` turns into the positions the
careful reader records (`quick_document`): answers that parse but are not valid then need no
second reading to say where each problem is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from generator.answers.source import (
    ALLOWED_TAGS,
    LOADER,
    MAP_TAG,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_TEXT_CHARS,
    MERGE_TAG,
    SEQ_TAG,
    STR_TAG,
    WHITE_SPACE,
    FieldPath,
    Location,
    YamlDocument,
)
from generator.answers.validators import has_unsafe, unsafe_message


class _Careful(Exception):
    """The fast reader met something only the careful reader may judge (an error, a limit, an alias)."""


def quick_data(text: str, marks: list[Any] | None = None) -> Any | None:
    """The data of YAML text in one libyaml pass, or None when the careful reader (`parse_yaml_text`) must read it.

    This is the happy path of loading: nothing is refused here. Whatever the careful reader would
    refuse, or would report, gives None instead: text past the size cap, any YAML error, an alias
    (so nothing expands), more than `MAX_NODES` values, more than `MAX_TEXT_CHARS` characters,
    nesting deeper than `MAX_DEPTH` (checked as the events come, before anything deeper is read;
    libyaml's parser keeps its own stack on the heap, so deep nesting cannot overflow the C stack as
    composing would), a tag other than the plain ones, a complex or merge key, a duplicate key, a
    value with a character no answer may hold, a date that is no real date, and a document that is
    not one mapping. The data is then the careful reader's, value for value
    (`tests/test_answers_fast_path.py` holds the two readers to that).

    `marks`, when given, receives libyaml's start mark of every value and key in document order:
    `positioned` turns them into the positions of the messages, so answers that parse but are not
    valid need no second reading (keeping a mark costs far less than reading the text again).
    """
    return _read(text, [] if marks is None else marks)


def quick_document(text: str, source: str) -> YamlDocument | None:
    """`quick_data` with the position of every value and key recorded, as the careful reader records them; or None.

    For text whose answers are not valid: the messages need positions, and this reader is several
    times faster than the careful one (`tests/test_answers_positions.py` holds the two to the same
    positions).
    """
    marks: list[Any] = []
    data = quick_data(text, marks)
    return None if data is None else positioned(data, marks, source)


def positioned(data: dict[str, Any], marks: list[Any], source: str) -> YamlDocument:
    """The document of `data` read by `quick_data` with `marks`: the position of every value and key.

    `quick_data` kept one mark per value and key in document order, which is the order of the data
    itself (a mapping's keys in the order written, each before its value): walking the data in that
    order pairs each value and key with its mark.
    """
    document = YamlDocument(source=source, data=data, refused={})  # a value with a refused character made the pass give up
    values, keys = document.values, document.keys
    following = iter(marks).__next__

    def walk(value: Any, path: FieldPath) -> None:
        values.setdefault(path, _at(following()))
        if isinstance(value, dict):
            for key, item in value.items():
                child = (*path, key)
                keys[child] = _at(following())
                walk(item, child)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(data, ())
    return document


def _read(text: str, marks: list[Any]) -> Any | None:
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    try:
        loader = LOADER(text)
    except (yaml.YAMLError, ValueError, UnicodeError):  # a character libyaml cannot take (a lone surrogate)
        return None
    try:
        return _events(loader, marks.append)
    except (_Careful, yaml.YAMLError, ValueError, TypeError, KeyError, UnicodeError):
        return None
    finally:
        loader.dispose()


def _events(loader: yaml.SafeLoader, mark: Callable[[Any], None]) -> Any:
    """The data of the loader's events; `mark` is given the start mark of every value and key, in document order.

    Events are told apart by their exact class (PyYAML's are never subclassed): cheaper than a
    chain of isinstance calls. A plain scalar's value is worked out once per text: answers repeat
    words (true, orders, 12 months) and the implicit resolvers are regular expressions.
    """
    resolvers = loader.yaml_implicit_resolvers
    wildcard = resolvers.get(None, [])
    constructors = loader.yaml_constructors
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    get_event = loader.get_event
    plain: dict[str, Any] = {}
    by_first: dict[str, list[tuple[str, Any]]] = {}  # the implicit resolvers a plain scalar's first character leads to
    # The open collection (None at the top), whether it is a mapping, and its pending key (None: a
    # key comes next); `outer` holds the same three of each collection around it.
    container: Any = None
    in_mapping = False
    key: str | None = None
    outer: list[tuple[Any, bool, str | None]] = []
    root: Any = None
    nodes = chars = depth = 0  # depth: len(outer), kept as a number
    done = False
    for expected in (yaml.StreamStartEvent, yaml.DocumentStartEvent):
        if not isinstance(get_event(), expected):  # type: ignore[no-untyped-call]
            raise _Careful
    while True:
        event = get_event()  # type: ignore[no-untyped-call]
        kind = event.__class__
        if kind is scalar_event:
            raw = event.value
            if in_mapping and key is None:  # a mapping's key: its text, as written
                if raw == "<<" or event.tag == MERGE_TAG or raw in container:
                    raise _Careful  # a merge key (or text that reads like one), or a duplicate key
                key = raw
                chars += len(raw)
                mark(event.start_mark)
                continue
            nodes += 1
            chars += len(raw)
            if nodes > MAX_NODES or chars > MAX_TEXT_CHARS or depth > MAX_DEPTH:
                raise _Careful
            tag = event.tag
            if tag is not None and tag != "!":
                value = _scalar(loader, tag, raw, constructors)
            elif not event.implicit[0]:  # quoted, or a block scalar: text
                if has_unsafe(raw) and unsafe_message(raw.strip(WHITE_SPACE)):
                    raise _Careful
                value = raw
            elif raw in plain:
                value = plain[raw]
            else:
                first = raw[:1]
                candidates = by_first.get(first)
                if candidates is None:
                    candidates = by_first[first] = resolvers.get(first, []) + wildcard
                value = plain[raw] = _scalar(loader, _resolved(candidates, raw), raw, constructors)
            mark(event.start_mark)
        elif kind is mapping_end or kind is sequence_end:
            value = container
            container, in_mapping, key = outer.pop()
            depth -= 1
        elif kind is mapping_start or kind is sequence_start:
            if in_mapping and key is None:
                raise _Careful  # a complex key
            is_mapping = kind is mapping_start
            nodes += 1
            if event.tag not in (None, "!", MAP_TAG if is_mapping else SEQ_TAG) or nodes > MAX_NODES or depth >= MAX_DEPTH:
                raise _Careful
            mark(event.start_mark)
            outer.append((container, in_mapping, key))
            depth += 1
            container, in_mapping, key = ({} if is_mapping else []), is_mapping, None
            continue
        elif done and kind is yaml.DocumentEndEvent and isinstance(get_event(), yaml.StreamEndEvent):  # type: ignore[no-untyped-call]
            break
        else:
            raise _Careful  # an alias, a second document, or an event out of place
        if in_mapping:
            container[key] = value
            key = None
        elif container is not None:
            container.append(value)
        elif done:
            raise _Careful  # a second value at the top
        else:
            root = value
            done = True
    if not isinstance(root, dict):
        raise _Careful
    return root


def _resolved(candidates: list[tuple[str, Any]], raw: str) -> str:
    """The tag of a plain scalar: the first implicit resolver whose pattern matches it, else text."""
    for candidate, pattern in candidates:
        if pattern.match(raw):
            return candidate
    return STR_TAG


def _scalar(loader: yaml.SafeLoader, tag: str, raw: str, constructors: dict[Any, Any]) -> Any:
    """The value of a scalar with `tag`; gives up on text with a character no answer may hold and on a tag we do not read."""
    if tag == STR_TAG:
        if has_unsafe(raw) and unsafe_message(raw.strip(WHITE_SPACE)):
            raise _Careful
        return raw
    if tag in ALLOWED_TAGS and tag != MAP_TAG and tag != SEQ_TAG:
        return constructors[tag](loader, yaml.ScalarNode(tag, raw))
    raise _Careful


def _at(mark: Any) -> Location:
    """The 1-based line and column of a libyaml mark, as the careful reader gives them for its node."""
    return (0, 0) if mark is None else (mark.line + 1, mark.column + 1)
