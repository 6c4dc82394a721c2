"""Regression tests of the independent readers' findings, part B, for Brazil, Canada, Quebec, Singapore and Australia (issue 17,
docs/legal-review.md): each test failed on main, where the policy said what the reader found wrong or the check passed a
requirement without what the law needs, and asserts the right text or status. The answers are the test files of
`tests/jurisdictions/`, changed where a finding needs other answers."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from generator.check import format_report
from tests.test_legal_review import case, paragraph, status

JURISDICTION = "../jurisdictions/"  # case() reads tests/legal/<name>.yaml; these are beside it


def _set(path: str, value: Any) -> Any:
    """A change for case(): set the dotted `path` of the answers to `value` (None removes it)."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        part = data
        for key in parents:
            part = part.setdefault(key, {})
        if value is None:
            part.pop(last, None)
        else:
            part[last] = copy.deepcopy(value)  # a later change to these answers must not reach the value shared by other cases

    return change


def _all(*changes: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change


# Brazil (LGPD Arts. 18, 33, 55-A; Lei 15.352/2026; Resolutions CD/ANPD 19/2024 and 32/2026).


def test_the_anpd_has_its_name_as_an_agency() -> None:
    """Failed on main: 'petition the National Data Protection Authority (ANPD)', the name before Lei 15.352/2026."""
    text, _ = case(JURISDICTION + "brazil")
    assert "petition Brazil's National Data Protection Agency (Agência Nacional de Proteção de Dados, ANPD) about your data." in text
    assert "Data Protection Authority" not in text


def test_data_collected_automatically_is_not_said_to_be_given() -> None:
    """Failed on main: 'You do not have to give us your log data, but without this information we cannot provide our services to
    you' for log data collected automatically (reader's wrong 2, LGPD Art. 9 §3); and, where log data also served the service,
    'We need your identity details, [...] and log data to enter into and carry out our contract with you. You do not have to give
    us this information'."""
    text, report = case(JURISDICTION + "brazil")
    assert "We collect your log data automatically when you use our website, and we cannot provide our services to you without this information." in text
    assert "give us your log data" not in text
    assert status(report, "lgpd.condition_of_service") == "covered"

    def also_for_the_service(data: dict[str, Any]) -> None:
        next(item for item in data["data"] if item["category"] == "device")["purposes"].append("provide-service")

    text, _ = case(JURISDICTION + "brazil", also_for_the_service)
    needed = paragraph(text, "We need your")
    assert needed.startswith("We need your identity details, contact details and account login details to enter into")
    assert "log data" not in needed
    assert "We collect your log data automatically when you use our website" in text


def test_the_eu_clauses_are_not_called_an_lgpd_safeguard() -> None:
    """Failed on main: 'We protect it with standard contractual clauses, as Brazil's LGPD allows' (only the ANPD's clauses are)."""
    text, report = case(JURISDICTION + "brazil", _set("transfers.safeguards", ["standard contractual clauses"]))
    brazil = paragraph(text, "If you are in Brazil")
    assert brazil == "If you are in Brazil, your information is transferred internationally, to the United States."
    assert status(report, "lgpd.international_transfer") == "missing"


def test_the_anpds_clauses_and_its_eu_adequacy_protect_transfers_out_of_brazil() -> None:
    text, report = case(JURISDICTION + "brazil", _set("transfers.storage_countries", ["United States", "Ireland"]))
    brazil = paragraph(text, "If you are in Brazil")
    assert "Brazil's National Data Protection Agency (ANPD) has recognised that Ireland protects personal data adequately." in brazil
    assert brazil.endswith(
        "For the United States, we protect it with the ANPD's standard contractual clauses (Resolution CD/ANPD 19/2024), as Brazil's LGPD allows."
    )
    assert status(report, "lgpd.international_transfer") == "covered"


def test_the_anpds_adequacy_alone_covers_a_transfer_to_the_eea() -> None:
    """Failed on main: a transfer to Ireland alone, which Resolution CD/ANPD 32/2026 covers, was missing without a safeguard."""
    only_ireland = _all(_set("services", []), _set("transfers.storage_countries", ["Ireland"]), _set("transfers.safeguards", []))
    text, report = case(JURISDICTION + "brazil", only_ireland)
    assert paragraph(text, "If you are in Brazil").endswith("has recognised that Ireland protects personal data adequately.")
    assert status(report, "lgpd.international_transfer") == "covered"


def test_the_sharing_lead_in_does_not_meet_the_lgpd_shared_use_requirement() -> None:
    """Failed on main: with only the group's companies receiving data and no purpose given, lgpd.shared_use (Art. 9, V: the
    shared use and its purpose) was covered by the lead-in 'This section says who receives personal information from us.',
    which names neither (reader's missing 7). The clauses that name a recipient and why it gets the data claim it now."""
    only_the_group = _all(
        _set("services", []),
        _set("sharing", {"service_providers": False, "staff_need_to_know": False, "business_transfers": False, "legal_requests": False,
                         "sells_data": False, "shares_for_advertising": False, "affiliates": ["Acme Holdings Ltda."]}),
    )
    text, report = case(JURISDICTION + "brazil", only_the_group)
    assert "Another company in our group gets personal information from us: Acme Holdings Ltda." in text  # one company: singular
    assert status(report, "lgpd.shared_use") == "missing"
    text, report = case(JURISDICTION + "brazil")
    assert "If we sell our business, your information may pass to the new owner." in text
    assert status(report, "lgpd.shared_use") == "covered"


SHARES_WITH_NO_ONE = _all(
    _set("services", []),
    _set("transfers.storage_countries", ["Brazil"]),
    _set("sharing", {"service_providers": False, "staff_need_to_know": True, "business_transfers": False, "legal_requests": False,
                     "sells_data": False, "shares_for_advertising": False}),
)


def test_a_business_that_shares_with_no_one_has_no_lgpd_shared_use_to_describe() -> None:
    """Failed on main: with every way out answered "no" and no service listed, lgpd.shared_use (Art. 9, V: the shared use and its
    purpose) was reported 'missing: answer the sharing: questions', which the owner had answered. Nothing is shared, so there is
    no shared use to describe: not applicable, with the reason; any one recipient brings the requirement back."""
    text, report = case(JURISDICTION + "brazil", SHARES_WITH_NO_ONE)
    assert "Only the people who work for us and need your information for their work can see it." in text
    assert status(report, "lgpd.shared_use") == "not applicable"
    assert "not applicable: the business shares personal information with no one" in format_report(report)
    for recipient in (
        _set("sharing.legal_requests", True),
        _set("sharing.affiliates", ["Acme Holdings Ltda."]),
        _set("sharing.other_users", "the seller of an order gets the buyer's name"),
        _set("services", ["aws"]),
        _set("sharing.sells_data", None),  # not answered: never a reason
    ):
        _, report = case(JURISDICTION + "brazil", _all(SHARES_WITH_NO_ONE, recipient))
        assert status(report, "lgpd.shared_use") != "not applicable"


def test_health_data_of_a_brazil_only_business_is_not_called_gdpr_special_category_data() -> None:
    """Failed on main: a business that chose only Brazil was told 'Your health history is special category data under the GDPR,
    and sensitive personal data under Brazil's LGPD', naming a law it did not choose (LGPD Art. 5, II; reader's risky 7). And
    lgpd.legal_bases was covered by the Art. 7-style list of bases, which gives no Art. 11 ground for sensitive data."""

    def health(data: dict[str, Any]) -> None:
        data["data"].append({"category": "health", "label": "health history", "purposes": ["provide-service"], "sources": ["you"]})

    text, report = case(JURISDICTION + "brazil", health)
    assert "Your health history is sensitive personal data under Brazil's LGPD." in text
    assert "under the GDPR" not in text
    assert status(report, "lgpd.legal_bases") == "missing"
    _, report = case(JURISDICTION + "brazil")
    assert status(report, "lgpd.legal_bases") == "covered"


def test_keeping_data_to_settle_disputes_needs_its_period_for_brazil() -> None:
    """Failed on main: 'We may also keep it to settle disputes.' with no period or criteria, and the LGPD's duration of the
    processing (Art. 9, II) passed (reader's risky 10); Art. 16 lists no dispute as a reason to keep data once processing ends."""
    text, report = case(JURISDICTION + "brazil", _set("retention.disputes_period", None))
    assert "We may also keep it to settle disputes." in text
    assert status(report, "lgpd.disputes_retention") == "missing"
    assert "missing: give retention.disputes_period" in format_report(report)
    text, report = case(JURISDICTION + "brazil")
    assert "We may also keep it to settle disputes (until the dispute is settled or the time limit for bringing a claim has passed)." in text
    assert status(report, "lgpd.disputes_retention") == "covered"
    _, report = case(JURISDICTION + "brazil", _set("retention.reasons", ["purpose"]))
    assert status(report, "lgpd.disputes_retention") == "absent"


# Quebec (CQLR c. P-39.1 ss.3.2, 8, 8.1; the twin s.65.0.1).


def test_quebec_functions_are_said_to_be_off_only_when_the_owner_says_how_to_turn_them_on() -> None:
    """Failed on main: 'these functions are off until you turn them on' for profiling that runs on its own at sign-up."""
    text, report = case(JURISDICTION + "quebec", _set("automated_decisions.quebec_activation", None))
    assert "We use technology that can build a profile of you." in text
    assert "off until you turn them on" not in text
    assert status(report, "quebec.tracking_technology") == "missing"
    text, report = case(JURISDICTION + "quebec")
    assert (
        "For people in Quebec these functions are off until you turn them on. This is how you turn them on: with the Fraud checks "
        "switch in your account's privacy settings." in text
    )
    assert status(report, "quebec.tracking_technology") == "covered"


def test_the_quebec_governance_policy_is_covered_only_by_a_link_to_it() -> None:
    """Failed on main: quebec.confidentiality_policy was covered by the introduction, which describes no governance policy."""
    _, report = case(JURISDICTION + "quebec", _set("policy.governance_url", None))
    assert status(report, "quebec.confidentiality_policy") == "missing"
    text, report = case(JURISDICTION + "quebec")
    governance = paragraph(text, "We publish our policies and practices for governing personal information at")
    assert "(https://lumenharbor.example/privacy-governance). They say how we keep and destroy it" in governance
    assert status(report, "quebec.confidentiality_policy") == "covered"


def test_quebec_communication_outside_quebec_names_where_the_business_is() -> None:
    """Failed on main: a business in India hosting in the United States said only 'outside Quebec, to the United States'."""
    text, _ = case(JURISDICTION + "quebec", _set("business.country", "India"))
    assert "We communicate personal information of people in Quebec outside Quebec, to India, where we are based, and to the United States." in text
    # A business elsewhere in Canada sends it to its own province too, which the answers do not name.
    text, _ = case(JURISDICTION + "quebec")
    assert "outside Quebec, including to the United States." in text


# Canada (PIPEDA Sch. 1 cl. 4.1, 4.1.3, 4.10; s.26(2)(b) orders for British Columbia, Alberta and Quebec).


def test_the_privacy_commissioner_of_canada_is_not_the_only_complaint_route() -> None:
    """Failed on main: only the OPC, where BC, Alberta and Quebec have their own laws and commissioners for local handling."""
    text, _ = case(JURISDICTION + "canada")
    assert (
        "A business that is not federally regulated and handles your information only within British Columbia, Alberta or Quebec "
        "follows that province's own privacy law instead of PIPEDA." in text
    )


def test_the_cross_border_notice_names_the_business_country_and_every_other() -> None:
    """Failed on main: 'outside Canada, in the United States. [...] of that country' for a business in India hosting in the US."""
    text, _ = case(JURISDICTION + "canada", _set("business.country", "India"))
    notice = paragraph(text, "Your personal information is stored or processed outside Canada")
    assert notice.startswith("Your personal information is stored or processed outside Canada, in India, where we are based, and in the United States.")
    assert "authorities of those countries" in notice


def test_a_gdpr_dpo_is_the_accountable_person_only_when_the_owner_says_so() -> None:
    """Failed on main: with the GDPR, 'Our Data Protection Officer is ... They are the person accountable for [...]' (PIPEDA)."""
    text, report = case(JURISDICTION + "canada", _set("jurisdictions", ["canada", "eu"]))
    assert "Our Data Protection Officer is" in text
    assert "person accountable" not in text
    assert status(report, "pipeda.accountable_person") == "missing"
    text, report = case(JURISDICTION + "canada", _all(_set("jurisdictions", ["canada", "eu"]), _set("contacts.dpo_accountable", True)))
    assert "Under Canadian and Quebec law, they are also the person accountable for, and in charge of, protecting personal information" in text
    assert status(report, "pipeda.accountable_person") == "covered"


# Singapore (PDPA ss.13, 14(1), 20(1)(b)).


def test_a_new_purpose_in_singapore_needs_consent_not_only_notice() -> None:
    """Failed on main: 'We will tell you before we use or disclose your data for a purpose we have not told you about.'"""
    text, _ = case(JURISDICTION + "singapore")
    assert (
        "Before we use or disclose your data for a purpose we have not told you about, we will tell you and ask for your consent, "
        "unless the law lets us do so without it." in text
    )
    assert "We will tell you before" not in text


# Australia (APP 1.7-1.9 from 10 December 2026; APP 5.2(c)).


def test_decisions_a_program_helps_make_are_disclosed_under_app_1_8() -> None:
    """Failed on main: with no decision by automated means alone, au_app.automated_decisions was 'not applicable'."""
    assisted = _all(
        _set("automated_decisions", {"used": False, "profiling": False, "assisted": True}),
    )
    _, report = case(JURISDICTION + "australia", assisted)
    assert status(report, "au_app.automated_decisions") == "missing"
    described = _all(assisted, _set("automated_decisions.assisted_description", "a fraud score that our staff use to decide on a free trial"))
    text, report = case(JURISDICTION + "australia", described)
    assert (
        "Computer programs help us make some decisions about people that could significantly affect their rights or interests. "
        "This is what they do and the information they use: a fraud score that our staff use to decide on a free trial" in text
    )
    assert status(report, "au_app.automated_decisions") == "covered"
    _, report = case(JURISDICTION + "australia", _set("automated_decisions", {"used": False, "profiling": False, "assisted": False}))
    assert status(report, "au_app.automated_decisions") == "not applicable"


def test_no_review_rights_are_promised_where_only_the_apps_apply() -> None:
    """Failed on main: 'You can ask us [...] to have a person review it [...] and to contest the decision' under the APPs alone."""
    text, _ = case(JURISDICTION + "australia")
    assert "We make some decisions about people by automated means alone" in text
    assert "to have a person review it" not in text
    text, _ = case(JURISDICTION + "australia", _set("jurisdictions", ["australia", "eu"]))
    assert "to have a person review it" in text


def test_australian_law_is_named_only_as_the_owner_names_it() -> None:
    """Failed on main: 'Australian law requires or authorises us [...]' before any detail, even one naming another country's law."""
    foreign = _set("purposes", [{"purpose": "legal", "detail": "Indian tax law requires us to keep invoices for 8 years"}])
    text, report = case(JURISDICTION + "australia", foreign)
    assert "Australian law requires" not in text
    assert status(report, "au_app.required_by_law") == "missing"
    text, report = case(JURISDICTION + "australia")
    assert "Australian law requires or authorises us to collect or keep some information: the Corporations Act 2001 (Cth), section 286." in text
    assert status(report, "au_app.required_by_law") == "covered"



def test_the_lgpd_rights_include_opposition_and_consumer_bodies() -> None:
    """Failed on main: no Art. 18 §2 opposition right and no Art. 18 §8 consumer protection bodies in the Brazil section."""
    text, _ = case(JURISDICTION + "brazil")
    assert "- stop processing we do without your consent when it does not comply with the LGPD." in text
    assert "You can also take it to a consumer protection body (such as a Procon)." in text


def test_a_challenge_to_our_compliance_in_canada_has_somewhere_to_go() -> None:
    """Failed on main: 'If you think we are not following the law, you can tell us.' with no way to tell us (PIPEDA cl. 4.10)."""
    text, _ = case(JURISDICTION + "canada")
    assert "If you think we are not following the law, you can tell us at [privacy@lumenharbor.example](mailto:privacy@lumenharbor.example)." in text


def test_the_policy_is_said_to_be_on_a_website_only_when_it_covers_one() -> None:
    """Failed on main: 'This policy is free to read on our website' for a business with no website (APP 1.5)."""
    no_website = _all(_set("business.website", None), _set("applies_to.website", False))
    text, _ = case(JURISDICTION + "australia", no_website)
    assert "free to read on our website" not in text
    assert "You can ask us for this policy, free of charge and in the form you need, at [privacy@lumenharbor.example]" in text


def test_data_collected_automatically_is_not_data_you_give_us() -> None:
    """Failed on main: 'If you do not give us the information we ask for, such as your [...] log data' (APP 5.2(e))."""
    text, _ = case(JURISDICTION + "australia")
    consequences = next(line for line in text.splitlines() if line.startswith("If you do not give us the information we ask for"))
    assert "log data" not in consequences and "device" not in consequences


def test_the_group_companies_are_one_or_several_as_named() -> None:
    """The online-shop truth reader (2026-12-03): "Other companies in our group get personal information from us: Kosha Care Services
    Private Limited." named one company in the plural."""
    def group(*names: str) -> Callable[[dict[str, Any]], None]:
        return _set("sharing", {"service_providers": False, "sells_data": False, "shares_for_advertising": False, "affiliates": list(names)})

    text, _ = case(JURISDICTION + "brazil", group("Acme Holdings Ltda."))
    assert "Another company in our group gets personal information from us: Acme Holdings Ltda." in text
    text, _ = case(JURISDICTION + "brazil", group("Acme Holdings Ltda.", "Acme Labs Ltda."))
    assert "Other companies in our group get personal information from us: Acme Holdings Ltda. and Acme Labs Ltda." in text
