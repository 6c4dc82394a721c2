"""Regression tests of the independent reader's GDPR and ePrivacy findings (issue 17, part B, docs/legal-review.md).

Each test failed on main with `tests/legal/gdpr-reader.yaml` (a Singapore studio with EU and UK readers) or a change to it,
and asserts the text a reader sees, or the `policygen check` status where the finding is about coverage.
"""

from __future__ import annotations

from typing import Any

from generator.check import format_report
from tests.test_legal_review import case, paragraph, status

READER = "gdpr-reader"


def _section(text: str, heading: str) -> str:
    """The text under a `### heading` up to the next heading."""
    after = text.split(f"### {heading}\n", 1)[1]
    return after.split("\n#", 1)[0]


# Transfers (GDPR Art. 46(2)-(3), 13(1)(f)).


def test_a_confidentiality_agreement_is_not_an_eu_transfer_safeguard() -> None:
    """Failed on main: 'we protect your information with standard contractual clauses and confidentiality agreements with every
    service provider. Ask us for a copy of these safeguards.'"""
    text, report = case(READER)
    eu = paragraph(text, "If you are in the European Union")
    assert "we protect your information with standard contractual clauses. Ask us for a copy of these safeguards." in eu
    assert "confidentiality" not in eu
    assert status(report, "gdpr.transfer_safeguards") == "covered"


# Rights (GDPR Art. 21(1) and (4), 77; UK GDPR Art. 21(4)).


def test_the_right_to_object_stands_apart_from_the_other_rights() -> None:
    """Failed on main: the Art. 21(1) objection was the last bullet of the list of rights."""
    text, _ = case(READER)
    for place in ("European Union", "United Kingdom"):
        rights = _section(text, place)
        objection = paragraph(rights, "**You can object at any time** to our use of your data where we rely on our legitimate interests")
        assert "for reasons that come from your particular situation" in objection, place
        assert "compelling legitimate grounds" in objection, place
        assert not any(line.startswith("- ") and "object" in line for line in rights.splitlines()), place


def test_no_authority_is_said_to_oversee_a_business_with_no_eu_establishment() -> None:
    """Failed on main: 'The supervisory authority that oversees us is the Data Protection Commission (Ireland)' for a business in
    Singapore (a lead or competent authority follows an establishment in the EU, Art. 55-56)."""
    text, _ = case(READER)
    assert "oversees us" not in text

    def in_ireland(data: dict[str, Any]) -> None:
        data["business"]["country"] = "Ireland"
        del data["contacts"]["eu_representative"]

    text, _ = case(READER, in_ireland)
    assert "The supervisory authority that oversees us is the Data Protection Commission (Ireland)." in text


# Representatives (GDPR and UK GDPR Art. 27(4)).


def test_a_representative_is_addressed_in_addition_to_or_instead_of_us() -> None:
    """Failed on main: 'People and supervisory authorities in the EU can contact them instead of us'."""
    text, _ = case(READER)
    eu = paragraph(text, "Our representative in the European Union")
    uk = paragraph(text, "Our representative in the United Kingdom")
    assert "can contact them, as well as us or instead of us, about anything to do with how we handle personal data" in eu
    assert "can contact them, as well as us or instead of us, about anything to do with how we handle personal data" in uk


# Marketing (Directive 2002/58/EC Art. 13(2); PECR reg. 22(3)).


def test_the_soft_opt_in_names_our_own_products_and_a_free_refusal() -> None:
    """Failed on main: 'only about products and services like the ones they bought from us [...] you can refuse again in every
    message', without 'its own' products or 'free of charge'."""
    text, report = case(READER)
    soft = paragraph(text, "If you are in the EU or the UK, we send marketing messages by email without asking first")
    assert "only about our own products and services like the ones they bought from us" in soft
    assert "You can refuse, free of charge, when you give us your details and in every message we send." in soft
    assert status(report, "eprivacy.email_marketing") == "covered"


# Children (GDPR Art. 8; who acts for a child is for national law).


def test_a_parent_uses_a_childs_rights_only_where_the_law_lets_them_act() -> None:
    """Failed on main: 'A parent can use all the rights described in this policy for the child, in the same ways.'"""

    def for_teenagers(data: dict[str, Any]) -> None:
        data["children"] = {"minimum_age": 13, "parental_consent": "a parent confirms by email before a child under 16 signs up"}

    text, _ = case(READER, for_teenagers)
    consent = paragraph(text, "Where we rely on consent and the person is a child")
    assert "Outside the UK, a parent or guardian who may act for the child under the law that applies to them can use the rights" in consent
    assert "all the rights" not in consent



def _answered(data: dict[str, Any]) -> None:
    """The answers the gaps of `gdpr-reader.yaml` ask for: which law the tax duty is under and the basis EU and UK readers get,
    log data not required, the Art. 9(2) condition, who passes on data, how the automated decisions work, and how long the law
    and disputes keep data."""
    legal = next(p for p in data["purposes"] if p["purpose"] == "legal")
    legal.update(
        law="Singapore's Income Tax Act",
        law_of="other",
        other_bases=["legitimate-interests"],
        detail="For people in the EU and the UK, our interest is to keep the tax records Singapore's law requires of us.",
    )
    items = {item["category"]: item for item in data["data"]}
    items["device"]["required"] = False
    items["health"]["special_condition"] = ["explicit-consent"]
    items["identity"]["source_names"] = ["Example Events Ltd"]
    items["contact"]["source_names"] = ["Example Bookings Pte Ltd"]
    data["automated_decisions"].update(
        data_used=["identity", "contact"],
        main_factors=["the dates you ask for", "how often you did not turn up for a booking in the last year"],
        logic="the dates asked for and earlier no-shows; two no-shows in a year mean a refusal",
        consequences="a refused booking, which you can ask a person to review",
        grounds=["contract"],
    )
    data["retention"].update(
        legal_period="billing records for 5 years after the end of the financial year, under Singapore's Income Tax Act",
        disputes_period="until the dispute is settled or the time limit for bringing a claim has passed",
    )


def test_the_answered_file_has_no_gdpr_gaps() -> None:
    _, report = case(READER, _answered)
    assert [gap.requirement.id for gap in report.gaps] == []


# Legal bases (GDPR and UK GDPR Art. 6(1)(c) and 6(3)).


def test_a_legal_obligation_under_another_countrys_law_is_no_eu_or_uk_basis() -> None:
    """Failed on main: 'Meet legal obligations: meeting a legal obligation' for a tax duty under Singapore's law, with no way to
    say which law, and nothing in the check about Art. 6(3)."""
    text, report = case(READER)
    assert status(report, "gdpr.obligation_law") == "missing"
    assert status(report, "uk_gdpr.obligation_law") == "missing"
    assert "an obligation under another country's law is no legal basis under the GDPR" in format_report(report)

    text, report = case(READER, _answered)
    assert (
        "- **Meet legal obligations**: meeting a legal obligation under Singapore's Income Tax Act; for people in the EU and the UK, "
        "our legitimate interests." in text
    )
    assert status(report, "gdpr.obligation_law") == "covered"
    assert status(report, "uk_gdpr.obligation_law") == "covered"


def test_an_obligation_under_eu_law_is_the_eu_basis_only() -> None:
    def eu_law(data: dict[str, Any]) -> None:
        legal = next(p for p in data["purposes"] if p["purpose"] == "legal")
        legal.update(law="Irish tax law", law_of="eu")

    text, report = case(READER, eu_law)
    assert "- **Meet legal obligations**: meeting a legal obligation under Irish tax law." in text
    assert status(report, "gdpr.obligation_law") == "covered"
    assert status(report, "uk_gdpr.obligation_law") == "missing"


# What people must give (GDPR Art. 13(2)(e), 7(4)).


def test_data_used_only_on_consent_is_never_needed_for_our_contract() -> None:
    """Failed on main: 'We need your identity details, contact details, billing records and log data to enter into and carry out
    our contract with you' where log data is used only for analytics, on consent."""
    text, report = case(READER)
    needed = paragraph(text, "We need your")
    assert needed.startswith("We need your identity details, contact details and billing records to enter into and carry out our contract")
    assert "log data" not in needed
    assert "give us your log data" not in text and "without your log data" not in text
    assert status(report, "gdpr.statutory_contractual") == "missing"
    assert "data used only on consent cannot be a condition of the service (Art. 7(4))" in format_report(report)
    assert status(case(READER, _answered)[1], "gdpr.statutory_contractual") == "covered"


def test_a_statutory_requirement_is_said_as_one() -> None:
    """Failed on main: required-data named only the contract, never the law, for billing records kept under a tax duty."""
    text, _ = case(READER)
    assert "A legal obligation also requires us to have your billing records." in text
    text, _ = case(READER, _answered)
    assert "A legal obligation under Singapore's Income Tax Act also requires us to have your billing records." in text


def test_whether_people_must_give_their_data_is_said_without_contradiction() -> None:
    """Failed on main (issue 17): "We need your identity details, contact details and billing records to enter into and carry out
    our contract with you. You do not have to give us this information, but without it we cannot provide our services to you",
    read as contradicting "we need"; Art. 13(2)(e) asks whether giving it is a statutory or contractual requirement, whether the
    person is obliged to give it, and what happens if they do not. The billing records a legal obligation needs are not said to
    be free of any legal requirement."""
    text, report = case(READER)
    assert (
        "We need your identity details, contact details and billing records to enter into and carry out our contract with you. Without "
        "this information we cannot do so or provide our services to you. You are not required by law to give us your identity "
        "details and contact details." in text
    )
    assert "Apart from" not in text  # sole-trader reader (2026-12-03): "apart from your billing records" said people must give them
    assert "You do not have to give us" not in text
    assert status(case(READER, _answered)[1], "gdpr.statutory_contractual") == "covered"

    def contract_only(data: dict[str, Any]) -> None:
        next(item for item in data["data"] if item["category"] == "billing")["purposes"] = ["billing"]

    text, _ = case(READER, contract_only)
    assert "with you. You are not required by law to give us this information, but without it we cannot do so or provide" in text
    assert "Apart from" not in text


def test_not_required_by_law_is_said_only_of_data_whose_every_purpose_has_a_basis() -> None:
    """Failed on main: required data used for a purpose with no legal basis answered (which might be a legal obligation) was said
    not to have to be given; and data a legal obligation needs but no contract was "You do not have to give us your billing
    records" right after "A legal obligation requires us to have your billing records"."""

    def unbased(data: dict[str, Any]) -> None:
        next(item for item in data["data"] if item["category"] == "identity")["purposes"].append("security")
        data["purposes"].append({"purpose": "security"})

    text, _ = case(READER, unbased)
    needed = paragraph(text, "We need your identity details")
    assert needed.endswith(
        "Without this information we cannot do so or provide our services to you. You are not required by law to give "
        "us your contact details."
    )
    assert "Apart from" not in needed

    def no_contract(data: dict[str, Any]) -> None:
        for purpose in data["purposes"]:
            if purpose["legal_basis"] == "contract":
                purpose.update(legal_basis="legitimate-interests", detail="Our interest is running the studio.")

    text, _ = case(READER, no_contract)
    assert "A legal obligation requires us to have your billing records." in text
    assert (
        "We cannot provide our services to you without your identity details, contact details and billing records. You are not "
        "required by law to give us your identity details and contact details." in text
    )
    assert "You do not have to give us" not in text and "contract" not in paragraph(text, "We cannot provide our services")


# Special category data (GDPR Art. 9(2)).


def test_special_category_data_states_the_condition_answered_not_any_consent() -> None:
    """Failed on main: 'We use it only with your explicit consent' for health details used for a contract, because another
    purpose (analytics) rests on consent."""
    text, report = case(READER)
    notice = paragraph(text, "Your health information is special category data")
    assert notice == "Your health information is special category data under the GDPR."
    assert status(report, "gdpr.special_categories") == "missing"

    def vital(data: dict[str, Any]) -> None:
        next(i for i in data["data"] if i["category"] == "health")["special_condition"] = ["vital-interests"]

    text, report = case(READER, vital)
    assert "We use it to protect your life, or someone else's, when you cannot give consent." in text
    assert "explicit consent" not in paragraph(text, "Your health information")
    assert status(report, "gdpr.special_categories") == "covered"


# Sources (GDPR Art. 14(2)(f)).


def test_partners_and_services_that_pass_us_data_are_named() -> None:
    """Failed on main: 'Our business partners may pass us your identity details' met Art. 14(2)(f) without naming a partner
    (the requirement that the source be named did not exist)."""
    _, report = case(READER)
    assert status(report, "gdpr.source_named") == "missing"
    assert status(report, "uk_gdpr.source_named") == "missing"
    text, report = case(READER, _answered)
    named = text.split("These are the ones who pass us information about you:\n\n", 1)[1].split("\n\n", 1)[0]
    assert named == "- **Identity details**: Example Events Ltd.\n- **Contact details**: Example Bookings Pte Ltd."
    assert status(report, "gdpr.source_named") == "covered"
    assert status(report, "uk_gdpr.source_named") == "covered"


# Automated decisions (GDPR Art. 13(2)(f), 22(2)).


def test_automated_decisions_give_their_logic_consequences_and_ground() -> None:
    """Failed on main: the owner's one-line description met Art. 13(2)(f) with neither the logic nor the consequences, nor the
    Art. 22(2) ground."""
    _, report = case(READER)
    assert status(report, "gdpr.automated_decisions") == "missing"
    text, report = case(READER, _answered)
    assert (
        "How the decisions are made: The dates asked for and earlier no-shows; two no-shows in a year mean a refusal. What they can "
        "mean for you: A refused booking, which you can ask a person to review. We decide this way only because it is necessary to "
        "enter into or carry out a contract with you." in text
    )
    assert status(report, "gdpr.automated_decisions") == "covered"


# Retention (GDPR Art. 13(2)(a)).


def test_keeping_data_longer_says_for_how_long() -> None:
    """Failed on main: 'or longer when the law requires. We may also keep it to settle disputes.' with no period or criteria, and
    the retention requirements covered."""
    text, report = case(READER)
    assert "or longer when the law requires. We may also keep it to settle disputes." in text
    assert status(report, "gdpr.retention_extensions") == status(report, "uk_gdpr.retention_extensions") == "missing"
    text, report = case(READER, _answered)
    assert (
        "or longer when the law requires (billing records for 5 years after the end of the financial year, under Singapore's Income "
        "Tax Act). We may also keep it to settle disputes (until the dispute is settled or the time limit for bringing a claim has "
        "passed)." in text
    )
    assert status(report, "gdpr.retention_extensions") == "covered"


# Transparency (GDPR Art. 12(1)).


def test_no_single_clause_claims_the_form_of_the_whole_notice() -> None:
    """Failed on main: gdpr.transparency_form (Art. 12(1)) was 'covered' by the introduction."""
    _, report = case(READER)
    assert status(report, "gdpr.transparency_form") == "absent"


def test_the_eu_paragraph_is_not_silent_where_no_safeguard_covers_a_country() -> None:
    """Failed on main: with no safeguard the EU accepts and no derogation, the EU paragraph said nothing of the transfer to
    Singapore (Art. 13(1)(f) asks for it, and for the absence of an adequacy decision)."""

    def only_agreements(data: dict[str, Any]) -> None:
        data["transfers"]["safeguards"] = ["confidentiality agreements with every service provider"]

    text, report = case(READER, only_agreements)
    assert paragraph(text, "If you are in the European Union") == (
        "If you are in the European Union, your information goes outside the EU and the European Economic Area, to "
        "Singapore. The European Commission has not decided that Singapore protects personal data adequately."
    )
    assert status(report, "gdpr.third_country_transfer") == "covered"
    assert status(report, "gdpr.transfer_safeguards") == "missing"
