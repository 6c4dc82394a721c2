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
    assert "Google Analytics" in transfers and "EU-US Data Privacy Framework" in transfers


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
