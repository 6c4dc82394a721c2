"""The disk cache of compiled clauses gives the same templates, and never hides an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from generator.compilecache import compile_clause
from generator.templating import make_environment

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
