"""Folder = section: a clause file's place gives its section and id; the shared macros (clauses/macros.jinja) serve every clause."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.answers.load import load_answers
from generator.errors import ClauseError
from generator.library.clause_files import clause_files
from generator.library.clauses import _environments, load_library
from generator.library.macros import parse_macros, prelude
from generator.render import build_policy
from generator.resources import resource_dir
from generator.templating.environment import join_words

ROOT = Path(__file__).resolve().parent.parent
BAKERY = ROOT / "examples" / "demo-bakery.yaml"
ANSWER_FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "jurisdictions").glob("*.yaml"))
SECTION_IDS = [section.id for section in load_library().sections]


def _write(root: Path, name: str, front: str = "order: 99\n", body: str = "We restore a backup every quarter.") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return path


def _problems(root: Path) -> list[str]:
    with pytest.raises(ClauseError) as caught:
        load_library((root,))
    return caught.value.messages


def _rendered(library_folders: tuple[Path, ...], answers_path: Path = BAKERY) -> dict[str, str]:
    policy = build_policy(load_answers(answers_path), load_library(library_folders))
    return {clause.id: clause.markdown for section in policy.sections for clause in section.clauses}


# Folder = section, file name = the rest of the id.


def test_the_path_gives_the_id_and_the_section(tmp_path: Path) -> None:
    _write(tmp_path, "security/backups.md")
    library = load_library((tmp_path,))
    (clause,) = (c for c in library.clauses if c.bounded)
    assert (clause.id, clause.meta.section) == ("security.backups", "security")
    policy = build_policy(load_answers(BAKERY), library)
    (security,) = (s for s in policy.sections if s.id == "security")
    assert "security.backups" in [c.id for c in security.clauses]


def test_a_clause_file_outside_a_section_folder_is_an_error_naming_the_section_ids(tmp_path: Path) -> None:
    root_file = _write(tmp_path, "backups.md")
    misnamed = _write(tmp_path, "secrity/backups.md")
    messages = _problems(tmp_path)
    assert len(messages) == 2, messages
    at_root, wrong = sorted(messages)
    assert at_root.startswith(f"{root_file}:1: section: a clause file goes in the folder of its section, {tmp_path}/<section>/backups.md")
    assert wrong.startswith(f"{misnamed}:1: section: the folder 'secrity' is not a section id; did you mean 'security'?")
    for message in messages:
        assert message.endswith(f"the section ids (clauses/sections.yaml) are: {', '.join(SECTION_IDS)}"), message


def test_an_old_style_file_at_the_root_is_told_where_to_go(tmp_path: Path) -> None:
    path = _write(tmp_path, "backups.md", "id: security.backups\nsection: security\norder: 99\n")
    (message,) = _problems(tmp_path)
    assert message.startswith(f"{path}:1: section: ") and f"; move it to {tmp_path / 'security' / 'backups.md'};" in message


def test_a_folder_below_a_section_folder_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "security/more/backups.md")
    assert _problems(tmp_path) == [
        f"{path}:1: section: a clause file goes directly in its section folder, {tmp_path / 'security' / 'backups.md'}, not in a folder below it"
    ]


def test_a_file_name_that_makes_no_id_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "security/Back ups.md")
    (message,) = _problems(tmp_path)
    assert message.startswith(f"{path}:1: id: the file name gives the id 'security.Back ups'; use lower-case letters")


def test_front_matter_that_disagrees_with_the_path_is_an_error_with_every_other_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "security/backups.md", "id: security.backup\nsection: contact\norder: soon\ncovers: [gdpr.nope]\n", body="Broken {{ x ")
    messages = _problems(tmp_path)
    assert f"{path}:2: id: 'security.backup' is not the id its path gives, 'security.backups'" in "\n".join(messages)
    assert any(
        m.startswith(f"{path}:3: section: 'contact' is not the section its folder gives, 'security'; leave 'section' out")
        and m.endswith(f"or move the file to {tmp_path / 'contact' / 'backups.md'}")
        for m in messages
    ), messages
    assert any(m.startswith(f"{path}:4:") and "order" in m for m in messages), messages
    assert any(f"{path}:7: template syntax error" in m for m in messages), messages
    assert len(messages) == 4, messages  # covers is checked once the front matter reads


def test_disagreeing_front_matter_stops_the_build_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    path = _write(tmp_path / "pack", "security/backups.md", "section: contact\norder: 99\n")
    status = main(["build", str(BAKERY), "--out", str(tmp_path / "out"), "-f", "md", "--clauses", str(tmp_path / "pack")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{path}:2: section: 'contact' is not the section its folder gives, 'security'" in err and "Traceback" not in err


def test_old_style_front_matter_that_agrees_with_the_path_is_accepted(tmp_path: Path) -> None:
    _write(tmp_path, "security/backups.md", "id: security.backups\nsection: security\norder: 99\n")
    assert "We restore a backup every quarter." in _rendered((tmp_path,))["security.backups"]


def test_a_users_clause_replaces_the_built_in_one_of_its_id(tmp_path: Path) -> None:
    built_in = _rendered(())
    assert "security.measures" in built_in
    _write(tmp_path, "security/measures.md", body="We lock the shop at night.")
    library = load_library((tmp_path,))
    assert [c.bounded for c in library.clauses if c.id == "security.measures"] == [True]
    assert _rendered((tmp_path,))["security.measures"] == "We lock the shop at night."


def test_catalogue_folders_of_the_built_in_root_are_not_clause_folders() -> None:
    base = resource_dir("clauses")
    assert {path.relative_to(base).parts[0] for path in clause_files(base)} == {c.meta.section for c in load_library().clauses}
    assert (base / "services").is_dir() and (base / "requirements").is_dir()


# Shared macros.


def test_no_clause_pastes_a_shared_phrase() -> None:
    pasted = {
        "request ways": 'requests.methods if business.phone else requests.methods | reject("equalto", "phone")',
        "channel words": '(["SMS"] if "sms" in chs else [])',
        "purposes after 'to'": "{% if loop.revindex == 2 %}, and to {% elif not loop.last %}, to {% endif %}",
        "what happens without the information": "If you do not give us the information we ask for{% if required_data_names_lower %}",
    }
    for path in clause_files(resource_dir("clauses")):
        text = path.read_text(encoding="utf-8")
        for phrase, code in pasted.items():
            assert code not in text, f"{path}: call the shared macro for {phrase} (clauses/macros.jinja) instead of pasting it"


def test_a_users_clause_can_call_the_shared_macros_in_the_sandbox(tmp_path: Path) -> None:
    # Every built-in clause that calls a shared macro, copied into a user's folder, renders the same there.
    library = load_library()
    calling = [clause for clause in library.clauses if clause.calls]
    macros = {"request_ways", "channel_words", "name_and_title", "contact_details", "purpose_words", "places", "missing_data_consequences"}
    assert {name for clause in calling for name in clause.calls} == macros
    for clause in calling:
        (tmp_path / clause.meta.section).mkdir(exist_ok=True)
        shutil.copy(clause.path, tmp_path / clause.meta.section / clause.path.name)
    mine = load_library((tmp_path,))
    assert sum(clause.bounded for clause in mine.clauses) == len(calling)
    ids = {clause.id for clause in calling}
    compared = 0
    for path in ANSWER_FILES:
        answers = load_answers(path)
        ours = {c.id: (c.markdown, c.html) for s in build_policy(answers, library).sections for c in s.clauses if c.id in ids}
        theirs = {c.id: (c.markdown, c.html) for s in build_policy(answers, mine).sections for c in s.clauses if c.id in ids}
        assert ours == theirs, path.name
        compared += len(ours)
    assert compared > 50


def test_a_shared_macro_prints_its_links_once_escaped_in_markdown(tmp_path: Path) -> None:
    _write(tmp_path, "your-rights/ask.md", body="To ask, {{ request_ways() }}. Or write to {{ contact_details(business) }}.")
    markdown = _rendered((tmp_path,))["your-rights.ask"]
    assert re.search(r"\[[^\]\\]+@[^\]]+\]\(mailto:", markdown), markdown  # a link, not \[...\]
    assert "\\[" not in markdown and "\\\\" not in markdown, markdown


def test_a_users_own_macro_of_the_same_name_wins(tmp_path: Path) -> None:
    _write(tmp_path, "your-rights/ask.md", body="{% macro request_ways() %}write to us{% endmacro %}To ask, {{ request_ways() }}.")
    assert _rendered((tmp_path,))["your-rights.ask"] == "To ask, write to us."


def test_the_markdown_wrapper_takes_only_macros(tmp_path: Path) -> None:
    _write(tmp_path, "your-rights/ask.md", body="{{ policygen_markdown_macro('[x](javascript:alert(1))')() }}")
    with pytest.raises(ClauseError, match=r"ask\.md: .*takes a macro, not str"):
        _rendered((tmp_path,))


def test_the_shared_macros_file_names_its_problems_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "macros.jinja"
    text = (
        "{# fine #}\n"
        "stray text\n"
        "{% macro split() %}\nsome\nwords\n{% endmacro %}\n"
        "{% macro listed() %}\n- a list item\n{% endmacro %}\n"
        "{% macro broken() %}\n{{ x \n{% endmacro %}\n"
    )
    with pytest.raises(ClauseError) as caught:
        parse_macros(path, text, _environments(bounded=False)[0])
    messages = caught.value.messages
    assert f"{path}:2: only macros and {{# comments #}} go in the shared macros' file" in messages
    assert f"{path}:4: macro split: a line break between two words; break a macro's lines only before or after a tag" in messages
    assert any(m.startswith(f"{path}:8: macro listed: a shared macro is part of a sentence") for m in messages), messages
    assert any(m.startswith(f"{path}:11: macro broken: template syntax error") for m in messages), messages


@pytest.mark.parametrize("bounded", [False, True], ids=["built-in", "user"])
def test_a_shared_macro_may_call_one_above_it(bounded: bool) -> None:
    md_env, html_env = _environments(bounded=bounded)
    text = "{% macro a(x) %}{{ x | mailto }}{% endmacro %}\n{% macro b(x) %}\nwrite to {{ a(x) }}\n{% endmacro %}\n"
    macros = {m.name: m for m in parse_macros(Path("macros.jinja"), text, md_env)}
    assert macros["b"].calls == ("a",)
    clause = 'Hi, {{ b("a_b@c.d") }}.'
    assert md_env.from_string(prelude(["b"], macros, "md") + clause).render() == "Hi, write to [a\\_b@c.d](mailto:a_b@c.d)."
    assert html_env.from_string(prelude(["b"], macros, "html") + clause).render() == 'Hi, write to <a href="mailto:a_b@c.d">a_b@c.d</a>.'


def test_a_generator_piped_into_a_filter_keeps_its_items_in_the_sandbox(tmp_path: Path) -> None:
    """`map(...)` gives a generator; the sandbox's size check must not use it up before `join` reads it."""
    body = 'We hold: {{ data | map(attribute="category") | map("string") | join(", ") }}; {{ data | map(attribute="category") | map("string") | join_words }}.'
    _write(tmp_path, "security/held.md", body=body)
    markdown = _rendered((tmp_path,))["security.held"]
    categories = [str(item.category) for item in load_answers(BAKERY).data]
    assert markdown == f"We hold: {', '.join(categories)}; {join_words(categories)}."
