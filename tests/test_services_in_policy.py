"""Services named in the answers flow into the sharing table, transfers, cookies and payments sections."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.answers.load import answers_from_dict
from generator.cli import main
from generator.policy import Policy
from generator.render import build_policy

BASE = yaml.safe_load((ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8"))


def _policy(services: list[object], gateways: list[str]) -> Policy:
    data = {**BASE, "services": services, "payments": {"takes_payments": True, "gateways": gateways, "card_data_kept": "last-four"}}
    return build_policy(answers_from_dict(data))


def _section(policy: Policy, section_id: str) -> str:
    return next(s.markdown for s in policy.sections if s.id == section_id)


@pytest.fixture(scope="module")
def policy() -> Policy:
    return _policy(["zoho-crm", "whatsapp-business", "google-analytics"], ["razorpay"])


def test_sharing_table_lists_each_service_with_provider_location_and_link(policy: Policy) -> None:
    table = _section(policy, "service-providers")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ") and "---" not in line}
    assert set(rows) >= {"Razorpay", "Zoho CRM", "WhatsApp Business", "Google Analytics"}
    assert "Razorpay Software Private Limited" in rows["Razorpay"] and "| India |" in rows["Razorpay"]
    assert "https://razorpay.com/privacy/" in rows["Razorpay"]
    assert "Zoho Corporation Private Limited" in rows["Zoho CRM"] and "| India |" in rows["Zoho CRM"]
    assert "WhatsApp LLC" in rows["WhatsApp Business"] and "| United States |" in rows["WhatsApp Business"]
    assert "https://www.whatsapp.com/legal/privacy-policy" in rows["WhatsApp Business"]
    assert "payment details" in rows["Razorpay"].lower()


def test_transfers_name_the_foreign_services_and_their_safeguards(policy: Policy) -> None:
    transfers = _section(policy, "international-transfers")
    assert "United States" in transfers
    # Razorpay and Zoho are Indian like the business: no transfer abroad is claimed for them
    assert "Razorpay" not in transfers and "Zoho" not in transfers
    # the catalogue's safeguards are for transfers out of the EU and the UK: see the tests below
    european = _transfers({**BASE, "jurisdictions": ["india", "eu"], "services": ["google-analytics"]})
    assert "For transfers from the EU to Google Analytics, we rely on standard contractual clauses." in european


def test_cookies_section_names_only_services_that_set_cookies(policy: Policy) -> None:
    cookies = _section(policy, "cookies")
    assert "Google Analytics" in cookies
    for name in ("Razorpay", "Zoho CRM", "WhatsApp Business"):
        assert name not in cookies


def test_payment_gateway_produces_the_card_data_clause(policy: Policy) -> None:
    payments = _section(policy, "payments")
    assert "Razorpay" in payments
    assert re.search(r"last four digits", payments)


def test_no_services_means_no_sharing_table() -> None:
    policy = build_policy(answers_from_dict(BASE))
    assert "service-providers" not in [s.id for s in policy.sections] or "| Service |" not in _section(policy, "service-providers")


def test_custom_inline_service_is_listed() -> None:
    custom = {
        "id": "acme-crm",
        "name": "Acme CRM",
        "provider": "Acme Software Private Limited",
        "country": "Singapore",
        "kind": "crm",
        "purposes": ["keep track of customer enquiries"],
        "data": ["identity", "contact"],
        "privacy_url": "https://acme-crm.example/privacy",
    }
    policy = _policy([custom], ["razorpay"])
    assert "Acme Software Private Limited" in _section(policy, "service-providers")
    assert "Singapore" in _section(policy, "international-transfers")


def test_misspelt_service_id_gets_did_you_mean_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8") + "services: [zoho-crn]\n"
    source = tmp_path / "answers.yaml"
    source.write_text(text, encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{source}:{len(text.splitlines())}:" in err
    assert "services[0]: unknown service 'zoho-crn'; did you mean 'zoho-crm'?" in err
    assert not (tmp_path / "out").exists()


def test_services_command_searches_by_words_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["services", "razorpay"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1
    assert lines[0].split()[:2] == ["razorpay", "payment"]
    assert "Razorpay Software Private Limited, India" in lines[0]
    assert captured.err.strip() == "1 service"
    assert main(["services", "--kind", "payment", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    ids = {service["id"] for service in found}
    assert {"razorpay", "payu", "paytm", "ccavenue", "stripe", "paypal", "authorize-net"} <= ids
    assert all(service["kind"] == "payment" for service in found)
    assert all(service["privacy_url"].startswith("https://") for service in found)


def test_services_command_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["services", "--kind", "paymnet"]) == 2
    assert "unknown kind 'paymnet'; accepted: payment, analytics" in capsys.readouterr().err


def _rows(policy: Policy, section_id: str) -> dict[str, str]:
    table = _section(policy, section_id)
    return {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ") and "---" not in line}


def test_the_business_facts_of_a_catalogue_service_win_over_the_catalogue() -> None:
    # Delhivery's catalogue entry says it gets billing details; this shop gives it only a name, address and phone.
    # Stripe's says it sets cookies; this shop's checkout runs on Stripe's own pages.
    policy = _policy([{"id": "delhivery", "data": ["identity", "contact"]}, "google-analytics"], [{"id": "stripe", "cookies": False}])
    delhivery = _rows(policy, "service-providers")["Delhivery"]
    assert "identity details and contact details" in delhivery.lower() and "billing" not in delhivery.lower()
    assert "Stripe" in _rows(policy, "service-providers")
    cookies = _section(policy, "cookies")
    assert "Google Analytics" in cookies and "Stripe" not in cookies


def test_a_fact_the_business_gives_is_its_answer_in_the_ledger_and_the_rest_stay_catalogue_facts() -> None:
    data = {**BASE, "services": [{"id": "delhivery", "data": ["identity", "contact"]}]}
    policy = build_policy(answers_from_dict(data), ledger=True)
    table = next(clause for section in policy.sections for clause in section.clauses if clause.id == "service-providers.table")
    assert "services[0].data" in table.because and "catalogue:delhivery.data" not in table.because
    assert {"catalogue:delhivery.name", "catalogue:delhivery.provider"} <= set(table.because)


def _californian(services: list[object]) -> str:
    data = {**BASE, "jurisdictions": ["california"], "services": services, "sharing": {**BASE.get("sharing", {}), "shares_for_advertising": False}}
    data["cookies"] = {"used": True, "kinds": ["essential", "analytics"], "honours_do_not_track": False}
    return to_markdown_text(build_policy(answers_from_dict(data)))


def to_markdown_text(policy: Policy) -> str:
    return "\n".join(section.markdown for section in policy.sections)


def test_a_service_that_only_sets_cookies_is_not_called_a_cross_site_tracker() -> None:
    confirmed = [{"id": service, "tracks_across_sites": False} for service in ("stripe", "cloudflare", "google-analytics")]
    assert "Other companies may collect" not in _californian(["stripe", "cloudflare", "google-analytics"])
    text = _californian(confirmed)
    assert "Other companies may collect information about your online activities over time and across different websites" not in text
    assert "We do not allow other companies to collect information about your online activities over time and across different websites" in text


def test_an_advertising_network_or_a_service_the_owner_marks_is_named_as_one() -> None:
    text = _californian(["meta-pixel", {"id": "google-analytics", "tracks_across_sites": True}, "stripe"])
    sentence = next(line for line in text.splitlines() if line.startswith("Other companies may collect information"))
    assert "Meta Pixel" in sentence and "Google Analytics" in sentence and "Stripe" not in sentence


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "{id: delhivery, dta: [identity]}",
            "services[0].dta: unknown field; did you mean 'data'? Accepted fields here: id, data, purposes, provider, country, stored_in, "
            "sends_to, gets, cookies,",
        ),
        ("{id: delhivry, cookies: false}", "services[0].id: unknown service 'delhivry'; did you mean 'delhivery'?"),
        ("5", "services[0]: 5 is not accepted: should be a catalogue service id (such as stripe), a mapping with its id and the facts that differ for you"),
        ("{id: delhivery, data: []}", "services[0].data: an empty list is not accepted: give at least 1 item"),
    ],
)
def test_a_wrong_service_entry_gets_one_message_naming_what_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, expected: str) -> None:
    text = (ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8") + f"services: [{entry}]\n"
    source = tmp_path / "answers.yaml"
    source.write_text(text, encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if "services[0]" in line]
    assert len(lines) == 1 and expected in lines[0], lines
    assert f"{source}:{len(text.splitlines())}:" in lines[0]


def _transfers(data: dict[str, object]) -> str:
    return _section(build_policy(answers_from_dict(data)), "international-transfers")


def test_the_catalogues_eu_safeguards_are_stated_only_to_readers_of_eu_or_uk_law() -> None:
    indian = {**BASE, "services": ["google-analytics"]}
    assert "For transfers from the EU" not in _transfers(indian)
    assert "For transfers from the EU to Google Analytics, we rely on standard contractual clauses." in _transfers({**indian, "jurisdictions": ["india", "eu"]})
    own = {**indian, "services": [{"id": "google-analytics", "safeguards": "Google's data processing terms"}]}
    assert "For transfers to Google Analytics, we rely on Google's data processing terms." in _transfers(own)


def test_a_service_the_owner_places_elsewhere_loses_the_catalogues_safeguards() -> None:
    moved = {**BASE, "jurisdictions": ["india", "eu"], "services": [{"id": "google-analytics", "provider": "Google Ireland Limited", "country": "Ireland"}]}
    transfers = _transfers(moved)
    assert "Ireland" in transfers and "For transfers from the EU to Google Analytics" not in transfers


def test_information_that_stays_in_the_eea_is_not_said_to_meet_different_laws() -> None:
    german = {**BASE, "business": {**BASE["business"], "country": "Germany"}, "jurisdictions": ["eu"], "transfers": {"storage_countries": ["Ireland"]}}
    assert "The privacy laws there may differ" not in _transfers(german)
    assert "The privacy laws there may differ" in _transfers({**german, "transfers": {"storage_countries": ["Ireland", "United States"]}})


def test_a_country_with_an_adequacy_decision_needs_no_safeguard_and_is_named_as_adequate() -> None:
    from generator.check import check_policy

    british = {**BASE, "business": {**BASE["business"], "country": "United Kingdom"}, "jurisdictions": ["uk", "eu"], "services": []}
    british["transfers"] = {"storage_countries": ["Switzerland"]}
    answers = answers_from_dict(british)
    policy = build_policy(answers)
    transfers = _section(policy, "international-transfers")
    assert "The European Commission has decided that the United Kingdom and Switzerland protect personal data adequately." in transfers
    assert "UK adequacy regulations cover Switzerland." in transfers
    assert "safeguards" not in transfers
    findings = {f.requirement.id: f for regime in check_policy(answers, policy).regimes for f in regime.findings}
    assert findings["gdpr.third_country_transfer"].covered and findings["uk_gdpr.transfers"].covered
    # one destination without a decision: the owner's safeguard is named for that one only, and is needed
    british["transfers"] = {"storage_countries": ["Switzerland", "United States"], "safeguards": ["standard contractual clauses"]}
    mixed = _section(build_policy(answers_from_dict(british)), "international-transfers")
    assert "For the United States, we protect your information with standard contractual clauses." in mixed


def test_us_recipients_certified_under_the_data_privacy_framework_are_covered_by_the_adequacy_decision() -> None:
    irish = {**BASE, "business": {**BASE["business"], "country": "Ireland"}, "jurisdictions": ["eu", "uk"], "services": []}
    irish["transfers"] = {"storage_countries": ["United States"], "us_certified": True, "uk_us_certified": True}
    transfers = _section(build_policy(answers_from_dict(irish)), "international-transfers")
    assert "For the United States, the European Commission's adequacy decision covers companies certified under the EU-US Data Privacy Framework" in transfers
    assert "UK Extension to the Data Privacy Framework" in transfers and "Ask us for a copy" not in transfers
    # the EU-US certification alone says nothing of the UK Extension (transfers.uk_us_certified is its own answer)
    irish["transfers"] = {"storage_countries": ["United States"], "us_certified": True}
    assert "UK Extension" not in _section(build_policy(answers_from_dict(irish)), "international-transfers")
    irish["transfers"] = {"storage_countries": ["United States"], "safeguards": ["standard contractual clauses"]}
    uncertified = _section(build_policy(answers_from_dict(irish)), "international-transfers")
    assert "Data Privacy Framework" not in uncertified and "we protect your information with standard contractual clauses" in uncertified


def test_where_a_service_keeps_the_data_is_said_and_is_where_the_data_goes() -> None:
    canadian = {**BASE, "business": {**BASE["business"], "country": "Canada"}, "jurisdictions": ["canada"]}
    hosted = build_policy(answers_from_dict({**canadian, "services": [{"id": "aws", "stored_in": "Canada"}]}))
    assert "| United States (keeps your data in Canada) |" in _rows(hosted, "service-providers")["Amazon Web Services"]
    assert "international-transfers" not in [section.id for section in hosted.sections] or "United States" not in _section(hosted, "international-transfers")
    abroad = build_policy(answers_from_dict({**canadian, "services": ["aws"]}))
    assert "United States" in _section(abroad, "international-transfers")


def _row(policy: Policy, name: str) -> str:
    return next(line for line in _section(policy, "service-providers").splitlines() if line.startswith(f"| {name} |"))


def test_a_catalogue_service_is_shown_with_only_the_data_the_business_collects() -> None:
    # The bakery collects device data but no usage data or location: Google Analytics can receive all three.
    row = _row(_policy(["google-analytics"], ["razorpay"]), "Google Analytics")
    assert "| log data |" in row and "usage" not in row and "location" not in row
    # what the owner gives for a service is theirs, kept as given
    row = _row(_policy([{"id": "google-analytics", "data": ["usage", "device", "location"]}], ["razorpay"]), "Google Analytics")
    assert "| usage data, log data and approximate location |" in row
    # a payment service takes the payment details from the payer itself, whether or not the business lists them
    assert "payment details" in _row(_policy([], ["razorpay"]), "Razorpay")
    # and a catalogue list with none of the business's categories is left whole rather than emptied
    only_messages = {**BASE, "data": [{**BASE["data"][0], "category": "correspondence"}], "services": ["google-analytics"]}
    row = _row(build_policy(answers_from_dict(only_messages)), "Google Analytics")
    assert "| usage data, log data and approximate location |" in row


def test_what_a_service_gets_in_the_owners_words_replaces_the_categories_in_its_row() -> None:
    ses = {"id": "amazon-ses", "data": ["identity", "contact"], "gets": ["names", "email addresses"]}
    row = _row(_policy([ses], ["razorpay"]), "Amazon Simple Email Service")
    assert "| names and email addresses |" in row and "details" not in row
