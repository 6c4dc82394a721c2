"""The values the clauses of Switzerland, Japan and South Africa need about where information goes abroad.

Which countries each law's list covers is data in `clauses/laws/transfers.yaml` (read by `laws.py`); this module applies it to
one policy's answers. A destination is each country the information goes to outside the law's own country, and the business's
own country when it is outside (`transfers.destinations`, the same reading as the GDPR's and the UK's).
"""

from __future__ import annotations

from typing import Any

from generator.answers.model import Answers
from generator.context.laws import CH_ADEQUATE, JP_EQUIVALENT, SWISS_NAMES, US_NAMES, ch_safeguards
from generator.context.transfers import destinations

JAPAN_NAMES = frozenset({"japan"})
SOUTH_AFRICA_NAMES = frozenset({"south africa", "republic of south africa"})


def intl_facts(answers: Answers, countries: list[str]) -> dict[str, Any]:
    """The destinations under the Swiss, Japanese and South African laws, and what covers a transfer from Switzerland.

    `countries` is every country the information goes to other than the business's own (the context's `transfer_countries`).
    """
    home = answers.business.country
    transfers = answers.transfers
    # FADP Art. 16(1): the Federal Council's list; the United States only for companies certified under the Swiss-US framework.
    ch_adequate = CH_ADEQUATE | (US_NAMES if transfers.ch_us_certified is True else frozenset())
    ch_destinations = destinations(home, countries, SWISS_NAMES)
    jp_destinations = destinations(home, countries, JAPAN_NAMES)
    return {
        "ch_destinations": ch_destinations,
        "ch_unprotected": [country for country in ch_destinations if country.lower() not in ch_adequate],
        # The safeguards for transfers from Switzerland, in the owner's words: those answered for it, else those naming it.
        "ch_safeguard_words": list(transfers.ch_safeguards) or ch_safeguards(transfers.safeguards),
        "jp_destinations": jp_destinations,
        "jp_equivalent": [country for country in jp_destinations if country.lower() in JP_EQUIVALENT],
        "za_destinations": destinations(home, countries, SOUTH_AFRICA_NAMES),
    }
