"""Output safety: the business slug never leaves --out, and files appear whole or not at all, even under kill -9."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.cli import main
from generator.errors import UsageError
from generator.export.write import output_path, write_atomic
from generator.policy import slugify

VALID = yaml.safe_load((ROOT / "tests" / "bad_inputs" / "_valid.yaml").read_text(encoding="utf-8"))
SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}

HOSTILE_NAMES = {
    "dot-dot": "..",
    "dot": ".",
    "parent-path": "../../etc/passwd",
    "absolute": "/etc/passwd",
    "windows-drive": "C:\\x",
    "windows-unc": "\\\\server\\share\\x",
    "reserved-con": "con",
    "reserved-upper": "CON",
    "reserved-lpt": "LPT1",
    "reserved-with-extension": "aux.txt",
    "punctuation-only": "!!! ??? ...",
    "emoji-only": "\U0001f382\U0001f370",
    "hidden": ".hidden",
    "separators": 'a/b\\c:d*e?f"g<h>i|j',
    "very-long": "Saffron " * 100,
    "nul-like": "nul",
    "tilde": "~root",
    "unicode": "Crème Brûlée Café",
    "rtl-zero-width": "abc\u202edcba\u200b",
}


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=list(HOSTILE_NAMES))
def test_slug_is_a_safe_folder_name(name: str, tmp_path: Path) -> None:
    slug = slugify(name)
    assert SAFE_SLUG.match(slug), slug
    assert len(slug) <= 60 + len("-policy")
    assert slug.split(".")[0] not in RESERVED
    for fmt in ("md", "html", "json", "pdf"):
        target = output_path(tmp_path, slug, fmt)
        assert target.parent.parent == tmp_path.resolve()
        assert target.name == f"privacy-policy.{fmt}"


def test_slug_examples() -> None:
    assert slugify("Crème Brûlée Café") == "creme-brulee-cafe"
    assert slugify("con") == "con-policy"
    assert slugify("\U0001f382") == "policy"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("C:\\x") == "c-x"


@pytest.mark.parametrize("slug", ["", ".", "..", "../x", "a/b", "a\\b", ".hidden", "/etc"])
def test_output_path_refuses_unsafe_slugs(slug: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        output_path(tmp_path, slug, "md")


def test_output_path_refuses_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "acme").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError):
        output_path(out, "acme", "md")


def _resolved_output(out_dir: Path, slug: str, fmt: str) -> Path:
    """What `output_path` gave when it resolved every path (before it resolved only where a name is a link)."""
    base = out_dir.resolve()
    target = (base / slug / f"privacy-policy.{fmt}").resolve()
    if base not in target.parents:
        raise UsageError(f"output path {target} would leave {base}")
    return target


LAYOUTS = ["missing", "folder", "file-in-folder", "folder-link-inside", "folder-link-outside", "file-link-inside", "file-link-outside", "a-file-as-folder"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_output_path_gives_what_resolving_every_path_gave(layout: str, tmp_path: Path) -> None:
    out, outside = tmp_path / "a" / "out", tmp_path / "outside"
    out.mkdir(parents=True)
    outside.mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "a", target_is_directory=True)  # the output folder itself given through a link
    given = tmp_path / "via" / "out"
    folder = out / "acme"
    if layout == "folder-link-inside":
        (out / "elsewhere").mkdir()
        folder.symlink_to(out / "elsewhere", target_is_directory=True)
    elif layout == "folder-link-outside":
        folder.symlink_to(outside, target_is_directory=True)
    elif layout == "a-file-as-folder":
        folder.write_text("not a folder", encoding="utf-8")
    elif layout != "missing":
        folder.mkdir()
    target = folder / "privacy-policy.md"
    if layout == "file-in-folder":
        target.write_text("old", encoding="utf-8")
    elif layout == "file-link-inside":
        target.symlink_to(out / "kept.md")
    elif layout == "file-link-outside":
        target.symlink_to(outside / "stolen.md")
    try:
        expected: Path | type[UsageError] = _resolved_output(given, "acme", "md")
    except UsageError:
        expected = UsageError
    if expected is UsageError:
        with pytest.raises(UsageError):
            output_path(given, "acme", "md")
    else:
        assert output_path(given, "acme", "md") == expected
    assert (expected is UsageError) == layout.endswith("-outside")


@pytest.mark.parametrize("name", ["../../../escaped", "/tmp/escaped", "..", "C:\\escaped", "con"], ids=["parent", "absolute", "dotdot", "drive", "reserved"])
def test_full_build_stays_inside_out(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(json.dumps(VALID, default=str))
    data["business"]["trading_name"] = name
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    source = work / "answers.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = work / "out"
    assert main(["build", str(source), "--out", str(out), "--allow-gaps"]) == 0
    capsys.readouterr()
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p != source)
    assert written
    for path in written:
        assert out.resolve() in path.resolve().parents, path
    policies = [path for path in written if path.name.startswith("privacy-policy.")]
    assert len(policies) == 3
    for path in policies:
        assert path.parent.parent == out
        assert SAFE_SLUG.match(path.parent.name)


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "site" / "privacy-policy.md"
    write_atomic(target, b"old\n")
    write_atomic(target, b"new\n" * 1000)
    assert target.read_bytes() == b"new\n" * 1000
    assert sorted(p.name for p in target.parent.iterdir()) == ["privacy-policy.md"]


def test_write_atomic_removes_temps_of_dead_writers(tmp_path: Path) -> None:
    """A temp file left by a killed build is cleaned by the next write of the same file; a live writer's is kept."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    target = tmp_path / "privacy-policy.html"
    stale = tmp_path / f".privacy-policy.html.{dead_pid}.abc123.tmp"
    stale.write_bytes(b"<html><body>half")
    live = tmp_path / f".privacy-policy.html.{os.getppid()}.def456.tmp"
    live.write_bytes(b"being written")
    other = tmp_path / f".privacy-policy.md.{dead_pid}.abc123.tmp"
    other.write_bytes(b"another file's temp")
    write_atomic(target, b"<html></html>\n")
    assert not stale.exists()
    assert live.exists()
    assert other.exists()


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "privacy-policy.json"
    write_atomic(target, b'{"old": true}\n')

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, b'{"new": true}\n')
    assert target.read_bytes() == b'{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["privacy-policy.json"]


def _complete(path: Path, reference: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>")
    elif path.suffix == ".md":
        assert data.endswith(b"\n")
    expected = reference.read_bytes()
    partial = len(data) < len(expected) and expected.startswith(data)
    assert data == expected, f"{path}: {'a truncated copy' if partial else 'differs from the reference build'} ({len(data)} of {len(expected)} bytes)"


def _wait_until_gone(group: int) -> None:
    """Wait until every process of a killed build's group is gone, its workers reaped, as they are by the time a user
    builds again: until then a worker's temp file belongs to a process that exists (a zombie is one), and the next build
    keeps it. (Where the init process reaps orphans only every few seconds, that is a few seconds.)"""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"the processes of group {group} are still there 20 s after kill -9")


@pytest.mark.beside
def test_kill_9_mid_build_leaves_no_partial_files(tmp_path: Path) -> None:
    """Kill builds of many files at random moments while they write; every output file is whole and equals a reference build.

    Each build is killed after a random number of its "wrote" lines (a build of 40 files takes well under a second, so a
    kill after a random time would mostly hit a build that had already finished), with the two workers mid-way through
    the files that follow; most of the kills must find the build still running."""
    answers = tmp_path / "answers"
    answers.mkdir()
    for index in range(40):
        data = json.loads(json.dumps(VALID, default=str))
        data["business"]["trading_name"] = f"Bakery {index:02d}"
        data["business"]["description"] = "We bake. " * (50 + index)
        (answers / f"bakery-{index:02d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    reference = tmp_path / "reference"
    command = [sys.executable, "-m", "generator", "build", str(answers), "--allow-gaps", "--force", "--jobs", "2", "--format", "md,html,json"]
    subprocess.run([*command, "--out", str(reference)], capture_output=True, check=True, cwd=ROOT, timeout=120)
    out = tmp_path / "out"
    rng = random.Random(9)
    killed_running = 0
    groups: list[int] = []
    for _ in range(6):
        process = subprocess.Popen([*command, "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        assert process.stdout is not None
        for _line in range(rng.randint(1, 28)):
            if not process.stdout.readline():
                break
        time.sleep(rng.uniform(0, 0.005))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)
        process.stdout.close()
        groups.append(process.pid)
        killed_running += process.returncode == -signal.SIGKILL
        for path in out.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                _complete(path, reference / path.relative_to(out))
    assert killed_running >= 4, f"only {killed_running} of 6 builds were still running when killed"
    for group in groups:
        _wait_until_gone(group)
    # A full rebuild completes everything and cleans the temp files the killed builds left.
    subprocess.run([*command, "--out", str(out)], capture_output=True, check=True, cwd=ROOT, timeout=120)
    outputs = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert outputs == sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file() and not p.name.startswith("."))
    for relative in outputs:
        _complete(out / relative, reference / relative)
    assert [p for p in out.rglob("*.tmp")] == []
