"""The values the COPPA clauses need: the exceptions to a parent's consent relied on, what each covers, and who gets children's data.

COPPA's exceptions (16 CFR 312.5(c)) are the owner's answers (`children.consent_exceptions`); this module says, for one policy,
which of them apply (only under US law, for a service directed to or open to children under 13), which data items each covers,
the internal operations named (312.4(d)(3)), and the services that receive children's information, with what each does for the
business (312.4(d)(2): the identities of the third parties and the purposes).
"""

from __future__ import annotations

from typing import Any

from generator.answers.children import EXCEPTION_CATEGORIES, covering_exception
from generator.answers.collection import DataItem
from generator.answers.model import Answers
from generator.answers.vocabulary import Purpose
from generator.context.rows import Row, lower_names
from generator.context.us import is_ad_third_party
from generator.library.services import Service
from generator.templating.filters import join_words

_TRACKING_PURPOSES = {"analytics", "personalisation", "advertising"}
"""Purposes that follow what a person does over time: counting and studying their visits, content chosen from their behaviour, ads
shown and measured across sites."""
_AD_PURPOSES = {"advertising", "contextual-advertising"}
_CONTEXTUAL_CATEGORIES = EXCEPTION_CATEGORIES["internal-operations"]
"""What data about a child contextual advertising may use and still choose the ad from the page, not the child: a device identifier
and log data (COPPA's internal operations, 16 CFR 312.2: serving contextual ads and capping their frequency)."""


def children_tracking(answers: Answers) -> dict[str, bool]:
    """Whether the answers leave children untracked and shown no ads, so that a policy may say so (India's DPDP Act s.9(3)).

    `children_untracked`: no data about children is used for a tracking purpose, no analytics or advertising cookies are set (they
    reach every visitor), and no profiling is done. `children_shown_no_ads`: no data about children is used for advertising, no
    advertising cookies are set and nothing is shared for targeted advertising. `children_ads_contextual`: ads are shown, but only
    contextual ones: no advertising cookies (contextual-advertising ones only), nothing shared for targeted advertising, no data
    about children used for advertising, and only a device identifier or log data about them used for contextual advertising (to
    deliver the ad and cap how often it is shown, as COPPA's internal operations allow); data such as a location would choose the ad
    from the child, which is targeting. Each is false when an answer says otherwise; none stands for the owner
    (`children.tracks_children: false` is the owner's own no).
    """
    items = children_items(answers)
    used = {str(purpose) for item in items for purpose in item.purposes}
    kinds = {str(kind) for kind in answers.cookies.kinds}
    shared_for_ads = answers.sharing.shares_for_advertising is True
    shown_no_ads = not used & _AD_PURPOSES and not kinds & _AD_PURPOSES and not shared_for_ads
    targeted = (
        "advertising" in used or "advertising" in kinds or shared_for_ads
        or any("contextual-advertising" in item.purposes and str(item.category) not in _CONTEXTUAL_CATEGORIES for item in items)
    )
    return {
        "children_untracked": not used & _TRACKING_PURPOSES and not kinds & {"analytics", "advertising"}
        and answers.automated_decisions.profiling is not True,
        "children_shown_no_ads": shown_no_ads,
        "children_ads_contextual": not shown_no_ads and not targeted,
    }


EXCEPTION_WORDS = {"one-time-contact": "to answer a child once", "internal-operations": "to run our service"}
"""How the COPPA notice names each exception, as the headings of children/coppa-exceptions.md do."""


def children_items(answers: Answers) -> list[DataItem]:
    """The data items about children: those whose `about` names children, or everyone who uses the service (an empty `about`)."""
    return [item for item in answers.data if item.about_children]


def children_facts(answers: Answers, shared: list[Service], children_under_13: bool) -> dict[str, Any]:
    """The COPPA values of the context, for a policy whose answers are `answers` and whose services are `shared`."""
    children = answers.children
    coppa = children_under_13 and answers.has("united-states")
    exceptions = [str(exception) for exception in children.consent_exceptions] if coppa else []
    items = children_items(answers)
    categories, collected = {item.category for item in items}, {item.category for item in answers.data}
    used = {purpose for item in items for purpose in item.purposes}
    # The exception each item is collected under: one of a kind it covers that allows each of its uses (16 CFR 312.5(c)(3), (c)(7):
    # the sole purpose); None where it needs a parent's consent (used for more, beside a consent; without one that is refused at load).
    under = [covering_exception(str(item.category), item.purposes, exceptions) for item in items]
    identifiers = [item for item, exception in zip(items, under, strict=True) if exception == "internal-operations"]
    needs_consent = [item for item, exception in zip(items, under, strict=True) if exception is None]
    only = bool(exceptions) and not children.parental_consent and not needs_consent
    receives = [s for s in shared if categories & set(s.data) or not collected & set(s.data)]
    # Sharing for targeted advertising: the advertising companies that get the data are third parties, not service providers.
    advertisers = [s for s in receives if is_ad_third_party(s, answers)] if answers.sharing.shares_for_advertising is True else []
    sharing = answers.sharing
    return {
        # Children's information goes to third parties (16 CFR 312.2: not a service provider supporting the internal operations):
        # companies in the group, partners, buyers or advertising companies. The wizard asks about them on the same condition
        # (COPPA_THIRD_PARTIES_WHEN in generator/answers/parts.py, over the answers given so far).
        "coppa_third_parties": bool(sharing.affiliates or sharing.partners or sharing.sells_data is True or sharing.shares_for_advertising is True),
        "coppa_exceptions": exceptions,
        # The COPPA notice (children/coppa.md) is given: built on a parent's consent, on the exceptions to it, or on both.
        "coppa_notice": coppa and bool(children.parental_consent or exceptions),
        # Everything children give falls under an exception relied on (what none covers needs a parent's consent, 16 CFR 312.5(c)),
        # and no way of asking a parent's consent is given.
        "coppa_exceptions_only": only,
        "coppa_identifier_names_lower": lower_names(identifiers),
        "internal_operation_words": [operation.label for operation in children.internal_operations],
        "children_purpose_labels_lower": [purpose.label.lower() for purpose in Purpose if purpose in used],
        # The services that get children's data: those whose data includes it, and those whose catalogue list shares no category with
        # the business's data (what they get is then not known, a host holds everything); the advertising companies apart.
        "children_recipients": [Row(name=s.name, does=join_words(s.purposes)) for s in receives if s not in advertisers],
        # 312.4(d)(2): who gets children's information for targeted advertising, by name.
        "coppa_ad_recipient_names": [s.name for s in advertisers],
        # Everything collected from children (312.4(d)(2)): the items about children, and those about everyone who uses the service
        # that an exception relied on covers; each collected under an exception is said to be (beside what needs consent).
        # Beside a parent's consent, an item of an exception's kind used for more than it allows is collected with the consent, and
        # is not said to be collected without it.
        "coppa_children_data": [
            # Exceptions only: all of it is, as the sentence before says.
            name + (f" (without a parent's permission, {EXCEPTION_WORDS[exception]})" if exception and not only else "")
            for item, name, exception in zip(items, lower_names(items), under, strict=True)
            if "children" in item.about or exception  # about everyone: said of children where an exception says so
        ],
        "children_own_retention": [Row(name=name, retention=item.retention) for item, name in zip(items, lower_names(items), strict=True) if item.retention],
        **children_tracking(answers),
    }
