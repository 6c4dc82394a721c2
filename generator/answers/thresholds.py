"""The threshold answers: the facts that decide which privacy laws apply to a business (`thresholds:` of the answer file).

They are never printed in the policy: `policygen applies` (and the wizard's step before the jurisdictions) reads them to
propose the jurisdictions, each with its reason; the owner confirms by writing the places into `jurisdictions:`. Every field
is optional, and one left out is never a reason for a law to apply or not (`generator.applicability`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from generator.answers.fields import MaxItems, Model
from generator.answers.vocabulary import US_STATE_LAWS, Vocabulary


class Region(Vocabulary):
    """A place whose privacy law reaches a business by its establishment there, or by the people there it serves or watches."""

    EU = ("eu", "European Union (and the EEA)")
    UK = ("uk", "United Kingdom")
    SWITZERLAND = ("switzerland", "Switzerland")
    BRAZIL = ("brazil", "Brazil")
    INDIA = ("india", "India")
    SINGAPORE = ("singapore", "Singapore")
    AUSTRALIA = ("australia", "Australia")
    CANADA = ("canada", "Canada")
    QUEBEC = ("quebec", "Quebec")
    JAPAN = ("japan", "Japan")
    NEW_ZEALAND = ("new-zealand", "New Zealand")
    SOUTH_AFRICA = ("south-africa", "South Africa")
    UNITED_STATES = ("united-states", "United States")


US_THRESHOLD_STATES = US_STATE_LAWS | {"california"}
"""The states whose residents `consumers_by_state` counts: those with a privacy law and thresholds (clauses/laws/us-thresholds.yaml)."""


class ThresholdAnswers(Model):
    """Which laws apply: where you are established, whom you serve or watch, and the numbers the laws' thresholds test."""

    establishments: Annotated[list[Region], MaxItems(20)] | None = Field(
        None,
        description="Besides the country where the business is registered (business.country), where do you have an office, a branch, "
        "staff or another stable presence? [] if nowhere else. In a file of threshold answers alone, list your own country's place too.",
    )
    offers_to: Annotated[list[Region], MaxItems(20)] | None = Field(
        None,
        description="To people in which places do you offer goods or services (free or paid), on purpose: a site in their language "
        "or currency, delivery there, marketing aimed at them? [] if to none of these.",
    )
    monitors: Annotated[list[Region], MaxItems(20)] | None = Field(
        None,
        description="Whose behaviour online do you track or profile (analytics that follow a person, targeted advertising, "
        "profiling), among people in these places? [] if no one's.",
    )
    consumers_by_state: dict[str, int] = Field(
        default_factory=dict,
        description="For each state (`virginia`, `new-jersey`, `california`), how many of its residents' personal data you processed "
        "in the last calendar year, not counting data used only to complete a payment.",
    )
    revenue_usd: int | None = Field(None, ge=0, description="Your annual gross revenue, in US dollars.")
    revenue_share_from_selling: float | None = Field(
        None, ge=0, le=1, description="The share of your gross revenue (0 to 1) that comes from selling personal data (0 if you sell none)."
    )
    small_business: bool | None = Field(None, description="Whether you are a small business as the US Small Business Administration defines it.")
    sells_data: bool | None = Field(
        None,
        description="Whether you sell personal data at all, or otherwise collect or disclose it for a benefit, service or advantage.",
    )
    sensitive_data: bool | None = Field(None, description="Whether you process sensitive data (health, biometric, precise location ...).")
    turnover_aud: int | None = Field(
        None,
        ge=0,
        description="Australia: your annual turnover in the last financial year, in Australian dollars (the Privacy Act's small "
        "business test is AUD 3 million; give the figure in AUD, converted as your accounts do).",
    )
    directed_to_children: bool | None = Field(None, description="Is your website or online service, or a part of it, directed to children under 13 (COPPA)?")
    knows_children_under_13: bool | None = Field(
        None, description="Do you know that you collect personal information from children under 13 (COPPA's actual knowledge)?"
    )
    collects_online_from_california: bool | None = Field(
        None,
        description="Does your commercial website or online service collect personally identifiable information from people who live in California (CalOPPA)?",
    )
    processes_in_south_africa: bool | None = Field(
        None,
        description="Do you use means in South Africa to process personal information (servers, staff, a service provider there), "
        "other than only to pass data through?",
    )

    @field_validator("consumers_by_state")
    @classmethod
    def _known_states(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - US_THRESHOLD_STATES)
        if unknown:
            names = ", ".join(f"'{state}'" for state in unknown)
            raise ValueError(f"{names}: not a US state with a privacy law here; accepted: {', '.join(sorted(US_THRESHOLD_STATES))}")
        if any(count < 0 for count in value.values()):
            raise ValueError("a number of residents cannot be negative")
        return value
