"""Build safety: slug clashes, incremental builds that notice code changes, pipes and signals,
file-system failures, concurrent builds, a movable manifest and --no-cache."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BAKERY, ROOT, make_answers

from generator.answers.load import load_answers
from generator.batch.manifest import MANIFEST_NAME
from generator.cli import main
from generator.render import build_policy

POLICY_FILES = ("privacy-policy.html", "privacy-policy.json", "privacy-policy.md")


@pytest.fixture(autouse=True)
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")




def build(*args: str | Path) -> int:
    return main(["build", "--allow-gaps", *map(str, args)])


def everything(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, the manifest included, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outputs(folder: Path) -> dict[str, bytes]:
    """The files a user would take for output (no hidden bookkeeping files)."""
    return {k: v for k, v in everything(folder).items() if not any(part.startswith(".") for part in k.split("/"))}


def manifest(folder: Path) -> dict[str, dict[str, object]]:
    entries: dict[str, dict[str, object]] = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]
    return entries


def cli(*args: str | Path, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


# 1. Two answer files for one business -------------------------------------------------------------------------------


def test_same_business_twice_writes_neither_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 1)
    shutil.copy(BAKERY, answers / "a.yaml")
    (answers / "b.yaml").write_text(BAKERY.read_text(encoding="utf-8").replace("across Pune", "across Nashik"), encoding="utf-8")
    out = tmp_path / "out"

    assert build(answers, "--out", out) == 2
    err = capsys.readouterr().err
    clash = [line for line in err.splitlines() if "saffron-crumb" in line and "failed:" not in line]
    assert clash, err
    assert all("a.yaml" in line and "b.yaml" in line for line in clash)
    assert "1 built, 0 unchanged, 2 failed" in err
    assert "Traceback" not in err
    assert not (out / "saffron-crumb").exists()
    assert (out / "crumb-shop-00" / "privacy-policy.md").is_file()
    assert list(manifest(out)) == [str(answers / "shop-00.yaml")]


def test_a_clash_with_an_earlier_build_keeps_the_first_policy_and_is_never_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(BAKERY, answers / "a.yaml")
    out = tmp_path / "out"
    assert build(answers, "--out", out) == 0
    first = outputs(out)
    (answers / "b.yaml").write_text(BAKERY.read_text(encoding="utf-8").replace("across Pune", "across Nashik"), encoding="utf-8")
    capsys.readouterr()

    for _ in range(2):
        assert build(answers, "--out", out) == 2
        err = capsys.readouterr().err
        assert "0 built, 0 unchanged, 2 failed" in err
        assert "unchanged" not in err.replace("0 unchanged", "")
        assert outputs(out) == first
        assert manifest(out) == {}


# 2. Code and dependency changes rebuild ------------------------------------------------------------------------------


@pytest.mark.beside
def test_a_change_to_the_package_code_rebuilds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "generator", site / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("clauses", "templates"):
        (site / name).symlink_to(ROOT / name, target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(site), "CI": "true"}
    command = ("build", BAKERY, "--out", tmp_path / "out", "--allow-gaps")
    where = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.strip() == str(site / "generator" / "__init__.py")

    assert cli(*command, env=env, cwd=tmp_path).returncode == 0
    assert "unchanged" in cli(*command, env=env, cwd=tmp_path).stdout
    with (site / "generator" / "export" / "formats.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit that changes no output\n")
    rebuilt = cli(*command, env=env, cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "unchanged" not in rebuilt.stdout
    assert "wrote" in rebuilt.stdout


def test_a_new_version_of_a_rendering_dependency_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import generator.batch.manifest

    answers = tmp_path / "answers"
    make_answers(answers, 2)
    out = tmp_path / "out"
    assert build(answers, "--out", out) == 0
    assert build(answers, "--out", out) == 0
    assert "0 built, 2 unchanged" in capsys.readouterr().err

    real = generator.batch.manifest.installed_version
    for dependency in ("jinja2", "markdown", "pydantic", "pyyaml"):
        monkeypatch.setattr(
            generator.batch.manifest, "installed_version", lambda name, real=real, dependency=dependency: real(name) + (".1" if name == dependency else "")
        )
        generator.batch.manifest._dependency_versions.cache_clear()
        assert build(answers, "--out", out) == 0
        assert "2 built, 0 unchanged" in capsys.readouterr().err, dependency


# 3. Broken pipes and signals -----------------------------------------------------------------------------------------


@pytest.mark.beside
def test_a_closed_pipe_stops_the_batch_with_a_message(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 30)
    out = tmp_path / "out"
    command = f"{sys.executable} -m generator build {answers} --out {out} --allow-gaps --jobs 2 | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "status=141" in result.stderr
    assert "policygen: stopped: the output was closed (broken pipe)" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stdout.startswith("wrote ")
    _only_whole_recorded_outputs(answers, out, tmp_path / "reference")


_REFERENCE: dict[tuple[str, tuple[str, ...]], dict[str, bytes]] = {}
"""A full build's output files of one answer file (its text, the build options), kept for the module: the two signal
tests stop batches of the same ten files, and mostly after the same first few."""


def _only_whole_recorded_outputs(answers: Path, out: Path, reference: Path, *options: str) -> None:
    """Every output file equals a full build's, and the manifest records only files whose outputs exist.

    The full build is of the answer files whose output folder the stopped batch wrote or recorded (each file's
    outputs depend only on its answers), so a batch stopped after two PDFs of ten is compared with two PDFs."""
    recorded = [str(target) for entry in manifest(out).values() for target in entry["outputs"]] if (out / MANIFEST_NAME).exists() else []
    folders = {name.split("/")[0] for name in [*outputs(out), *recorded]}
    assert folders, "the stopped batch wrote nothing to compare"
    needed = {path.read_text(encoding="utf-8"): build_policy(load_answers(path)).slug for path in sorted(answers.glob("*.yaml"))}
    needed = {text: slug for text, slug in needed.items() if slug in folders}
    missing = [text for text in needed if (text, options) not in _REFERENCE]
    if missing:
        sources = reference.parent / f"{reference.name}-answers"
        sources.mkdir()
        for number, text in enumerate(missing):
            (sources / f"{number:02d}.yaml").write_text(text, encoding="utf-8")
        assert build(sources, "--out", reference, "--jobs", "1", *options) == 0  # in this process: no workers to start
        built = outputs(reference)
        for text in missing:
            _REFERENCE[(text, options)] = {name: data for name, data in built.items() if name.split("/")[0] == needed[text]}
    expected = {name: data for text in needed for name, data in _REFERENCE[(text, options)].items()}
    for name, data in outputs(out).items():
        assert data == expected[name], name
    if (out / MANIFEST_NAME).exists():
        for entry in manifest(out).values():
            assert isinstance(entry["outputs"], list)
            for target in entry["outputs"]:
                assert (out / target).read_bytes() == expected[target]


@pytest.mark.beside
@pytest.mark.parametrize(("sig", "status", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")], ids=["sigint", "sigterm"])
def test_a_signal_stops_a_parallel_batch(sig: signal.Signals, status: int, word: str, tmp_path: Path) -> None:
    """With ten PDFs (about a second each, two at a time), the batch is still running when the first file is reported,
    even on a loaded machine (with six, a loaded machine had once finished them all before the signal was handled)."""
    answers = tmp_path / "answers"
    make_answers(answers, 10)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "build", str(answers), "--out", str(out), "--allow-gaps", "--jobs", "2", "-f", "md,pdf"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("wrote ")
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)  # Ctrl-C reaches the whole foreground process group
    else:
        process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert "Traceback" not in err and "Exception ignored" not in err
    lines = [line for line in err.splitlines() if line.startswith(f"policygen: {word}; ")]
    assert len(lines) == 1 and lines[0].endswith(" of 10 files built"), err
    built = int(lines[0].split("; ")[1].split(" of ")[0])
    assert 1 <= built < 10
    assert len(manifest(out)) == built
    _only_whole_recorded_outputs(answers, out, tmp_path / "reference", "-f", "md,pdf")


# 4. File-system failures ---------------------------------------------------------------------------------------------


def test_out_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder\n", encoding="utf-8")
    assert build(BAKERY, "--out", out) == 1
    assert capsys.readouterr().err == f"policygen: {out}: cannot create the folder: a file of that name is in the way\n"
    assert out.read_text(encoding="utf-8") == "not a folder\n"


def test_business_folder_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers"
    make_answers(answers, 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "crumb-shop-01").write_text("in the way\n", encoding="utf-8")

    assert build(answers / "shop-01.yaml", "--out", out) == 1
    assert capsys.readouterr().err == f"policygen: {out}/crumb-shop-01: cannot create the folder: a file of that name is in the way\n"

    assert build(answers, "--out", out, "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert "2 built, 0 unchanged, 1 failed" in err
    assert f"policygen: failed: {answers}/shop-01.yaml: {out}/crumb-shop-01: cannot create the folder: a file of that name is in the way" in err
    assert "internal error" not in err and "Traceback" not in err
    assert set(manifest(out)) == {str(answers / "shop-00.yaml"), str(answers / "shop-02.yaml")}


def test_read_only_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    real_open = os.open

    def refuse(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int | None) -> int:
        if str(path).startswith(str(out)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert build(BAKERY, "--out", out, "-f", "md") == 1
    assert capsys.readouterr().err == f"policygen: {out}/saffron-crumb/privacy-policy.md: cannot write: permission denied\n"


def test_full_disk_leaves_the_previous_set_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bakery.yaml"
    shutil.copy(BAKERY, source)
    out = tmp_path / "out"
    assert build(source, "--out", out) == 0
    before = outputs(out)
    source.write_text(BAKERY.read_text(encoding="utf-8").replace("across Pune", "across Nashik"), encoding="utf-8")
    capsys.readouterr()
    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        if b"<!DOCTYPE html>" in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    assert build(source, "--out", out) == 1
    assert capsys.readouterr().err == f"policygen: {out}/saffron-crumb/privacy-policy.html: cannot write: no space left on device\n"
    assert outputs(out) == before  # the old md, html and json
    assert not list(out.rglob("*.tmp"))


# 5. Two builds into one folder at once -------------------------------------------------------------------------------


@pytest.mark.beside
def test_two_builds_into_one_folder_keep_every_entry(tmp_path: Path) -> None:
    first = make_answers(tmp_path / "first", 15, prefix="First Shop")
    second = make_answers(tmp_path / "second", 15, prefix="Second Shop")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "build", "--allow-gaps", "--jobs", "1", "--out", str(out)]
    folders = (tmp_path / "first", tmp_path / "second")
    processes = [subprocess.Popen([*command, str(folder)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for folder in folders]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert set(manifest(out)) == {str(p) for p in [*first, *second]}
    again = cli("build", "--allow-gaps", "--out", out, tmp_path / "first", tmp_path / "second")
    assert "0 built, 30 unchanged, 0 failed" in again.stderr


# 6. The manifest is relative to its folder ---------------------------------------------------------------------------


def test_two_builds_into_two_folders_are_byte_identical_and_movable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert build("examples", "--out", tmp_path / "out1") == 0
    assert build(ROOT / "examples", "--out", tmp_path / "out2", "--jobs", "1") == 0
    one, two = everything(tmp_path / "out1"), everything(tmp_path / "out2")
    assert MANIFEST_NAME in one
    assert one == two
    entries = manifest(tmp_path / "out1")
    assert set(entries) == {f"examples/{p.name}" for p in (ROOT / "examples").glob("*.yaml")}
    assert entries["examples/demo-bakery.yaml"]["outputs"] == [f"saffron-crumb/privacy-policy.{fmt}" for fmt in ("md", "html", "json")]
    assert str(tmp_path) not in one[MANIFEST_NAME].decode("utf-8")

    (tmp_path / "out1").rename(tmp_path / "moved")
    capsys.readouterr()
    assert build("examples", "--out", tmp_path / "moved") == 0
    examples = len(list((ROOT / "examples").glob("*.yaml")))
    assert f"0 built, {examples} unchanged, 0 failed" in capsys.readouterr().err


# 7. --no-cache -------------------------------------------------------------------------------------------------------


NO_CACHE_COMMANDS = {
    "build": ("build", "--allow-gaps", "--jobs", "2", "--out", "{out}", "examples"),
    "check": ("check", "--quiet", "examples/demo-bakery.yaml"),
}


@pytest.mark.beside
@pytest.mark.parametrize("command", NO_CACHE_COMMANDS.values(), ids=list(NO_CACHE_COMMANDS))
def test_no_cache_leaves_no_cache_folder(command: tuple[str, ...], tmp_path: Path) -> None:
    args = [part.replace("{out}", str(tmp_path / "out")) for part in command]
    cache = tmp_path / "cache"
    env = {**os.environ, "POLICYGEN_CACHE_DIR": str(cache)}
    env.pop("POLICYGEN_NO_CACHE", None)
    result = cli(*args[:1], "--no-cache", *args[1:], env=env)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert not cache.exists()
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    assert cli(*args, env=env).returncode == result.returncode
    assert cache.is_dir()  # without the flag the same command fills the cache


def test_file_names_with_escape_sequences_are_printed_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name is printed in every line about it (wrote, unchanged, failed): an escape sequence in it must not reach the terminal."""
    good, _ = make_answers(tmp_path / "in", 2)
    evil = good.rename(tmp_path / "in" / "shop\x1b[2J\u202e.yaml")
    broken = tmp_path / "in" / "broken\x1b]0;owned\x07.yaml"
    broken.write_text("business: [\n", encoding="utf-8")
    status = build(tmp_path / "in", "--out", tmp_path / "out")
    captured = capsys.readouterr()
    assert status == 1  # one file of the batch failed
    for stream in (captured.out, captured.err):
        assert not any(char in stream for char in "\x1b\x07\u202e"), stream
    assert "broken\\x1b]0;owned\\x07.yaml" in captured.err
    build(tmp_path / "in", "--out", tmp_path / "out")
    again = capsys.readouterr()
    assert f"unchanged {printable_path(evil)}" in again.out
    assert "\x1b" not in again.out + again.err


def printable_path(path: Path) -> str:
    return str(path).replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
