"""Attacks on `policygen build` from an independent tester: huge and odd files, signals to the
process group, broken stdout, fingerprint gaps, duplicate inputs, shared folders, error floods."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BAKERY, ROOT, make_answers

from generator.batch.manifest import MANIFEST_NAME
from generator.cli import main

MEMORY_LIMIT = 2_000_000 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: str | Path, cwd: Path = ROOT, limited: bool = False, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "true"}
    command = [sys.executable, "-m", "generator", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, preexec_fn=_limit_memory if limited else None, **kwargs)  # type: ignore[call-overload,no-any-return]




def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# 1. Files read whole before any size check ---------------------------------------------------------------------------


@pytest.mark.beside
def test_a_huge_answer_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.yaml", 3 * 1024**3)
    result = cli("build", big, "--out", tmp_path / "o", limited=True)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"policygen: {big}: the file is 3072.0 MB; answer files may be at most 2 MB"]


@pytest.mark.beside
def test_a_huge_answer_file_in_a_folder_fails_alone(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(BAKERY, answers / "a.yaml")
    sparse(answers / "big.yaml", 3 * 1024**3)
    out = tmp_path / "o"
    result = cli("build", answers, "--out", out, "--allow-gaps", "--jobs", "1", limited=True)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "policygen: 1 built, 0 unchanged, 1 failed" in result.stderr
    assert "big.yaml: the file is 3072.0 MB; answer files may be at most 2 MB" in result.stderr
    assert (out / "saffron-crumb" / "privacy-policy.md").is_file()


@pytest.mark.beside
def test_the_fingerprint_reads_only_what_the_library_reads(tmp_path: Path) -> None:
    clauses = tmp_path / "clauses"
    clauses.mkdir()
    sparse(clauses / "big.bin", 3 * 1024**3)
    (clauses / "notes.txt").symlink_to("/proc/self/pagemap")
    out = tmp_path / "o"
    result = cli("build", BAKERY, "--out", out, "--allow-gaps", "--clauses", clauses, limited=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (out / MANIFEST_NAME).is_file()


def test_the_fingerprint_sees_clause_changes_but_not_other_contents(tmp_path: Path) -> None:
    from generator.batch.manifest import fingerprint
    from generator.batch.outcome import BuildOptions

    clauses = tmp_path / "clauses"
    clauses.mkdir()
    (clauses / "notes.txt").write_text("one", encoding="utf-8")
    options = BuildOptions(out_dir=tmp_path / "o", formats=("md",), clause_dirs=(clauses,))
    first = fingerprint(options)
    (clauses / "notes.txt").write_text("two", encoding="utf-8")  # same size: not read
    assert fingerprint(options) == first
    (clauses / "notes.txt").write_text("three", encoding="utf-8")  # its size counts
    second = fingerprint(options)
    assert second != first
    (clauses / "mine.md").write_text("a", encoding="utf-8")
    third = fingerprint(options)
    assert third != second
    (clauses / "mine.md").write_text("b", encoding="utf-8")
    assert fingerprint(options) != third


def test_the_fingerprint_reads_clause_files_up_to_the_library_limit() -> None:
    from generator.batch.manifest import CLAUSE_LIMIT
    from generator.library.clauses import MAX_CLAUSE_BYTES

    assert CLAUSE_LIMIT == MAX_CLAUSE_BYTES


# 2. Signals that arrive while the batch cleans up --------------------------------------------------------------------


@pytest.mark.parametrize(("sig", "status", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")], ids=["sigint", "sigterm"])
def test_a_signal_during_the_cleanup_still_saves_the_manifest_and_counts(
    sig: signal.Signals, status: int, word: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A group signal reaches the main process late (another thread took it): in `_end_pool`, as the tester saw."""
    from generator.batch import run

    answers = make_answers(tmp_path / "answers", 3)
    out = tmp_path / "o"
    real = run._end_pool

    def late(pool: object, *, wait: bool) -> None:
        os.kill(os.getpid(), sig)
        real(pool, wait=wait)  # type: ignore[arg-type]

    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(run, "_end_pool", late)
    assert main(["build", "--allow-gaps", str(answers[0].parent), "--out", str(out), "--jobs", "2"]) == status
    err = capsys.readouterr().err
    assert f"policygen: {word}; 3 of 3 files built" in err, err
    assert len(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]) == 3


def test_a_second_ctrl_c_during_the_cleanup_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.batch import run

    answers = make_answers(tmp_path / "answers", 4)
    out = tmp_path / "o"
    seen = []
    from generator.batch import command

    real_print = command._print_outcome

    def stop_after_two(outcome: object, **kwargs: bool) -> None:
        real_print(outcome, **kwargs)
        seen.append(outcome)
        if len(seen) == 2:
            raise KeyboardInterrupt

    real_remove = run._remove_temps

    def again(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_remove(*args)  # type: ignore[arg-type]

    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr("generator.batch.command._print_outcome", stop_after_two)
    monkeypatch.setattr(run, "_remove_temps", again)
    assert main(["build", "--allow-gaps", str(answers[0].parent), "--out", str(out), "--jobs", "1"]) == 130
    err = capsys.readouterr().err
    assert "policygen: interrupted; 2 of 4 files built" in err, err
    assert len(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]) == 2


# 3. Other stdout failures --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("redirect", "problem"),
    [(">&-", "stopped: stdout is closed"), (">/dev/full", "stopped: cannot write to stdout: no space left on device")],
    ids=["closed", "full"],
)
@pytest.mark.beside
@pytest.mark.parametrize("count", [1, 3])
def test_a_broken_stdout_stops_the_build_with_one_line(redirect: str, problem: str, count: int, tmp_path: Path) -> None:
    answers = make_answers(tmp_path / "answers", count)
    target = answers[0] if count == 1 else answers[0].parent
    out = tmp_path / "o"
    command = f"CI=true {sys.executable} -m generator build {target} --out {out} --allow-gaps --force --jobs 2 {redirect}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"policygen: {problem}; "), result.stderr
    assert lines[0].endswith(f" of {count} files built"), result.stderr
    if (out / MANIFEST_NAME).exists():
        for entry in json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"].values():
            assert all((out / target).is_file() for target in entry["outputs"])


# 4. Every library a PDF is made with counts ------------------------------------------------------------------------


def test_the_pdf_fingerprint_covers_every_library_weasyprint_requires(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.batch import manifest

    names = set(manifest._dependency_versions(pdf=True))
    assert {"weasyprint", "pydyf", "tinycss2", "cssselect2", "pyphen", "fonttools", "pillow", "tinyhtml5"} <= names
    assert {"brotli", "zopfli"} <= names  # fonttools[woff], as weasyprint asks for it
    assert not {"sphinx", "pytest", "ruff"} & names  # extras nobody asked for

    before = manifest._dependency_versions(pdf=True), manifest._dependency_versions(pdf=False)
    real = manifest.installed_version
    for dependency in ("tinycss2", "cssselect2", "pyphen", "fonttools", "pillow", "tinyhtml5"):
        monkeypatch.setattr(manifest, "installed_version", lambda name, real=real, dependency=dependency: real(name) + (".1" if name == dependency else ""))
        manifest._dependency_versions.cache_clear()
        assert manifest._dependency_versions(pdf=True) != before[0], dependency  # what fingerprint() hashes
        assert manifest._dependency_versions(pdf=False) == before[1], dependency
    manifest._dependency_versions.cache_clear()  # the next test sees the real versions


# 5. The same file given twice ----------------------------------------------------------------------------------------


def test_the_same_file_given_twice_is_built_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.chdir(tmp_path)
    make_answers(tmp_path / "d", 2)
    out = tmp_path / "o"
    assert main(["build", "--allow-gaps", "d/shop-00.yaml", str(tmp_path / "d" / "shop-00.yaml"), "d", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "also the output folder" not in captured.err
    assert captured.out.count("crumb-shop-00/privacy-policy.md") == 1
    assert sorted(json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]) == ["d/shop-00.yaml", "d/shop-01.yaml"]
