"""The checks of children's answers: COPPA's exceptions to a parent's consent (16 CFR 312.5(c)) and Maryland's minors.

Each reads the answers as attributes and returns its contradictions, each at its answer's line; `generator.answers.consistency`
lists them with the parts they read.
"""

from __future__ import annotations

from typing import Any

from generator.answers.children import EXCEPTION_CATEGORIES, EXCEPTION_PURPOSES, covering_exception
from generator.answers.contradiction import Contradiction, has_law


def maryland_minors(answers: Any) -> list[str]:
    """Maryland forbids selling the data of a consumer known to be under 18, or using it for targeted advertising, even with consent."""
    if not has_law(answers, "maryland") or answers.children.minors_sale_ads != "with-consent":
        return []
    if answers.sharing.sells_data is not True and answers.sharing.shares_for_advertising is not True:
        return []
    return [
        Contradiction(
            ("children", "minors_sale_ads"),
            "'with-consent' is not allowed with maryland: Maryland forbids selling the personal data of a "
            "consumer you know (or should have known) is under 18, or using it for targeted advertising, even with consent (Md. Code, "
            "Com. Law 14-4607(a)(4)-(5)); answer 'never' and stop doing it",
        )
    ]


def _under_13(children: Any) -> bool:
    """A service directed to children, or open to children under 13."""
    return children.directed_to_children is True or (children.minimum_age is not None and children.minimum_age < 13)


def _exceptions_only(children: Any) -> bool:
    """A service for children under 13 that relies on COPPA's exceptions and gives no way of asking a parent's consent."""
    if not children.consent_exceptions or children.parental_consent:
        return False
    return _under_13(children)


def coppa_exception_contradictions(answers: Any) -> list[str]:
    """Disclosures that no exception to a parent's consent allows, on a service for children under 13 that asks no consent.

    Without `children.parental_consent`, everything collected from children rests on the exceptions (16 CFR 312.5(c)): under
    (c)(3) the one-time contact details are disclosed to no one, and under (c)(7) the identifier is used only for internal
    operations, which exclude behavioural advertising and profiling (312.2). Selling, sharing for targeted ads or giving data to
    partners (recipients other than those who support the internal operations, 312.2 "third party") needs a parent's consent.
    """
    children = answers.children
    if not _exceptions_only(children):
        return []
    sharing, listed = answers.sharing, ", ".join(repr(str(exception)) for exception in children.consent_exceptions)
    without = f"children.consent_exceptions lists {listed} and no children.parental_consent is given"
    fix = "give children.parental_consent (how you get and check a parent's consent)"
    found: list[str] = []
    if sharing.shares_for_advertising is True:
        found.append(Contradiction(("sharing", "shares_for_advertising"), (
            f"is true, but {without}: behavioural advertising needs a parent's consent (16 CFR 312.2, 312.5(a)(2), (c)(7)); "
            f"{fix}, or answer false"
        )))
    if sharing.sells_data is True:
        found.append(Contradiction(("sharing", "sells_data"), (
            f"is true, but {without}: selling children's information needs a parent's consent (16 CFR 312.5(a)(2), (c)(3), (c)(7)); "
            f"{fix}, or answer false"
        )))
    if sharing.partners:
        names = ", ".join(partner.name for partner in sharing.partners)
        found.append(Contradiction(("sharing", "partners"), (
            f"names {names}, but {without}: no exception lets children's information go to a third party (16 CFR 312.2, 312.5(c)(3), "
            f"(c)(7)); {fix}, or leave the partners out (a service provider supporting the internal operations belongs in services)"
        )))
    return found


_OPERATION_FOR_PURPOSE = {
    "analytics": "functioning", "account": "personalise", "contextual-advertising": "contextual-ads", "security": "security", "legal": "legal",
}  # fmt: skip
"""The internal operation (16 CFR 312.2 (1)(i)-(vi)) each purpose is, for what the internal-operations exception covers: the online
notice names "the specific internal operations for which the operator has collected a persistent identifier" (312.4(d)(3)), so a
use it lists among children's needs its operation named there."""


def coppa_integral_sale_or_ads(answers: Any) -> list[str]:
    """'integral' disclosure beside a sale or targeted ads: the FTC reads neither as integral to a service (16 CFR 312.5(a)(2))."""
    if answers.children.disclosure_consent != "integral":
        return []
    sharing = answers.sharing
    found: list[str] = []
    for field, what in (("sells_data", "selling it"), ("shares_for_advertising", "sharing it for targeted advertising")):
        if getattr(sharing, field) is True:
            found.append(Contradiction(("children", "disclosure_consent"), (
                f"is 'integral', but sharing.{field} is true: {what} is not integral to a service, so a parent must be able to "
                "refuse that disclosure and still use it (16 CFR 312.5(a)(2) as amended in 2025, and the FTC's statement of basis "
                "and purpose, 90 FR 16918); answer 'separate'"
            )))
    return found


def coppa_exception_purposes(answers: Any) -> list[str]:
    """COPPA children's data under an exception that is used for more than the exception allows, or for an unnamed operation.

    Without `children.parental_consent` (an exceptions-only notice), an item of a kind an exception covers is collected under it, so
    a purpose the exception does not allow is refused. With a parent's consent, such an item is collected with the consent instead
    (16 CFR 312.5(c)(3), (c)(7): the exception holds only for the sole purpose it names; `covering_exception`), and only the items the
    exception covers are checked. Either way, a use of an identifier's data under the internal-operations exception must be one of
    the operations the notice names (312.4(d)(3)).
    """
    children = answers.children
    if not children.consent_exceptions or not _under_13(children) or not any(str(j) == "united-states" for j in answers.jurisdictions):
        return []
    only = not children.parental_consent
    found: list[str] = []
    for index, item in enumerate(answers.data):
        if not item.about_children:
            continue
        if only:
            exception = next((str(e) for e in children.consent_exceptions if str(item.category) in EXCEPTION_CATEGORIES[str(e)]), None)
        else:  # used for more than any exception allows: collected with the parent's consent, as the notice says
            exception = covering_exception(str(item.category), item.purposes, children.consent_exceptions)
        if exception is None:
            continue
        beyond = [str(p) for p in item.purposes if str(p) not in EXCEPTION_PURPOSES[exception]]
        if beyond:
            found.append(Contradiction(("data", index, "purposes"), (
                f"lists {', '.join(beyond)}, but this {item.category} data is collected from children under the '{exception}' exception "
                "with no children.parental_consent: that exception allows only "
                f"{', '.join(EXCEPTION_PURPOSES[exception])} (16 CFR 312.2, 312.5(c)(3), (c)(7)); give children.parental_consent, "
                "or leave the other purposes out"
            )))
        if exception != "internal-operations":
            continue
        named = {str(operation) for operation in children.internal_operations}
        if not named:
            continue  # unanswered: coppa.persistent_identifiers is missing until the operations are named
        needed = [(str(p), _OPERATION_FOR_PURPOSE[str(p)]) for p in item.purposes if str(p) in _OPERATION_FOR_PURPOSE]
        unnamed = [f"{purpose} ('{operation}')" for purpose, operation in needed if operation not in named]
        if unnamed:
            found.append(Contradiction(("data", index, "purposes"), (
                f"lists {', '.join(unnamed)}, but children.internal_operations does not name that operation: the COPPA notice names "
                "the internal operations a child's identifier is used for (16 CFR 312.4(d)(3), 312.2), and a use it lists must be one "
                "of them; add the operation to children.internal_operations, or leave the purpose out"
            )))
    return found


def coppa_exception_without_data(answers: Any) -> list[str]:
    """A COPPA exception listed with no data item it covers: its sentence would say we collect what we do not, or not as it says.

    Beside a parent's consent, an item of its kind used for more than it allows rests on the consent (`covering_exception`).
    """
    children = answers.children
    found: list[str] = []
    for exception in children.consent_exceptions or ():
        categories = EXCEPTION_CATEGORIES[str(exception)]
        kind = [item for item in answers.data if str(item.category) in categories and item.about_children]
        if not kind:
            found.append(Contradiction(("children", "consent_exceptions"), (
                f"lists '{exception}', but no data item about children is {' or '.join(sorted(categories))} data, which that exception "
                "covers (16 CFR 312.5(c)(3), (c)(7)); add the data item (with about: [children], or no 'about') or leave the exception out"
            )))
        elif children.parental_consent and not any(covering_exception(str(item.category), item.purposes, [exception]) for item in kind):
            # Without a parent's consent each of these items is refused at its purposes (coppa_exception_purposes) instead.
            found.append(Contradiction(("children", "consent_exceptions"), (
                f"lists '{exception}', but every {' or '.join(sorted(categories))} data item about children is used for more than that "
                f"exception allows ({', '.join(EXCEPTION_PURPOSES[str(exception)])}): it holds only for that sole purpose (16 CFR "
                "312.5(c)(3), (c)(7)), so the parent's consent covers those items; leave the exception out, or the other purposes out of "
                "the item you collect under it"
            )))
        elif children.parental_consent and str(exception) == "one-time-contact":
            # Its sentence speaks of the child's contact details, used only to reply once: untrue where every contact item is used for more.
            contact = [item for item in kind if str(item.category) == "contact"]
            if contact and not any(covering_exception("contact", item.purposes, [exception]) for item in contact):
                found.append(Contradiction(("children", "consent_exceptions"), (
                    "lists 'one-time-contact', but every contact data item about children is used for more than answering a child once "
                    f"({', '.join(EXCEPTION_PURPOSES['one-time-contact'])}), so the parent's consent covers those contact details and the "
                    "policy cannot say they are used only to reply once (16 CFR 312.5(c)(3)); leave the exception out, or the other "
                    "purposes out of the contact data"
                )))
    return found
