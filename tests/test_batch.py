"""Batch builds: many files, parallel workers, the manifest and the summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BAKERY, ROOT, make_answers

from generator.batch.manifest import MANIFEST_NAME
from generator.cli import main


def build(*args: str | Path) -> int:
    return main(["build", "--allow-gaps", *map(str, args)])


def tree(folder: Path) -> dict[str, bytes]:
    """The output files: the manifest and its lock file (hidden bookkeeping) left out."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")


def test_one_broken_file_among_many_others_built_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 4)
    broken = answers / "shop-02.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("jurisdictions: [india]", "jurisdictions: [atlantis]"), encoding="utf-8")
    out = tmp_path / "out"

    status = build(answers, "--out", out, "--jobs", "2")

    assert status == 1
    built = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert built == ["crumb-shop-00", "crumb-shop-01", "crumb-shop-03"]
    err = capsys.readouterr().err
    assert "3 built, 0 unchanged, 1 failed" in err
    summary_lines = [line for line in err.splitlines() if line.startswith("policygen: failed:")]
    assert len(summary_lines) == 1 and "shop-02.yaml" in summary_lines[0] and "jurisdictions" in summary_lines[0]


def test_single_bad_file_exits_2_with_its_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("business: [\n", encoding="utf-8")
    assert build(bad, "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:1" in err
    assert "failed" not in err


def test_jobs_1_and_jobs_2_write_identical_files(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 6)
    assert build(answers, "--out", tmp_path / "one", "--jobs", "1", "-f", "md,html,json,fragment") == 0
    assert build(answers, "--out", tmp_path / "two", "--jobs", "2", "-f", "md,html,json,fragment") == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) == 6 * 5  # md, html, json, the fragment and its stylesheet
    assert "crumb-shop-03/privacy-policy.fragment.html" in one
    assert "crumb-shop-03/privacy-policy.css" in one
    assert one == two


def test_unchanged_rebuild_skips_and_force_rebuilds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    paths = make_answers(answers, 3)
    out = tmp_path / "out"
    assert build(answers, "--out", out, "--jobs", "2") == 0
    capsys.readouterr()
    target = out / "crumb-shop-00" / "privacy-policy.md"
    before = target.stat().st_mtime_ns

    assert build(answers, "--out", out) == 0
    captured = capsys.readouterr()
    assert "0 built, 3 unchanged, 0 failed" in captured.err
    assert "wrote" not in captured.out
    assert target.stat().st_mtime_ns == before

    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Pune", "Nashik"), encoding="utf-8")
    assert build(answers, "--out", out) == 0
    assert "1 built, 2 unchanged, 0 failed" in capsys.readouterr().err
    assert "Nashik" in (out / "crumb-shop-01" / "privacy-policy.md").read_text(encoding="utf-8")

    assert build(answers, "--out", out, "--force") == 0
    assert "3 built, 0 unchanged, 0 failed" in capsys.readouterr().err

    (out / "crumb-shop-02" / "privacy-policy.html").unlink()
    assert build(answers, "--out", out) == 0
    assert "1 built, 2 unchanged" in capsys.readouterr().err
    assert (out / "crumb-shop-02" / "privacy-policy.html").is_file()

    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["entries"]) == {str(p) for p in paths}  # outside the current folder: as given


def test_other_formats_are_not_taken_as_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 2)
    out = tmp_path / "out"
    assert build(answers, "--out", out, "-f", "md") == 0
    capsys.readouterr()
    assert build(answers, "--out", out, "-f", "md,json") == 0
    assert "2 built, 0 unchanged" in capsys.readouterr().err
    assert (out / "crumb-shop-01" / "privacy-policy.json").is_file()


def test_changed_clause_library_rebuilds_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 3)
    out = tmp_path / "out"
    extra = tmp_path / "my-clauses"
    (extra / "security").mkdir(parents=True)
    original = next((ROOT / "clauses" / "security").glob("*.md"))
    shutil.copy(original, extra / "security" / original.name)

    assert build(answers, "--out", out, "--clauses", extra) == 0
    capsys.readouterr()
    assert build(answers, "--out", out, "--clauses", extra) == 0
    assert "0 built, 3 unchanged" in capsys.readouterr().err

    clause = extra / "security" / original.name
    clause.write_text(clause.read_text(encoding="utf-8").rstrip() + "\n\nWe test our backups by restoring them every quarter.\n", encoding="utf-8")
    assert build(answers, "--out", out, "--clauses", extra, "--jobs", "2") == 0
    assert "3 built, 0 unchanged" in capsys.readouterr().err
    for number in range(3):
        text = (out / f"crumb-shop-{number:02d}" / "privacy-policy.md").read_text(encoding="utf-8")
        assert "restoring them every quarter" in text


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(BAKERY, "--out", tmp_path, "--jobs", "0") == 2
    assert "--jobs" in capsys.readouterr().err


def test_progress_bar_on_a_terminal_still_summarises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import generator.batch.command

    monkeypatch.setattr("generator.batch.run.use_plain_output", lambda: False)
    answers = tmp_path / "answers"
    make_answers(answers, 3)
    (answers / "zz-broken.yaml").write_text("business: {legal_name: X}\nbogus_key: 1\n", encoding="utf-8")
    assert generator.batch.command.run_build is not None
    assert build(answers, "--out", tmp_path / "out", "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert "3 built, 0 unchanged, 1 failed" in err
    assert "zz-broken.yaml" in err and "bogus_key" in err


def test_two_files_for_the_same_business_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(BAKERY, answers / "a.yaml")
    shutil.copy(BAKERY, answers / "b.yaml")
    out = tmp_path / "out"
    assert build(answers, "--out", out) == 2
    err = capsys.readouterr().err
    message = (
        f"{answers}/a.yaml and {answers}/b.yaml both give the same business name, so their policies would share {out}/saffron-crumb;"
        " nothing was written for either; give each business its own trading name"
    )
    assert err.splitlines() == [f"policygen: {message}", "policygen: 0 built, 0 unchanged, 2 failed", f"policygen: failed: {message}"]
    assert not out.exists()
    assert build(answers, "--out", out) == 2
    assert "0 built, 0 unchanged, 2 failed" in capsys.readouterr().err


def test_three_files_for_one_business_name_each_other(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(BAKERY, answers / f"{name}.yaml")
    assert build(answers, "--out", tmp_path / "out", "--jobs", "2") == 2
    err = capsys.readouterr().err
    expected = (
        f"policygen: {answers}/a.yaml, {answers}/b.yaml and {answers}/c.yaml all give the same business name, so their policies would share"
        f" {tmp_path}/out/saffron-crumb; nothing was written for any of them"
    )
    assert sum(line.startswith(expected) for line in err.splitlines()) == 1


def test_a_file_that_takes_over_a_folder_drops_the_old_owner_from_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """a.yaml built saffron-crumb; b.yaml (same business) built alone later writes it: a.yaml must not stay 'unchanged'."""
    shutil.copy(BAKERY, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text(BAKERY.read_text(encoding="utf-8").replace("across Pune", "across Nashik"), encoding="utf-8")
    out = tmp_path / "out"
    assert build(tmp_path / "a.yaml", "--out", out) == 0
    assert build(tmp_path / "b.yaml", "--out", out) == 0
    entries = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]
    assert list(entries) == [str(tmp_path / "b.yaml")]
    capsys.readouterr()
    assert build(tmp_path / "a.yaml", "--out", out) == 0
    assert "unchanged" not in capsys.readouterr().out
    assert "across Pune" in (out / "saffron-crumb" / "privacy-policy.md").read_text(encoding="utf-8")


def test_quiet_prints_only_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 2)
    assert build(answers, "--out", tmp_path / "out", "--quiet") == 0
    assert capsys.readouterr() == ("", "")
    assert build(answers, "--out", tmp_path / "out", "-q") == 0
    assert capsys.readouterr() == ("", ""), "nor are unchanged files listed"
    (answers / "zz-broken.yaml").write_text("business: {legal_name: X}\nbogus_key: 1\n", encoding="utf-8")
    assert build(answers, "--out", tmp_path / "out", "--quiet") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert [line for line in err.splitlines() if not line.startswith("policygen: failed:")][-1] == "policygen: 0 built, 2 unchanged, 1 failed"
    assert "bogus_key" in err


def test_without_a_terminal_it_prints_plain_lines_outside_ci_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CI")
    answers = tmp_path / "answers"
    make_answers(answers, 2)
    assert build(answers, "--out", tmp_path / "out", "-f", "md", "--jobs", "1") == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"wrote {tmp_path}/out/crumb-shop-{number:02d}/privacy-policy.md" for number in range(2)]
    assert err == "policygen: 2 built, 0 unchanged, 0 failed\n"


def test_layout_flat_writes_to_a_path_that_does_not_name_the_business(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site" / "policy"
    assert build(BAKERY, "--out", site, "--layout", "flat", "-f", "md,fragment") == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {site}/privacy-policy.{suffix}" for suffix in ("md", "fragment.html", "css")]
    assert tree(site).keys() == {"privacy-policy.md", "privacy-policy.fragment.html", "privacy-policy.css"}
    assert build(BAKERY, "--out", site, "--layout", "flat", "-f", "md,fragment") == 0
    assert capsys.readouterr().out == f"unchanged {BAKERY}\n"
    assert build(BAKERY, "--out", site, "-f", "md,fragment") == 0, "the other layout is another build, not 'unchanged'"
    assert (site / "saffron-crumb" / "privacy-policy.md").read_bytes() == (site / "privacy-policy.md").read_bytes()


def test_layout_flat_takes_one_answer_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 2)
    assert build(answers, "--out", tmp_path / "out", "--layout", "flat") == 2
    assert capsys.readouterr().err == f"policygen: --layout flat writes one policy straight into {tmp_path}/out; give one answer file, not 2\n"
    assert not (tmp_path / "out").exists()
