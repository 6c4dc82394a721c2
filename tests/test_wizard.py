"""Headless wizard tests: the prompt layer is replaced by scripted answers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from generator.answers.load import load_answers
from generator.answers.model import Answers, DataItem
from generator.answers.vocabulary import Jurisdiction
from generator.export.formats import to_markdown
from generator.pipeline import build_file
from generator.render import build_policy
from generator.wizard.flow import Wizard
from generator.wizard.prompts import STEPS, Question, applies, chosen_labels, complete, meta, question_for, strip_optional, wants_help
from generator.wizard.screen import group_of
from generator.wizard.session import choose_target
from generator.wizard.writer import answers_to_data, draft_path, dump_answers, read_partial, write_answers

ROOT = Path(__file__).resolve().parent.parent


class Seq:
    """Answers for a question asked several times, given in order."""

    def __init__(self, *values: Any) -> None:
        self.values = list(values)


class Scripted:
    """A fake prompt layer: answers by question path, defaults otherwise, and a record of what was asked."""

    def __init__(self, script: dict[str, Any], interrupt_at: str | None = None) -> None:
        self.script = dict(script)
        self.asked: list[str] = []
        self.messages: dict[str, str] = {}
        self.offered: dict[str, Any] = {}
        """What the steps' screens proposed, by path (the last proposal of each)."""
        self.lines: list[str] = []
        """Every line the screens showed."""
        self.interrupt_at = interrupt_at

    @property
    def seen(self) -> list[str]:
        """What the owner was asked or shown on a screen."""
        return [*self.asked, *self.offered]

    def __call__(self, question: Question, default: Any) -> Any:
        self.asked.append(question.path)
        self.messages[question.path] = question.message
        if len(self.asked) > 400:
            raise AssertionError(f"the wizard keeps asking: {self.asked[-5:]}")
        if question.path == self.interrupt_at:
            raise KeyboardInterrupt
        differing = [group_of(path) for path, proposed in question.proposals if path in self.script and _differs(self.script[path], proposed)]
        if question.path == "review" and differing and "review" not in self.script:
            self.offered.update(question.proposals)
            return "proposals"  # the review lists proposals the script answers otherwise: change them there
        if question.proposals and question.kind == "checkbox":  # a screen: tick the lines whose scripted answer differs from the proposal
            self.offered.update(question.proposals)
            self.lines += [label for label, _ in question.choices]
            return differing
        if question.path == "data.categories" and question.path not in self.script:  # the categories the script describes, if any
            scripted = [self.script[f"data[{n}].category"] for n in range(30) if f"data[{n}].category" in self.script]
            return scripted or default
        if question.path in self.script:
            value = self.script[question.path]
            if isinstance(value, Seq):
                return value.values.pop(0) if len(value.values) > 1 else value.values[0]
            return value
        if question.kind in ("text", "services") and question.path.endswith("]"):
            return ""  # finish a list of entries
        if question.kind == "confirm" and question.path.endswith("]?"):
            return False  # no further entries
        if question.required and default in (None, "", []):
            raise AssertionError(f"unscripted required question {question.path}: {question.message}")
        return default


def _differs(scripted: Any, proposed: Any) -> bool:
    """Whether a scripted answer says something other than a screen's proposal (a Seq always does: it is asked in turn)."""
    if isinstance(scripted, Seq):
        return True
    return str(scripted) != str(proposed) if not isinstance(scripted, list | bool) else scripted != proposed


TODAY = dt.date(2026, 12, 1)
"""The day the scripted owners run the wizard: proposed dates (and so what is asked) do not follow the real date."""


def run(script: dict[str, Any], **kwargs: Any) -> tuple[Answers, Scripted]:
    asker = Scripted(script)
    answers = Wizard(asker, say=lambda text: None, **{"today": TODAY, **kwargs}).run()
    return answers, asker


BASE = {
    "policy.effective_date": "2026-04-01",
    "business.country": "India",
    "business.address": "14 Example Lane, Koregaon Park, Pune 411001, India",
    "retention.default": "for 2 years after your last order",
    "security.measures": ["tls", "backups"],
}

INDIAN_SHOP = {
    **BASE,
    "business.legal_name": "Saffron Crumb Bakers LLP",
    "business.trading_name": "Saffron Crumb",
    "business.kind": "online-shop",
    "business.website": "https://www.saffroncrumb.example",
    "jurisdictions": ["india"],
    "applies_to.accounts": True,
    "data[0].category": "identity",
    "data[0].examples[0]": "name",
    "data[0].purposes": ["orders", "account"],
    "data[1]?": True,
    "data[1].category": "contact",
    "data[1].purposes": ["orders", "marketing"],
    "payments.takes_payments": True,
    "payments.gateways[0]": "razorpay",
    "payments.card_data_kept": "last-four",
    "marketing.sends_marketing": True,
    "marketing.channels": ["email", "whatsapp"],
    "marketing.unsubscribe[0]": "the unsubscribe link in every email",
    "marketing.respects_dnd": True,
    "contacts.grievance_officer?": True,
    "contacts.grievance_officer.name": "Meera Kulkarni",
    "contacts.grievance_officer.title": "Grievance Officer",
    "contacts.grievance_officer.phone": "+91 20 5555 0143",
    "requests.response_days": "30",
    "requests.verification": "we ask you to confirm details we already hold about you",
}

EU_SAAS = {
    **BASE,
    "business.legal_name": "Nordlicht Software GmbH",
    "business.kind": "saas",
    "business.website": "https://nordlicht.example",
    "business.country": "Germany",
    "business.address": "Beispielstrasse 4, 10115 Berlin, Germany",
    "jurisdictions": ["eu", "uk"],
    "applies_to.accounts": True,
    "data[0].category": "contact",
    "data[0].purposes": ["account", "support"],
    "data[0].required": True,
    "purposes[0]?": True,
    "purposes[0].purpose": "account",
    "purposes[0].legal_basis": "contract",
    "purposes[1]?": True,
    "purposes[1].purpose": "support",
    "purposes[1].legal_basis": "legitimate-interests",
    "purposes[1].detail": "answering the questions our customers send us",
    "services[0]": "google-analytics",
    "services[1]": "acme-helpdesk",
    "services[1].custom": True,
    "services[1].name": "Acme Helpdesk",
    "services[1].provider": "Acme Helpdesk Ltd",
    "services[1].country": "Ireland",
    "services[1].kind": "support-chat",
    "services[1].purposes[0]": "support tickets",
    "services[1].data": ["contact", "correspondence"],
    "services[1].privacy_url": "https://acme-helpdesk.example/privacy",
    "transfers.storage_countries[0]": "Germany",
    "transfers.storage_countries[1]": "United States",
    "transfers.safeguards[0]": "standard contractual clauses",
    "transfers.uk_safeguards[0]": "the UK Addendum to the EU standard contractual clauses",
    "cookies.kinds": ["essential", "analytics"],
    "cookies.lifetimes[0]?": True,
    "cookies.lifetimes[0].name": "session",
    "cookies.lifetimes[0].lasts": "until you close your browser",
    "cookies.consent_banner": True,
    "cookies.change_choice": "the Cookie settings link in the footer of every page",
    "contacts.dpo?": True,
    "contacts.dpo.name": "Data Protection Office",
    "contacts.uk_representative?": True,
    "contacts.uk_representative.name": "Example Rep UK Ltd",
    "contacts.uk_representative.email": "uk-rep@rep.example",
    "contacts.uk_representative.address": "1 Sample Street, London EC1A 1AA, United Kingdom",
    "contacts.eu_representative?": False,
    "contacts.lead_authority": "Berliner Beauftragte fuer Datenschutz und Informationsfreiheit",
}

CALIFORNIA = {
    **BASE,
    "business.legal_name": "Golden Poppy Media Inc.",
    "business.kind": "media",
    "business.website": "https://goldenpoppy.example",
    "business.country": "United States",
    "business.address": "100 Example Ave, Sacramento, CA 95814, USA",
    "jurisdictions": ["california", "united-states"],
    "data[0].category": "usage",
    "data[0].sources": ["automatic"],
    "data[0].purposes": ["advertising", "analytics"],
    "sharing.sells_data": True,
    "sharing.shares_for_advertising": True,
    "sharing.opt_out_url": "https://goldenpoppy.example/do-not-sell",
    "services[0]": "aws",
    "sharing.sold_categories": ["usage"],
    "sharing.sold_to[0]": "advertising networks",
    "requests.exclusively_online": True,
    "children.close_underage_accounts": True,
    "cookies.kinds": ["essential", "advertising"],
    "cookies.honours_gpc": True,
    "requests.methods": ["email", "web-form"],
    "requests.web_form_url": "https://goldenpoppy.example/privacy-request",
    "children.minimum_age": "16",
    "policy.notice_of_changes": ["website"],
    "cookies.honours_do_not_track": False,
    "sharing.service_providers": True,
    "requests.verification": "we ask you to confirm your email address",
    "requests.authorized_agents": True,
}


def test_indian_shop_asks_india_questions_and_writes_a_file_that_builds(tmp_path: Path) -> None:
    answers, asker = run(INDIAN_SHOP)
    assert "contacts.grievance_officer.name" in asker.asked
    assert "marketing.respects_dnd" in asker.asked
    assert "payments.gateways[0]" in asker.asked
    for skipped in ("purposes[0]?", "sharing.sells_data", "contacts.eu_representative?", "cookies.honours_gpc"):
        assert skipped not in asker.asked
    # defaults from earlier answers: the website's domain gives the contact emails
    assert answers.business.email == "privacy@saffroncrumb.example"
    assert answers.contacts.grievance_officer is not None
    assert answers.contacts.grievance_officer.email == "privacy@saffroncrumb.example"
    assert answers.contacts.grievance_officer.address == INDIAN_SHOP["business.address"]

    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    text = path.read_text()
    assert "# Which payment gateways do you use? (catalogue ids, e.g. razorpay, stripe)\n  gateways: [razorpay]" in text
    assert "  respects_dnd: true" in text
    assert "unsubscribe: [the unsubscribe link in every email]" in text
    assert "effective_date: 2026-04-01\n" in text
    assert "honours_gpc" not in text  # defaults are left out
    # the model's key order
    assert text.index("\npolicy:") < text.index("\nbusiness:") < text.index("\njurisdictions:") < text.index("\ndata:") < text.index("\ncontacts:")

    loaded = load_answers(path)
    assert loaded == answers
    assert to_markdown(build_policy(loaded)) == to_markdown(build_policy(answers))
    result = build_file(path, tmp_path / "out", ["md"])
    assert "Meera Kulkarni" in result.written[0].read_text()


def test_eu_saas_asks_legal_bases_and_representatives(tmp_path: Path) -> None:
    answers, asker = run(EU_SAAS)
    assert asker.offered["purposes[0].legal_basis"] == "contract" and asker.offered["purposes[1].legal_basis"] == "legitimate-interests"
    assert "contacts.uk_representative?" in asker.asked  # the law asks for one: offered as Yes
    assert "contacts.grievance_officer?" not in asker.seen
    assert "marketing.respects_dnd" not in asker.seen
    assert "payments.gateways[0]" not in asker.seen  # takes_payments stayed no
    assert [(p.purpose.value, p.legal_basis.value if p.legal_basis else None) for p in answers.purposes] == [
        ("account", "contract"),
        ("support", "legitimate-interests"),
    ]
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    text = path.read_text()
    assert "legal_basis: legitimate-interests" in text
    assert "  - id: acme-helpdesk\n" in text
    assert "uk_representative:\n" in text and "eu_representative" not in text  # a German company needs none: not asked
    assert "contacts.uk_representative.phone" in " ".join(line for line in text.splitlines() if line.startswith("# wizard-unanswered:"))
    assert load_answers(path) == answers
    markdown = build_file(path, tmp_path / "out", ["md"]).written[0].read_text()  # no disclosure missing
    assert "Example Rep UK Ltd" in markdown and "Acme Helpdesk" in markdown and "standard contractual clauses" in markdown


NOTHING_COLLECTED_APP = {
    "business.legal_name": "Rowan Quillfeather trading as Quillfeather Apps",
    "business.kind": "other",
    "business.country": "United Kingdom",
    "business.address": "7 Example Row, Norwich NR1 9ZZ, United Kingdom",
    "business.email": "hello@quillfeather-apps.example",
    "jurisdictions": ["uk", "eu"],
    "data?": False,  # "Do you collect any personal information at all?" No
    "retention.default": "We keep no personal information, because we receive none.",
    "security.measures": ["mfa"],
}


def test_an_owner_who_collects_nothing_says_so_and_is_not_asked_how_data_is_used(tmp_path: Path) -> None:
    answers, asker = run(NOTHING_COLLECTED_APP)
    assert asker.messages["data?"].startswith("Do you collect any personal information at all?")
    assert answers.data == []
    assert "data[0].category" not in asker.asked
    for part in ("services", "payments.", "marketing.", "sharing.", "transfers.", "purposes", "collection_points", "requests.", "contacts."):
        assert not [path for path in asker.seen if path.startswith(part)], part
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    assert "\ndata: []\n" in path.read_text()
    assert load_answers(path) == answers
    markdown = build_file(path, tmp_path / "out", ["md"]).written[0].read_text()  # no disclosure missing
    assert "We do not collect personal information through our services: they work without sending us information about you." in markdown


def test_an_owner_who_collects_something_goes_on_to_the_categories() -> None:
    script = {**NOTHING_COLLECTED_APP, "data?": True, "data[0].category": "contact", "data[0].purposes": ["support"], "contacts.eu_representative?": False}
    answers, asker = run(script)
    assert asker.asked.index("data?") < asker.asked.index("data[0].category")
    assert [item.category.value for item in answers.data] == ["contact"]
    assert "requests.methods" in asker.seen


def test_california_business_that_sells_data(tmp_path: Path) -> None:
    answers, asker = run(CALIFORNIA)
    for asked in ("sharing.sells_data", "sharing.opt_out_url", "cookies.honours_gpc", "requests.authorized_agents", "requests.web_form_url"):
        assert asked in asker.asked
    assert "contacts.grievance_officer?" not in asker.asked and "purposes[0]?" not in asker.asked
    assert answers.sharing.sells_data and answers.children.minimum_age == 16
    assert answers.policy.last_updated == answers.policy.effective_date  # offered as the effective date; California needs one
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    text = path.read_text()
    assert "  sells_data: true\n" in text and "opt_out_url: https://goldenpoppy.example/do-not-sell" in text
    assert "minimum_age: 16" in text
    assert load_answers(path) == answers
    assert "https://goldenpoppy.example/do-not-sell" in build_file(path, tmp_path / "out", ["md"]).written[0].read_text()


def test_effective_date_defaults_to_today_and_email_to_the_website_domain() -> None:
    script = {k: v for k, v in INDIAN_SHOP.items() if k != "policy.effective_date"}
    wizard = Wizard(Scripted(script), say=lambda text: None)
    answers = wizard.run()
    assert answers.policy.effective_date == wizard.today


def test_interrupted_wizard_resumes_from_the_draft_with_no_answer_lost(tmp_path: Path) -> None:
    full, _ = run(INDIAN_SHOP)
    out = tmp_path / "answers.yaml"
    first = Scripted(INDIAN_SHOP, interrupt_at="screen:collect")
    wizard = Wizard(first, say=lambda text: None)
    with pytest.raises(KeyboardInterrupt):
        wizard.run()
    draft = draft_path(out)
    assert draft.name == "answers.draft.yaml"
    draft.write_text(wizard.draft_text(f"policygen wizard --answers {draft} --out {out}"))
    text = draft.read_text()
    assert "Resume with: policygen wizard --answers" in text
    assert "legal_name: Saffron Crumb Bakers LLP" in text and "category: contact" in text
    assert "purposes:" not in text  # the screen's proposals were not confirmed: not kept

    data, open_lists = read_partial(draft)
    second = Scripted(INDIAN_SHOP)
    resumed = Wizard(second, say=lambda text: None, data=data, open_lists=open_lists).run()
    answered_before = [p for p in first.asked if p != "screen:collect"]
    assert not set(answered_before) & set(second.asked), "a question answered before the interruption was asked again"
    assert second.asked[0] == "screen:collect"
    assert resumed == full


def test_partial_answer_file_prefills_and_skips(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("business:\n  legal_name: Prefilled Traders LLP\n  kind: retail\njurisdictions: [india]\n")
    data, open_lists = read_partial(partial)
    script = {k: v for k, v in INDIAN_SHOP.items() if k not in ("business.legal_name", "business.kind", "jurisdictions")}
    answers, asker = run(script, data=data, open_lists=open_lists)
    assert answers.business.legal_name == "Prefilled Traders LLP"
    assert "business.legal_name" not in asker.asked and "jurisdictions" not in asker.asked


def test_review_goes_back_to_a_step_before_writing() -> None:
    script = {**INDIAN_SHOP, "review": Seq("children", "write"), "children.minimum_age": Seq("18", "13")}
    answers, asker = run(script)
    assert asker.asked.count("children.minimum_age") == 2
    assert answers.children.minimum_age == 13


def test_review_offers_no_write_until_the_answers_are_valid() -> None:
    # takes payments but names no gateway: the review must send the user back to payments
    script = {
        **INDIAN_SHOP,
        "payments.gateways[0]": Seq("", "razorpay"),
        "payments.gateways[0]?": True,
        "review": Seq("payments", "write"),
        "payments.gateways=": False,
    }
    answers, asker = run(script)
    assert asker.asked.count("review") == 2
    assert [str(g) for g in answers.payments.gateways] == ["razorpay"]


def test_text_answers_are_validated_with_a_message_that_says_what_is_expected() -> None:
    email = question_for("business.email", "email", Answers.model_fields["business"].annotation.model_fields["email"], "contacts")  # type: ignore[union-attr]
    assert email.check("not-an-email") == "must be an email address such as privacy@example.com"
    assert email.check("privacy@shop.example") is None
    website = question_for("business.website", "website", Answers.model_fields["business"].annotation.model_fields["website"], "business")  # type: ignore[union-attr]
    assert "https://" in (website.check("www.shop") or "")
    assert website.check("") is None  # optional
    measures = question_for("security.measures", "measures", Answers.model_fields["security"].annotation.model_fields["measures"], "retention")  # type: ignore[union-attr]
    assert measures.kind == "checkbox" and measures.check([]) == "choose at least one (space ticks a choice)"
    assert ("Encryption in transit (TLS)", "tls") in measures.choices
    with pytest.raises(ValueError, match="business.email: must be an email address"):
        run({**INDIAN_SHOP, "business.email": "nope"})


def test_existing_output_is_not_overwritten_without_confirmation(tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("keep me\n")
    asker = Scripted({"overwrite": False, "out": str(tmp_path / "other.yaml")})
    assert choose_target(Wizard(asker, say=lambda text: None), out) == tmp_path / "other.yaml"
    assert out.read_text() == "keep me\n"
    assert choose_target(Wizard(Scripted({"overwrite": True}), say=lambda text: None), out) == out


def _leaves(model: type[BaseModel], prefix: str, step: str, found: list[tuple[str, str, bool]]) -> None:
    for name, info in model.model_fields.items():
        extra = meta(info)
        own = extra.get("step", step)
        path = f"{prefix}.{name}" if prefix else name
        annotation, _ = strip_optional(info.annotation)
        inner = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner:
            _leaves(inner[0], path, own, found)
        else:
            found.append((path, own, bool(extra.get("derived"))))


def test_every_model_field_is_asked_in_a_step_or_marked_derived() -> None:
    found: list[tuple[str, str, bool]] = []
    _leaves(Answers, "", "", found)
    unasked = [path for path, step, derived in found if not derived and step not in STEPS]
    assert not unasked, f"fields with no wizard step (add json_schema_extra=ask(...) or derived=True): {unasked}"
    # and each maps to a prompt
    for name, info in Answers.model_fields.items():
        assert question_for(name, name, info, "").kind


def test_every_condition_evaluates_for_every_jurisdiction() -> None:
    found: list[Question] = []

    def collect(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            annotation, _ = strip_optional(info.annotation)
            found.append(question_for(f"{prefix}{name}", name, info, ""))
            for inner in (annotation, *get_args(annotation)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    collect(inner, f"{prefix}{name}.")

    collect(Answers, "")
    conditional = [q for q in found if q.when]
    assert conditional
    for place in Jurisdiction:
        for question in conditional:
            applies(question, {"jurisdictions": [place.value]}, complete(DataItem, {}))
    by_path = {q.path: q for q in found}
    assert applies(by_path["contacts.grievance_officer"], {"jurisdictions": ["india"]})
    assert not applies(by_path["contacts.grievance_officer"], {"jurisdictions": ["eu"]})
    assert applies(by_path["purposes"], {"jurisdictions": ["brazil"]})
    assert not applies(by_path["purposes"], {"jurisdictions": ["india"]})
    assert applies(by_path["sharing.shares_for_advertising"], {"jurisdictions": ["virginia"]})
    assert not applies(by_path["sharing.shares_for_advertising"], {"jurisdictions": ["uk"]})
    # Profiling behind significant decisions is asked wherever a chosen state's law gives the opt-out (Va. Code 59.1-577(A)(5)(iii)),
    # not only for Colorado, and not where none does (Utah, California).
    profiled = {"automated_decisions": {"profiling": True}}
    significant = by_path["automated_decisions.significant_profiling_purposes"]
    assert applies(significant, {"jurisdictions": ["virginia"], **profiled})
    assert not applies(significant, {"jurisdictions": ["utah", "california"], **profiled})
    assert not applies(significant, {"jurisdictions": ["virginia"], "automated_decisions": {"profiling": False}})
    # GDPR Art. 13(2)(f) (R13, 2026-12-03): the data the decisions use and their main factors are asked where they are made.
    for path in ("automated_decisions.data_used", "automated_decisions.main_factors"):
        assert applies(by_path[path], {"jurisdictions": ["uk"], "automated_decisions": {"used": True}})
        assert not applies(by_path[path], {"jurisdictions": ["uk"], "automated_decisions": {"used": False}})


def test_round_trip_of_the_example_answer_files(tmp_path: Path) -> None:
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        answers = load_answers(example)
        path = tmp_path / example.name
        path.write_text(dump_answers(answers_to_data(answers)))
        assert load_answers(path) == answers, example.name


def test_without_a_terminal_the_wizard_points_to_build(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "wizard", "--out", str(tmp_path / "a.yaml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "needs an interactive terminal" in result.stderr and "policygen build" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_help_does_not_import_questionary() -> None:
    code = "import sys; from generator.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\nprint('questionary' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().endswith("False")


DPDP_SHOP = {**INDIAN_SHOP, "policy.effective_date": "2027-06-01", "children.minimum_age": "13", "data[1].examples[0]": "email address"}
# (the contact details' example: DPDP Rules r.3(b)(i) asks for an itemised description, so each item names what it holds)
"""The shop open to 13-year-olds, in a policy dated after 13 May 2027: a parent's consent (DPDP Act s.9(1)) is then a required disclosure."""


def test_review_shows_missing_disclosures_with_the_answer_that_fills_them() -> None:
    said: list[str] = []
    Wizard(Scripted(DPDP_SHOP), say=said.append).run()
    review = next(text for text in said if "Review: your answers" in text)
    assert "legal_name: Saffron Crumb Bakers LLP" in review and "# " not in review
    assert any(text.startswith("Missing disclosure:") and "parental_consent" in text for text in said)



def test_a_catalogue_service_whose_facts_are_wrong_for_the_owner_keeps_only_what_differs(tmp_path: Path) -> None:
    script = {
        **EU_SAAS, "services[0]": "stripe", "services[0].facts": False, "services[0].cookies": False,
        "services[0].data": ["identity", "payment"], "services[0].sends_to[0]": "Ireland",
    }  # fmt: skip
    answers, asker = run(script)
    facts = next(line for line in asker.lines if line.startswith("The catalogue says: Stripe (Stripe, Inc., United States)"))
    assert "It sets cookies on your site" in facts and "to process card and wallet payments" in facts  # what the policy will say of it
    assert "These facts were checked against the provider's own pages on 2026-12-03 (https://stripe.com/legal/dta" in facts
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    text = path.read_text()
    assert "  - id: stripe\n    data: [identity, payment]\n    sends_to: [Ireland]\n    cookies: false\n" in text
    assert "provider:" not in text.split("  - id: stripe\n", 1)[1].split("  - id:", 1)[0]  # the catalogue's provider was confirmed, not copied
    assert load_answers(path) == answers
    markdown = build_file(path, tmp_path / "out", ["md"]).written[0].read_text()
    stripe = next(line for line in markdown.splitlines() if line.startswith("| Stripe |"))
    assert "identity details and payment details" in stripe.lower()
    assert "| United States (may send your data on to Ireland) |" in stripe  # and Ireland is among the places it goes
    assert "**Where it goes**: Germany, Ireland and the United States." in markdown


def test_a_confirmed_catalogue_service_is_written_as_its_id() -> None:
    answers, asker = run({**EU_SAAS, "services[0]": "stripe"})
    assert asker.offered["services[0].facts"] is True and "services[0].cookies" not in asker.seen
    assert answers.services[0] == "stripe"


def test_platform_and_place_choices_are_spelled_as_their_names() -> None:
    from generator.answers.cookies import Cookies
    from generator.answers.parts import App

    platforms = question_for("business.apps[0].platforms", "platforms", App.model_fields["platforms"], "offer")
    assert ("iOS", "ios") in platforms.choices and ("macOS", "macos") in platforms.choices and ("Android", "android") in platforms.choices
    banner = question_for("cookies.banner_for", "banner_for", Cookies.model_fields["banner_for"], "cookies")
    assert banner.choices == (("The EU", "eu"), ("The UK", "uk"))


def test_the_review_asks_exactly_what_a_missing_disclosure_needs_and_then_builds(tmp_path: Path) -> None:
    script = {**DPDP_SHOP, "review": Seq("missing", "write")}
    script["children.parental_consent"] = Seq("", "a parent confirms by replying to an email we send them")  # left empty at first
    script["children.tracks_children"] = False
    script["children.india_parent_check"] = ["details-given"]  # DPDP Rules 2025 Rule 10(1), asked with the consent it checks
    script["security.breach_notification"] = Seq(None, "every-breach")  # DPDP Act s.8(6), r.7(1): left unsaid at first
    for index in range(3):  # DPDP Act s.4(1): each purpose's ground (orders, account, marketing), consent or a use of s.7
        script[f"purposes[{index}].dpdp_ground"] = "consent"
    script["policy.eighth_schedule_languages"] = True  # DPDP Act s.5(3): the owner's offer, asked for by the gap it leaves
    said: list[str] = []
    asker = Scripted(script)
    answers = Wizard(asker, say=said.append).run()
    first, second = (index for index, path in enumerate(asker.asked) if path == "review")
    assert "children.parental_consent" in asker.asked[first + 1 : second]
    assert "children.india_parent_check" in asker.asked[first + 1 : second]
    assert "security.breach_notification" in asker.asked[first + 1 : second]
    assert "policy.eighth_schedule_languages" in asker.asked[first + 1 : second]
    assert "business.legal_name" not in asker.asked[first + 1 : second]  # the missing answer, not the whole step again
    assert any("what a missing disclosure needs" in text for text in said)
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    assert build_file(path, tmp_path / "out", ["md"]).written  # no gap left: it builds


def test_a_gap_that_stays_after_its_questions_puts_writing_first_so_enter_never_loops() -> None:
    asker = Scripted(DPDP_SHOP)  # Enter everywhere: the gap's question left unanswered
    Wizard(asker, say=lambda text: None).run()
    assert asker.asked.count("review") == 2


@pytest.mark.parametrize("script", ["INDIAN_SHOP", "EU_SAAS", "CALIFORNIA", "NOTHING_COLLECTED_APP"])
def test_running_the_wizard_again_on_the_file_it_wrote_asks_nothing_before_the_review(tmp_path: Path, script: str) -> None:
    answers, first = run(globals()[script])
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    data, open_lists = read_partial(path)
    again = Scripted({})
    assert Wizard(again, say=lambda text: None, data=data, open_lists=open_lists).run() == answers
    assert again.asked == ["review"], f"asked again: {again.asked[:10]} (first run asked {len(first.asked)})"
    assert load_answers(path) == answers


def test_a_shop_is_not_asked_what_only_other_kinds_of_business_or_channels_need() -> None:
    _, shop = run({**INDIAN_SHOP, "marketing.channels": ["email"]})
    for never in ("applies_to.remote_support", "marketing.follows_up_partner_enquiries", "marketing.respects_dnd"):
        assert never not in shop.asked, never  # remote support and partner leads are for IT and software firms; DND for calls and texts
    _, texts = run(INDIAN_SHOP)  # WhatsApp marketing: DND asked
    assert "marketing.respects_dnd" in texts.asked
    _, app = run(NOTHING_COLLECTED_APP)
    assert "applies_to.links_to_other_sites" not in app.asked and "cookies.honours_do_not_track" not in app.asked  # no website


def test_the_business_own_countrys_law_is_offered_and_no_representative_is_asked_where_it_is_based() -> None:
    script = {k: v for k, v in EU_SAAS.items() if k != "jurisdictions"}
    asker = Scripted(script)
    Wizard(asker, say=lambda text: None).run()
    offered = {}

    def remember(question: Question, default: Any) -> Any:
        offered[question.path] = default
        return asker(question, default)

    Wizard(remember, say=lambda text: None).run()
    assert offered["jurisdictions"] == ["eu"]  # a German company: the GDPR, ticked for the owner to confirm
    assert "contacts.eu_representative?" not in asker.seen and "contacts.representative_exempt" not in asker.seen
    _, uk_too = run({**EU_SAAS, "jurisdictions": ["eu", "uk"]})
    assert "contacts.uk_representative?" in uk_too.seen and "contacts.eu_representative?" not in uk_too.seen


def test_cookies_are_offered_as_the_chosen_services_set_them() -> None:
    offered: dict[str, Any] = {}
    scripted = Scripted({**INDIAN_SHOP, "services[0]": "google-analytics", "services[0].facts": True})

    def remember(question: Question, default: Any) -> Any:
        offered[question.path] = default
        return scripted(question, default)

    Wizard(remember, say=lambda text: None).run()
    assert scripted.offered["cookies.used"] is True and scripted.offered["cookies.kinds"] == ["essential", "analytics"]
    plain = Scripted(INDIAN_SHOP)
    Wizard(plain, say=lambda text: None).run()
    assert plain.offered["cookies.used"] is None  # no service that sets cookies: nothing proposed


# The shop of the wizard issue: an Indian online shop with Razorpay, Google Analytics, Mailchimp and Shiprocket, customers in
# India and the EU, adults only. The owner types what only they know and presses Enter on every proposal they agree with.
SAREE_SHOP = {
    "business.legal_name": "Saree Sutra Private Limited",
    "business.trading_name": "Saree Sutra",
    "business.kind": "online-shop",
    "business.website": "https://sareesutra.example",
    "business.country": "India",
    "business.address": "22 Example Road, Jayanagar, Bengaluru 560041, India",
    "jurisdictions": ["india", "eu"],
    "services[0]": "razorpay, google-analytics, mailchimp, shiprocket",
    "children.minimum_age": 18,
    "sharing.sells_data": False,  # asked under India too (SPDI r.6(1)): only the owner knows
    "contacts.grievance_officer.name": "Asha Rao",
    "contacts.eu_representative.name": "Example EU Rep GmbH",
    "contacts.eu_representative.email": "rep@eurep.example",
    "contacts.eu_representative.address": "Musterstrasse 1, 10115 Berlin, Germany",
    "retention.default": "for 3 years after your last order",
    "cookies.lifetimes[0]?": True,
    "cookies.lifetimes[0].name": "cart",
    "cookies.lifetimes[0].lasts": "30 days",
    "cookies.change_choice": "the Cookie settings link in the footer of every page",  # GDPR Art. 7(3): only the owner knows
}
PROMPT_TARGETS = {"shop": (SAREE_SHOP, 41), "nothing collected": (NOTHING_COLLECTED_APP, 12)}  # the shop: 40 before cookies.change_choice
"""Prompts each session may take, the wizard issue's targets (a screen of proposals is one prompt)."""


@pytest.mark.parametrize("name", PROMPT_TARGETS)
def test_a_new_owner_accepting_the_proposals_ends_with_a_file_that_builds_in_few_prompts(tmp_path: Path, name: str) -> None:
    script, most = PROMPT_TARGETS[name]
    answers, asker = run(script)
    assert len(asker.asked) <= most, f"{len(asker.asked)} prompts: {asker.asked}"
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    result = build_file(path, tmp_path / "out", ["md"])  # refuses (exit 2) when a required disclosure is missing
    assert result.written


def test_the_shop_gets_its_data_proposed_from_its_services_and_confirms_it_in_one_prompt() -> None:
    answers, asker = run(SAREE_SHOP)
    picker = next(line for line in asker.lines if line.startswith("Identity details"))
    assert "Razorpay" in picker or "orders" in picker
    categories = [item.category.value for item in answers.data]
    assert categories[:4] == ["identity", "contact", "billing", "payment"] and "usage" in categories and "marketing-preferences" in categories
    assert answers.marketing.sends_marketing and [c.value for c in answers.marketing.channels] == ["email"]
    assert [str(g) for g in answers.payments.gateways] == ["razorpay"]
    assert {p.purpose.value: p.legal_basis.value for p in answers.purposes if p.legal_basis}["marketing"] == "consent"
    assert answers.cookies.consent_banner is True and answers.contacts.eu_representative is not None


@pytest.mark.parametrize("example", sorted(path.name for path in (ROOT / "examples").glob("*.yaml")))
def test_every_example_finishes_with_enter_everywhere_and_builds(tmp_path: Path, example: str) -> None:
    data, open_lists = read_partial(ROOT / "examples" / example)
    asker = Scripted({})
    answers = Wizard(asker, say=lambda text: None, data=data, open_lists=open_lists).run()
    path = tmp_path / "answers.yaml"
    write_answers(path, answers)
    assert build_file(path, tmp_path / "out", ["md"]).written


def test_help_is_asked_with_a_question_mark_alone_or_after_a_prefilled_default() -> None:
    assert wants_help("?", "") and wants_help(" ? ", "18") and wants_help("18?", "18")
    assert not wants_help("18", "18") and not wants_help("", "") and not wants_help("Is it 18?", "18")


def test_a_checkbox_answer_is_echoed_as_the_labels_ticked() -> None:
    places = question_for("jurisdictions", "jurisdictions", Answers.model_fields["jurisdictions"], "jurisdictions")
    assert chosen_labels(places, ["eu", "india"]) == "India, European Union"  # in the order the question lists them
    assert chosen_labels(places, []) == "none"


def test_coppa_exceptions_are_asked_only_for_us_children_and_proposed_from_the_answers_so_far(tmp_path: Path) -> None:
    """A site for children that collects only identifiers' data (usage, logs) is offered the internal-operations exception and the
    operations its cookies and purposes serve; a shop for adults is never asked about COPPA's exceptions."""
    data, open_lists = read_partial(ROOT / "examples" / "kids-games.yaml")
    for field in ("consent_exceptions", "internal_operations", "identifier_safeguards"):
        del data["children"][field]
    asker = Scripted({"children.identifier_safeguards": "the ID is random and no ad network receives it"})
    answers = Wizard(asker, say=lambda text: None, data=data, open_lists=open_lists).run()
    assert asker.offered["children.consent_exceptions"] == ["internal-operations"]
    assert asker.offered["children.internal_operations"] == ["functioning", "network", "personalise", "contextual-ads", "security"]
    assert [str(e) for e in answers.children.consent_exceptions] == ["internal-operations"]
    assert "children.one_time_requests" not in asker.seen  # one-time contact not relied on: its details are not asked
    _, shop = run(INDIAN_SHOP)
    assert not [path for path in shop.seen if path.startswith(("children.consent_exceptions", "children.internal_operations", "children.one_time"))]


def test_the_parent_check_is_asked_beside_the_other_childrens_questions() -> None:
    """16 CFR 312.6(a)(3)(i), 312.4(d)(5): a site for US children under 13 is asked how a parent is checked to be the child's
    parent, in the Children step; a shop for adults is not."""
    data, open_lists = read_partial(ROOT / "examples" / "kids-games.yaml")
    del data["children"]["parent_verification"]
    asker = Scripted({"children.parent_verification": "we ask for the game code shown on the child's device"})
    answers = Wizard(asker, say=lambda text: None, data=data, open_lists=open_lists).run()
    assert "children.parent_verification" in asker.seen
    assert answers.children.parent_verification == "we ask for the game code shown on the child's device"
    _, shop = run(INDIAN_SHOP)
    assert "children.parent_verification" not in shop.seen


def test_a_recognised_legitimate_interest_asks_its_annex_1_condition_only_for_the_uk() -> None:
    """UK GDPR Art. 6(1)(ea) and 6(5): a UK owner who gives a recognised legitimate interest is asked which Annex 1 condition it
    meets; an owner who does not choose it, or chooses no UK, is never asked."""
    script = {
        **EU_SAAS, "jurisdictions": ["uk"], "data[0].purposes": ["account", "security"], "purposes[1].purpose": "security",
        "purposes[1].legal_basis": "recognised-legitimate-interest", "purposes[1].recognised_interest": ["crime"],
    }  # fmt: skip
    del script["purposes[1].detail"]
    answers, asker = run(script)
    assert "purposes[1].recognised_interest" in asker.asked
    assert asker.messages["purposes[1].recognised_interest"].startswith("UK, for a recognised legitimate interest: the condition of UK GDPR Annex 1")
    assert [str(c) for c in answers.purposes[1].recognised_interest] == ["crime"]
    markdown = to_markdown(build_policy(answers))
    assert "a recognised legitimate interest under UK law (to detect, investigate or prevent crime" in markdown
    _, eu = run(EU_SAAS)
    assert not [path for path in eu.seen if path.endswith("recognised_interest")]


def test_the_public_authority_question_is_asked_only_where_an_interest_basis_is_given_for_uk_or_eu_readers() -> None:
    """UK GDPR and GDPR Art. 6(1), the words after point (f): points (ea) and (f) are not for a public authority's tasks. The wizard
    asks business.public_authority only where the UK or the EU is chosen and some purpose rests on one of those bases, and asks
    whether the purpose is one of its tasks only for a public authority; other owners are never asked."""
    script = {**EU_SAAS, "business.public_authority": True, "purposes[1].public_authority_task": False}
    answers, asker = run(script)
    assert "business.public_authority" in asker.asked and "purposes[1].public_authority_task" in asker.asked
    assert asker.messages["business.public_authority"].startswith("UK or EU, where a purpose rests on legitimate interests")
    assert answers.business.public_authority is True and answers.purposes[1].public_authority_task is False
    assert "purposes[0].public_authority_task" not in asker.seen  # a contract: nothing to bar
    _, private = run({**EU_SAAS, "business.public_authority": False})
    assert "business.public_authority" in private.asked
    assert not [path for path in private.seen if path.endswith("public_authority_task")]
    _, india = run(INDIAN_SHOP)
    assert not [path for path in india.seen if "public_authority" in path]
    contract_only = {**EU_SAAS, "purposes[1].legal_basis": "contract"}
    del contract_only["purposes[1].detail"]
    _, contract = run(contract_only)
    assert not [path for path in contract.seen if "public_authority" in path]


def test_each_purposes_dpdp_ground_is_asked_only_where_the_act_applies_on_the_policys_date() -> None:
    """DPDP Act 2023 s.4(1), from 13 May 2027: the shop dated June 2027 is asked each purpose's ground (and no GDPR legal basis); the
    same shop dated before that day is asked neither."""
    _, later = run({**DPDP_SHOP, **{f"purposes[{index}].dpdp_ground": "consent" for index in range(3)}})
    assert [path for path in later.asked if path.endswith(".dpdp_ground")] == [f"purposes[{index}].dpdp_ground" for index in range(3)]
    assert not any(path.endswith(".legal_basis") for path in later.asked)
    _, before = run(INDIAN_SHOP)
    assert not any(path.startswith("purposes") for path in before.asked)


def test_a_choice_whose_words_the_policy_prints_shows_them_to_the_owner_who_ticks_it() -> None:
    """it-services and demo-bakery truth readers (2026-12-03): the owner ticked "Disaster recovery plan", "Regular audits" and
    "Secure cloud hosting" by their labels, and the policy printed words nobody had shown them ("a tested plan", "from time to
    time", "providers that secure their data centres"). Each choice's printed words are now its note, shown beside it."""
    from generator.answers.collection import Security
    from generator.wizard.prompts import questions_of

    measures = next(q for q in questions_of(Security, "security") if q.name == "measures")
    notes = dict(measures.notes)
    assert notes["disaster-recovery"] == "we have a plan to recover from outages"
    assert notes["audits"] == "we review our systems and data handling regularly"
    assert notes["secure-hosting"] == "we host data with providers that secure their data centres"
    assert {value for value, _ in measures.notes} <= {value for _, value in measures.choices}
    it_services = load_answers(Path(__file__).resolve().parent.parent / "examples" / "it-services.yaml")
    assert {"disaster-recovery", "audits"} <= {str(m) for m in it_services.security.measures}
    text = to_markdown(build_policy(it_services))
    assert "we have a plan to recover from outages" in text and "we review our systems and data handling regularly" in text
    assert "tested plan" not in text and "from time to time" not in text


def test_a_catalogue_service_not_yet_checked_says_so_when_its_facts_are_offered() -> None:
    """Issue 17, catalogue facts: the wizard offers a catalogue entry's facts for the owner to confirm; where no one has checked
    them against the provider's own pages (no `checked`), the owner is told to check each one."""
    from generator.library.services import load_services
    from generator.wizard.lists import checked_words

    unchecked = next(service for service in load_services().values() if service.checked is None)
    assert checked_words(unchecked) == "These facts are not yet checked against the provider's own pages: check each one before you confirm it."
