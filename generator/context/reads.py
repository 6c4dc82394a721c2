"""For each value of the policy context, the answer paths it comes from: what the claims ledger names as a clause's `because`.

A key the context gains needs its entry here (`tests/test_ledger.py` fails for one without); a derived fact names every
answer it reads, so a clause resting on it rests on those answers.
"""

from __future__ import annotations

from generator.answers.collection import DataItem
from generator.answers.disclosure import CustomService
from generator.answers.model import Answers
from generator.answers.parts import Business
from generator.context.gdpr import GDPR_READS
from generator.library.services import Service

_SERVICE_PATHS = ("services", "payments.gateways")
_ROW_FIELDS = ("name", "provider", "purposes", "data", "gets", "country", "stored_in", "sends_to", "privacy_url")


def _each_service(*fields: str) -> tuple[str, ...]:
    """The services and gateways lists, and `field` of each service in them."""
    return (*_SERVICE_PATHS, *(f"{base}[*].{field}" for base in _SERVICE_PATHS for field in fields))


_RECIPIENTS = ("service_providers", "affiliates", "partners", "other_users", "business_transfers", "legal_requests")
_PURPOSE_ROWS = (
    "data[*].purposes", "purposes[*].purpose", "purposes[*].legal_basis", "purposes[*].other_bases", "purposes[*].detail", "purposes[*].law",
    "purposes[*].law_of", "purposes[*].recognised_interest", "purposes[*].dpdp_ground",
)  # fmt: skip
_SOLD_OR_SHARED = (
    "data[*].category", "data[*].purposes", "policy.effective_date", "sharing.sells_data", "sharing.shares_for_advertising",
    "sharing.sold_categories", *_each_service("kind", "tracks_across_sites", "data"),
)  # fmt: skip
_SOLD = ("data[*].category", "jurisdictions", "policy.effective_date", "sharing.sells_data", "sharing.sold_categories")
_AD_THIRD_PARTIES = (*_each_service("kind", "tracks_across_sites"), "sharing.shares_for_advertising", "data[*].category")
_COUNTRIES = (*_each_service("country", "stored_in", "sends_to"), "business.country", "transfers.storage_countries")
_PARTS = (
    "policy", "business", "applies_to", "for_customers", "does_not_use", "data", "collection_points", "sharing", "payments", "transfers",
    "cookies", "marketing", "children", "automated_decisions", "remote_support", "retention", "security", "requests", "contacts",
)  # fmt: skip

DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "answers": (),  # the whole answers: what a clause reads inside them is recorded
    **{part: (part,) for part in _PARTS},
    "purposes": _PURPOSE_ROWS,
    "services": ("services", "data[*].category"),
    "gateways": ("payments.gateways", "data[*].category"),
    "shared_services": (*_SERVICE_PATHS, "data[*].category"),
    "tracking_services": (*_each_service("cookies"), "data[*].category"),
    "service_rows": (*_each_service(*_ROW_FIELDS), "data[*].category"),
    "tracking_rows": _each_service("cookies", "name", "provider", "purposes", "country", "stored_in", "sends_to", "privacy_url"),
    "cross_site_trackers": _each_service("tracks_across_sites"),
    "cookie_lifetime_rows": ("cookies.lifetimes", *_each_service("cookies", "name", "cookie_lifetimes")),
    "cookie_lifetimes_given": ("cookies.lifetimes", *_each_service("cookies", "cookie_names", "cookie_lifetimes")),
    "cross_site_unconfirmed": _each_service("cookies", "tracks_across_sites", "name"),
    "protected_services": (*_each_service("safeguards"), "jurisdictions"),
    "eea": (),  # a list of countries, not an answer
    "uk_names": (),  # the names of the United Kingdom, not an answer
    "brazil_names": (),  # the names of Brazil, not an answer
    "us_names": _COUNTRIES,
    "erasure_right": ("jurisdictions", "requests.all_rights_everywhere", "policy.effective_date"),
    "access_right": ("jurisdictions", "requests.all_rights_everywhere"),
    "correction_right": ("jurisdictions", "requests.all_rights_everywhere"),
    "rights_asks": ("jurisdictions", "requests.all_rights_everywhere", "policy.effective_date"),
    "more_rights_elsewhere": ("jurisdictions", "requests.all_rights_everywhere"),
    "uk_complaint_duty": ("policy.effective_date",),
    "law_in_force": ("policy.effective_date",),
    "law_starts": (),  # the law pack's dates, not an answer
    "eu_destinations": _COUNTRIES,
    "eu_unprotected": (*_COUNTRIES, "transfers.us_certified"),
    "uk_held_in": ("business.country",),
    "uk_destinations": _COUNTRIES,
    "uk_unprotected": (*_COUNTRIES, "transfers.uk_us_certified"),
    "eu_safeguard_words": ("transfers.safeguards",),
    "retention_period_given": ("retention.default", "data[*].retention"),
    "response_deadlines": ("requests.response_days", "jurisdictions", "applies_to.public_content", "policy.effective_date"),
    "deadline_exceptions": ("requests.response_days", "jurisdictions", "applies_to.public_content", "policy.effective_date"),
    "uk_safeguard_words": ("transfers.uk_safeguards", "transfers.safeguards"),
    "ch_destinations": _COUNTRIES,
    "ch_unprotected": (*_COUNTRIES, "transfers.ch_us_certified"),
    "ch_safeguard_words": ("transfers.ch_safeguards", "transfers.safeguards"),
    "jp_destinations": _COUNTRIES,
    "jp_equivalent": _COUNTRIES,
    "za_destinations": _COUNTRIES,
    "brazil_destinations": _COUNTRIES,
    "brazil_unprotected": _COUNTRIES,
    "brazil_safeguard_words": ("transfers.safeguards",),
    "transfers_stay_in_eea": _COUNTRIES,
    "transfer_countries": _COUNTRIES,
    "onward_countries": _COUNTRIES,
    "au_overseas_countries": (
        *_COUNTRIES,
        "sharing.affiliate_countries",
        "sharing.other_users",
        "sharing.other_users_countries",
        "sharing.partners[*].country",
    ),
    "sg_disclosure_purposes_given": (
        "sharing.affiliates",
        "sharing.affiliates_purpose",
        "sharing.other_users",
        "sharing.other_users_purpose",
        "sharing.sells_data",
        "sharing.sold_to",
        "sharing.service_providers",
        *_SERVICE_PATHS,
    ),
    "au_collected_from_others": ("data[*].sources", "data[*].name", "data[*].collected_when"),
    "au_circumstances_given": ("data[*].sources", "data[*].collected_when"),
    "au_overseas_known": (
        "services",
        "transfers",
        "sharing.affiliates",
        "sharing.affiliate_countries",
        "sharing.other_users",
        "sharing.other_users_countries",
        "sharing.partners[*].country",
    ),
    "jurisdictions": ("jurisdictions",),
    "gdpr_like": ("jurisdictions",),
    "us_states": ("jurisdictions",),
    "in_us": ("jurisdictions",),
    "categories": ("data[*].category",),
    "sensitive_data": ("data[*].category",),
    "all_purposes": (),  # the vocabulary of purposes, not an answer
    "data_from": ("data[*].sources",),
    "data_names_lower": ("data[*].name",),
    "required_data_names_lower": ("data[*].required", "data[*].name"),
    "optional_data_names_lower": ("data[*].required", "data[*].name", "data[*].sources"),
    "required_given_names_lower": ("data[*].required", "data[*].name", "data[*].sources"),
    "gives_any_data": ("data[*].sources",),
    "sensitive_data_names_lower": ("data[*].category", "data[*].name"),
    "spdi_sensitive_names_lower": ("data[*].category", "data[*].name"),
    "stated_sensitive_names_lower": ("data[*].category", "data[*].name", "jurisdictions", "policy.effective_date"),
    "children_data_names_lower": ("data[*].about", "data[*].name"),
    "data_from_names_lower": ("data[*].sources", "data[*].name"),
    "purpose_labels_lower": ("data[*].purposes", "purposes[*].purpose"),
    "shared_service_names": _each_service("name"),
    "tracking_service_names": _each_service("cookies", "name"),
    "cross_site_tracker_names": _each_service("tracks_across_sites", "name"),
    "gateway_names": ("payments.gateways", "payments.gateways[*].name"),
    # derived_facts
    "relies_on_consent": ("purposes[*].legal_basis", "purposes[*].other_bases", "marketing.sends_marketing"),
    "relies_on_legitimate_interests": ("purposes[*].legal_basis", "purposes[*].other_bases"),
    "relies_on_public_task": ("purposes[*].legal_basis", "purposes[*].other_bases"),
    "relies_on_contract": ("purposes[*].legal_basis", "purposes[*].other_bases"),
    "interest_rows": _PURPOSE_ROWS,
    "interest_groups": _PURPOSE_ROWS,
    "portability_applies": _PURPOSE_ROWS,
    "bases_given": _PURPOSE_ROWS,
    "collects_sensitive": ("data[*].category",),
    "collects_spdi_sensitive": ("data[*].category",),
    "spdi_own_use_services": ("data[*].category", "services", "payments.gateways"),
    "collects_ccpa_sensitive": ("data[*].category", "policy.effective_date"),
    "ccpa_sensitive_data": ("data[*].category", "policy.effective_date"),
    "ccpa_limit_data": _SOLD_OR_SHARED,
    "ccpa_limit_applies": _SOLD_OR_SHARED,
    "ccpa_limit_beyond": ("data[*].category", "data[*].purposes", "policy.effective_date"),
    "ccpa_limit_sold": _SOLD_OR_SHARED,
    "ccpa_limit_shared": _SOLD_OR_SHARED,
    "ccpa_sale_answered": ("sharing.sells_data", "sharing.shares_for_advertising"),
    "ccpa_sold_known": ("sharing.sells_data", "sharing.sold_categories"),
    "ccpa_shared_known": _SOLD_OR_SHARED,
    "ccpa_rows": (*_SOLD_OR_SHARED, "data[*].examples"),
    "ccpa_provider_rows": (*_each_service("kind", "tracks_across_sites", "data", "name"), "data[*].category", "data[*].examples"),
    "ccpa_ad_third_party_names": (*_AD_THIRD_PARTIES, *_each_service("name")),
    "ccpa_admt_from_2027": ("policy.effective_date",),
    "ccpa_toll_free": ("requests.methods", "business.phone"),
    "ccpa_request_methods_met": ("requests.methods", "requests.exclusively_online", "business.phone"),
    "state_sensitive_groups": ("data[*].category", "data[*].name", "data[*].about", "jurisdictions", "policy.effective_date", "requests.sensitive_consent"),
    "state_sensitive_states": ("data[*].category", "jurisdictions", "policy.effective_date"),
    "state_law_places": ("jurisdictions",),
    "state_ag_pages": ("jurisdictions",),
    "state_minor_groups": ("jurisdictions", "children.minors_sale_ads", "sharing.sells_data", "sharing.shares_for_advertising"),
    "state_rights": ("jurisdictions", "policy.effective_date"),
    "state_appeal_places": ("jurisdictions",),
    "state_appeal_times": ("jurisdictions",),
    "state_profiling_opt_out_places": ("jurisdictions", "policy.effective_date"),
    "state_sensitive_sold_states": _SOLD,
    "state_sale_notice_places": _SOLD,
    "sold_data_categories": ("data[*].category", "sharing.sells_data", "sharing.sold_categories"),
    "ad_third_parties": _AD_THIRD_PARTIES,
    "processor_services": _AD_THIRD_PARTIES,
    "ad_recipient_words": (*_AD_THIRD_PARTIES, *_each_service("gets", "data"), "data[*].category"),
    "request_way_count": ("requests.methods", "business.phone"),
    "policy_date": ("policy.effective_date",),
    "uk_cookie_exemptions_in_force": ("policy.effective_date",),
    "uk_statistics_exempt": (
        "cookies.uk_statistics_only",
        "purposes[*].purpose",
        "purposes[*].legal_basis",
        "purposes[*].other_bases",
        "policy.effective_date",
    ),
    "uk_consent_cookie_kinds": ("cookies.kinds", "policy.effective_date"),
    "banner_places": ("cookies.consent_banner", "cookies.banner_for", "jurisdictions"),
    "eu_uk_cookie_readers": ("cookies.consent_banner", "cookies.banner_for", "jurisdictions"),
    "banner_for_words": ("cookies.banner_for",),
    "opt_in_words": ("marketing.opt_in_for",),
    "soft_opt_in_words": ("marketing.opt_in_for", "jurisdictions"),
    "derogation_words": ("transfers.derogations",),
    "lgpd_transfer_words": ("transfers.lgpd_transfer_bases",),
    "lgpd_safeguard_words": ("transfers.lgpd_transfer_bases",),
    "sells_data": ("sharing.sells_data",),
    "shares_for_advertising": ("sharing.shares_for_advertising",),
    "sells_or_shares": ("sharing.sells_data", "sharing.shares_for_advertising"),
    "targeted_advertising": ("sharing.shares_for_advertising", "cookies.used", "cookies.kinds"),
    "colorado_purpose_uses": (
        *_PURPOSE_ROWS, "data[*].category", "sharing.sells_data", "sharing.sold_categories", "automated_decisions.profiling",
        "automated_decisions.significant_profiling_purposes", "sharing.shares_for_advertising", "cookies.used", "cookies.kinds",
    ),  # fmt: skip
    "colorado_purpose_uses_known": (
        "sharing.sells_data", "automated_decisions.profiling", "automated_decisions.significant_profiling_purposes",
        "sharing.shares_for_advertising", "cookies.used", "cookies.kinds", "data[*].purposes",
    ),  # fmt: skip
    "uses_cookies": ("cookies.used",),
    "automated_decisions_used": ("automated_decisions.used",),
    "decisions_affect_interests": ("automated_decisions.used", "automated_decisions.lgpd_decisions"),
    "profiling": ("automated_decisions.profiling",),
    "significant_profiling": ("automated_decisions.profiling", "automated_decisions.significant_profiling_purposes", "automated_decisions.used"),
    "no_significant_profiling": ("automated_decisions.profiling", "automated_decisions.significant_profiling_purposes", "automated_decisions.used"),
    "transfers_abroad": _COUNTRIES,
    "indirect_sources": ("data[*].sources",),
    "has_dpo": ("contacts.dpo",),
    "children_under_13": ("children.directed_to_children", "children.minimum_age"),
    # children_facts
    "coppa_third_parties": ("sharing.affiliates", "sharing.partners", "sharing.sells_data", "sharing.shares_for_advertising"),
    "coppa_exceptions": ("children.consent_exceptions", "jurisdictions", "children.directed_to_children", "children.minimum_age"),
    "coppa_notice": (
        "children.consent_exceptions", "children.parental_consent", "jurisdictions", "children.directed_to_children", "children.minimum_age",
    ),
    "coppa_exceptions_only": (
        "data[*].about", "data[*].category", "data[*].purposes", "children.consent_exceptions", "children.parental_consent", "jurisdictions",
        "children.directed_to_children", "children.minimum_age",
    ),
    "coppa_identifier_names_lower": (
        "data[*].about", "data[*].category", "data[*].name", "data[*].purposes", "children.consent_exceptions", "jurisdictions",
        "children.directed_to_children", "children.minimum_age",
    ),
    "internal_operation_words": ("children.internal_operations",),
    "children_purpose_labels_lower": ("data[*].about", "data[*].purposes"),
    "children_own_retention": ("data[*].about", "data[*].name", "data[*].retention"),
    "coppa_children_data": (
        "data[*].about", "data[*].category", "data[*].name", "data[*].purposes", "children.consent_exceptions", "children.parental_consent", "jurisdictions",
        "children.directed_to_children", "children.minimum_age",
    ),
    "children_untracked": ("data[*].about", "data[*].purposes", "cookies.kinds", "automated_decisions.profiling"),
    "children_shown_no_ads": ("data[*].about", "data[*].purposes", "cookies.kinds", "sharing.shares_for_advertising"),
    "children_ads_contextual": ("data[*].about", "data[*].purposes", "data[*].category", "cookies.kinds", "sharing.shares_for_advertising"),
    "children_recipients": ("data[*].about", "data[*].category", *_each_service("name", "purposes", "data"), *_AD_THIRD_PARTIES),
    "coppa_ad_recipient_names": ("data[*].about", "data[*].category", *_each_service("name", "data"), *_AD_THIRD_PARTIES),
    "children_data": ("children.directed_to_children", "children.minimum_age", "children.supervised_use"),
    "sends_marketing": ("marketing.sends_marketing",),
    "takes_payments": ("payments.takes_payments",),
    "has_accounts": ("applies_to.accounts",),
    "uses_processors": ("sharing.service_providers", *_SERVICE_PATHS),
    "sells_nothing": ("sharing.sells_data", "sharing.shares_for_advertising"),
    "shares_with_no_one": (
        "sharing.sells_data", "sharing.shares_for_advertising", *(f"sharing.{name}" for name in _RECIPIENTS), *_SERVICE_PATHS, "data[*].sources",
        "sharing.connected_apps",
    ),  # fmt: skip
    "covers_website": ("applies_to.website", "business.website"),
    "services_listed": ("services",),
    "transfers_answered": ("transfers",),
    "sharing_answered": ("sharing",),
    "retention_rule": ("retention.default",),
    "data_with_own_retention": ("data[*].retention",),
    "summary_recipients": (*(f"sharing.{name}" for name in _RECIPIENTS), *_AD_THIRD_PARTIES),  # with shared_services' own
    "collects_nothing": ("data",),
    "security_details": ("security.details",),
    "online_places": ("applies_to.website", "business.website", "business.apps"),
    **GDPR_READS,
}
"""For each context key, the answer paths its value comes from."""

PROPERTY_READS: dict[type, dict[str, tuple[str, ...]]] = {
    Answers: {
        "gdpr_like": ("jurisdictions",),
        "us_states": ("jurisdictions",),
        "in_us": ("jurisdictions",),
        "has": ("jurisdictions",),
        "categories": ("data[*].category",),
        "all_purposes": ("data[*].purposes", "purposes[*].purpose"),
        "sensitive_data": ("data[*].category",),
    },
    Business: {"name": ("trading_name", "legal_name")},
    DataItem: {"name": ("label", "category"), "example_text": ("examples",), "sensitive": ("category",), "about_children": ("about",)},
    # An inline service renders as a catalogue `Service`: its kind's label is its kind, it is custom because the
    # answers describe it (the service itself), and it names no cookies (it cannot).
    CustomService: {"kind_label": ("kind",), "custom": ("",), "cookie_names": (), "cookie_lifetimes": ()},
    Service: {"kind_label": ("kind",), "custom": ("",)},
}
"""For the answer models' (and catalogue services') properties and methods clauses use: the fields each reads, relative to its
object (`""` is the object itself, `()` nothing of the answers)."""
