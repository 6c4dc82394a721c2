"""The rows and phrases the context hands to clauses, made from the answers.

Purposes with their data and legal bases, the services table, legitimate interests grouped, the general retention rule
as a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.answers.collection import DataItem
from generator.answers.disclosure import Sharing
from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction, LegalBasis, Purpose
from generator.context.gdpr import RECOGNISED_INTEREST_WORDS
from generator.context.laws import RESPONSE_DEADLINES, laws_in_force
from generator.library.services import Service
from generator.templating.filters import Link, country, join_words, sentence


class Row(dict[str, Any]):
    """A dict whose keys are also its attributes (`row.label`), so Jinja's attribute lookup finds them at once.

    The dict is its own `__dict__`: reading `row.label` is one dictionary lookup, where a
    `__getattr__` fallback would first fail the normal lookup (and build an AttributeError)
    for every key read.
    """

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.__dict__ = self


def purpose_details(answers: Answers, data_names: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Each purpose used, with its legal basis and detail when given, and the data it uses.

    `data_names` is `lower_names(answers.data)` when the caller has it already (each item's name is made once per policy).
    """
    details = {detail.purpose: detail for detail in answers.purposes}
    names = lower_names(answers.data) if data_names is None else data_names
    # The items (and their names) using each purpose, in one pass over the data instead of one per purpose.
    items: dict[Purpose, list[DataItem]] = {}
    item_names: dict[Purpose, list[str]] = {}
    for item, name in zip(answers.data, names, strict=True):
        for purpose in item.purposes:
            found = items.setdefault(purpose, [])
            if not found or found[-1] is not item:  # an item naming a purpose twice uses it once
                found.append(item)
                item_names.setdefault(purpose, []).append(name)
    rows: list[dict[str, Any]] = []
    for purpose in answers.all_purposes:
        detail = details.get(purpose)
        basis = detail.legal_basis if detail else None
        others = [other for other in (detail.other_bases if detail else []) if other != basis]
        # A recognised legitimate interest (UK GDPR Art. 6(1)(ea)) is said with the Annex 1 conditions it meets, in plain words.
        recognised = [RECOGNISED_INTEREST_WORDS[condition] for condition in detail.recognised_interest] if detail else []
        said = f" ({'; '.join(recognised)})" if recognised else ""
        rows.append(
            Row(
                purpose=purpose,
                label=purpose.label,
                legal_basis=basis,
                other_bases=others,
                bases=list(dict.fromkeys([basis, *others] if basis else others)),
                detail=detail.detail if detail else None,
                law=detail.law if detail else None,
                law_of=detail.law_of if detail else None,
                recognised_words=recognised,
                dpdp_ground=detail.dpdp_ground if detail else None,  # India's DPDP Act s.4(1): consent or a legitimate use of s.7
                basis_words=_basis_words(basis, said) if basis else "",
                other_basis_words=[_basis_words(other, said) for other in others],
                data=items.get(purpose, []),
                data_names_lower=item_names.get(purpose, []),
            )
        )
    return rows


def _basis_words(basis: LegalBasis, said: str) -> str:
    """A legal basis inside a sentence: its label with the first letter lowered ("under UK law" keeps its capitals).

    A recognised legitimate interest is followed by the Annex 1 conditions it meets (`said`).
    """
    return basis.label[0].lower() + basis.label[1:] + (said if basis == LegalBasis.RECOGNISED_LEGITIMATE_INTEREST else "")


def lower_names(items: Iterable[Any]) -> list[str]:
    """The items' names for the middle of a sentence.

    A category's label in lower case ("contact details"); a label the owner wrote with only an ordinary first capital
    lowered ("GST number" and "the Aadhaar number" keep theirs).
    """
    return [_mid_sentence(str(item.label)) if getattr(item, "label", None) else str(item.name).lower() for item in items]


def _mid_sentence(label: str) -> str:
    """An owner's label inside a sentence.

    Its first letter is lowered when the first word is an ordinary capitalised word ("Marketing preferences"); the rest
    stays as written ("Aadhaar" later on, "PAN", "iPhone").
    """
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return label[0].lower() + label[1:]
    return label


def service_rows(services: list[Service], *, data: bool = True) -> list[list[object]]:
    """One table row per service: name, provider, what it does, the data it gets (unless `data` is false), where it is, its privacy policy."""
    return [
        [
            service.name,
            service.provider,
            join_words(service.purposes),
            *([service_gets(service)] if data else []),
            _where(service),
            Link(service.privacy_url, "Their policy"),
        ]
        for service in services
    ]


def service_gets(service: Service) -> str:
    """What a service gets: the owner's words, else its categories."""
    return join_words(service.gets) if service.gets else join_words(category.label.lower() for category in service.data)


def _where(service: Service) -> str:
    """Where a service is, and where it keeps your data or sends it on, when the owner said so."""
    notes = [f"keeps your data in {country(service.stored_in)}"] if service.stored_in else []
    if service.sends_to:
        notes.append(f"may send {'it' if notes else 'your data'} on to {join_words(country(name) for name in service.sends_to)}")
    return f"{service.country} ({'; '.join(notes)})" if notes else service.country


def interest_groups(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Each legitimate interest given, with the purposes that rest on it word for word, in order.

    For example ("Provide our services and send service messages", "Our interest is ...").
    """
    groups: dict[str, list[str]] = {}
    for row in rows:
        if row["detail"]:
            groups.setdefault(str(row["detail"]), []).append(str(row["label"]))
    return [(join_words([labels[0], *(label.lower() for label in labels[1:])]), detail) for detail, labels in groups.items()]


def summary_recipients(sharing: Sharing, processors: Sequence[Service], advertisers: Sequence[Service]) -> list[str]:
    """Who the summary says information is shared with, as phrases ("service providers who work for us", ...), in that order.

    An advertising company that receives data for targeted advertising is a third party, never "a service provider who works for us".
    """
    who = []
    if sharing.service_providers or processors:
        who.append("a service provider who works for us" if len(processors) == 1 else "service providers who work for us")
    if advertisers:
        who.append("an advertising company for targeted advertising" if len(advertisers) == 1 else "advertising companies for targeted advertising")
    for said, phrase in (
        (sharing.affiliates, "companies in our group"),
        (sharing.partners, "the other organisations this policy names"),
        (sharing.other_users, "other users of our service"),
        (sharing.business_transfers, "a buyer if we sell our business"),
        (sharing.legal_requests, "the authorities when the law requires it"),
    ):
        if said:
            who.append(phrase)
    return who


def retention_rule(rule: str) -> str:
    """The general retention rule as a sentence: a rule written as a sentence as given, a phrase ('for two years') after "We keep personal information"."""
    rule = rule.strip()
    if rule.startswith(_PHRASE_STARTS):
        rule = rule[0].lower() + rule[1:]
    elif rule[:1].isupper():
        return sentence(rule)
    return f"We keep personal information {rule.rstrip('.')}."


_PHRASE_STARTS = ("For ", "Until ", "As long ", "While ", "Up to ")
"""How a retention rule written as a phrase with a capital starts ("For two years"): it still follows "We keep ..."."""


_ALL_PLACES = tuple(place.value for place in Jurisdiction)


def response_deadlines(answers: Answers) -> dict[str, str | None]:
    """Each chosen law's one deadline for answering a request, as words after "we" ("answer within 30 days"); None for the others.

    The owner's `requests.response_days` where that is within the law's time, else the law's own words (clauses/laws/deadlines.yaml):
    30 days is not always within one month, so the GDPR's readers are told "within 30 days ..., or within one month if that is
    sooner" (days beyond `cap_days`: "within one month"). An intermediary in India answers as
    the IT Rules say (24 hours, 15 days) whatever its days; without days answered no other deadline is stated.
    """
    days = answers.requests.response_days
    deadlines: dict[str, str | None] = dict.fromkeys(_ALL_PLACES)  # every law named, so a clause may ask for one not chosen
    for place in answers.jurisdictions:
        intermediary = place == Jurisdiction.INDIA and answers.applies_to.public_content is True
        # India's month is the SPDI Rules' (r.5(9)), until they end on 13 May 2027 (the law pack's `until`); then the DPDP Rules' 90 days.
        dpdp = place == Jurisdiction.INDIA and not laws_in_force(answers.policy.effective_date)["in.spdi"]
        law = RESPONSE_DEADLINES.get("india_intermediary" if intermediary else "india_dpdp" if dpdp else place.value)
        if days is None and not intermediary:
            continue
        if law is not None and days is not None and law["days"] < days <= law.get("cap_days", 0):
            deadlines[place.value] = law["capped_words"].format(days=days)  # the owner's days, and the law's month where sooner
        elif law is not None and (days is None or days > law["days"]):
            deadlines[place.value] = law["words"]
        else:
            deadlines[place.value] = (law or {}).get("own_words", "answer within {days} days").format(days=days)
    return deadlines


_PLACE_NAMES = {"eu": "the EU", "uk": "the UK"}


def deadline_exceptions(answers: Answers, deadlines: dict[str, str | None]) -> list[tuple[str, str]]:
    """The places whose deadline is not the owner's days, each group as (its places in words, the deadline after "we")."""
    own = f"answer within {answers.requests.response_days} days"
    groups: dict[str, list[str]] = {}
    for place in answers.jurisdictions:
        words = deadlines.get(place.value)
        if words is not None and words != own:
            groups.setdefault(words, []).append(_PLACE_NAMES.get(place.value, place.label))
    return [(join_words(places, "or"), words) for words, places in groups.items()]
