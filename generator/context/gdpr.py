"""The values the EU and UK clauses need beyond the answers themselves, each from the provision that asks for it.

- Art. 6(3) of the GDPR and of the UK GDPR: a legal obligation is a legal basis only under the law of the EU or a member state
  (for the GDPR) or the UK's (for the UK GDPR); an obligation under another country's law needs another basis there.
- Art. 13(2)(e): whether giving the data is a contractual or a statutory requirement; data used only on consent cannot be a
  condition of the service (Art. 7(4)).
- Art. 9(2): the condition that lets the business use special category data; and, for Brazil, the ground of LGPD Art. 11 for the
  same data (sensitive under LGPD Art. 5, II).
- Art. 14(2)(f): the source of data the person did not give, named.
"""

from __future__ import annotations

from typing import Any

from generator.answers.collection import SPECIAL_CATEGORIES, DataItem
from generator.answers.model import Answers
from generator.answers.vocabulary import LegalBasis, Source

_PLACE_WORDS = {"eu": "the EU", "uk": "the UK"}

SPECIAL_CONDITION_WORDS = {
    "explicit-consent": "with your explicit consent, which you can withdraw at any time",
    "employment": "as employment, social security or social protection law requires or allows",
    "vital-interests": "to protect your life, or someone else's, when you cannot give consent",
    "made-public": "because you have clearly made it public yourself",
    "legal-claims": "to establish, exercise or defend legal claims",
    "health-care": "to provide health or social care, by professionals bound to keep it confidential",
}
"""What each Art. 9(2) condition of `DataItem.special_condition` lets us do, as the end of "We use it ..." (points (a), (b), (c),
(e), (f) and (h))."""

LGPD_GROUND_WORDS = {
    "specific-consent": "with your specific consent, which we ask for separately and for specific purposes, and which you can revoke at any time",
    "legal-obligation": "without your consent, only where it is indispensable to meet a legal or regulatory obligation of ours",
    "public-policy": "without your consent, only where it is indispensable to the public administration for a public policy that a law or regulation sets",
    "research": "without your consent, only where it is indispensable for studies by a research body, made anonymous whenever possible",
    "exercise-of-rights": "without your consent, only where it is indispensable for the regular exercise of rights, including under a contract "
    "and in court, administrative or arbitration proceedings",
    "protect-life": "without your consent, only where it is indispensable to protect your life or physical safety, or someone else's",
    "health-protection": "without your consent, only where it is indispensable to protect health, in a procedure carried out by health "
    "professionals, health services or a health authority",
    "fraud-prevention": "without your consent, only where it is indispensable to prevent fraud and keep you safe when we identify you or "
    "register you in our electronic systems",
}
"""What each ground of LGPD Art. 11 in `DataItem.lgpd_ground` lets us do, as the end of "we use it ..." (I, and II (a)-(g))."""

RECOGNISED_INTEREST_WORDS = {
    "public-task-request": "to give it to an organisation that asks for it and tells us that it needs it for a task in the public interest, "
    "or for an official authority, that the law gives it",
    "national-security": "to safeguard national security, to protect public security or for defence",
    "emergency": "to respond to an emergency",
    "crime": "to detect, investigate or prevent crime, or to catch or prosecute offenders",
    "safeguarding": "to protect a child or an adult at risk from neglect or from physical, mental or emotional harm, or to protect their well-being",
}
"""What each condition of UK GDPR Annex 1 in `PurposeDetail.recognised_interest` lets us do, for a recognised legitimate interest
(Art. 6(1)(ea), 6(5)): paras 1, 2, 3-4, 5 and 6-7 (DUAA 2025 Sch. 4, read on legislation.gov.uk; "vulnerable individual" as the ICO
summarises para 7: under 18, or an adult at risk)."""

ADM_GROUND_WORDS = {
    "contract": "it is necessary to enter into or carry out a contract with you",
    "law": "the law that applies to us authorises it and sets out safeguards for you",
    "explicit-consent": "you have given your explicit consent",
}
"""Why a decision may be made by automated means alone (GDPR Art. 22(2)(a)-(c)), as the end of "We decide this way only because ..."."""


GIVEN_SOURCES = frozenset({Source.YOU, Source.SOCIAL_LOGIN, Source.INTEGRATIONS})
"""The sources through which the person gives us data (they fill it in, sign in with a social network, or connect an app): data
from these can be said to be given, or not given; data collected automatically or got from others cannot."""


def gives(item: DataItem) -> bool:
    """Whether the person may give us this item: a source of GIVEN_SOURCES, or no source answered (as before sources were read)."""
    return not item.sources or bool(GIVEN_SOURCES & set(item.sources))


def _bases(item: DataItem, bases_of: dict[Any, list[Any]]) -> set[Any]:
    """Every legal basis of every purpose the item is used for (empty when none is given)."""
    return {basis for purpose in item.purposes for basis in bases_of.get(purpose, [])}


def _no_law_requires(item: DataItem, bases: set[Any], bases_of: dict[Any, list[Any]]) -> bool:
    """Whether the answers say no law requires the item: every purpose it serves has a legal basis, and none is a legal obligation."""
    return bool(item.purposes) and all(bases_of.get(purpose) for purpose in item.purposes) and LegalBasis.LEGAL_OBLIGATION not in bases


def gdpr_facts(answers: Answers, purposes: list[dict[str, Any]], named: list[tuple[DataItem, str]]) -> dict[str, Any]:
    """The EU and UK facts of one policy; `purposes` are the context's purpose rows and `named` each data item with its name."""
    places = [place for place in ("eu", "uk") if answers.has(place)]
    bases_of = {row["purpose"]: row["bases"] for row in purposes}
    obligations = [row for row in purposes if LegalBasis.LEGAL_OBLIGATION in row["bases"]]
    required = [(item, name, _bases(item, bases_of)) for item, name in named if item.required]
    # Data only collected automatically is not "given" by anyone, so it is never said to be given for a contract or "not to be given":
    # the clause says it is collected when the site or app is used, and that the service needs it (the owner's `required`).
    automatic = {name for item, name, _ in required if set(item.sources) == {Source.AUTOMATIC}}
    # Art. 13(2)(e) is about data the person gives us: data we only get from others (a partner, a service, their employer, public
    # sources) is never said to be given for a contract, or not to be given; only a legal obligation to hold it is said of it.
    given = {name for item, name, _ in required if gives(item)}
    # Art. 7(4): for EU and UK readers, data used only on consent is never said to be required (the check reports it); Brazil's
    # readers alone keep the owner's answer.
    consent_only = [name for item, name, bases in required if bases and bases <= {LegalBasis.CONSENT}] if places else []
    special = [(item, name) for item, name in named if item.category in SPECIAL_CATEGORIES]
    indirect = [item for item in answers.data if {"partners", "services"} & {source.value for source in item.sources}]
    recognised = [row for row in purposes if LegalBasis.RECOGNISED_LEGITIMATE_INTEREST in row["bases"]]
    return {
        "relies_on_legal_obligation": bool(obligations),
        # UK GDPR Art. 6(1)(ea) and 6(5): a recognised legitimate interest holds only under a condition of Annex 1, which each such
        # purpose names (recognised_interest); the objection of Art. 21(1) covers it.
        "relies_on_recognised_interest": bool(recognised),
        "recognised_conditions_given": all(row["recognised_words"] for row in recognised),
        # For each of the EU and the UK: the purposes resting on a legal obligation that is not under its law (or whose law is not
        # said), with no other basis given.
        "obligations_unfounded": {
            place: [str(row["label"]) for row in obligations if row["law_of"] != place and row["bases"] == [LegalBasis.LEGAL_OBLIGATION]]
            for place in places
        },
        # For each purpose resting on a legal obligation under another law than theirs (as answered), the readers it is not theirs.
        "obligation_elsewhere": {
            row["purpose"].value: [_PLACE_WORDS[place] for place in places if row["law_of"] != place] for row in obligations if row["law_of"]
        },
        "contract_data_names_lower": [name for item, name, bases in required if LegalBasis.CONTRACT in bases and name in given],
        # Art. 13(2)(e) asks whether the person is obliged to give the data: of the contract's data, the items every purpose of which
        # has a basis, none a legal obligation; "you are not required by law to give us" is said only of them (never of data a law needs).
        "contract_unstatutory_names_lower": [
            name for item, name, bases in required if LegalBasis.CONTRACT in bases and name in given and _no_law_requires(item, bases, bases_of)
        ],
        "statutory_data_names_lower": [name for item, name, bases in required if LegalBasis.LEGAL_OBLIGATION in bases],
        "statutory_laws": list(dict.fromkeys(row["law"] for row in obligations if row["law"])),
        # Required data neither for a contract nor used only on consent: the owner's "without it we cannot provide our services".
        "other_required_names_lower": [
            name for item, name, bases in required if LegalBasis.CONTRACT not in bases and name not in consent_only and name in given
        ],
        # Of those, the items whose purposes all have a legal basis and none a legal obligation: "not required by law" is said only of
        # them (an item a purpose without a basis uses, or one a law requires, is said only to be needed for the service).
        "other_unstatutory_names_lower": [
            name for item, name, bases in required
            if LegalBasis.CONTRACT not in bases and name not in consent_only and name in given and _no_law_requires(item, bases, bases_of)
        ],
        "automatic_required_names_lower": [name for item, name, _ in required if name in automatic and name not in consent_only],
        # Required data the person does not give (from a partner, a service, public sources, or partly automatic) and no legal
        # obligation names: the owner's "needed for the service" alone, with no "you do not have to give us".
        "obtained_required_names_lower": [
            name for item, name, bases in required
            if name not in given and name not in automatic and name not in consent_only and LegalBasis.LEGAL_OBLIGATION not in bases
        ],
        "consent_only_required": consent_only,
        "special_category_rows": [
            {"name": name, "words": [SPECIAL_CONDITION_WORDS[c] for c in item.special_condition]} for item, name in special
        ],
        "special_conditions_given": all(item.special_condition for item, _ in special),
        # Health or biometric data: special category data (GDPR Art. 9(1)) and sensitive personal data (LGPD Art. 5, II).
        "holds_special_data": bool(special),
        # LGPD Art. 11: the ground each such item rests on, as the owner answered it (lgpd_ground); none is said for an item without one.
        "lgpd_sensitive_rows": [{"name": name, "words": [LGPD_GROUND_WORDS[g] for g in item.lgpd_ground]} for item, name in special],
        "lgpd_grounds_given": all(item.lgpd_ground for item, _ in special),
        # Art. 11, I: the sensitive items used with the person's specific consent, which can be refused and revoked (Art. 8 §5, 18 VIII-IX).
        "lgpd_consent_data_names": [name for item, name in special if "specific-consent" in item.lgpd_ground],
        "adm_ground_words": [ADM_GROUND_WORDS[g] for g in answers.automated_decisions.grounds],
        # Art. 13(2)(f), 14(2)(g): the categories of data the decisions use, named from the data items of those categories.
        "adm_data_names_lower": [name for item, name in named if item.category in answers.automated_decisions.data_used],
        # Meaningful information about the logic (WP251rev.01, Annex 1): the data used and the main factors, besides the owner's text.
        "adm_logic_given": bool((d := answers.automated_decisions).logic and d.consequences and d.data_used and d.main_factors),
        "adm_explained": bool(d.logic and d.consequences and d.data_used and d.main_factors and d.grounds),
        # Art. 14(2)(f): every item from partners or services that work for us names who passes it on.
        "sources_named": all(item.source_names for item in indirect),
    }


_BASES = ("purposes[*].purpose", "purposes[*].legal_basis", "purposes[*].other_bases")
_REQUIRED = ("data[*].required", "data[*].name", "data[*].sources", "data[*].purposes", "purposes[*].legal_basis", "purposes[*].other_bases")

_ADM_LOGIC = ("automated_decisions.logic", "automated_decisions.consequences", "automated_decisions.data_used", "automated_decisions.main_factors")

GDPR_READS: dict[str, tuple[str, ...]] = {
    "relies_on_legal_obligation": ("purposes[*].legal_basis", "purposes[*].other_bases"),
    "relies_on_recognised_interest": ("purposes[*].legal_basis", "purposes[*].other_bases"),
    "recognised_conditions_given": (*_BASES, "purposes[*].recognised_interest"),
    "obligations_unfounded": (*_BASES, "purposes[*].law_of", "jurisdictions"),
    "obligation_elsewhere": (*_BASES, "purposes[*].law_of", "jurisdictions"),
    "contract_data_names_lower": _REQUIRED,
    "contract_unstatutory_names_lower": _REQUIRED,
    "statutory_data_names_lower": _REQUIRED,
    "statutory_laws": ("purposes[*].legal_basis", "purposes[*].other_bases", "purposes[*].law"),
    "other_required_names_lower": (*_REQUIRED, "jurisdictions"),
    "other_unstatutory_names_lower": (*_REQUIRED, "jurisdictions"),
    "automatic_required_names_lower": (*_REQUIRED, "jurisdictions"),
    "obtained_required_names_lower": (*_REQUIRED, "jurisdictions"),
    "consent_only_required": (*_REQUIRED, "jurisdictions"),
    "special_category_rows": ("data[*].category", "data[*].name", "data[*].special_condition"),
    "special_conditions_given": ("data[*].category", "data[*].special_condition"),
    "holds_special_data": ("data[*].category",),
    "lgpd_sensitive_rows": ("data[*].category", "data[*].name", "data[*].lgpd_ground"),
    "lgpd_grounds_given": ("data[*].category", "data[*].lgpd_ground"),
    "lgpd_consent_data_names": ("data[*].category", "data[*].name", "data[*].lgpd_ground"),
    "adm_ground_words": ("automated_decisions.grounds",),
    "adm_data_names_lower": ("data[*].category", "data[*].name", "data[*].label", "automated_decisions.data_used"),
    "adm_logic_given": _ADM_LOGIC,
    "adm_explained": (*_ADM_LOGIC, "automated_decisions.grounds"),
    "sources_named": ("data[*].sources", "data[*].source_names"),
}
"""For each value `gdpr_facts` gives, the answer paths it comes from (the claims ledger's `because`)."""
