"""The values clause templates and `when` expressions see: the answers plus derived facts."""

from __future__ import annotations

from typing import Any

from generator.answers.model import Answers
from generator.answers.services import resolve_services
from generator.answers.vocabulary import Purpose, Source
from generator.library.services import Service
from generator.templating.environment import Link, join_words


def purpose_details(answers: Answers) -> list[dict[str, Any]]:
    """Each purpose used, with its legal basis and detail when given, and the data it uses."""
    details = {detail.purpose: detail for detail in answers.purposes}
    rows = []
    for purpose in answers.all_purposes:
        detail = details.get(purpose)
        rows.append(
            {
                "purpose": purpose,
                "label": purpose.label,
                "legal_basis": detail.legal_basis if detail else None,
                "detail": detail.detail if detail else None,
                "data": [item for item in answers.data if purpose in item.purposes],
            }
        )
    return rows


def service_rows(services: list[Service]) -> list[list[object]]:
    """One table row per service: name, provider, what it does, the data it gets, where it is, its privacy policy."""
    return [
        [
            service.name,
            service.provider,
            join_words(service.purposes),
            join_words(category.label.lower() for category in service.data),
            service.country,
            Link(service.privacy_url, "Their policy"),
        ]
        for service in services
    ]


def build_context(answers: Answers) -> dict[str, Any]:
    """Build the template context for one policy."""
    services = resolve_services(list(answers.services))
    gateways = resolve_services(list(answers.payments.gateways))
    shared: list[Service] = list({service.id: service for service in [*gateways, *services]}.values())
    countries = sorted(
        {s.country for s in shared if s.country != answers.business.country} | set(answers.transfers.storage_countries) - {answers.business.country}
    )
    return {
        "answers": answers,
        "policy": answers.policy,
        "business": answers.business,
        "applies_to": answers.applies_to,
        "data": answers.data,
        "collection_points": answers.collection_points,
        "purposes": purpose_details(answers),
        "sharing": answers.sharing,
        "services": services,
        "gateways": gateways,
        "shared_services": shared,
        "tracking_services": [s for s in shared if s.cookies],
        "service_rows": service_rows(shared),
        "tracking_rows": service_rows([s for s in shared if s.cookies]),
        "payments": answers.payments,
        "transfers": answers.transfers,
        "transfer_countries": countries,
        "cookies": answers.cookies,
        "marketing": answers.marketing,
        "children": answers.children,
        "automated_decisions": answers.automated_decisions,
        "remote_support": answers.remote_support,
        "retention": answers.retention,
        "security": answers.security,
        "requests": answers.requests,
        "contacts": answers.contacts,
        "jurisdictions": [j.value for j in answers.jurisdictions],
        "gdpr_like": answers.gdpr_like,
        "us_states": answers.us_states,
        "in_us": answers.in_us,
        "categories": answers.categories,
        "sensitive_data": answers.sensitive_data,
        "last_updated": answers.effective_last_updated,
        "all_purposes": Purpose,
        "data_from": {source.value: [item for item in answers.data if source in item.sources] for source in Source},
        **derived_facts(answers, shared, countries),
    }


def derived_facts(answers: Answers, shared: list[Service], countries: list[str]) -> dict[str, bool]:
    """Yes/no facts that requirement conditions and clauses test, named as the law thinks of them."""
    bases = {detail.legal_basis for detail in answers.purposes if detail.legal_basis}
    sources = {source.value for item in answers.data for source in item.sources}
    children = answers.children
    return {
        "relies_on_consent": "consent" in bases or answers.marketing.sends_marketing,
        "relies_on_legitimate_interests": "legitimate-interests" in bases,
        "collects_sensitive": bool(answers.sensitive_data),
        "sells_data": answers.sharing.sells_data,
        "shares_for_advertising": answers.sharing.shares_for_advertising,
        "sells_or_shares": answers.sharing.sells_data or answers.sharing.shares_for_advertising,
        "targeted_advertising": answers.sharing.shares_for_advertising or (answers.cookies.used and "advertising" in {k.value for k in answers.cookies.kinds}),
        "uses_cookies": answers.cookies.used,
        "automated_decisions_used": answers.automated_decisions.used,
        "profiling": answers.automated_decisions.profiling,
        "transfers_abroad": bool(countries),
        "indirect_sources": bool(sources - {"you"}),
        "has_dpo": answers.contacts.dpo is not None,
        "children_under_13": children.directed_to_children or children.minimum_age < 13,
        "children_data": children.directed_to_children or children.minimum_age < 18 or children.supervised_use,
        "sends_marketing": answers.marketing.sends_marketing,
        "takes_payments": answers.payments.takes_payments,
        "has_accounts": answers.applies_to.accounts,
        "uses_processors": answers.sharing.service_providers or bool(shared),
    }
