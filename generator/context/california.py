"""The values California's clauses need: what is sold and what is shared, who receives it, the right to limit and request methods.

The CCPA's categories and its definition of sensitive personal information are data in `clauses/laws/` (read by `laws.py`);
this module applies them to one policy's answers. Citations are to the Civil Code (1798.xxx) and to 11 CCR (7xxx).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.answers.collection import DataItem
from generator.answers.model import Answers
from generator.answers.vocabulary import Purpose
from generator.context.laws import CCPA_LIMIT_FREE, ccpa_category_names, ccpa_category_words
from generator.context.us import is_ad_third_party, sensitive_under, sold_flags
from generator.library.services import Service

_ADMT_FROM = dt.date(2027, 1, 1)
"""11 CCR 7220-7222 (adopted 2025): a business using automated decision-making technology for significant decisions before this day
complies with them from this day (secondary sources only: docs/legal-review.md)."""

_TOLL_FREE = re.compile(r"^\+?1?(8(00|33|44|55|66|77|88))\d{7}$")
"""A North American toll-free number (the 800, 833, 844, 855, 866, 877 and 888 codes), its digits after any '+1'."""


def is_toll_free(phone: str | None) -> bool:
    """Whether a phone number is a US toll-free number (1798.130(a)(1)(A) asks for one)."""
    return phone is not None and bool(_TOLL_FREE.match(re.sub(r"[^\d+]", "", phone)))


def _shared(answers: Answers, shared: list[Service]) -> list[bool]:
    """For each data item, whether it is shared for cross-context behavioural advertising.

    Only the items used for advertising or of a category an advertising or cross-site tracking service receives; an item collected
    automatically (a download watermark) is not shared for being automatic. When none is, every item is (saying "not shared" of
    one that is would be the worse error).
    """
    if answers.sharing.shares_for_advertising is not True:
        return [False] * len(answers.data)
    advertisers = {category for service in shared if is_ad_third_party(service, answers) for category in service.data}
    marked = [Purpose.ADVERTISING in item.purposes or item.category in advertisers for item in answers.data]
    return marked if any(marked) else [True] * len(answers.data)  # the owner shares, and nothing says which: each item is said to be


def _disclosed_categories(answers: Answers, service: Service) -> str:
    """The CCPA categories of what a service receives, in the law's names, by the examples of the owner's items of each category.

    Only what the business collects is disclosed by it (1798.115(c)(2)): a category the service collects itself, which no item of
    the business's data has (a payment provider's identity checks of sellers), is not one the business disclosed.
    """
    examples = {item.category: item.examples for item in answers.data}
    return ccpa_category_words(ccpa_category_names((category, examples[category]) for category in service.data if category in examples))


def _limit_reasons(answers: Answers, sold: list[bool], shared: list[bool]) -> dict[str, list[DataItem]]:
    """The sensitive items that give the right to limit (1798.121(a), 7027(m)), by the reason: used beyond 7027(m), sold, shared."""
    sensitive = sensitive_under(answers, "california")
    reasons: dict[str, list[DataItem]] = {"beyond": [], "sold": [], "shared": []}
    for item, is_sold, is_shared in zip(answers.data, sold, shared, strict=True):
        if item in sensitive:
            for reason, holds in (("beyond", bool(set(item.purposes) - CCPA_LIMIT_FREE)), ("sold", is_sold), ("shared", is_shared)):
                if holds:
                    reasons[reason].append(item)
    return reasons


_NOT_CHOSEN: dict[str, Any] = {
    "ccpa_sensitive_data": [], "collects_ccpa_sensitive": False, "ccpa_limit_data": [], "ccpa_limit_applies": False,
    "ccpa_limit_beyond": [], "ccpa_limit_sold": [], "ccpa_limit_shared": [], "ccpa_sale_answered": False, "ccpa_sold_known": False,
    "ccpa_shared_known": False, "ccpa_rows": [], "ccpa_provider_rows": [], "ccpa_ad_third_party_names": [], "ccpa_admt_from_2027": False,
    "ccpa_toll_free": False, "ccpa_request_methods_met": False,
}  # fmt: skip
"""California's values where California is not chosen: every clause and requirement that reads them is California's (its `when`
names california, the ccpa regime applies only to it), so none is read; the same keys keep the context's shape."""


def california_facts(answers: Answers, shared: list[Service]) -> dict[str, Any]:
    """The context values of California's clauses, for one policy (worked out only where California is chosen)."""
    if not answers.has("california"):
        return dict(_NOT_CHOSEN)
    ccpa_sensitive = sensitive_under(answers, "california")
    sold, shared_ads = sold_flags(answers), _shared(answers, shared)
    reasons = _limit_reasons(answers, sold, shared_ads)
    limited = [item for item in answers.data if any(item in items for items in reasons.values())]
    providers = [service for service in shared if not is_ad_third_party(service, answers)]
    methods = set(answers.requests.methods) if answers.business.phone else set(answers.requests.methods) - {"phone"}
    return {
        "ccpa_sensitive_data": ccpa_sensitive,
        "collects_ccpa_sensitive": bool(ccpa_sensitive),
        # 1798.121: sensitive personal information used beyond 7027(m), sold or shared gives the right to limit; each reason is said.
        "ccpa_limit_data": limited,
        "ccpa_limit_applies": bool(limited),
        "ccpa_limit_beyond": reasons["beyond"],
        "ccpa_limit_sold": reasons["sold"],
        "ccpa_limit_shared": reasons["shared"],
        # Whether sensitive information is sold or shared is known: both sharing answers were given.
        "ccpa_sale_answered": answers.sharing.sells_data is not None and answers.sharing.shares_for_advertising is not None,
        # The owner said which categories are sold (else every item "may be sold", and the check asks which); the answers show which
        # are shared (an advertising purpose, or a category an advertiser receives; else every item "may be shared").
        "ccpa_sold_known": answers.sharing.sells_data is not True or bool(answers.sharing.sold_categories),
        "ccpa_shared_known": answers.sharing.shares_for_advertising is not True or not all(shared_ads),
        # Each data item's categories in the words of 1798.140(v)(1), and whether it is sold, and whether shared.
        "ccpa_rows": [
            {"item": item, "categories": ccpa_category_words(ccpa_category_names([(item.category, item.examples)])), "sold": is_sold, "shared": is_shared}
            for item, is_sold, is_shared in zip(answers.data, sold, shared_ads, strict=True)
        ],
        # Service providers and contractors (business purposes, 1798.140(e)) and the categories each receives (1798.115(c)(2)).
        "ccpa_provider_rows": [{"name": s.name, "categories": _disclosed_categories(answers, s)} for s in providers],
        # The third parties that collect through our website for cross-context behavioural advertising (1798.140(ai)).
        "ccpa_ad_third_party_names": [s.name for s in shared if is_ad_third_party(s, answers)],
        "ccpa_admt_from_2027": answers.policy.effective_date < _ADMT_FROM,
        # 1798.130(a)(1)(A): two or more methods with a toll-free number, or an email address for a business only online.
        "ccpa_toll_free": "phone" in methods and is_toll_free(answers.business.phone),
        "ccpa_request_methods_met": (answers.requests.exclusively_online is True and ("email" in methods or not methods))
        or (len(methods) >= 2 and "phone" in methods and is_toll_free(answers.business.phone)),
    }
