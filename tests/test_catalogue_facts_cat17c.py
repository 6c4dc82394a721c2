"""Catalogue facts checked on 2026-12-03 against the providers' own pages, second round (issue 17, cat17c)."""

from __future__ import annotations

import datetime as dt

from generator.library.services import load_services


def test_cookie_lifetimes_as_the_providers_own_code_and_docs_give_them() -> None:
    services = load_services()
    # docs.mixpanel.com (JavaScript SDK): the cookie "by default is 365 days"; the name is mixpanel-js's 'mp_' + token + '_mixpanel'
    assert services["mixpanel"].cookie_lifetimes == {"mp_<project-token>_mixpanel": "365 days"}
    # Microsoft's Clarity client (github.com/microsoft/clarity, clarity-js types/data.d.ts): Expire = 365 days for _clck,
    # SessionExpire = 1 day for _clsk
    assert services["microsoft-clarity"].cookie_lifetimes == {"_clck": "1 year", "_clsk": "1 day"}


def test_youtube_claims_no_data_privacy_framework_that_no_google_page_read_states() -> None:
    # Google's frameworks page read (policies.google.com/privacy/frameworks, archived 2022 copy) says Google relies on SCCs
    # where required; no Google page read says Google is certified under the Data Privacy Framework (as for cat17a's entries)
    assert load_services()["youtube"].safeguards == "standard contractual clauses"


def test_entries_checked_in_the_second_round() -> None:
    services = load_services()
    assert (services["payu"].provider, services["payu"].country) == ("PayU Payments Private Limited", "India")
    assert (services["myoperator"].provider, services["myoperator"].country) == ("VoiceTree Technologies Private Limited", "India")
    assert (services["mixpanel"].provider, services["mixpanel"].country) == ("Mixpanel, Inc.", "United States")
    for sid in ("payu", "myoperator", "mixpanel"):
        assert services[sid].checked == dt.date(2026, 12, 3) and services[sid].sources, sid


def test_transfer_safeguards_as_the_providers_own_pages_name_them() -> None:
    services = load_services()
    # salesforce.com/privacy/regions: Salesforce's data processing addendum incorporates its Processor Binding Corporate Rules and
    # the European Commission's standard contractual clauses; no Salesforce page read names the Data Privacy Framework
    assert services["salesforce"].safeguards == "Salesforce's Processor Binding Corporate Rules and standard contractual clauses"
    # Zoom's blog on its DPA: the DPA includes the standard contractual clauses; no Zoom page read names the Data Privacy Framework
    assert services["zoom"].safeguards == "standard contractual clauses"
    for sid in ("salesforce", "zoom"):
        assert services[sid].checked == dt.date(2026, 12, 3) and services[sid].sources, sid


def test_segment_facts_from_segments_own_documentation() -> None:
    segment = load_services()["segment"]
    # segment.com/docs (segmentio/segment-docs): Analytics.js cookies' default maxage is 1 year; "Twilio is certified under the DPF
    # and relies on it as the primary mechanism for EU-US personal data transfers"; Twilio has Binding Corporate Rules
    assert segment.cookie_lifetimes == {"ajs_anonymous_id": "1 year", "ajs_user_id": "1 year"}
    assert segment.safeguards == "the EU-US Data Privacy Framework and Twilio's Binding Corporate Rules"
    assert segment.checked == dt.date(2026, 12, 3) and segment.sources
