"""Every requirement of the catalogue can be met, and its hint names the answers that meet it.

For each requirement (parametrized over the whole catalogue), an answer file of the corpus
(tests/jurisdictions/ and examples/) under which it applies and is covered is the base. When its
`answers:` names answer paths, taking them out of the base must leave it missing or not
applicable: those answers really made it pass. When it names none, it must stay covered in a base
stripped of every answer it can lose while the requirement still applies: nothing beyond what
makes it apply was needed. A requirement no answer set covers is a finding, listed with its reason
in tests/data/satisfiable.yaml (`unsatisfiable`).

The same data says, for each exemption of the catalogue (`not_applicable:`), an answer set that
shows it reported with its reason, and the unanswered question that takes it away again. And the
policies built with answers removed (what `--allow-gaps` writes) never print a lead-in ("for these
reasons:") with nothing after it, or a sentence with a hole where an answer would go.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.answers.model import Answers
from generator.check import Report, check_policy
from generator.errors import AnswerError
from generator.library.requirements import answer_paths, load_requirements
from generator.policy import Policy
from generator.render import build_policy

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "jurisdictions").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
CORPUS: dict[str, dict[str, Any]] = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in FILES}
DATA: dict[str, Any] = yaml.safe_load((ROOT / "tests" / "data" / "satisfiable.yaml").read_text(encoding="utf-8"))
UNSATISFIABLE: dict[str, str] = DATA["unsatisfiable"]
OTHER_WAYS: dict[str, dict[str, Any]] = DATA.get("other_ways", {})
"""Requirements a file meets without the answers its hint names, by a fact the answers must state anyway (its reason), in the bases listed."""
REQUIREMENTS = {requirement.id: requirement for regime in load_requirements() for requirement in regime.requirements}

COVERED, MISSING, NOT_APPLICABLE, ABSENT = "covered", "missing", "not applicable", "does not apply"

# Every answer path, shallowest first: stripping a base tries a whole part before the fields inside it.
PATHS = sorted(answer_paths() - {"version"}, key=lambda path: (path.count(".") + path.count("[]"), path))


def removed(node: Any, path: str) -> Any:
    """Answer-file data without the answer at `path` (`contacts.dpo`, `data[].retention`); `node` itself when it has none.

    A mapping left empty is taken out too: an empty part answers nothing (`transfers: {}` would
    still count as the part given). `node` is not changed: the result is new where it differs and
    shares the rest with `node` (far cheaper than a deep copy, with hundreds of removals per file).
    """

    def walk(node: Any, parts: list[str]) -> Any:
        if not isinstance(node, dict):
            return node
        head, rest = parts[0], parts[1:]
        key = head.removesuffix("[]")
        if key not in node:
            return node
        value = node[key]
        if not rest:
            return {k: v for k, v in node.items() if k != key}
        if head.endswith("[]"):
            if not isinstance(value, list):
                return node
            items = [walk(item, rest) for item in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return node
            return {**node, key: items}
        child = walk(value, rest)
        if child == {}:
            return {k: v for k, v in node.items() if k != key}
        return node if child is value else {**node, key: child}

    return walk(node, path.split("."))


def change(data: dict[str, Any], values: dict[str, Any]) -> None:
    """Give each dotted answer path of `values` its value, in place."""
    for path, value in values.items():
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = copy.deepcopy(value)


def without(stem: str, paths: tuple[str, ...]) -> dict[str, Any]:
    """The corpus file `stem` with the answers at `paths` taken out (sharing what it keeps with CORPUS: read it, never change it)."""
    data = CORPUS[stem]
    for path in paths:
        data = removed(data, path)
    return data


Built = tuple[Policy, Report] | None


@functools.cache
def build(stem: str, removed: tuple[str, ...] = ()) -> Built:
    """The policy and report of corpus file `stem` without the answers `removed`; None when the answers are then refused."""
    data = without(stem, removed)
    built = _built(repr(data), data)
    if built is None:
        return None
    answers, policy = built
    return policy, _report(repr(data), answers, policy)


def build_data(data: dict[str, Any]) -> Built:
    """The policy and report of answer-file data; None when the answers are refused."""
    try:
        answers = answers_from_dict(data)
    except AnswerError:
        return None
    policy = build_policy(answers)
    return policy, check_policy(answers, policy)


_BUILT: dict[str, tuple[Answers, Policy] | None] = {}
"""The answers and policy of each distinct answer-file data built, by its repr: different removals often leave the same data."""
_REPORTS: dict[str, Report] = {}


def _built(key: str, data: dict[str, Any]) -> tuple[Answers, Policy] | None:
    """The answers and policy of answer-file data (`key` is its repr), once per distinct data; None when refused."""
    if key not in _BUILT:
        try:
            answers = answers_from_dict(data)
        except AnswerError:
            _BUILT[key] = None
        else:
            _BUILT[key] = answers, build_policy(answers)
    return _BUILT[key]


def _report(key: str, answers: Answers, policy: Policy) -> Report:
    if key not in _REPORTS:
        _REPORTS[key] = check_policy(answers, policy)
    return _REPORTS[key]


def policy_without(stem: str, removed: tuple[str, ...]) -> Policy | None:
    """The policy of corpus file `stem` without the answers `removed` (no compliance check); None when the answers are then refused."""
    data = without(stem, removed)
    built = _built(repr(data), data)
    return None if built is None else built[1]


def statuses(built: Built) -> dict[str, str]:
    """Each requirement the report names, covered, missing or not applicable (a requirement it does not name does not apply)."""
    assert built is not None
    report = built[1]
    found = {f.requirement.id: COVERED if f.covered else MISSING for r in report.regimes for f in r.findings}
    return found | {e.requirement.id: NOT_APPLICABLE for r in report.regimes for e in r.not_applicable}


def status(built: Built, requirement_id: str) -> str:
    """What the report says of one requirement."""
    return statuses(built).get(requirement_id, ABSENT)


@functools.cache
def bases(requirement_id: str) -> tuple[str, ...]:
    """The corpus files under which the requirement applies and is covered."""
    return tuple(stem for stem in CORPUS if status(build(stem), requirement_id) == COVERED)


@functools.cache
def stripped(stem: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Corpus file `stem` stripped of every answer it can lose while its requirements whose hint names no answers still apply.

    Each answer path is taken out in turn, shallowest first, and put back when the answers are
    then refused or one of those requirements stops applying. Returns the paths taken out and
    the statuses of the stripped file.
    """
    tracked = [rid for rid, found in statuses(build(stem)).items() if found == COVERED and not REQUIREMENTS[rid].answers]
    taken: tuple[str, ...] = ()
    current = statuses(build(stem))
    data = CORPUS[stem]  # without(stem, taken)
    for path in PATHS:
        smaller = removed(data, path)
        if smaller is data:
            continue  # not in this file (or already gone with a part)
        built = build(stem, (*taken, path))
        if built is None:
            continue
        after = statuses(built)
        if all(after.get(rid) in (COVERED, MISSING) for rid in tracked):
            taken, current, data = (*taken, path), after, smaller
    return taken, current


@pytest.mark.parametrize("requirement_id", sorted(REQUIREMENTS))
def test_hint_names_the_answers_that_meet_it(requirement_id: str) -> None:
    requirement = REQUIREMENTS[requirement_id]
    covering = bases(requirement_id)
    if requirement_id in UNSATISFIABLE:
        assert not covering, f"{requirement_id} is covered under {covering}: take it off the allow-list in tests/data/satisfiable.yaml"
        return
    assert covering, (
        f"{requirement_id}: no answer file covers it where it applies; fix its clause's covers/covers_when or its applies_when, "
        "or list it with the reason under 'unsatisfiable' in tests/data/satisfiable.yaml"
    )
    if requirement.answers:
        after = {stem: build(stem, requirement.answers) for stem in covering}
        kept = {stem: status(built, requirement_id) for stem, built in after.items() if built is not None}
        assert kept, f"{requirement_id}: every base is refused without {list(requirement.answers)}; the model requires them, so name none"
        still = sorted(stem for stem, found in kept.items() if found not in (MISSING, NOT_APPLICABLE))
        other_way = sorted(OTHER_WAYS.get(requirement_id, {}).get("bases", []))
        assert [stem for stem in other_way if stem in kept] == [s for s in still if s in other_way], f"{requirement_id}: stale 'other_ways' entry"
        still = [stem for stem in still if stem not in other_way]
        assert not still, f"{requirement_id}: without {list(requirement.answers)} it is still {[kept[s] for s in still]} in {still}"
    else:
        for stem in covering:
            taken, after = stripped(stem)
            assert after[requirement_id] == COVERED, f"{requirement_id}: names no answers, but is {after[requirement_id]} in {stem} without {taken}"


def test_an_answer_named_by_no_hint_is_still_stripped() -> None:
    """The stripping reaches deep: the bakery loses optional answers of its own, and keeps what the model requires."""
    taken, _ = stripped("demo-bakery")
    assert "requests" in taken and "security" not in taken and "retention.default" not in taken


CASES: list[dict[str, Any]] = DATA["not_applicable"]


def _case_data(case: dict[str, Any], *extra: str) -> dict[str, Any]:
    data = copy.deepcopy(CORPUS[case["base"]])
    change(data, case.get("set", {}))
    for path in (*case.get("remove", ()), *extra):
        data = removed(data, path)
    return data


def _exemptions(report: Report) -> dict[str, str]:
    """What the report says does not apply: requirement ids and regime keys, each with its reason."""
    found = {e.requirement.id: e.reason for r in report.regimes for e in r.not_applicable}
    return found | {e.regime.regime: e.reason for e in report.not_applicable}


def _catalogue_exemptions() -> dict[tuple[str, str], str]:
    """Every exemption of the catalogue: (requirement id or regime key, reason) and its condition."""
    found = {}
    for regime in load_requirements():
        found |= {(regime.regime, e.reason): e.when for e in regime.not_applicable}
        found |= {(r.id, e.reason): e.when for r in regime.requirements for e in r.not_applicable}
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['base']}:{'+'.join(case['reported'])}")
def test_a_stated_fact_is_reported_not_applicable_and_an_unanswered_one_is_not(case: dict[str, Any]) -> None:
    built = build_data(_case_data(case))
    assert built is not None
    exempt = _exemptions(built[1])
    assert set(case["reported"]) <= set(exempt), exempt
    if case.get("unanswered"):
        again = build_data(_case_data(case, *case["unanswered"]))
        assert again is not None
        assert not set(case["reported"]) & set(_exemptions(again[1])), f"still not applicable without {case['unanswered']}"


def test_every_exemption_of_the_catalogue_is_shown_by_a_case() -> None:
    shown = set()
    for case in CASES:
        built = build_data(_case_data(case))
        assert built is not None
        shown |= {(owner, reason) for owner, reason in _exemptions(built[1]).items() if owner in case["reported"]}
    assert sorted(set(_catalogue_exemptions()) - shown) == []


def test_every_unsatisfiable_entry_gives_a_reason() -> None:
    assert all(rid in REQUIREMENTS and len(reason) > 20 for rid, reason in UNSATISFIABLE.items()), UNSATISFIABLE


LEAD_IN = re.compile(r":\s*$")
LIST_OR_TABLE = re.compile(r"\s*([-*+] |\d+\. |\|)")
HOLE = re.compile(r"\S {2,}\S| [,.;:](\s|$)|\(\s*\)|\bNone\b")
"""Two spaces between words, a space before punctuation, empty brackets, Python's None: where an answer was left out."""


@functools.cache  # the same clause text comes back in most of the policies built
def dangling(markdown: str) -> tuple[str, ...]:
    """The lines of a clause's Markdown that introduce a list with none after them, or have a hole where an answer would go."""
    lines = markdown.split("\n")
    found: list[str] = []
    for number, line in enumerate(lines):
        if line.startswith(("#", "|")):
            continue
        following = next((later for later in lines[number + 1 :] if later.strip()), "")
        if (LEAD_IN.search(line) and not LIST_OR_TABLE.match(following)) or HOLE.search(line):
            found.append(line)
    return tuple(found)


def test_dangling_finds_a_lead_in_with_nothing_after_and_a_hole() -> None:
    assert dangling("We set cookies for these reasons:\n") == ("We set cookies for these reasons:",)
    assert dangling("We may contact you by  to answer.") == ("We may contact you by  to answer.",)
    assert dangling("We set cookies for these reasons:\n\n- **Analytics**: to count visits.") == ()


def _removals() -> list[tuple[str, tuple[str, ...]]]:
    """Each corpus file with each answer it gives taken out, and with each requirement's hinted answers taken out."""
    hints = sorted({requirement.answers for requirement in REQUIREMENTS.values() if requirement.answers})
    found = []
    for stem in CORPUS:
        for removed in [(path,) for path in PATHS] + hints:
            if without(stem, removed) is not CORPUS[stem]:
                found.append((stem, removed))
    return found


def test_answers_left_out_leave_no_lead_in_without_its_list() -> None:
    """What `--allow-gaps` writes with an answer missing: no "for these reasons:" with nothing after it, no hole in a sentence."""
    problems = []
    for stem, removed in [(stem, ()) for stem in CORPUS] + _removals():
        policy = policy_without(stem, removed)
        if policy is None:
            continue
        for section in policy.sections:
            for clause in section.clauses:
                problems += [f"{stem} without {list(removed)}: {clause.id}: {line}" for line in dangling(clause.markdown)]
    assert problems == []
