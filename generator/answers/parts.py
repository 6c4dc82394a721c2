"""The parts of an answer file about the business itself: who it is, what the policy covers and remote support.

`generator.answers.model.Answers` puts every part together (with `children.py`, `collection.py`, `purposes.py`,
`disclosure.py` and `contacts.py`); each field's description is the question a person answers and
`json_schema_extra` carries the wizard's step, help and condition (see `ask`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from generator.answers.fields import CountryName, Email, MaxItems, Model, Name, Phone, Text, Url, ask
from generator.answers.vocabulary import BusinessKind


class App(Model):
    """A mobile or desktop app the policy covers."""

    name: Name = Field(description="The app's name as shown in the store.")
    platforms: Annotated[list[Literal["android", "ios", "windows", "macos", "web"]], MaxItems(10)] = Field(
        default_factory=list, description="Which platforms the app runs on."
    )
    keeps_on_device: Text | None = Field(
        None,
        description="What the app keeps only on the person's device and never sends to you, e.g. 'the budgets and transactions you enter'.",
        json_schema_extra=ask(
            "offer",
            help="Leave empty unless none of it ever reaches you or a service you use (no sync, no backup to your servers, no analytics of it).",
        ),
    )


class PolicyDetails(Model):
    """Facts about the policy document itself."""

    effective_date: dt.date = Field(description="The date this version of the policy takes effect (YYYY-MM-DD).", json_schema_extra=ask("business"))
    last_updated: dt.date | None = Field(
        None,
        description=(
            "The date the policy was last changed (YYYY-MM-DD). Left empty, the policy shows only its effective date;"
            " the US state laws ask for this date (for a new policy, the day you wrote it)."
        ),
        json_schema_extra=ask("review"),
    )
    language: Literal["en"] = Field("en", description="The language of the policy text.", json_schema_extra=ask("review", derived=True))
    notice_of_changes: Annotated[list[Literal["website", "email", "in-app"]], MaxItems(10)] = Field(
        default_factory=list,
        description="How you will tell people about important changes to this policy.",
        json_schema_extra=ask("review"),
    )
    notice_of_every_change: bool | None = Field(
        None,
        description="Do you tell people this way about every change to this policy, not only the important ones?",
        json_schema_extra=ask("review", when="policy.notice_of_changes"),
    )
    lgpd_change_notice: bool | None = Field(
        None,
        description="Brazil: when you change why you use personal data, how you use it or how long you keep it, who you are, or whom "
        "you share it with, will you tell people in those ways, pointing out exactly what changed?",
        json_schema_extra=ask(
            "review",
            when="'brazil' in jurisdictions and policy.notice_of_changes",
            help="Brazil's LGPD (Art. 8 §6): a change to the purpose, the form or duration of the processing, the controller's "
            "identity or the shared use is told to the person, with the content of the changes pointed out specifically.",
        ),
    )
    secondary_use_consent: bool | None = Field(
        None,
        description="Colorado: if a change to this policy would mean using personal data you collected before the change for a new "
        "purpose that is not reasonably necessary to, or compatible with, the purposes you told people of, will you ask for their "
        "consent before using it that way?",
        json_schema_extra=ask(
            "review",
            when="'colorado' in jurisdictions",
            help="The Colorado Privacy Act Rules (4 CCR 904-3 r.6.04(B)): where a material change to the privacy notice amounts to a "
            "secondary use, data collected before the change is processed for that use only with the consumer's consent. The policy "
            "says so only when you answer yes. No is not accepted: Colorado's law allows no such use without consent first (C.R.S. "
            "6-1-1308(4), r.6.08(B)).",
        ),
    )
    publishes_rules: bool | None = Field(
        None,
        description="India, where people can post content others can see: do you publish your rules and your user agreement, beside "
        "this policy, where anyone can read them?",
        json_schema_extra=ask(
            "review",
            when="'india' in jurisdictions and applies_to.public_content",
            help="India's IT (Intermediary Guidelines) Rules 2021 r.3(1)(a): an intermediary publishes its rules, privacy policy and "
            "user agreement prominently. The policy says you publish your rules and user agreement only when you answer yes.",
        ),
    )
    eighth_schedule_languages: bool | None = Field(
        None,
        description="India: will you give this policy, on request, in English or in any language of the Eighth Schedule to the "
        "Constitution of India that the person asks for?",
        json_schema_extra=ask(
            "review",
            when="'india' in jurisdictions",
            help="India's DPDP Act 2023 s.5(3) (in force from 13 May 2027): a person may ask for the notice in English or in any "
            "language of the Eighth Schedule. The policy offers this only when you answer yes; the generator writes English only, "
            "so you would have the translations made.",
        ),
    )
    agreement_by_use: bool | None = Field(
        None,
        description="Do you ask people who do not agree with this policy not to use your website or services?",
        json_schema_extra=ask("review"),
    )
    governance_url: Url | None = Field(
        None,
        description="Quebec: the web page where you publish your governance policies and practices for personal information: how you "
        "keep and destroy it, the roles and responsibilities of your staff for it, and how you handle complaints about it.",
        json_schema_extra=ask("review", when="'quebec' in jurisdictions"),
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> PolicyDetails:
        if self.last_updated is not None and self.last_updated < self.effective_date:
            raise ValueError("last_updated must not be earlier than effective_date")
        return self

    @field_validator("lgpd_change_notice")
    @classmethod
    def _change_notice_has_its_ways(cls, value: bool | None, info: ValidationInfo) -> bool | None:
        if value is True and "notice_of_changes" in info.data and not info.data["notice_of_changes"]:
            raise ValueError("is true, but policy.notice_of_changes gives no way to tell people: list website, email or in-app there")
        return value


PUBLIC_AUTHORITY_ASKED = "('uk' in jurisdictions or 'eu' in jurisdictions) and interest_basis"
"""When the wizard asks whether the business is a public authority: the UK GDPR and the GDPR bar a public authority's tasks from
the interest bases (points (ea) and (f)), so only an owner with UK or EU readers who gives one of those for some purpose
(`interest_basis`, a fact of the wizard's conditions) needs to say."""


class Business(Model):
    """Who the business is and how to reach it."""

    legal_name: Name = Field(description="Your business's full legal name, e.g. 'Acme Widgets Private Limited'.", json_schema_extra=ask("business"))
    trading_name: Name | None = Field(None, description="The name customers know you by, if it differs from the legal name.", json_schema_extra=ask("business"))
    other_names: Annotated[list[Name], MaxItems(20)] | None = Field(
        None,
        description="Oregon: the other business names you registered with a Secretary of State or use as assumed business names (trade "
        "names), beside the legal and trading names; an empty list if there are none.",
        json_schema_extra=ask("business", when="'oregon' in jurisdictions"),
    )
    kind: BusinessKind = Field(description="What kind of business is it?", json_schema_extra=ask("business"))
    description: Text | None = Field(
        None, description="One sentence on what you do, e.g. 'We build websites and apps for small businesses.'", json_schema_extra=ask("business")
    )
    website: Url | None = Field(None, description="Your website's address, starting with https://.", json_schema_extra=ask("business", alone=True))
    apps: Annotated[list[App], MaxItems(50)] = Field(
        default_factory=list, description="Mobile or desktop apps this policy covers.", json_schema_extra=ask("offer", when="applies_to.mobile_app")
    )
    sole_trader: bool | None = Field(
        None,
        description="Are you a sole trader: one person in business on their own account, not a company or partnership?",
        json_schema_extra=ask("business"),
    )
    country: CountryName = Field(description="The country where the business is registered (or, for a sole trader, based).", json_schema_extra=ask("business"))
    representative: Name | None = Field(
        None,
        description="Japan: the name of the person who represents the business (for a company, its representative director).",
        json_schema_extra=ask("contacts", when="'japan' in jurisdictions and not business.sole_trader"),
    )
    address: Text = Field(description="Your registered postal address, on one line.", json_schema_extra=ask("business"))
    email: Email = Field(description="The email address people should use for privacy questions.", json_schema_extra=ask("contacts"))
    phone: Phone | None = Field(None, description="A phone number for privacy questions, with country code.", json_schema_extra=ask("contacts"))
    public_authority: bool | None = Field(
        None,
        description="UK or EU, where a purpose rests on legitimate interests or a recognised legitimate interest: are you a public "
        "authority? In the UK, one under the Freedom of Information Act 2000 or the Freedom of Information (Scotland) Act 2002 (Data "
        "Protection Act 2018 s.7), such as a government department, a local council, an NHS body, a state school, a police force or a "
        "company wholly owned by the public sector, but not a parish or community council; in the EU, one under the law of the member "
        "state. Neither basis is open to a public authority for its tasks (GDPR and UK GDPR Art. 6(1), the words after point (f)).",
        json_schema_extra=ask("collect", when=PUBLIC_AUTHORITY_ASKED),
    )

    @property
    def name(self) -> str:
        """The name the policy uses for the business."""
        return self.trading_name or self.legal_name


class AppliesTo(Model):
    """What the policy covers."""

    website: bool | None = Field(None, description="Does this policy cover your website?", json_schema_extra=ask("offer"))
    mobile_app: bool | None = Field(None, description="Does it cover a mobile or desktop app?", json_schema_extra=ask("offer"))
    services: bool | None = Field(
        None, description="Does it cover the services you provide (online or in person), not only the website?", json_schema_extra=ask("offer")
    )
    accounts: bool | None = Field(None, description="Can people create an account with a username and password?", json_schema_extra=ask("offer"))
    public_content: bool | None = Field(
        None, description="Can people post content others can see, such as forum posts, reviews or comments?", json_schema_extra=ask("offer")
    )
    remote_support: bool | None = Field(
        None,
        description="Do you connect to customers' computers remotely to give support?",
        json_schema_extra=ask("offer", when="business.kind in ['it-services', 'remote-support', 'saas', 'consultancy', 'other']"),
    )
    links_to_other_sites: bool | None = Field(
        None,
        description="Does your website link to other websites you do not control?",
        json_schema_extra=ask("offer", when="business.website or applies_to.website"),
    )


class ForCustomers(Model):
    """Personal data a business handles for its business customers, on their instructions (as their processor or service provider)."""

    data: Text = Field(
        description="What personal data your business customers put into your service, and whose, e.g. 'their employees' names, email "
        "addresses, phone numbers and shifts'.",
        json_schema_extra=ask("offer"),
    )
    contract: bool | None = Field(
        None,
        description="Does a contract with each customer (such as a data processing agreement) say how you handle that data?",
        json_schema_extra=ask("offer"),
    )
    passes_requests_to_customer: bool | None = Field(
        None,
        description="When someone asks you about that data (to see it, correct it or delete it), do you pass the request to the customer it belongs to?",
        json_schema_extra=ask("offer"),
    )


class RemoteSupport(Model):
    """Remote-access support sessions on a customer's device."""

    tool: Name | None = Field(
        None, description="The remote-access software you use, e.g. 'AnyDesk'.", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    asks_permission: bool | None = Field(
        None, description="Do you ask the customer's permission before each remote session?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    customer_can_watch: bool | None = Field(
        None, description="Can the customer watch the session and end it at any time?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    sessions_recorded: bool | None = Field(
        None, description="Do you record remote sessions?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    advise_backups: bool | None = Field(
        None,
        description="Do you ask customers to back up and secure their own files before a session?",
        json_schema_extra=ask("offer", when="applies_to.remote_support"),
    )
