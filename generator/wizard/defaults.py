"""The wizard's defaults drawn from earlier answers: each offered for the owner to confirm, never written unasked.

A default here is a proposal: the owner sees it and presses Enter to accept it, and only then is it an answer (the file
the wizard writes holds what was asked). An unanswered question stays unanswered, so no default speaks for the owner.
"""

from __future__ import annotations

import datetime as dt
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
    if question.path == "policy.last_updated":  # a new policy was last changed when it was written
        return (data.get("policy") or {}).get("effective_date") or today
    domain = (urlparse(str(business.get("website") or "")).hostname or "").removeprefix("www.")
    if question.name == "email" and domain:
        return f"privacy@{domain}"
    if question.name == "address" and question.path.startswith("contacts."):
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
