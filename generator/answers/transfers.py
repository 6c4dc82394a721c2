"""The part of an answer file about where information is stored and sent abroad, with each law's own safeguards.

See `generator.answers.parts` for how the parts fit together.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from generator.answers.fields import CountryName, MaxItems, Model, Text, ask

_CONSENT = re.compile(r"\b(?:consent|consented|consents|consentimento)\b", re.IGNORECASE)


def _no_consent_safeguard(safeguards: list[str]) -> list[str]:
    """Refuse a safeguard that names consent.

    A person's consent to a transfer is a basis of its own (GDPR Art. 49(1)(a), LGPD Art. 33, VIII), never a safeguard that
    protects the information.
    """
    for safeguard in safeguards:
        if _CONSENT.search(safeguard):
            raise ValueError(
                f"'{safeguard}' names consent, which is not a safeguard: give it under transfers.derogations (EU, UK: 'consent') or "
                "transfers.lgpd_transfer_bases (Brazil: 'specific-consent'), and list here only what protects the information"
            )
    return safeguards


LgpdTransferBasis = Literal[
    "anpd-specific-clauses", "anpd-global-corporate-rules", "protect-life", "specific-consent", "legal-obligation", "contract",
    "exercise-of-rights",
]
"""LGPD Art. 33, II (a) and (c) (each approved by the ANPD, Art. 35), IV, VIII and IX. Not offered: II (d), seals, certificates and
codes of conduct, which the ANPD verifies (Art. 35) but has no procedure for yet (Resolution CD/ANPD 19/2024 regulates only Art. 33, I
and II, a-c); III, VI and VII, which are public bodies'; V, an authorisation of the ANPD for which no procedure exists either."""

def _each_basis_once(bases: list[str]) -> list[str]:
    """Refuse a basis listed twice: the policy would say it twice."""
    twice = sorted({basis for basis in bases if bases.count(basis) > 1})
    if twice:
        raise ValueError(f"lists {', '.join(repr(basis) for basis in twice)} twice: give each basis once")
    return bases


class Transfers(Model):
    """Where data is stored and sent outside the business's country."""

    storage_countries: Annotated[list[CountryName], MaxItems(250)] = Field(
        default_factory=list,
        description="Countries where you store personal data (your own servers or your hosting provider).",
        json_schema_extra=ask("integrations"),
    )
    safeguards: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list, description="How you protect data sent abroad, e.g. 'standard contractual clauses'.", json_schema_extra=ask("integrations")
    )
    uk_safeguards: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list,
        description="For the UK: how you protect data sent from the UK to a country no UK adequacy regulations cover, e.g. 'the UK "
        "Addendum to the EU standard contractual clauses' or 'the International Data Transfer Agreement (IDTA)'.",
        json_schema_extra=ask(
            "integrations",
            when="'uk' in jurisdictions",
            help="The EU's standard contractual clauses alone have not protected transfers from the UK since 21 March 2024: the UK "
            "needs the ICO's IDTA, or its Addendum to the EU clauses. Leave this empty if a safeguard above already names one.",
        ),
    )
    derogations: Annotated[list[Literal["consent", "contract"]], MaxItems(2)] = Field(
        default_factory=list,
        description="For the EU and UK: where neither an adequacy decision nor a safeguard covers a transfer, what it rests on instead "
        "(GDPR and UK GDPR Art. 49(1)): 'consent' (the person's explicit consent, after you tell them the risks) or 'contract' (the "
        "transfer is needed for a contract with the person, or for steps they asked for before one).",
        json_schema_extra=ask(
            "integrations",
            when="'eu' in jurisdictions or 'uk' in jurisdictions",
            help="These exceptions are for occasional transfers that cannot be covered otherwise; regular transfers to a provider need "
            "standard contractual clauses (or the UK's IDTA or Addendum) under safeguards.",
        ),
    )
    lgpd_transfer_bases: Annotated[list[LgpdTransferBasis], MaxItems(7)] = Field(
        default_factory=list,
        description="For Brazil: where neither the ANPD's recognition of the destination (the EU and the EEA) nor the ANPD's standard "
        "contractual clauses cover a transfer out of Brazil, what it rests on instead (LGPD Art. 33): 'anpd-specific-clauses' (II, a: "
        "contractual clauses written for that transfer, which the ANPD has approved), 'anpd-global-corporate-rules' (II, c: your "
        "group's global corporate rules, which the ANPD has approved, for transfers to other companies of your group named under "
        "sharing.affiliates), 'protect-life' (IV: the transfer is needed to protect the life or physical safety of the person or of "
        "someone else), 'specific-consent' (VIII: the person's specific consent to that transfer, asked for separately from anything "
        "else, after telling them it goes abroad), 'legal-obligation' (IX: the transfer is needed to meet a legal or regulatory "
        "obligation of yours), 'contract' (IX: it is needed to carry out a contract with the person, or steps before one that they ask "
        "for) or 'exercise-of-rights' (IX: it is needed to exercise rights in court, administrative or arbitration proceedings).",
        json_schema_extra=ask(
            "integrations",
            when="'brazil' in jurisdictions",
            help="Specific clauses and global corporate rules protect a transfer only once the ANPD has approved them (LGPD Art. 35; "
            "Resolution CD/ANPD 19/2024): choose them only with that approval. Consent here is a basis for the transfer, not a "
            "safeguard: Art. 33, VIII asks for a consent given specifically and prominently for the transfer, with prior information "
            "that it is international, kept apart from other purposes.",
        ),
    )
    us_certified: bool | None = Field(
        None,
        description="For the EU: is every recipient of your data in the United States certified under the EU-US Data Privacy Framework? "
        "Then the European Commission's adequacy decision covers those transfers.",
        json_schema_extra=ask(
            "integrations",
            when="'eu' in jurisdictions",
            help="Check each US company's entry on dataprivacyframework.gov. Answer yes only if every one is listed.",
        ),
    )
    uk_us_certified: bool | None = Field(
        None,
        description="For the UK: is every recipient of your data in the United States certified under the UK Extension to the EU-US Data "
        "Privacy Framework? Then the UK's adequacy regulations cover those transfers.",
        json_schema_extra=ask(
            "integrations",
            when="'uk' in jurisdictions",
            help="A company's certification under the EU-US framework does not cover the UK by itself: check that its entry on "
            "dataprivacyframework.gov lists the UK Extension. Answer yes only if every one does.",
        ),
    )
    ch_safeguards: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list,
        description="For Switzerland: how you protect data sent from Switzerland to a country the Federal Council's list does not cover, "
        "e.g. 'the EU standard contractual clauses with the Swiss adaptations recognised by the FDPIC'.",
        json_schema_extra=ask(
            "integrations",
            when="'switzerland' in jurisdictions",
            help="The FDPIC recognises the EU standard contractual clauses for transfers from Switzerland only with the adaptations for "
            "Swiss law (the FADP named beside the GDPR, the FDPIC as the authority). Leave this empty if a safeguard above already says so.",
        ),
    )
    ch_us_certified: bool | None = Field(
        None,
        description="For Switzerland: is every recipient of your data in the United States certified under the Swiss-US Data Privacy "
        "Framework? Then the Federal Council's list covers those transfers (since 15 September 2024).",
        json_schema_extra=ask(
            "integrations",
            when="'switzerland' in jurisdictions",
            help="A company's certification under the EU-US framework does not cover Switzerland by itself: check that its entry on "
            "dataprivacyframework.gov lists the Swiss-US framework.",
        ),
    )

    _safeguards_are_not_consent = field_validator("safeguards", "uk_safeguards", "ch_safeguards")(_no_consent_safeguard)
    _bases_once = field_validator("lgpd_transfer_bases")(_each_basis_once)
