"""The fast paths give what the slow ones give: the compliance check's conditions in one call, the lists the context makes for clauses, the shared context."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.answers.disclosure import Sharing
from generator.answers.load import answers_from_dict
from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.check import _Outcome, _outcome, _outcome_one_by_one, check_policy
from generator.context import build_context, policy_context
from generator.context.rows import summary_recipients
from generator.errors import ClauseError, PolicyGenError
from generator.render import build_policy
from generator.templating.environment import make_environment
from generator.templating.filters import Link, MarkdownText, join_words

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "jurisdictions").glob("*.yaml"))


def _variants() -> list[Answers]:
    """Every example and jurisdiction test file, and each with every other jurisdiction added where it still validates."""
    found = []
    for path in FILES:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append(answers_from_dict(data))
        for place in Jurisdiction:
            if place.value in data["jurisdictions"]:
                continue
            trial = copy.deepcopy(data)
            trial["jurisdictions"] = [*data["jurisdictions"], place.value]
            try:
                found.append(answers_from_dict(trial))
            except PolicyGenError:
                continue
    return found


VARIANTS = _variants()


def _names(outcome: _Outcome) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """Each applicable regime with its applicable requirements and its exempt ones (with the reason), then the exempt regimes."""
    regimes = [
        (regime.regime, [r.id for r in requirements], [(e.requirement.id, e.reason) for e in exempt]) for regime, requirements, exempt in outcome.regimes
    ]
    return regimes + [(e.regime.regime, [], [("", e.reason)]) for e in outcome.exempt]


def test_the_variants_reach_every_regime_and_exemption() -> None:
    outcomes = [_outcome(answers, build_context(answers)) for answers in VARIANTS]
    reached = {regime.regime for outcome in outcomes for regime, _, _ in outcome.regimes}
    assert len(reached) >= 19
    assert any(outcome.exempt for outcome in outcomes) and any(exempt for outcome in outcomes for _, _, exempt in outcome.regimes)


@pytest.mark.parametrize("number", range(len(VARIANTS)))
def test_conditions_in_one_call_find_what_one_by_one_finds(number: int) -> None:
    answers = VARIANTS[number]
    context = build_context(answers)
    assert _names(_outcome(answers, context)) == _names(_outcome_one_by_one(answers, context))
    report = check_policy(answers, build_policy(answers))
    reported = [(r.regime.regime, [f.requirement.id for f in r.findings], [(e.requirement.id, e.reason) for e in r.not_applicable]) for r in report.regimes]
    assert reported + [(e.regime.regime, [], [("", e.reason)]) for e in report.not_applicable] == _dated(_outcome_one_by_one(answers, context), answers)


def _dated(outcome: _Outcome, answers: Answers) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """`_names` of an outcome as the report gives it: a requirement not in force on the policy's effective date is not applicable, first."""
    on = answers.policy.effective_date
    regimes = [
        (regime.regime, [r.id for r in requirements if r.in_force(on)],
         [(r.id, str(r.date_reason(on))) for r in requirements if not r.in_force(on)] + [(e.requirement.id, e.reason) for e in exempt])
        for regime, requirements, exempt in outcome.regimes
    ]  # fmt: skip
    return regimes + [(e.regime.regime, [], [("", e.reason)]) for e in outcome.exempt]


def test_a_failing_condition_is_named_as_one_by_one_names_it() -> None:
    answers = next(a for a in VARIANTS if a.has("eu"))
    context = {"jurisdictions": build_context(answers)["jurisdictions"]}  # every other name undefined: a condition fails
    with pytest.raises(ClauseError) as one_by_one:
        _outcome_one_by_one(answers, context)
    with pytest.raises(ClauseError) as together:
        _outcome(answers, context)
    assert together.value.messages == one_by_one.value.messages
    assert "the condition '" in str(together.value)


# The summary's `who` list as the clause made it before the context did (clauses/at-a-glance/summary.md).
SUMMARY_RECIPIENTS = (
    '([("a service provider who works for us" if shared_services | length == 1 else "service providers who work for us")]'
    " if sharing.service_providers or shared_services else [])"
    ' + (["companies in our group"] if sharing.affiliates else []) + (["the other organisations this policy names"] if sharing.partners else [])'
    ' + (["other users of our service"] if sharing.other_users else []) + (["a buyer if we sell our business"] if sharing.business_transfers else [])'
    ' + (["the authorities when the law requires it"] if sharing.legal_requests else [])'
)

# Each list the context makes once per policy, and the filter chain it stands for in the clauses.
CHAINS = {
    "data_names_lower": 'data | map(attribute="name") | map("lower") | list',
    "required_data_names_lower": 'data | selectattr("required") | map(attribute="name") | map("lower") | list',
    "optional_data_names_lower": (
        'data | selectattr("required", "false") | rejectattr("sources", "equalto", ["automatic"]) | map(attribute="name") | map("lower") | list'
    ),
    "sensitive_data_names_lower": 'sensitive_data | map(attribute="name") | map("lower") | list',
    "purpose_labels_lower": 'purposes | map(attribute="label") | map("lower") | list',
    "shared_service_names": 'shared_services | map(attribute="name") | list',
    "tracking_service_names": 'tracking_services | map(attribute="name") | list',
    "gateway_names": 'gateways | map(attribute="name") | list',
    "data_with_own_retention": 'data | selectattr("retention") | list',
    "summary_recipients": SUMMARY_RECIPIENTS,
}


@functools.cache
def _chain(expression: str) -> Any:
    """The filter chain compiled once (in the clauses' Markdown environment) for every variant."""
    return make_environment("md").compile_expression(expression)


@pytest.mark.parametrize("number", range(len(VARIANTS)))
def test_the_context_lists_are_what_the_filter_chains_give(number: int) -> None:
    context = build_context(VARIANTS[number])
    for name, chain in CHAINS.items():
        assert context[name] == _chain(chain)(**context), name
    for source, items in context["data_from"].items():
        expected = _chain('items | map(attribute="name") | map("lower") | list')(items=items)
        assert context["data_from_names_lower"][source] == expected, source
    for row in context["purposes"]:
        assert row["data"] == [item for item in VARIANTS[number].data if row.purpose in item.purposes]
        assert row.data_names_lower == row["data_names_lower"] == [item.name.lower() for item in row["data"]]
        assert row.label == row["label"]


@pytest.mark.parametrize("services", [0, 1, 2])
def test_the_summary_recipients_are_what_the_clause_expression_gave_for_every_sharing_answer(services: int) -> None:
    shared = build_context(next(a for a in VARIANTS if len(a.services) >= 2))["shared_services"][:services]
    for mask in range(64):
        sharing = Sharing.model_validate(
            {
                "service_providers": [None, True, False][mask % 3],
                "affiliates": ["Sister Co"] if mask & 2 else [],
                "partners": [{"name": "A Partner", "purpose": "deliver orders"}] if mask & 4 else [],
                "other_users": "your public profile" if mask & 8 else None,
                "business_transfers": bool(mask & 16),
                "legal_requests": [None, True][mask >> 5],
            }
        )
        assert summary_recipients(sharing, shared) == _chain(SUMMARY_RECIPIENTS)(sharing=sharing, shared_services=shared), (mask, services)


def test_a_data_item_naming_a_purpose_twice_is_in_its_row_once() -> None:
    data: dict[str, Any] = yaml.safe_load(FILES[0].read_text(encoding="utf-8"))
    data["data"][0]["purposes"] = [*data["data"][0]["purposes"], data["data"][0]["purposes"][0]]
    answers = answers_from_dict(data)
    for row in build_context(answers)["purposes"]:
        assert row["data"] == [item for item in answers.data if row.purpose in item.purposes]


def test_a_purpose_row_reads_as_a_dict_and_by_attribute() -> None:
    row = build_context(VARIANTS[0])["purposes"][0]
    assert isinstance(row, dict)
    with pytest.raises(AttributeError):
        row.no_such_key  # noqa: B018 - the lookup is the test
    rendered = make_environment("md", bounded=True).from_string('{{ row.label }}|{{ row["label"] }}|{{ row.nothing is defined }}').render(row=row)
    assert rendered == f"{row['label']}|{row['label']}|False"


def test_rendering_and_the_check_share_the_context_of_the_same_answers() -> None:
    first, second = VARIANTS[0], VARIANTS[1]
    assert policy_context(first) is policy_context(first)
    assert policy_context(second) is not policy_context(first)
    assert policy_context(second) == build_context(second)


@given(st.lists(st.text(alphabet=" and\x00or,x", max_size=12), max_size=5), st.sampled_from(["and", "or", "a\x00d"]))
@settings(max_examples=300, deadline=None)
def test_join_words_keeps_an_item_with_the_joiner_apart_as_a_word_by_word_search_does(words: list[str], last: str) -> None:
    joiner = f" {last} "
    comma = "," if any(joiner in word for word in words) else ""
    expected = "".join(words) if len(words) < 2 else f"{', '.join(words[:-1])}{comma}{joiner}{words[-1]}"
    assert join_words(words, last) == expected


def _table_cell_by_cell(fmt: str, rows: list[list[object]], headers: list[str]) -> str:
    """The `table` filter as it was written before its fast paths: every cell through one function."""
    from generator.templating.filters import _LONG_WORD, HtmlFilters, MarkdownFilters, escape_markdown, html_text

    if fmt == "md":
        md = MarkdownFilters()

        def md_cell(value: object) -> str:
            if isinstance(value, Link):
                return md.link(value.url, value.text)
            return value if isinstance(value, MarkdownText) else escape_markdown(value)

        lines = ["| " + " | ".join(md_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(md_cell(value) for value in row) + " |" for row in rows]
        return "\n".join(lines)
    html = HtmlFilters()

    def long_words(text: str) -> str:
        return _LONG_WORD.sub(lambda match: f'<span class="pp-long">{match.group()}</span>', text) if len(text) > 30 else text

    def html_cell(value: object) -> str:
        if isinstance(value, Link):
            return html.link(value.url, value.text)
        return value if isinstance(value, Markup) else long_words(html_text(value))

    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in headers)
    labels = [f' data-label="{html_text(h)}"' for h in headers]

    def label(column: int) -> str:
        return labels[column] if column < len(labels) else ""

    body = "".join("<tr>" + "".join(f"<td{label(i)}>{html_cell(value)}</td>" for i, value in enumerate(row)) + "</tr>\n" for row in rows)
    return f'<div class="table-wrap"><table class="pp-cards">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table></div>'


_WORDS = st.text(alphabet=st.sampled_from("ab <>&*|_\u00a0\u2003\x1c\n\t-" + "x" * 8), max_size=80)
_CELLS = st.one_of(
    _WORDS,
    _WORDS.map(MarkdownText),
    _WORDS.map(Markup),
    st.builds(Link, _WORDS, _WORDS),
    st.integers(),
    st.none(),
)


@given(st.lists(st.lists(_CELLS, max_size=4), max_size=4), st.lists(_WORDS, max_size=4))
@settings(max_examples=300, deadline=None)
def test_the_table_filter_makes_what_it_made_cell_by_cell(rows: list[list[object]], headers: list[str]) -> None:
    from generator.templating.filters import HtmlFilters, MarkdownFilters

    assert MarkdownFilters().table(rows, headers) == _table_cell_by_cell("md", rows, headers)
    assert HtmlFilters().table(rows, headers) == _table_cell_by_cell("html", rows, headers)


def test_a_link_target_is_translated_only_when_it_has_a_character_the_table_changes() -> None:
    from generator.templating.filters import _MD_TARGET, _MD_TARGET_CHARS

    assert {ord(c) for c in map(chr, range(0x3000)) if _MD_TARGET_CHARS.search(c)} == set(_MD_TARGET)


@pytest.mark.parametrize("name", ["strong", "mailto", "tel"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_kept_filter_result_is_what_the_filter_makes_afresh(fmt: str, name: str) -> None:
    from generator.templating import filters

    kept = filters.MarkdownFilters() if fmt == "md" else filters.HtmlFilters()
    values: list[Any] = ["a@b.example", "+1 (555) <0100>", "**x** & <y>", MarkdownText("*m*"), Markup("<i>s</i>")]
    for value in [*values, *values]:  # the second time from the cache
        fresh = filters.MarkdownFilters() if fmt == "md" else filters.HtmlFilters()
        assert getattr(kept, name)(value) == getattr(fresh, name)(value)
        assert type(getattr(kept, name)(value)) is type(getattr(fresh, name)(value))
    for number in range(filters._MADE_SIZE + 10):
        getattr(kept, name)(f"value {number}")
    assert len(getattr(kept, f"_{name}")) <= filters._MADE_SIZE
    places: list[Any] = ["united kingdom", "India", " Netherlands ", "the netherlands", "India", MarkdownText("gambia"), 7, "united kingdom"]
    assert [filters.country(place) for place in places] == [f"the {p}" if str(p).strip().lower() in filters._WITH_THE else str(p) for p in places]
