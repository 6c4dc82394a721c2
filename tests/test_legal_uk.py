"""Regression tests of the independent reader's UK GDPR, DPA 2018 and PECR findings not fixed before (issue 17, part B,
docs/legal-review.md "UK GDPR, DPA 2018 and PECR"). Each test failed on main with the answer file it names, or a change to it, and
asserts the text a UK reader sees or the `policygen check` status."""

from __future__ import annotations

from typing import Any

import pytest

from generator.check import format_report
from generator.errors import AnswerError
from tests.test_legal_review import case, paragraph, status

UK = "../jurisdictions/uk"  # case() reads tests/legal/<name>.yaml; the jurisdiction files are beside it


# Children (UK GDPR Art. 8, Chapter III; the ICO's "What rights do children have?").


def test_a_parent_uses_a_uk_childs_rights_only_as_the_ico_allows() -> None:
    """Failed on main (R3): 'A parent or guardian who may act for the child under the law that applies to them can use the rights
    described in this policy for the child, in the same ways', for UK readers, where the rights are the child's and a parent acts
    for the child only when the child authorises it, lacks the understanding, or it is evidently in the child's best interests."""
    text, _ = case(UK)
    consent = paragraph(text, "Where we rely on consent and the person is a child")
    assert "The rights described in this policy are the child's own. In the UK, a child who understands them can use them" in consent
    assert (
        "a parent or guardian can use them for the child when the child asks them to, when the child does not understand them well "
        "enough, or when it is clearly in the child's best interests." in consent
    )
    assert "in the same ways" not in consent and "Outside the UK" not in consent


def test_the_childrens_summary_gives_erasure_only_in_the_cases_the_law_sets_out() -> None:
    """Failed on main (R11): 'You can ask us to show you what we have, fix it or delete it', where UK GDPR Art. 16 corrects
    inaccurate data and Art. 17 erases it only on its grounds (the rights list says 'in the cases the law sets out')."""
    text, _ = case(UK)
    summary = paragraph(text, "**If you are under 18, here it is in short**")
    assert "You can ask us to show you what we have, to fix it if it is wrong, and, in the cases the law sets out, to delete it." in summary
    assert "fix it or delete it" not in summary


# Complaints to us (DPA 2018 s.164A, in force 19 June 2026).


def test_the_policys_effective_date_not_the_day_it_is_built_decides_the_complaint_duty() -> None:
    """Held on main (R8; no clause reads the day of the build): a policy effective before 19 June 2026 does not state the s.164A
    duty, and the check reports the duty not applicable to it; one effective on that day states it."""
    duty = "UK law requires us to confirm within 30 days that we have your complaint"

    def effective(day: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["policy"]["effective_date"] = day

        return change

    text, report = case(UK, effective("2026-06-18"))
    assert duty not in text
    assert status(report, "uk_gdpr.complaint_to_controller") == "not applicable"
    text, report = case(UK, effective("2026-06-19"))
    assert duty in text
    assert status(report, "uk_gdpr.complaint_to_controller") == "covered"


# Transfers on explicit consent (UK GDPR and GDPR Art. 49(1)(a): consent "after having been informed of the possible risks of such
# transfers ... due to the absence of an adequacy decision and of appropriate safeguards").


def _consent_only(data: dict[str, Any]) -> None:
    data["transfers"] = {"storage_countries": ["Singapore", "United States"], "derogations": ["consent"]}


def test_a_transfer_on_explicit_consent_says_its_risk_from_the_answers() -> None:
    """Failed on main (R6, and the GDPR reader's): the policy said only 'with your explicit consent, which we ask for after telling
    you the risks', and never what the risk is: that no adequacy decision or regulations and no safeguard cover the countries."""
    text, _ = case("gdpr-reader", _consent_only)
    eu = paragraph(text, "If you are in the European Union")
    assert eu.endswith(
        "The risk of a transfer you consent to: no adequacy decision of the European Commission covers our transfers to Singapore and "
        "the United States and no safeguard protects your information there, so it may be less protected there than in the EU."
    )
    uk = paragraph(text, "If you are in the United Kingdom")
    assert uk.endswith(
        "The risk of a transfer you consent to: no UK adequacy regulations cover our transfers to the United States and no safeguard "
        "protects your information there, so it may be less protected there than in the UK."
    )


def test_the_consent_risk_names_no_country_a_safeguard_may_cover_and_is_left_out_without_consent() -> None:
    def with_clauses(data: dict[str, Any]) -> None:
        data["transfers"]["derogations"] = ["consent"]

    eu = paragraph(case("gdpr-reader", with_clauses)[0], "If you are in the European Union")
    assert eu.endswith(
        "The risk of a transfer you consent to: where neither an adequacy decision of the European Commission nor a safeguard covers "
        "a transfer, your information may be less protected there than in the EU."
    )

    def contract(data: dict[str, Any]) -> None:
        _consent_only(data)
        data["transfers"]["derogations"] = ["contract"]

    assert "The risk of a transfer" not in case("gdpr-reader", contract)[0]


# The right to object (UK GDPR Art. 21(1): processing based on point (e) or (f) of Art. 6(1)).


def test_the_uk_right_to_object_covers_a_public_task() -> None:
    """Failed on main (R4): a purpose on a task in the public interest gave UK readers no right to object, which Art. 21(1) gives
    for Art. 6(1)(e) as for (f); and with legitimate interests too, the objection named legitimate interests alone."""

    def public_task(data: dict[str, Any]) -> None:
        for purpose in data["purposes"]:
            if purpose["legal_basis"] == "legitimate-interests":
                purpose["legal_basis"] = "public-task"
            if purpose.get("other_bases") == ["legitimate-interests"]:
                purpose["other_bases"] = ["public-task"]

    rights = case(UK, public_task)[0].split("### United Kingdom\n", 1)[1].split("\n#", 1)[0]
    objection = paragraph(rights, "**You can object at any time**")
    assert objection.startswith("**You can object at any time** to our use of your data where we rely on a task in the public interest, for")
    assert "legitimate interests" not in objection

    def both(data: dict[str, Any]) -> None:
        next(p for p in data["purposes"] if p["legal_basis"] == "legitimate-interests")["legal_basis"] = "public-task"

    rights = case(UK, both)[0].split("### United Kingdom\n", 1)[1].split("\n#", 1)[0]
    assert "where we rely on our legitimate interests or a task in the public interest, for" in paragraph(rights, "**You can object at any time**")


# The United States (UK adequacy regulations for the UK Extension to the Data Privacy Framework; the Commission's decision for the
# EU-US framework itself).


def _to_the_us(uk: bool | None) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["transfers"] = {"storage_countries": ["United States"], "us_certified": True}
        if uk is not None:
            data["transfers"]["uk_us_certified"] = uk

    return change


def test_eu_us_certification_does_not_stand_for_the_uk_extension() -> None:
    """Failed on main (R5): one answer, `us_certified`, said every US recipient was certified under the EU-US framework 'and its UK
    Extension', so UK readers were told 'UK adequacy regulations cover companies certified under the UK Extension [...] and every
    company we send your information to there is certified' from an answer about the EU framework."""
    uk_extension = "UK adequacy regulations cover companies certified under the UK Extension to the Data Privacy Framework"
    text, report = case("transfers-uk-business", _to_the_us(None))
    assert "every company we send your information to there is certified" in paragraph(text, "If you are in the European Union")
    assert uk_extension not in text
    assert status(report, "uk_gdpr.transfers") == "missing"
    text, report = case("transfers-uk-business", _to_the_us(True))
    assert uk_extension in paragraph(text, "If you are in the United Kingdom")
    assert status(report, "uk_gdpr.transfers") == "covered"


def test_uk_automated_decisions_need_their_logic_and_consequences() -> None:
    """Failed before 2026-12-03: uk_gdpr.automated_decisions was covered by the decision's description alone, where Art. 13(2)(f)
    and 14(2)(g) ask meaningful information about the logic involved and the envisaged consequences (the GDPR's requirement was
    tightened on 2026-12-02; the UK helper of 2026-12-03 found the UK's was not). Art. 22(2)'s grounds are not asked for UK readers:
    the DUAA's Art. 22A-22D replace Art. 22."""
    _, report = case(UK)
    assert status(report, "uk_gdpr.automated_decisions") == "covered"

    def without_logic(data: dict[str, Any]) -> None:
        del data["automated_decisions"]["logic"], data["automated_decisions"]["consequences"]

    _, report = case(UK, without_logic)
    assert status(report, "uk_gdpr.automated_decisions") == "missing"


def test_automated_decisions_name_the_data_they_use_and_their_main_factors() -> None:
    """R13, failed before 2026-12-03: the owner's free-text logic alone met Art. 13(2)(f) and 14(2)(g) (UK GDPR and GDPR); the
    meaningful information WP251rev.01 asks for includes the categories of data used and the main factors. Now both are answers:
    the categories by reference to the data (a category not collected is refused), the factors in the owner's words, and the
    requirement is missing without them."""
    text, report = case(UK)
    assert (
        "To decide, we use your contact details and log data. The main factors are whether your email domain was used "
        "for earlier misuse and whether your device was used for an earlier free trial." in text
    )
    assert status(report, "uk_gdpr.automated_decisions") == "covered"
    for field in ("data_used", "main_factors"):

        def without(data: dict[str, Any], field: str = field) -> None:
            del data["automated_decisions"][field]

        text, report = case(UK, without)
        assert status(report, "uk_gdpr.automated_decisions") == "missing"
        assert "To decide, we use your" not in text if field == "data_used" else "The main factors are" not in text
    text, report = case("../jurisdictions/eu", lambda data: data["automated_decisions"].pop("main_factors"))
    assert status(report, "gdpr.automated_decisions") == "missing"
    assert "To decide, we use your contact details and log data.\n" in text

    def uncollected(data: dict[str, Any]) -> None:
        data["automated_decisions"]["data_used"] = ["contact", "location"]

    with pytest.raises(AnswerError) as raised:
        case(UK, uncollected)
    assert "automated_decisions.data_used: names 'location', which no item under 'data:' has as its category" in str(raised.value)


# Cookies (PECR reg. 6 and Sch. A1, inserted by DUAA 2025 s.112 and Sch. 12, in force 5 February 2026 by SI 2026/82 reg. 2(w)).


def test_advertising_cookies_without_a_uk_banner_leave_uk_consent_missing() -> None:
    """R2, failed before 2026-12-03: with the cookie banner shown in the EU only and advertising cookies set, no UK sentence said
    consent is asked (none is) and the check reported PECR complete, though no exemption covers advertising cookies."""
    text, report = case("cookies-uk-advertising")
    assert "For people in the UK" not in text and "the EU and the UK" not in text
    assert "If you are in the EU, we set cookies that are not strictly needed only after you agree in our cookie banner." in text
    assert status(report, "uk_pecr.cookie_consent") == "missing"
    assert "missing: show UK visitors the cookie banner" in format_report(report)

    def banner_for_both(data: dict[str, Any]) -> None:
        data["cookies"]["banner_for"] = ["eu", "uk"]

    text, report = case("cookies-uk-advertising", banner_for_both)
    said = paragraph(text, "For people in the EU and the UK")
    assert "We set every other cookie only after you agree in our cookie banner" in said
    assert status(report, "uk_pecr.cookie_consent") == "covered"


def test_the_uk_cookie_exemptions_start_on_5_february_2026() -> None:
    """Failed before 2026-12-03: a policy effective before PECR Sch. A1 started (5 February 2026) said "we set analytics and
    preferences cookies without asking first, as UK law allows"; then only strictly necessary cookies were exempt."""

    def exempt_on(day: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["policy"]["effective_date"] = day
            data["services"] = []
            data["purposes"][1]["legal_basis"] = "legitimate-interests"
            data["purposes"][1]["detail"] = "We count visits to see which pages need improving."
            data["cookies"]["uk_statistics_only"] = True

        return change

    text, report = case("cookies-uk-statistics", exempt_on("2026-02-04"))
    assert "without asking first" not in text and "For people in the UK" not in text
    assert status(report, "uk_pecr.cookie_exemptions") == "not applicable"
    assert status(report, "uk_pecr.cookie_consent") == "missing"
    text, report = case("cookies-uk-statistics", exempt_on("2026-02-05"))
    assert paragraph(text, "For people in the UK").startswith("For people in the UK: we set analytics and preferences cookies without asking first")
    assert status(report, "uk_pecr.cookie_consent") == "absent"


def test_the_way_to_object_to_uk_cookies_set_without_asking_is_one_the_business_gives() -> None:
    """R1, failed before 2026-12-03: "block these cookies in your browser settings, or write to hello@... and we will stop", though a
    message cannot stop cookies in a browser the business cannot identify; Sch. A1 asks for a simple, free means of objecting."""
    text, report = case(UK)
    uk = paragraph(text, "For people in the UK")
    assert uk.endswith(
        "You can object at any time, free of charge: switch these cookies off on "
        "[our cookie settings page](https://lumenharbor.example/cookie-settings)."
    )
    assert "write to" not in uk and "we will stop" not in uk
    assert status(report, "uk_pecr.cookie_exemptions") == "covered"

    def no_page(data: dict[str, Any]) -> None:
        del data["cookies"]["uk_objection_url"]

    text, report = case(UK, no_page)
    uk = paragraph(text, "For people in the UK")
    assert uk.startswith("For people in the UK: we set analytics cookies without asking first")
    assert "object" not in uk and "write to" not in uk
    assert status(report, "uk_pecr.cookie_exemptions") == "missing"
    assert "give cookies.uk_objection_url" in format_report(report)


# Whether people must give us their data (UK GDPR Art. 13(2)(e): data collected from the person).


def test_only_data_the_person_gives_is_said_to_be_given_or_not() -> None:
    """R9, failed before 2026-12-03: "We need your contact details and financial information to enter into and carry out our
    contract with you. You do not have to give us this information ..." and "If you do not give us your usage data, you can still
    use our services", where the financial information comes from a reseller and the usage data automatically and from it."""
    text, report = case("required-data-sources")
    assert (
        "We need your contact details to enter into and carry out our contract with you. You are not required by law to give us this "
        "information, but without it we cannot do so or provide our services to you." in text
    )
    assert "financial information to enter into" not in text
    assert "give us your usage data" not in text
    assert status(report, "uk_gdpr.statutory_contractual") == "covered"
    assert "We cannot provide our services to you without your financial information, which you do not give us yourself." in text


def test_required_data_the_person_does_not_give_is_still_said_to_be_a_condition_of_the_service() -> None:
    """Found by the property test after R9: where the only required data came from a reseller, nothing was said of it, and a
    Brazil-only policy left LGPD Art. 9 §3 (processing as a condition of the service) missing."""

    def brazil_reseller_only(data: dict[str, Any]) -> None:
        data["jurisdictions"] = ["brazil"]
        data["data"] = [item for item in data["data"] if item["category"] == "financial"]

    text, report = case("required-data-sources", brazil_reseller_only)
    assert "We cannot provide our services to you without your financial information, which you do not give us yourself." in text
    assert "You do not have to give us" not in text
    assert status(report, "lgpd.condition_of_service") == "covered"


def test_cookie_wording_is_not_only_about_browsers_when_the_policy_covers_an_app() -> None:
    """R14 in part, failed before 2026-12-03: a policy covering only an app (PECR reg. 6 reaches any terminal equipment; Sch. A1
    para 1: "website" includes a mobile application) said cookies are files "a website stores in your browser" and told its users
    to block them in their browser settings, as "parts of our website may not work"."""

    def app_only(data: dict[str, Any]) -> None:
        data["applies_to"].update(website=False, mobile_app=True)
        del data["business"]["website"], data["cookies"]["honours_do_not_track"]
        data["business"]["apps"] = [{"name": "Lumen Pocket", "platforms": ["android"]}]
        data["cookies"]["consent_banner"] = True
        for answer in ("uk_statistics_only", "uk_objection_url"):
            data["cookies"].pop(answer, None)

    text, _ = case(UK, app_only)
    assert "Cookies are small files a website stores in your browser; apps can store and read similar information on your device." in text
    assert "browser settings" not in text and "parts of our website may not work" not in text
    text, _ = case(UK)
    assert "Cookies are small files a website stores in your browser. We" in text
    assert "You can block or delete cookies in your browser settings." in text
