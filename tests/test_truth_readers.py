"""Independent truth readers of generated policies (issue 17): sentences no answer made true.

Each test failed on main. The answer files are `tests/truth/*.yaml`; a test takes an answer out (or changes it) to show the
sentence goes with it, and asserts the text a reader sees or the `policygen check` status.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict, load_answers
from generator.answers.parts import PolicyDetails
from generator.check import check_policy
from generator.errors import AnswerError
from generator.export.formats import to_markdown
from generator.render import build_policy
from tests.test_legal_review import paragraph, status

CASES = Path(__file__).parent / "truth"
EXAMPLES = Path(__file__).parent.parent / "examples"


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def case(name: str, change: Callable[[dict[str, Any]], object] | None = None) -> tuple[str, Any]:
    """The Markdown policy and the check report of `tests/truth/<name>.yaml`, with `change(data)` applied first."""
    data = _data(name)
    if change is not None:
        change(data)
    answers = answers_from_dict(data, f"{name}.yaml")
    policy = build_policy(answers)
    return to_markdown(policy), check_policy(answers, policy, f"{name}.yaml")


# 1. Cookies: changing or withdrawing a cookie choice (GDPR Art. 7(3); ePrivacy Art. 5(3)).


def test_changing_a_cookie_choice_is_said_only_with_the_way_the_owner_gives() -> None:
    """Failed on main: 'You can change your choice at any time.' and 'you can withdraw your agreement at any time, as easily as
    you gave it' were printed under the EU though no answer said how, and eprivacy.cookie_consent was covered."""
    text, report = case("eu-cookie-banner")
    link = "the Cookie settings link in the footer of every page"
    assert f"only after you agree in our cookie banner. You can change your choice at any time with {link}." in text
    eu = paragraph(text, "For people in the EU:")
    assert f"We set every other cookie only after you agree in our cookie banner, and you can withdraw your agreement at any time with {link}." in eu
    assert "as easily as you gave it" not in text
    assert status(report, "eprivacy.cookie_consent") == "covered"

    text, report = case("eu-cookie-banner", lambda d: d["cookies"].pop("change_choice"))
    assert "change your choice" not in text and "withdraw your agreement" not in text
    assert "We set every other cookie only after you agree in our cookie banner." in text
    assert status(report, "eprivacy.cookie_consent") == "missing"
    [finding] = [f for r in report.regimes for f in r.findings if f.requirement.id == "eprivacy.cookie_consent"]
    assert "cookies.change_choice" in finding.requirement.needs


def test_a_way_to_change_a_cookie_choice_needs_a_banner() -> None:
    data = _data("eu-cookie-banner")
    data["cookies"]["consent_banner"] = False
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "<test>")
    assert any("change_choice says how a choice made in the cookie banner is changed" in m for m in refused.value.messages)


def test_the_wizard_asks_how_a_cookie_choice_is_changed_where_a_banner_is_used() -> None:
    from tests.test_wizard import EU_SAAS, run

    answers, asker = run(EU_SAAS)
    assert "cookies.change_choice" in asker.asked and answers.cookies.change_choice == EU_SAAS["cookies.change_choice"]
    no_banner = {path: answer for path, answer in EU_SAAS.items() if path != "cookies.change_choice"}
    _, asker = run({**no_banner, "cookies.consent_banner": False})  # not asked with no banner (the review asks a gap's answers again)
    assert "cookies.change_choice" not in asker.asked[: asker.asked.index("review")]


# 2. India's Do Not Disturb list: the verb follows the channels.


@pytest.mark.parametrize(
    ("channels", "verb"), [(["sms"], "text"), (["phone"], "call"), (["phone", "sms"], "call or text"), (["sms", "whatsapp"], "text")]
)
def test_the_dnd_check_names_only_the_channels_used(channels: list[str], verb: str) -> None:
    """Failed on main: 'We check that list before we call or text you about offers.' for a shop that only sends SMS."""

    def channels_are(data: dict[str, Any]) -> None:
        data["marketing"]["channels"] = channels

    text, _ = case("india-texts", channels_are)
    assert f"We check that list before we {verb} you about offers." in text


# 3. A list of data of one item reads as a noun phrase in the sentence.


def test_optional_data_of_one_item_reads_with_your() -> None:
    """Failed on main: 'Some details are up to you: social media profile.' and 'giving us social media profile is up to you'."""

    def social_profile(data: dict[str, Any]) -> None:
        data["data"].append({"category": "social-profile", "sources": ["you"], "purposes": ["orders"], "required": False})

    text, _ = case("india-texts", social_profile)
    assert "You choose whether to give us your social media profile." in text
    assert "giving us your social media profile is up to you." in text
    assert "Some details are up to you" not in text and "giving us social media profile" not in text


# 4. Backups and the archive after an account is closed.


def test_backups_and_the_archive_say_only_what_the_owner_answered() -> None:
    """Failed on main: 'Copies in our backups are deleted when those backups expire.' and 'We keep it only where the law requires
    it or for another lawful reason, and we do not use it for anything else.' with no answer giving either."""
    text, _ = case("eu-cookie-banner")
    assert "Copies may also stay in our backups (up to 35 days, until the backup is overwritten)." in text
    archive = "When you close your account, we may keep an archive copy of some records."
    assert f"{archive} We keep it only to meet our tax and accounting obligations, and we do not use it for anything else." in text

    def unanswered(data: dict[str, Any]) -> None:
        del data["retention"]["backups_period"], data["retention"]["archive_purpose"]

    text, _ = case("eu-cookie-banner", unanswered)
    assert "Copies may also stay in our backups." in text and "deleted when those backups expire" not in text
    assert f"{archive}\n" in text and "another lawful reason" not in text and "anything else" not in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reasons": ["purpose"]}, "backups_period says how long backups keep data"),
        ({"archive_after_closure": False}, "archive_purpose says what the archive is kept for"),
    ],
)
def test_a_backup_period_or_archive_purpose_needs_its_answer(change: dict[str, Any], message: str) -> None:
    data = _data("eu-cookie-banner")
    data["retention"] |= change
    with pytest.raises(AnswerError) as refused:
        answers_from_dict(data, "<test>")
    assert any(message in m for m in refused.value.messages)


def test_strictly_necessary_cookies_are_not_said_to_keep_people_signed_in_unless_the_owner_says_so() -> None:
    """crm-consultancy truth reader (2026-12-03): "to make the site work, such as keeping you signed in" was added for any business
    with accounts, though its own cookies were a consent cookie and a language cookie: a practice nobody answered."""
    answers = load_answers(EXAMPLES / "crm-consultancy.yaml")
    assert answers.applies_to.accounts is True
    text = to_markdown(build_policy(answers))
    assert "- **Strictly necessary**: to make the site work.\n" in text
    assert "keeping you signed in" not in text


def test_the_grievance_officers_details_are_one_list() -> None:
    """crm-consultancy truth reader (2026-12-03): a blank line after the officer's name split the details into a loose list
    (each item its own paragraph in HTML)."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "crm-consultancy.yaml")))
    block = text.split("write to our Grievance Officer:\n\n", 1)[1].split("\n\n", 1)[0]
    assert block.startswith("- **Name**: ") and "- **Email**: " in block and "- **Post**: " in block


def test_the_right_to_object_to_legitimate_interests_is_said_for_the_laws_that_give_it() -> None:
    """crm-consultancy truth reader (2026-12-03): "Legitimate interests: ... You can object." was said to every reader, though the
    owner gives rights only where the law requires and India's laws give no such right; GDPR Art. 21(1) gives it in the EU."""
    data = yaml.safe_load((EXAMPLES / "crm-consultancy.yaml").read_text(encoding="utf-8"))
    assert data["jurisdictions"] == ["india", "eu"] and data["requests"]["all_rights_everywhere"] is False
    line = "we use the information for reasonable business needs, where your interests and rights do not override them."
    text = to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))
    assert f"{line} If you are in the EU, you can object.\n" in text
    data["requests"]["all_rights_everywhere"] = True
    assert f"{line} You can object.\n" in to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))
    data["requests"]["all_rights_everywhere"] = False
    data["jurisdictions"] = ["eu"]
    assert f"{line} You can object.\n" in to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))


def test_apps_people_connect_are_said_to_get_information_only_where_the_owner_says_so() -> None:
    """crm-consultancy truth reader (2026-12-03): "When you link another app to our service, we send it the information it needs"
    was printed because some data comes from connected apps (a source), though no answer said anything goes to them."""
    data = yaml.safe_load((EXAMPLES / "crm-consultancy.yaml").read_text(encoding="utf-8"))
    sends = "When you link another app to our service, we send it the information it needs to work with us, as you allow."
    assert sends in to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))  # its owner answers connected_apps: true
    del data["sharing"]["connected_apps"]
    assert "Apps you connect" not in to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))
    data["sharing"]["connected_apps"] = False
    text = to_markdown(build_policy(answers_from_dict(data, "crm.yaml")))
    assert "we read from it only what you allow, and we send it no personal information." in text and sends not in text


def test_group_companies_named_as_receiving_data_are_said_to_get_it() -> None:
    """edtech truth reader (2026-12-03): the owner names the group companies that receive data (sharing.affiliates); the policy
    hedged it as "may get your information"."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "edtech.yaml")))
    assert "**Our group.** Another company in our group gets personal information from us: Pramaan Assessments LLP." in text
    assert "may get your information" not in text


@pytest.mark.parametrize("names", [["Pramaan Academy"], ["Pramaan *Learn*", "Pramaan_Test", "Quiz"]], ids=["one", "three"])
def test_an_app_is_named_as_our_app(names: list[str]) -> None:
    """edtech truth reader (2026-12-03): "This policy covers our website (...), Pramaan Academy and the services we provide" read
    the app's name as the business itself."""
    data = yaml.safe_load((EXAMPLES / "edtech.yaml").read_text(encoding="utf-8"))
    data["business"]["apps"] = [{"name": name, "platforms": ["android"]} for name in names]
    text = to_markdown(build_policy(answers_from_dict(data, "edtech.yaml")))
    if len(names) == 1:
        assert "our website ([pramaan-academy.example](https://pramaan-academy.example)), our app Pramaan Academy and the services" in text
    else:
        assert r"our apps Pramaan \*Learn\*, Pramaan\_Test and Quiz, and the services we provide." in text


def _offline_app(change: Callable[[dict[str, Any]], object] | None = None) -> str:
    data = yaml.safe_load((EXAMPLES / "offline-app.yaml").read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    return to_markdown(build_policy(answers_from_dict(data, "offline-app.yaml")))


def test_an_app_that_keeps_data_on_the_device_is_not_said_to_hide_it_from_us() -> None:
    """offline-app truth reader (2026-12-03): "It never sends any of it to us, and we cannot see it." The owner said only that the
    app's data never reaches them; a screenshot in a support email shows it."""
    text = _offline_app()
    assert "Pocket Ledger keeps everything you type into it only on your device. It never sends any of it to us.\n" in text
    assert "cannot see it" not in text


def test_information_given_to_a_business_outside_the_eea_goes_there_and_is_not_called_a_transfer() -> None:
    """offline-app truth reader (2026-12-03, legal): people in the EU email a UK company; collected directly, that is not a transfer
    the company makes (EDPB Guidelines 05/2021), yet the policy said their information "is transferred ... to the United Kingdom"."""
    text = _offline_app()
    goes = "If you are in the European Union, your information goes outside the EU and the European Economic Area, to the United Kingdom"
    assert f"{goes} and Switzerland." in text
    assert "is transferred outside the EU" not in text

    def in_luxembourg(data: dict[str, Any]) -> None:
        data["business"].update(country="Luxembourg", address="1 Example Rue, 1111 Luxembourg, Luxembourg")
        data["transfers"]["storage_countries"] = ["Switzerland"]

    assert "your information is transferred outside the EU and the European Economic Area, to Switzerland." in _offline_app(in_luxembourg)


def test_one_legal_reason_is_not_introduced_as_one_for_each_purpose() -> None:
    """offline-app truth reader (2026-12-03): "For each purpose, ours is:" above a list of one purpose."""
    assert "we have a legal reason. Ours is:\n\n- **Answer questions and give support**: our legitimate interests.\n" in _offline_app()

    def two_purposes(data: dict[str, Any]) -> None:
        data["data"][0]["purposes"].append("service-messages")
        data["purposes"].append({"purpose": "service-messages", "legal_basis": "legitimate-interests", "detail": "We need to tell you about your requests."})

    assert "we have a legal reason. For each purpose, ours is:\n" in _offline_app(two_purposes)


def test_account_rules_are_the_four_the_owner_answered_and_service_email_names_their_topics() -> None:
    """demo-bakery truth reader (2026-12-03): `security.account_rules` asks for true details, a secret password, no sharing and
    telling us of misuse; the policy added a strong password, signing out, not using others' accounts and changing the password,
    and called the service emails "such as sign-in help" where the owner's topics are account alerts."""
    data = yaml.safe_load((EXAMPLES / "demo-bakery.yaml").read_text(encoding="utf-8"))
    assert data["security"]["account_rules"] is True and data["marketing"]["service_topics"] == ["account alerts"]
    text = to_markdown(build_policy(answers_from_dict(data, "demo-bakery.yaml")))
    section = text.split("Keeping your account safe\n\n", 1)[1].split("\n## ", 1)[0]
    assert section == (
        "When you open an account, give us details that are true and up to date, and keep your password secret. Do not let anyone"
        " else use your account.\n\nIf you think someone else has used your account, tell us straight away.\n\n"
        "When we send our service messages (account alerts) by email, we send them to the address you gave us, so keep it up to"
        " date.\n"
    )


def test_data_needed_for_the_contract_is_not_said_to_be_optional() -> None:
    """edtech truth reader (2026-12-03, open in issue 17 until 2026-12-03): "We need your ... to enter into and carry out our
    contract with you. You do not have to give us this information, but without it we cannot provide our services to you" read
    "you do not have to give us" as contradicting "we need". GDPR and UK GDPR Art. 13(2)(e): whether the data is a statutory or
    contractual requirement, whether the person is obliged to give it, and what follows if they do not; the billing records an
    Indian tax duty needs are not said to be free of any legal requirement."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "edtech.yaml")))
    needed = paragraph(text, "We need your")
    assert needed.endswith(
        "to enter into and carry out our contract with you. Without this information we cannot do so or provide our services to you. You "
        "are not required by law to give us your identity details, contact details, account login details, payment details, education "
        "records and messages."
    )
    assert "A legal obligation under Indian tax law also requires us to have your billing records." in text
    assert "You do not have to give us" not in text


def test_optional_data_leaves_the_app_usable_where_the_policy_covers_only_the_app() -> None:
    """offline-app truth reader (2026-12-03): "you can still use our services" in a policy that covers only the app
    (`applies_to.services: false`)."""
    text = _offline_app()
    assert "If you do not give us your contact details and messages, you can still use our app.\n" in text
    assert "our services" not in text.split("## ", 4)[3]


# 5. The demo-bakery reader (India only, effective 1 April 2026): the Eighth Schedule offer, the general rights list, the SPDI
#    Rules' end, their retention limit and what r.3 counts as sensitive.


def _bakery(change: Callable[[dict[str, Any]], object] | None = None, dated: str | None = None) -> tuple[str, Any]:
    """The Markdown policy and check report of examples/demo-bakery.yaml, dated `dated` and with `change(data)` applied."""
    data = yaml.safe_load((EXAMPLES / "demo-bakery.yaml").read_text(encoding="utf-8"))
    if dated is not None:
        data["policy"]["effective_date"] = data["policy"]["last_updated"] = dated
    if change is not None:
        change(data)
    answers = answers_from_dict(data, "demo-bakery.yaml")
    policy = build_policy(answers)
    return to_markdown(policy), check_policy(answers, policy, "demo-bakery.yaml")


def _offers_languages(data: dict[str, Any]) -> None:
    data["policy"]["eighth_schedule_languages"] = True


def test_the_eighth_schedule_languages_are_offered_only_when_the_owner_says_so() -> None:
    """Failed on main: 'You can ask for this policy in English or in any language listed in the Eighth Schedule ... name the
    language you want.' was printed though no answer offered it, and in.dpdp.s5.language_option (DPDP Act s.5(3)) was covered."""
    text, report = _bakery()
    published = paragraph(text, "We publish this policy")
    assert published == "We publish this policy on our website, [https&#58;//saffroncrumb.example](https://saffroncrumb.example), where anyone can read it."
    assert "Eighth Schedule" not in text
    assert status(report, "in.dpdp.s5.language_option") == "not applicable"  # s.5 starts 13 May 2027 (the law pack's date)
    text, report = _bakery(dated="2027-06-01")
    assert "Eighth Schedule" not in text
    assert status(report, "in.dpdp.s5.language_option") == "missing"
    text, report = _bakery(_offers_languages, dated="2027-06-01")
    assert paragraph(text, "We publish this policy").endswith(
        "where anyone can read it. You can ask for this policy in English or in any language listed in the Eighth Schedule to the"
        " Constitution of India. Email [privacy@saffroncrumb.example](mailto:privacy@saffroncrumb.example) and name the language you want."
    )
    assert status(report, "in.dpdp.s5.language_option") == "covered"
    text, _ = _bakery(lambda data: data["policy"].update(eighth_schedule_languages=False))
    assert "Eighth Schedule" not in text
    field = PolicyDetails.model_fields["eighth_schedule_languages"]
    assert (field.json_schema_extra or {}).get("when") == "'india' in jurisdictions"  # asked only where India is chosen


def test_an_indian_policy_offers_a_copy_and_deletion_only_where_a_law_in_force_or_the_owner_gives_them() -> None:
    """Failed on main: an India-only policy of 1 April 2026 listed 'give you a copy of the personal information we hold about you'
    and 'delete your information' for everyone; the SPDI Rules give review and correction (r.5(6)), the DPDP Act a summary (s.11)
    and erasure (s.12) only from 13 May 2027."""
    text, _ = _bakery()
    general = text.split('name="your-rights"></a>11. Your choices and rights', 1)[1].split("\n## ", 1)[0]
    assert "- give you a copy" not in general and "- delete your information" not in general
    assert "- correct information that is wrong, out of date or not complete" in general
    assert "- **Your rights**: you can ask to correct your information, and you can stop marketing at any time. The laws of some places" in text
    assert "The laws of some places give people there more rights: [Your rights where you live](#regional-rights) says which." in general
    text, _ = _bakery(dated="2027-06-01")  # the DPDP Act's erasure (s.12) is then law; still no copy (s.11 gives a summary)
    general = text.split('name="your-rights"></a>11. Your choices and rights', 1)[1].split("\n## ", 1)[0]
    assert "- delete your information, unless the law says we must keep it" in general
    assert "- give you a copy" not in general
    text, _ = _bakery(lambda data: data["requests"].update(all_rights_everywhere=True))
    assert "- give you a copy of the personal information we hold about you" in text
    assert "- delete your information, unless the law says we must keep it" in text
    eu = to_markdown(build_policy(load_answers(EXAMPLES / "crm-consultancy.yaml")))  # India and the EU: the GDPR gives both
    assert "- give you a copy of the personal information we hold about you" in eu and "- delete your information" in eu


def test_the_spdi_rules_are_not_stated_as_law_after_they_end() -> None:
    """Failed on main: a policy dated after 13 May 2027, when DPDP Act s.44(2) omits IT Act s.43A (G.S.R. 843(E)), still called
    account login details sensitive ('Some of this information is sensitive: account login details.'), as only the SPDI Rules did,
    and still promised India's answer 'within one month if that is sooner', the SPDI Rules' r.5(9) month."""
    text, report = _bakery(dated="2027-06-01")
    assert "SPDI" not in text and "sensitive" not in text
    for requirement in ("in.spdi.r5.retention", "in.spdi.r3.spdi_categories", "in.spdi.r5.review_correct"):
        assert status(report, requirement) == "not applicable"
    # The month was the SPDI Rules' (r.5(9)); from then the DPDP Rules' cap of 90 days (r.14(3)) leaves the owner's 30 days alone.
    assert "one month" not in text and "If you are in India" not in text
    assert "We answer within 30 days." in paragraph(text, "To use these rights")
    assert status(report, "in.dpdp.r14.grievance_period") == "covered"
    text, _ = _bakery(lambda data: data["requests"].update(response_days=90), dated="2027-06-01")  # the most an answer file allows
    assert "We answer within 90 days." in text
    text, report = _bakery(dated="2027-05-12")  # the day before: the Rules still apply
    assert "Under India's SPDI Rules 2011 you can:" in text
    assert status(report, "in.spdi.r5.retention") == "covered"


def test_the_spdi_retention_limit_is_said_of_sensitive_personal_data_only() -> None:
    """Failed on main: 'India's SPDI Rules let us keep personal information no longer than the purpose we collected it for, or
    another law, needs.': r.5(4) limits how long sensitive personal data is kept, and the sentence read as a permission."""
    text, report = _bakery()
    india = paragraph(text, "For people in India:")
    assert india.startswith(
        "For people in India: under India's SPDI Rules, we must not keep sensitive personal data (the passwords in your account login"
        " details) once we no longer need it for the purposes we may lawfully use it for, unless another law requires us to keep it."
        " From 13 May 2027, India's DPDP Act requires us to erase"
    )
    assert "let us keep personal information" not in text
    assert status(report, "in.spdi.r5.retention") == "covered"
    text, report = _bakery(lambda data: data.update(data=[item for item in data["data"] if item["category"] != "credentials"]))
    assert paragraph(text, "For people in India:").startswith("For people in India: From 13 May 2027, India's DPDP Act requires")
    assert status(report, "in.spdi.r5.retention") == "absent"  # no r.3 data, no r.5(4) limit to state


def test_login_details_are_sensitive_under_the_spdi_rules_by_their_passwords() -> None:
    """Failed on main: 'some of what we hold is sensitive personal data: account login details.': SPDI Rules r.3(i) names
    passwords, not a username or other login detail."""
    text, _ = _bakery()
    assert "Some of this information is sensitive: the passwords in your account login details." in text
    assert "Under India's SPDI Rules 2011, some of what we hold is sensitive personal data: the passwords in your account login details." in text
    assert "sensitive personal data: account login details" not in text and "sensitive: account login details" not in text

    def labelled(data: dict[str, Any]) -> None:
        next(item for item in data["data"] if item["category"] == "credentials")["label"] = "Passwords"

    text, _ = _bakery(labelled)  # a label that names the passwords already
    assert "Under India's SPDI Rules 2011, some of what we hold is sensitive personal data: passwords." in text


def test_remote_support_card_posts_and_updates_say_only_what_the_owner_answered() -> None:
    """remote-support truth reader (2026-12-03): "connect to your computer or phone" (the owner named neither), "We look only at
    what we need to find and fix the problem" (a promise nobody answered), "We keep only a record of what you paid and when"
    (its billing records hold addresses and invoices too), "Anyone can read them" (posts others can see), "You can update some
    of your details yourself by signing in" (account settings are a way to send a request, not to edit details)."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "remote-support.yaml")))
    assert "our support staff may connect to your device over the internet, using TeamViewer." in text
    for unsaid in ("computer or phone", "We look only at what we need", "We keep only a record of what you paid", "Anyone can read them",
                   "update some of your details yourself"):  # fmt: skip
        assert unsaid not in text
    assert "We do not keep your card details.\n" in text
    assert "You can post things that other people can see. Those people can copy them and share them." in text
    assert "To ask us to update your details, use your account settings or contact us." in text


def test_service_email_is_said_of_the_messages_sent_by_email() -> None:
    """remote-support truth reader (2026-12-03): service messages go "by email or phone", yet the account section said "We send our
    service messages ... to the email address you gave us", as though all went by email."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "remote-support.yaml")))
    assert "When we send our service messages" in text and " by email, we send them to the address you gave us" in text


@pytest.mark.parametrize(
    ("after_use", "said"),
    [
        (None, None),
        ("delete", "When we no longer need information, we delete it.\n"),
        ("delete-or-anonymise", "When we no longer need information, we delete it or make it anonymous, so that it no longer identifies you.\n"),
    ],
)
def test_what_happens_when_information_is_no_longer_needed_is_the_owners_answer(after_use: str | None, said: str | None) -> None:
    """sole-trader truth reader (2026-12-03): "When we no longer need information, we delete it." followed from the retention reason
    'purpose' (we keep it only as long as we need it), though no answer said what happens then (`retention.after_use`)."""
    data = yaml.safe_load((EXAMPLES / "sole-trader.yaml").read_text(encoding="utf-8"))
    data["retention"].pop("after_use")
    if after_use is not None:
        data["retention"]["after_use"] = after_use
    text = to_markdown(build_policy(answers_from_dict(data, "sole-trader.yaml")))
    if said is None:
        assert "When we no longer need information" not in text
    else:
        assert said in text


def test_data_a_legal_obligation_needs_is_not_said_to_be_required_of_the_person() -> None:
    """sole-trader truth reader (2026-12-03, legal): "Apart from your billing records, you are not required by law to give us this
    information" said that the couple must give their billing records by law, where the tax duty to keep them is the business's;
    the data free of any legal requirement is named instead, and the obligation keeps its own sentence."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "sole-trader.yaml")))
    assert "Apart from" not in text
    assert "You are not required by law to give us your identity details, contact details and wedding details." in text


def test_the_summary_says_where_information_may_go_as_the_transfers_section_does() -> None:
    """b2b-processor truth reader (2026-12-03): the summary listed the United States as where the information goes, though only
    Stripe's onward transfer may take it there (the transfers section says "may")."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "b2b-processor.yaml")))
    assert "- **Where it goes**: Germany, France and Ireland, and it may go on to the United States." in text


def test_deletion_is_offered_to_everyone_only_for_a_law_that_gives_it_beyond_the_us_states() -> None:
    """kids-games truth reader (2026-12-03): "You can ask us to: delete your information" was offered to every reader because
    California was chosen; the CCPA gives deletion to California's residents, in California's section, as the state laws do."""
    data = yaml.safe_load((EXAMPLES / "kids-games.yaml").read_text(encoding="utf-8"))
    assert "california" in data["jurisdictions"] and data["requests"].get("all_rights_everywhere") is not True
    text = to_markdown(build_policy(answers_from_dict(data, "kids-games.yaml")))
    rights = text.split("Your choices and rights\n\n", 1)[1].split("\n## ", 1)[0]
    assert "delete your information" not in rights and rights.startswith("The laws of some places give people there more rights")
    assert "- **Your rights**: the laws of some places give people there more rights. A parent can see a child's information" in text
    data["requests"]["all_rights_everywhere"] = True
    assert "- delete your information" in to_markdown(build_policy(answers_from_dict(data, "kids-games.yaml")))


def test_quebec_readers_are_told_of_the_copy_and_portability_their_law_gives() -> None:
    """marketplace truth reader (2026-12-03, legal): Quebec's rights left out the copy and the portability of s.27 of the private
    sector Act as amended by Law 25 (in force 22 September 2024), as quoted in secondary sources."""
    text = to_markdown(build_policy(load_answers(EXAMPLES / "marketplace.yaml")))
    quebec = paragraph(text, "Under Quebec's Act")
    assert "get a copy of it and have it corrected" in quebec
    assert "in a structured, commonly used technological format, unless that raises serious practical difficulties." in quebec


def test_rules_and_a_user_agreement_are_said_to_be_published_only_when_the_owner_says_so() -> None:
    """online-shop truth reader (2026-12-03): "We publish this policy, our rules and our user agreement" followed from people being
    able to post content (an intermediary under India's IT Rules r.3(1)(a)), though no answer said the shop publishes them."""
    data = yaml.safe_load((EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8"))
    assert data["policy"]["publishes_rules"] is True and data["applies_to"]["public_content"] is True
    assert "We publish this policy, our rules and our user agreement on our website" in to_markdown(build_policy(answers_from_dict(data, "shop.yaml")))
    del data["policy"]["publishes_rules"]
    answers = answers_from_dict(data, "shop.yaml")
    policy = build_policy(answers)
    text = to_markdown(policy)
    assert "our rules and our user agreement" not in text and "We publish this policy on our website" in text
    assert status(check_policy(answers, policy, "shop.yaml"), "in.it_rules.r3_1a_publish") == "missing"


def test_the_minimum_age_with_supervised_use_is_the_age_of_using_the_service_alone() -> None:
    """India part-B reader and online-shop truth reader (2026-12-03): "You must be 18 or older to use our services", then
    "Someone younger than 18 may use our website only with a parent or guardian's involvement", then "If we learn that someone is
    younger than 18, we will close the account": the minimum age answers the age of using the service without a parent (and the
    shop's accounts are for adults alone)."""
    data = yaml.safe_load((EXAMPLES / "online-shop.yaml").read_text(encoding="utf-8"))
    assert data["children"]["supervised_use"] is True and data["children"]["minimum_age"] == 18
    text = to_markdown(build_policy(answers_from_dict(data, "shop.yaml")))
    assert "You must be 18 or older to use our services without a parent or guardian's involvement." in text
    # Its accounts are for adults only, with a parent or not (the owner's close_underage_accounts): that sentence stays as it was.
    assert "If we learn that someone is younger than 18, we will close the account and delete the information." in text
    data["children"]["supervised_use"] = False
    text = to_markdown(build_policy(answers_from_dict(data, "shop.yaml")))
    assert "You must be 18 or older to use our services." in text and "If we learn that someone is younger than 18" in text
