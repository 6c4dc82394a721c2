"""Regression tests of the COPPA review (issue 17, docs/legal-review.md): 16 CFR 312.2, 312.4(d), 312.5(a)(2) and (c)(3), (c)(7),
312.10 as amended at 90 FR 16918. The answer file `tests/legal/coppa-exceptions.yaml` is a site for children that relies on the
one-time-contact and internal-operations exceptions and shows contextual ads only; on main its answers could not be given, and
the nearest ones printed "We collect a child's information only with a parent's consent" and "show our ads on other websites"."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.check import format_report
from generator.errors import AnswerError
from tests.test_legal_review import CASES, case, paragraph, status

CASE = "coppa-exceptions"


def children_section(text: str) -> str:
    """The policy's Children section."""
    return text.split('id="children"', 1)[1].split("## <a id=", 1)[0]


def test_no_consent_promise_where_the_exceptions_are_relied_on() -> None:
    """Failed on main: the answers could not name one-time contact, and 'only with a parent's consent' was printed beside an exception."""
    text, report = case(CASE)
    children = children_section(text)
    assert "only with a parent's" not in children
    assert "Everything we collect from children is what COPPA lets us collect without a parent's permission; we describe it below." in children
    once = next(line for line in children.splitlines() if line.startswith("- **To answer a child once**"))
    assert "when a child asks us for an answer to a science question sent through our Ask the Owl form, we collect the email address" in once
    assert "never to contact the child again or for anything else; we give them to no one; and we delete them as soon as our answer has been sent." in once
    assert status(report, "coppa.one_time_contact") == "covered"
    assert status(report, "coppa.consent_without_disclosure") == "not applicable"


def test_consent_and_exceptions_together_say_which_is_which() -> None:
    def consent(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"

    text, report = case(CASE, consent)
    children = children_section(text)
    assert "only with a parent's" not in children
    assert (
        "We ask a parent's permission before we collect personal information from a child, except what COPPA lets us collect without it, "
        "which we describe below. This is how we get and check it: a parent signs a form we send by email and we call to confirm." in children
    )
    assert children.count("This is how we get and check it") == 1 and "consent like this" not in children  # said once, in the COPPA notice


def test_separate_consent_to_disclosure_only_where_third_parties_get_the_data() -> None:
    """Failed before part B: with a parent's consent and an ad server as the only recipient, the notice offered consent to
    collection without consent to "disclosure to others", and coppa.consent_without_disclosure applied. A provider that supports the
    internal operations is no "third party" (16 CFR 312.2), so 312.5(a)(2) does not apply; it does once a partner gets the data."""

    def consent(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"

    text, report = case(CASE, consent)
    assert "without agreeing to its disclosure" not in text
    assert status(report, "coppa.consent_without_disclosure") == "absent"  # its applies_when is false: not asked for

    def partner(data: dict[str, Any]) -> None:
        consent(data)
        data["sharing"]["partners"] = [{"name": "Quiz Friends Inc.", "purpose": "run joint quizzes"}]
        data["children"]["disclosure_consent"] = "separate"

    text, report = case(CASE, partner)
    assert (
        "A parent can agree to our collecting and using a child's information without agreeing to its disclosure to third parties; "
        "we disclose it to them only with the parent's separate permission." in children_section(text)
    )
    assert status(report, "coppa.consent_without_disclosure") == "covered"


def test_separate_consent_to_disclosure_is_the_owners_answer() -> None:
    """Failed before 2026-12-03: with a parent's consent and a partner, the notice said a parent could refuse the disclosure
    although the owner never said so, and the Rule spares an operator that option where the disclosure is integral to the service
    (16 CFR 312.5(a)(2) as amended in 2025, which also asks a separate consent for the disclosure). The sentence now rests on
    children.disclosure_consent; without it the requirement is missing."""

    def partner(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
        data["sharing"]["partners"] = [{"name": "Quiz Friends Inc.", "purpose": "run joint quizzes"}]

    text, report = case(CASE, partner)
    assert "without agreeing to its disclosure" not in text and "part of how our service works" not in text
    assert status(report, "coppa.consent_without_disclosure") == "missing"
    assert "the COPPA notice is built on it) and children.disclosure_consent ('separate'" in format_report(report)

    def integral(data: dict[str, Any]) -> None:
        partner(data)
        data["children"]["disclosure_consent"] = "integral"

    text, report = case(CASE, integral)
    assert "without agreeing to its disclosure" not in text
    integral_sentence = "Disclosing it to these third parties is part of how our service works, so a parent who gives permission agrees to that too."
    assert integral_sentence in children_section(text)
    assert status(report, "coppa.consent_without_disclosure") == "covered"


def test_what_no_exception_covers_needs_a_parents_consent() -> None:
    """A child's name is no online contact detail and no identifier: without a parent's consent the notice is not complete."""

    def name(data: dict[str, Any]) -> None:
        data["data"].append({"category": "identity", "sources": ["you"], "purposes": ["support"], "about": ["children"]})

    text, report = case(CASE, name)
    assert "Everything we collect from children is what COPPA lets us collect" not in text
    assert status(report, "coppa.info_collected") == "missing"
    assert "missing: give children.parental_consent, or children.consent_exceptions that cover everything" in format_report(report)


def test_the_internal_operations_and_their_safeguard_are_named() -> None:
    """The amended 312.4(d)(3): the specific internal operations, and the means that keep the identifier from contact and profiles."""
    text, report = case(CASE)
    run = next(line for line in children_section(text).splitlines() if line.startswith("- **To run our service**"))
    assert "We use it only to keep our service working and fix problems, recognise a returning device to keep its progress and settings, show ads" in run
    assert run.endswith("the owl\\_id cookie holds only a random number kept with quiz progress, and it is never sent to our ad network.")
    assert status(report, "coppa.persistent_identifiers") == "covered"


@pytest.mark.parametrize("left_out", ["internal_operations", "identifier_safeguards"])
def test_the_identifier_disclosure_needs_its_answers(left_out: str) -> None:
    _, report = case(CASE, lambda data: data["children"].pop(left_out))
    assert status(report, "coppa.persistent_identifiers") == "missing"
    assert "missing: give children.internal_operations (what the identifier is used for) and children.identifier_safeguards" in format_report(report)


def test_the_one_time_contact_needs_its_answers() -> None:
    _, report = case(CASE, lambda data: data["children"].pop("one_time_deleted"))
    assert status(report, "coppa.one_time_contact") == "missing"


def test_the_online_notice_applies_under_the_internal_operations_exception() -> None:
    """Failed on main: the whole regime was 'not applicable' under 312.5(c)(7), which lifts the consent, not the notice of 312.4(d)."""

    def identifiers_only(data: dict[str, Any]) -> None:
        data["data"] = data["data"][:2]
        data["children"]["consent_exceptions"] = ["internal-operations"]

    text, report = case(CASE, identifiers_only)
    assert status(report, "coppa.operator_contacts") == "covered"
    assert status(report, "coppa.retention_policy") == "covered"
    assert "- **To answer a child once**" not in text
    assert "Our retention policy for children's information: we keep it only for the purposes above, no longer than 12 months" in text


def test_a_purpose_rule_is_no_written_retention_policy() -> None:
    """312.10: a timeframe for deletion, not only 'as long as we need it'."""

    def vague(data: dict[str, Any]) -> None:
        data["retention"]["default"] = "for as long as we need it"
        for item in data["data"]:
            item.pop("retention", None)

    _, report = case(CASE, vague)
    assert status(report, "coppa.retention_policy") == "missing"


def test_the_retention_policy_states_the_business_need() -> None:
    """Failed before 2026-12-03: coppa.retention_policy was covered by the purposes and a period alone, but 312.10 (as amended in
    2025) asks the written retention policy in the online notice to set out the purposes, the business need for keeping the
    information, and a timeframe for deleting it. The need is the owner's answer children.retention_need; without it, missing."""

    def no_need(data: dict[str, Any]) -> None:
        data["children"].pop("retention_need")

    text, report = case(CASE, no_need)
    assert "We need to keep it that long" not in text
    assert status(report, "coppa.retention_policy") == "missing"
    assert "missing: give retention.default as a period or the criteria that set one" in format_report(report)
    assert "children.retention_need (why you need to keep children's information that long)" in format_report(report)

    text, report = case(CASE)
    retention = paragraph(children_section(text).strip(), "Our retention policy for children's information")
    assert retention.endswith(
        "and then delete it. We need to keep it that long because a child who comes back can carry on a quiz where they left off, "
        "and our server logs let us look into attacks and faults."
    )
    assert status(report, "coppa.retention_policy") == "covered"


def test_contextual_ads_are_not_targeted_advertising() -> None:
    """Failed on main: the purpose 'advertising' said 'show our ads on other websites', and an advertising cookie made targeted
    advertising true (the Virginia notice, CalOPPA's tracking sentence)."""
    text, _ = case(CASE)
    assert "show our ads on other websites" not in text
    assert "- **Show contextual ads**: show ads on our service chosen only from the page or screen you are viewing, never from a profile of you." in text
    assert "- **Contextual advertising**: to choose the ads on our pages only from what the page is about" in text
    assert "We use personal data for targeted advertising." not in text
    assert "We do not allow other companies to collect information about your online activities over time and across different websites" in text


def test_advertising_cookies_are_still_targeted_advertising() -> None:
    def targeted(data: dict[str, Any]) -> None:
        data["cookies"]["kinds"] = ["essential", "advertising"]
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"

    text, _ = case(CASE, targeted)
    assert "We use personal data for targeted advertising." in text
    assert "Other companies may collect information about your online activities over time and across different websites" in text


def test_behavioural_ads_beside_the_internal_operations_exception_are_refused() -> None:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["sharing"]["shares_for_advertising"] = True
    with pytest.raises(AnswerError, match="behavioural advertising needs a parent's consent"):
        answers_from_dict(data, "coppa-exceptions.yaml")
    data["children"]["tracks_children"] = True
    data["sharing"]["shares_for_advertising"] = False
    with pytest.raises(AnswerError, match="is not for internal operations"):
        answers_from_dict(data, "coppa-exceptions.yaml")


def test_directed_clause_keeps_its_promise_without_exceptions() -> None:
    """With a parent's consent for everything and no exception, the old sentence stays: it is then true."""

    def consent_only(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
        data["children"]["consent_exceptions"] = []

    text, _ = case(CASE, consent_only)
    assert paragraph(children_section(text).strip(), "Our services are made for children.").startswith(
        "Our services are made for children. We collect a child's information only with a parent's or guardian's consent"
    )
    assert "What we collect from children without a parent's permission" not in text
    assert (  # children.coppa-identifiers: said only where the internal-operations exception does not name the operations
        "Our service uses cookies and similar identifiers for strictly necessary and contextual advertising purposes only. We do not use "
        "them to contact a child, to build a profile of a child, or to show a child targeted advertising." in text
    )


def test_contextual_ads_are_still_advertising() -> None:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["does_not_use"] = ["advertising"]
    with pytest.raises(AnswerError, match="cookies.kinds lists contextual-advertising; a purpose is contextual-advertising"):
        answers_from_dict(data, "coppa-exceptions.yaml")


def test_exceptions_only_notice_refuses_sale_targeted_ads_and_partners(capsys: pytest.CaptureFixture[str]) -> None:
    """Failed before part B: an exceptions-only notice (no parent's consent) could also sell, share for targeted ads and name partners.

    16 CFR 312.5(c)(3) (one-time contact details disclosed to no one), (c)(7) and 312.2 (internal operations exclude behavioural
    advertising and profiling): each is refused at load, at its own line, in one run, exit 2."""
    from generator.cli import main

    path = CASES / "coppa-exceptions-disclosed.yaml"
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    lines = {line.split(": ", 3)[2]: line for line in err.splitlines() if line.startswith("policygen: ")}
    assert set(lines) == {"sharing.sells_data", "sharing.shares_for_advertising", "sharing.partners"}, err
    assert "selling children's information needs a parent's consent" in lines["sharing.sells_data"]
    assert "behavioural advertising needs a parent's consent" in lines["sharing.shares_for_advertising"]
    assert "names Quiz Friends Inc., but children.consent_exceptions lists 'one-time-contact', 'internal-operations'" in lines["sharing.partners"]
    assert "Traceback" not in err
    for line in lines.values():
        assert line.split(": ", 3)[1].split(":")[-2:] != ["1", "1"]  # at the answer's line, not the file's


def test_the_list_of_childrens_data_names_what_the_exceptions_cover() -> None:
    """Failed before part B: "From children we collect only ..." left out what an exception covers when that item is about everyone
    who uses the service (an empty `about`), as the log data of the united-states test file (16 CFR 312.4(d)(2): the notice
    describes what is collected from children). The list now holds it, and says which item is collected without a parent's
    permission, under which exception."""

    def name_and_shared_log(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
        data["data"].append({"category": "identity", "sources": ["you"], "purposes": ["support"], "about": ["children"]})
        data["data"][1]["about"] = []  # the device data: about everyone who uses the service, children too

    text, _ = case(CASE, name_and_shared_log)
    listed = paragraph(children_section(text).strip(), "From children we collect only")
    assert "usage data (without a parent's permission, to run our service)" in listed, listed
    assert "(without a parent's permission, to answer a child once)" in listed, listed
    assert listed.count("without a parent's permission") == 4 and "identity details." in listed, listed


def test_exceptions_only_data_is_used_only_as_the_exception_allows() -> None:
    """Failed before part B: "improve our services" was listed among the uses of children's data beside an identifier used "only"
    for internal operations, with no parent's consent. What an exception covers may be used only as it allows (16 CFR 312.2
    (1)(i)-(vi), 312.5(c)(3), (c)(7)); other purposes need consent, so the combination is refused at the item's purposes."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["data"][0]["purposes"].append("improve")
    data["data"][2]["purposes"].append("marketing")
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    message = str(refused.value)
    assert "lists improve, but this usage data is collected from children under the 'internal-operations' exception" in message
    assert "lists marketing, but this contact data is collected from children under the 'one-time-contact' exception" in message
    data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
    # With a parent's consent, other purposes may be asked for: the data is then collected with the consent, not under the
    # exception. The only contact details used for marketing cannot be the ones answered once (2026-12-03, coppa17h).
    with pytest.raises(AnswerError, match="lists 'one-time-contact', but every contact data item about children is used for more"):
        answers_from_dict(data, "coppa-exceptions.yaml")
    data["children"]["consent_exceptions"] = ["internal-operations"]
    data["children"].pop("one_time_requests")
    data["children"].pop("one_time_deleted")
    answers_from_dict(data, "coppa-exceptions.yaml")


def test_an_exception_with_no_data_it_covers_is_refused() -> None:
    """Failed before: the united-states test file listed `one-time-contact` while its only contact details were the parents', and
    the policy said "we collect the email address or other online contact details the child gives us" (16 CFR 312.5(c)(3) covers a
    child's online contact details). An exception with no children's data of its kind is now refused, at its line."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    for item in data["data"]:
        if item["category"] in ("contact", "correspondence"):
            item["about"] = ["parents"]
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    message = str(refused.value)
    assert "children.consent_exceptions: lists 'one-time-contact', but no data item about children is contact or correspondence data" in message
    assert "'internal-operations'" not in message  # the identifier's data is there


def test_contextual_ads_do_not_claim_frequency_capping_the_owner_did_not_choose() -> None:
    """Failed before: `contextual-ads` printed "show ads chosen only by what is on the page and limit how often each is shown" for a
    site whose identifier is never used for ads (the kids-games reader, 2026-12-02). 16 CFR 312.2 (1)(iv) names the two apart:
    serving contextual advertising, and capping its frequency; each is its own answer now."""

    def operations(chosen: list[str]) -> str:
        def change(data: dict[str, Any]) -> None:
            data["children"]["internal_operations"] = chosen

        section = children_section(case(CASE, change)[0])
        return next(line for line in section.splitlines() if line.startswith("- **To run our service**"))

    contextual = operations(["functioning", "contextual-ads", "security"])  # security: the log data's purpose (named since coppa17g)
    assert "show ads chosen only by what is on the page" in contextual and "how often" not in contextual
    assert "limit how often the same ad is shown" in operations(["contextual-ads", "frequency-capping", "security"])


def test_personalisation_is_no_internal_operation_and_each_use_names_its_operation() -> None:
    """Failed before 2026-12-03 (coppa17g), re-reading 16 CFR 312.2 ("support for the internal operations") and 312.4(d)(3):
    - an exceptions-only notice accepted `personalisation` for a child's log data and printed "Personalise your experience: show
      content and offers that suit you". Offers chosen to suit a child go beyond personalising "the content on" the service
      ((1)(iii)), towards the profile and behavioural advertising that paragraph (2) forbids: refused at the item's purposes;
    - `analytics` was accepted beside internal operations that did not name `functioning` ((1)(i): maintain or analyse the
      functioning), so the notice listed "understand how our website and services are used" among children's uses while its list of
      the operations the identifier is used for (312.4(d)(3)) left it out: refused, naming the operation to add."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["data"][1]["purposes"].append("personalisation")
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    assert "lists personalisation, but this device data is collected from children under the 'internal-operations' exception" in str(refused.value)

    data = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["data"][1]["purposes"].append("analytics")
    data["children"]["internal_operations"] = ["personalise", "contextual-ads", "security"]
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    assert "lists analytics ('functioning'), but children.internal_operations does not name that operation" in str(refused.value)
    data["children"]["internal_operations"].append("functioning")
    answers_from_dict(data, "coppa-exceptions.yaml")  # named: the use is one of the operations the notice lists
    data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
    data["data"][1]["purposes"].append("personalisation")
    answers_from_dict(data, "coppa-exceptions.yaml")  # with a parent's consent, other uses may be consented to
    from generator.wizard.defaults import _coppa_proposal

    # The wizard proposes the operation each purpose needs, `account` (authenticating users, (1)(iii)) among them.
    assert _coppa_proposal("children.internal_operations", {"children": {}, "data": []}, {"account", "analytics"}) == ["functioning", "personalise"]


def test_integral_disclosure_is_refused_beside_a_sale_or_targeted_ads() -> None:
    """Failed before (the merge of 2026-12-03): `disclosure_consent: integral` beside a sale printed "Disclosing it to these third
    parties is part of how our service works, so a parent who gives permission agrees to that too", of a sale. A sale or targeted
    advertising is not integral to a service (16 CFR 312.5(a)(2) as amended, the FTC's statement of basis and purpose): refused at
    the answer's line, one message for each."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
    data["children"]["disclosure_consent"] = "integral"
    data["sharing"]["sells_data"] = True
    data["sharing"]["shares_for_advertising"] = True
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    message = str(refused.value)
    assert "children.disclosure_consent: is 'integral', but sharing.sells_data is true" in message
    assert "children.disclosure_consent: is 'integral', but sharing.shares_for_advertising is true" in message
    data["sharing"]["sells_data"] = data["sharing"]["shares_for_advertising"] = False
    data["sharing"]["partners"] = [{"name": "Quiz Friends Inc.", "purpose": "run joint quizzes"}]
    answers_from_dict(data, "coppa-exceptions.yaml")  # a partner's disclosure may be integral: the owner's answer stands


def test_the_third_parties_are_named_with_their_purposes() -> None:
    """Failed before 2026-12-03: with group companies, a sale and sharing for targeted ads, the notice named the group companies
    without their purposes and said "We also sell personal information, as this policy describes" and "... with advertising
    companies for targeted advertising", naming neither the buyers nor the advertisers, yet coppa.third_party_identities was
    covered. 16 CFR 312.4(d)(2) as amended in 2025: the identities and specific categories of the third parties and the purposes
    of each disclosure. Now missing without children.affiliates_purpose, sharing.sold_to and the advertising companies named."""

    def third_parties(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
        data["children"]["disclosure_consent"] = "separate"
        data["sharing"].update(affiliates=["Owl Answers Holdings Inc."], sells_data=True, shares_for_advertising=True)

    text, report = case(CASE, third_parties)
    assert status(report, "coppa.third_party_identities") == "missing"
    assert (
        "children.affiliates_purpose (what your group companies get it for), sharing.sold_to (what kinds of organisations you sell to) "
        "and children.buyer_names (their names)" in format_report(report)
    )

    def named(data: dict[str, Any]) -> None:
        third_parties(data)
        data["children"]["affiliates_purpose"] = "run the quizzes with us"
        data["sharing"]["sold_to"] = ["makers of science toys"]
        data["children"]["buyer_names"] = ["Toy Lab Inc."]

    text, report = case(CASE, named)
    disclosures = paragraph(children_section(text).strip(), "We use children's information")
    assert "companies in our group (Owl Answers Holdings Inc., to run the quizzes with us), and when the law requires." in disclosures
    assert "We also sell personal information to makers of science toys (Toy Lab Inc.), as this policy describes." in disclosures
    # The ad server is a third party once the business shares for targeted advertising: named as one, not as a service provider.
    assert "We also share personal information with advertising companies (Barn Owl Ads) for targeted advertising" in disclosures
    assert "service providers who work for us (Barn Owl Ads" not in disclosures
    assert status(report, "coppa.third_party_identities") == "covered"


def test_a_sale_names_the_buyers_as_well_as_their_kind() -> None:
    """Failed before 2026-12-03 (coppa17g): a sale answered with the kinds of buyers only ("to makers of science toys") covered
    coppa.third_party_identities. 16 CFR 312.4(d)(2) as amended in 2025 asks the online notice for "the identities and specific
    categories of any third parties" (both; the direct notice of 312.4(c)(1)(iv) may give "identities or specific categories").
    Now the buyers' names are the owner's answer (children.buyer_names), printed beside their kind; without them the requirement is
    missing, and nothing stands in for them."""

    def sale(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
        data["children"]["disclosure_consent"] = "separate"
        data["sharing"].update(sells_data=True, shares_for_advertising=False, sold_to=["makers of science toys"])

    text, report = case(CASE, sale)
    disclosures = paragraph(children_section(text).strip(), "We use children's information")
    assert "We also sell personal information to makers of science toys, as this policy describes." in disclosures
    assert status(report, "coppa.third_party_identities") == "missing"
    assert "children.buyer_names (their names)" in format_report(report)

    def named(data: dict[str, Any]) -> None:
        sale(data)
        data["children"]["buyer_names"] = ["Toy Lab Inc.", "Kite Kits LLC"]

    text, report = case(CASE, named)
    disclosures = paragraph(children_section(text).strip(), "We use children's information")
    assert "We also sell personal information to makers of science toys (Toy Lab Inc. and Kite Kits LLC), as this policy describes." in disclosures
    assert status(report, "coppa.third_party_identities") == "covered"

    def names_only(data: dict[str, Any]) -> None:  # the names without their kind: the specific categories are still missing
        named(data)
        data["sharing"]["sold_to"] = []

    text, report = case(CASE, names_only)
    assert "We also sell personal information to Toy Lab Inc. and Kite Kits LLC, as this policy describes." in text
    assert status(report, "coppa.third_party_identities") == "missing"


def test_the_wizard_asks_about_third_parties_on_the_context_s_condition() -> None:
    """The predicate "children's information goes to third parties" was written three times (the clause's covers_when and its
    text, and the wizard's condition for children.disclosure_consent); now it is the context value `coppa_third_parties`, and the
    wizard's condition over the answers so far (COPPA_THIRD_PARTIES_WHEN) says the same for every combination of the answers."""
    import itertools

    from generator.answers.children import COPPA_THIRD_PARTIES_WHEN
    from generator.context.children import children_facts
    from generator.wizard.prompts import _condition, condition_context

    base: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    base["children"]["parental_consent"] = "a parent signs a form we send by email and we call to confirm"
    base["children"]["disclosure_consent"] = "separate"
    partner = {"name": "Quiz Friends Inc.", "purpose": "run joint quizzes"}
    for affiliates, partners, sells, shares in itertools.product(([], ["Owl Group Ltd"]), ([], [partner]), (None, False, True), (None, False, True)):
        data = yaml.safe_load(yaml.safe_dump(base))
        data["sharing"].update(affiliates=affiliates, partners=partners, sells_data=sells, shares_for_advertising=shares)
        for key in ("sells_data", "shares_for_advertising"):
            if data["sharing"][key] is None:
                del data["sharing"][key]
        answers = answers_from_dict(data, "coppa-exceptions.yaml")
        in_context = children_facts(answers, [], True)["coppa_third_parties"]
        in_wizard = bool(_condition(COPPA_THIRD_PARTIES_WHEN)(**condition_context(data)))
        assert in_context is in_wizard == bool(affiliates or partners or sells or shares), (affiliates, partners, sells, shares)


def test_the_parent_rights_say_how_a_parent_is_checked() -> None:
    """Failed before 2026-12-03: the parent-rights paragraph gave the ways to ask but not how the person asking is checked to be
    the child's parent, and coppa.parent_rights was covered. 16 CFR 312.6(a)(3)(i): the means of review must ensure that the
    requester is a parent of that child; 312.4(d)(5): the notice states the procedures. Now children.parent_verification, printed
    in that paragraph; without it the requirement is missing."""
    text, report = case(CASE)
    rights = paragraph(children_section(text).strip(), "A parent can review the child's information")
    assert rights.endswith(
        "call [+1 303 555 0142](tel:+13035550142). Before we act on such a request, we check that it comes from the child's parent: "
        "we ask for the quiz code shown on the child's device."
    )
    assert status(report, "coppa.parent_rights") == "covered"

    text, report = case(CASE, lambda data: data["children"].pop("parent_verification"))
    assert "comes from the child's parent" not in text
    assert status(report, "coppa.parent_rights") == "missing"
    assert "children.parent_verification (how you check that the person asking is the child's parent)" in format_report(report)


def test_the_summary_and_the_rights_section_point_to_the_fuller_rights() -> None:
    """Failed before 2026-12-03 (the kids-games truth reader): the summary and "Your choices and rights" said only "you can ask to
    delete your information", while California's part gave the rights to know and correct and the COPPA notice a parent's review,
    deletion and refusal (16 CFR 312.6(a)); the Children section opened with "A parent can ask to delete their child's
    information", less than the COPPA paragraph below it says."""
    text, _ = case(CASE)
    summary = next(line for line in text.splitlines() if line.startswith("- **Your rights**"))
    assert summary.startswith(
        "- **Your rights**: the laws of some places give people there more rights. "
        "A parent can see a child's information, have it deleted and stop us collecting or using more of it."
    )
    assert (
        "The laws of some places give people there more rights: [Your rights where you live](#regional-rights) says which. "
        "A parent's rights over a child's information are in [Children](#children)." in text
    )
    assert "A parent can ask to delete their child's information." not in text
    assert "A parent can review the child's information, have it deleted, and refuse to let us collect or use more of it." in text

    def everywhere(data: dict[str, Any]) -> None:
        data["requests"]["all_rights_everywhere"] = True

    text, _ = case(CASE, everywhere)  # everyone has the rights: nothing more is said of other places
    assert "The laws of some places" not in text
    assert "A parent's rights over a child's information are in [Children](#children)." in text


CONSENT = "a parent signs a form we send by email and we call to confirm"


def test_beside_a_consent_data_used_beyond_an_exception_is_collected_with_the_consent() -> None:
    """Failed before 2026-12-03 (coppa17h), re-reading 16 CFR 312.5(c)(7) ("a persistent identifier and no other personal information
    and such identifier is used for the sole purpose of providing support for the internal operations") and 312.4(d)(3) ("the specific
    internal operations for which the operator has collected a persistent identifier pursuant to § 312.5(c)(7)"): with a parent's
    consent, quiz progress also used to improve the service was listed "(without a parent's permission, to run our service)" and named
    in the internal-operations paragraph, which says the identifier is used "only" for those operations. Data of an exception's kind
    used for more rests on the parent's consent: the notice now says so (untagged, under "We ask a parent's permission"), and the
    paragraph names only what the exception covers."""

    def improve(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = CONSENT
        data["data"][0]["purposes"].append("improve")  # the usage data (the owl_id cookie and quiz progress)

    text, report = case(CASE, improve)
    children = children_section(text)
    listed = paragraph(children.strip(), "From children we collect only")
    assert listed.startswith("From children we collect only their usage data, log data (without a parent's permission, to run our service), "), listed
    assert "usage data (without" not in listed, listed
    run = next(line for line in children.splitlines() if line.startswith("- **To run our service**"))
    assert "(part of our log data); we collect no other personal information from children with it without a parent's permission." in run, run
    assert "We use children's information to provide our services, answer questions and give support, improve our services," in children
    assert status(report, "coppa.persistent_identifiers") == "covered"
    assert status(report, "coppa.info_collected") == "covered"

    def everything_improves(data: dict[str, Any]) -> None:
        improve(data)
        data["data"][1]["purposes"].append("improve")

    with pytest.raises(AnswerError) as refused:  # nothing is left under the exception: its paragraph would describe nothing true
        case(CASE, everything_improves)
    assert (
        "children.consent_exceptions: lists 'internal-operations', but every device or usage data item about children is used for more "
        "than that exception allows (provide-service, website, account, analytics, contextual-advertising, security, legal)"
    ) in str(refused.value)


def test_beside_a_consent_the_one_reply_s_contact_details_are_used_for_nothing_else() -> None:
    """Failed before 2026-12-03 (coppa17h): with a parent's consent, the child's email address also used for marketing stayed under the
    one-time-contact exception ("We use them only to reply once to that request, never to contact the child again"), though 16 CFR
    312.5(c)(3) holds only where the "sole purpose" is the one reply and the details are "not used to recontact the child". A data
    category is one item (listed once), so the contact details rest on the consent, and the exception is refused, at its line."""

    def marketing(data: dict[str, Any]) -> None:
        data["children"]["parental_consent"] = CONSENT
        data["data"][2]["purposes"].append("marketing")

    with pytest.raises(AnswerError) as refused:
        case(CASE, marketing)
    message = str(refused.value)
    assert "children.consent_exceptions: lists 'one-time-contact', but every contact data item about children is used for more" in message
    assert "'internal-operations'" not in message

    def without_the_exception(data: dict[str, Any]) -> None:
        marketing(data)
        data["children"]["consent_exceptions"] = ["internal-operations"]

    text, _ = case(CASE, without_the_exception)
    listed = paragraph(children_section(text).strip(), "From children we collect only")
    assert listed.endswith("contact details and messages. Children cannot make their personal information public on our service."), listed
    assert "to answer a child once" not in text


def test_beside_a_consent_each_use_under_internal_operations_names_its_operation() -> None:
    """Failed before 2026-12-03 (coppa17h): the check that each use of an identifier's data under the internal-operations exception is
    among the operations the notice names (16 CFR 312.4(d)(3)) ran only without a parent's consent, so with one, log data used for
    analytics was said to be used "only to ... show ads ..., and protect our service" (no 'functioning'). Refused now either way, for
    the data the exception covers."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{CASE}.yaml").read_text(encoding="utf-8"))
    data["children"]["parental_consent"] = CONSENT
    data["data"][1]["purposes"].append("analytics")
    data["children"]["internal_operations"] = ["personalise", "contextual-ads", "security"]
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "coppa-exceptions.yaml")
    assert "lists analytics ('functioning'), but children.internal_operations does not name that operation" in str(refused.value)
    data["data"][1]["purposes"].append("improve")  # used for more than the exception allows: the parent's consent covers it
    answers_from_dict(data, "coppa-exceptions.yaml")
