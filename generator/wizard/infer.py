"""What the wizard proposes from earlier answers: the data a business likely collects, why, and on what legal basis.

Every result here is a proposal, shown to the owner to confirm or change (`generator.wizard.screen`); none is
written unless the owner accepts it. The reasons go with the proposal ("from Razorpay, Google Analytics"), so the
owner sees where it came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.answers.vocabulary import GDPR_LIKE

if TYPE_CHECKING:
    from generator.library.services import Service

SHOP_KINDS = ("online-shop", "retail")
AUTOMATIC = ("usage", "device", "location", "inferences")
"""Categories a website or app gathers by itself (logs, cookies), not from what people type in."""

_KIND_PURPOSE = {
    "analytics": "analytics",
    "advertising": "advertising",
    "email": "marketing",
    "sms": "marketing",
    "crm": "support",
    "support-chat": "support",
    "telephony": "support",
    "forms": "support",
    "social-login": "account",
    "hosting": "website",
    "cdn": "security",
}
"""The purpose a kind of service usually serves; a payment service or any other kind serves the business's main purpose."""

USUAL_BASIS = {
    "provide-service": "contract",
    "account": "contract",
    "orders": "contract",
    "billing": "contract",
    "remote-support": "contract",
    "service-messages": "contract",
    "certification": "contract",
    "marketing": "consent",
    "advertising": "consent",
    "personalisation": "consent",
    "analytics": "consent",
    "research": "consent",
    "legal": "legal-obligation",
}
"""The legal basis usually relied on for a purpose (GDPR Art. 6(1)); every other purpose: legitimate interests."""


def chosen_services(data: dict[str, Any]) -> list[Service]:
    """The catalogue services chosen so far (`services` and `payments.gateways`), in the order given, each once."""
    from generator.library.services import load_services

    catalogue = load_services()
    entries = [*(data.get("services") or []), *((data.get("payments") or {}).get("gateways") or [])]
    ids = [str(entry.get("id") if isinstance(entry, dict) else entry) for entry in entries]
    return [catalogue[service_id] for service_id in dict.fromkeys(ids) if service_id in catalogue]


def purposes_used(data: dict[str, Any]) -> list[str]:
    """The purposes the data items give so far, each once, in the order they first appear."""
    return list(dict.fromkeys(str(purpose) for item in data.get("data") or [] if isinstance(item, dict) for purpose in item.get("purposes") or []))


def main_purpose(data: dict[str, Any]) -> str:
    """What the business mainly does with people's data: deliver orders (a shop) or provide its services."""
    return "orders" if (data.get("business") or {}).get("kind") in SHOP_KINDS else "provide-service"


def data_categories(data: dict[str, Any]) -> dict[str, list[str]]:
    """The data categories the answers so far suggest, each with why: the services that receive it, accounts, orders."""
    found: dict[str, list[str]] = {}

    def add(categories: tuple[str, ...] | list[str], reason: str) -> None:
        for category in categories:
            found.setdefault(category, []).append(reason)

    applies_to = data.get("applies_to") or {}
    if (data.get("business") or {}).get("kind") in SHOP_KINDS:
        add(("identity", "contact", "billing"), "orders")
    if (data.get("payments") or {}).get("takes_payments"):
        add(("payment", "billing"), "payments")
    if applies_to.get("accounts"):
        add(("identity", "contact", "credentials"), "accounts")
    if applies_to.get("website") or (data.get("business") or {}).get("website"):
        add(("device",), "your website's logs")
    for service in chosen_services(data):
        add([str(category) for category in service.data], service.name)
    return found


def data_purposes(data: dict[str, Any], category: str) -> list[str]:
    """The purposes to propose for a category: those of the services that receive it and of accounts, orders and logs."""
    purposes: list[str] = []
    kind = (data.get("business") or {}).get("kind")
    if kind in SHOP_KINDS and category in ("identity", "contact", "billing", "payment"):
        purposes.append("orders")
    if (data.get("applies_to") or {}).get("accounts") and category in ("identity", "contact", "credentials"):
        purposes.append("account")
    if category == "credentials":
        purposes.append("security")
    if category == "device":
        purposes += ["website", "security"]
    for service in chosen_services(data):
        if category in {str(given) for given in service.data}:
            purposes.append(_service_purpose(service.kind, category, data))
    if category == "billing":
        purposes.append("legal")
    return list(dict.fromkeys(purposes)) or [main_purpose(data)]


def data_required(category: str, purposes: list[str]) -> bool:
    """Whether to propose that people must give data of a category: what they type in for an order, an account or the service."""
    return category not in AUTOMATIC and bool(set(purposes) & {"orders", "account", "billing", "provide-service"})


def _service_purpose(kind: str, category: str, data: dict[str, Any]) -> str:
    """Why a service of `kind` gets data of `category`: its kind's usual purpose; for a payment service, the payment (its device data: fraud checks)."""
    if kind == "payment":
        return "security" if category in AUTOMATIC else "orders" if main_purpose(data) == "orders" else "billing"
    return _KIND_PURPOSE.get(kind, main_purpose(data))


def data_sources(category: str) -> list[str]:
    """Where data of a category usually comes from: the person, or their device (logs and cookies)."""
    return ["automatic"] if category in AUTOMATIC else ["you"]


def usual_basis(purpose: str) -> str:
    """The legal basis to propose for a purpose."""
    return USUAL_BASIS.get(purpose, "legitimate-interests")


def interest_of(purpose: str, basis: str) -> str | None:
    """For a purpose resting on legitimate interests, the interest in words (what the purpose is for); else None."""
    if basis != "legitimate-interests":
        return None
    from generator.answers.vocabulary import Purpose

    return next(member.description for member in Purpose if member.value == purpose)


def item_proposal(data: dict[str, Any], items: str, item: dict[str, Any], field: str) -> Any:
    """The proposal for `field` of a list item, or None where there is none.

    A data item's purposes, sources and whether it is required follow from its category; a purpose entry's legal basis is
    the usual one, and the interest, for one resting on legitimate interests, what the purpose is for.
    """
    if items == "data" and item.get("category"):
        category = str(item["category"])
        purposes = item.get("purposes") or data_purposes(data, category)
        gdpr_like = bool(set(data.get("jurisdictions") or []) & GDPR_LIKE)  # Art. 13(2)(e): say what must be given
        required = data_required(category, purposes) if gdpr_like else None
        return {"purposes": purposes, "sources": data_sources(category), "required": required}.get(field)
    if items == "purposes" and item.get("purpose"):
        purpose = str(item["purpose"])
        basis = str(item.get("legal_basis") or usual_basis(purpose))
        proposals = {"legal_basis": usual_basis(purpose), "detail": interest_of(purpose, basis)}
        return (proposals | _obligation(data) if basis == "legal-obligation" else proposals).get(field)
    return None


def _obligation(data: dict[str, Any]) -> dict[str, Any]:
    """The proposals for a legal obligation: the law of the business's own country, and legitimate interests for other readers.

    An EU or UK reader whose law that is not (GDPR and UK GDPR Art. 6(3)) gets legitimate interests as their basis, with the
    interest in words.
    """
    from generator.wizard.prompts import home_jurisdiction  # the wizard's conditions only: kept out of start-up

    country = str((data.get("business") or {}).get("country") or "")
    home = home_jurisdiction(country)
    law_of = home if home in ("eu", "uk") else "other"
    readers = [words for place, words in (("eu", "the EU"), ("uk", "the UK")) if place in (data.get("jurisdictions") or []) and place != law_of]
    if not readers:
        return {"law_of": law_of}
    interest = f"For people in {' and '.join(readers)}, our interest is to keep the records the law of {country} requires of us."
    return {"law_of": law_of, "other_bases": ["legitimate-interests"], "detail": interest}
