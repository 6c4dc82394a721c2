"""Regression tests of the independent reader's GDPR and ePrivacy findings (issue 17, part B, docs/legal-review.md).

Each test failed on main with `tests/legal/gdpr-reader.yaml` (a Singapore studio with EU and UK readers) or a change to it,
and asserts the text a reader sees, or the `policygen check` status where the finding is about coverage.
"""

from __future__ import annotations

from typing import Any

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


def test_without_an_art_46_safeguard_the_eu_safeguards_are_a_gap() -> None:
    def only_agreements(data: dict[str, Any]) -> None:
        data["transfers"]["safeguards"] = ["confidentiality agreements with every service provider"]

    text, report = case(READER, only_agreements)
    assert "confidentiality" not in paragraph(text, "If you are in the European Union")
    assert status(report, "gdpr.transfer_safeguards") == "missing"


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
    assert "A parent or guardian who may act for the child under the law that applies to them can use the rights" in consent
    assert "all the rights" not in consent

