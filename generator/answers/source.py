"""Read YAML safely and remember where every value came from.

Answer files are written by hand, so a problem must point at its line. This
module composes the YAML node tree with PyYAML's safe loader (libyaml when it
is there), then builds plain Python data from it while recording the line and
column of every key and value. It refuses what the safe loader would quietly
accept: duplicate keys, and documents that expand beyond sane limits.

The limits, the same for a file, YAML text and a dict (`scan_values`):

- `MAX_BYTES`: 2 MB of UTF-8 for a file or for YAML text;
- `MAX_TEXT_CHARS`: 2 MB (2,097,152 characters) of keys and text once aliases are
  expanded, each use of an alias counting again;
- `MAX_NODES`: 100,000 values (keys not counted), aliases expanded;
- `MAX_DEPTH`: 40 levels of nesting.

Messages about YAML syntax are ours, chosen by recognising PyYAML's problem; only
a problem we do not recognise is shown in PyYAML's words.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.answers.validators import has_unsafe, unsafe_message
from generator.errors import AnswerError

try:
    LOADER: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    LOADER = yaml.SafeLoader
"""libyaml's safe loader when PyYAML has it (both readers use it), else the pure-Python one."""

MAX_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 40

ALLOWED_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp"))
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
_OPENING_TOKENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING_TOKENS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
# PyYAML's problem (libyaml's wording, or the pure-Python scanner's) -> our message.
_SYNTAX_HINTS = (
    (("mapping values are not allowed",), "check the indentation of this line, and put a value that contains ': ' in quotes"),
    (("did not find expected key", "expected <block end>"), "check the indentation: the keys of one mapping start in the same column"),
    (("expected ',' or ']'",), "a list written in [ ] needs a comma between items and a closing ]"),
    (("expected ',' or '}'",), "a mapping written in { } needs a comma between entries and a closing }"),
    (("found undefined alias",), "a value starting with * refers to an anchor (&name) and none of that name is defined; put text that starts with * in quotes"),
    (("expected a single document",), "an answer file holds one document; remove the second '---' and what follows it, or merge the two"),
    (("found character '@' that cannot start any token",), "put a value that starts with @ in quotes"),
    (("found character '`' that cannot start any token",), "put a value that starts with ` in quotes"),
)
# What an unclosed construct is, from PyYAML's context ("while scanning a quoted scalar").
_UNCLOSED = (
    ("quoted scalar", "a quoted value"),
    ("flow sequence", "a list written in [ ]"),
    ("flow mapping", "a mapping written in { }"),
    ("block scalar", "a block of text (| or >)"),
)
# What pydantic strips from a text value (Unicode White_Space) before the validators see it.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """Render a field path as `data[2].purposes`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def _short_tag(tag: str) -> str:
    """Show a YAML tag the way it is written in a file (`!!python/name:os.system`)."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


@dataclass
class YamlDocument:
    """Data read from YAML, with the position of each value and key (1-based line and column)."""

    source: str
    data: Any
    values: dict[FieldPath, Location] = field(default_factory=dict)
    keys: dict[FieldPath, Location] = field(default_factory=dict)
    refused: dict[FieldPath, str] | None = None
    """Each text value that holds a character no answer may hold, with its message; None until checked (see `scan_values`)."""

    def locate(self, path: FieldPath) -> Location | None:
        """Return the position of the value at `path`, or of its nearest ancestor."""
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def locate_key(self, path: FieldPath) -> Location | None:
        """Return the position of the key that names `path`, else of its value or ancestor."""
        return self.keys.get(path) or self.locate(path)

    def where(self, location: Location | None) -> str:
        """Format `file:line:col` for a message."""
        if location is None:
            return self.source
        return f"{self.source}:{location[0]}:{location[1]}"


def check_size(size: int, source: str) -> None:
    """Refuse an answer file, or YAML text, of more than `MAX_BYTES` bytes of UTF-8."""
    if size > MAX_BYTES:
        raise AnswerError(f"{source}: the file is {size / 1024 / 1024:.1f} MB; answer files may be at most {MAX_BYTES // 1024 // 1024} MB")


def too_much_text(where: str, *, expanded: bool) -> AnswerError:
    """The error for answers that hold more than `MAX_TEXT_CHARS` characters of keys and text."""
    what = "the document expands to" if expanded else "the answers hold"
    how = " through aliases" if expanded else ""
    return AnswerError(
        f"{where}: {what} more than {MAX_TEXT_CHARS // 1024 // 1024} MB of text ({MAX_TEXT_CHARS:,} characters){how}; "
        f"answer files may hold at most {MAX_TEXT_CHARS // 1024 // 1024} MB of text, each use of an alias counting again"
    )


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text, with a clear error for anything that is not.

    Only regular files are read, and never more than `MAX_BYTES`: a device such as
    /dev/zero or a named pipe would otherwise hang the build or fill the memory.
    """
    source = str(path)
    try:
        if path.is_dir():
            raise AnswerError(f"{source}: is a directory; give the path of a YAML answer file")
        status = path.stat()
    except FileNotFoundError:
        raise AnswerError(f"{source}: no such file") from None
    except OSError as exc:
        raise AnswerError(f"{source}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise AnswerError(f"{source}: is not a regular file (a device, pipe or socket); give the path of a YAML answer file")
    check_size(status.st_size, source)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AnswerError(f"{source}: cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:  # the file grew while we read it
        raise AnswerError(f"{source}: the file is larger than {MAX_BYTES // 1024 // 1024} MB; answer files may be at most {MAX_BYTES // 1024 // 1024} MB")
    return decode_text(raw, source)


def decode_text(raw: bytes, source: str) -> str:
    """Decode UTF-8 bytes (a byte-order mark is allowed), naming the line of a bad byte."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise AnswerError(f"{source}:1: the file is saved as UTF-16; save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise AnswerError(f"{source}:{line}: this is not a text file (it contains a NUL byte); answer files are UTF-8 YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnswerError(f"{source}:{line}: byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8") from None
    return text.replace("\r\n", "\n")


def _check_depth(text: str, source: str) -> None:
    """Refuse deep nesting before composing: libyaml composes recursively and would overflow the C stack.

    Newer libyaml scanners refuse deep flow nesting themselves, with their own wording and before
    handing over the opening tokens; when the fast scan fails for any reason, the pure-Python
    scanner (which has no such limit) counts again, so the message is ours on every PyYAML.
    """
    try:
        _scan_depth(LOADER(text), source)
    except yaml.YAMLError:
        if LOADER is yaml.SafeLoader:
            return
        try:
            _scan_depth(yaml.SafeLoader(text), source)
        except yaml.YAMLError:
            return  # the parse that follows reports it, in order with parser errors


def _scan_depth(loader: yaml.SafeLoader, source: str) -> None:
    depth = 0
    try:
        while (token := loader.get_token()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(token, _OPENING_TOKENS):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = token.start_mark
                    raise AnswerError(f"{source}:{mark.line + 1}:{mark.column + 1}: values are nested more than {MAX_DEPTH} levels deep")
            elif isinstance(token, _CLOSING_TOKENS):
                depth -= 1
    finally:
        loader.dispose()


def parse_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file into a `YamlDocument`."""
    return parse_yaml_text(read_text(path), str(path))


def parse_yaml_text(text: str, source: str) -> YamlDocument:
    """Parse YAML text into a `YamlDocument`, naming `source` in errors; the text has the file size cap."""
    if len(text) * 4 > MAX_BYTES:  # else even four bytes a character are within the cap
        check_size(len(text.encode("utf-8", "surrogatepass")), source)
    document = YamlDocument(source=source, data=None)
    _check_depth(text, source)
    try:
        loader = LOADER(text)  # the pure-Python reader checks every character here
    except yaml.reader.ReaderError as exc:
        raise AnswerError(_reader_message(source, text, exc)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise AnswerError(f"{source}: the file is empty; an answer file is a YAML mapping such as 'business: ...'")
        builder = _Builder(loader, document)
        document.data = builder.build(node, ())
        document.refused = builder.refused
    except yaml.MarkedYAMLError as exc:
        raise AnswerError(_yaml_message(source, exc)) from None
    except yaml.reader.ReaderError as exc:
        raise AnswerError(_reader_message(source, text, exc)) from None
    except yaml.YAMLError as exc:
        raise AnswerError(f"{source}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        raise AnswerError(f"{source}:1:1: the file holds {kind}; an answer file is a YAML mapping of keys such as 'business:' and 'data:'")
    return document


def _yaml_message(source: str, exc: yaml.MarkedYAMLError) -> str:
    """Our message for a YAML syntax error, at its line and column."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and exc.context_mark is not None:
        # An unclosed quote or bracket: point at where it opens, not at the end of the file.
        mark = exc.context_mark
        opened = next((ours for needle, ours in _UNCLOSED if needle in context), "a value")
        where = f"{source}:{mark.line + 1}:{mark.column + 1}"
        return f"{where}: not valid YAML: {opened} starts here and is never closed (the file ends first)"
    where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
    if "'\\t'" in problem or "tab" in problem:
        return f"{where}: a tab character is used for indentation; YAML needs spaces"
    if "could not determine a constructor" in problem:
        tag = _short_tag(problem.split("tag")[-1].strip(" '"))
        return f"{where}: the tag {tag} is not allowed; answer files hold only plain text, numbers, dates, lists and mappings"
    said = f"{context} {problem}"  # "expected a single document" is PyYAML's context, "but found another" its problem
    hint = next((ours for needles, ours in _SYNTAX_HINTS if any(needle in said for needle in needles)), None)
    if hint:
        return f"{where}: not valid YAML: {hint}"
    # A problem we do not recognise: PyYAML's own words are all there is to say.
    context = f"{context}, " if context else ""
    return f"{where}: not valid YAML: {context}{problem or 'the text cannot be read as YAML'}"


def _reader_message(source: str, text: str, exc: yaml.reader.ReaderError) -> str:
    """Name the line, column and code point of a character YAML does not allow."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return f"{source}:{line}:{column}: the character U+{code:04X} is not allowed in YAML (a control character); delete it"


class _Builder:
    """Turn a composed node tree into Python data, recording positions and enforcing limits."""

    def __init__(self, loader: yaml.SafeLoader, document: YamlDocument) -> None:
        self.loader = loader
        self.document = document
        self.count = 0
        self.chars = 0
        self.refused: dict[FieldPath, str] = {}
        # The mapping entry being built: its path and the mark of its key. An alias's node carries
        # the anchor's mark, so a limit that aliases break is reported at the entry that uses them.
        self.entry: tuple[FieldPath, Any] | None = None

    def _too_much_text(self, node: yaml.Node) -> AnswerError:
        path, mark = self.entry if self.entry else ((), node.start_mark)
        where = f"{self.document.source}:{mark.line + 1}:{mark.column + 1}"
        return too_much_text(f"{where}: {format_path(path)}" if path else where, expanded=True)

    def _fail(self, node: yaml.Node, message: str, path: FieldPath | None = None) -> AnswerError:
        mark = node.start_mark
        field_name = f"{format_path(path)}: " if path else ""
        return AnswerError(f"{self.document.source}:{mark.line + 1}:{mark.column + 1}: {field_name}{message}")

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._fail(node, f"the document expands to more than {MAX_NODES:,} values (too many aliases or entries)")
        if len(path) > MAX_DEPTH:
            raise self._fail(node, f"values are nested more than {MAX_DEPTH} levels deep")
        self.document.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in ALLOWED_TAGS:
            raise self._fail(
                node, f"the tag {_short_tag(node.tag)} is not allowed; answer files hold only plain text, numbers, dates, lists and mappings", path
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._fail(key_node, "a key must be plain text, such as 'business'", path)
                if key_node.tag == MERGE_TAG:
                    raise self._fail(key_node, "merge keys ('<<: *name') are not supported in answer files; write the fields out in full", path)
                key = str(key_node.value)
                child = (*path, key)
                if key in result:
                    first = self.document.keys[child]
                    raise self._fail(key_node, f"duplicate key '{key}' (first given on line {first[0]}); give each key once", child)
                self.document.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                self.chars += len(key)
                outer, self.entry = self.entry, (child, key_node.start_mark)
                result[key] = self.build(value_node, child)
                self.entry = outer
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        self.chars += len(node.value)  # every use of an alias counts again
        if self.chars > MAX_TEXT_CHARS:
            raise self._too_much_text(node)
        if has_unsafe(node.value) and (problem := unsafe_message(node.value.strip(WHITE_SPACE))):
            self.refused[path] = problem
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # The resolver took it for a timestamp, but it is no real date (2026-13-01).
            raise self._fail(node, f"'{node.value}' is not a valid date; write dates as YYYY-MM-DD, such as 2026-04-01", path) from None


def scan_values(document: YamlDocument) -> dict[FieldPath, str]:
    """Check every value of data that did not come from YAML text (a dict), as the YAML builder does while building.

    Raises `AnswerError` for data past the limits the YAML builder enforces (`MAX_TEXT_CHARS`,
    `MAX_NODES`, `MAX_DEPTH`; a dict can share one value many times, or hold itself). Returns the
    path of each text value that holds a character no answer may hold, with the message saying so.
    """
    refused: dict[FieldPath, str] = {}
    chars = nodes = 0
    stack: list[tuple[FieldPath, Any]] = [((), document.data)]
    while stack:
        path, value = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise AnswerError(f"{document.where(document.locate(path))}: the answers hold more than {MAX_NODES:,} values")
        if len(path) > MAX_DEPTH:
            raise AnswerError(f"{document.where(document.locate(path))}: {format_path(path)}: values are nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            chars += len(value)
            if chars > MAX_TEXT_CHARS:
                raise too_much_text(document.source, expanded=False)
            if has_unsafe(value) and (problem := unsafe_message(value.strip(WHITE_SPACE))):
                refused[path] = problem
        elif isinstance(value, dict):
            for key, item in value.items():
                chars += len(key) if isinstance(key, str) else 0
                stack.append(((*path, key), item))
        elif isinstance(value, list | tuple):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return refused

