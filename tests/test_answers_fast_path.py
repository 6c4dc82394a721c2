"""The fast reader (`quick_data`): the careful reader's data, value for value, or nothing at all.

Loading reads YAML once with libyaml and no positions; only when that pass gives up, or the
answers are not valid, is the text read again by the careful reader, which records every
position and words every message. So the fast reader must never hand over data the careful
reader would refuse, and must give up on every limit of `generator.answers.source`: size,
aliases, values, nesting, tags, complex and merge keys, duplicate keys, control characters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.answers import load as answers_load
from generator.answers import quickread, source
from generator.answers.load import load_answers, load_answers_text
from generator.answers.quickread import quick_data
from generator.answers.source import MAX_DEPTH, MAX_NODES, parse_yaml_text, read_text
from generator.errors import AnswerError

CORPUS = ROOT / "tests" / "bad_inputs"
VALID = (CORPUS / "_valid.yaml").read_text(encoding="utf-8")
FILES = sorted(
    [*EXAMPLES, *(ROOT / "tests" / "jurisdictions").glob("*.yaml"), *(p for p in CORPUS.iterdir() if p.suffix != ".expected")],
    key=lambda p: (p.parent.name, p.name),
)


def _careful(text: str) -> Any:
    """The careful reader's data, or None when it refuses the text or refuses a value in it."""
    try:
        document = parse_yaml_text(text, "x.yaml")
    except AnswerError:
        return None
    return None if document.refused else document.data


def _same(fast: Any, careful: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, a date is not a datetime)."""
    if type(fast) is not type(careful):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(careful) and all(_same(fast[k], careful[k]) for k in fast)
    if isinstance(fast, list):
        return len(fast) == len(careful) and all(_same(a, b) for a, b in zip(fast, careful, strict=True))
    return bool(fast == careful)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_reader_gives_the_careful_readers_data_or_nothing(path: Path) -> None:
    try:
        text = read_text(path)
    except AnswerError:
        return  # refused before either reader sees it
    fast = quick_data(text)
    careful = _careful(text)
    if fast is not None:
        assert careful is not None, "the fast reader accepted what the careful reader refuses"
        assert _same(fast, careful)


def test_fast_reader_reads_every_example() -> None:
    assert all(quick_data(path.read_text(encoding="utf-8")) is not None for path in EXAMPLES)


GIVE_UP = {
    "alias": VALID.replace("  legal_name: Saffron Crumb Bakers LLP", "  legal_name: &name Saffron Crumb Bakers LLP").replace(
        "  trading_name: Saffron Crumb", "  trading_name: *name"
    ),
    "merge key": VALID + "extra: &base {a: 1}\nmore:\n  <<: *base\n",
    "merge key without an alias": VALID + "more: {<<: {a: 1}}\n",
    "quoted merge key": VALID + "more: {'<<': 1}\n",
    "complex key": VALID + "? [a, b]\n: c\n",
    "mapping as a key": VALID + "{a: 1}: c\n",
    "duplicate key": VALID + "version: 1\n",
    "duplicate nested key": VALID.replace("  trading_name: Saffron Crumb\n", "  trading_name: Saffron Crumb\n  trading_name: Other\n"),
    "python tag": VALID + "x: !!python/name:os.system\n",
    "custom tag": VALID + "x: !secret value\n",
    "binary tag": VALID + "x: !!binary aGVsbG8=\n",
    "set tag": VALID + "x: !!set {a, b}\n",
    "scalar tagged as a mapping": VALID + "x: !!map a\n",
    "control character": VALID.replace("Saffron Crumb Bakers LLP", '"Saffron\\x1b[2J Crumb"'),
    "bidirectional override": VALID.replace("Saffron Crumb Bakers LLP", '"Saffron\\u202e Crumb"'),
    "line break in a value": VALID.replace("Saffron Crumb Bakers LLP", '"Saffron\\nCrumb"'),
    "no real date": VALID.replace("effective_date: 2026-04-01", "effective_date: 2026-13-01"),
    "two documents": VALID + "---\nversion: 1\n",
    "a syntax error in a second document": VALID + "---\n[\n",
    "syntax error": VALID + "x: [a\n",
    "tab indentation": VALID + "x:\n\ty: 1\n",
    "a list": "- a\n- b\n",
    "a scalar": "just text\n",
    "empty": "",
    "only comments": "# nothing\n",
    "null document": "---\n",
    "NUL": VALID + "x: \x00\n",
    "lone surrogate": VALID + "x: '\ud800'\n",
    f"{MAX_DEPTH + 1} levels": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    f"{MAX_DEPTH + 1} block levels": "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "v: 1\n",
    "a scalar below the depth limit": "a: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n",
    "200,000 brackets": "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
    f"{MAX_NODES + 1:,} values": "a: [" + "1," * MAX_NODES + "1]\n",
    "over the size cap": VALID + "# " + "x" * (3 * 1024 * 1024) + "\n",
    "over the size cap in bytes": VALID + "# " + "\u0928" * (1024 * 1024) + "\n",
}


@pytest.mark.parametrize("name", GIVE_UP)
def test_fast_reader_gives_up_where_the_careful_reader_judges(name: str) -> None:
    assert quick_data(GIVE_UP[name]) is None


def test_fast_reader_reads_up_to_the_limits() -> None:
    assert quick_data("a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n") is not None
    assert quick_data("a: [" + "1," * (MAX_NODES - 3) + "1]\n") is not None  # the root, the list and its items


def test_a_valid_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def careful(*_args: object) -> None:
        raise AssertionError("the careful reader ran for a valid file")

    monkeypatch.setattr(answers_load, "parse_yaml_text", careful)
    for example in EXAMPLES:
        load_answers(example)
    load_answers_text(VALID, "shop.yaml")


def test_a_file_the_fast_reader_gives_up_on_still_loads() -> None:
    answers = load_answers_text(GIVE_UP["alias"], "alias.yaml")
    assert answers.business.trading_name == answers.business.legal_name == "Saffron Crumb Bakers LLP"


def test_the_fast_reader_uses_the_careful_readers_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the pure-Python loader (no libyaml) the fast reader gives the same data."""
    import yaml

    expected = quick_data(VALID)
    monkeypatch.setattr(source, "LOADER", yaml.SafeLoader)
    monkeypatch.setattr(quickread, "LOADER", yaml.SafeLoader)
    assert quick_data(VALID) == expected is not None


# Plain scalars that resolve to every type YAML 1.1 knows, and text that only looks like one.
PLAIN_WORDS = "yes no on off true False null ~ 1 -3 0x1f 0o17 1_000 3.5 .inf -.NaN 1e3 2026-04-01 2026-04-01T10:00:00Z 2026-4-1 12:30 1:20:30 << = +1 abc é"
PLAIN = st.sampled_from(["", "2026-04-01 10:00:00", *PLAIN_WORDS.split()])
SCALAR = st.one_of(PLAIN, PLAIN.map(lambda s: f"'{s}'"), PLAIN.map(lambda s: f'"{s}"'), PLAIN.map(lambda s: f"!!str {s}" if s else "!!str ''"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z]{1,3}", fullmatch=True), SCALAR), min_size=1, max_size=8))
def test_scalars_resolve_as_the_careful_reader_resolves_them(entries: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in entries)
    flow = "{" + ", ".join(f"{key}: {value}" for key, value in entries) + "}\n"
    for variant in (text, flow, "- " + flow):
        fast = quick_data(variant)
        careful = _careful(variant)
        if fast is not None:
            assert careful is not None and _same(fast, careful), variant


def test_dates_stay_dates() -> None:
    data = quick_data(VALID)
    assert data is not None and data["policy"]["effective_date"] == dt.date(2026, 4, 1)
