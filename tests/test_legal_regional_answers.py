"""Regression tests of the independent readers' findings, part B, for Canada, Quebec, Australia and Singapore that needed an
answer the model did not have (issue 17, docs/legal-review.md, 2026-12-02): each test failed on main, where the policy said
nothing (or something untrue) and the check passed the requirement, and asserts the new answer's text and the requirement's
status with and without it. The answers are the test files of `tests/jurisdictions/`, changed where a finding needs it."""

from __future__ import annotations

from tests.test_legal_regional import JURISDICTION, _all, _set
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
