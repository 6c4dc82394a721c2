"""The disk cache of compiled clauses gives the same templates, and never hides an error."""

from __future__ import annotations

import marshal
import os
import stat
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from generator.templating.cache import compile_clause
from generator.templating.environment import make_environment

BODY = "We keep **{{ name }}**'s data for {{ days }} days.\n\n{% if days > 30 %}\nThat is long.\n{% endif %}\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    return folder


def render(compiled: object) -> tuple[str, str, object]:
    context = {"name": "<Ada & Co>", "days": 45}
    when = compiled.when(**context) if compiled.when else None  # type: ignore[attr-defined]
    return compiled.md.render(context), compiled.html.render(context), when  # type: ignore[attr-defined]


def test_cached_and_fresh_compilations_render_the_same(cache: Path) -> None:
    md_env, html_env = make_environment("md"), make_environment("html")
    fresh = render(compile_clause(BODY, "days > 30", md_env, html_env))
    assert len(list(cache.rglob("*.marshal"))) == 1
    cached = render(compile_clause(BODY, "days > 30", md_env, html_env))
    assert cached == fresh
    assert "&lt;Ada &amp; Co&gt;" in fresh[1] and "That is long." in fresh[1]
    assert fresh[2] is True


def test_corrupt_cache_entry_is_ignored(cache: Path) -> None:
    md_env, html_env = make_environment("md"), make_environment("html")
    expected = render(compile_clause(BODY, None, md_env, html_env))
    (entry,) = cache.rglob("*.marshal")
    entry.write_bytes(b"not marshal data")
    assert render(compile_clause(BODY, None, md_env, html_env))[:2] == expected[:2]


def test_errors_are_raised_every_time_and_not_cached(cache: Path) -> None:
    md_env, html_env = make_environment("md"), make_environment("html")
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            compile_clause("Broken {{ name \n", None, md_env, html_env)
        with pytest.raises(TemplateSyntaxError):
            compile_clause(BODY, "days >", md_env, html_env)
    assert not list(cache.rglob("*.marshal"))


# The cache holds code that the next build runs: it is used only from a folder only this user can write.

PLANTED = "Planted {{ name }}.\n"


def _plant(cache: Path) -> Path:
    """Fill the cache for BODY, then replace its entry with the code of another clause, as an attacker would."""
    from generator.templating import cache as compilecache

    md_env, html_env = make_environment("md"), make_environment("html")
    compile_clause(BODY, None, md_env, html_env)
    (entry,) = cache.rglob("*.marshal")
    entry.write_bytes(marshal.dumps(compilecache._compute(PLANTED, None, md_env, html_env)))
    assert "Planted" in render(compile_clause(BODY, None, md_env, html_env))[0]  # a trusted folder is read
    return entry


def _fresh_render() -> str:
    return render(compile_clause(BODY, None, make_environment("md"), make_environment("html")))[0]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_a_group_writable_cache_folder_is_not_read(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _plant(cache)
    cache.chmod(0o775)
    capsys.readouterr()
    assert "Planted" not in _fresh_render()
    assert "Planted" not in _fresh_render()
    err = capsys.readouterr().err
    assert err == f"policygen: warning: not using the compile cache {cache}: it is writable by other users (mode 775); building without it\n"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_a_cache_folder_owned_by_someone_else_is_not_read(cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(cache)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)
    capsys.readouterr()
    assert "Planted" not in _fresh_render()
    err = capsys.readouterr().err
    assert err == f"policygen: warning: not using the compile cache {cache}: it is owned by user {real}, not by you (user {real + 1}); building without it\n"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_a_cache_file_others_can_write_is_not_read(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = _plant(cache)
    entry.chmod(0o666)
    capsys.readouterr()
    assert "Planted" not in _fresh_render()
    assert f"policygen: warning: not using the compile cache {cache}: {entry} is writable by other users" in capsys.readouterr().err


def test_a_symlinked_cache_folder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    link = tmp_path / "cache"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(link))
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    assert "We keep" in _fresh_render()
    assert list(real.rglob("*")) == []
    assert capsys.readouterr().err == f"policygen: warning: not using the compile cache {link}: it is a symbolic link; building without it\n"


def test_a_new_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    _fresh_render()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    (entry,) = folder.rglob("*.marshal")
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0


def test_the_default_cache_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYGEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _fresh_render()
    for folder in (tmp_path / "xdg" / "policygen", tmp_path / "xdg" / "policygen" / "clauses"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_no_cache_turns_the_cache_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYGEN_NO_CACHE", "1")
    assert "We keep" in _fresh_render()
    assert not cache.exists()


def test_a_refused_cache_folder_is_warned_about_once_in_a_parallel_batch(tmp_path: Path) -> None:
    """The main process checks the folder; its workers take its verdict instead of each warning again."""
    import subprocess
    import sys

    from conftest import ROOT

    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    answers = tmp_path / "answers"
    answers.mkdir()
    text = (ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8")
    for number in range(4):
        (answers / f"shop-{number}.yaml").write_text(text.replace("Saffron Crumb", f"Crumb Shop {number}"), encoding="utf-8")
    env = {**os.environ, "POLICYGEN_CACHE_DIR": str(shared), "CI": "true"}
    env.pop("POLICYGEN_NO_CACHE", None)
    command = [sys.executable, "-m", "generator", "build", str(answers), "--out", str(tmp_path / "out"), "--allow-gaps", "--jobs", "2", "-f", "md"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("not using the compile cache") == 1, result.stderr
    assert not any(shared.iterdir())
