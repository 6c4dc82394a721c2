"""The fast reader of answer YAML: one libyaml pass over the events, or nothing at all.

The careful reader (`generator.answers.source.parse_yaml_text`) composes a node tree, checks
every limit and words every message; it is what makes a bad file's messages good. Most files
have no problem, so loading first tries this reader: it builds the same data straight from
libyaml's events, and gives up (returns None) on anything the careful reader would refuse or
report, so the careful reader then reads the text as if this one had not run.

With a `YamlDocument` to fill (`quick_document`), it also records the position of every value and
key exactly as the careful reader does: answers that parse but are not valid then need no
second, slower reading to say where each problem is.
"""

from __future__ import annotations

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


def quick_data(text: str) -> Any | None:
    """The data of YAML text in one libyaml pass, or None when the careful reader (`parse_yaml_text`) must read it.

    This is the happy path of loading: no positions are recorded, and nothing is refused here.
    Whatever the careful reader would refuse, or would report, gives None instead: text past the
    size cap, any YAML error, an alias (so nothing expands), more than `MAX_NODES` values, more
    than `MAX_TEXT_CHARS` characters, nesting deeper than `MAX_DEPTH` (checked as the events come,
    before anything deeper is read; libyaml's parser keeps its own stack on the heap, so deep
    nesting cannot overflow the C stack as composing would), a tag other than the plain ones, a
    complex or merge key, a duplicate key, a value with a character no answer may hold, a date that
    is no real date, and a document that is not one mapping. The data is then the careful reader's,
    value for value (`tests/test_answers_fast_path.py` holds the two readers to that).
    """
    return _read(text, None)


def quick_document(text: str, source: str) -> YamlDocument | None:
    """`quick_data` with the position of every value and key recorded, as the careful reader records them; or None.

    For text whose answers are not valid: the messages then need positions, and this pass is
    several times faster than the careful reader's (`tests/test_answers_positions.py` holds the
    two to the same positions).
    """
    document = YamlDocument(source=source, data=None, refused={})  # a value with a refused character makes the pass give up
    document.data = _read(text, document)
    return None if document.data is None else document


def _read(text: str, document: YamlDocument | None) -> Any | None:
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    try:
        loader = LOADER(text)
    except (yaml.YAMLError, ValueError, UnicodeError):  # a character libyaml cannot take (a lone surrogate)
        return None
    try:
        return _events(loader, document)
    except (_Careful, yaml.YAMLError, ValueError, TypeError, KeyError, UnicodeError):
        return None
    finally:
        loader.dispose()


def _events(loader: yaml.SafeLoader, document: YamlDocument | None) -> Any:
    resolvers = loader.yaml_implicit_resolvers
    wildcard = resolvers.get(None, [])
    constructors = loader.yaml_constructors
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    get_event = loader.get_event
    # Positions, when recorded: the path of each open collection (parallel to `stack`), and the
    # document's tables of value and key positions.
    paths: list[FieldPath] = [()]
    values: dict[FieldPath, Location] = document.values if document is not None else {}
    keys: dict[FieldPath, Location] = document.keys if document is not None else {}
    track = document is not None
    # Each open collection: [container, is_mapping, pending key (None: a key comes next)].
    stack: list[list[Any]] = []
    root: Any = None
    nodes = chars = 0
    done = False
    for expected in (yaml.StreamStartEvent, yaml.DocumentStartEvent):
        if not isinstance(get_event(), expected):  # type: ignore[no-untyped-call]
            raise _Careful
    while True:
        event = get_event()  # type: ignore[no-untyped-call]
        if isinstance(event, collection_end):
            value = stack.pop()[0]
            if track:
                paths.pop()
        elif done:
            if isinstance(event, yaml.DocumentEndEvent) and isinstance(get_event(), yaml.StreamEndEvent):  # type: ignore[no-untyped-call]
                break
            raise _Careful  # a second document, or nothing but the stream's end
        elif isinstance(event, scalar_event):
            raw = event.value
            top = stack[-1] if stack else None
            if top is not None and top[1] and top[2] is None:  # a mapping's key: its text, as written
                if raw == "<<" or event.tag == MERGE_TAG or raw in top[0]:
                    raise _Careful  # a merge key (or text that reads like one), or a duplicate key
                top[2] = raw
                chars += len(raw)
                if track:
                    keys[(*paths[-1], raw)] = _at(event)
                continue
            nodes += 1
            chars += len(raw)
            if nodes > MAX_NODES or chars > MAX_TEXT_CHARS or len(stack) >= MAX_DEPTH + 1:
                raise _Careful
            tag = event.tag
            if tag is None or tag == "!":
                tag = STR_TAG
                if event.implicit[0]:
                    for candidate, pattern in resolvers.get(raw[:1], []) + wildcard:
                        if pattern.match(raw):
                            tag = candidate
                            break
            if tag == STR_TAG:
                if has_unsafe(raw) and unsafe_message(raw.strip(WHITE_SPACE)):
                    raise _Careful
                value = raw
            elif tag in ALLOWED_TAGS and tag != MAP_TAG and tag != SEQ_TAG:
                value = constructors[tag](loader, yaml.ScalarNode(tag, raw))
            else:
                raise _Careful
            if track:
                values.setdefault(_child(paths[-1], top), _at(event))
        elif isinstance(event, mapping_start | sequence_start):
            is_mapping = isinstance(event, mapping_start)
            top = stack[-1] if stack else None
            if top is not None and top[1] and top[2] is None:
                raise _Careful  # a complex key
            nodes += 1
            if event.tag not in (None, "!", MAP_TAG if is_mapping else SEQ_TAG) or nodes > MAX_NODES or len(stack) >= MAX_DEPTH:
                raise _Careful
            if track:
                path = _child(paths[-1], top)
                values.setdefault(path, _at(event))
                paths.append(path)
            stack.append([{} if is_mapping else [], is_mapping, None])
            continue
        else:
            raise _Careful  # an alias, or an event out of place
        if stack:
            top = stack[-1]
            if top[1]:
                top[0][top[2]] = value
                top[2] = None
            else:
                top[0].append(value)
        else:
            root = value
            done = True
    if not isinstance(root, dict):
        raise _Careful
    return root


def _child(path: FieldPath, top: list[Any] | None) -> FieldPath:
    """The path of the value that comes next inside the open collection `top` (at `path`); the root's is ()."""
    if top is None:
        return path
    return (*path, top[2]) if top[1] else (*path, len(top[0]))


def _at(event: yaml.Event) -> Location:
    """The 1-based line and column where `event` starts, as the careful reader gives them for its node."""
    mark = event.start_mark
    return (0, 0) if mark is None else (mark.line + 1, mark.column + 1)
