"""Attacks from a user's clause folder found by testing: each is refused with one line naming the clause, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

VALID = ROOT / "tests" / "bad_inputs" / "_valid.yaml"
FRONT = "---\nid: introduction.zz\nsection: introduction\norder: 99\ncovers: []\ntopics: []\n---\n"


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "myclauses"
    folder.mkdir(exist_ok=True)
    (folder / "x.md").write_text(text, encoding="utf-8")
    return folder


def _build(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", str(VALID), "--out", str(tmp_path / "out"), "--allow-gaps", "-f", "md", "--no-cache", "--clauses", str(folder)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return status, err


def test_a_byte_order_mark_at_the_start_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "\ufeff" + FRONT + "Hello from a BOM clause.\n")
    status, err = _build(tmp_path, folder, capsys)
    assert status == 0, err
    (page,) = (tmp_path / "out").rglob("privacy-policy.md")
    assert "Hello from a BOM clause." in page.read_text(encoding="utf-8")


def test_an_alias_bomb_in_the_front_matter_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["---", "id: introduction.zz", "section: introduction", "order: 99", "a0: &a0 [x,x,x,x,x,x,x,x,x,x]"]
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    lines += ["covers: *a8", "topics: []", "---", "Hi."]
    folder = _folder(tmp_path, "\n".join(lines) + "\n")
    status, err = _build(tmp_path, folder, capsys)
    assert status == 2
    assert err.startswith(f"policygen: {folder / 'x.md'}:")
    assert "aliases" in err


def test_many_unknown_covers_are_reported_once_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, FRONT.replace("covers: []", "covers: [" + ",".join(["nope"] * 5000) + "]") + "Hi.\n")
    status, err = _build(tmp_path, folder, capsys)
    assert status == 2
    assert err.count("'nope' is not a requirement id") == 1


NESTED = {
    "parentheses": ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", ""),
    "ifs": ("{% if true %}" * 120 + "x" + "{% endif %}" * 120, ""),
    "fors": ("{% for i in [1] %}" * 30 + "x" + "{% endfor %}" * 30, ""),
    "when": ("Hi.", "when: " + "(" * 3000 + "true" + ")" * 3000 + "\n"),
}


@pytest.mark.parametrize("case", NESTED, ids=list(NESTED))
def test_deeply_nested_clauses_are_named(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body, when = NESTED[case]
    folder = _folder(tmp_path, FRONT.replace("topics: []\n", "topics: []\n" + when) + body + "\n")
    status, err = _build(tmp_path, folder, capsys)
    assert status == 2, err
    assert err.startswith(f"policygen: {folder / 'x.md'}:"), err
    assert err.count("\n") == 1, err
    assert "too deeply nested" in err, err
