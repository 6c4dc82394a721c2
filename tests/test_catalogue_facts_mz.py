"""Catalogue facts of entries m-z, as checked on 2026-12-03 against the providers' own pages (issue 17)."""

from __future__ import annotations

from generator.library.services import load_services


def test_stripe_names_no_cookie_its_pages_do_not_name() -> None:
    # Stripe's pages read (docs.stripe.com/js/appendix/cookies, the cookie policy they point to) say Stripe.js sets
    # essential cookies for fraud prevention but name none, so the catalogue names none and gives no lifetimes.
    stripe = load_services()["stripe"]
    assert stripe.cookies and not stripe.cookie_names and not stripe.cookie_lifetimes
    assert stripe.checked is not None and "https://stripe.com/legal/dta" in stripe.sources


def test_shopify_no_longer_lists_the_cookies_it_stopped_setting() -> None:
    # shopify.dev changelog: from 1 January 2026 Shopify no longer sets _shopify_y and _shopify_s on storefronts.
    assert not {"_shopify_y", "_shopify_s"} & set(load_services()["shopify"].cookie_names)


def test_lifetimes_in_the_providers_words() -> None:
    services = load_services()
    assert services["posthog"].cookie_lifetimes == {"ph_<project_api_key>_posthog": "365 days"}
    assert services["matomo-cloud"].cookie_lifetimes == {
        "_pk_id.<site-id>.<hash>": "13 months",
        "_pk_ses.<site-id>.<hash>": "30 minutes",
        "_pk_ref.<site-id>.<hash>": "6 months",  # the same FAQ's _pk_ref, added by cat17d
    }


def test_twilio_group_transfers_rest_on_its_binding_corporate_rules() -> None:
    services = load_services()
    for service in ("twilio", "sendgrid"):
        assert services[service].safeguards == "Twilio's Binding Corporate Rules"
    # Segment's own docs (cat17c): Twilio relies on the DPF as its primary EU-US mechanism and has Binding Corporate Rules
    assert services["segment"].safeguards == "the EU-US Data Privacy Framework and Twilio's Binding Corporate Rules"
    assert services["twilio"].checked is not None and services["sendgrid"].checked is not None


def test_mailchimp_names_the_transfer_safeguards_its_own_page_states() -> None:
    # mailchimp.com/help/mailchimp-european-data-transfers: The Rocket Science Group LLC d/b/a Mailchimp is certified
    # under the EU-U.S. Data Privacy Framework (as a covered entity of Intuit's) and the SCCs apply under its DPA.
    mailchimp = load_services()["mailchimp"]
    assert mailchimp.provider == "The Rocket Science Group LLC"
    assert mailchimp.safeguards == "the EU-US Data Privacy Framework and standard contractual clauses"
    assert mailchimp.checked is not None


def test_teamviewer_provider_checked_against_its_privacy_information() -> None:
    teamviewer = load_services()["teamviewer"]
    assert (teamviewer.provider, teamviewer.country) == ("TeamViewer Germany GmbH", "Germany")
    assert teamviewer.checked is not None
