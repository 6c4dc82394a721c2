"""Which laws apply beyond the US states: each scope rule of clauses/laws/applicability.yaml on both sides (applies, does not,
unknown), the answer file's `thresholds:` section, `policygen applies` on an answer file and without a terminal, and the
wizard's choice to work the jurisdictions out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.answers.load import load_answers
from generator.applicability import ThresholdAnswers, applicable_laws, scope
from generator.cli import main
from generator.context.laws import REGIME_SCOPES
from generator.wizard.applies import WORK_OUT, ask_applies
from generator.wizard.flow import Wizard
from generator.wizard.prompts import Question

ROOT = Path(__file__).resolve().parent.parent
BY_PLACE = {regime["jurisdiction"]: regime for regime in REGIME_SCOPES if regime["jurisdiction"] != "california"}
CALOPPA = next(regime for regime in REGIME_SCOPES if regime["name"].endswith("(CalOPPA)"))
OFFER_REACHES = ("eu", "uk", "switzerland", "brazil", "india", "singapore", "canada", "quebec", "japan", "new-zealand")
"""The laws that reach a business abroad that offers goods or services to people there."""


def result(place: str, country: str | None = None, **answers: Any) -> bool | None:
    return scope(BY_PLACE[place], ThresholdAnswers.model_validate(answers), country).applies


@pytest.mark.parametrize("place", OFFER_REACHES)
def test_offering_goods_or_services_to_people_there_brings_the_law_in(place: str) -> None:
    found = scope(BY_PLACE[place], ThresholdAnswers(offers_to=[place], establishments=[], monitors=[]), "Peru")
    assert found.applies is True and found.citation
    assert result(place, "Peru", offers_to=[], establishments=[], monitors=[]) is False
    unknown = scope(BY_PLACE[place], ThresholdAnswers(), "Peru")
    assert unknown.applies is None and "offers_to" in unknown.needs and "unknown: answer" in unknown.reason


@pytest.mark.parametrize(
    ("place", "country"),
    [("eu", "Germany"), ("eu", "Norway"), ("uk", "United Kingdom"), ("switzerland", "Switzerland"), ("brazil", "Brazil"),
     ("india", "India"), ("singapore", "Singapore"), ("canada", "Canada"), ("japan", "Japan"), ("new-zealand", "New Zealand"),
     ("south-africa", "South Africa")],
)  # fmt: skip
def test_an_establishment_there_brings_the_law_in_without_another_answer(place: str, country: str) -> None:
    assert result(place, country) is True
    assert result(place, "Peru", establishments=[place]) is True  # a branch or office there


def test_monitoring_behaviour_reaches_the_gdprs_and_the_fadp_and_the_lgpd_but_not_india() -> None:
    for place in ("eu", "uk", "switzerland", "brazil"):
        assert result(place, "India" if place != "india" else "Peru", offers_to=[], establishments=[], monitors=[place]) is True
    assert result("india", "Peru", offers_to=[], establishments=[], monitors=["india"]) is False  # DPDP s.3(b): offering only


def test_a_missing_answer_is_never_a_reason() -> None:
    assert all(found.applies is None for found in applicable_laws(ThresholdAnswers()))
    eu = scope(BY_PLACE["eu"], ThresholdAnswers(offers_to=[]), "India")
    assert eu.applies is None and set(eu.needs) == {"establishments", "monitors"}


def test_australia_needs_a_link_and_turnover_over_3_million_or_trading_in_personal_information() -> None:
    link = {"offers_to": ["australia"], "establishments": []}
    assert result("australia", "India", **link, turnover_aud=3_000_001) is True
    assert result("australia", "India", **link, turnover_aud=3_000_000, sells_data=False) is False
    assert result("australia", "India", **link, turnover_aud=3_000_000, sells_data=True) is True
    unknown = scope(BY_PLACE["australia"], ThresholdAnswers.model_validate({**link, "turnover_aud": 1000}), "India")
    assert unknown.applies is None and unknown.needs == ("sells_data",)
    assert result("australia", "India", offers_to=[], establishments=[], turnover_aud=9_000_000) is False  # no Australian link
    assert result("australia", "Australia", turnover_aud=9_000_000) is True


def test_quebec_for_a_business_there_or_collecting_from_people_there() -> None:
    assert result("quebec", "Canada", establishments=["quebec"]) is True
    assert result("quebec", "Canada", establishments=[], offers_to=["quebec"]) is True
    assert result("quebec", "Canada", establishments=[], offers_to=["canada"]) is False
    assert result("quebec", "Canada") is None  # Canada alone does not say the province


def test_south_africa_reaches_by_domicile_or_means_used_there_not_by_offering() -> None:
    assert result("south-africa", "South Africa") is True
    assert result("south-africa", "India", establishments=[], processes_in_south_africa=True) is True
    assert result("south-africa", "India", establishments=[], offers_to=["south-africa"], processes_in_south_africa=False) is False
    assert result("south-africa", "India", establishments=[], offers_to=["south-africa"]) is None


def test_coppa_needs_a_service_directed_to_children_or_actual_knowledge() -> None:
    us = {"offers_to": ["united-states"], "establishments": []}
    assert result("united-states", "India", **us, directed_to_children=True) is True
    assert result("united-states", "India", **us, directed_to_children=False, knows_children_under_13=True) is True
    assert result("united-states", "India", **us, directed_to_children=False, knows_children_under_13=False) is False
    assert result("united-states", "United States") is None
    assert result("united-states", "India", offers_to=[], establishments=[], directed_to_children=True) is False


def test_caloppa_for_an_online_service_collecting_from_california_residents() -> None:
    assert scope(CALOPPA, ThresholdAnswers(collects_online_from_california=True)).applies is True
    assert scope(CALOPPA, ThresholdAnswers(collects_online_from_california=False)).applies is False
    assert scope(CALOPPA, ThresholdAnswers()).applies is None


def test_caloppa_alone_proposes_california_and_the_ccpa_below_its_thresholds_does_not_take_it_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("consumers_by_state: {california: 10}\nrevenue_usd: 5\nrevenue_share_from_selling: 0\ncollects_online_from_california: true\n")
    assert main(["applies", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  California (CalOPPA): applies: a commercial website or online service" in out
    assert "  California: does not apply: needs annual revenue over $26,625,000" in out
    assert "proposed jurisdictions: california (confirm" in out


SECTION = """\
thresholds:
  establishments: []
  offers_to: [eu, uk]
  monitors: []
  consumers_by_state: {virginia: 120000, iowa: 5000}
  revenue_usd: 1000000
  revenue_share_from_selling: 0
"""


def _answer_file(tmp_path: Path, section: str, jurisdictions: str = "[india, eu]") -> Path:
    text = (ROOT / "examples" / "online-shop.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(number for number, line in enumerate(lines) if line.startswith("jurisdictions:"))
    lines[at] = f"jurisdictions: {jurisdictions}\n"
    path = tmp_path / "answers.yaml"
    path.write_text("".join(lines[:at]) + section + "".join(lines[at:]), encoding="utf-8")
    return path


def test_the_answer_file_holds_the_threshold_answers_and_the_policy_never_prints_them(tmp_path: Path) -> None:
    plain = load_answers(ROOT / "examples" / "online-shop.yaml")
    assert plain.business.country == "India"
    answers = load_answers(_answer_file(tmp_path, SECTION, "[" + ", ".join(str(j) for j in plain.jurisdictions) + "]"))
    assert answers.thresholds is not None and [str(p) for p in answers.thresholds.offers_to or []] == ["eu", "uk"]
    from generator.export.formats import to_markdown
    from generator.render import build_policy

    assert to_markdown(build_policy(answers)) == to_markdown(build_policy(plain))
    from generator.pipeline import build_file

    path = _answer_file(tmp_path, SECTION.replace("revenue_usd: 1000000", "revenue_usd: 987654321"), "[india]")
    for written in build_file(path, tmp_path / "out", ["md", "html", "json", "annotated-md"]).written:
        text = written.read_text(encoding="utf-8")
        assert "987654321" not in text and "offers_to" not in text and "thresholds" not in text, written.name


@pytest.mark.parametrize(
    ("section", "where", "message"),
    [
        ("thresholds:\n  offers_to: [atlantis]\n", ":2:", "offers_to"),
        ("thresholds:\n  revenue: 5\n", ":2:", "revenue"),
        ("thresholds:\n  consumers_by_state: {narnia: 3}\n", ":2:", "'narnia': not a US state with a privacy law here"),
        ("thresholds:\n  turnover_aud: -1\n", ":2:", "turnover_aud"),
    ],
)
def test_a_wrong_threshold_answer_in_the_answer_file_gets_its_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str, where: str, message: str
) -> None:
    path = _answer_file(tmp_path, section)
    start = path.read_text().splitlines().index("thresholds:") + 1
    line = f"{path}:{start + int(where.strip(':')) - 1}:"
    for command in (["applies", str(path)], ["check", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert line in err and message in err and "Traceback" not in err, err


def test_applies_on_an_answer_file_says_where_its_jurisdictions_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _answer_file(tmp_path, SECTION, "[india, eu, iowa]")
    assert main(["applies", str(path)]) == 0  # a warning: the owner decides
    out = capsys.readouterr().out
    assert "  India (DPDP Act): applies: established in India, where it processes digital personal data (DPDP Act s.3(a))" in out
    assert "  United Kingdom (UK GDPR): applies: offers goods or services to people in the United Kingdom (UK GDPR Art. 3(2)(a))" in out
    assert "warning: proposed but not listed under 'jurisdictions:': uk, virginia" in out
    assert "warning: listed under 'jurisdictions:' but the thresholds say their laws do not apply: iowa (you decide)" in out


def test_applies_without_a_file_and_without_a_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "applies", "--out", str(tmp_path / "a.yaml")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and "needs an interactive terminal" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "a.yaml").exists()


class Script:
    """Scripted answers by path; what was asked, in order."""

    def __init__(self, script: dict[str, Any]) -> None:
        self.script, self.asked = script, []

    def __call__(self, question: Question, default: Any) -> Any:
        self.asked.append(question.path)
        return self.script.get(question.path, default)


def test_applies_ask_asks_only_what_changes_a_result_and_writes_the_answers(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    said: list[str] = []
    script = Script({"business.country": "India", "thresholds.establishments": [], "thresholds.offers_to": ["eu"],
                     "thresholds.monitors": [], "jurisdictions": ["india", "eu"]})  # fmt: skip
    assert ask_applies(None, out, ask=script, say=said.append) == 0
    assert script.asked == ["business.country", "thresholds.establishments", "thresholds.offers_to", "thresholds.monitors", "jurisdictions"]
    assert "  European Union (GDPR): applies: offers goods or services to people in the EU (GDPR Art. 3(2)(a))" in said
    text = out.read_text()
    assert "jurisdictions: [india, eu]" in text and "offers_to: [eu]" in text and "country: India" in text


def test_applies_ask_writes_into_an_existing_answer_file_which_still_builds(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text((ROOT / "examples" / "online-shop.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = load_answers(out)
    script = Script({"thresholds.establishments": [], "thresholds.offers_to": [], "thresholds.monitors": []})
    assert ask_applies(None, out, ask=script, say=lambda line: None) == 0
    assert "business.country" not in script.asked  # the file's own country
    after = load_answers(out)
    assert [str(j) for j in after.jurisdictions] == ["india"]  # only India's law applies to a shop serving no one abroad
    assert after.thresholds is not None and after.thresholds.offers_to == [] and after.business == before.business


def test_applies_ask_asks_the_us_numbers_only_of_a_business_serving_the_united_states() -> None:
    script = Script({"business.country": "India", "thresholds.establishments": [], "thresholds.offers_to": ["united-states"],
                     "thresholds.monitors": [], "thresholds.consumers_by_state": ["virginia"],
                     "thresholds.consumers_by_state.virginia": "120000", "thresholds.directed_to_children": False,
                     "thresholds.knows_children_under_13": False, "thresholds.collects_online_from_california": False})  # fmt: skip
    said: list[str] = []
    ask_applies(None, None, ask=script, say=said.append)
    assert "thresholds.consumers_by_state.virginia" in script.asked and "thresholds.revenue_usd" not in script.asked
    assert "  Virginia: applies: at least 100,000 residents' data (Va. Code 59.1-576(A))" in said
    assert said[-1].startswith("proposed jurisdictions: india, virginia")


SHOP = {
    "business.legal_name": "Lantern Teas Private Limited",
    "business.kind": "online-shop",
    "business.website": "https://lanternteas.example",
    "business.country": "India",
    "business.address": "5 Example Road, Kochi 682001, India",
    "data?": False,
    "retention.default": "We keep no personal information, because we receive none.",
    "security.measures": ["tls"],
}


class Turns(list[Any]):
    """Answers to a question asked more than once, in turn."""


def _run(script: dict[str, Any]) -> tuple[Any, list[str], list[str], dict[str, Any]]:
    asked: list[str] = []
    said: list[str] = []
    defaults: dict[str, Any] = {}

    def ask(question: Question, default: Any) -> Any:
        asked.append(question.path)
        defaults[question.path] = default
        if question.path == "review":
            return "write"
        if question.proposals:
            return []
        value = script.get(question.path, default)
        return value.pop(0) if isinstance(value, Turns) else value

    wizard = Wizard(ask, say=said.append)
    return wizard.run(), asked, said, defaults


def test_the_wizard_works_out_the_jurisdictions_when_asked_and_the_owner_confirms_them() -> None:
    script = {**SHOP, "jurisdictions": Turns([[WORK_OUT], ["india", "eu", "uk"]]), "thresholds.establishments": [],
              "thresholds.offers_to": ["uk", "eu"], "thresholds.monitors": []}  # fmt: skip
    answers, asked, said, defaults = _run(script)
    at = asked.index("jurisdictions")
    assert asked[at : at + 5] == ["jurisdictions", "thresholds.establishments", "thresholds.offers_to", "thresholds.monitors", "jurisdictions"]
    assert defaults["jurisdictions"] == ["india", "eu", "uk"]  # the second time: the laws that apply, ticked for the owner to confirm
    assert "  United Kingdom (UK GDPR): applies: offers goods or services to people in the United Kingdom (UK GDPR Art. 3(2)(a))" in said
    assert [str(j) for j in answers.jurisdictions] == ["india", "eu", "uk"]
    assert answers.thresholds is not None and [str(p) for p in answers.thresholds.offers_to or []] == ["uk", "eu"]


def test_an_owner_who_knows_which_laws_apply_gets_no_threshold_question() -> None:
    answers, asked, _, _ = _run({**SHOP, "jurisdictions": ["india"]})
    assert not [path for path in asked if path.startswith("thresholds")] and asked.count("jurisdictions") == 1
    assert answers.thresholds is None


def test_the_wizard_keeps_the_threshold_answers_of_a_file_and_asks_nothing_more_of_them(tmp_path: Path) -> None:
    from generator.wizard.writer import read_partial, write_answers

    path = _answer_file(tmp_path, SECTION, "[india]")
    data, open_lists = read_partial(path)
    asked: list[str] = []

    def ask(question: Question, default: Any) -> Any:
        asked.append(question.path)
        return "write" if question.path == "review" else [] if question.proposals else default

    answers = Wizard(ask, say=lambda text: None, data=data, open_lists=open_lists).run()
    assert not [path for path in asked if path.startswith("thresholds") or path == "jurisdictions"]
    write_answers(tmp_path / "again.yaml", answers)
    assert load_answers(tmp_path / "again.yaml").thresholds == load_answers(path).thresholds
