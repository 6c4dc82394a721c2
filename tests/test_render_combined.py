"""The one-call rendering (all conditions in one expression, all clauses in one template per format)
gives what clause-by-clause rendering gives, and errors still name the clause file."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from generator import render, selection
from generator.answers.load import load_answers
from generator.context import build_context
from generator.errors import ClauseError
from generator.library.clauses import load_library
from generator.render import build_policy
from generator.templating.cache import SEPARATOR

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_combined_and_clause_by_clause_rendering_agree(example: Path) -> None:
    answers = load_answers(example)
    library = load_library()
    compiled = library.combined
    assert compiled is not None and compiled.md is not None and compiled.html is not None
    fast = build_policy(answers, library)
    slow = build_policy(answers, dataclasses.replace(library, combined=None))
    assert fast == slow
    assert fast.clause_ids()


def test_a_value_holding_the_separator_falls_back_to_clause_by_clause() -> None:
    library = load_library()
    answers = load_answers(ROOT / "examples" / "demo-bakery.yaml")
    context = build_context(answers)
    flags = selection.selected_flags(library, context)
    assert render._render_combined(library, flags, context) is not None
    context["business"] = answers.business.model_copy(update={"trading_name": f"Crumb{SEPARATOR}Co"})
    assert render._render_combined(library, flags, context) is None


def _extra_clause(folder: Path, body: str, when: str | None = None) -> tuple[Path, ...]:
    folder.mkdir(exist_ok=True)
    condition = f"when: {when}\n" if when else ""
    (folder / "extra.md").write_text(f"---\nid: contact.extra\nsection: contact\norder: 99\n{condition}---\n{body}\n", encoding="utf-8")
    return (folder,)


def test_a_clause_that_fails_to_render_is_named(tmp_path: Path) -> None:
    library = load_library(_extra_clause(tmp_path / "pack", "Write to {{ nobody.name }}."))
    with pytest.raises(ClauseError, match=r"extra\.md: 'nobody' is undefined"):
        build_policy(load_answers(ROOT / "examples" / "demo-bakery.yaml"), library)


def test_a_condition_that_fails_is_named(tmp_path: Path) -> None:
    library = load_library(_extra_clause(tmp_path / "pack", "Hello.", when="nobody.name == 'x'"))
    with pytest.raises(ClauseError, match=r"extra\.md: its 'when' expression failed"):
        build_policy(load_answers(ROOT / "examples" / "demo-bakery.yaml"), library)


def test_a_changed_clause_file_is_read_again_not_taken_from_the_cache(tmp_path: Path) -> None:
    answers = load_answers(ROOT / "examples" / "demo-bakery.yaml")
    folders = _extra_clause(tmp_path / "pack", "First wording.")
    assert "First wording." in build_policy(answers, load_library(folders)).sections[-1].markdown
    load_library.cache_clear()
    _extra_clause(tmp_path / "pack", "Second wording.")
    library = load_library(folders)
    assert "Second wording." in build_policy(answers, library).sections[-1].markdown
    load_library.cache_clear()
    assert load_library(folders).clauses[-1].source == library.clauses[-1].source


def test_the_compile_cache_stays_within_its_limit_and_keeps_what_was_just_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.templating import cache as compilecache

    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    monkeypatch.setattr(compilecache, "CACHE_LIMIT", 1_000_000)
    for number in range(12):
        compilecache.store_cached(f"entry {number}".encode(), b"x" * 100_000)
        time.sleep(0.01)  # file times are only as fine as the kernel's clock tick
        assert compilecache.read_cached(b"entry 0") is not None  # used again after every write, so it stays
    sizes = [path.stat().st_size for path in folder.rglob("*.marshal")]
    assert sum(sizes) <= 1_000_000
    assert compilecache.read_cached(b"entry 11") is not None
    assert compilecache.read_cached(b"entry 1") is None  # the oldest unused one went
