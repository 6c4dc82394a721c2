"""A business that collects no personal information (`data: []`): what its policy says and leaves out, what the check reports, what is refused.

The example is examples/collects-nothing.yaml (facts: examples/facts/collects-nothing.md).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from conftest import ROOT, ExampleBuild

from generator.answers.load import answers_from_dict, load_answers_text
from generator.cli import main
from generator.errors import AnswerError
from generator.export.formats import to_markdown
from generator.render import build_policy

EXAMPLE = ROOT / "examples" / "collects-nothing.yaml"
REASON = "the business collects no personal information (data is empty)"
NOTHING = "We do not collect personal information through our app Sumleaf: it works without sending us information about you."


def _answers() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _markdown(data: dict[str, Any]) -> str:
    return to_markdown(build_policy(answers_from_dict(data, "<test>")))


def test_the_policy_says_nothing_is_collected_in_plain_words(examples: Mapping[str, ExampleBuild]) -> None:
    text = examples["collects-nothing"].markdown
    assert NOTHING in text
    assert "- **What we collect**: nothing about you, unless you contact us." in text
    assert (
        "This policy explains that Rowan Quillfeather trading as Quillfeather Apps (\"Quillfeather Apps\") does not collect personal "
        "information, except what people send us when they contact us." in text
    )
    assert "\"You\" means anyone who uses our app." in text
    assert "Sumleaf keeps the sums you enter and your calculation history only on your device." in text
    rights = "Unless you have contacted us, we hold no personal information about you, and there is nothing for us to show you, correct or delete."
    assert rights in text
    assert "If you have a question or complaint about this policy, contact us:" in text
    assert "- **Email**: [hello@quillfeather-apps.example](mailto:hello@quillfeather-apps.example)" in text


def test_a_published_contact_address_is_not_beside_a_claim_that_nothing_is_ever_collected(examples: Mapping[str, ExampleBuild]) -> None:
    """Failed on main (UK reader's R12): 'does not collect personal information' and 'We hold no personal information about you'
    beside the email address the policy asks people to write to: whoever writes sends us their details."""
    text = examples["collects-nothing"].markdown
    assert "If you contact us, we receive what you send us, such as your email address and your message." in text
    assert "does not collect personal information." not in text
    assert "We hold no personal information about you" not in text
    data = _answers()
    data["business"]["phone"] = "+44 1603 555 0100"
    assert "such as your email address or phone number and your message." in _markdown(data)


def test_what_assumes_collected_data_is_left_out(examples: Mapping[str, ExampleBuild]) -> None:
    policy = examples["collects-nothing"].policy
    sections = [section.id for section in policy.sections]
    assert sections == ["at-a-glance", "introduction", "information-we-collect", "how-we-use", "cookies", "your-rights", "contact"]
    text = examples["collects-nothing"].markdown
    for absent in (
        "We collect these kinds",
        "We collect this kind",
        "We use your information to",
        "How long we keep it",
        "We protect your information",
        "You can ask us to:",
        "To make a request",
        "Under the GDPR you have the right",
        "Under the UK GDPR",
        "transferred outside the EU",
        "or you think your information is at risk",
    ):
        assert absent not in text, absent


def test_the_check_reports_the_privacy_laws_not_applicable_with_the_reason(
    examples: Mapping[str, ExampleBuild], capsys: pytest.CaptureFixture[str]
) -> None:
    report = examples["collects-nothing"].report
    assert {exempt.regime.regime: exempt.reason for exempt in report.not_applicable} == {"gdpr": REASON, "uk_gdpr": REASON}
    assert report.gaps == []
    assert main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert f"General Data Protection Regulation (EU) 2016/679 [gdpr]: not applicable: {REASON}" in out
    assert f"[uk_gdpr]: not applicable: {REASON}" in out


def test_every_privacy_law_is_not_applicable_wherever_the_people_are() -> None:
    data = _answers()
    data["jurisdictions"] = ["india", "california", "virginia", "brazil", "canada", "quebec", "australia", "singapore", "united-states"]
    answers = answers_from_dict(data, "<test>")
    from generator.check import check_policy

    report = check_policy(answers, build_policy(answers))
    assert report.gaps == []
    exempt = {e.regime.regime: e.reason for e in report.not_applicable}
    assert {"in.dpdp", "in.spdi", "ccpa", "caloppa", "us_va", "lgpd", "pipeda", "quebec", "au_app", "sg_pdpa", "coppa"} <= set(exempt)
    assert set(exempt.values()) == {REASON}


def test_a_website_with_only_strictly_necessary_cookies_still_collects_nothing() -> None:
    data = _answers()
    data["business"]["website"] = "https://quillfeather-apps.example"
    data["applies_to"]["website"] = True
    data["cookies"] = {"used": True, "kinds": ["essential"]}
    text = _markdown(data)
    assert "We do not collect personal information through our website and our app Sumleaf: they work without sending us information about you." in text


def test_a_policy_that_collects_something_does_not_say_it_collects_nothing() -> None:
    text = to_markdown(build_policy(load_answers_text((ROOT / "examples" / "offline-app.yaml").read_text(encoding="utf-8"))))
    assert "We do not collect personal information" not in text
    assert "nothing for us to show you" not in text


CONTRADICTIONS: list[tuple[str, dict[str, Any], str]] = [
    ("services[0]", {"services": ["google-analytics"]}, "names a service that receives personal data"),
    ("payments.takes_payments", {"payments": {"takes_payments": True, "gateways": ["stripe"]}}, "taking payments collects payment details"),
    (
        "marketing.sends_marketing",
        {"marketing": {"sends_marketing": True, "channels": ["email"], "unsubscribe": ["the link in every email"]}},
        "sending marketing needs people's contact details",
    ),
    ("marketing.service_channels", {"marketing": {"service_channels": ["email"]}}, "sending people messages needs their contact details"),
    ("cookies.kinds", {"cookies": {"used": True, "kinds": ["essential", "preferences"]}}, "lists preferences"),
    ("purposes", {"purposes": [{"purpose": "support", "legal_basis": "legitimate-interests"}]}, "details purposes"),
    ("collection_points", {"collection_points": ["email"]}, "says when you collect data"),
    ("applies_to.accounts", {"applies_to": {"accounts": True}}, "accounts hold personal information"),
    ("sharing.legal_requests", {"sharing": {"legal_requests": True}}, "there is no personal information to share"),
    ("transfers.storage_countries", {"transfers": {"storage_countries": ["Ireland"]}}, "where personal information is stored or sent"),
    ("automated_decisions.profiling", {"automated_decisions": {"profiling": True}}, "profiles are made from personal information"),
]


@pytest.mark.parametrize(("path", "change", "words"), CONTRADICTIONS, ids=[case[0] for case in CONTRADICTIONS])
def test_an_answer_that_says_something_is_collected_is_refused_at_its_line(path: str, change: dict[str, Any], words: str) -> None:
    data = copy.deepcopy(_answers())
    for part, value in change.items():
        data[part] = {**data[part], **value} if isinstance(value, dict) and isinstance(data.get(part), dict) else value
    text = yaml.safe_dump(data, sort_keys=False)
    with pytest.raises(AnswerError) as refused:
        load_answers_text(text, "answers.yaml")
    messages = refused.value.messages
    assert len(messages) == 1, messages
    [message] = messages
    match = re.match(r"answers\.yaml:(\d+):\d+: (\S+): ", message)
    assert match and match.group(2) == path, message
    # The message points at the answer's value: on its key's line, or the first item of the list below it.
    rows = text.splitlines()[int(match.group(1)) - 2 : int(match.group(1))]
    assert any(path.split(".")[-1].split("[")[0] + ":" in row for row in rows), (rows, message)
    assert words in message, message
    assert "but data is [] (you collect no personal information)" in message and "or list what you collect under data" in message


def test_what_is_not_collecting_is_accepted() -> None:
    data = _answers()
    data["cookies"] = {"used": True, "kinds": ["essential"]}
    data["sharing"] = {"sells_data": False, "shares_for_advertising": False}
    data["children"] = {"directed_to_children": False, "minimum_age": 13}
    answers = answers_from_dict(data, "<test>")
    assert answers.data == [] and answers.business.email == "hello@quillfeather-apps.example"


def test_the_facts_file_names_the_example() -> None:
    facts = (ROOT / "examples" / "facts" / "collects-nothing.md").read_text(encoding="utf-8")
    assert "Quillfeather Apps" in facts and "Sumleaf" in facts and "collect no personal information" in facts
