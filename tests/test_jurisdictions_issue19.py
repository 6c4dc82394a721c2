"""What a reader in Switzerland, New Zealand, Japan or South Africa reads, and what the check says when an answer is missing.

Each case starts from that jurisdiction's test answer file (tests/jurisdictions/) and changes only the answers it is about.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from test_legal_review import paragraph, status

from generator.answers.load import answers_from_dict
from generator.answers.model import Answers
from generator.check import Report, check_policy, format_report
from generator.export.formats import to_markdown
from generator.render import build_policy
from generator.wizard.defaults import suggest
from generator.wizard.prompts import applies, question_for

FILES = Path(__file__).resolve().parent / "jurisdictions"


def case(name: str, change: Callable[[dict[str, Any]], None] | None = None) -> tuple[str, Report]:
    """The Markdown policy and the check report of `tests/jurisdictions/<name>.yaml`, with `change(data)` applied first."""
    data = copy.deepcopy(yaml.safe_load((FILES / f"{name}.yaml").read_text(encoding="utf-8")))
    if change is not None:
        change(data)
    answers = answers_from_dict(data, f"{name}.yaml")
    policy = build_policy(answers)
    return to_markdown(policy), check_policy(answers, policy, f"{name}.yaml")


# Switzerland (FADP Art. 16, 19(4), 25; DPO Art. 18 and Annex 1).


def test_swiss_readers_are_told_each_country_and_what_protects_it() -> None:
    text, report = case("switzerland")
    swiss = paragraph(text, "If you are in Switzerland")
    assert swiss.startswith("If you are in Switzerland, your information is disclosed outside Switzerland, to Germany, India and the United States.")
    assert "The Swiss Federal Council has decided that Germany protects personal data adequately." in swiss
    assert "certified under the Swiss-US Data Privacy Framework" in swiss
    assert "For India, we protect your information with the EU standard contractual clauses with the Swiss adaptations" in swiss
    assert status(report, "ch_fadp.abroad") == "covered"


def test_the_eu_clauses_alone_are_not_a_swiss_safeguard() -> None:
    def eu_clauses_only(data: dict[str, Any]) -> None:
        del data["transfers"]["ch_safeguards"]
        del data["transfers"]["ch_us_certified"]

    text, report = case("switzerland", eu_clauses_only)
    swiss = paragraph(text, "If you are in Switzerland")
    assert "standard contractual clauses" not in swiss and "Data Privacy Framework" not in swiss
    assert status(report, "ch_fadp.abroad") == "missing"
    assert "missing: give transfers.ch_safeguards" in format_report(report)


def test_a_safeguard_naming_switzerland_is_taken_and_the_us_without_certification_needs_it() -> None:
    def swiss_words(data: dict[str, Any]) -> None:
        del data["transfers"]["ch_safeguards"]
        data["transfers"]["ch_us_certified"] = False
        data["transfers"]["safeguards"] = ["standard contractual clauses adapted for Swiss law"]

    text, report = case("switzerland", swiss_words)
    swiss = paragraph(text, "If you are in Switzerland")
    assert "For India and the United States, we protect your information with standard contractual clauses adapted for Swiss law." in swiss
    assert "Data Privacy Framework" not in swiss
    assert status(report, "ch_fadp.abroad") == "covered"


def test_nothing_leaves_switzerland_for_a_swiss_business_that_keeps_it_there() -> None:
    def at_home(data: dict[str, Any]) -> None:
        data["business"]["country"] = "Switzerland"
        data["services"] = []
        data["transfers"] = {"storage_countries": ["Switzerland"]}
        del data["contacts"]["ch_representative"]

    text, report = case("switzerland", at_home)
    assert "If you are in Switzerland" not in text
    assert status(report, "ch_fadp.abroad") == "not applicable"
    assert report.gaps == []


def test_the_swiss_deadline_is_the_owners_days_within_30_and_the_acts_words_beyond() -> None:
    def days(number: int) -> Callable[[dict[str, Any]], None]:
        return lambda data: data["requests"].update(response_days=number)

    text, _ = case("switzerland", days(45))
    swiss = text.split("### Switzerland", 1)[1]
    assert "We answer within 30 days of receiving your request, or tell you within that time how long we will need." in swiss
    text, _ = case("switzerland", days(20))
    assert "We answer within 20 days." in text.split("### Switzerland", 1)[1]


def test_swiss_access_is_free_with_the_ordinances_cap() -> None:
    text, _ = case("switzerland")
    swiss = text.split("### Switzerland", 1)[1]
    assert "The Act makes this free" in swiss and "at most 300 francs" in swiss
    assert "ask a court" in swiss  # deletion is a claim in court (FADP Art. 32(2)), not a right against us alone
    assert "Federal Data Protection and Information Commissioner (FDPIC)" in swiss


def test_a_swiss_representative_is_published_with_its_address() -> None:
    text, report = case("switzerland")
    assert "Our representative in Switzerland is Example Swiss Rep AG." in text
    assert "Musterweg 3, 8001 Zurich, Switzerland" in text
    _, report = case("switzerland", lambda data: data["contacts"]["ch_representative"].pop("address"))
    assert status(report, "ch_fadp.representative") == "missing"


# New Zealand (Privacy Act 2020 IPP 3, IPP 3A, s.44).


def test_new_zealand_names_the_law_and_the_indirect_collection() -> None:
    text, report = case("new-zealand")
    notice = text.split("### New Zealand", 2)[2]
    assert "A law requires or authorises us to collect or keep some information. The Tax Administration Act 1994" in notice
    assert "When we get information about you from someone other than you" in notice
    assert status(report, "nz_privacy.indirect_collection") == "covered"


def test_ipp_3a_is_said_only_when_information_comes_from_others() -> None:
    def only_from_you(data: dict[str, Any]) -> None:
        for item in data["data"]:
            item["sources"] = ["you"]

    text, report = case("new-zealand", only_from_you)
    assert "someone other than you" not in text
    assert status(report, "nz_privacy.indirect_collection") == "absent"


def test_new_zealand_readers_get_20_working_days_or_fewer_days_of_the_owner() -> None:
    text, _ = case("new-zealand")
    assert "We tell you our decision on your request as soon as we can, and within 20 working days of receiving it." in text
    text, _ = case("new-zealand", lambda data: data["requests"].update(response_days=10))
    rights = text.split("### New Zealand", 1)[1].split("###", 1)[0]
    assert "We answer within 10 days." in rights and "working days" not in rights


# Japan (APPI Art. 28, 32).


def test_japan_names_the_representative_and_the_equivalent_countries() -> None:
    text, report = case("japan")
    assert "The person who represents Sakura Ledger K.K. is Haruto Example." in text
    japan = paragraph(text, "If you are in Japan")
    assert "goes to Ireland and the United States, outside Japan" in japan
    assert "recognises Ireland as having a system" in japan and "recognises Ireland and" not in japan
    assert report.gaps == []


def test_a_company_in_japan_without_its_representative_gets_the_gap_and_a_sole_trader_none() -> None:
    _, report = case("japan", lambda data: data["business"].pop("representative"))
    assert status(report, "jp_appi.business_identity") == "missing"
    assert "business.representative" in format_report(report)

    def sole_trader(data: dict[str, Any]) -> None:
        data["business"].pop("representative")
        data["business"]["sole_trader"] = True

    text, report = case("japan", sole_trader)
    assert status(report, "jp_appi.business_identity") == "not applicable"
    assert "The person who represents" not in text


# South Africa (POPIA s.18).


def test_south_africa_says_what_is_mandatory_and_where_to_complain() -> None:
    text, report = case("south-africa")
    notice = text.split("### South Africa", 2)[2]
    assert "Giving us your identity details, contact details" in notice and "is mandatory if you want to use our services" in notice
    assert "Giving us your demographic details is voluntary." in notice and "usage data is voluntary" not in notice  # usage data is collected, not given
    assert "complain to the Information Regulator at [POPIAComplaints@inforegulator.org.za]" in text
    assert paragraph(text, "If you are in South Africa").endswith("There it is protected by standard contractual clauses.")
    assert report.gaps == []


def test_a_transfer_out_of_south_africa_without_its_protection_is_a_gap() -> None:
    text, report = case("south-africa", lambda data: data["transfers"].pop("safeguards"))
    assert "There it is protected" not in paragraph(text, "If you are in South Africa")
    assert status(report, "za_popia.third_country") == "missing"


# The wizard offers the new jurisdictions, proposes the home country's, and asks their questions only for them.


def _question(path: str) -> Any:
    part, name = path.rsplit(".", 1) if "." in path else ("", path)
    model: Any = Answers
    for step in part.split(".") if part else []:
        model = model.model_fields[step].annotation
    return question_for(path, name, model.model_fields[name], "")


def test_the_wizard_offers_and_proposes_the_new_jurisdictions() -> None:
    question = _question("jurisdictions")
    offered = {value for _, value in question.choices}
    assert {"switzerland", "new-zealand", "japan", "south-africa"} <= offered
    for country, place in [("Switzerland", "switzerland"), ("New Zealand", "new-zealand"), ("Japan", "japan"), ("South Africa", "south-africa")]:
        assert suggest(question, {"business": {"country": country}}, dt.date(2026, 12, 1)) == [place]


def test_the_swiss_and_japanese_questions_are_asked_only_for_those_laws() -> None:
    for path in ("transfers.ch_safeguards", "transfers.ch_us_certified"):
        assert applies(_question(path), {"jurisdictions": ["switzerland"]})
        assert not applies(_question(path), {"jurisdictions": ["eu"]})
    representative = _question("contacts.ch_representative")
    assert applies(representative, {"jurisdictions": ["switzerland"], "business": {"country": "Germany"}})
    assert not applies(representative, {"jurisdictions": ["switzerland"], "business": {"country": "Switzerland"}})
    assert applies(_question("business.representative"), {"jurisdictions": ["japan"]})
    assert not applies(_question("business.representative"), {"jurisdictions": ["japan"], "business": {"sole_trader": True}})
