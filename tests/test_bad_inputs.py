"""The bad-input corpus: every broken answer file gets its exact message, exit 2, no traceback and no output.

Each `tests/bad_inputs/NAME.yaml` (or `.bin`) has exactly one problem, made by
mutating `_valid.yaml` (a copy of examples/demo-bakery.yaml) where possible; the
`several_problems*` cases have several kinds at once (fields, contradictions,
laws, services), all reported in one run, sorted by line, leaving out a check
whose part is itself invalid.
Its sibling `NAME.expected` holds the exact stderr. Placeholders keep the
expectations exact while the model grows: `{file}` is the path given,
`{fields:business}` the accepted fields of a mapping (`{fields:}` for the top
level), `{values:Jurisdiction}` the values of a vocabulary.

Inputs that must work (not errors): a UTF-8 byte-order mark, CRLF line ends,
and old Mac CR line ends; see `test_must_work`.

The alias bombs (too many values, too much text), a deeply nested file and a
50 MB file also run in a subprocess capped at about 1 GB of address space and 20 s
(`limited_cli`, conftest.py).

No message carries a raw control or bidirectional character: whatever a key or
value holds is shown escaped (`\\x1b`, `\\u202e`), so an answer file cannot
clear the terminal or fake output; see `test_bad_input`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, LimitedCli

from generator.answers import vocabulary
from generator.answers.messages import field_at
from generator.answers.model import Answers
from generator.cli import main

CORPUS = ROOT / "tests" / "bad_inputs"
VALID = (CORPUS / "_valid.yaml").read_text(encoding="utf-8")
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".expected" and not p.name.startswith("_"))
HEAVY = ("alias_bomb.yaml", "alias_text_bomb.yaml", "deep_nesting.yaml")
# Anything a terminal could act on: C0 controls but the line end, DEL, C1 controls, bidirectional controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _fields(dotted: str) -> str:
    if not dotted:
        return ", ".join(Answers.model_fields)
    _owner, info = field_at(Answers, tuple(dotted.split(".")))
    assert info is not None and isinstance(info.annotation, type)
    return ", ".join(info.annotation.model_fields)


def _values(name: str) -> str:
    return ", ".join(member.value for member in getattr(vocabulary, name))


def expected_for(case: Path, shown: str) -> str:
    """The exact stderr expected for a corpus case given as `shown`."""
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    text = re.sub(r"\{fields:([a-z_.]*)\}", lambda m: _fields(m.group(1)), text)
    text = re.sub(r"\{values:(\w+)\}", lambda m: _values(m.group(1)), text)
    return text.replace("{file}", shown)


def _outputs(out: Path) -> list[Path]:
    """Files a user would take for output (the build's own hidden bookkeeping files aside)."""
    return [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")] if out.exists() else []


def _nothing_written(out: Path) -> bool:
    """A failed build leaves no trace: not even the output folder or the build manifest."""
    return not out.exists()


def _build(path: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["build", str(path), "--out", str(out), *extra])
    return status, capsys.readouterr().err


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 40
    missing = [case.name for case in CASES if not case.with_suffix(".expected").exists()]
    assert missing == []
    orphans = [p.name for p in CORPUS.glob("*.expected") if not any(case.with_suffix(".expected") == p for case in CASES)]
    assert orphans == []


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_bad_input(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    status, err = _build(case, out, capsys)
    assert status == 2
    assert err == expected_for(case, str(case))
    assert "Traceback" not in err
    assert not RAW_CONTROL.search(err)
    assert _nothing_written(out)


SYNTAX_CASES = [case for case in CASES if case.stem.startswith("syntax_") or case.stem in ("tab_indentation", "custom_tag", "deep_nesting")]


@pytest.mark.parametrize("case", SYNTAX_CASES, ids=[case.stem for case in SYNTAX_CASES])
def test_syntax_messages_are_ours_with_either_yaml_scanner(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pure-Python scanner words its problems differently from libyaml; the user sees the same message."""
    import yaml

    from generator.answers import source as yamlsource

    monkeypatch.setattr(yamlsource, "LOADER", yaml.SafeLoader)
    status, err = _build(case, tmp_path / "out", capsys)
    assert status == 2
    assert err == expected_for(case, str(case))


@pytest.mark.parametrize("name", HEAVY)
def test_bomb_is_bounded_in_a_subprocess(name: str, tmp_path: Path, limited_cli: LimitedCli) -> None:
    case = CORPUS / name
    err = _run_limited(case, tmp_path / "out", limited_cli)
    assert err == expected_for(case, str(case))


def test_deep_nesting_beyond_the_c_stack(tmp_path: Path, limited_cli: LimitedCli) -> None:
    """libyaml composes recursively; 200,000 open brackets would crash the interpreter without the depth pre-check."""
    source = tmp_path / "deep.yaml"
    source.write_text("business:\n  legal_name: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    err = _run_limited(source, tmp_path / "out", limited_cli)
    assert err == f"policygen: {source}:2:53: values are nested more than 40 levels deep\n"


def test_50_megabyte_file(tmp_path: Path, limited_cli: LimitedCli) -> None:
    source = tmp_path / "huge.yaml"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(VALID)
        line = "# " + "x" * 1021 + "\n"
        for _ in range(50 * 1024):
            handle.write(line)
    err = _run_limited(source, tmp_path / "out", limited_cli)
    assert err == f"policygen: {source}: the file is 50.0 MB; answer files may be at most 2 MB\n"


def _run_limited(case: Path, out: Path, limited_cli: LimitedCli) -> str:
    """Build `case` under ~1 GB of address space with a 20 s timeout (conftest.py's `limited_cli` worker); return its stderr."""
    done = limited_cli(["build", case, "--out", out], limit=1024**3, timeout=20)
    assert done.status == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert _nothing_written(out)
    return done.stderr


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nowhere.yaml"
    status, err = _build(source, tmp_path / "out", capsys)
    assert status == 2
    assert err == f"policygen: {source}: no such file\n"
    assert _nothing_written(tmp_path / "out")


def test_directory_named_like_an_answer_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "answers.yaml"
    folder.mkdir()
    status, err = _build(folder, tmp_path / "out", capsys)
    assert status == 2
    assert err == f"policygen: {folder}: the folder holds no .yaml answer files\n"
    assert _nothing_written(tmp_path / "out")


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "locked.yaml"
    source.write_text(VALID, encoding="utf-8")
    source.chmod(0)
    try:
        if source.read_bytes():  # running as root: permissions do not apply
            pytest.skip("file permissions are not enforced for this user")
    except PermissionError:
        pass
    status, err = _build(source, tmp_path / "out", capsys)
    assert status == 2
    assert err == f"policygen: {source}: cannot be read (Permission denied)\n"


MUST_WORK = {
    "utf8_bom": b"\xef\xbb\xbf" + VALID.encode("utf-8"),
    "crlf": VALID.replace("\n", "\r\n").encode("utf-8"),
    "bom_and_crlf": b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"),
    "cr_only": VALID.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("name", MUST_WORK)
def test_must_work(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A BOM or Windows/old-Mac line ends are how editors save files; they build the same policy as the plain file."""
    reference = tmp_path / "plain.yaml"
    reference.write_text(VALID, encoding="utf-8")
    source = tmp_path / f"{name}.yaml"
    source.write_bytes(MUST_WORK[name])
    assert main(["build", str(reference), "--out", str(tmp_path / "a"), "--allow-gaps"]) == 0
    assert main(["build", str(source), "--out", str(tmp_path / "b"), "--allow-gaps"]) == 0
    capsys.readouterr()
    built = sorted(p.relative_to(tmp_path / "b") for p in _outputs(tmp_path / "b"))
    assert built == sorted(p.relative_to(tmp_path / "a") for p in _outputs(tmp_path / "a"))
    assert len(built) == 3
    for relative in built:
        assert (tmp_path / "b" / relative).read_bytes() == (tmp_path / "a" / relative).read_bytes()


def test_line_numbers_survive_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VALID.replace("  minimum_age: 18", "  minimum_age: 99").replace("\n", "\r\n")
    source = tmp_path / "crlf.yaml"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    status, err = _build(source, tmp_path / "out", capsys)
    line = VALID.splitlines().index("  minimum_age: 18") + 1
    assert status == 2
    assert err == f"policygen: {source}:{line}:16: children.minimum_age: 99 is not accepted: should be a whole number from 0 to 21\n"


def test_device_is_refused_without_reading_it(tmp_path: Path, limited_cli: LimitedCli) -> None:
    """/dev/zero reports size 0 and never ends: reading it would hang the build and fill the memory (under `limited_cli`,
    a MemoryError past 1 GB, or the run ended after 20 s)."""
    done = limited_cli(["build", "/dev/zero", "--out", tmp_path / "out"], timeout=20)
    assert done.status == 2, done.stderr
    assert done.stderr == "policygen: /dev/zero: is not a regular file (a device, pipe or socket); give the path of a YAML answer file\n"
    assert _nothing_written(tmp_path / "out")


def test_named_pipe_is_refused_without_blocking(tmp_path: Path, limited_cli: LimitedCli) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    done = limited_cli(["build", fifo, "--out", tmp_path / "out"], timeout=20)  # opening the pipe would block: ended after 20 s
    assert done.status == 2, done.stderr
    assert done.stderr == f"policygen: {fifo}: is not a regular file (a device, pipe or socket); give the path of a YAML answer file\n"
    assert _nothing_written(tmp_path / "out")
