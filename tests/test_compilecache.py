"""The compile cache (Jinja's bytecode cache and cached text) gives the same templates, and never hides an error."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from jinja2 import Environment, FunctionLoader, Template, TemplateSyntaxError

from generator.templating.cache import PrivateBytecodeCache
from generator.templating.environment import make_environment

BODY = "We keep **{{ name }}**'s data for {{ days }} days.\n\n{% if days > 30 %}\nThat is long.\n{% endif %}\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    return folder


def _template(source: str, fmt: str = "md") -> Template:
    """`source` loaded as the library loads its templates: through a loader and the private bytecode cache."""
    env: Environment = make_environment(fmt, loader=FunctionLoader(lambda name: source))  # type: ignore[arg-type]
    env.bytecode_cache = PrivateBytecodeCache()
    return env.get_template("clause")


def render(template: Template) -> str:
    return template.render(name="<Ada & Co>", days=45)


def test_cached_and_fresh_compilations_render_the_same(cache: Path) -> None:
    fresh = render(_template(BODY, "html"))
    assert len(list(cache.rglob("*.jinja"))) == 1
    assert render(_template(BODY, "html")) == fresh
    assert "&lt;Ada &amp; Co&gt;" in fresh and "That is long." in fresh


def test_corrupt_cache_entry_is_ignored(cache: Path) -> None:
    expected = render(_template(BODY))
    (entry,) = cache.rglob("*.jinja")
    entry.write_bytes(b"not bytecode")
    assert render(_template(BODY)) == expected


def test_a_changed_source_is_compiled_again(cache: Path) -> None:
    assert "We keep" in render(_template(BODY))
    assert render(_template("Changed {{ name }}.")).startswith("Changed ")  # Jinja checks each entry against the source's checksum
    assert len(list(cache.rglob("*.jinja"))) == 1


def test_errors_are_raised_every_time_and_not_cached(cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(TemplateSyntaxError):
            _template("Broken {{ name \n")
    assert not list(cache.rglob("*.jinja"))


def test_library_text_is_cached_as_json_and_a_corrupt_entry_is_read_again(cache: Path) -> None:
    from generator.templating import cache as compilecache

    compilecache.store_cached(b"material", {"clauses": ["text"]})
    assert compilecache.read_cached(b"material") == {"clauses": ["text"]}
    (entry,) = cache.rglob("*.json")
    entry.write_bytes(b"{not json")
    assert compilecache.read_cached(b"material") is None
    compilecache.store_cached(b"dates", {"when": object()})  # not JSON: simply not cached
    assert compilecache.read_cached(b"dates") is None


# The cache holds code that the next build runs: it is used only from a folder only this user can write.

PLANTED = "Planted {{ name }}.\n"


def _plant(cache: Path) -> Path:
    """Fill the cache for BODY, then replace its entry with the code of another template, as an attacker would."""
    _template(BODY)
    (entry,) = cache.rglob("*.jinja")
    planted_env = make_environment("md", loader=FunctionLoader(lambda name: PLANTED))
    planted_env.bytecode_cache = PrivateBytecodeCache()
    entry.unlink()
    planted_env.get_template("clause")  # writes PLANTED's code where BODY's was ...
    (planted,) = cache.rglob("*.jinja")
    data = planted.read_bytes()
    checksum_body = _checksum(BODY)
    entry.write_bytes(data.replace(_checksum(PLANTED).encode(), checksum_body.encode()))  # ... labelled with BODY's checksum
    if planted != entry:
        planted.unlink()
    assert "Planted" in render(_template(BODY))  # a trusted folder is read
    return entry


def _checksum(source: str) -> str:
    from hashlib import sha1

    return sha1(source.encode("utf-8")).hexdigest()


def _fresh_render() -> str:
    return render(_template(BODY))


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
    (entry,) = folder.rglob("*.jinja")
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


@pytest.mark.beside
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


def test_the_cache_key_covers_every_module_of_the_package(tmp_path: Path) -> None:
    from generator.templating import cache as compilecache

    package = Path(compilecache.__file__).resolve().parent.parent
    copy = tmp_path / "generator"
    for path in package.rglob("*.py"):
        target = copy / path.relative_to(package)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    before = compilecache.source_digest(copy)
    assert before == compilecache.source_digest(package)
    services = copy / "library" / "services.py"
    services.write_bytes(services.read_bytes() + b"\n# a changed check\n")
    assert compilecache.source_digest(copy) != before  # a module outside templating/ changes the key too
    compilecache.code_version.cache_clear()
    try:
        version = compilecache.code_version()
        from unittest import mock

        with mock.patch.object(compilecache, "source_digest", return_value="other"):
            compilecache.code_version.cache_clear()
            assert compilecache.code_version() != version
    finally:
        compilecache.code_version.cache_clear()


def test_the_requirement_catalogue_is_read_from_the_cache_the_second_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalogue has dates (`applies_from`), which JSON cannot hold as such: they are cached as text and read back as dates,
    so a second process skips the YAML and the condition checks (a second of a cold start) and gets the same regimes."""
    from generator.library import requirements

    first = requirements.load_requirements.__wrapped__()
    assert any(r.applies_from for regime in first for r in regime.requirements)
    assert list(cache.rglob("*.json")), "the catalogue was not cached"

    def not_again(*args: object) -> list[str]:
        raise AssertionError("the conditions were compiled again: the cache was not read")

    monkeypatch.setattr(requirements, "_condition_problems", not_again)
    assert requirements.load_requirements.__wrapped__() == first


def test_the_laws_data_files_keep_their_dates_in_the_cache_and_are_read_from_it_the_second_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`clauses/laws/*.yaml` (dated adequacy decisions, state laws' dates) is parsed once: a second process reads the cache,
    and every date is a date again, not its text."""
    import datetime as dt

    from generator.answers import law_data as module

    first = module.law_data.__wrapped__("us-states.yaml")

    def dates(value: object) -> list[dt.date]:
        if isinstance(value, dict):
            return [d for item in value.values() for d in dates(item)]
        if isinstance(value, list):
            return [d for item in value for d in dates(item)]
        return [value] if isinstance(value, dt.date) else []

    assert dates(first), "the file has no date to keep"

    def not_again(*args: object, **kwargs: object) -> object:
        raise AssertionError("the YAML was parsed again: the cache was not read")

    monkeypatch.setattr(module.yaml, "load", not_again)
    again = module.law_data.__wrapped__("us-states.yaml")
    assert again == first
    assert dates(again) == dates(first)


def test_dates_are_cached_only_when_asked_for(cache: Path) -> None:
    import datetime as dt

    from generator.templating import cache as compilecache

    compilecache.store_cached(b"plain", {"from": dt.date(2026, 1, 1)})  # not JSON: not cached
    assert compilecache.read_cached(b"plain") is None
    compilecache.store_cached(b"dated", {"from": dt.date(2026, 1, 1), "items": [{"$date": 1}]}, dates=True)
    assert compilecache.read_cached(b"dated", dates=True) == {"from": dt.date(2026, 1, 1), "items": [{"$date": 1}]}
    compilecache.store_cached(b"time", {"at": dt.datetime(2026, 1, 1, 9, 0)}, dates=True)  # a time of day is not a date
    assert compilecache.read_cached(b"time", dates=True) is None


# Digests remembered by the files' status (generator/templating/memo.py) --------------------------------------------


def test_a_remembered_digest_follows_an_edit_that_keeps_the_size_and_the_modification_time(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that keeps the size and sets the modification time back still changes the status-change time: read again."""
    from generator.templating import memo

    monkeypatch.setattr(memo, "_SETTLED_NS", 0)  # remember files changed just now too (the test cannot wait two seconds)
    path = tmp_path / "clause.md"
    path.write_text("We keep data for 30 days.\n", encoding="utf-8")
    first = memo.files_digest("test", [path])
    assert memo.files_digest("test", [path]) == first
    info = path.stat()
    path.write_text("We keep data for 90 days.\n", encoding="utf-8")  # the same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same modification time
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    second = memo.files_digest("test", [path])
    assert second != first
    monkeypatch.setattr(memo, "remembered", lambda kind, settings, signature, compute: compute())
    assert memo.files_digest("test", [path]) == second  # what reading it afresh gives


def test_a_file_changed_in_the_last_two_seconds_is_not_remembered(cache: Path, tmp_path: Path) -> None:
    from generator.templating import memo

    path = tmp_path / "clause.md"
    path.write_text("Hello.\n", encoding="utf-8")
    before = set(cache.rglob("*.json"))
    memo.files_digest("test", [path])
    assert set(cache.rglob("*.json")) == before
    assert memo.recall("test", "names and bytes", memo.file_signature([path])) is None


def test_an_unchanged_library_is_loaded_without_reading_its_clause_files(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.library import clauses
    from generator.templating import memo

    monkeypatch.setattr(memo, "_SETTLED_NS", 0)
    first = clauses._load_library.__wrapped__((), ())
    clauses._PARSED.clear()

    def not_read(path: Path) -> str:
        raise AssertionError(f"{path} was read: the library's digest was not remembered")

    monkeypatch.setattr(clauses, "read_clause_file", not_read)
    again = clauses._load_library.__wrapped__((), ())
    assert [(c.id, c.source, c.html_source) for c in again.clauses] == [(c.id, c.source, c.html_source) for c in first.clauses]
