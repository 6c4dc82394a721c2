"""True by construction, found by an independent reader of the German B2B processor's policy (the EU and the UK, 2026-12-02).

Each test builds the minimal answer file with a few parts and checks the sentence the reader found wrong is now said as the
answers make it true.
"""

from __future__ import annotations

from tests.test_truthful_clauses import _built

STRIPE_EU = {
    "id": "stripe",
    "provider": "Stripe Payments Europe, Limited",
    "country": "Ireland",
    "purposes": ["take card payments on its own hosted pages"],
    "data": ["billing"],
    "sends_to": ["United States"],
    "safeguards": "the EU-US Data Privacy Framework and standard contractual clauses",
}
IN_GERMANY = {"country": "Germany", "address": "Beispielstraße 14, 04109 Leipzig, Germany"}
BILLING = [{"category": "billing", "sources": ["you"], "purposes": ["provide-service"]}]


def _paid_through(gateway: dict[str, object]) -> str:
    """The policy of a business in Germany, for EU readers, whose one service is this payment gateway."""
    return _built({"jurisdictions": ["eu"], "data": BILLING, "payments": {"takes_payments": True, "gateways": [gateway]}}, IN_GERMANY)


def test_a_service_in_the_eea_makes_its_own_onward_transfers_not_ours() -> None:
    text = _paid_through(STRIPE_EU)
    assert "Stripe may send your information on to the United States. For those transfers, Stripe relies on the EU-US Data Privacy" in text
    assert "For transfers to Stripe, we rely on" not in text
    abroad = {**STRIPE_EU, "country": "United States", "sends_to": []}  # a service abroad: our own transfer to it
    text = _paid_through(abroad)
    assert "For transfers to Stripe, we rely on the EU-US Data Privacy Framework and standard contractual clauses." in text


def test_examples_with_commas_of_their_own_do_not_run_together() -> None:
    logs = {"category": "usage", "label": "Log data", "sources": ["automatic"], "purposes": ["security"],
            "examples": ["the IP address, browser and time of each sign-in", "the page of each visit"]}  # fmt: skip
    assert "**Log data**: the IP address, browser and time of each sign-in; the page of each visit." in _built({"data": [logs]})
    plain = {"category": "contact", "sources": ["you"], "examples": ["email address", "phone number"], "purposes": ["provide-service"]}
    assert "email address, phone number." in _built({"data": [plain]})


def test_one_kind_of_cookie_is_one_reason() -> None:
    one = _built({"cookies": {"used": True, "kinds": ["essential"]}})
    assert "cookies for this reason:" in one and "these reasons" not in one
    assert "cookies for these reasons:" in _built({"cookies": {"used": True, "kinds": ["essential", "analytics"]}})
