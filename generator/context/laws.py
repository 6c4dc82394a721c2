"""What the laws say that the context needs: the EEA, adequacy decisions, which laws give erasure, dates and definitions.

Which law is in force on the policy's effective date comes from the dates of the requirement catalogue (the law pack), so a
clause and the compliance check read the same day.

The lists of countries are data, with their dates and sources, in `clauses/laws/`. Each value says which provision it comes
from; `generator/context/__init__.py` builds the policy's facts from them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import Any

from generator.answers.law_data import law_data, spdi_categories
from generator.answers.vocabulary import Jurisdiction
from generator.library.requirements import Requirement, load_requirements


def _names(entry: dict[str, Any] | str) -> set[str]:
    """A country's name and the other names the answers may give it, in lower case."""
    if isinstance(entry, str):
        return {entry}
    return {entry["name"], *entry.get("also", [])}


def _countries(part: dict[str, Any]) -> frozenset[str]:
    """Every name of every country of a part of the transfers data."""
    return frozenset(name for entry in part["countries"] for name in _names(entry))


_TRANSFERS = law_data("transfers.yaml")

EU_MEMBERS = _countries(_TRANSFERS["eu_members"])
"""The 27 member states of the European Union, in lower case (clauses/laws/transfers.yaml, with the other names they go by)."""

EEA = EU_MEMBERS | _countries(_TRANSFERS["eea_others"])
"""The countries of the European Economic Area (the EU, Iceland, Liechtenstein and Norway), in lower case: the GDPR applies alike in each."""

US_NAMES = _countries(_TRANSFERS["united_states"])
"""The names the answers may give the United States, in lower case."""

UK_NAMES = _countries(_TRANSFERS["united_kingdom"])
"""The names the answers may give the United Kingdom, in lower case."""

EU_ADEQUATE = _countries(_TRANSFERS["eu_adequacy"])
"""Countries with a European Commission adequacy decision (GDPR Art. 45), in lower case. The United States is not among them:
its decision (the EU-US Data Privacy Framework) covers only certified companies, which the owner answers (transfers.us_certified)."""

UK_ADEQUATE = _countries(_TRANSFERS["uk_adequacy"]) | EEA
"""Countries UK adequacy regulations cover (UK GDPR Art. 45, DPA 2018 s. 17A and Sch. 21), in lower case: the EEA, Gibraltar and the
others listed; the United States only through the UK Extension to the Data Privacy Framework, for certified companies, which the
owner answers (transfers.uk_us_certified), so not here."""

UK_TRANSFER_TOOLS = tuple(_TRANSFERS["uk_transfer_tools"]["names"])
"""Words that name a safeguard the UK accepts for a transfer no adequacy regulations cover (the ICO's IDTA, or its Addendum to the
EU standard contractual clauses: DPA 2018 s.119A), in lower case. The EU clauses alone stopped being one on 21 March 2024."""


UK_ONLY_TOOLS = tuple(_TRANSFERS["uk_transfer_tools"]["uk_only"])
"""Words that name a safeguard only the UK accepts (the IDTA), in lower case: not one for transfers out of the EU."""


SWISS_NAMES = _countries(_TRANSFERS["switzerland"])
"""The names the answers may give Switzerland, in lower case."""

CH_ADEQUATE = _countries(_TRANSFERS["ch_adequacy"]) | EEA
"""Countries the Federal Council's list covers (FADP Art. 16(1), DPO Annex 1), in lower case: the EEA, the United Kingdom and the
others listed; the United States only for companies certified under the Swiss-US Data Privacy Framework (from 15 September 2024),
which the owner answers (transfers.ch_us_certified), so not here."""

CH_TRANSFER_TOOLS = tuple(_TRANSFERS["ch_transfer_tools"]["names"])
"""Words that name a safeguard made for transfers from Switzerland (the FDPIC-recognised clauses with the Swiss adaptations), in
lower case: the EU clauses alone are not one."""

JP_EQUIVALENT = _countries(_TRANSFERS["jp_equivalent"]) | EEA
"""Countries Japan's PPC has designated as having a system equivalent to Japan's (APPI Art. 28(1)): the EEA and the United Kingdom."""

BRAZIL_NAMES = frozenset({"brazil", "brasil"})
"""The names the answers may give Brazil, in lower case."""

BRAZIL_ADEQUATE = frozenset(name for part in _TRANSFERS["brazil_adequacy"]["parts"] for name in _countries(_TRANSFERS[part]))
"""Countries the ANPD recognises as protecting personal data adequately (LGPD Art. 33, I; Resolution CD/ANPD 32/2026): the EU and
the EEA, in lower case."""

BRAZIL_TRANSFER_TOOLS = tuple(_TRANSFERS["brazil_transfer_tools"]["names"])
"""Words that name the ANPD's standard contractual clauses (Resolution CD/ANPD 19/2024), in lower case: since 23 August 2025 the
only standard clauses the LGPD accepts (Art. 33, II, b; Art. 35)."""


def _names_any(safeguard: str, words: tuple[str, ...]) -> bool:
    return any(word in safeguard.lower() for word in words)


def uk_safeguards(safeguards: list[str]) -> list[str]:
    """The safeguards, in the owner's words, that name a UK transfer tool (the IDTA or the UK Addendum); not the EU clauses alone."""
    return [safeguard for safeguard in safeguards if _names_any(safeguard, UK_TRANSFER_TOOLS)]


EU_TRANSFER_TOOLS = tuple(_TRANSFERS["eu_transfer_tools"]["names"])
"""Words that name an appropriate safeguard of GDPR Art. 46(2)-(3) (standard contractual clauses, binding corporate rules, an approved
code of conduct or certification, ...), in lower case."""


def eu_safeguards(safeguards: list[str]) -> list[str]:
    """The safeguards, in the owner's words, that can protect a transfer out of the EU: those naming an Art. 46 instrument.

    Not the UK's IDTA or the ANPD's clauses, and not a confidentiality agreement beside the clauses (a measure, not a safeguard of Art. 46).
    """
    return [
        s for s in safeguards if _names_any(s, EU_TRANSFER_TOOLS) and not _names_any(s, UK_ONLY_TOOLS) and not _names_any(s, BRAZIL_TRANSFER_TOOLS)
    ]


def ch_safeguards(safeguards: list[str]) -> list[str]:
    """The safeguards, in the owner's words, that name Switzerland, the FADP or the FDPIC: those made for transfers from Switzerland."""
    return [safeguard for safeguard in safeguards if _names_any(safeguard, CH_TRANSFER_TOOLS)]


def brazil_safeguards(safeguards: list[str]) -> list[str]:
    """The safeguards, in the owner's words, that name the ANPD's standard contractual clauses: the EU's clauses are no LGPD mechanism."""
    return [safeguard for safeguard in safeguards if _names_any(safeguard, BRAZIL_TRANSFER_TOOLS)]


RESPONSE_DEADLINES: dict[str, dict[str, Any]] = dict(law_data("deadlines.yaml"))  # a copy: the US states are added below
"""Each law's time to answer a request (clauses/laws/deadlines.yaml): `days` always within it, and its `words` after "we"."""


_PERIOD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|several)\s+(?:day|week|month|year)s?\b"
    r"|\b(?:until|after|while|closes?|closed|ends?|expires?|unsubscribe|withdraw|deletes?|account|subscription|membership)\b",
    re.IGNORECASE,
)


def states_period(rule: str) -> bool:
    """Whether a retention rule gives a period or the criteria that set one (a length, or the event that ends it).

    The purpose rule alone ("as long as we need it") is neither, and GDPR Art. 13(2)(a) and its like do not accept it (EDPB
    transparency guidelines WP260 rev.01: stating generically that data is kept as long as necessary is not enough).
    """
    return _PERIOD.search(rule) is not None


def laws_in_force(on: dt.date) -> dict[str, bool]:
    """For each regime of the requirement catalogue (`in.dpdp`, `in.spdi`, ...), whether it is in force on a day (its own dates)."""
    return {regime.regime: regime.in_force(on) for regime in load_requirements()}


@functools.cache
def law_starts() -> dict[str, dt.date | None]:
    """The day each regime of the requirement catalogue starts (its `applies_from`), or None where the catalogue gives none."""
    return {regime.regime: regime.applies_from for regime in load_requirements()}


def requirement_in_force(requirement_id: str, on: dt.date) -> bool:
    """Whether one requirement of the catalogue is in force on a day (`uk_gdpr.complaint_to_controller`: DPA 2018 s.164A from 19 June 2026)."""
    return _requirements()[requirement_id].in_force(on)


@functools.cache
def _requirements() -> dict[str, Requirement]:
    return {requirement.id: requirement for regime in load_requirements() for requirement in regime.requirements}

US_STATE_MODEL: dict[str, Any] = law_data("us-states.yaml")
"""The US state laws of the Virginia and Colorado model (clauses/laws/us-states.yaml): the shared notice elements and, per state,
what differs (its requirements, rights, appeal, sensitive-data rule, opt-out signals, response time, cure period, teen rules)."""

US_STATES: dict[str, dict[str, Any]] = US_STATE_MODEL["states"]
"""Each state's row of the table, by jurisdiction key (`new-hampshire`)."""


US_THRESHOLDS: dict[str, dict[str, Any]] = law_data("us-thresholds.yaml")["states"]
"""Who each US state law (California's too) applies to (clauses/laws/us-thresholds.yaml): its tests, citation and exemptions."""

REGIME_SCOPES: list[dict[str, Any]] = law_data("applicability.yaml")["regimes"]
"""Who each other law reaches by its scope article (clauses/laws/applicability.yaml): establishment, offering or monitoring, and
the other tests, each with its words and provision."""

_HOME_LAWS = {
    **{country: country for country in ("india", "brazil", "canada", "australia", "singapore", "switzerland", "japan")},
    "new zealand": "new-zealand",
    "south africa": "south-africa",
}
"""The countries whose own law we cover, in lower case, and its jurisdiction value (the EEA, the UK and the US apart)."""


def home_jurisdiction(country: str) -> str | None:
    """The law of the business's own country, as a jurisdiction value ('eu' for a country of the EEA), or None if we cover none."""
    country = country.strip().lower()
    if country in EEA:
        return "eu"
    if country in UK_NAMES:
        return "uk"
    if country in US_NAMES:
        return "united-states"
    if country in SWISS_NAMES:
        return "switzerland"
    if country in BRAZIL_NAMES:
        return "brazil"
    return _HOME_LAWS.get(country)


def state_rights(state: str, on: dt.date) -> frozenset[str]:
    """The rights a state's law gives its residents on a date (`access`, `correct`, `opt_out_profiling`, ...)."""
    law = US_STATES[state]
    added = [right for change in law.get("rights_added", []) if on >= change["from"] for right in change["rights"]]
    return frozenset([*law["rights"], *added])


RESPONSE_DEADLINES.update(
    {
        state: {
            "days": law["response_days"],
            "words": f"answer within {law['response_days']} days of receiving your request",
            "citation": f"{law['requirements']['rights_how_to_exercise']['citation']} (clauses/laws/us-states.yaml)",
        }
        for state, law in US_STATES.items()
    }
)

ERASURE = frozenset(
    {Jurisdiction.EU, Jurisdiction.UK, Jurisdiction.BRAZIL, Jurisdiction.INDIA, Jurisdiction.QUEBEC, Jurisdiction.CALIFORNIA}
    | {Jurisdiction.member(state) for state in US_STATES if "delete" in US_STATES[state]["rights"]}
)
"""The places whose law gives people a right to have their information deleted (GDPR Art. 17, UK GDPR, LGPD Art. 18, DPDP s. 12,
Quebec's Act s. 28, the CCPA and the state laws); Australia, Singapore, Canada's PIPEDA and the US federal rules give access and
correction only. Switzerland (deletion by a claim in court, FADP Art. 32(2)(c)), Japan (APPI Art. 35, in set cases) and South Africa
(POPIA s.24, in set cases) say what they give in their own sections."""


_SENSITIVE = law_data("sensitive.yaml")


def sensitive_categories(law: str, on: dt.date) -> frozenset[str]:
    """The data categories a US law (`california` or a state) counts as sensitive on a date (clauses/laws/sensitive.yaml).

    California's are those of Civ. Code 1798.140(ae): not a card or financial account number alone (our `payment` and
    `financial`), which is sensitive only with the code that gives access to the account, and a business never keeps that.
    An account log-in (`credentials`) is sensitive there and in no other state's definition.
    """
    entry = _SENSITIVE["states"][law]
    added = [category for change in entry.get("added", []) if on >= change["from"] for category in change["categories"]]
    return frozenset([*entry["categories"], *added])



SPDI_SENSITIVE = spdi_categories()
"""The data categories India's SPDI Rules 2011 r.3 count as sensitive personal data or information: passwords, financial and card
details, health and medical records, biometrics; not a government id or a location, which the general `sensitive` flag includes."""

CCPA_LIMIT_FREE = frozenset(_SENSITIVE["ccpa_limit"]["permitted_purposes"])
"""Our purposes within 11 CCR 7027(m)(1)-(7): sensitive personal information used only for these (and neither sold nor shared) gives
no right to limit its use (Civ. Code 1798.121(a), (d))."""

_CCPA_CATEGORIES = law_data("ccpa-categories.yaml")


def ccpa_category_names(items: Iterable[tuple[str, list[str]]]) -> list[str]:
    """The categories of Civ. Code 1798.140(v)(1) data items of ours fall in (each its category and examples), in the law's order.

    Where the owner gave examples, a statutory category the data file ties to words is named only when an example holds one (a
    name alone is no protected characteristic); one tied to words under `only_with_examples` needs such an example even when none
    is given. Sensitive personal information is named in the terms of 1798.140(ae).
    """
    terms: dict[str, list[str]] = {}  # each statutory letter named, with the sensitive terms of (ae) said for it
    for category, examples in items:
        words = _CCPA_CATEGORIES["only_for_examples"].get(category, {})
        strict = _CCPA_CATEGORIES["only_with_examples"].get(category, {})
        said = " ".join(examples).lower()
        for letter in _CCPA_CATEGORIES["categories"][category]:
            if letter in strict:
                named = any(word in said for word in strict[letter])
            else:
                named = not examples or letter not in words or any(word in said for word in words[letter])
            if named:
                said_for = terms.setdefault(letter, [])
                term = _CCPA_CATEGORIES["sensitive_terms"].get(category) if letter == "L" else None
                if term and term not in said_for:
                    said_for.append(term)
    return [_CCPA_CATEGORIES["names"][letter] + (f" ({'; '.join(terms[letter])})" if terms[letter] else "") for letter in sorted(terms)]


def ccpa_category_words(names: list[str]) -> str:
    """CCPA category names joined as one phrase, capitalised once ('Identifiers; customer records (Civ. Code 1798.80(e))')."""
    return "; ".join([names[0], *(name[0].lower() + name[1:] for name in names[1:])]) if names else ""
