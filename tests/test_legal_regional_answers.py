"""Regression tests of the independent readers' findings, part B, for Canada, Quebec, Australia, Singapore and Brazil that needed an
answer the model did not have (issue 17, docs/legal-review.md, 2026-12-02): each test failed on main, where the policy said
nothing (or something untrue) and the check passed the requirement, and asserts the new answer's text and the requirement's
status with and without it. The answers are the test files of `tests/jurisdictions/`, changed where a finding needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check import format_report
from tests.test_legal_regional import JURISDICTION, SHARES_WITH_NO_ONE, _all, _set
from tests.test_legal_review import case, paragraph, status

# Quebec (CQLR c. P-39.1 s.3.1).

CEO = {"name": "Marie Lavoie", "title": "President", "email": "president@lumenharbor.example"}  # a fictional person


def test_without_a_dpo_quebec_names_the_person_in_charge_the_owner_gives() -> None:
    """Failed on main: with no DPO answered, quebec.person_in_charge was missing and no answer could name the default person."""
    text, report = case(JURISDICTION + "quebec", _set("contacts", {"person_in_charge": CEO}))
    assert (
        "Under Quebec's law, the person in charge of protecting personal information at Lumen Harbor Quebec Inc. is Marie Lavoie, "
        "President. You can reach them at [president@lumenharbor.example](mailto:president@lumenharbor.example), or by post at 300 "
        "rue Exemple, Montreal QC H2Y 1C6, Canada." in text
    )
    assert status(report, "quebec.person_in_charge") == "covered"
    _, report = case(JURISDICTION + "quebec", _set("contacts", {}))
    assert status(report, "quebec.person_in_charge") == "missing"
    # A GDPR DPO who is not the person in charge leaves the owner's answer to say who is.
    both = _all(_set("jurisdictions", ["quebec", "eu"]), _set("contacts.dpo_accountable", False), _set("contacts.person_in_charge", CEO))
    text, report = case(JURISDICTION + "quebec", both)
    assert "Our Data Protection Officer is" in text and "in charge of protecting personal information at Lumen Harbor Quebec Inc. is Marie Lavoie" in text
    assert status(report, "quebec.person_in_charge") == "covered"


def test_quebec_names_the_third_person_the_information_is_collected_for() -> None:
    """Failed on main (Canada reader's missing 5): quebec.third_parties was covered by the list of recipients alone, and no answer
    said for whom the information is collected (P-39.1 s.8 para 2, "the name of the third person for whom the information is
    being collected"). Now the owner names them (sharing.collects_for), says [] for none, or the requirement is missing."""
    text, report = case(JURISDICTION + "quebec")
    assert "We also collect personal information on behalf of Clinique Exemple Inc." in text
    assert status(report, "quebec.collected_for") == "covered"
    text, report = case(JURISDICTION + "quebec", _set("sharing.collects_for", None))
    assert "on behalf of" not in text
    assert status(report, "quebec.collected_for") == "missing"
    text, report = case(JURISDICTION + "quebec", _set("sharing.collects_for", []))
    assert "on behalf of" not in text
    assert status(report, "quebec.collected_for") == "not applicable"


# Australia (APP 1.4(f)-(g), APP 5.2(i)-(j)).

ONLY_AUSTRALIA = _all(_set("services", []), _set("transfers.storage_countries", ["Australia"]), _set("transfers.safeguards", []))


def test_not_likely_to_disclose_overseas_is_said_only_when_every_recipient_is_placed() -> None:
    """Failed on main: 'We are not likely to disclose personal information to recipients overseas' beside a partner whose country
    no answer gave, and au_app.overseas_disclosure covered."""
    partner = _set("sharing.partners", [{"name": "Our accountant", "purpose": "prepare our tax return"}])
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, partner))
    assert "recipients overseas" not in text
    assert status(report, "au_app.overseas_disclosure") == "missing"
    assert status(report, "au_app.overseas_countries") == "missing"
    placed = _set("sharing.partners", [{"name": "Our accountant", "purpose": "prepare our tax return", "country": "Australia"}])
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, placed))
    assert "We are not likely to disclose personal information to recipients overseas." in text
    assert status(report, "au_app.overseas_disclosure") == "covered"
    assert status(report, "au_app.overseas_countries") == "not applicable"
    # Beside a service abroad, a partner whose country is unknown leaves the list of countries open.
    text, report = case(JURISDICTION + "australia", partner)
    assert "We are likely to disclose personal information to recipients overseas, including in the United States." in text
    assert status(report, "au_app.overseas_disclosure") == "covered"
    assert status(report, "au_app.overseas_countries") == "missing"


def test_group_companies_abroad_are_named_among_the_overseas_countries() -> None:
    """Failed on main: a group company in New Zealand left 'We are not likely to disclose [...] overseas' standing."""
    group = _set("sharing.affiliates", ["Lumen Harbor NZ Limited"])
    _, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, group))
    assert status(report, "au_app.overseas_disclosure") == "missing"
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, group, _set("sharing.affiliate_countries", ["New Zealand"])))
    assert "We are likely to disclose personal information to recipients overseas, in New Zealand." in text
    assert status(report, "au_app.overseas_disclosure") == "covered"
    assert status(report, "au_app.overseas_countries") == "covered"


def test_other_users_are_recipients_whose_place_decides_not_likely_to_disclose_overseas() -> None:
    """Failed on main: other users of the service who see a person's information (sharing.other_users) were not among the
    recipients au_overseas_known asks about, so 'We are not likely to disclose personal information to recipients overseas' was
    said though those users may be abroad, and au_app.overseas_disclosure was covered. Now their place is the owner's answer
    (sharing.other_users_countries): 'not likely' only when they are all at home, their countries abroad named, else missing."""
    users = _set("sharing.other_users", "Other members of a project team see the names and comments of the people on it.")
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, users))
    assert "recipients overseas" not in text
    assert status(report, "au_app.overseas_disclosure") == "missing"
    assert status(report, "au_app.overseas_countries") == "missing"
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, users, _set("sharing.other_users_countries", ["Australia"])))
    assert "We are not likely to disclose personal information to recipients overseas." in text
    assert status(report, "au_app.overseas_disclosure") == "covered"
    assert status(report, "au_app.overseas_countries") == "not applicable"
    text, report = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, users, _set("sharing.other_users_countries", ["Australia", "New Zealand"])))
    assert "We are likely to disclose personal information to recipients overseas, in New Zealand." in text
    assert status(report, "au_app.overseas_countries") == "covered"
    # Countries answered for other users the policy does not have are no recipients.
    text, _ = case(JURISDICTION + "australia", _all(ONLY_AUSTRALIA, _set("sharing.other_users_countries", ["New Zealand"])))
    assert "We are not likely to disclose personal information to recipients overseas." in text
    assert _asked("sharing.other_users_countries", {"jurisdictions": ["australia"], "sharing": {"other_users": "Team members see your name."}})
    assert not _asked("sharing.other_users_countries", {"jurisdictions": ["australia"]})
    assert not _asked("sharing.other_users_countries", {"jurisdictions": ["eu"], "sharing": {"other_users": "Team members see your name."}})


# Canada (PIPEDA Sch. 1 cl. 4.10) and Australia (APP 1.4(e)): how a complaint is dealt with.

HANDLING = "our privacy officer acknowledges it within 5 working days, looks into it, and tells you the outcome and any steps we took within 30 days"


def test_how_a_complaint_is_handled_is_the_owners_answer_in_canada() -> None:
    """Failed on main: pipeda.challenge_compliance was covered by an address alone, with nothing on how a challenge is handled."""
    text, report = case(JURISDICTION + "canada")
    assert (
        "you can tell us at [privacy@lumenharbor.example](mailto:privacy@lumenharbor.example). This is how we deal with a complaint: "
        "our Privacy Officer acknowledges it within 5 working days" in text
    )
    assert status(report, "pipeda.challenge_compliance") == "covered"
    text, report = case(JURISDICTION + "canada", _set("requests.complaint_handling", None))
    assert "how we deal with a complaint" not in text
    assert status(report, "pipeda.challenge_compliance") == "missing"


def test_how_a_complaint_is_handled_is_the_owners_answer_in_australia() -> None:
    """Failed on main: au_app.complaints was covered though the policy never said how a complaint is dealt with (APP 1.4(e))."""
    _, report = case(JURISDICTION + "australia", _set("requests.complaint_handling", None))
    assert status(report, "au_app.complaints") == "missing"
    text, report = case(JURISDICTION + "australia", _set("requests.complaint_handling", HANDLING))
    rights = paragraph(text, "Under the Australian Privacy Principles")
    assert rights.endswith(f"This is how we deal with a complaint: {HANDLING}.")
    assert status(report, "au_app.complaints") == "covered"


# Singapore (PDPA ss.21-22; PDP Regulations 2021 reg 3).


def test_singapore_access_and_correction_requests_are_written_and_can_go_to_the_dpo() -> None:
    """Failed on main: 'To make a request or a complaint, [...] call +65 ...' with no word that a request to see or correct data is
    made in writing, or that it can go to the Data Protection Officer (reg 3(1), 3(2)(b))."""
    text, _ = case(JURISDICTION + "singapore", _set("requests.methods", ["email", "phone"]))
    written = paragraph(text, "A request to see or correct your personal data must be made in writing")
    assert written == (
        "A request to see or correct your personal data must be made in writing: email [privacy@lumenharbor.example]"
        "(mailto:privacy@lumenharbor.example). You can also send it to our Data Protection Officer at [dpo@lumenharbor.example]"
        "(mailto:dpo@lumenharbor.example). Tell us who you are and what you want to see or have corrected. A phone call is not "
        "enough for these requests."
    )
    assert "To make another request or a complaint, email [privacy@lumenharbor.example](mailto:privacy@lumenharbor.example) or call" in text


# Canada (PIPEDA Sch. 1 cl. 4.8.2(e)): what related organisations get.


def test_what_group_companies_get_is_said_for_canada() -> None:
    """Failed on main: 'Other companies in our group may get your information: Lumen Harbor Inc.' covered
    pipeda.related_organizations without saying what information they get."""
    text, report = case(JURISDICTION + "canada")
    assert (
        "Another company in our group (Lumen Harbor Inc.) gets the names, email addresses and booking records of customers whose "
        "support they handle." in text
    )
    assert status(report, "pipeda.related_organizations") == "covered"
    text, report = case(JURISDICTION + "canada", _set("sharing.affiliates_get", None))
    assert "personal information from us: Lumen Harbor Inc." in text
    assert status(report, "pipeda.related_organizations") == "missing"


# Australia (APP 1.4(b)): how the information is held.


def test_how_information_is_held_is_the_owners_answer_in_australia() -> None:
    """Failed on main: au_app.collection_and_holding was covered by the categories and security measures, which never say how or
    where the information is held."""
    text, report = case(JURISDICTION + "australia")
    assert "We hold personal information electronically, in our own database and in the systems of the service providers this policy names." in text
    assert status(report, "au_app.collection_and_holding") == "covered"
    text, report = case(JURISDICTION + "australia", _set("security.holding", None))
    assert "We hold personal information" not in text
    assert status(report, "au_app.collection_and_holding") == "missing"


# Australia (APP 5.2(b)): the circumstances of collection from others.


def test_the_circumstances_of_collection_from_partners_are_the_owners_answer() -> None:
    """Failed on main: 'Our business partners may pass us your contact details' covered au_app.collection_from_others, with no
    word of when or how (APP 5.2(b): the circumstances of that collection)."""
    text, report = case(JURISDICTION + "australia")
    listed = "Others pass us some personal information about you:\n\n- Contact details: when a clinic or studio that uses our software adds you"
    assert listed + " as its client." in text
    assert status(report, "au_app.collection_from_others") == "covered"
    no_circumstances = _set("data", [{"category": "contact", "sources": ["you", "partners"], "purposes": ["provide-service"], "required": True}])
    text, report = case(JURISDICTION + "australia", no_circumstances)
    assert "Others pass us some personal information" not in text
    assert status(report, "au_app.collection_from_others") == "missing"


def test_a_mailbox_alone_is_not_a_persons_business_contact_information_in_singapore() -> None:
    """Failed on main: without a DPO, sg_pdpa.contact_person was covered by the privacy mailbox alone; PDPA s.2(1) business contact
    information is an individual's (a name or position title with the contact), which the DPO's contact gives."""
    _, report = case(JURISDICTION + "singapore", _set("contacts", {}))
    assert status(report, "sg_pdpa.contact_person") == "missing"
    text, report = case(JURISDICTION + "singapore")
    assert "Our Data Protection Officer is Wei Ling Tan. " in text  # the title only named the role: not said twice
    assert status(report, "sg_pdpa.contact_person") == "covered"


# Quebec (CQLR c. P-39.1 s.8 para 1(2)): the means of collection.


def test_the_means_of_collection_need_the_moments_people_give_their_information() -> None:
    """Failed on main: with no collection_points, quebec.means_of_collection was covered by the list of categories, which says
    nothing of how the information people give is collected."""
    _, report = case(JURISDICTION + "quebec", _set("collection_points", []))
    assert status(report, "quebec.means_of_collection") == "missing"
    text, report = case(JURISDICTION + "quebec")
    assert "We get information from you at these times:" in text
    assert status(report, "quebec.means_of_collection") == "covered"


# The wizard asks each new answer only under the law that needs it.


def _asked(path: str, answers: dict[str, Any]) -> bool:
    from generator.answers.collection import Security
    from generator.answers.contacts import Contacts, Requests
    from generator.answers.disclosure import Sharing
    from generator.wizard.prompts import applies, question_for

    part, name = path.split(".")
    model = {"contacts": Contacts, "requests": Requests, "sharing": Sharing, "security": Security}[part]
    return applies(question_for(path, name, model.model_fields[name], ""), answers)


DPO = {"name": "Louis Tremblay", "email": "dpo@lumenharbor.example"}


def test_the_wizard_asks_the_new_answers_only_where_their_law_needs_them() -> None:
    assert _asked("contacts.person_in_charge", {"jurisdictions": ["quebec"]})
    assert not _asked("contacts.person_in_charge", {"jurisdictions": ["quebec"], "contacts": {"dpo": DPO}})
    assert _asked("contacts.person_in_charge", {"jurisdictions": ["quebec", "eu"], "contacts": {"dpo": DPO, "dpo_accountable": False}})
    assert not _asked("contacts.person_in_charge", {"jurisdictions": ["canada"]})
    assert _asked("requests.complaint_handling", {"jurisdictions": ["canada"]}) and _asked("requests.complaint_handling", {"jurisdictions": ["australia"]})
    assert not _asked("requests.complaint_handling", {"jurisdictions": ["singapore"]})
    assert _asked("sharing.affiliates_get", {"jurisdictions": ["canada"], "sharing": {"affiliates": ["Lumen Harbor Inc."]}})
    assert not _asked("sharing.affiliates_get", {"jurisdictions": ["canada"]})
    assert _asked("sharing.affiliate_countries", {"jurisdictions": ["australia"], "sharing": {"affiliates": ["Lumen Harbor NZ Limited"]}})
    assert not _asked("sharing.affiliate_countries", {"jurisdictions": ["eu"], "sharing": {"affiliates": ["Lumen Harbor NZ Limited"]}})
    assert _asked("security.holding", {"jurisdictions": ["australia"]}) and not _asked("security.holding", {"jurisdictions": ["uk"]})
    assert _asked("sharing.collects_for", {"jurisdictions": ["quebec"]}) and not _asked("sharing.collects_for", {"jurisdictions": ["canada"]})


# Singapore (PDPA s.17(1) and First Schedule Part 3): the legitimate interests exception is use without consent.

SG_INTERESTS = [
    {"purpose": "account", "legal_basis": "contract"},
    {"purpose": "security", "legal_basis": "legitimate-interests", "detail": "We keep accounts and systems safe from misuse and attacks."},
]


def test_singapore_says_legitimate_interests_are_used_without_consent() -> None:
    """Failed on main: a Singapore policy said only "Where we rely on our legitimate interests, this is the interest:", with no
    word that under the PDPA this is the exception to consent (s.17(1), First Schedule Part 3), beside "You can withdraw your
    consent"; a GDPR-only policy keeps its text."""
    text, report = case(JURISDICTION + "singapore", _set("purposes", SG_INTERESTS))
    assert (
        "Under Singapore's Personal Data Protection Act 2012, we rely on the Act's legitimate interests exception for this "
        "purpose, so we do not ask for your consent to it." in text
    )
    assert "disclose" not in text.split("legitimate interests exception")[0].rsplit("\n\n", 1)[-1]  # no practice not in the answers
    assert status(report, "sg_pdpa.legitimate_interests") == "covered"
    text, _ = case(JURISDICTION + "singapore", _all(_set("jurisdictions", ["eu"]), _set("purposes", SG_INTERESTS)))
    assert "Where we rely on our legitimate interests, this is the interest:" in text
    assert "legitimate interests exception" not in text


# Singapore (PDPA s.20(1)(a)): the purposes for which personal data is disclosed.


def test_singapore_disclosure_purposes_are_claimed_only_where_the_answers_say_why_each_recipient_gets_the_data() -> None:
    """Failed on main (reader's missing 2): no sg_pdpa requirement asked why each recipient gets the data (s.20(1)(a): "the
    purposes for the collection, use or disclosure"), so a Singapore policy whose group companies or other users got data for no
    stated reason passed. Now the sharing clauses that say why claim sg_pdpa.disclosure_purposes, met only when every recipient
    the answers name has its purpose; the clauses' text is the same for every regime."""
    text, report = case(JURISDICTION + "singapore")  # named services (the table says what each does), a new owner, the law
    assert status(report, "sg_pdpa.disclosure_purposes") == "covered"
    group = _set("sharing.affiliates", ["Lumen Harbor Pte. Ltd."])
    text, report = case(JURISDICTION + "singapore", group)
    assert status(report, "sg_pdpa.disclosure_purposes") == "missing"
    assert "sharing.affiliates_purpose" in format_report(report)
    text, report = case(JURISDICTION + "singapore", _all(group, _set("sharing.affiliates_purpose", "answer support requests for us")))
    assert "We share it with that company to answer support requests for us." in text
    assert status(report, "sg_pdpa.disclosure_purposes") == "covered"
    # Other users and buyers of the data: missing until the owner says why other users get it and whom it is sold to (the
    # answers Brazil's LGPD Art. 9, V asks too); nothing is said for the owner.
    users = _set("sharing.other_users", "Other members of a project team see your name and comments.")
    text, report = case(JURISDICTION + "singapore", users)
    assert status(report, "sg_pdpa.disclosure_purposes") == "missing" and "We share it with them" not in text
    assert "sharing.other_users_purpose" in format_report(report)
    text, report = case(JURISDICTION + "singapore", _all(users, _set("sharing.other_users_purpose", "work on the project with you")))
    assert "We share it with them to work on the project with you." in text
    assert status(report, "sg_pdpa.disclosure_purposes") == "covered"
    text, report = case(JURISDICTION + "singapore", _set("sharing.sells_data", True))
    assert status(report, "sg_pdpa.disclosure_purposes") == "missing"
    assert "We give personal information to other organisations in exchange for money or other benefit." in text  # whom: not said
    text, report = case(JURISDICTION + "singapore", _all(_set("sharing.sells_data", True), _set("sharing.sold_to", ["event organisers"])))
    assert "We give personal information to event organisers in exchange for money or other benefit." in text
    assert status(report, "sg_pdpa.disclosure_purposes") == "covered"
    assert _asked("sharing.other_users_purpose", {"jurisdictions": ["singapore"], "sharing": {"other_users": "Team members see your name."}})
    # Service providers none of which is named: the policy does not say what they do.
    _, report = case(JURISDICTION + "singapore", _set("services", []))
    assert status(report, "sg_pdpa.disclosure_purposes") == "missing"
    _, report = case(JURISDICTION + "singapore", _all(SHARES_WITH_NO_ONE, _set("transfers.storage_countries", ["Singapore"])))
    assert status(report, "sg_pdpa.disclosure_purposes") == "not applicable"
    # The wizard asks the group's purpose under Singapore too.
    assert _asked("sharing.affiliates_purpose", {"jurisdictions": ["singapore"], "sharing": {"affiliates": ["Lumen Harbor Pte. Ltd."]}})
    assert not _asked("sharing.affiliates_purpose", {"jurisdictions": ["singapore"]})


# Brazil (LGPD Art. 5, II and Art. 11): the ground each health or biometric item rests on.

HEALTH = {"category": "health", "label": "health history", "purposes": ["provide-service"], "sources": ["you"]}
BIOMETRIC = {"category": "biometric", "purposes": ["security"], "sources": ["you"]}


def _with(*items: dict[str, Any]) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["data"].extend(dict(item) for item in items)

    return change


def test_the_art_11_ground_of_sensitive_data_is_the_owners_answer() -> None:
    """Failed on main: no answer could state the Art. 11 ground of health or biometric data, so lgpd.legal_bases stayed missing for
    every Brazilian business that held such data (reader's risky 7, missing 2). With lgpd_ground given for every such item the
    policy names the ground, and the requirement is met; without one for some item it says none and stays missing."""
    text, report = case(JURISDICTION + "brazil", _with({**HEALTH, "lgpd_ground": ["health-protection"]}))
    assert (
        "Your health history is sensitive personal data under Brazil's LGPD. We use it without your consent, only where it is "
        "indispensable to protect health, in a procedure carried out by health professionals, health services or a health authority."
        in text
    )
    assert status(report, "lgpd.legal_bases") == "covered"
    text, report = case(JURISDICTION + "brazil", _with({**HEALTH, "lgpd_ground": ["specific-consent"]}, BIOMETRIC))
    sensitive = paragraph(text, "Your health history and biometric data")
    assert sensitive == "Your health history and biometric data are sensitive personal data under Brazil's LGPD."
    assert status(report, "lgpd.legal_bases") == "missing"
    assert "its lgpd_ground under 'data:': the Art. 11 ground you rely on" in format_report(report)


def test_each_laws_ground_is_named_where_the_gdpr_and_the_lgpd_both_apply() -> None:
    """The GDPR's Art. 9(2) condition is said under the GDPR and the LGPD's Art. 11 ground under the LGPD, each from its own
    answer; a business that chose only Brazil is not told a GDPR condition (failed on main: 'We use it with your explicit consent,
    which you can withdraw at any time' from special_condition, for Brazil's readers)."""
    both = _all(
        _set("jurisdictions", ["brazil", "eu"]),
        _with(
            {**HEALTH, "lgpd_ground": ["specific-consent", "legal-obligation"], "special_condition": ["explicit-consent"]},
            {**BIOMETRIC, "lgpd_ground": ["fraud-prevention"], "special_condition": ["explicit-consent"]},
        ),
    )
    text, report = case(JURISDICTION + "brazil", both)
    assert "Under the GDPR, we use each of them only as follows:" in text
    assert (
        "Under Brazil's LGPD, we use each of them only as follows:\n\n- **health history**: with your specific consent, which we ask "
        "for separately and for specific purposes, and which you can revoke at any time, or without your consent, only where it is "
        "indispensable to meet a legal or regulatory obligation of ours.\n- **biometric data**: without your consent, only where it is "
        "indispensable to prevent fraud and keep you safe when we identify you or register you in our electronic systems." in text
    )
    assert status(report, "lgpd.legal_bases") == "covered" and status(report, "gdpr.special_categories") == "covered"
    text, report = case(JURISDICTION + "brazil", _with({**HEALTH, "special_condition": ["explicit-consent"]}))
    assert paragraph(text, "Your health history") == "Your health history is sensitive personal data under Brazil's LGPD."
    assert status(report, "lgpd.legal_bases") == "missing"


def test_an_art_11_ground_is_refused_where_it_cannot_hold(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """One message per problem, at the answer's line, exit 2: a ground for data that is not health or biometric (its basis is
    its purposes' legal_basis), a ground given twice, and a ground the LGPD does not have."""
    from generator.cli import main

    data = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "brazil.yaml").read_text(encoding="utf-8"))
    data["data"][0]["lgpd_ground"] = ["specific-consent"]
    data["data"].append({**HEALTH, "lgpd_ground": ["protect-life", "protect-life"]})
    data["data"].append({**BIOMETRIC, "lgpd_ground": ["consent"]})
    path = tmp_path / "grounds.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    lines = {line.split(": ", 3)[2]: line for line in err.splitlines() if line.startswith("policygen: ")}
    assert set(lines) == {"data[0].lgpd_ground", "data[5].lgpd_ground", "data[6].lgpd_ground[0]"}, err
    assert "is for health or biometric data, which LGPD Art. 5, II counts as sensitive" in lines["data[0].lgpd_ground"]
    assert "this item is 'identity' data" in lines["data[0].lgpd_ground"]
    assert "lists 'protect-life' twice" in lines["data[5].lgpd_ground"]
    assert "'consent' is not accepted; did you mean 'specific-consent'?" in lines["data[6].lgpd_ground[0]"]
    assert "Traceback" not in err
    for line in lines.values():
        assert line.split(": ", 3)[1].split(":")[-2:] != ["1", "1"]  # at the answer's line, not the file's


def test_the_wizard_asks_the_art_11_ground_for_brazil_and_the_art_9_condition_for_the_eu_and_uk(tmp_path: Path) -> None:
    from generator.wizard.flow import Wizard
    from generator.wizard.writer import read_partial
    from tests.test_wizard import Scripted

    def asked(jurisdictions: list[str]) -> tuple[set[str], Any]:
        data = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "brazil.yaml").read_text(encoding="utf-8"))
        data["jurisdictions"] = jurisdictions
        data["data"].append({"category": "health", "purposes": ["provide-service"], "sources": ["you"]})
        path = tmp_path / "partial.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        partial, open_lists = read_partial(path)
        asker = Scripted({
            "data[5].lgpd_ground": ["health-protection"], "data[5].special_condition": ["health-care"],
            "contacts.eu_representative?": False, "contacts.uk_representative?": False,
        })  # fmt: skip
        answers = Wizard(asker, say=lambda text: None, data=partial, open_lists=open_lists).run()
        return {path for path in asker.seen if path.startswith("data[5].")}, answers

    seen, answers = asked(["brazil"])
    assert "data[5].lgpd_ground" in seen and "data[5].special_condition" not in seen
    assert [str(g) for g in answers.data[5].lgpd_ground] == ["health-protection"]
    seen, _ = asked(["brazil", "eu"])
    assert {"data[5].lgpd_ground", "data[5].special_condition"} <= seen
    seen, _ = asked(["uk"])
    assert "data[5].lgpd_ground" not in seen and "data[5].special_condition" in seen


# Brazil (LGPD Art. 8 §6): changes to the purpose, the form or duration, the controller or the shared use are told.


def test_changes_the_lgpd_names_are_told_pointing_out_what_changed() -> None:
    """Failed on main: nothing said that a change to the form or duration of the processing, the controller's identity or the
    shared use (Art. 9, II, III, V) is told to the person with what changed pointed out (Art. 8 §6; reader's missing 4): only a
    new purpose under consent was (Art. 9 §2), and no requirement asked for it. With the owner's answer the policy says so, in the
    ways the owner tells people of changes; without it the requirement is missing."""
    text, report = case(JURISDICTION + "brazil")
    assert (
        "For people in Brazil: if we change why we use your information, how we use it or how long we keep it, who we are, or whom "
        "we share it with, we will put a notice on our website and email our account holders, pointing out exactly what changed. "
        "Where we rely on your consent, you may revoke it if you disagree with the change." in text
    )
    assert status(report, "lgpd.change_notice") == "covered"
    text, report = case(JURISDICTION + "brazil", _set("policy.lgpd_change_notice", None))
    assert "pointing out exactly what changed" not in text
    assert status(report, "lgpd.change_notice") == "missing"
    text, _ = case(JURISDICTION + "brazil", _set("jurisdictions", ["eu"]))
    assert "For people in Brazil" not in text


def test_a_change_notice_without_a_way_to_tell_people_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from generator.cli import main

    data = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "brazil.yaml").read_text(encoding="utf-8"))
    data["policy"]["notice_of_changes"] = []
    path = tmp_path / "changes.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("policygen: ")]
    assert len(err) == 1 and ": policy.lgpd_change_notice: is true, but policy.notice_of_changes gives no way to tell people" in err[0], err
    assert err[0].split(": ", 3)[1].split(":")[-2:] != ["1", "1"]  # at the answer's line


def test_the_wizard_asks_the_change_notice_only_for_brazil_with_a_way_to_tell_people() -> None:
    from generator.answers.parts import PolicyDetails
    from generator.wizard.prompts import applies, question_for

    def asked(answers: dict[str, Any]) -> bool:
        field = PolicyDetails.model_fields["lgpd_change_notice"]
        return applies(question_for("policy.lgpd_change_notice", "lgpd_change_notice", field, ""), answers)

    assert asked({"jurisdictions": ["brazil"], "policy": {"notice_of_changes": ["website"]}})
    assert not asked({"jurisdictions": ["brazil"], "policy": {"notice_of_changes": []}})
    assert not asked({"jurisdictions": ["eu"], "policy": {"notice_of_changes": ["website"]}})


# Brazil (LGPD Art. 20): decisions made only by automated means that affect the person's interests; no GDPR Art. 22(2) grounds.

REVIEW = (
    "can ask us to review a decision about you made only by automated means that affects your interests, and to give you clear "
    "information about the criteria and procedures we use for it."
)
SECRETS = (
    "may hold back details that are our commercial or industrial secrets; Brazil's National Data Protection Agency (ANPD) may then "
    "audit the automated processing for discrimination."
)


def _decisions(**answers: Any) -> Any:
    """A change for case(): the automated decisions of the Brazil test file, with `answers` set (None removes one)."""

    def change(data: dict[str, Any]) -> None:
        data["automated_decisions"].update(answers)
        for key in [key for key, value in data["automated_decisions"].items() if value is None]:
            del data["automated_decisions"][key]

    return change


def test_the_gdpr_art_22_grounds_are_not_said_to_a_brazil_only_reader() -> None:
    """Failed on main: a Brazil-only owner who gave automated_decisions.grounds (asked under `gdpr_like`, which Brazil makes true)
    had "We decide this way only because it is necessary for a contract with you." printed, GDPR Art. 22(2)'s rule, which the LGPD
    does not have (Art. 20 gives only the review and the information on criteria). With the EU or the UK chosen it is said."""
    grounds = _decisions(grounds=["contract"], logic="the email domain and signs of earlier misuse")
    text, report = case(JURISDICTION + "brazil", grounds)
    assert "How the decisions are made: The email domain and signs of earlier misuse." in text
    assert "We decide this way only because" not in text
    assert "You " + REVIEW in text
    assert status(report, "lgpd.automated_review") == "covered"
    for law in ("eu", "uk"):
        text, _ = case(JURISDICTION + "brazil", _all(grounds, _set("jurisdictions", ["brazil", law])))
        assert "We decide this way only because" in text, law


def test_the_art_20_review_reaches_decisions_that_affect_interests_without_significant_effects() -> None:
    """Failed on main (reader's missing 6): automated_decisions.used asks for decisions with legal or similarly significant effects
    (the GDPR's test), while LGPD Art. 20 reaches every decision taken only on automated processing that affects the person's
    interests, profile-defining decisions included. An owner whose decisions affect interests less than significantly had no way to
    say so, and a Brazilian reader was told no right of review. Now the Brazil answer automated_decisions.lgpd_decisions says it."""
    smaller = _decisions(used=False, lgpd_decisions=True, description="We rank incoming leads automatically from the pages they visit.")
    text, report = case(JURISDICTION + "brazil", smaller)
    assert (
        "We make some decisions about people by automated means alone, and they can affect your interests. This is what we do and what "
        "it means for you: We rank incoming leads automatically from the pages they visit." in text
    )
    assert "\n\nYou " + REVIEW + "\n" in text
    assert "significantly" not in text and "have a person review it" not in text
    assert status(report, "lgpd.automated_review") == "covered"
    # With the EU also chosen, the review is Brazil's alone: no GDPR Art. 22 rights for decisions without significant effects.
    text, _ = case(JURISDICTION + "brazil", _all(smaller, _set("jurisdictions", ["brazil", "eu"])))
    assert "If you are in Brazil, you " + REVIEW in text
    assert "have a person review it" not in text
    # Unanswered, nothing is said and nothing is claimed; answered no (and used no), the requirement does not apply.
    text, report = case(JURISDICTION + "brazil", _decisions(used=False, lgpd_decisions=None))
    assert "automated means" not in text and status(report, "lgpd.automated_review") == "absent"
    text, report = case(JURISDICTION + "brazil", _decisions(used=False, lgpd_decisions=False))
    assert "automated means" not in text and status(report, "lgpd.automated_review") == "not applicable"
    # Without Brazil the answer changes nothing.
    for law in ("eu", "quebec"):
        base, _ = case(JURISDICTION + "brazil", _all(_decisions(used=False), _set("jurisdictions", [law])))
        text, _ = case(JURISDICTION + "brazil", _all(smaller, _set("jurisdictions", [law])))
        assert "can affect your interests" not in text and REVIEW not in text, law
        assert text.replace("We rank incoming leads automatically from the pages they visit.", "") == base.replace(
            "Our system decides automatically whether to approve a free trial, using the email domain and signs of earlier misuse.", ""
        ), law


def test_significant_automated_decisions_cannot_be_said_not_to_affect_interests() -> None:
    with pytest.raises(Exception, match=r"automated_decisions.lgpd_decisions: is false, but automated_decisions.used is true"):
        case(JURISDICTION + "brazil", _decisions(lgpd_decisions=False))


def test_the_art_20_trade_secret_limit_is_said_only_where_the_owner_relies_on_it() -> None:
    """Failed on main: the answers had no way to say that the information on criteria and procedures leaves out commercial and
    industrial secrets, which Art. 20 §1 allows (and §2 then lets the ANPD audit for discrimination). Said only on a yes."""
    text, _ = case(JURISDICTION + "brazil", _decisions(lgpd_trade_secrets=True))
    assert "You " + REVIEW + " We " + SECRETS in text
    for answer in (False, None):
        text, _ = case(JURISDICTION + "brazil", _decisions(lgpd_trade_secrets=answer))
        assert "secrets" not in text
    text, _ = case(JURISDICTION + "brazil", _all(_decisions(lgpd_trade_secrets=True), _set("jurisdictions", ["brazil", "eu"])))
    assert "to contest the decision. If you are in Brazil, we " + SECRETS in text
    text, _ = case(JURISDICTION + "brazil", _all(_decisions(lgpd_trade_secrets=True), _set("jurisdictions", ["eu"])))
    assert "secrets" not in text


def test_the_wizard_asks_the_art_20_questions_for_brazil_and_the_art_22_grounds_for_the_eu_and_uk(tmp_path: Path) -> None:
    from generator.wizard.flow import Wizard
    from generator.wizard.writer import read_partial
    from tests.test_wizard import Scripted

    def asked(jurisdictions: list[str], decisions: dict[str, Any]) -> set[str]:
        data = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "brazil.yaml").read_text(encoding="utf-8"))
        data["jurisdictions"] = jurisdictions
        data["automated_decisions"] = decisions
        path = tmp_path / "partial.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        partial, open_lists = read_partial(path)
        asker = Scripted({"contacts.eu_representative?": False, "contacts.uk_representative?": False})
        Wizard(asker, say=lambda text: None, data=partial, open_lists=open_lists).run()
        return {path for path in asker.seen if path.startswith("automated_decisions.")}

    significant = {"used": True, "profiling": False, "description": "We approve free trials automatically."}
    seen = asked(["brazil"], significant)
    assert "automated_decisions.grounds" not in seen and "automated_decisions.lgpd_decisions" not in seen
    assert "automated_decisions.lgpd_trade_secrets" in seen
    seen = asked(["brazil", "eu"], significant)
    assert {"automated_decisions.grounds", "automated_decisions.lgpd_trade_secrets"} <= seen
    seen = asked(["uk"], significant)
    assert "automated_decisions.grounds" in seen and "automated_decisions.lgpd_trade_secrets" not in seen
    seen = asked(["brazil"], {"used": False, "profiling": False})
    assert "automated_decisions.lgpd_decisions" in seen
    seen = asked(["eu"], {"used": False, "profiling": False})
    assert "automated_decisions.lgpd_decisions" not in seen


# Brazil (LGPD Art. 33, VIII-IX): a transfer resting on the person's specific consent, or on necessity, is said as such.

CONSENT_BASIS = "with your specific consent to this transfer, which we ask for separately"


def test_a_transfer_out_of_brazil_on_specific_consent_is_said_as_its_basis_never_as_a_safeguard() -> None:
    """Failed on main: out of Brazil only the ANPD's recognition (Art. 33, I) and its standard clauses (II, b) could be answered, so
    a business relying on the person's specific and prominent consent to the transfer (VIII) or on the transfer being necessary for a
    legal obligation, a contract or the exercise of rights (IX, with Art. 7, II, V and VI) could not say so, and the requirement was
    missing. Now transfers.lgpd_transfer_bases says what the transfer rests on, in words that never call it a safeguard."""
    consent_only = _set("transfers", {"storage_countries": ["United States"], "lgpd_transfer_bases": ["specific-consent"]})
    text, report = case(JURISDICTION + "brazil", consent_only)
    brazil = paragraph(text, "If you are in Brazil")
    assert brazil == (
        "If you are in Brazil, your information is transferred internationally, to the United States. We send your information there "
        "only " + CONSENT_BASIS + "."
    )
    assert "protect" not in brazil and "safeguard" not in brazil
    assert status(report, "lgpd.international_transfer") == "covered"
    text, report = case(JURISDICTION + "brazil", _set("transfers", {"storage_countries": ["United States"]}))
    assert "consent to this transfer" not in text
    assert status(report, "lgpd.international_transfer") == "missing"
    # Beside the ANPD's clauses, the bases are what the transfer rests on where the clauses do not apply.
    text, _ = case(JURISDICTION + "brazil", _set("transfers.lgpd_transfer_bases", ["specific-consent", "legal-obligation"]))
    assert (
        "We protect it with the ANPD's standard contractual clauses (Resolution CD/ANPD 19/2024), as Brazil's LGPD allows. Where they "
        "do not apply, we send your information there only " + CONSENT_BASIS + ", or when the transfer is needed to meet a legal or "
        "regulatory obligation we have." in text
    )
    # Beside the ANPD's recognition of an EEA country, the bases are said for the other countries only.
    text, _ = case(
        JURISDICTION + "brazil", _set("transfers", {"storage_countries": ["United States", "Germany"], "lgpd_transfer_bases": ["contract"]})
    )
    assert (
        "Brazil's National Data Protection Agency (ANPD) has recognised that Germany protects personal data adequately. We send your "
        "information to the United States only when the transfer is needed to carry out a contract with you, or steps you ask for "
        "before one." in text
    )
    # Without Brazil the answer changes nothing.
    base, _ = case(JURISDICTION + "brazil", _all(_set("transfers", {"storage_countries": ["United States"]}), _set("jurisdictions", ["eu"])))
    text, _ = case(JURISDICTION + "brazil", _all(consent_only, _set("jurisdictions", ["eu"])))
    assert text == base


@pytest.mark.parametrize("field", ["safeguards", "uk_safeguards", "ch_safeguards"])
def test_consent_is_refused_as_a_transfer_safeguard(field: str) -> None:
    """Failed on main: consent under transfers.safeguards was taken as a safeguard, and a business without a home-law paragraph of
    its own (one in India, say) printed "We protect it there with your explicit consent to the transfer": consent to a transfer is a
    basis of its own (GDPR Art. 49(1)(a), LGPD Art. 33, VIII), not a safeguard that protects the data. Refused at load now."""
    with pytest.raises(Exception, match=rf"transfers.{field}.*names consent, which is not a safeguard"):
        case(JURISDICTION + "brazil", _set(f"transfers.{field}", ["your explicit consent to the transfer"]))


def test_the_wizard_asks_the_art_33_bases_only_for_brazil(tmp_path: Path) -> None:
    from generator.wizard.flow import Wizard
    from generator.wizard.writer import read_partial
    from tests.test_wizard import Scripted

    def asked(jurisdictions: list[str]) -> set[str]:
        data = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "brazil.yaml").read_text(encoding="utf-8"))
        data["jurisdictions"] = jurisdictions
        data["transfers"] = {"storage_countries": ["United States"]}
        path = tmp_path / "partial.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        partial, open_lists = read_partial(path)
        asker = Scripted({"contacts.eu_representative?": False, "contacts.uk_representative?": False})
        Wizard(asker, say=lambda text: None, data=partial, open_lists=open_lists).run()
        return {path for path in asker.seen if path.startswith("transfers.")}

    assert "transfers.lgpd_transfer_bases" in asked(["brazil"])
    assert "transfers.lgpd_transfer_bases" not in asked(["eu"])


# Brazil (LGPD Art. 33, II a and c, IV, with Art. 35 and Resolution CD/ANPD 19/2024; 2026-12-03, br17h).

TO_THE_US = {"storage_countries": ["United States"]}
GROUP = _set("sharing.affiliates", ["Lumen Harbor Holding Inc."])


def test_specific_clauses_and_group_rules_the_anpd_approved_protect_a_transfer_out_of_brazil() -> None:
    """Failed on main: only the ANPD's recognition (Art. 33, I), its standard clauses (II, b), consent (VIII) and necessity (IX) could
    be answered; a business whose transfer rests on contractual clauses written for it (II, a) or on its group's global corporate
    rules (II, c), each approved by the ANPD (Art. 35; Resolution CD/ANPD 19/2024), could not say so, and the requirement was missing.
    These are safeguards: said after "we protect it with", each with the ANPD's approval, and only when answered."""
    text, report = case(JURISDICTION + "brazil", _set("transfers", {**TO_THE_US, "lgpd_transfer_bases": ["anpd-specific-clauses"]}))
    assert paragraph(text, "If you are in Brazil") == (
        "If you are in Brazil, your information is transferred internationally, to the United States. We protect it with contractual "
        "clauses written for the transfer and approved by the ANPD, as Brazil's LGPD allows."
    )
    assert status(report, "lgpd.international_transfer") == "covered"
    group_rules = _set("transfers", {**TO_THE_US, "lgpd_transfer_bases": ["anpd-global-corporate-rules", "specific-consent"]})
    text, report = case(JURISDICTION + "brazil", _all(GROUP, group_rules))
    assert (
        "We protect it with global corporate rules that the ANPD has approved for transfers within our group, as Brazil's LGPD allows. "
        "Where they do not apply, we send your information there only " + CONSENT_BASIS + "." in text
    )
    assert status(report, "lgpd.international_transfer") == "covered"
    # Beside the owner's own words naming the ANPD's standard clauses, the approved clauses are the other way.
    text, _ = case(JURISDICTION + "brazil", _set("transfers.lgpd_transfer_bases", ["anpd-specific-clauses"]))
    assert (
        "We protect it with the ANPD's standard contractual clauses (Resolution CD/ANPD 19/2024) or contractual clauses written for the "
        "transfer and approved by the ANPD, as Brazil's LGPD allows." in text
    )
    # Unanswered, neither is said.
    text, _ = case(JURISDICTION + "brazil")
    assert "approved by the ANPD" not in text and "global corporate rules" not in text


def test_a_transfer_out_of_brazil_to_protect_life_is_said_as_its_basis() -> None:
    """Failed on main: Art. 33, IV (the transfer is needed to protect the life or physical safety of the person or of someone else)
    could not be answered. It is what the transfer rests on, never a safeguard."""
    text, report = case(JURISDICTION + "brazil", _set("transfers", {**TO_THE_US, "lgpd_transfer_bases": ["protect-life"]}))
    brazil = paragraph(text, "If you are in Brazil")
    assert brazil.endswith(
        "We send your information there only when the transfer is needed to protect your life or physical safety, or someone else's."
    )
    assert "protect it" not in brazil
    assert status(report, "lgpd.international_transfer") == "covered"


def test_contradictory_art_33_bases_are_refused_at_their_line() -> None:
    """Failed on main: a basis listed twice was said twice ("... or when the transfer is needed to carry out a contract with you, ...,
    or when the transfer is needed to carry out a contract with you, ..."); and global corporate rules, which cover only transfers
    inside a group (Resolution CD/ANPD 19/2024), could be claimed with no group company named."""
    with pytest.raises(Exception, match=r"transfers.lgpd_transfer_bases: lists 'contract' twice: give each basis once"):
        case(JURISDICTION + "brazil", _set("transfers.lgpd_transfer_bases", ["contract", "contract"]))
    with pytest.raises(Exception, match=r"transfers.lgpd_transfer_bases: lists 'anpd-global-corporate-rules'.*sharing.affiliates names"):
        case(JURISDICTION + "brazil", _set("transfers.lgpd_transfer_bases", ["anpd-global-corporate-rules"]))
    # Not offered: II (d), seals, certificates and codes of conduct (no ANPD procedure verifies them yet), and V (an ANPD authorisation).
    for basis in ("seals", "anpd-authorisation"):
        with pytest.raises(Exception, match=r"transfers.lgpd_transfer_bases"):
            case(JURISDICTION + "brazil", _set("transfers.lgpd_transfer_bases", [basis]))


# Brazil (LGPD Art. 9, V: other users of the service, and a business that shares with no one; 2026-12-03, br17h).

OTHER_USERS = "The clinic you book with gets your name and the time of your appointment"
OTHER_USERS_ONLY = _all(
    SHARES_WITH_NO_ONE, _set("sharing.other_users", OTHER_USERS), _set("sharing.staff_need_to_know", True)
)


def test_a_brazilian_policy_says_why_other_users_get_the_data() -> None:
    """Failed on main: a Brazil file whose only recipients are other users of the service (sharing.other_users, what they get in the
    owner's sentence) reported lgpd.shared_use missing, and no answer could close it: the sentence says what they get, not why (Art.
    9, V: the shared use and its purpose). Now sharing.other_users_purpose says why, in the owner's words, and the requirement is met
    only with it, whoever else the policy describes."""
    text, report = case(JURISDICTION + "brazil", OTHER_USERS_ONLY)
    assert OTHER_USERS + "." in text and "We share it with them" not in text
    assert status(report, "lgpd.shared_use") == "missing"
    assert "sharing.other_users_purpose" in format_report(report)
    text, report = case(JURISDICTION + "brazil", _all(OTHER_USERS_ONLY, _set("sharing.other_users_purpose", "book and keep your appointment")))
    assert "**Other users of our service.** " + OTHER_USERS + ". We share it with them to book and keep your appointment." in text
    assert status(report, "lgpd.shared_use") == "covered"
    # With other recipients too, the other users' purpose is still needed.
    _, report = case(JURISDICTION + "brazil", _set("sharing.other_users", OTHER_USERS))
    assert status(report, "lgpd.shared_use") == "missing"


def test_the_wizard_asks_why_other_users_get_the_data_only_for_brazil() -> None:
    from generator.answers.disclosure import Sharing
    from generator.wizard.prompts import applies, question_for

    def asked(answers: dict[str, Any]) -> bool:
        field = Sharing.model_fields["other_users_purpose"]
        return applies(question_for("sharing.other_users_purpose", "other_users_purpose", field, ""), answers)

    assert asked({"jurisdictions": ["brazil"], "sharing": {"other_users": OTHER_USERS}})
    assert not asked({"jurisdictions": ["brazil"]})
    assert not asked({"jurisdictions": ["eu"], "sharing": {"other_users": OTHER_USERS}})


def test_apps_people_connect_decide_whether_a_business_shares_with_no_one() -> None:
    """Failed on main: a business whose data comes from apps people connect, that answered it sends them nothing
    (sharing.connected_apps false: "we send it no personal information"), shared with no one yet lgpd.shared_use was missing; and one
    that answered it sends them data, with no data answered as coming from such apps, was told lgpd.shared_use was not applicable."""

    def from_apps(data: dict[str, Any]) -> None:
        data["data"][0]["sources"] = ["you", "integrations"]

    _, report = case(JURISDICTION + "brazil", _all(SHARES_WITH_NO_ONE, from_apps, _set("sharing.connected_apps", False)))
    assert status(report, "lgpd.shared_use") == "not applicable"
    _, report = case(JURISDICTION + "brazil", _all(SHARES_WITH_NO_ONE, from_apps))
    assert status(report, "lgpd.shared_use") != "not applicable"  # unanswered: never a reason
    _, report = case(JURISDICTION + "brazil", _all(SHARES_WITH_NO_ONE, _set("sharing.connected_apps", True)))
    assert status(report, "lgpd.shared_use") != "not applicable"



def test_a_sale_is_said_to_brazils_readers_with_whom() -> None:
    """Failed on main: a Brazil-only business that answered it sells personal data printed nothing of the sale (only the US states'
    sections say it), and lgpd.shared_use passed through its other recipients (Art. 9, V: the shared use, a sale among it). Sharing
    for advertising with no advertising company named passed the same way. Now the sale is said, with whom in the owner's words, and
    the requirement needs sharing.sold_to, or the advertising companies."""
    text, report = case(JURISDICTION + "brazil", _set("sharing.sells_data", True))
    assert "**Organisations we sell it to.** We give personal information to other organisations in exchange for money or other benefit." in text
    assert status(report, "lgpd.shared_use") == "missing"
    assert "sharing.sold_to" in format_report(report)
    text, report = case(JURISDICTION + "brazil", _all(_set("sharing.sells_data", True), _set("sharing.sold_to", ["event organisers"])))
    assert "We give personal information to event organisers in exchange for money or other benefit." in text
    assert status(report, "lgpd.shared_use") == "covered"
    _, report = case(JURISDICTION + "brazil", _set("sharing.shares_for_advertising", True))
    assert status(report, "lgpd.shared_use") == "missing"
    text, report = case(JURISDICTION + "brazil", _all(_set("sharing.shares_for_advertising", True), _set("services", ["aws", "google-ads"])))
    assert "**Advertising companies.**" in text
    assert status(report, "lgpd.shared_use") == "covered"
    text, _ = case(JURISDICTION + "brazil")  # answered no: nothing said
    assert "Organisations we sell it to" not in text


def test_the_wizard_asks_a_brazil_only_owner_about_a_sale_and_advertising() -> None:
    """Failed on main: the two questions a business that shares with no one must answer "no" for lgpd.shared_use to be not
    applicable (a sale, sharing for advertising) were asked only where a US state, Canada or India is chosen, so a Brazil-only owner
    in the wizard could never reach it."""
    from generator.answers.disclosure import Sharing
    from generator.wizard.prompts import applies, question_for

    def asked(field: str, jurisdictions: list[str]) -> bool:
        return applies(question_for(f"sharing.{field}", field, Sharing.model_fields[field], ""), {"jurisdictions": jurisdictions})

    for field in ("sells_data", "shares_for_advertising"):
        assert asked(field, ["brazil"])
        assert not asked(field, ["eu"])


# Brazil (LGPD Art. 11, I with Art. 8 §5 and Art. 18, VIII-IX; Art. 7, III).


def _no_consent_purposes(data: dict[str, Any]) -> None:
    """The Brazil test file without consent: no purpose on consent, no marketing, only essential cookies."""
    data["purposes"] = [row for row in data["purposes"] if row["legal_basis"] != "consent"]
    data["marketing"] = {"sends_marketing": False}
    for item in data["data"]:
        item["purposes"] = [p for p in item["purposes"] if p not in ("marketing", "analytics")] or ["improve"]
    data["cookies"]["kinds"] = ["essential"]


def test_an_art_11_consent_to_sensitive_data_can_be_refused_and_revoked() -> None:
    """Failed on main (the 2026-12-03 Art. 11 entry's open item): a sensitive item used on the person's specific consent (Art. 11, I)
    did not make the LGPD's consent requirements apply when no purpose rested on consent, so nothing said that the consent may be
    refused, with what refusing means (Art. 18, VIII), or revoked (Art. 8 §5, Art. 18, IX), and the check passed without them."""
    consent = _all(_no_consent_purposes, _with({**HEALTH, "lgpd_ground": ["specific-consent"]}))
    text, report = case(JURISDICTION + "brazil", consent)
    assert (
        "You may refuse consent. If you do, we cannot do the things that need it, such as use your health history. You can revoke "
        "consent at any time, free of charge, in the ways you can make a request." in text
    )
    assert "sending you marketing" not in text
    for requirement in ("lgpd.deny_consent_consequences", "lgpd.revoke_consent", "lgpd.purpose_change"):
        assert status(report, requirement) == "covered", requirement
    # A ground other than consent leaves them out, as before.
    text, report = case(JURISDICTION + "brazil", _all(_no_consent_purposes, _with({**HEALTH, "lgpd_ground": ["health-protection"]})))
    assert "You may refuse consent." not in text
    assert status(report, "lgpd.revoke_consent") == "absent"
    # Beside consent purposes, both are named.
    text, _ = case(JURISDICTION + "brazil", _with({**HEALTH, "lgpd_ground": ["specific-consent"]}))
    assert (
        "we cannot do the things that need it, such as send marketing, understand how our website and services are used or use your "
        "health history." in paragraph(text, "You may refuse consent.")
    )


def test_a_public_task_is_no_lgpd_basis_for_a_business() -> None:
    """Failed on main (reader's missing 2, the Art. 7, III half): a purpose on legal_basis public-task met lgpd.legal_bases, though
    Art. 7, III is the public administration's basis ("pela administração pública ... à execução de políticas públicas"), and every
    kind of business the answers know is private. The check now reports the basis as missing for Brazil; the EU's is unchanged."""

    def public_task(data: dict[str, Any]) -> None:
        data["purposes"] = [{**row, "legal_basis": "public-task"} if row["purpose"] == "improve" else row for row in data["purposes"]]
        del next(row for row in data["purposes"] if row["purpose"] == "improve")["detail"]

    _, report = case(JURISDICTION + "brazil", public_task)
    assert status(report, "lgpd.legal_bases") == "missing"
    assert "other than public-task (the basis of Art. 7, III is the public administration's, whose processing" in format_report(report)
    _, report = case(JURISDICTION + "brazil")
    assert status(report, "lgpd.legal_bases") == "covered"
