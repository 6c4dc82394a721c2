"""A clause folder from someone else cannot exhaust the machine: sizes, loops, recursion and time are bounded.

Each breach is one `policygen: <clause file>: ...` line and exit 2, never a traceback.
Memory-hungry clauses run the CLI under a 1 GB address-space limit, in conftest.py's `limited_cli` worker
subprocess (one for all of them).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, LimitedCli

from generator.cli import main
from generator.templating import limits

VALID = ROOT / "tests" / "bad_inputs" / "_valid.yaml"
TEXT = "the clause builds text longer than 1,000,000 characters (limit)"
ITEMS = "the clause builds a list longer than 100,000 items (limit)"
OUTPUT = "the clause writes more than 1,000,000 characters of output (limit)"
LOOPS = "the clause's loops run more than 100,000 times in one render (limit)"
DEPTH = "the clause calls macros or loops more than 50 deep (limit)"


def _pack(tmp_path: Path, body: str, name: str = "x.md") -> Path:
    folder = tmp_path / "myclauses" / "introduction"  # the section folder; the clause folder is its parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\norder: 99\n---\nHello.\n\n{body}\n", encoding="utf-8")
    return folder


def _run_limited(tmp_path: Path, folder: Path, limited_cli: LimitedCli) -> str:
    """Build with the clause folder holding `folder` under ~1 GB of address space and a 60 s timeout; return its stderr."""
    out = tmp_path / "out"
    done = limited_cli(["build", VALID, "--out", out, "--allow-gaps", "-f", "md,html", "--clauses", folder.parent], limit=1024**3, timeout=60)
    assert done.status == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return done.stderr


MEMORY_HOGS = {
    "concat": ("{% set a = 'x' * 100000 %}{% set b = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}{{ b | length }}", TEXT),
    "concat-doubling": (
        "{% macro grow(s, n) %}{% if n %}{{ grow(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}{{ grow('x' * 1000, 40) }}",
        TEXT,
    ),
    "plus-doubling": (
        "{% macro grow(s, n) %}{% if n %}{{ grow(s + s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}{{ grow('x' * 1000, 40) }}",
        TEXT,
    ),
    "list-plus-doubling": (
        "{% macro grow(s, n) %}{% if n %}{{ grow(s + s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}{{ grow([1] * 1000, 40) }}",
        ITEMS,
    ),
    "percent-width": ("{{ '%999999999s' % 'x' }}", TEXT),
    "percent-precision": ("{{ '%.999999999f' % 1.5 }}", TEXT),
    "percent-many-fields": ("{% set big = 'x' * 100000 %}{{ ('%s' * 50) % ((big,) * 50) }}", TEXT),
    "center-filter": ("{{ 'x' | center(999999999) }}", TEXT),
    "format-filter": ("{{ '%999999999s' | format('x') }}", TEXT),
    "indent-filter": ("{{ ('a\\n' * 50000) | indent(999999) }}", TEXT),
    "center-method": ("{{ 'x'.center(999999999) }}", TEXT),
    "ljust-method": ("{{ 'x'.ljust(999999999) }}", TEXT),
    "zfill-method": ("{{ 'x'.zfill(999999999) }}", TEXT),
    "format-method": ("{{ '{:>999999999}'.format('x') }}", TEXT),
    "format-method-fields": ("{% set big = 'x' * 100000 %}{{ ('{0}' * 50).format(big) }}", TEXT),
    "replace-method": ("{% set big = 'x' * 100000 %}{{ big.replace('x', big) }}", TEXT),
    "join-method": ("{% set big = 'x' * 100000 %}{{ ''.join([big] * 50) }}", TEXT),
    "join-filter": ("{% set big = 'x' * 100000 %}{{ ([big] * 50) | join }}", TEXT),
    "print-a-list": ("{% set big = 'x' * 100000 %}{{ [big] * 50 }}", TEXT),
    "output-in-a-loop": ("{% set big = 'x' * 100000 %}{% for i in range(50) %}{{ big }}{% endfor %}", OUTPUT),
    "set-block-in-a-loop": ("{% set big = 'x' * 100000 %}{% set all %}{% for i in range(50) %}{{ big }}{% endfor %}{% endset %}{{ all | length }}", OUTPUT),
}


@pytest.mark.parametrize("case", MEMORY_HOGS, ids=list(MEMORY_HOGS))
def test_a_clause_cannot_build_huge_values(case: str, tmp_path: Path, limited_cli: LimitedCli) -> None:
    body, message = MEMORY_HOGS[case]
    folder = _pack(tmp_path, body)
    assert _run_limited(tmp_path, folder, limited_cli) == f"policygen: {folder / 'x.md'}: {message}\n"


def _build(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", str(VALID), "--out", str(tmp_path / "out"), "--allow-gaps", "-f", "md", "--clauses", str(folder.parent)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return status, err


def test_nested_loops_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, "{% for a in range(9999) %}{% for b in range(9999) %}.{% endfor %}{% endfor %}")
    assert _build(tmp_path, folder, capsys) == (2, f"policygen: {folder / 'x.md'}: {LOOPS}\n")


def test_endless_macro_recursion_is_a_clause_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}")
    assert _build(tmp_path, folder, capsys) == (2, f"policygen: {folder / 'x.md'}: {DEPTH}\n")


def test_endless_recursive_loop_is_a_clause_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, "{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}")
    assert _build(tmp_path, folder, capsys) == (2, f"policygen: {folder / 'x.md'}: {DEPTH}\n")


def test_a_slow_clause_is_stopped_by_the_time_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT", 0.01)
    # Exponential macro calls: few loops, few levels, but 2 ** 40 calls.
    folder = _pack(tmp_path, "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}")
    assert _build(tmp_path, folder, capsys) == (2, f"policygen: {folder / 'x.md'}: the clause ran longer than 0.01 seconds (limit)\n")


def test_a_clause_within_the_limits_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        "{% macro item(n) %}item {{ n }}{% endmacro %}"
        "{% for a in range(100) %}{% for b in range(10) %}{% if a == 99 and b == 9 %}"
        "{{ item(a ~ '-' ~ b) }} {{ ('%5s' % 'z') ~ 'x'.center(9) }}"
        "{% endif %}{% endfor %}{% endfor %}"
    )
    folder = _pack(tmp_path, body)
    status, _ = _build(tmp_path, folder, capsys)
    assert status == 0
    (page,) = (tmp_path / "out").rglob("privacy-policy.md")
    shown = " ".join(html.unescape(markdown.markdown(page.read_text(encoding="utf-8"))).split())
    assert "item 99-9 z x" in shown


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_opening_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, "Fine.", name="fine.md")
    os.mkfifo(folder / "x.md")
    status, err = _build(tmp_path, folder, capsys)  # would hang forever if the pipe were opened for reading
    assert status == 2
    assert err == f"policygen: {folder / 'x.md'}: not a regular file (a named pipe); clauses must be regular .md files\n"


def test_a_clause_that_is_not_utf8_is_named_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, "Fine.")
    (folder / "x.md").write_bytes(b"---\nid: introduction.latin\nsection: introduction\norder: 98\n---\nCaf\xe9 au lait.\n")
    status, err = _build(tmp_path, folder, capsys)
    assert status == 2
    assert err == f"policygen: {folder / 'x.md'}:6: the clause is not UTF-8 text (byte 0xe9); save it as UTF-8\n"


@pytest.mark.parametrize("body", ["{{ 1 / 0 }}", "{{ [1][5] }}", "{{ int('x' * 5000) }}", "{{ 10 ** 200 * 10 ** 200 * 1.5 }}"])
def test_a_clause_that_fails_at_render_time_is_named(body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _pack(tmp_path, body)
    status, err = _build(tmp_path, folder, capsys)
    assert status == 2
    assert err.startswith(f"policygen: {folder / 'x.md'}: ")
    assert err.count("\n") == 1


def test_a_when_that_fails_at_render_time_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "myclauses" / "introduction"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text("---\norder: 99\nwhen: 1 // 0\n---\nHi.\n", encoding="utf-8")
    status, err = _build(tmp_path, folder, capsys)
    assert (status, err) == (2, f"policygen: {folder / 'x.md'}: its 'when' expression failed: ZeroDivisionError: integer division or modulo by zero\n")
