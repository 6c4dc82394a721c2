"""Attacks on `policygen build` from an independent tester: huge and odd files, signals to the
process group, broken stdout, fingerprint gaps, duplicate inputs, shared folders, error floods."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from generator.batch.manifest import MANIFEST_NAME

BAKERY = ROOT / "examples" / "demo-bakery.yaml"
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


def test_a_huge_answer_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.yaml", 3 * 1024**3)
    result = cli("build", big, "--out", tmp_path / "o", limited=True)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"policygen: {big}: the file is 3072.0 MB; answer files may be at most 2 MB"]


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
