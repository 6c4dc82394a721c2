"""The fast reader with positions (`quick_document`): the careful reader's positions, so a bad file's messages are the same.

Answers that parse but are not valid are read again by the fast reader, recording where every
value and key is; the careful reader then never runs. These tests hold the two readers to the
same data and the same positions, and the messages of such a file to what the careful reader
gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from generator.answers import load as answers_load
from generator.answers.load import load_answers_text, validate_answers
from generator.answers.quickread import quick_document
from generator.answers.source import parse_yaml_text, read_text
from generator.errors import AnswerError

CORPUS = ROOT / "tests" / "bad_inputs"
FILES = sorted(
    [*EXAMPLES, *(ROOT / "tests" / "jurisdictions").glob("*.yaml"), *(p for p in CORPUS.iterdir() if p.suffix != ".expected")],
    key=lambda p: (p.parent.name, p.name),
)


def _text(path: Path) -> str | None:
    try:
        return read_text(path)
    except AnswerError:
        return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_positions_are_the_careful_readers(path: Path) -> None:
    text = _text(path)
    if text is None:
        return
    fast = quick_document(text, "x.yaml")
    if fast is None:
        return  # the fast reader gave up: the careful reader reads it
    careful = parse_yaml_text(text, "x.yaml")
    assert fast.data == careful.data
    assert fast.values == careful.values
    assert fast.keys == careful.keys
    assert fast.refused == careful.refused == {}


def _messages(document_text: str, *, careful: bool) -> list[str]:
    try:
        if careful:
            validate_answers(parse_yaml_text(document_text, "shop.yaml"))
        else:
            load_answers_text(document_text, "shop.yaml")
    except AnswerError as exc:
        return list(exc.messages)
    return []


def test_an_invalid_file_is_explained_without_the_careful_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two wrong values, a wrong type in a list and an unknown key: every message at its line, as the careful reader words them."""
    text = (ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8")
    text = text.replace("business:\n", "business:\n  colour: blue\n", 1)
    text = text.replace("jurisdictions: [india]", "jurisdictions: [india, atlantis]", 1)
    expected = _messages(text, careful=True)
    assert len(expected) >= 2

    def careful(*_args: object) -> None:
        raise AssertionError("the careful reader ran for a file the fast reader can read")

    monkeypatch.setattr(answers_load, "parse_yaml_text", careful)
    assert _messages(text, careful=False) == expected


def test_nested_lists_and_mappings_keep_their_paths() -> None:
    text = "a:\n  - [1, {b: 2}]\n  - c:\n      - x\n      - 'y'\nd: {e: [f]}\n"
    fast = quick_document(text, "x.yaml")
    careful = parse_yaml_text(text, "x.yaml")
    assert fast is not None
    assert fast.values == careful.values and fast.keys == careful.keys
    assert fast.values[("a", 0, 1, "b")] == (2, 13)
    assert fast.keys[("a", 1, "c")] == (3, 5)
