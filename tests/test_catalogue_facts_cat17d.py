"""Catalogue facts checked on 2026-12-03 against the providers' own pages, third round (issue 17, cat17d)."""

from __future__ import annotations

import datetime as dt

from generator.library.services import load_services


def test_cookie_lifetimes_no_provider_page_states_are_gone() -> None:
    services = load_services()
    # Hotjar's and Google's own cookie pages are not in the stored corpora (only site owners' tables and cookie databases give
    # _hjSessionUser_/_hjSession_ and _gcl_au lifetimes): the lifetimes go, the names stay
    assert services["hotjar"].cookie_lifetimes == {}
    assert services["hotjar"].cookie_names == ["_hjSessionUser_<site-id>", "_hjSession_<site-id>"]
    assert services["google-ads"].cookie_lifetimes == {}
    assert services["google-ads"].cookie_names == ["_gcl_au"]
    # Meta's own parameter builder (github.com/facebook/capi-param-builder, Constants: DEFAULT_1PC_AGE = 90 days, FBP_NAME_STRING
    # = '_fbp') gives the first-party _fbp cookie 90 days; no Meta page read gives a lifetime for facebook.com's fr cookie
    pixel = services["meta-pixel"]
    assert pixel.cookie_lifetimes == {"_fbp": "90 days"}
    assert "https://github.com/facebook/capi-param-builder" in pixel.sources


def test_vimeo_player_cookies_as_vimeos_help_centre_lists_them() -> None:
    # help.vimeo.com/hc/en-us/articles/26080940921361: the embeddable player sets vuid (2 years), player (1 year), flags (1 year)
    vimeo = load_services()["vimeo"]
    assert vimeo.cookie_lifetimes == {"vuid": "2 years", "player": "1 year", "flags": "1 year"}
    assert set(vimeo.cookie_names) == {"vuid", "player", "flags"}


def test_paytms_payment_gateway_is_run_by_paytm_payments_services() -> None:
    # paytmpayments.com/terms-of-use: the platform, "which include payment aggregation, payment gateway ... services", is operated
    # by Paytm Payments Services Limited (New Delhi), a wholly owned subsidiary of One 97 Communications Limited
    paytm = load_services()["paytm"]
    assert (paytm.provider, paytm.country) == ("Paytm Payments Services Limited", "India")
    assert paytm.checked == dt.date(2026, 12, 3) and paytm.sources


def test_make_is_celonis_as_makes_privacy_notice_says() -> None:
    # make.com/en/privacy-notice: "Celonis Privacy Notice for Make ... Celonis Inc. (One World Trade Center ... New York ... USA)"
    make = load_services()["make"]
    assert (make.provider, make.country) == ("Celonis, Inc.", "United States")
    assert make.checked == dt.date(2026, 12, 3) and make.sources


def test_moodlecloud_sets_moodles_session_cookie() -> None:
    # Moodle's own help text (github.com/moodle/moodle, lang/en/help/cookies.html): "The essential one is the session cookie,
    # usually called MoodleSession ... When you log out or close the browser this cookie is destroyed"; a MoodleCloud site runs Moodle
    moodle = load_services()["moodlecloud"]
    assert moodle.cookies is True
    assert moodle.cookie_lifetimes == {"MoodleSession": "until you sign out or close your browser"}


def test_tawk_to_widget_cookies_as_tawk_tos_help_centre_lists_them() -> None:
    # help.tawk.to "What are tawk.to cookies and what do they do?": tawk_uuid_<propertyId> 6 months, TawkConnectionTime and
    # twk_idm_key for the session; its privacy policy names tawk.to, Inc.
    tawk = load_services()["tawk-to"]
    assert tawk.provider == "tawk.to, Inc."
    assert tawk.cookie_lifetimes == {
        "tawk_uuid_<property-id>": "6 months",
        "TawkConnectionTime": "until you close your browser",
        "twk_idm_key": "until you close your browser",
    }


def test_zapier_claims_the_safeguards_its_own_pages_state() -> None:
    # zapier.com/legal/data-privacy: Zapier "has certified our compliance with the EU-US Data Privacy Framework (DPF), the UK
    # Extension, and the Swiss-US DPF"; zapier.com/dpa: the DPA between Zapier, Inc. and the customer comes with the SCCs
    zapier = load_services()["zapier"]
    assert zapier.safeguards == "the EU-US Data Privacy Framework and standard contractual clauses"
    assert (zapier.provider, zapier.country) == ("Zapier, Inc.", "United States")
    assert zapier.checked == dt.date(2026, 12, 3) and zapier.sources


def test_shiprocket_is_named_as_its_own_page_names_it_now() -> None:
    # Shiprocket's own pages (shiprocket.in, the myShiprocket terms in Telugu): "Shiprocket Private Limited (formerly Bigfoot
    # Retail Solutions Private Limited)"
    assert load_services()["shiprocket"].provider == "Shiprocket Private Limited"


def test_entries_checked_in_the_third_round() -> None:
    services = load_services()
    # thinkific.com terms: the contract is with Thinkific Labs Inc. (Canada and the rest of the world; Thinkific.com Inc. in
    # the US); its cookies policy: "a British Columbia company with offices at ... Vancouver"; phonepe.com terms: PhonePe
    # Private Limited, a company incorporated under the Companies Act, 1956, registered office in Bangalore
    assert (services["thinkific"].provider, services["thinkific"].country) == ("Thinkific Labs Inc.", "Canada")
    assert (services["phonepe"].provider, services["phonepe"].country) == ("PhonePe Private Limited", "India")
    for sid in ("thinkific", "phonepe"):
        assert services[sid].checked == dt.date(2026, 12, 3) and services[sid].sources, sid


def test_matomo_cloud_checked_with_its_default_cookies() -> None:
    # matomo.org/matomo-cloud-privacy-policy: "InnoCraft Limited ... a New Zealand registered company"; matomo.org/faq/general/
    # faq_146: default cookies _pk_id 13 months, _pk_ref 6 months, _pk_ses 30 minutes
    matomo = load_services()["matomo-cloud"]
    assert matomo.cookie_lifetimes == {
        "_pk_id.<site-id>.<hash>": "13 months",
        "_pk_ses.<site-id>.<hash>": "30 minutes",
        "_pk_ref.<site-id>.<hash>": "6 months",
    }
    assert matomo.country == "New Zealand"
    assert matomo.checked == dt.date(2026, 12, 3) and matomo.sources
