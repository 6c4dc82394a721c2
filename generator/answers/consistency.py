"""The checks across parts of the answers: contradictions between answers, and between answers and the laws chosen.

Each check reads the answers as attributes (the `Answers`, or the loader's stand-in holding only the valid parts) and returns
its problems; a `Contradiction` belongs to one answer and is reported at that answer's line. `CONSISTENCY` lists every check
with the top-level parts it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.answers.basis_checks import public_authority_bases, recognised_interest_readers
from generator.answers.children_checks import (
    coppa_exception_contradictions,
    coppa_exception_purposes,
    coppa_exception_without_data,
    coppa_integral_sale_or_ads,
    maryland_minors,
)
from generator.answers.contradiction import Contradiction, has_law
from generator.answers.disclosure import CustomService, ServiceUse
from generator.answers.law_data import spdi_categories

# The checks across parts of the answers, each with the top-level parts it reads. The model runs
# them all once every field is valid; when some field is not, the loader runs those whose parts
# are all valid (`generator.answers.load`), so one run reports every problem of a file and no
# check is judged on a part that is itself wrong.
#
# A check reads its parts as attributes of `answers`: the `Answers`, or a stand-in holding only
# the valid parts.


def _duplicate_categories(answers: Any) -> list[str]:
    problems = []
    seen: set[str] = set()
    for item in answers.data:
        key = item.label if item.category == "other" and item.label else str(item.category)
        if key in seen:
            problems.append(f"data category '{key}' is listed twice; merge the entries")
        seen.add(key)
    return problems


def _duplicate_purposes(answers: Any) -> list[str]:
    purposes = [detail.purpose for detail in answers.purposes]
    return ["a purpose is listed twice under purposes"] if len(purposes) != len(set(purposes)) else []


def _duplicate_jurisdictions(answers: Any) -> list[str]:
    return ["a jurisdiction is listed twice"] if len(answers.jurisdictions) != len(set(answers.jurisdictions)) else []


def _apps_listed(answers: Any) -> list[str]:
    return ["applies_to.mobile_app is true, so list the apps under business.apps"] if answers.applies_to.mobile_app and not answers.business.apps else []


def _service_kinds(answers: Any) -> set[str]:
    """The kinds of the services the answers describe themselves (catalogue ids are checked against the catalogue when it loads)."""
    refs = [*answers.services, *answers.payments.gateways]
    return {str(ref.kind) for ref in refs if isinstance(ref, CustomService)}


def _not_used_contradictions(answers: Any) -> list[str]:
    """A 'does not use' that another answer contradicts: the policy would state both."""
    listed = {str(item) for item in answers.does_not_use}
    kinds, cookies = _service_kinds(answers), {str(kind) for kind in answers.cookies.kinds}
    purposes = {str(p) for item in answers.data for p in item.purposes} | {str(d.purpose) for d in answers.purposes}

    def used(name: str) -> list[str]:
        """Where the answers say `name` (analytics, advertising) is used."""
        return [
            reason
            for reason, holds in (
                (f"cookies.kinds lists {name}", name in cookies),
                (f"a purpose is {name}", name in purposes),
                (f"a service of yours is of kind {name}", name in kinds),
            )
            if holds
        ]

    said: dict[str, list[str]] = {
        "analytics": used("analytics"),
        "advertising": used("advertising")
        + used("contextual-advertising")
        + (["sharing.shares_for_advertising is true"] if answers.sharing.shares_for_advertising is True else []),
        "cross-site-identifiers": [
            f"services[{index}].tracks_across_sites is true"
            for index, ref in enumerate(answers.services)
            if isinstance(ref, CustomService | ServiceUse) and ref.tracks_across_sites is True
        ],
        "sensitive-data": [f"data lists {item.name.lower()}, which is sensitive" for item in answers.data if item.sensitive],
        "profiling": ["automated_decisions.profiling is true"] if answers.automated_decisions.profiling is True else [],
    }
    return [f"does_not_use lists '{value}', but {'; '.join(reasons)}" for value, reasons in said.items() if value in listed and reasons]


_NOTHING = "data is [] (you collect no personal information)"
_COLLECTING_OFFERS = {
    "accounts": "accounts hold personal information",
    "public_content": "what people post is personal information",
    "remote_support": "a remote session shows you people's files",
}
"""What the policy covers that collects personal information by its nature (`applies_to`), and why."""
_OR_DATA = "or list what you collect under data"


def _nothing_collected_contradictions(answers: Any) -> list[str]:
    """With `data: []` the policy says nothing is collected: each answer that says something is collected, used or shared is refused.

    Publishing an email address is not collecting, nor are cookies that are strictly necessary (kind 'essential'); a contact
    address, the business's details, what an app keeps on the device and what is not used at all stay accepted.
    """
    if answers.data:
        return []
    found: list[tuple[tuple[str | int, ...], str]] = []

    def said(path: tuple[str | int, ...], what: str, instead: str) -> None:
        found.append((path, f"{what}, but {_NOTHING}; {instead}, {_OR_DATA}"))

    for index, _ref in enumerate(answers.services):
        said(("services", index), "names a service that receives personal data", "leave it out (services: [])")
    if answers.payments.takes_payments is True:
        said(("payments", "takes_payments"), "is true: taking payments collects payment details", "answer false or leave it out")
    if answers.marketing.sends_marketing is True:
        said(("marketing", "sends_marketing"), "is true: sending marketing needs people's contact details", "answer false or leave it out")
    if answers.marketing.service_channels:
        said(("marketing", "service_channels"), "lists channels: sending people messages needs their contact details", "leave it out")
    other_cookies = [str(kind) for kind in answers.cookies.kinds if str(kind) != "essential"]
    if other_cookies:
        what = f"lists {', '.join(other_cookies)}: cookies that are not strictly necessary collect information about you"
        said(("cookies", "kinds"), what, "keep only essential")
    if answers.purposes:
        said(("purposes",), "details purposes of using personal information", "leave it out (purposes: [])")
    if answers.collection_points:
        said(("collection_points",), "says when you collect data", "leave it out (collection_points: [])")
    for field, what in _COLLECTING_OFFERS.items():
        if getattr(answers.applies_to, field) is True:
            said(("applies_to", field), f"is true: {what}", "answer false or leave it out")
    sharing = answers.sharing
    for field in ("service_providers", "staff_need_to_know", "business_transfers", "legal_requests", "sells_data", "shares_for_advertising"):
        if getattr(sharing, field) is True:
            said(("sharing", field), "is true: there is no personal information to share", "answer false or leave it out")
    for field in ("other_users", "affiliates", "partners"):
        if getattr(sharing, field):
            said(("sharing", field), "says who receives personal information", "leave it out")
    for field in ("storage_countries", "safeguards", "derogations"):
        if getattr(answers.transfers, field):
            said(("transfers", field), "says where personal information is stored or sent", "leave it out")
    decisions = answers.automated_decisions
    for field in ("used", "profiling"):
        if getattr(decisions, field) is True:
            said(("automated_decisions", field), "is true: decisions and profiles are made from personal information", "answer false or leave it out")
    if answers.children.parental_consent:
        said(("children", "parental_consent"), "says how you get a parent's consent to collect a child's information", "leave it out")
    if answers.children.consent_exceptions:
        said(("children", "consent_exceptions"), "says what you collect from children without a parent's consent", "leave it out")
    if answers.children.tracks_children is True:
        said(("children", "tracks_children"), "is true: tracking children collects their information", "answer false or leave it out")
    if answers.retention.archive_after_closure is True:
        said(("retention", "archive_after_closure"), "is true: an archive of records holds personal information", "answer false or leave it out")
    if answers.for_customers is not None:
        said(("for_customers",), "says you handle personal data for business customers", "leave it out")
    return [Contradiction(path, message) for path, message in found]


def _named_but_not_in_data(path: tuple[str, str], named: list[str], present: set[str], what: str, remedy: str) -> list[str]:
    """One contradiction at `path` naming each of `named` that no data item has (`what`: "as its category", "as a purpose")."""
    missing = [each for each in named if each not in present]
    if not missing:
        return []
    return [Contradiction(path, f"names {', '.join(repr(each) for each in missing)}, which no item under 'data:' has {what}: {remedy}")]


def _sold_categories_uncollected(answers: Any) -> list[str]:
    """A category said to be sold must be one the data has: else no item, and so no purpose, carries the sale.

    The sale is said per data item (California's categories, the Texas notices) and per purpose (4 CCR 904-3 r.6.03(A)(1)(c));
    a sold category no item has (say 'other' with no 'other' item) would leave "We sell personal data" with nothing sold.
    """
    if answers.sharing.sells_data is not True:
        return []  # asked only of a business that sells, and read only then
    return _named_but_not_in_data(
        ("sharing", "sold_categories"),
        [str(category) for category in answers.sharing.sold_categories],
        {str(item.category) for item in answers.data},
        "as its category",
        "list the data you sell under 'data:' (with its purposes), or leave it out here",
    )


def _colorado_secondary_use(answers: Any) -> list[str]:
    """Colorado allows no new use of personal data beyond the purposes specified without the consumer's consent first.

    C.R.S. 6-1-1308(4); 4 CCR 904-3 r.6.08(B), r.6.04(B): a purpose not reasonably necessary to or compatible with them needs
    consent, so 'no' to asking for it is no lawful answer.
    """
    if not has_law(answers, "colorado") or answers.policy.secondary_use_consent is not False:
        return []
    return [
        Contradiction(
            ("policy", "secondary_use_consent"),
            "false is not allowed with colorado: Colorado's law forbids processing personal data for a purpose that is not "
            "reasonably necessary to, or compatible with, the purposes you told people of, unless you first get their consent "
            "(C.R.S. 6-1-1308(4); 4 CCR 904-3 r.6.08(B)); answer true and ask for that consent, or leave the answer out (the policy "
            "then says nothing about it)",
        )
    ]


def _profiling_purposes_unused(answers: Any) -> list[str]:
    """Colorado's profiling purposes (4 CCR 904-3 r.6.03(A)(1)(c)) are said per purpose: each one must be a purpose of the data."""
    return _named_but_not_in_data(
        ("automated_decisions", "significant_profiling_purposes"),
        [str(purpose) for purpose in answers.automated_decisions.significant_profiling_purposes or []],
        {str(purpose) for item in answers.data for purpose in item.purposes},
        "as a purpose",
        "add the purpose to the data it uses, or leave it out here",
    )


def _decision_data_uncollected(answers: Any) -> list[str]:
    """The categories an automated decision uses (GDPR Art. 13(2)(f)) are named from the data: each must be a category collected."""
    return _named_but_not_in_data(
        ("automated_decisions", "data_used"),
        [str(category) for category in answers.automated_decisions.data_used],
        {str(item.category) for item in answers.data},
        "as its category",
        "list the data the decisions use under 'data:', or leave it out here",
    )


NOT_FOR_THE_SERVICE = ("analytics", "aggregate-statistics", "advertising", "contextual-advertising", "marketing", "research")
"""Purposes no service needs in order to be provided: in India the data only they use cannot be made a condition of the service."""


def _india_required_unneeded(answers: Any) -> list[str]:
    """Data marked required that only purposes the service does not need use, under India's laws.

    DPDP Act 2023 s.6(1) (consent is unconditional and limited to the personal data necessary for the specified purpose; its
    illustration: consent to what a service does not need is not part of the consent to the service) and SPDI Rules 2011 r.5(7)
    (people have the option not to provide the data; only the goods or services for which it was sought may then be refused).
    """
    if not has_law(answers, "india"):
        return []
    found: list[str] = []
    for index, item in enumerate(answers.data):
        purposes = [str(purpose) for purpose in item.purposes]
        if item.required is True and all(purpose in NOT_FOR_THE_SERVICE for purpose in purposes):
            found.append(Contradiction(("data", index, "required"), (
                f"is true, but this {item.name.lower()} data is used only for {', '.join(purposes)}, which your services do not need: "
                "under India's laws people can refuse to give it and still use them (SPDI Rules 2011 r.5(7); DPDP Act 2023 s.6(1), "
                "consent limited to the data a purpose needs, from 13 May 2027); answer required: false, or add the purpose your "
                "services need it for"
            )))
    return found


def _dpdp_ground_unfit(answers: Any) -> list[str]:
    """A DPDP ground (purposes[].dpdp_ground) that cannot hold for its purpose, or given where India is not chosen.

    DPDP Act 2023 s.7(a): the specified purpose for which the person "has voluntarily provided her personal data" to the business;
    data collected automatically, or received from anyone else, was not provided by the person, so s.7(a) cannot be said of a purpose
    that uses it. s.7(i): the purposes of employment; of our purposes only recruitment is about people who work or apply to work for
    the business.
    """
    found: list[str] = []
    india = has_law(answers, "india")
    for index, detail in enumerate(answers.purposes):
        ground = detail.dpdp_ground
        if ground is None:
            continue
        path: tuple[str | int, ...] = ("purposes", index, "dpdp_ground")
        if not india:
            said = "is a ground of India's DPDP Act 2023, and 'india' is not among your jurisdictions: add it, or leave dpdp_ground out"
            found.append(Contradiction(path, said))
            continue
        if ground == "voluntarily-provided":
            others = [
                item.name.lower() for item in answers.data
                if detail.purpose in item.purposes and (not item.sources or any(str(source) != "you" for source in item.sources))
            ]  # fmt: skip
            if others:
                found.append(Contradiction(path, (
                    f"is 'voluntarily-provided' (DPDP Act 2023 s.7(a): data the person gave you for this purpose), but "
                    f"{', '.join(others)} used for {detail.purpose} {'is' if len(others) == 1 else 'are'} not only given by the person "
                    "(its sources are not just 'you'): answer 'consent', or use that data for another purpose"
                )))
        elif ground == "employment" and str(detail.purpose) != "recruitment":
            found.append(Contradiction(path, (
                f"is 'employment' (DPDP Act 2023 s.7(i): the purposes of employment), but this purpose is {detail.purpose}, not "
                "recruitment: answer 'consent' or another legitimate use of s.7"
            )))
    return found


def _india_spdi_sold_unagreed(answers: Any) -> list[str]:
    """Sensitive personal data sold, under India's SPDI Rules, with no answer saying how people agree to it.

    SPDI Rules 2011 r.6(1): disclosing sensitive personal data to a third party needs the provider's prior permission, unless the
    contract with them provides for it or a legal obligation requires it. A sale is such a disclosure; without
    `sharing.spdi_disclosure` the policy would print it beside the Rules' limit and never say which of the two the business does.
    """
    sharing = answers.sharing
    if not has_law(answers, "india") or sharing.sells_data is not True or sharing.spdi_disclosure in ("permission", "contract"):
        return []
    sold = {str(category) for category in sharing.sold_categories}
    sensitive = sorted(
        {str(item.category) for item in answers.data if str(item.category) in spdi_categories() and (not sold or str(item.category) in sold)}
    )
    if not sensitive:
        return []
    said = " (you answered sharing.spdi_disclosure: 'none')" if sharing.spdi_disclosure == "none" else ""
    return [Contradiction(("sharing", "sells_data"), (
        f"is true{said}, and the {', '.join(sensitive)} data you sell is sensitive personal data under India's SPDI Rules 2011 (r.3), which "
        "may go to a third party only with the person's prior permission, as your contract with them provides, or where a law "
        "requires it (r.6(1)); answer sharing.spdi_disclosure: 'permission' or 'contract', or leave that data out of "
        "sharing.sold_categories"
    ))]


def _lgpd_group_rules_without_group(answers: Any) -> list[str]:
    """LGPD Art. 33, II (c): global corporate rules cover transfers inside a group (Resolution CD/ANPD 19/2024), so they need one."""
    if "anpd-global-corporate-rules" not in answers.transfers.lgpd_transfer_bases or answers.sharing.affiliates:
        return []
    return [
        Contradiction(
            ("transfers", "lgpd_transfer_bases"),
            "lists 'anpd-global-corporate-rules', which cover only transfers to other companies of your group, but sharing.affiliates "
            "names no group company: name them there, or leave it out",
        )
    ]


CONSISTENCY: tuple[tuple[tuple[str, ...], Callable[[Any], list[str]]], ...] = (
    (("data",), _duplicate_categories),
    (("purposes",), _duplicate_purposes),
    (("jurisdictions",), _duplicate_jurisdictions),
    (("applies_to", "business"), _apps_listed),
    (("does_not_use", "services", "payments", "cookies", "data", "purposes", "sharing", "automated_decisions"), _not_used_contradictions),
    (
        ("data", "services", "payments", "marketing", "cookies", "purposes", "collection_points", "applies_to", "sharing", "transfers")
        + ("automated_decisions", "children", "retention", "for_customers"),
        _nothing_collected_contradictions,
    ),
    (("children", "sharing"), coppa_exception_contradictions),
    (("jurisdictions", "children", "sharing"), maryland_minors),
    (("children", "data", "jurisdictions"), coppa_exception_purposes),
    (("children", "data"), coppa_exception_without_data),
    (("children", "sharing"), coppa_integral_sale_or_ads),
    (("jurisdictions", "data"), _india_required_unneeded),
    (("jurisdictions", "data", "sharing"), _india_spdi_sold_unagreed),
    (("jurisdictions", "purposes", "data"), _dpdp_ground_unfit),
    (("automated_decisions", "data"), _profiling_purposes_unused),
    (("automated_decisions", "data"), _decision_data_uncollected),
    (("jurisdictions", "purposes", "policy"), recognised_interest_readers),
    (("jurisdictions", "purposes", "business"), public_authority_bases),
    (("jurisdictions", "policy"), _colorado_secondary_use),
    (("data", "sharing"), _sold_categories_uncollected),
    (("transfers", "sharing"), _lgpd_group_rules_without_group),
)
"""Contradictions inside the answers: reported together, as one problem of the whole file."""
