"""The three classic answer-file mistakes each get one clear message, exit 2, and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

BASE = (ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8")


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    source = tmp_path / "answers.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    status = main(["build", str(source), "--out", str(out)])
    return status, capsys.readouterr().err, out


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_misspelled_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace("  trading_name:", "  trading_nme:")
    status, err, out = _run(tmp_path, text, capsys)
    line = _line_of(text, "trading_nme")
    assert status == 2
    assert err.splitlines()[0].startswith(f"policygen: {tmp_path / 'answers.yaml'}:{line}:3: business.trading_nme: unknown field; did you mean 'trading_name'?")
    assert "Accepted fields here: legal_name, trading_name, other_names, kind" in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_wrong_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace("  minimum_age: 18", "  minimum_age: eighteen")
    status, err, out = _run(tmp_path, text, capsys)
    line = _line_of(text, "minimum_age")
    assert status == 2
    where = f"{tmp_path / 'answers.yaml'}:{line}:16"
    assert err == f"policygen: {where}: children.minimum_age: 'eighteen' is not accepted: should be a whole number from 0 to 21\n"
    assert not out.exists()


def test_yaml_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace("  country: India", "  country: [India")
    status, err, out = _run(tmp_path, text, capsys)
    assert status == 2
    assert err.startswith(f"policygen: {tmp_path / 'answers.yaml'}:")
    assert "not valid YAML" in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_all_problems_reported_at_once_in_line_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        BASE.replace("  trading_name:", "  tradingname:")
        .replace("  minimum_age: 18", "  minimum_age: -3")
        .replace("jurisdictions: [india]", "jurisdictions: [indai]")
    )
    status, err, _ = _run(tmp_path, text, capsys)
    lines = err.splitlines()
    assert status == 2
    assert len(lines) == 3
    assert "business.tradingname: unknown field; did you mean 'trading_name'?" in lines[0]
    assert "jurisdictions[0]: 'indai' is not accepted; did you mean 'india'?" in lines[1]
    assert "children.minimum_age: -3 is not accepted: should be a whole number from 0 to 21" in lines[2]


def test_missing_required_field_names_the_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace("  email: privacy@saffroncrumb.example\n", "\n", 1)
    status, err, _ = _run(tmp_path, text, capsys)
    assert status == 2
    assert "business.email: is required but missing (The email address people should use for privacy questions.)" in err


def test_invalid_email_says_what_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace("privacy@saffroncrumb.example", "privacy-at-saffroncrumb", 1)
    status, err, _ = _run(tmp_path, text, capsys)
    assert status == 2
    assert "business.email: must be an email address such as privacy@example.com" in err
