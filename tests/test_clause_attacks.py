"""Attacks from a user's clause folder found by testing: each is refused with one line naming the clause, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, LimitedCli

from generator.cli import main

VALID = ROOT / "tests" / "bad_inputs" / "_valid.yaml"
FRONT = "---\norder: 99\ncovers: []\ntopics: []\n---\n"


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "myclauses" / "introduction"  # the section folder; the clause folder is its parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x.md").write_text(text, encoding="utf-8")
    return folder


def _build(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", str(VALID), "--out", str(tmp_path / "out"), "--allow-gaps", "-f", "md", "--no-cache", "--clauses", str(folder.parent)])
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
    lines = ["---", "order: 99", "a0: &a0 [x,x,x,x,x,x,x,x,x,x]"]
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


BUILT = "the clause builds more than 10,000,000 characters of text in all in one render (limit)"
LONG = "{% set x = 'a' * 99999 %}{% set y = x ~ x ~ x ~ x ~ x ~ x ~ x ~ x ~ x ~ x %}{% set a = y ~ 'b' %}{% set b = y ~ 'c' %}"
BUILDERS = {
    "many-long-strings": "{% set l = range(1800) | map('string') | map('center', 999999) | list %}{{ l | length }}",
    "more-long-strings": "{% set l = range(10000) | map('string') | map('center', 999999) | list %}{{ l | length }}",
    "slow-sort": LONG + "{% set l = [a, b] * 50000 %}{{ l | sort(case_sensitive=true) | length }}",
    "slow-in": LONG + "{% set l = [a] * 100000 %}{% for i in range(30) %}{{ b in l }}{% endfor %}",
    "fromkeys": LONG + "{{ {}.fromkeys(range(10000), y).values() | sort | length }}",
    "concat-in-a-loop": "{% set x = 'a' * 999990 %}{% for i in range(100) %}{% set z = x ~ i %}{% endfor %}",
}


@pytest.mark.parametrize("case", BUILDERS, ids=list(BUILDERS))
def test_what_a_render_builds_in_all_is_bounded(case: str, tmp_path: Path, limited_cli: LimitedCli) -> None:
    """Under 2 GB of address space (conftest.py's `limited_cli` worker subprocess), refused in well under 20 s."""
    folder = _folder(tmp_path, FRONT + BUILDERS[case] + "\n")
    out = tmp_path / "out"
    done = limited_cli(["build", VALID, "--out", out, "--allow-gaps", "-f", "md", "--clauses", folder.parent], limit=2 * 1024**3, timeout=60)
    assert (done.status, done.stderr) == (2, f"policygen: {folder / 'x.md'}: {BUILT}\n")
    assert done.seconds < 20, f"refused only after {done.seconds:.1f} s"
