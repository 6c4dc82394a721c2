"""True by construction, found by an independent reader of an Indian online shop's policy (India and the EU).

Each test builds the minimal answer file with a few parts and checks that a sentence is printed only when
an answer makes it true, and that a duty of the law is stated as the law's, not as the business's practice.
"""

from __future__ import annotations

from tests.test_truthful_clauses import _built

ONLY = "We share personal information only in the ways this section lists."


def test_sharing_only_as_listed_is_promised_only_when_every_kind_of_recipient_is_answered() -> None:
    answered = {"service_providers": True, "business_transfers": False, "legal_requests": True}
    assert ONLY in _built({"sharing": answered})
    for unanswered in ("service_providers", "business_transfers", "legal_requests"):
        text = _built({"sharing": {k: v for k, v in answered.items() if k != unanswered}})
        assert ONLY not in text, unanswered
        assert "This section says who receives personal information from us." in text


MARKETING = {"sends_marketing": True, "channels": ["email"], "consent": "opt-in", "unsubscribe": ["the unsubscribe link in every email"]}
SERVICE_TOO = "Stopping marketing does not stop the service messages we need to send you."


def test_service_messages_go_on_after_marketing_stops_only_where_the_owner_sends_them() -> None:
    assert SERVICE_TOO not in _built({"marketing": MARKETING})
    assert SERVICE_TOO in _built({"marketing": {**MARKETING, "service_channels": ["email"]}})


INDIA = {"jurisdictions": ["india"], "requests": {"verification": "we ask you to confirm details we already hold about you"}}
SHOP = {"website": "https://shop.example"}


def test_indian_requests_go_only_by_the_ways_the_owner_gives_and_ask_only_the_check_the_owner_describes() -> None:
    text = _built(INDIA, SHOP)
    ways = "To use these rights, name someone, withdraw consent or raise a grievance, email [hello@fernhollow.example](mailto:hello@fernhollow.example)."
    assert ways in text
    assert "through our website" not in text
    assert "Tell us your name" not in text
    assert "To protect you, we ask you to confirm details we already hold about you." in text
    form = _built({**INDIA, "requests": {**INDIA["requests"], "methods": ["web-form"], "web_form_url": "https://shop.example/privacy"}}, SHOP)
    assert "use [our request form](https://shop.example/privacy)" in form


def test_no_consent_manager_is_denied_until_the_owner_answers() -> None:
    text = _built(INDIA)
    # 1 November 2026: consent through a Consent Manager (DPDP Act s.6(7)-(8)) starts on 13 May 2027, and is said with that date.
    later = "From 13 May 2027, India's law lets people give, review and withdraw consent through Consent Managers registered with the Data Protection Board"
    assert later in text
    assert "We do not work with a Consent Manager" not in text
    named = _built({**INDIA, "requests": {**INDIA["requests"], "consent_manager": "Example Consent Services"}})
    assert "through Example Consent Services, a Consent Manager registered with the Data Protection Board of India" in named


def test_indian_sensitive_data_duties_are_stated_as_the_spdi_rules_not_as_the_owners_practice() -> None:
    payment = {"category": "payment", "sources": ["you"], "purposes": ["support"], "required": True}
    text = _built({**INDIA, "data": [payment]})
    assert "Under India's SPDI Rules 2011, some of what we hold is sensitive personal data: payment details." in text
    law = "The Rules require a business to get your consent in writing (by letter, fax or email) to the purpose before it collects sensitive personal data"
    assert law in text
    for practice in ("We collect it only after you agree", "an electronic confirmation counts", "We pass it to others only", "at least as well as we do"):
        assert practice not in text, practice


def test_indian_erasure_is_stated_as_the_law_beside_the_owners_own_retention_rule() -> None:
    text = _built({**INDIA, "retention": {"default": "for 3 years after your last order"}})
    assert "We keep personal information for 3 years after your last order." in text
    assert "We erase it when that purpose is served" not in text
    assert "India's DPDP Act requires us to erase personal data once the purpose we collected it for is served or you withdraw your consent" in text


def test_each_reader_is_told_one_deadline_and_places_with_the_same_one_are_named_together() -> None:
    text = _built({"jurisdictions": ["india", "eu"], "requests": {"response_days": 30}})
    month = "within 30 days of receiving your request, or within one month if that is sooner"
    general = f"If you are in India or the EU, we answer {month}. Elsewhere, we answer within 30 days."
    assert general in text  # the owner's 30 days kept, never later than the law's month (a reader found "one month" instead)
    assert "If you are in India, we answer" not in text and "If you are in the EU, we answer" not in text
    assert "one month of receiving" not in text  # one month alone would allow a later answer than the owner gives


def test_a_services_catalogue_safeguards_read_as_words_for_the_places_they_protect() -> None:
    analytics = {"services": ["google-analytics"], "cookies": {"used": True, "kinds": ["analytics"]}}
    text = _built({**analytics, "jurisdictions": ["india", "eu"]}, {"country": "India"})
    said = "For transfers from the EU to Google Analytics, we rely on standard contractual clauses."
    assert said in text
    assert "standard contractual clauses;" not in text


def test_a_single_way_to_stop_marketing_is_one_sentence_not_a_list_after_by() -> None:
    one = _built({"marketing": MARKETING})
    assert "You can stop marketing messages at any time this way: the unsubscribe link in every email." in one
    assert "by:" not in one
    two = _built({"marketing": {**MARKETING, "unsubscribe": ["the unsubscribe link in every email", "replying STOP"]}})
    assert "You can stop marketing messages at any time in these ways:\n\n- the unsubscribe link in every email\n- replying STOP" in two


def test_data_collected_automatically_is_not_something_you_give_us() -> None:
    data = [
        {"category": "contact", "sources": ["you"], "purposes": ["support"], "required": True},
        {"category": "usage", "sources": ["automatic"], "purposes": ["analytics"], "required": False},
        {"category": "marketing-preferences", "sources": ["you"], "purposes": ["marketing"], "required": False},
    ]
    text = _built({"data": data, "jurisdictions": ["eu"]})
    assert "If you do not give us your marketing preferences, you can still use our services." in text
    assert "give us your usage data" not in text


def test_the_transfers_heading_promises_no_storage_places_the_policy_does_not_name() -> None:
    text = _built({"services": ["google-analytics"], "cookies": {"used": True, "kinds": ["analytics"]}})
    assert "Where your information is stored and sent" not in text
    assert "Where your information goes" in text
