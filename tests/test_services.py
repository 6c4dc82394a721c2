"""The third-party services catalogue in clauses/services/ is valid, complete and consistent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.errors import ClauseError
from generator.library import services as services_module
from generator.library.services import Service, load_services
from generator.resources import resource_dir

SERVICES_DIR = resource_dir("clauses") / "services"

REQUIRED_IDS = frozenset(
    """
    facebook-login google-sign-in google-analytics google-ads google-workspace google-maps
    zoho-crm zoho-forms zoho-mail zoho-desk zoho-bigin salesforce myoperator 123formbuilder skyvia whatsapp-business
    hotjar mixpanel microsoft-clarity matomo-cloud plausible amplitude segment
    meta-pixel linkedin-insight-tag microsoft-advertising google-tag-manager
    hubspot freshsales pipedrive
    mailchimp sendgrid amazon-ses brevo msg91 twilio gupshup textlocal exotel knowlarity
    aws google-cloud microsoft-azure digitalocean cloudflare hostinger godaddy vercel netlify
    zendesk freshdesk intercom tawk-to crisp teamviewer anydesk
    google-forms typeform jotform shopify zoom youtube vimeo google-meet teachable thinkific moodlecloud
    zapier make dropbox google-drive microsoft-365 shiprocket delhivery google-recaptcha calendly docusign
    """.split()
)

PAYMENT_GATEWAYS = frozenset(
    """
    razorpay payu paytm ccavenue cashfree phonepe instamojo billdesk
    stripe paypal square braintree adyen authorize-net
    """.split()
)


@pytest.fixture(scope="module")
def services() -> dict[str, Service]:
    return load_services()


def test_every_file_validates(services: dict[str, Service]) -> None:
    files = sorted(SERVICES_DIR.glob("*.yaml"))
    assert files, f"no service files in {SERVICES_DIR}"
    assert len(services) == len(files)


def test_ids_are_unique_and_match_file_names() -> None:
    seen: dict[str, Path] = {}
    for path in sorted(SERVICES_DIR.glob("*.yaml")):
        service_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        assert service_id not in seen, f"{path.name} repeats the id of {seen[service_id].name}"
        assert path.stem == service_id, f"{path.name} holds id '{service_id}'"
        seen[service_id] = path


def test_only_yaml_files_in_the_folder() -> None:
    strays = [path.name for path in SERVICES_DIR.iterdir() if path.suffix != ".yaml"]
    assert not strays, f"files the catalogue would ignore: {strays}"


def test_privacy_urls_use_https(services: dict[str, Service]) -> None:
    bad = {sid: s.privacy_url for sid, s in services.items() if not s.privacy_url.startswith("https://")}
    assert not bad


def test_catalogue_is_large_enough(services: dict[str, Service]) -> None:
    assert len(services) >= 80


def test_required_services_exist(services: dict[str, Service]) -> None:
    missing = sorted((REQUIRED_IDS | PAYMENT_GATEWAYS) - services.keys())
    assert not missing


def test_payment_gateways_have_payment_kind(services: dict[str, Service]) -> None:
    wrong = {sid: services[sid].kind for sid in PAYMENT_GATEWAYS if services[sid].kind != "payment"}
    assert not wrong


def test_cookie_names_only_when_cookies_are_set(services: dict[str, Service]) -> None:
    wrong = [sid for sid, s in services.items() if s.cookie_names and not s.cookies]
    assert not wrong


def test_entries_are_tidy(services: dict[str, Service]) -> None:
    for sid, service in services.items():
        assert not service.custom, sid
        assert len(set(service.data)) == len(service.data), f"{sid}: repeated data category"
        assert len(set(service.purposes)) == len(service.purposes), f"{sid}: repeated purpose"
        for text in (service.name, service.provider, service.country, *service.purposes):
            assert text == text.strip() and text, f"{sid}: blank or padded text {text!r}"
        for purpose in service.purposes:
            assert purpose[0].islower(), f"{sid}: purpose should start lower-case: {purpose!r}"
            assert not purpose.endswith("."), f"{sid}: purpose should be a phrase, not a sentence: {purpose!r}"


def test_a_checked_entry_names_the_pages_it_was_checked_against(tmp_path: Path) -> None:
    entry = yaml.safe_load((SERVICES_DIR / "google-analytics.yaml").read_text(encoding="utf-8"))
    entry.pop("sources", None)  # the catalogue's own entry names its pages; this one does not
    (tmp_path / "google-analytics.yaml").write_text(yaml.safe_dump({**entry, "checked": "2026-12-03"}), encoding="utf-8")
    with pytest.raises(ClauseError) as refused:
        load_services.__wrapped__(tmp_path)
    assert "checked needs sources" in "\n".join(refused.value.messages)


def test_the_day_an_entry_was_checked_survives_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = yaml.safe_load((SERVICES_DIR / "google-analytics.yaml").read_text(encoding="utf-8"))
    sources = ["https://business.safety.google/adscookies/"]
    (tmp_path / "google-analytics.yaml").write_text(yaml.safe_dump({**entry, "checked": dt.date(2026, 12, 3), "sources": sources}), encoding="utf-8")
    first = load_services.__wrapped__(tmp_path)["google-analytics"]

    def parse_again(path: Path) -> None:
        raise AssertionError(f"{path} parsed again: the cached entry did not load")

    monkeypatch.setattr(services_module, "parse_yaml", parse_again)
    again = load_services.__wrapped__(tmp_path)["google-analytics"]
    assert (first.checked, first.sources) == (again.checked, again.sources) == (dt.date(2026, 12, 3), sources)


def test_facts_checked_against_the_providers_pages_entries_a_to_l() -> None:
    """Issue 17 (cat17a): each fact below was read on the provider's own pages on 2026-12-03 (see the entries' sources)."""
    services = load_services()
    analytics = services["google-analytics"]
    assert analytics.cookie_lifetimes == {"_ga": "2 years", "_ga_<container-id>": "2 years"}  # Google's GA4 cookie table
    # none of the pages read for these entries says the provider is certified under the EU-US Data Privacy Framework;
    # Google's and AWS's pages say their data terms include standard contractual clauses
    for sid in ("google-analytics", "google-workspace", "google-cloud", "aws", "amazon-ses"):
        assert services[sid].safeguards == "standard contractual clauses", sid
    cloudflare = services["cloudflare"]
    assert cloudflare.safeguards is None  # Cloudflare's pages read did not state how transfers are protected
    assert cloudflare.cookie_lifetimes == {"__cf_bm": "30 minutes"}  # cf_clearance lasts as long as the site owner sets
    assert services["brevo"].provider == "Sendinblue SAS" and services["brevo"].country == "France"
    for sid in ("google-classroom", "google-drive", "google-forms", "google-meet", "firebase-analytics"):
        assert services[sid].safeguards == "standard contractual clauses", sid
    # Meta's and Amplitude's own pages say they rely on, or comply with, the Data Privacy Framework
    assert services["facebook-login"].safeguards == services["amplitude"].safeguards == "the EU-US Data Privacy Framework"
    # no contract with standard contractual clauses stands behind these free Google services; Dropbox's pages read did not say
    for sid in ("google-fonts", "google-recaptcha", "google-sign-in", "dropbox"):
        assert services[sid].safeguards is None, sid
    assert services["firebase-analytics"].cookies  # Google: the SDK "uses technologies similar to cookies"
    assert services["authorize-net"].provider == "Authorize.Net LLC"  # not Visa Inc.: CyberSource's subsidiary runs it
    assert services["amplitude"].cookie_lifetimes == {"AMP_<api-key-prefix>": "1 year", "AMP_MKTG_<api-key-prefix>": "1 year"}
    assert services["google-recaptcha"].cookie_names == ["_GRECAPTCHA"]
    checked = {sid for sid, service in services.items() if sid[0] <= "l" and service.checked}
    assert checked >= {
        "123formbuilder", "adyen", "amazon-ses", "amplitude", "anydesk", "authorize-net", "aws", "billdesk", "braintree", "brevo",
        "calendly", "cloudflare", "crisp", "digitalocean", "docusign", "dropbox", "facebook-login", "firebase-analytics",
        "freshchat", "freshdesk", "freshsales", "godaddy", "google-analytics", "google-classroom", "google-cloud", "google-drive",
        "google-fonts", "google-forms", "google-meet", "google-recaptcha", "google-sign-in", "google-workspace", "hetzner",
        "jotform",
    }
    assert services["jotform"].safeguards == "standard contractual clauses"  # Jotform's DPA incorporates them
    intercom = services["intercom"]  # cookie facts from Intercom's page; the contracting entity is still open, so not checked
    assert intercom.cookie_lifetimes["intercom-session-<app-id>"] == "1 week" and intercom.checked is None
    for sid in checked:
        assert services[sid].checked == dt.date(2026, 12, 3) and services[sid].sources, sid


def test_entries_a_to_l_claim_the_data_privacy_framework_only_where_the_providers_own_page_says_so() -> None:
    """Issue 17: the Data Privacy Framework was claimed for every US provider; only Meta's and Amplitude's pages read say it."""
    claiming = {sid for sid, service in load_services().items() if sid[0] <= "l" and "Data Privacy Framework" in (service.safeguards or "")}
    assert claiming == {"amplitude", "facebook-login"}
