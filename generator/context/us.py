"""The values the US clauses need: what each US law counts as sensitive, California's right to limit, and its categories.

Each law's definition of sensitive data and the CCPA's categories are data in `clauses/laws/` (read by `laws.py`); this module
applies them to one policy's answers.
"""

from __future__ import annotations

from typing import Any

from generator.answers.collection import DataItem
from generator.answers.model import Answers
from generator.answers.vocabulary import Purpose
from generator.context.laws import CCPA_LIMIT_FREE, US_SENSITIVE_LAWS, ccpa_category_words, sensitive_categories
from generator.library.services import Service


def sensitive_under(answers: Answers, law: str) -> list[DataItem]:
    """The data items a US law (`california` or a state) counts as sensitive on the policy's effective date."""
    categories = sensitive_categories(law, answers.policy.effective_date)
    return [item for item in answers.data if item.category in categories]


def _sold_or_shared(answers: Answers, shared: list[Service]) -> list[bool]:
    """For each data item, whether it is sold or shared for cross-context behavioural advertising.

    Sharing: only the items used for advertising or of a category an advertising or cross-site tracking service receives; an
    item collected automatically (a download watermark) is not shared for being automatic. A sale: every item, since the answers
    do not say which categories are sold (saying "not sold" of one that is would be the worse error).
    """
    if answers.sharing.sells_data is True:
        return [True] * len(answers.data)
    if answers.sharing.shares_for_advertising is not True:
        return [False] * len(answers.data)
    advertisers = {category for service in shared if service.kind == "advertising" or service.tracks_across_sites for category in service.data}
    return [Purpose.ADVERTISING in item.purposes or item.category in advertisers for item in answers.data]


def _state_groups(answers: Answers) -> list[dict[str, Any]]:
    """The chosen states with sensitive data under their own law, grouped by the same items: their titles and the items' names."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for law in US_SENSITIVE_LAWS:
        if law != "california" and answers.has(law) and (names := tuple(item.name.lower() for item in sensitive_under(answers, law))):
            groups.setdefault(names, []).append(law.title())
    return [{"states": states, "names": list(names)} for names, states in groups.items()]


def us_facts(answers: Answers, shared: list[Service]) -> dict[str, Any]:
    """The context values of the US clauses, for one policy."""
    ccpa_sensitive = sensitive_under(answers, "california")
    sold = _sold_or_shared(answers, shared)
    limited = [
        item for item, is_sold in zip(answers.data, sold, strict=True) if item in ccpa_sensitive and (is_sold or set(item.purposes) - CCPA_LIMIT_FREE)
    ]
    return {
        "ccpa_sensitive_data": ccpa_sensitive,
        "collects_ccpa_sensitive": bool(ccpa_sensitive),
        # Civ. Code 1798.121: sensitive personal information used beyond 11 CCR 7027(m), or sold or shared, gives the right to limit.
        "ccpa_limit_data": limited,
        "ccpa_limit_applies": bool(limited),
        # Each data item's categories in the words of Civ. Code 1798.140(v)(1), and whether it is sold or shared.
        "ccpa_rows": [
            {"item": item, "categories": ccpa_category_words(item.category), "sold_or_shared": is_sold}
            for item, is_sold in zip(answers.data, sold, strict=True)
        ],
        "state_sensitive_groups": (groups := _state_groups(answers)),
        "state_sensitive_states": [state.lower() for group in groups for state in group["states"]],
    }
