"""The clause library: it loads, ids are unique, every clause renders for every example, the sandbox holds, no seed text is copied."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.answers.load import load_answers
from generator.errors import ClauseError
from generator.library.clause_files import clause_files
from generator.library.clauses import load_library
from generator.library.requirements import load_requirements
from generator.render import build_policy
from generator.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_EXAMPLES = ("it-services", "remote-support", "edtech", "crm-consultancy", "online-shop")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def test_library_loads_with_sections_for_every_clause() -> None:
    library = load_library()
    section_ids = {section.id for section in library.sections}
    assert len(library.clauses) >= 60
    assert {clause.meta.section for clause in library.clauses} <= section_ids
    assert section_ids >= {"at-a-glance", "introduction", "cookies", "your-rights", "contact", "remote-support", "payments"}


def test_built_in_clauses_take_id_and_section_from_their_path() -> None:
    base = resource_dir("clauses")
    files = clause_files(base)
    for clause in (c for c in load_library().clauses if c.path.is_relative_to(base)):
        assert clause.path.parent.parent == base and clause.path.parent.name == clause.meta.section, clause.path
        assert clause.id == f"{clause.meta.section}.{clause.path.stem}", clause.path
    assert len(files) == len({path.relative_to(base) for path in files}) == sum(c.path.is_relative_to(base) for c in load_library().clauses)
    for path in files:
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        assert not re.search(r"^(id|section):", front, re.MULTILINE), f"{path}: the path gives the id and section; leave them out of the front matter"


def test_front_matter_keeps_one_key_per_line() -> None:
    # Other engineers add requirement ids to `covers:`; one key per line keeps their edits small.
    for clause in load_library().clauses:
        text = clause.path.read_text(encoding="utf-8")
        front = text.split("---\n")[1]
        assert re.search(r"^covers: \[[^\n]*\]$", front, re.MULTILINE), f"{clause.path}: write covers as one line, 'covers: [...]'"
        assert re.search(r"^topics: \[[^\n]*\]$", front, re.MULTILINE), f"{clause.path}: write topics as one line, 'topics: [...]'"


def test_the_seed_examples_exist() -> None:
    names = {path.stem for path in EXAMPLES}
    assert set(SEED_EXAMPLES) <= names, f"missing examples: {sorted(set(SEED_EXAMPLES) - names)}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_selected_clause_renders_in_both_formats(example: Path) -> None:
    policy = build_policy(load_answers(example))
    ids = policy.clause_ids()
    assert len(ids) == len(set(ids))
    assert ids[0] in ("at-a-glance.summary", "at-a-glance.nothing")  # the short summary of a policy that collects nothing
    for section in policy.sections:
        for clause in section.clauses:
            assert clause.markdown.strip() and clause.html.strip(), f"{clause.id} rendered empty for {example.name}"
            assert "{{" not in clause.markdown and "{%" not in clause.markdown, f"{clause.id} left template code in {example.name}"


def test_every_clause_is_used_by_some_answers() -> None:
    # A clause no example (and no jurisdiction's test answers) selects is never rendered by the tests; list the few that only other answers reach.
    answer_files = [*EXAMPLES, *sorted((ROOT / "tests" / "jurisdictions").glob("*.yaml"))]
    used = {clause_id for path in answer_files for clause_id in build_policy(load_answers(path)).clause_ids()}
    unreached = {clause.id for clause in load_library().clauses if clause.path.is_relative_to(resource_dir("clauses"))}
    unreached -= used
    variants = {
        "cookies.none",
        "children.directed",
        "children.coppa-identifiers",  # consent for everything, no COPPA exception: tests/test_legal_coppa.py
        "how-we-collect.employer",
        "how-we-collect.public",
        "contact.quebec-person-in-charge",  # Quebec without a DPO who is the person in charge: tests/test_legal_regional_answers.py
        "sharing.sale",  # a sale said to Brazil's readers (LGPD Art. 9, V): tests/test_legal_regional_answers.py
        "regional-notices.us-states-minors",  # the owner's practice for minors, per state: tests/test_legal_us_states.py
        "communications.dnd",
        "communications.dnd-consent",
        "your-responsibilities.never-ask",
        "your-rights.more",
        "remote-support.sessions",
        "remote-support.recording",
        "remote-support.your-files",
    }
    assert unreached <= variants, f"clauses no example reaches: {sorted(unreached - variants)}"


def test_a_clause_that_reaches_for_python_internals_is_refused(tmp_path: Path) -> None:
    (tmp_path / "introduction").mkdir()
    clause = tmp_path / "introduction" / "escape.md"
    clause.write_text(
        "---\norder: 99\ncovers: []\ntopics: []\n---\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
        encoding="utf-8",
    )
    example = next(path for path in EXAMPLES if path.stem == "it-services")
    with pytest.raises(ClauseError) as caught:
        library = load_library((tmp_path,))
        build_policy(load_answers(example), library)
    assert str(clause) in str(caught.value)


def test_a_when_that_reaches_for_python_internals_is_refused(tmp_path: Path) -> None:
    (tmp_path / "introduction").mkdir()
    clause = tmp_path / "introduction" / "escape-when.md"
    clause.write_text(
        "---\norder: 99\nwhen: business.__class__.__mro__\ncovers: []\ntopics: []\n---\nHello.\n",
        encoding="utf-8",
    )
    example = next(path for path in EXAMPLES if path.stem == "it-services")
    with pytest.raises(ClauseError) as caught:
        policy = build_policy(load_answers(example), load_library((tmp_path,)))
        assert "introduction.escape-when" not in policy.clause_ids()
        raise AssertionError("the sandbox let a dunder attribute through")
    assert str(clause) in str(caught.value)


def _shingles(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


SEED_HASHES = ROOT / "tests" / "data" / "seed-shingles.txt"


def _digest(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def seed_run_hashes() -> set[str]:
    """Hashes of the seeds' 8-word runs, kept in the repository so the check never depends on ../shared."""
    lines = SEED_HASHES.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed policies are not at {SEEDS}")
def test_seed_hashes_match_the_seeds() -> None:
    runs = set().union(*(_shingles(path.read_text(errors="replace")) for path in SEEDS.glob("*.txt")))
    assert {_digest(run) for run in runs} == seed_run_hashes(), "tests/data/seed-shingles.txt is stale"


def test_no_clause_shares_an_eight_word_run_with_a_seed() -> None:
    seed_runs = seed_run_hashes()
    assert len(seed_runs) > 1000, "no seed runs found"
    copied = {}
    for path in sorted(resource_dir("clauses").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".jinja", ".yaml", ".yml"):
            hits = {run for run in _shingles(path.read_text(errors="replace")) if _digest(run) in seed_runs}
            if hits:
                copied[str(path)] = sorted(hits)[0]
    assert not copied, f"clause text copied from a seed: {copied}"


# Broken clause files: every problem at once, as `file:line: field: message` in our own words.


def _write_clause(folder: Path, name: str, front: str, body: str = "Hello.") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return path


def test_front_matter_problems_are_our_messages_with_lines_all_at_once(tmp_path: Path) -> None:
    first = _write_clause(tmp_path, "contact/a.md", "order: ten\nwhn: business.name\n")
    second = _write_clause(tmp_path, "contact/b.md", "id: Contact B\nsection: contact\n")
    with pytest.raises(ClauseError) as caught:
        load_library((tmp_path,))
    messages = caught.value.messages
    text = "\n".join(messages)
    assert "pydantic" not in text and "errors.pydantic.dev" not in text and "validation error" not in text.lower()
    assert any(m.startswith(f"{first}:2:") and "order" in m for m in messages), messages
    assert any(m.startswith(f"{first}:3:") and "whn: unknown field; did you mean 'when'?" in m for m in messages), messages
    assert any(m.startswith(f"{second}:2:") and m.split(": ", 2)[1] == "id" for m in messages), messages
    assert any(m.startswith(f"{second}:") and "order" in m and "required" in m for m in messages), messages


def test_a_front_matter_yaml_error_names_the_file_line(tmp_path: Path) -> None:
    path = _write_clause(tmp_path, "contact/a.md", "order: 10\ncovers: [gdpr.dpo_contact\n")
    with pytest.raises(ClauseError) as caught:
        load_library((tmp_path,))
    assert any(m.startswith(f"{path}:") for m in caught.value.messages), caught.value.messages
    assert "Traceback" not in str(caught.value)


def test_an_unknown_covers_id_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path = _write_clause(tmp_path, "contact/a.md", "order: 99\ncovers: [gdpr.controler_identity, no.such]\n")
    assert "gdpr.controller_identity" in {r.id for regime in load_requirements() for r in regime.requirements}
    with pytest.raises(ClauseError) as caught:
        load_library((tmp_path,))
    assert caught.value.messages == [
        f"{path}:3: covers: 'gdpr.controler_identity' is not a requirement id in clauses/requirements; did you mean 'gdpr.controller_identity'?",
        f"{path}:3: covers: 'no.such' is not a requirement id in clauses/requirements.",
    ]


def test_an_unknown_covers_id_stops_the_build_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    path = _write_clause(tmp_path / "pack", "contact/a.md", "order: 99\ncovers: [gdpr.nope]\n")
    example = ROOT / "examples" / "demo-bakery.yaml"
    status = main(["build", str(example), "--out", str(tmp_path / "out"), "--allow-gaps", "--clauses", str(tmp_path / "pack")])
    assert status == 2
    assert f"{path}:3: covers: 'gdpr.nope' is not a requirement id" in capsys.readouterr().err


def test_every_built_in_covers_id_exists() -> None:
    known = {r.id for regime in load_requirements() for r in regime.requirements}
    assert {rid for clause in load_library().clauses for rid in clause.meta.covers} <= known


def test_a_template_syntax_error_names_the_file_and_its_line(tmp_path: Path) -> None:
    path = _write_clause(tmp_path, "contact/a.md", "order: 99\n", body="\nFirst line.\n\nBroken {{ name \n")
    with pytest.raises(ClauseError) as caught:
        load_library((tmp_path,))
    (message,) = caught.value.messages
    assert message.startswith(f"{path}:7: template syntax error:"), message
