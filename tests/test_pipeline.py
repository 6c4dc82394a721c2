"""The one pipeline: `run` (in memory) and `build_file` (to disk), and that every front end goes through it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from generator.errors import AnswerError, GapsError, UsageError
from generator.pipeline import build_file, load_library, run

BAKERY = ROOT / "examples" / "demo-bakery.yaml"
GOLDEN = ROOT / "tests" / "golden"
CASES = ROOT / "tests" / "jurisdictions"


def eu_with_a_gap(tmp_path: Path) -> Path:
    """The EU test answers with the one purpose that has a legal basis dropped: gdpr.legal_basis is not covered."""
    data = yaml.safe_load((CASES / "eu.yaml").read_text(encoding="utf-8"))
    data["purposes"] = [p for p in data["purposes"] if p["purpose"] != "marketing"]
    path = tmp_path / "eu-gap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_run_gives_the_golden_outputs_and_a_clean_report(example: Path) -> None:
    result = run(example, formats=["md", "html", "json"])
    assert list(result.outputs) == ["md", "html", "json"]
    for fmt, data in result.outputs.items():
        assert data == (GOLDEN / example.stem / f"privacy-policy.{fmt}").read_bytes(), fmt
    assert result.report.gaps == [] and result.gap_lines == ()
    assert result.name == str(example) == result.report.source


def test_path_answers_and_dict_give_the_same_result() -> None:
    from_path = run(BAKERY, formats=["md"])
    from_answers = run(from_path.answers, formats=["md"])
    from_dict = run(yaml.safe_load(BAKERY.read_text(encoding="utf-8")), formats=["md"])
    assert from_path.outputs == from_answers.outputs == from_dict.outputs
    assert (from_answers.name, from_dict.name) == ("<answers>", "<dict>")
    assert run(str(BAKERY)).name == str(BAKERY)
    assert run(BAKERY).outputs == {}  # nothing exported unless asked


def test_text_of_a_format_and_refusals() -> None:
    result = run(BAKERY, formats=["fragment"])
    assert result.text("fragment").startswith("<article")
    with pytest.raises(UsageError, match="no text output 'md'"):
        result.text("md")
    with pytest.raises(UsageError, match="unknown format 'docx'"):
        run(Path("does-not-matter.yaml"), formats=["docx"])  # refused before anything is read
    with pytest.raises(UsageError, match="cannot read answers from a int"):
        run(3)  # type: ignore[arg-type]


def test_bad_answers_name_the_source() -> None:
    with pytest.raises(AnswerError) as caught:
        run({"business": {"legal_nam": "X"}}, name="site-config")
    assert any(m.startswith("site-config") and "legal_nam" in m for m in caught.value.messages)


def test_gaps_raise_before_export_unless_allowed(tmp_path: Path) -> None:
    path = eu_with_a_gap(tmp_path)
    with pytest.raises(GapsError) as caught:
        run(path, formats=["md"])
    messages = caught.value.messages
    assert messages[0].startswith(f"{path}: gdpr.legal_basis (") and "is not covered" in messages[0] and "Needs: " in messages[0]
    assert messages[-1] == f"{path}: not written: 1 required disclosure(s) missing; answer them, or build with --allow-gaps"
    assert caught.value.exit_code == 1
    result = run(path, formats=["md"], allow_gaps=True)
    assert result.gap_lines == tuple(messages[:-1])
    assert [gap.requirement.id for gap in result.report.gaps] == ["gdpr.legal_basis"]
    assert result.text("md").startswith("# ")


def test_build_file_writes_what_run_made(tmp_path: Path) -> None:
    built = build_file(BAKERY, tmp_path, ["md", "fragment"])
    assert [p.name for p in built.written] == ["privacy-policy.md", "privacy-policy.fragment.html", "privacy-policy.css"]
    result = run(BAKERY, formats=["md", "fragment", "css"])
    assert [p.read_bytes() for p in built.written] == list(result.outputs.values())
    gaps = build_file(eu_with_a_gap(tmp_path), tmp_path / "out", ["md"], allow_gaps=True).gaps
    assert gaps.startswith(str(tmp_path / "eu-gap.yaml")) and "gdpr.legal_basis" in gaps


def test_a_folder_of_your_own_clauses(tmp_path: Path) -> None:
    original = next((ROOT / "clauses" / "security").glob("*.md"))
    mine = tmp_path / "my-clauses"
    mine.mkdir()
    shutil.copy(original, mine / original.name)
    clause = mine / original.name
    clause.write_text(clause.read_text(encoding="utf-8").rstrip() + "\n\nWe restore a backup every quarter.\n", encoding="utf-8")
    assert "restore a backup every quarter" in run(BAKERY, clauses=str(mine), formats=["md"]).text("md")  # one folder, as a string
    assert "restore a backup every quarter" in run(BAKERY, clauses=[mine], formats=["md"]).text("md")
    assert load_library([mine]) is load_library((str(mine),))  # compiled once
    with pytest.raises(UsageError, match="not a folder of clause files"):
        run(BAKERY, clauses=[tmp_path / "missing"])

