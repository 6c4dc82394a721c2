"""What the laws say that the context needs: the EEA, adequacy decisions, which laws give erasure, dates and definitions.

Each value says which provision it comes from; `generator/context/__init__.py` builds the policy's facts from them.
"""

from __future__ import annotations

import datetime as dt

from generator.answers.vocabulary import DataCategory, Jurisdiction

EEA = frozenset(
    {"austria", "belgium", "bulgaria", "croatia", "cyprus", "czechia", "czech republic", "denmark", "estonia", "finland", "france", "germany"}
    | {"greece", "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg", "malta", "netherlands", "the netherlands", "poland"}
    | {"portugal", "romania", "slovakia", "slovenia", "spain", "sweden", "iceland", "liechtenstein", "norway"}
)
"""The countries of the European Economic Area (the EU, Iceland, Liechtenstein and Norway), in lower case: the GDPR applies alike in each."""


US_NAMES = frozenset({"united states", "united states of america", "usa", "us", "u.s."})
"""The names the answers may give the United States, in lower case."""

UK_NAMES = frozenset({"united kingdom", "uk", "u.k.", "great britain", "england", "scotland", "wales", "northern ireland"})
"""The names the answers may give the United Kingdom, in lower case."""

_ADEQUATE_BOTH = frozenset(
    {"andorra", "argentina", "canada", "faroe islands", "guernsey", "isle of man", "israel", "japan", "jersey", "new zealand"}
    | {"south korea", "republic of korea", "korea", "switzerland", "uruguay"}
)
EU_ADEQUATE = _ADEQUATE_BOTH | UK_NAMES
"""Countries with a European Commission adequacy decision (GDPR Art. 45), in lower case. The United States is not among them:
its decision (the EU-US Data Privacy Framework) covers only certified companies, a safeguard the owner names."""
UK_ADEQUATE = _ADEQUATE_BOTH | EEA | {"gibraltar"}
"""Countries UK adequacy regulations cover (UK GDPR Art. 45, DPA 2018 s. 17A and Sch. 21), in lower case; the United States only
through the UK Extension to the Data Privacy Framework, for certified companies, so not here."""


UK_COMPLAINTS_START = dt.date(2026, 6, 19)
"""When DPA 2018 s.164A, inserted by the Data (Use and Access) Act 2025 s.103, starts: complaints to the controller, acknowledged within 30 days."""

ERASURE = frozenset(
    {Jurisdiction.EU, Jurisdiction.UK, Jurisdiction.BRAZIL, Jurisdiction.INDIA, Jurisdiction.QUEBEC}
    | {Jurisdiction.CALIFORNIA, Jurisdiction.VIRGINIA, Jurisdiction.COLORADO, Jurisdiction.CONNECTICUT, Jurisdiction.TEXAS, Jurisdiction.OREGON}
)
"""The places whose law gives people a right to have their information deleted (GDPR Art. 17, UK GDPR, LGPD Art. 18, DPDP s. 12,
Quebec's Act s. 28, the CCPA and the state laws); Australia, Singapore, Canada's PIPEDA and the US federal rules give access and
correction only."""


CCPA_NOT_SENSITIVE = frozenset({DataCategory.PAYMENT, DataCategory.FINANCIAL})
"""Sensitive in our vocabulary, but not by themselves under the CCPA: Civ. Code 1798.140(ae)(1)(B) makes a card or financial
account number sensitive only in combination with the code or password that gives access to the account, which a business
does not keep (PCI DSS forbids storing a card's security code); a card's last four digits or a bank account's are not."""
