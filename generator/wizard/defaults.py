"""The wizard's defaults drawn from earlier answers: each offered for the owner to confirm, never written unasked.

A default here is a proposal: the owner sees it and presses Enter to accept it, and only then is it an answer (the file
the wizard writes holds what was asked). An unanswered question stays unanswered, so no default speaks for the owner.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

from generator.wizard.prompts import Question, home_jurisdiction

_COOKIE_KINDS = ("essential", "analytics", "advertising")


def suggest(question: Question, data: dict[str, Any], today: dt.date) -> Any:
    """The default to offer for `question`, given the answers so far (`data`); the model's default when nothing earlier decides it."""
    business = data.get("business") or {}
    if question.kind == "date" and question.required:
        return today
    if question.path == "jurisdictions" and not question.default:  # the business's own country's law, offered ticked
        home = home_jurisdiction(str(business.get("country") or ""))
        return [home] if home else question.default
    if question.path in ("cookies.used", "cookies.kinds"):
        kinds = service_cookie_kinds(data)
        if kinds:  # the chosen services set cookies (analytics, advertising): offered ticked
            return True if question.path == "cookies.used" else sorted({"essential", *kinds}, key=_COOKIE_KINDS.index)
    proposed = _from_services_and_data(question.path, data)
    if proposed is not None:
        return proposed
    if question.path == "policy.last_updated":  # a new policy was last changed when it was written
        return (data.get("policy") or {}).get("effective_date") or today
    domain = (urlparse(str(business.get("website") or "")).hostname or "").removeprefix("www.")
    representative = question.path.startswith(("contacts.eu_representative.", "contacts.uk_representative.", "contacts.ch_representative."))  # another office
    if question.name == "email" and question.path.startswith("contacts.") and business.get("email") and not representative:
        return business.get("email")  # the business's own privacy address, given earlier in the step
    if question.name == "email" and domain and not representative:
        return f"privacy@{domain}"
    if question.name == "address" and question.path.startswith("contacts.") and not representative:
        return business.get("address")
    return question.default


def service_cookie_kinds(data: dict[str, Any]) -> list[str]:
    """The kinds of cookie the catalogue services chosen so far set: 'analytics' and 'advertising' by their kind, else 'essential'."""
    from generator.library.services import load_services

    catalogue = load_services()
    kinds: set[str] = set()
    for entry in data.get("services") or []:
        given = entry if isinstance(entry, dict) else {"id": entry}
        service = catalogue.get(str(given.get("id")))
        sets_cookies = given.get("cookies", service.cookies if service is not None else False)  # the owner's answer wins
        kind = given.get("kind", service.kind if service is not None else "other")
        if sets_cookies is True:
            kinds.add(kind if kind in _COOKIE_KINDS else "essential")
    return sorted(kinds, key=_COOKIE_KINDS.index)


_COMPANY = re.compile(r"\b(ltd|limited|llp|llc|inc|plc|gmbh|ag|sa|sas|srl|bv|nv|pty|corp|corporation|company|co)\b\.?", re.IGNORECASE)
"""Words of a legal name that say the business is a company, not a sole trader."""

_MARKETING_KINDS = {"email": "email", "sms": "sms", "messaging": "whatsapp"}
"""The marketing channel a kind of service sends on."""


def _from_services_and_data(path: str, data: dict[str, Any]) -> Any:
    """A proposal that earlier answers suggest: the services chosen, what is collected and why, the website; None if none does."""
    from generator.wizard.infer import chosen_services, purposes_used

    services = chosen_services(data)
    kinds = {service.kind for service in services}
    purposes = set(purposes_used(data))
    places = set(data.get("jurisdictions") or [])
    if path == "business.sole_trader" and _COMPANY.search(str((data.get("business") or {}).get("legal_name") or "")):
        return False  # the legal name is a company's (Ltd, LLP, GmbH ...): not a sole trader
    if path == "applies_to.website" and (data.get("business") or {}).get("website"):
        return True
    if path == "payments.takes_payments" and "payment" in kinds:
        return True
    if path == "sharing.service_providers" and (services or (data.get("payments") or {}).get("gateways")):
        return True
    if path == "marketing.sends_marketing" and "marketing" in purposes:
        return True
    if path == "marketing.channels":
        channels = [_MARKETING_KINDS[kind] for kind in _MARKETING_KINDS if kind in kinds]
        return channels or (["email"] if "marketing" in purposes else None)
    if path == "marketing.consent" and places & {"eu", "uk"}:
        return "opt-in"  # what ePrivacy and PECR ask of most electronic marketing
    exempt = (data.get("contacts") or {}).get("representative_exempt") is True
    if path in ("contacts.eu_representative?", "contacts.uk_representative?") and exempt:
        return None  # the owner said Art. 27(2) exempts them
    if path in ("contacts.grievance_officer?", "contacts.eu_representative?", "contacts.uk_representative?"):
        return True  # the law asks for one where the question is asked (India; the EU or UK without an office there)
    if path == "cookies.consent_banner" and places & {"eu", "uk"} and set((data.get("cookies") or {}).get("kinds") or []) - {"essential"}:
        return True  # what ePrivacy and PECR ask before cookies that are not strictly necessary
    if path == "transfers.safeguards" and places & {"eu", "uk"}:
        return [safeguard for safeguard in ("standard contractual clauses",) if any(safeguard in (service.safeguards or "") for service in services)]
    if path == "requests.response_days" and "india" in places:
        return 30  # India's SPDI Rules: grievances redressed within one month
    if path == "marketing.unsubscribe":
        channels = (data.get("marketing") or {}).get("channels") or []
        ways = {"email": "the unsubscribe link in every email", "sms": "replying STOP to any of our text messages"}
        return [way for channel, way in ways.items() if channel in channels] or None
    if path == "retention.default" and data.get("data") == []:
        return "We keep no personal information, because we receive none."  # what collecting nothing means for retention
    if path == "security.measures" and str((data.get("business") or {}).get("website") or "").startswith("https://"):
        return ["tls"]  # the website is served over https
    if path == "requests.verification":
        return "we ask you to confirm details we already hold about you"
    if path in ("children.consent_exceptions", "children.internal_operations"):
        return _coppa_proposal(path, data, purposes)
    return None


_OPERATIONS = {
    "essential": "functioning", "analytics": "functioning", "preferences": "personalise", "contextual-advertising": "contextual-ads",
    "provide-service": "network", "website": "network", "account": "personalise", "security": "security", "legal": "legal",
}  # fmt: skip
"""The internal operation (16 CFR 312.2) a kind of cookie or a purpose of children's data serves (for a purpose, the one
generator/answers/consistency.py asks to be named beside it, where it names one)."""


def _coppa_proposal(path: str, data: dict[str, Any], purposes: set[str]) -> Any:
    """A proposal for COPPA's exceptions (16 CFR 312.5(c)(7)) and the internal operations an identifier serves, or None.

    The internal-operations exception where everything children give is an identifier's data (usage, log data) and no
    parent's consent is asked; the operations the cookies and the purposes serve.
    """
    from generator.answers.children import EXCEPTION_CATEGORIES
    from generator.answers.vocabulary import InternalOperation

    children = data.get("children") or {}
    items = [item for item in data.get("data") or [] if isinstance(item, dict) and ("children" in (item.get("about") or []) or not item.get("about"))]
    if path == "children.consent_exceptions":
        identifiers_only = bool(items) and all(str(item.get("category")) in EXCEPTION_CATEGORIES["internal-operations"] for item in items)
        return ["internal-operations"] if identifiers_only and not children.get("parental_consent") else None
    served = {_OPERATIONS[name] for name in [*((data.get("cookies") or {}).get("kinds") or []), *purposes] if name in _OPERATIONS}
    return [str(operation) for operation in InternalOperation if str(operation) in served] or None
