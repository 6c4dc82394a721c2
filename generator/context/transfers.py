"""The values the transfer clauses need about where information goes: out of the EU, the UK and Brazil, and Australia's overseas list.

Which countries each law's list covers is data in `clauses/laws/transfers.yaml` (read by `laws.py`); this module applies it to one
policy's answers. A destination is each country the information goes to outside the law's own region, and the business's own
country when it is outside (`destinations`); Switzerland's, Japan's and South Africa's are in `intl.py`.
"""

from __future__ import annotations

from typing import Any

from generator.answers.model import Answers
from generator.answers.services import owner_answered
from generator.answers.vocabulary import Jurisdiction
from generator.context.laws import (
    BRAZIL_ADEQUATE,
    BRAZIL_NAMES,
    EEA,
    EU_ADEQUATE,
    UK_ADEQUATE,
    UK_NAMES,
    US_NAMES,
    brazil_safeguards,
    eu_safeguards,
    uk_safeguards,
)
from generator.library.services import Service

_DEROGATION_WORDS = {
    "consent": "with your explicit consent, which we ask for after telling you the risks",
    "contract": "when sending it is needed for our contract with you, or for steps you asked for before one",
}

# LGPD Art. 33, II (a) "cláusulas contratuais específicas para determinada transferência" and (c) "normas corporativas globais", each
# approved by the ANPD (Art. 35; Resolution CD/ANPD 19/2024): safeguards, said after "we protect it with".
_LGPD_SAFEGUARD_WORDS = {
    "anpd-specific-clauses": "contractual clauses written for the transfer and approved by the ANPD",
    "anpd-global-corporate-rules": "global corporate rules that the ANPD has approved for transfers within our group",
}

# LGPD Art. 33, IV ("proteção da vida ou da incolumidade física do titular ou de terceiro"), VIII (consent "específico e em destaque
# para a transferência ... distinguindo claramente esta de outras finalidades") and IX (necessary for the cases of Art. 7, II, V and
# VI): bases of the transfer, never called a safeguard.
_LGPD_TRANSFER_WORDS = {
    "specific-consent": "with your specific consent to this transfer, which we ask for separately",
    "legal-obligation": "when the transfer is needed to meet a legal or regulatory obligation we have",
    "contract": "when the transfer is needed to carry out a contract with you, or steps you ask for before one",
    "exercise-of-rights": "when the transfer is needed to exercise rights in court, administrative or arbitration proceedings",
    "protect-life": "when the transfer is needed to protect your life or physical safety, or someone else's",
}


def destinations(home: str, countries: list[str], inside: frozenset[str]) -> list[str]:
    """Where information goes outside a region: the business's own country when it is outside, and each country it is sent to."""
    return list(dict.fromkeys(country for country in [home, *countries] if country.lower() not in inside))


def _with_recipients(answers: Answers, countries: list[str]) -> list[str]:
    """`countries` and the countries of the group companies, other users and partners that receive data, outside the business's own, each once."""
    home = answers.business.country.lower()
    given = [
        *answers.sharing.affiliate_countries,
        *(answers.sharing.other_users_countries if answers.sharing.other_users else []),
        *(partner.country for partner in answers.sharing.partners if partner.country),
    ]
    places = {country.lower(): country for country in [*countries, *given] if country.lower() != home}
    return sorted(places.values())


def transfer_facts(answers: Answers, shared: list[Service], countries: list[str]) -> dict[str, Any]:
    """Where the information goes under the EU's, the UK's, Brazil's and Australia's laws, and what covers each transfer.

    `shared` is every service that gets data (gateways and services); `countries` every country the information goes to other than
    the business's own (the context's `transfer_countries`).
    """
    # The catalogue's safeguards (the EU-US Data Privacy Framework, standard contractual clauses) are those of transfers out of the
    # EU, and said as such; the UK's readers have their own paragraph. The owner's own words for a service are said for everyone.
    given_safeguards = owner_answered(answers, "safeguards")  # an empty one is left out below with the rest
    from_eu = Jurisdiction.EU in answers.jurisdictions
    # A service where the business is (or, for a business in the EEA, in the EEA) makes no transfer of ours: its safeguards are
    # for its own transfers on to the countries it sends data to, and said as its own (the fourth item: those countries).
    home_eea = answers.business.country.lower() in EEA
    def _at_home(s: Service) -> bool:
        where = (s.stored_in or s.country).lower()
        return where == answers.business.country.lower() or (home_eea and where in EEA)

    protected = [
        (s.name, s.safeguards, s.id not in given_safeguards, list(s.sends_to) if _at_home(s) and s.sends_to else [])
        for s in shared
        if s.safeguards and (from_eu or s.id in given_safeguards)
    ]
    # The United States has an adequacy decision for companies certified under the EU-US Data Privacy Framework, and UK adequacy
    # regulations for those certified under its UK Extension: a certification each, answered apart.
    eu_certified = US_NAMES if answers.transfers.us_certified is True else frozenset()
    uk_certified = US_NAMES if answers.transfers.uk_us_certified is True else frozenset()
    eu_adequate, uk_adequate = EU_ADEQUATE | eu_certified, UK_ADEQUATE | uk_certified
    return {
        "protected_services": protected,
        "eea": sorted(EEA),
        "uk_names": sorted(UK_NAMES),
        "brazil_names": sorted(BRAZIL_NAMES),
        # The United States as the answers may name it, in their own spelling (for splitting it off a list of countries).
        "us_names": [country for country in [answers.business.country, *countries] if country.lower() in US_NAMES],
        "eu_destinations": (eu_destinations := destinations(answers.business.country, countries, EEA)),
        "eu_unprotected": [country for country in eu_destinations if country.lower() not in eu_adequate],
        # A business outside the UK holds what UK people give it in its own country: not a transfer it makes (the ICO's three-step
        # test), so its country is where the information is held (uk_held_in), and the destinations are the countries it sends it on to.
        "uk_held_in": (held_in := "" if answers.business.country.lower() in UK_NAMES else answers.business.country),
        "uk_destinations": (uk_destinations := [c for c in destinations(answers.business.country, countries, UK_NAMES) if c.lower() != held_in.lower()]),
        "uk_unprotected": [country for country in uk_destinations if country.lower() not in uk_adequate],
        # The safeguards each law accepts, in the owner's words: out of the EU, all but the UK's own IDTA; out of the UK, the ones
        # answered for it, else those that name the IDTA or the UK Addendum (the EU clauses alone are no UK safeguard since 2024).
        "eu_safeguard_words": eu_safeguards(answers.transfers.safeguards),
        "uk_safeguard_words": list(answers.transfers.uk_safeguards) or uk_safeguards(answers.transfers.safeguards),
        # Out of Brazil (LGPD Art. 33): the ANPD's adequacy recognition (the EU and the EEA), else the ANPD's own standard clauses.
        "brazil_destinations": (brazil_destinations := destinations(answers.business.country, countries, BRAZIL_NAMES)),
        "brazil_unprotected": [country for country in brazil_destinations if country.lower() not in BRAZIL_ADEQUATE],
        "brazil_safeguard_words": brazil_safeguards(answers.transfers.safeguards),
        "transfers_stay_in_eea": answers.business.country.lower() in EEA and all(country.lower() in EEA for country in countries),
        # Australia (APP 1.4(f)-(g), 5.2(i)-(j)): where recipients are outside the business's country, the group companies',
        # other users' and partners' countries with the services' and storage countries; and whether every recipient's place is
        # answered, so that "not likely to disclose overseas" can be said.
        "au_overseas_countries": _with_recipients(answers, countries),
        # The Art. 49(1) derogations the owner relies on, as the end of "we send it there only ...".
        "derogation_words": [_DEROGATION_WORDS[derogation] for derogation in answers.transfers.derogations],
        # The LGPD Art. 33, IV, VIII and IX bases the owner relies on out of Brazil, as the end of "we send it there only ...".
        "lgpd_transfer_words": [_LGPD_TRANSFER_WORDS[basis] for basis in answers.transfers.lgpd_transfer_bases if basis in _LGPD_TRANSFER_WORDS],
        # The LGPD Art. 33, II (a) and (c) safeguards the owner answered, each approved by the ANPD (Art. 35): "we protect it with ...".
        "lgpd_safeguard_words": [_LGPD_SAFEGUARD_WORDS[basis] for basis in answers.transfers.lgpd_transfer_bases if basis in _LGPD_SAFEGUARD_WORDS],
    }
