"""One render path: each clause is a block of its group's template, all `when`s one call per group;
each block renders what the clause alone would, and errors name the clause file."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import ExampleBuild
from jinja2 import Environment, Template
from jinja2.sandbox import SandboxedEnvironment

from generator.answers.model import Answers
from generator.context import build_context
from generator.errors import ClauseError
from generator.library.clauses import _load_library, load_library
from generator.render import build_policy
from generator.selection import selected_flags
from generator.templating.plain import PlainEnvironment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@functools.cache
def _alone(env: Environment, source: str) -> Template:
    """A clause's template compiled alone, once per module (every example renders it)."""
    return env.from_string(source)


@functools.cache
def _condition_alone(env: Environment, when: str) -> Callable[..., Any]:
    return env.compile_expression(when, undefined_to_none=False)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_block_renders_what_the_clause_alone_renders(example: Path, examples: Mapping[str, ExampleBuild]) -> None:
    answers = examples[example.stem].answers
    library = load_library()
    (group,) = library.groups
    md_env, html_env = group.md.environment, group.html.environment
    context = build_context(answers)
    flags = selected_flags(library, context)
    for clause, include in zip(library.clauses, flags, strict=True):
        expected = bool(_condition_alone(md_env, clause.meta.when)(**context)) if clause.meta.when else True
        assert include is expected, clause.id
    rendered = {clause.id: clause for section in build_policy(answers, library).sections for clause in section.clauses}
    assert rendered
    for clause, include in zip(library.clauses, flags, strict=True):
        if not include:
            assert clause.id not in rendered
            continue
        markdown = re.sub(r"\n{3,}", "\n\n", _alone(md_env, clause.source).render(context)).strip()
        if not markdown:
            continue
        assert rendered[clause.id].html == _alone(html_env, clause.html_source).render(context).strip(), clause.id
        assert rendered[clause.id].markdown == markdown, clause.id


def test_built_in_clauses_render_in_stock_jinja_and_a_users_in_the_sandbox(tmp_path: Path) -> None:
    (built_in,) = load_library().groups
    assert type(built_in.md.environment) is PlainEnvironment and not built_in.bounded  # Jinja's Environment, cheaper printing code
    library = load_library(_extra_clause(tmp_path / "pack", "Hello."))
    plain, user = library.groups
    assert type(plain.md.environment) is PlainEnvironment
    assert isinstance(user.md.environment, SandboxedEnvironment) and user.bounded
    assert [library.clauses[index].id for index in user.indexes] == ["contact.extra"]


@pytest.fixture
def bakery(examples: Mapping[str, ExampleBuild]) -> Answers:
    return examples["demo-bakery"].answers


def _extra_clause(folder: Path, body: str, when: str | None = None, covers: str = "[]") -> tuple[Path, ...]:
    (folder / "contact").mkdir(parents=True, exist_ok=True)
    condition = f"when: {when}\n" if when else ""
    old_style = "id: contact.extra\nsection: contact\n"  # as written before the path gave the id and section: they agree with it
    (folder / "contact" / "extra.md").write_text(f"---\n{old_style}order: 99\n{condition}covers: {covers}\n---\n{body}\n", encoding="utf-8")
    return (folder,)


def test_a_clause_that_fails_to_render_is_named(tmp_path: Path, bakery: Answers) -> None:
    library = load_library(_extra_clause(tmp_path / "pack", "Write to {{ nobody.name }}."))
    with pytest.raises(ClauseError, match=r"extra\.md: 'nobody' is undefined"):
        build_policy(bakery, library)


def test_a_condition_that_fails_is_named(tmp_path: Path, bakery: Answers) -> None:
    library = load_library(_extra_clause(tmp_path / "pack", "Hello.", when="nobody.name == 'x'"))
    with pytest.raises(ClauseError, match=r"extra\.md: its 'when' expression failed: 'nobody' is undefined"):
        build_policy(bakery, library)


@pytest.mark.parametrize(
    "when", ["a) or (b", "business.name ==", "x }}"], ids=["unbalanced", "unfinished", "braces"]
)
def test_a_condition_that_reads_only_inside_the_tuple_is_refused_alone(when: str, tmp_path: Path) -> None:
    with pytest.raises(ClauseError, match=r"extra\.md:5: when: cannot read the condition"):
        load_library(_extra_clause(tmp_path / "pack", "Hello.", when=f'"{when}"'))


@pytest.mark.parametrize(
    "body",
    ["{% endblock %}{% block clause_0 %}Replaced.", "{% block intro %}x{% endblock %}", "{% include 'x' %}", "{% extends 'x' %}"],
    ids=["close-block", "own-block", "include", "extends"],
)
def test_a_clause_cannot_reach_other_clauses_blocks(body: str, tmp_path: Path, bakery: Answers) -> None:
    with pytest.raises(ClauseError, match=r"extra\.md"):
        library = load_library(_extra_clause(tmp_path / "pack", body))
        build_policy(bakery, library)


def test_a_changed_clause_file_is_read_again_not_taken_from_the_cache(tmp_path: Path, bakery: Answers) -> None:
    answers = bakery
    folders = _extra_clause(tmp_path / "pack", "First wording.")
    assert "First wording." in build_policy(answers, load_library(folders)).sections[-1].markdown
    _extra_clause(tmp_path / "pack", "Second wording, a little longer.")  # the same process, as an embedding or mkdocs serve
    library = load_library(folders)
    assert "Second wording, a little longer." in build_policy(answers, library).sections[-1].markdown
    _load_library.cache_clear()  # and a fresh load (from the compile cache) gives the same clause
    assert load_library(folders).clauses[-1].source == library.clauses[-1].source


def test_the_compile_cache_stays_within_its_limit_and_keeps_what_was_just_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.templating import cache as compilecache

    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICYGEN_CACHE_DIR", str(folder))
    monkeypatch.setattr(compilecache, "CACHE_LIMIT", 1_000_000)
    for number in range(12):
        compilecache.store_cached(f"entry {number}".encode(), "x" * 100_000)
        time.sleep(0.01)  # file times are only as fine as the kernel's clock tick
        assert compilecache.read_cached(b"entry 0") is not None  # used again after every write, so it stays
    sizes = [path.stat().st_size for path in folder.rglob("*.json")]
    assert sum(sizes) <= 1_000_000
    assert compilecache.read_cached(b"entry 11") is not None
    assert compilecache.read_cached(b"entry 1") is None  # the oldest unused one went


def _covered_by_extra(tmp_path: Path, bakery: Answers, covers_when: str) -> tuple[str, ...]:
    folder = tmp_path / "pack"
    (folder / "contact").mkdir(parents=True, exist_ok=True)
    front = f"order: 99\ncovers: [gdpr.retention, uk_gdpr.retention, lgpd.form_duration]\ncovers_when:\n{covers_when}"
    (folder / "contact" / "extra.md").write_text(f"---\n{front}---\nHello.\n", encoding="utf-8")
    policy = build_policy(bakery, load_library((folder,)))
    return next(clause.covers for section in policy.sections for clause in section.clauses if clause.id == "contact.extra")


def test_covers_when_conditions_narrow_what_a_clause_covers(tmp_path: Path, bakery: Answers) -> None:
    conditions = "  gdpr.retention: business.name == 'nobody'\n  lgpd.form_duration: business.name\n"
    assert _covered_by_extra(tmp_path, bakery, conditions) == ("uk_gdpr.retention", "lgpd.form_duration")


def test_a_covers_when_condition_that_fails_is_named(tmp_path: Path, bakery: Answers) -> None:
    with pytest.raises(ClauseError, match=r"extra\.md: covers_when: a condition failed: 'nobody' is undefined"):
        _covered_by_extra(tmp_path, bakery, '  uk_gdpr.retention: business.name\n  gdpr.retention: "nobody.name"\n')


@pytest.mark.parametrize(
    ("condition", "message"),
    [("a) or (b", "unexpected '\\)'"), ("x }}", "chunk after expression")],
    ids=["unbalanced", "braces"],
)
def test_a_covers_when_condition_that_cannot_be_read_is_refused_when_the_folder_loads(condition: str, message: str, tmp_path: Path, bakery: Answers) -> None:
    """Read with the clause file, as `when` is: the message names the file, the line and the requirement, before any policy is built."""
    with pytest.raises(ClauseError, match=rf"extra\.md:4: covers_when: gdpr\.retention: cannot read the condition '.*': {message}"):
        _covered_by_extra(tmp_path, bakery, f'  uk_gdpr.retention: business.name\n  gdpr.retention: "{condition}"\n')
