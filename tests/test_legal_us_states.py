"""Regression tests of the independent reader's US state findings (part B, docs/legal-review.md): Virginia, Colorado, Connecticut,
Texas and Oregon, and each other state of clauses/laws/us-states.yaml a finding concerns. Each test failed on main."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.check import Report, check_policy, format_report
from generator.errors import AnswerError
from generator.export.formats import to_markdown
from generator.render import build_policy
from tests.test_legal_review import status

BASE = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "texas.yaml").read_text(encoding="utf-8"))
"""A scheduling-software business (fictional) that sells data, keeps a face template and scores accounts for fraud (profiling)."""


def policy(states: list[str], **changes: Any) -> tuple[str, Report]:
    """The Markdown policy and check report of the Texas test answers with these states, and `part__key=value` (or `part=value`) changes."""
    data = copy.deepcopy(BASE)
    data["jurisdictions"] = states
    for path, value in changes.items():
        part, _, key = path.partition("__")
        if key:
            data.setdefault(part, {})[key] = value
        else:
            data[part] = value
    answers = answers_from_dict(data, "states.yaml")
    built = build_policy(answers)
    return to_markdown(built), check_policy(answers, built, "states.yaml")


def line(text: str, start: str) -> str:
    """The first line of `text` that begins with `start` ('' when none does)."""
    return next((each for each in text.splitlines() if each.startswith(start)), "")


# WRONG-1: the portable copy (Va. Code 59.1-577(A)(4), Tex. 541.051(b)(4): data the consumer provided; C.R.S. 6-1-1306(1)(e), Conn.
# Gen. Stat. 42-518(a)(4), ORS 646A.574(1)(a)(C): all of it).


def test_the_portable_copy_is_of_all_personal_data_where_the_law_says_so() -> None:
    text, _ = policy(["colorado", "connecticut", "oregon"])
    assert "- get a copy of your personal data in a portable format;" in text
    assert "the data you gave us" not in text


def test_virginia_and_texas_keep_the_data_you_gave_us_beside_the_others() -> None:
    text, _ = policy(["virginia", "colorado", "texas", "oregon"])
    assert "- get a copy of your personal data in a portable format (in Virginia and Texas, the data you gave us);" in text
    only, _ = policy(["virginia", "texas"])
    assert "- get a copy of the data you gave us in a portable format;" in only


# WRONG-2: no general "a US state with a privacy law" profiling opt-out (Utah Code 13-61-201(4); Iowa; California has none).


def test_the_profiling_opt_out_names_only_the_states_that_give_it() -> None:
    text, _ = policy(["california", "virginia", "utah", "iowa"])
    assert "If you live in Virginia, you can opt out of profiling that leads to decisions" in text
    assert "a US state with a privacy law" not in text
    none, _ = policy(["california", "utah"])
    assert "opt out of profiling" not in none


# RISKY-10 and COVERAGE-2 (the opt-out sentence): the right is to opt out of profiling in furtherance of decisions with legal or
# similarly significant effects (Va. Code 59.1-577(A)(5)(iii), C.R.S. 6-1-1306(1)(a)(I)(C)), not of any profiling.

OPT_OUT_SENTENCE = "If you live in Virginia, you can opt out of profiling that leads to decisions with legal or similarly significant effects"
NO_SUCH_PROFILING = "We do not use this profiling for decisions with legal or similarly significant effects on you"


def test_the_profiling_opt_out_is_named_only_for_profiling_behind_significant_decisions() -> None:
    """Failed before 2026-12-03: the opt-out sentence was printed for any profiling the owner described, and the requirement was met
    by it; now it rests on `automated_decisions.significant_profiling_purposes` (asked wherever a chosen state gives the right)."""
    named, report = policy(["virginia", "minnesota"], automated_decisions=BASE["automated_decisions"] | {"significant_profiling_purposes": ["security"]})
    assert OPT_OUT_SENTENCE.replace("Virginia", "Virginia or Minnesota") in named
    assert "If you live in Minnesota, you can also question the result of such profiling" in named
    assert NO_SUCH_PROFILING not in named
    assert {status(report, rid) for rid in ("us_va.profiling_opt_out", "us_mn.profiling_opt_out", "us_mn.question_profiling")} == {"covered"}
    none, report = policy(["virginia", "minnesota"], automated_decisions=BASE["automated_decisions"] | {"significant_profiling_purposes": []})
    assert "you can opt out of profiling that leads to decisions" not in none
    assert "question the result of such profiling" not in none
    assert (
        "We do not use this profiling for decisions with legal or similarly significant effects on you, such as whether you get "
        "financial or lending services, housing, insurance, education, employment, health care or basic necessities." in none
    )
    assert {status(report, rid) for rid in ("us_va.profiling_opt_out", "us_mn.profiling_opt_out", "us_mn.question_profiling")} == {
        "not applicable"
    }
    unasked = {key: value for key, value in BASE["automated_decisions"].items() if key != "significant_profiling_purposes"}
    unanswered, report = policy(["virginia"], automated_decisions=unasked)
    assert "you can opt out of profiling that leads to decisions" not in unanswered
    assert NO_SUCH_PROFILING not in unanswered
    assert status(report, "us_va.profiling_opt_out") == "missing"
    assert "automated_decisions.significant_profiling_purposes" in format_report(report)


def test_automated_decisions_with_significant_effects_keep_the_profiling_opt_out() -> None:
    """Decisions with legal or similarly significant effects made by automated means alone evaluate the person, which is profiling
    in the laws' sense (Va. Code 59.1-575), so the sentence stays without a list of purposes; no "we do not" is said beside them."""
    decisions = {"used": True, "profiling": False, "description": "We decide automatically whether to offer you credit terms."}
    text, report = policy(["virginia"], automated_decisions=decisions)
    assert OPT_OUT_SENTENCE in text
    assert status(report, "us_va.profiling_opt_out") == "covered"
    both, _ = policy(["virginia"], automated_decisions=decisions | {"profiling": True, "significant_profiling_purposes": []})
    assert OPT_OUT_SENTENCE in both
    assert NO_SUCH_PROFILING not in both


def test_no_such_profiling_is_said_only_where_a_chosen_state_gives_the_opt_out() -> None:
    text, _ = policy(["utah"], automated_decisions=BASE["automated_decisions"] | {"significant_profiling_purposes": []})
    assert NO_SUCH_PROFILING not in text


# WRONG-3: a recipient for targeted advertising is a third party, not "a service provider who works for us".


def test_an_advertising_pixel_is_an_advertising_company_not_a_service_provider() -> None:
    text, _ = policy(
        ["virginia", "connecticut"], services=["meta-pixel"], sharing__shares_for_advertising=True, sharing__service_providers=False
    )
    summary = line(text, "- **Who we share it with**")
    assert "an advertising company for targeted advertising" in summary
    assert "service provider" not in summary
    assert "works for us" not in text.split("## ")[0] + line(text, "**Service providers.**")
    assert "**Advertising companies.** Meta Pixel gets some of your information for targeted advertising." in text
    assert "For this, we share information with Meta Pixel (" in text


# RISKY-1 and MISSING-4: no broken opt-out sentence without a link; Connecticut and Oregon require the link.


def test_without_an_opt_out_link_the_sentence_is_whole_and_the_check_asks_for_the_link() -> None:
    text, report = policy(["virginia", "connecticut", "oregon"], sharing__opt_out_url=None)
    sale = line(text, "We sell personal data.")
    assert sale.endswith("You can opt out at any time by writing to [privacy@lumenharbor.example](mailto:privacy@lumenharbor.example).")
    assert "at any time, or" not in text
    assert status(report, "us_ct.sale_targeted_ads") == "missing"
    assert status(report, "us_or.sale_targeted_ads") == "missing"
    assert status(report, "us_va.sale_targeted_ads") == "covered"
    assert "missing: give sharing.opt_out_url" in format_report(report)
    _, linked = policy(["connecticut", "oregon"])
    assert status(linked, "us_ct.sale_targeted_ads") == status(linked, "us_or.sale_targeted_ads") == "covered"


def test_the_opt_out_link_says_californias_label_only_for_california() -> None:
    """Failed before: an Oregon-only policy linked its opt-out page as "Do Not Sell or Share My Personal Information", California's
    label (Civ. Code 1798.135(a)(1)), for a business that does not sell (the Oregon truth reader, 2026-12-02). Elsewhere the link
    says what the states' laws let people opt out of, as far as the business does it."""
    sells = line(policy(["oregon"])[0], "We sell personal data")
    assert "[Opt out of the sale of your personal data](" in sells and "Do Not Sell" not in sells, sells
    ads = line(policy(["oregon"], sharing__sells_data=False, sharing__shares_for_advertising=True)[0], "We use personal data for targeted")
    assert "[Opt out of targeted advertising](" in ads, ads
    both = line(policy(["oregon"], sharing__shares_for_advertising=True)[0], "We sell personal data, and")
    assert "[Opt out of the sale of your personal data and targeted advertising](" in both, both
    assert "[Do Not Sell or Share My Personal Information](" in line(policy(["oregon", "california"])[0], "We sell personal data")


# RISKY-4: Texas requires two or more request methods (541.055(a)).


def test_texas_needs_two_request_methods() -> None:
    _, one = policy(["texas"], requests__methods=["email"])
    assert status(one, "us_tx.request_methods") == "missing"
    assert "missing: give two or more request methods" in format_report(one)
    _, two = policy(["texas"])
    assert status(two, "us_tx.request_methods") == "covered"
    _, phone_without_number = policy(["texas"], requests__methods=["email", "phone"], business__phone=None)
    assert status(phone_without_number, "us_tx.request_methods") == "missing"


# RISKY-5: the law forbids requiring a new account, not signing in to an existing one.


def test_the_account_sentence_says_no_new_account_is_needed() -> None:
    text, _ = policy(["virginia"])
    assert "You do not need to create an account with us to send a request." in text
    assert "You do not need an account with us." not in text


# RISKY-14 (part): appeals by every request route, without a vague limit on the consumer.


def test_an_appeal_goes_by_the_request_routes() -> None:
    text, _ = policy(["virginia"])
    assert "You can appeal in the same ways as a request, saying that it is an appeal." in text
    assert "within a reasonable time" not in text


def test_the_appeal_deadline_is_the_laws_not_the_request_days() -> None:
    """Failed before 2026-12-03: "We answer an appeal within 30 days" took the owner's request days (requests.response_days,
    capped at 45) as an appeal deadline the owner never gave; each state sets its own (the Oregon truth reader). The sentence now
    promises the time the reader's state law sets."""
    text, _ = policy(["colorado", "texas"], requests__response_days=30)  # no period read for either: no number
    assert "We answer an appeal within the time your state's law sets and tell you the result and our reasons." in text
    assert "appeal within 30 days" not in text
    text, _ = policy(["colorado"], requests__response_days=30)  # one state: named (the second Oregon reader)
    assert (
        "We answer an appeal within the time Colorado's law sets and tell you the result and our reasons. If you disagree with "
        "the result, you can contact the Colorado Attorney General." in text
    )


def test_the_appeal_period_is_each_laws_period_as_read() -> None:
    """Failed before 2026-12-03: every appeal was answered "within the time your state's law sets" (or "Oregon's law"), though the
    periods are in the laws: ORS 646A.576(6)(d) 45 days (read in the Deskbook reprint), Va. Code 59.1-577(C) and Conn. Gen. Stat.
    42-518(d) 60 days (summaries only). A number is printed only from a row's `appeal_response`; a state without one keeps the
    law's words."""
    oregon, _ = policy(["oregon"], requests__response_days=30)
    assert (
        "We answer within 45 days of receiving your appeal and tell you the result and our reasons. If you disagree with the "
        "result, you can contact the Oregon Attorney General." in oregon
    )
    same, _ = policy(["virginia", "connecticut"])  # one period for both
    assert "We answer within 60 days of receiving your appeal and tell you the result and our reasons." in same
    mixed, _ = policy(["virginia", "oregon", "colorado"])
    assert (
        "We answer an appeal and tell you the result and our reasons within 60 days of receiving it if you live in Virginia, "
        "within 45 days of receiving it if you live in Oregon, and within the time the state's law sets if you live in Colorado."
        in mixed
    )
    texas, _ = policy(["texas"])  # Tex. Bus. & Com. Code 541.053 not read: no number
    assert "We answer an appeal within the time Texas's law sets" in texas
    assert "days of receiving your appeal" not in texas


def test_the_opt_out_signal_opts_out_of_what_the_business_does_in_each_laws_words() -> None:
    """Failed before 2026-12-03: every policy said a GPC signal opts out of "the sale and sharing of your personal information",
    California's "sharing" (Civ. Code 1798.140(ah)) in an Oregon-only policy, and of a sale where nothing is sold (the Oregon truth
    reader). The sentence now names what the business does: a sale, California's sharing where California is chosen, targeted ads."""
    cookies = {**BASE["cookies"], "honours_gpc": True}
    text, _ = policy(["oregon"], cookies=cookies)
    start = "We treat a Global Privacy Control (GPC) signal from your browser as a request to opt out of "
    assert line(text, start).startswith(start + "the sale of your personal information.")
    sharing = {**BASE["sharing"], "sells_data": False, "shares_for_advertising": True}
    text, _ = policy(["oregon"], cookies=cookies, sharing=sharing)
    assert line(text, start).startswith(start + "targeted advertising.")
    text, _ = policy(["california", "oregon"], cookies=cookies, sharing=sharing)
    assert line(text, start).startswith(
        start + "the sharing of your personal information for cross-context behavioural advertising and targeted advertising."
    )


# RISKY-7 and MISSING-3: a business that sells or targets ads and does not honour opt-out signals gets a gap, from the law's date.


def test_not_honouring_opt_out_signals_is_a_gap_where_the_law_requires_it() -> None:
    _, report = policy(["virginia", "colorado", "oregon"], cookies__honours_gpc=False)
    assert status(report, "us_co.universal_opt_out") == "missing"
    assert status(report, "us_or.universal_opt_out") == "missing"
    assert "honour opt-out preference signals such as Global Privacy Control" in format_report(report)
    assert status(report, "us_va.universal_opt_out") == "absent"  # Virginia has no mandate


def test_oregon_asks_for_opt_out_signals_only_from_1_january_2026() -> None:
    _, before = policy(["oregon"], cookies__honours_gpc=False, policy__effective_date="2025-12-01", policy__last_updated="2025-12-01")
    assert status(before, "us_or.universal_opt_out") == "not applicable"


# RISKY-8: the Texas (and Louisiana) notice only for a sale of sensitive data, the biometric line only for biometric data sold.


def test_the_texas_notice_is_given_only_when_sensitive_data_is_sold() -> None:
    text, report = policy(["texas"], sharing__sold_categories=["contact"])
    assert "NOTICE: We may sell" not in text
    assert status(report, "us_tx.sensitive_sale_notice") == "absent"
    sold, sold_report = policy(["texas"], sharing__sold_categories=["contact", "biometric"])
    assert "### Texas\n\nNOTICE: We may sell your sensitive personal data.\n\nNOTICE: We may sell your biometric personal data." in sold
    assert status(sold_report, "us_tx.biometric_sale_notice") == "covered"


def test_a_sensitive_sale_without_biometric_data_has_no_biometric_notice() -> None:
    health = {"category": "health", "sources": ["you"], "required": False, "purposes": ["provide-service"]}
    text, _ = policy(["texas"], data=[*BASE["data"], health], sharing__sold_categories=["health"])
    assert "NOTICE: We may sell your sensitive personal data." in text
    assert "biometric personal data" not in text


# RISKY-6: Connecticut's Public Act 25-113 items from 1 July 2026, by the policy's effective date.


def test_connecticut_asks_about_language_models_from_1_july_2026() -> None:
    _, before = policy(["connecticut"], policy__effective_date="2026-06-15", policy__last_updated="2026-06-15")
    assert status(before, "us_ct.llm_training") == "absent"
    text, after = policy(["connecticut"], policy__effective_date="2026-07-01", policy__last_updated="2026-07-01")
    assert status(after, "us_ct.llm_training") == "missing"
    assert "question the result of profiling" in text
    answered, report = policy(
        ["connecticut"], policy__effective_date="2026-07-01", policy__last_updated="2026-07-01", automated_decisions__trains_language_models=False
    )
    assert "We do not collect, use or sell personal data to train large language models." in answered
    assert status(report, "us_ct.llm_training") == "covered"


# RISKY-9 (part): a known child's sensitive data needs a parent's consent under COPPA.


def test_a_childs_sensitive_data_needs_a_parents_consent() -> None:
    health = {"category": "health", "sources": ["you"], "required": False, "purposes": ["provide-service"], "about": ["children"]}
    text, _ = policy(["virginia"], data=[*BASE["data"], health])
    sentence = line(text, "If you live in Virginia, we process a child's")
    assert sentence.endswith("only with a parent's consent given as the Children's Online Privacy Protection Act requires.")


# RISKY-9: "only with your consent" rests on an answer that consent is collected, and where the law asks for a way to withdraw
# consent (Conn. Gen. Stat. 42-520(a)(6), ORS 646A.578(1)(d), Mont. Code Ann. 30-14-2812(1)(c), Colorado's rules), the policy says how.


def test_the_sensitive_consent_sentence_rests_on_the_owners_answer() -> None:
    requests = copy.deepcopy(BASE["requests"])
    requests.pop("sensitive_consent", None)
    requests.pop("consent_withdrawal", None)
    text, report = policy(["texas", "oregon"], requests=requests)
    assert "only with your consent" not in text
    assert status(report, "us_tx.sensitive_data_consent") == "missing"
    given, report = policy(["texas", "oregon"], requests={**requests, "sensitive_consent": True})
    assert "only with your consent" in given
    assert "withdraw" not in given
    assert status(report, "us_tx.sensitive_data_consent") == "covered"
    assert status(report, "us_or.sensitive_data_consent") == "missing"  # Oregon asks for a way to withdraw it


def test_the_policy_says_how_to_withdraw_consent_to_sensitive_data() -> None:
    text, report = policy(["oregon"], requests={**BASE["requests"], "sensitive_consent": True, "consent_withdrawal": "in your account settings."})
    assert "You can withdraw your consent in your account settings." in text
    assert status(report, "us_or.sensitive_data_consent") == "covered"


# Issue 19, minors: the rows' rules for teenagers (Montana, Delaware, New Hampshire, New Jersey, Minnesota, Alabama, Connecticut,
# Colorado, Oregon: consent before sale or targeted advertising; Maryland: neither, under 18). Rules of conduct: the clause states the
# owner's answer and covers nothing.


def test_the_policy_states_the_owners_practice_for_minors_per_state() -> None:
    text, _ = policy(["montana", "oregon", "maryland"], children={**BASE.get("children", {}), "minors_sale_ads": "never"})
    assert (
        "If you live in Montana or Maryland and we know, or wilfully disregard, that you are under 18 years old, we do not sell your "
        "personal data and do not use it for targeted advertising." in text
    )
    assert "If you live in Oregon and we know, or wilfully disregard, that you are 13 to 15 years old, we do not sell" in text
    consent, _ = policy(["new-hampshire"], children={**BASE.get("children", {}), "minors_sale_ads": "with-consent"})
    assert "that you are 13 to 15 years old, we sell your personal data or use it for targeted advertising only with your consent." in consent
    unanswered, _ = policy(["new-hampshire"])
    assert "wilfully disregard" not in unanswered


def test_selling_minors_data_with_consent_is_refused_for_maryland() -> None:
    data = copy.deepcopy(BASE)
    data["jurisdictions"] = ["maryland"]
    data["children"] = {**data.get("children", {}), "minors_sale_ads": "with-consent"}
    with pytest.raises(AnswerError, match=r"children.minors_sale_ads: 'with-consent' is not allowed with maryland: Maryland forbids selling"):
        answers_from_dict(data, "states.yaml")


# RISKY-11, coverage 5: Oregon's notice identifies the controller by its registered and assumed business names (ORS 646A.578(4)(g)).


def test_oregon_readers_are_told_the_business_names() -> None:
    text, report = policy(["oregon"], business={**BASE["business"], "other_names": ["Example Slots"]})
    assert f"For Oregon's privacy law, we are {BASE['business']['legal_name']}, and we also do business as " in text
    assert "Example Slots." in line(text, "For Oregon's privacy law")
    assert status(report, "us_or.controller_identity") == "covered"
    none, _ = policy(["oregon"], business={**BASE["business"], "other_names": []})
    assert "For Oregon's privacy law, we are Lumen Harbor Inc.; we have no other registered or assumed business name." in none
    business = {key: value for key, value in BASE["business"].items() if key != "other_names"}
    unanswered, report = policy(["oregon"], business=business)
    assert "For Oregon's privacy law" not in unanswered
    assert status(report, "us_or.controller_identity") == "missing"


# RISKY-14: the Attorney General's complaint page beside the appeal, where the row gives one (Colorado, C.R.S. 6-1-1306(3)).


def test_a_colorado_reader_is_given_the_attorney_generals_complaint_page() -> None:
    text, _ = policy(["colorado", "texas"])
    assert (
        "If you live in Colorado, you can file a complaint with the Colorado Attorney General at "
        "[coag.gov/file-complaint](https://coag.gov/file-complaint/)." in text
    )
    utah, _ = policy(["utah", "virginia"])  # Virginia's page not found on the Attorney General's site: no link
    assert "file a complaint with the" not in utah
    assert "you can contact the Virginia Attorney General." in utah


def test_a_texas_reader_is_given_the_attorney_generals_page_on_the_act() -> None:
    """Failed before 2026-12-03: a Texas reader was told only to "contact the Texas Attorney General", though Tex. Bus. & Com. Code
    541.152 has the Attorney General post the Act's information and an online complaint mechanism on its website; the page is in
    the data now (`ag_complaint`), read on texasattorneygeneral.gov."""
    texas, _ = policy(["texas"])
    assert (
        "If you live in Texas, you can file a complaint with the Texas Attorney General at "
        "[texasattorneygeneral.gov/consumer-protection/file-consumer-complaint/consumer-privacy-rights/texas-data-privacy-and-security-act]"
        "(https://texasattorneygeneral.gov/consumer-protection/file-consumer-complaint/consumer-privacy-rights/"
        "texas-data-privacy-and-security-act)." in texas
    )


# RISKY-12: Colorado's notice of material changes (4 CCR 904-3 r.6.04(A): told in a manner by which the business regularly
# interacts with consumers; r.6.04(B): consent before data collected earlier is used for a secondary use).


def test_colorado_account_holders_are_told_of_material_changes_directly() -> None:
    """Failed before 2026-12-03: with accounts and only a website notice, `us_co.material_changes` was met, though the business
    deals with its account holders directly (r.6.04(A)); it is met with an email or in-app notice, and without accounts by the
    website notice."""
    text, report = policy(["colorado"], policy__notice_of_changes=["website"])
    assert "If we make an important change, we will put a notice on our website." in text
    assert status(report, "us_co.material_changes") == "missing"
    _, direct = policy(["colorado"], policy__notice_of_changes=["website", "in-app"])
    assert status(direct, "us_co.material_changes") == "covered"
    data = copy.deepcopy(BASE["applies_to"]) | {"accounts": False}
    _, no_accounts = policy(["colorado"], policy__notice_of_changes=["website"], applies_to=data)
    assert status(no_accounts, "us_co.material_changes") == "covered"
    _, minnesota = policy(["minnesota"], policy__notice_of_changes=["website"])  # Minnesota's row keeps its own rule
    assert status(minnesota, "us_co.material_changes") == "absent"


def test_a_colorado_reader_is_told_of_consent_for_a_new_use_only_when_the_owner_says_so() -> None:
    """Failed before 2026-12-03: nothing said that data collected before a change is used for a secondary use only with consent
    (r.6.04(B)); the sentence now rests on `policy.secondary_use_consent` and is printed only when it is true."""
    sentence = (
        "If you live in Colorado and a change to this policy would mean using information we collected before the change for a "
        "new purpose that is not reasonably necessary to, or compatible with, the purposes we told you of, we will ask for your "
        "consent before using it that way."
    )
    text, _ = policy(["colorado"], policy__secondary_use_consent=True)
    assert sentence in text
    unanswered, _ = policy(["colorado"])
    assert "new purpose that is not reasonably necessary" not in unanswered
    texas, _ = policy(["texas"], policy__secondary_use_consent=True)
    assert "new purpose that is not reasonably necessary" not in texas


def test_no_to_consent_for_a_new_use_is_refused_for_colorado() -> None:
    """Failed before 2026-12-03: `policy.secondary_use_consent: false` with Colorado was accepted and printed nothing, though C.R.S.
    6-1-1308(4) and 4 CCR 904-3 r.6.08(B) allow no processing for a purpose not reasonably necessary to or compatible with the
    specified ones without consent first; the answer is refused at its line, and accepted where Colorado is not chosen."""
    with pytest.raises(AnswerError) as raised:
        policy(["colorado"], policy__secondary_use_consent=False)
    message = str(raised.value)
    assert "policy.secondary_use_consent: false is not allowed with colorado" in message
    assert "C.R.S. 6-1-1308(4)" in message
    texas, _ = policy(["texas"], policy__secondary_use_consent=False)
    assert "new purpose that is not reasonably necessary" not in texas


# RISKY-10 and COVERAGE-2: 4 CCR 904-3 r.6.03(A)(1)(c): for each purpose, whether its data is sold or used for targeted
# advertising or for profiling in furtherance of decisions with legal or similarly significant effects.


def test_a_colorado_reader_is_told_per_purpose_what_is_sold_or_used_for_ads_or_profiling() -> None:
    """Failed before 2026-12-03: `us_co.purpose_linked_categories` claimed (c) through the purposes list, which says nothing of sale,
    targeted advertising or profiling per purpose; now each purpose says which, from `sharing.sold_categories`, the 'advertising'
    purpose and the new `automated_decisions.significant_profiling_purposes`."""
    sharing = BASE["sharing"] | {"sold_categories": ["contact"]}
    automated = BASE["automated_decisions"] | {"significant_profiling_purposes": ["security"]}
    text, report = policy(["colorado"], sharing=sharing, automated_decisions=automated)
    assert status(report, "us_co.purpose_sale_ads_profiling") == "covered"
    assert "- **Send marketing**: we sell your contact details." in text
    assert (
        "- **Keep our services secure**: we use this information for profiling that can lead to decisions with legal or "
        "similarly significant effects on you." in text
    )
    assert "- **Improve our services**: none of these." in text
    unasked = {key: value for key, value in BASE["automated_decisions"].items() if key != "significant_profiling_purposes"}
    unanswered, missing = policy(["colorado"], sharing=sharing, automated_decisions=unasked)  # the profiling purposes not given: no list
    assert status(missing, "us_co.purpose_sale_ads_profiling") == "missing"
    assert "none of these." not in unanswered
    _, texas = policy(["texas"], sharing=sharing, automated_decisions=automated)
    assert status(texas, "us_co.purpose_sale_ads_profiling") == "absent"


def test_a_sold_category_no_data_item_has_is_refused() -> None:
    """Failed before 2026-12-03: `sharing.sold_categories: [other]` (or any category no item has) was accepted; no item was then sold,
    so Colorado's per-purpose list said "none of these" for every purpose beside "We sell personal data". Now it is refused at its
    line; an 'other' item that is listed is sold and named for its purposes."""
    sharing = BASE["sharing"] | {"sells_data": True, "sold_categories": ["other"]}
    with pytest.raises(AnswerError) as raised:
        policy(["colorado"], sharing=sharing)
    assert "sharing.sold_categories: names 'other', which no item under 'data:' has as its category" in str(raised.value)
    data = [*copy.deepcopy(BASE["data"]), {"category": "other", "label": "Event badges", "sources": ["you"], "required": False, "purposes": ["marketing"]}]
    text, _ = policy(["colorado"], sharing=sharing, data=data)
    assert "- **Send marketing**: we sell your event badges." in text


def test_colorado_targeted_advertising_is_tied_to_the_advertising_purpose() -> None:
    """Advertising cookies make targeted advertising; with no data item for the 'advertising' purpose no purpose can be said to
    carry it, so the list is left out and the item is missing; with one, that purpose says so."""
    cookies = BASE["cookies"] | {"kinds": ["essential", "analytics", "advertising"]}
    sharing = BASE["sharing"] | {"sells_data": False}
    automated = BASE["automated_decisions"] | {"significant_profiling_purposes": []}
    text, report = policy(["colorado"], cookies=cookies, sharing=sharing, automated_decisions=automated)
    assert status(report, "us_co.purpose_sale_ads_profiling") == "missing"
    assert "none of these." not in text
    data = copy.deepcopy(BASE["data"])
    data[3]["purposes"] = ["analytics", "improve", "advertising"]
    text, report = policy(["colorado"], cookies=cookies, sharing=sharing, automated_decisions=automated, data=data)
    assert status(report, "us_co.purpose_sale_ads_profiling") == "covered"
    assert "- **Show advertising**: we use this information for targeted advertising." in text
    assert "- **Keep our services secure**: none of these." in text


def test_a_profiling_purpose_no_data_has_is_refused() -> None:
    automated = BASE["automated_decisions"] | {"significant_profiling_purposes": ["billing"]}
    with pytest.raises(AnswerError) as raised:
        policy(["colorado"], automated_decisions=automated)
    assert "automated_decisions.significant_profiling_purposes" in str(raised.value)
    assert "names 'billing', which no item under 'data:' has as a purpose" in str(raised.value)
