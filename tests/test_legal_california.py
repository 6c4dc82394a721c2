"""Regression tests of the independent reader's California findings (part B, docs/legal-review.md): CCPA/CPRA, the CCPA
regulations and CalOPPA. `california-sells` is Lumen Harbor as the reader read it; each test failed on main unless it says
that main held already."""

from __future__ import annotations

from typing import Any

from generator.check import Report
from tests.test_legal_review import case, paragraph, status

SELLS = "california-sells"


def line(text: str, start: str) -> str:
    """The line of `text` that begins with `start` ('' when none does)."""
    return next((row for row in text.splitlines() if row.startswith(start)), "")


def clauses_covering(report: Report, requirement_id: str) -> tuple[str, ...]:
    """The clauses the check names as covering one requirement."""
    return next(f.clauses for regime in report.regimes for f in regime.findings if f.requirement.id == requirement_id)


# WRONG 1: a name is an identifier (Civ. Code 1798.140(v)(1)(A)), not a characteristic of a protected classification ((C)).


def test_a_name_is_an_identifier_not_a_protected_classification() -> None:
    """Failed on main: '**Identifiers; characteristics of protected classifications** (identity details): Name.'"""
    text, _ = case(SELLS)
    assert line(text, "- **Identifiers** (identity details): Name.")
    assert "protected classifications" not in text
    # An email address alone is an identifier, not a 1798.80(e) record; a phone number is both.
    assert line(text, "- **Identifiers; customer records (Civ. Code 1798.80(e))** (contact details): Email address, phone number.")


def test_a_date_of_birth_still_names_the_protected_classification() -> None:
    """Held on main: the other side of WRONG 1, an example that is a protected characteristic keeps its category."""

    def birth(data: dict[str, Any]) -> None:
        data["data"][0]["examples"] = ["name", "date of birth"]

    text, _ = case(SELLS, birth)
    assert line(text, "- **Identifiers; characteristics of protected classifications** (identity details): Name, date of birth.")


# WRONG 2 and MISSING 1: a cross-context advertiser is a third party (1798.140(e)(6), (ag)(1)(A), (ai)); the categories disclosed
# for a business purpose are listed per recipient (1798.115(c)(2), 1798.130(a)(5)(C)(ii)).


def test_a_cross_context_advertiser_is_not_a_service_provider() -> None:
    """Failed on main: '...to service providers and contractors (Amazon Web Services, Google Analytics, Mailchimp and Meta Pixel)'."""
    text, report = case(SELLS)
    providers = paragraph(text, "In the last 12 months we have disclosed these categories of personal information for business purposes")
    assert providers.endswith("to service providers and contractors that work for us:")
    assert line(text, "- Amazon Web Services: Identifiers; customer records (Civ. Code 1798.80(e)); internet or other electronic network activity.")
    assert line(text, "- Google Analytics: Identifiers; internet or other electronic network activity.")
    assert not line(text, "- Meta Pixel:")
    assert "for cross-context behavioural advertising with Meta Pixel." in paragraph(text, "In the last 12 months we have sold")
    assert "some of these categories" not in text
    assert status(report, "ccpa.pp_disclosed_business_purpose_12m") == "covered"


def test_contextual_ads_can_stay_a_business_purpose() -> None:
    """An ad network that does not track across sites, for a business that does not share for advertising, is a service provider."""
    text, _ = case("california-messages")
    assert line(text, "- Tidepool Ads: Identifiers; internet or other electronic network activity.")


# WRONG 3, RISKY 1 and RISKY 4: the right to limit gives the reason that holds (1798.121(a); 11 CCR 7027(m)); sold or shared per item.


def test_the_right_to_limit_gives_a_sale_as_its_reason_not_a_use_beyond_the_regulations() -> None:
    """Failed on main: 'We use account login details and precise location for purposes beyond those California's regulations
    allow without a right to limit its use', for data used to run accounts, keep them secure and provide the service."""
    text, _ = case(SELLS)
    sensitive = paragraph(text, "Some of what we collect is sensitive personal information")
    assert "purposes beyond" not in sensitive
    assert "We may sell your account login details and precise location. You can therefore limit our use" in sensitive


def test_a_use_beyond_the_regulations_is_said_as_such() -> None:
    def personalise(data: dict[str, Any]) -> None:
        data["sharing"].update(sold_categories=["contact"], sold_to=["event organisers"])
        data["data"][5]["purposes"] = ["provide-service", "personalisation"]

    text, _ = case(SELLS, personalise)
    sensitive = paragraph(text, "Some of what we collect is sensitive personal information")
    assert "We use your precise location for purposes beyond those California's regulations allow without a right to limit that use." in sensitive
    assert "sell" not in sensitive.split("You can therefore")[0].split("regulations allow")[1]


def test_sold_categories_are_marked_sold_and_the_rest_not() -> None:
    """Failed on main: every row 'sold or shared' whenever sells_data is true (passwords, security logs, precise location)."""

    def sold(data: dict[str, Any]) -> None:
        data["sharing"].update(sold_categories=["contact"], sold_to=["event organisers"])

    text, report = case(SELLS, sold)
    assert line(text, "- **Identifiers; customer records").endswith("kept for as long as your account is open and 2 years after it closes; sold.")
    assert line(text, "- **Sensitive personal information").endswith("; not sold or shared.")
    assert line(text, "- **Internet or other electronic network activity** (usage data)").endswith("; shared.")
    sensitive = paragraph(text, "Some of what we collect is sensitive personal information")
    assert sensitive.endswith("and we do not sell or share it.")
    assert status(report, "ccpa.nac_sold_shared") == "covered"
    assert status(report, "ccpa.right_limit") == "not applicable"


def test_an_unanswered_sale_says_may_be_sold_and_the_check_asks_which() -> None:
    text, report = case(SELLS)
    assert line(text, "- **Identifiers** (identity details)").endswith("; may be sold.")
    assert status(report, "ccpa.nac_sold_shared") == "missing"


def test_sensitive_data_shared_for_advertising_is_never_said_unshared() -> None:
    """The reader's RISKY 4 (`shares_for_advertising is not none`): on main a shared sensitive item gave the right to limit, so 'we
    do not sell or share it' was not printed, but with WRONG 3's reason; the condition now reads the per-item facts."""

    def share_location(data: dict[str, Any]) -> None:
        data["sharing"].update(sells_data=False)
        data["data"][5]["purposes"] = ["provide-service", "advertising"]

    text, _ = case(SELLS, share_location)
    sensitive = paragraph(text, "Some of what we collect is sensitive personal information")
    assert "we do not sell or share it" not in sensitive
    assert "We share your precise location for cross-context behavioural advertising." in sensitive


# RISKY 2: the sale's recipients come from the answers (1798.115(c)(1), 1798.130(a)(5)(C)(i)).


def test_the_sale_names_the_kinds_of_buyers_the_owner_gave() -> None:
    """Failed on main: 'sold ... the personal information marked above to advertising and analytics partners', whoever buys."""
    text, report = case(SELLS)
    assert "advertising and analytics partners" not in text
    assert 'we have sold the personal information marked "may be sold" above to other businesses' in text
    assert status(report, "ccpa.pp_sold_shared_12m") == "missing"

    def buyers(data: dict[str, Any]) -> None:
        data["sharing"].update(sold_categories=["contact"], sold_to=["event organisers"])

    text, report = case(SELLS, buyers)
    assert 'we have sold the personal information marked "sold" above to event organisers' in text
    assert status(report, "ccpa.pp_sold_shared_12m") == "covered"


# RISKY 3: no business-purpose disclosure is said plainly (1798.115(c)(2)).


def test_no_business_purpose_disclosure_is_said_plainly() -> None:
    """Failed on main: 'We disclose some of these categories for business purposes to no one outside our business, and to authorities'."""

    def nobody(data: dict[str, Any]) -> None:
        data["sharing"].update(service_providers=False, sells_data=False, shares_for_advertising=False, partners=[])
        data["services"] = []

    text, report = case(SELLS, nobody)
    assert "We have not disclosed personal information for a business purpose in the last 12 months." in text
    assert "to no one outside our business" not in text
    assert "We also disclose personal information to a buyer if our business is sold and to authorities when the law requires." in text
    assert status(report, "ccpa.pp_disclosed_business_purpose_12m") == "covered"


# RISKY 5: the contents of messages the business does not receive are sensitive (1798.140(ae)(1)(E)).


def test_messages_between_users_are_sensitive_personal_information() -> None:
    """Failed on main (no category held them): the marketplace's messages between buyers and sellers."""
    text, _ = case("california-messages")
    assert "; sensitive personal information (the contents of mail, email and text messages of which we are not the intended recipient)" in text
    assert "Some of what we collect is sensitive personal information under California law: private messages" in text


# RISKY 6: actual knowledge includes wilful disregard of age (1798.120(c)).


def test_a_minimum_age_for_accounts_only_is_no_claim_about_under_16s() -> None:
    """Failed on main: 'We do not knowingly sell or share the personal information of anyone under 16' for a business that sells,
    with an age limit of 16 for accounts only and no closing of under-age accounts."""

    def accounts_only(data: dict[str, Any]) -> None:
        data["children"].update(minimum_age_for="accounts", close_underage_accounts=False)

    text, report = case(SELLS, accounts_only)
    assert "We do not knowingly sell or share" not in text
    assert status(report, "ccpa.pp_under16") == "missing"
    text, _ = case(SELLS)
    assert "We do not knowingly sell or share the personal information of anyone under 16. Our service is for people aged 16 or over" in text


# RISKY 7 and MISSING 5: an authorised agent (11 CCR 7063, 7011(e)(3)(H)).


def test_an_agent_with_a_power_of_attorney_needs_no_signed_permission() -> None:
    """Failed on main: 'The agent must send us your signed permission.'"""
    text, _ = case(SELLS)
    agents = paragraph(text, "You can let an authorised agent make a request for you")
    assert "must send us your signed permission" not in agents
    assert "the agent can email [privacy@lumenharbor.example]" in agents
    assert "Unless the agent has your power of attorney under the California Probate Code (sections 4121 to 4130)" in agents


# RISKY 8: a toll-free number, or email for a business only online (1798.130(a)(1)(A)).


def test_request_methods_need_a_toll_free_number_or_an_online_only_business() -> None:
    """Failed on main: a +1 408 number passed; an online-only business offering email alone got no California request clause."""
    _, report = case(SELLS)
    assert status(report, "ccpa.request_methods") == "missing"

    def online_email(data: dict[str, Any]) -> None:
        data["requests"].update(methods=["email"], exclusively_online=True)
        data["requests"].pop("web_form_url")

    text, report = case(SELLS, online_email)
    assert "To make a request under California law, email [privacy@lumenharbor.example]" in text
    assert status(report, "ccpa.request_methods") == "covered"

    def toll_free(data: dict[str, Any]) -> None:
        data["business"]["phone"] = "+1 (888) 555-0100"

    _, report = case(SELLS, toll_free)
    assert status(report, "ccpa.request_methods") == "covered"


# RISKY 9: the opt-out preference signal (11 CCR 7025(b), (c)(1)).


def test_the_opt_out_signal_reaches_the_browser_its_profiles_and_the_known_consumer() -> None:
    """Failed on main: 'we apply the opt-out to that browser, and to your account if you are signed in'."""
    text, report = case(SELLS)
    signal = paragraph(text, "We treat a Global Privacy Control (GPC) signal")
    assert "to that browser or device, to any profile we link to it (even one without your name), and to you if we know who you are" in signal

    def ignores(data: dict[str, Any]) -> None:
        data["cookies"]["honours_gpc"] = False

    text, report = case(SELLS, ignores)
    assert "Global Privacy Control" not in text
    assert status(report, "ccpa.opt_out_signal") == "missing"


# RISKY 11 and MISSING 4: ADMT rights only for a CCPA significant decision, from 2027 (11 CCR 7220-7222).


def test_admt_rights_only_for_a_significant_decision() -> None:
    """Failed on main: 'If you live in California, you can ask for more information about the automated decision-making technology
    we use' for free-trial approvals, which are no significant decision."""
    text, report = case(SELLS)
    assert "automated decision-making technology" not in text
    assert status(report, "ccpa.admt_notice") == "missing"

    def not_significant(data: dict[str, Any]) -> None:
        data["automated_decisions"]["ccpa_significant_decision"] = False

    _, report = case(SELLS, not_significant)
    assert status(report, "ccpa.admt_notice") == "not applicable"

    def significant(data: dict[str, Any]) -> None:
        data["automated_decisions"]["ccpa_significant_decision"] = True

    text, report = case(SELLS, significant)
    assert "If you live in California, from 1 January 2027 you can ask for information about how we use automated decision-making" in text
    assert status(report, "ccpa.admt_notice") == "covered"


# RISKY 14: the sharing section's closed list (B&P 22575(b)(1), 22576).


def test_the_sharing_section_makes_no_closed_promise_beside_a_sale_it_does_not_list() -> None:
    """Failed on main: 'We share personal information only in the ways this section lists', with the sale listed elsewhere."""
    text, _ = case(SELLS)
    assert "only in the ways this section lists" not in text
    assert "This section says who receives personal information from us." in text


# MISSING 2: sensitive personal information in the terms of 1798.140(ae) (1798.130(c)).


def test_sensitive_categories_are_named_in_the_statute_terms() -> None:
    text, _ = case(SELLS)
    assert line(text, "- **Sensitive personal information (an account log-in in combination with a password or other credential allowing access")
    assert line(text, "- **Geolocation data; sensitive personal information (precise geolocation)** (precise location)")


# MISSING 3: the opt-out and limit rights are described even without a link (1798.135(c)(2)).


def test_the_opt_out_and_limit_rights_are_described_without_a_link() -> None:
    """Failed on main: no opt-out or limit bullet at all when sharing.opt_out_url is missing, and the rights marked covered."""

    def no_link(data: dict[str, Any]) -> None:
        data["sharing"].pop("opt_out_url")

    text, report = case(SELLS, no_link)
    assert "- **opt out** of the sale or sharing of your personal information, by asking us: email [privacy@lumenharbor.example]" in text
    assert "- **limit** our use of your sensitive personal information, by asking us: email" in text
    assert status(report, "ccpa.right_opt_out") == "covered"
    assert status(report, "ccpa.dns_link") == "missing"


# MISSING 7: CalOPPA's review process is the clause that says how to ask (B&P 22575(b)(2)).


def test_the_review_process_is_covered_by_the_clause_that_describes_it() -> None:
    _, report = case(SELLS)
    covering = clauses_covering(report, "caloppa.review_process")
    assert "your-rights.requests" in covering
    assert "your-rights.choices" not in covering


def test_a_business_whose_only_recipient_is_an_advertiser_says_it_disclosed_nothing_for_a_business_purpose() -> None:
    """Failed before: with `service_providers: false` and Meta Pixel the only service, nothing was said and the requirement was
    missing, as the advertiser counted as a service that rules out "none"; it is a third party, so no business purpose was served.
    Found by the property check on a random example."""

    def only_the_pixel(data: dict[str, Any]) -> None:
        data["services"] = ["meta-pixel"]
        data["payments"] = {"takes_payments": False}
        data["sharing"]["service_providers"] = False

    text, report = case(SELLS, only_the_pixel)
    assert "We have not disclosed personal information for a business purpose in the last 12 months." in text
    assert status(report, "ccpa.pp_disclosed_business_purpose_12m") == "covered"


def test_usage_data_kept_against_a_cookie_id_is_an_identifier_too() -> None:
    """Failed before: a game's progress kept against a random ID in a cookie was listed only as "Internet or other electronic network
    activity" (the kids-games truth reader, 2026-12-02); a cookie's unique identifier is an identifier (Civ. Code 1798.140(v)(1)(A),
    (aj)). Usage data whose examples name no identifier stays network activity alone."""
    from generator.context.laws import ccpa_category_names

    assert ccpa_category_names([("usage", ["a random ID in the pp_id cookie", "game progress kept against it"])]) == [
        "Identifiers",
        "Internet or other electronic network activity",
    ]
    assert ccpa_category_names([("usage", ["pages visited", "buttons clicked"])]) == ["Internet or other electronic network activity"]


def test_californias_values_have_the_same_names_where_california_is_not_chosen() -> None:
    """California's context values are worked out only where California is chosen (speed, issue 14); elsewhere the same names
    stand, so a clause or requirement reading one never meets an undefined value, and a California policy is unchanged."""
    from pathlib import Path

    import yaml

    from generator.answers.load import answers_from_dict
    from generator.context import build_context
    from generator.context.california import _NOT_CHOSEN

    data = yaml.safe_load((Path(__file__).parent / "legal" / "california-sells.yaml").read_text(encoding="utf-8"))
    chosen = build_context(answers_from_dict(data, "california-sells.yaml"))
    data["jurisdictions"] = [j for j in data["jurisdictions"] if j != "california"] or ["eu"]
    other = build_context(answers_from_dict(data, "elsewhere.yaml"))
    names = set(_NOT_CHOSEN)
    assert names == {key for key in chosen if key.startswith("ccpa_") or key == "collects_ccpa_sensitive"}
    assert chosen["ccpa_rows"] and {key: other[key] for key in names} == _NOT_CHOSEN


def test_a_category_a_service_collects_itself_is_not_said_to_be_disclosed_to_it() -> None:
    """marketplace truth reader (2026-12-03): the California list of disclosures said sellers' government IDs (sensitive personal
    information) were disclosed to Stripe, which collects them itself; the business collects no such data (1798.115(c)(2) lists
    what the business disclosed)."""
    from pathlib import Path

    from generator.answers.load import load_answers
    from generator.export.formats import to_markdown
    from generator.render import build_policy

    answers = load_answers(Path(__file__).parent.parent / "examples" / "marketplace.yaml")
    assert "government-id" not in {str(item.category) for item in answers.data}
    text = to_markdown(build_policy(answers))
    stripe = next(line for line in text.splitlines() if line.startswith("- Stripe: "))
    assert "Identifiers" in stripe and "social security" not in stripe
