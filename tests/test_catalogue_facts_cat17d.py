"""Catalogue facts checked on 2026-12-03 against the providers' own pages, third round (issue 17, cat17d)."""

from __future__ import annotations

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
