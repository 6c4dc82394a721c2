"""The answer file: the `Answers` model and `load_answers`.

The model is the single source of truth for what a business tells us. Each
field's description is the question a person answers; `json_schema_extra`
carries the wizard's step, help text and the condition under which the
question is asked (an expression over the answers, like a clause's `when`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.answers.children import Children
from generator.answers.collection import AutomatedDecisions, DataItem, Retention, Security
from generator.answers.consistency import CONSISTENCY
from generator.answers.contacts import Contact, Contacts, Requests
from generator.answers.contradiction import Contradictions
from generator.answers.cookies import Cookies
from generator.answers.disclosure import CustomService, Marketing, Partner, Payments, ServiceRef, ServiceUse, Sharing
from generator.answers.fields import CountryName, Email, MaxItems, Model, Name, Phone, Text, Url, ask
from generator.answers.parts import App, AppliesTo, Business, ForCustomers, PolicyDetails, RemoteSupport
from generator.answers.purposes import PurposeDetail
from generator.answers.thresholds import ThresholdAnswers
from generator.answers.transfers import Transfers
from generator.answers.vocabulary import GDPR_LIKE, US_JURISDICTIONS, US_STATE_LAWS, CollectionPoint, Jurisdiction, NotUsed, Purpose

__all__ = [
    "Answers",
    "App",
    "AppliesTo",
    "AutomatedDecisions",
    "Business",
    "Children",
    "Contact",
    "Contacts",
    "Cookies",
    "CountryName",
    "CustomService",
    "DataItem",
    "ForCustomers",
    "Email",
    "Marketing",
    "Model",
    "Name",
    "Partner",
    "Payments",
    "Phone",
    "PolicyDetails",
    "PurposeDetail",
    "RemoteSupport",
    "Requests",
    "Retention",
    "Security",
    "ServiceRef",
    "ServiceUse",
    "Sharing",
    "Text",
    "Transfers",
    "Url",
    "ask",
]


class Answers(Model):
    """Everything a business tells us to generate its privacy policy."""

    version: Literal[1] = Field(1, description="The answer-file format version.", json_schema_extra=ask("review", derived=True))
    policy: PolicyDetails = Field(description="Facts about the policy document.")
    business: Business = Field(description="Who you are.")
    applies_to: AppliesTo = Field(default_factory=AppliesTo, description="What the policy covers.")
    for_customers: ForCustomers | None = Field(
        None,
        description="Do you handle personal data for business customers, on their instructions (for example the records they keep in your software)?",
        json_schema_extra=ask(
            "offer",
            help="For that data you are their processor (GDPR) or service provider: their own privacy notice covers it, not this policy.",
        ),
    )
    thresholds: ThresholdAnswers | None = Field(
        None,
        description="The facts that decide which laws apply (where you are established, whom you serve or track, your numbers), "
        "for 'policygen applies' to propose the jurisdictions with a reason for each. Never printed in the policy.",
        json_schema_extra=ask("jurisdictions", derived=True),  # asked by the wizard's own step (generator/wizard/applies.py)
    )
    jurisdictions: Annotated[list[Jurisdiction], MaxItems(50)] = Field(
        min_length=1,
        description="Where are the people whose data you handle? Each place's law adds what the policy must say.",
        json_schema_extra=ask(
            "jurisdictions",
            help="Choose every place whose residents you serve or target, not only where you are based: the EU's GDPR, "
            "for example, applies to a business in India that offers services to people in the EU. "
            "'policygen check' then lists what each law requires.",
            alone=True,
        ),
    )
    data: Annotated[list[DataItem], MaxItems(500)] = Field(
        description="The personal data you collect, one entry per category; [] if you collect none at all.",
        json_schema_extra=ask(
            "collect",
            help="An empty list says you collect no personal information: the policy then says so, and answers that say otherwise "
            "(services that receive data, payments, marketing, accounts, cookies beyond strictly necessary ones) are refused. "
            "Publishing an email address is not collecting; the messages people send to it are (category 'correspondence').",
            none="Do you collect any personal information at all? Answer No only if you collect none: the policy then says so.",
        ),
    )
    collection_points: Annotated[list[CollectionPoint], MaxItems(50)] = Field(
        default_factory=list, description="When do you collect data from people?", json_schema_extra=ask("collect")
    )
    purposes: Annotated[list[PurposeDetail], MaxItems(100)] = Field(
        default_factory=list,
        description="Legal basis and detail for each purpose (needed for GDPR, UK GDPR and LGPD, and for India's DPDP Act from 13 May 2027).",
        json_schema_extra=ask("collect", when="gdpr_like or dpdp_in_force"),
    )
    sharing: Sharing = Field(default_factory=Sharing, description="Who receives the data.")
    services: Annotated[list[ServiceRef], MaxItems(200)] = Field(
        default_factory=list,
        description=(
            "Third-party services that receive personal data: catalogue ids such as google-analytics or zoho-crm (naming one states its "
            "catalogue facts, shown by 'policygen services ID', as yours), a mapping with the id and the facts that differ for you, "
            "or a service of your own described in full."
        ),
        json_schema_extra=ask("offer"),
    )
    payments: Payments = Field(default_factory=Payments, description="How you take payments.")
    transfers: Transfers = Field(default_factory=Transfers, description="Where data is stored and sent.")
    cookies: Cookies = Field(default_factory=Cookies, description="Cookies and tracking.")
    marketing: Marketing = Field(default_factory=Marketing, description="Marketing and service messages.")
    children: Children = Field(default_factory=Children, description="Children and minimum age.")
    automated_decisions: AutomatedDecisions = Field(default_factory=AutomatedDecisions, description="Automated decisions and profiling.")
    remote_support: RemoteSupport = Field(default_factory=RemoteSupport, description="Remote-access support sessions.")
    retention: Retention = Field(description="How long you keep data.")
    security: Security = Field(description="How you protect data.")
    requests: Requests = Field(default_factory=Requests, description="How people use their rights.")
    contacts: Contacts = Field(default_factory=Contacts, description="People with a legal role for privacy.")
    does_not_use: Annotated[list[NotUsed], MaxItems(10)] = Field(
        default_factory=list,
        description="What you do not use at all, for the policy to say so: analytics, advertising, crash reporting, cross-site "
        "identifiers, sensitive data, profiling. Only what is true: other answers that say otherwise are refused.",
        json_schema_extra=ask("review"),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Answers:
        problems = [problem for _parts, check in CONSISTENCY for problem in check(self)]
        if problems:
            raise Contradictions(problems)
        return self

    # Derived facts used by clauses and requirement conditions.

    def has(self, jurisdiction: str) -> bool:
        """Whether the policy must satisfy the law of `jurisdiction`."""
        return any(j.value == jurisdiction for j in self.jurisdictions)

    @property
    def gdpr_like(self) -> bool:
        """Whether a GDPR-type law (EU, UK, Brazil) applies."""
        return any(j.value in GDPR_LIKE for j in self.jurisdictions)

    @property
    def us_states(self) -> bool:
        """Whether a US state privacy law (California or another state) applies."""
        return any(j.value in US_STATE_LAWS or j.value == "california" for j in self.jurisdictions)

    @property
    def in_us(self) -> bool:
        """Whether any US law applies."""
        return any(j.value in US_JURISDICTIONS for j in self.jurisdictions)

    @property
    def categories(self) -> set[str]:
        """The values of every data category collected."""
        return {str(item.category) for item in self.data}

    @property
    def all_purposes(self) -> list[Purpose]:
        """Every purpose, in vocabulary order: those of the data items and those detailed."""
        used = {p for item in self.data for p in item.purposes} | {d.purpose for d in self.purposes}
        return [p for p in Purpose if p in used]

    @property
    def sensitive_data(self) -> list[DataItem]:
        """The data items in sensitive categories."""
        return [item for item in self.data if item.sensitive]


NOT_ASKED_WITHOUT_DATA = (
    "collection_points", "purposes", "automated_decisions", "payments", "services", "sharing", "transfers", "marketing",
    "children.parental_consent", "children.tracks_children", "children.consent_exceptions", "children.close_underage_accounts",
    "retention.reasons", "retention.archive_after_closure", "security.details", "security.breach_notification", "requests", "contacts",
)  # fmt: skip
"""The answers the wizard does not ask once `data` is [] (nothing collected): each is refused then, or says how personal
information is used, kept, shared or asked for, which a policy that collects nothing does not say."""
