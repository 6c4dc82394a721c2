"""The parts of an answer file: one model per section (business, data, sharing, ...).

`generator.answers.model.Answers` puts them together; each field's description is the
question a person answers and `json_schema_extra` carries the wizard's step,
help and condition (see `ask`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from generator.answers import validators as v
from generator.answers.fields import CountryName, Email, MaxItems, Model, Name, Phone, Text, Url, WholeNumber, ask
from generator.answers.vocabulary import BusinessKind, Channel, CookieKind, DataCategory, LegalBasis, Purpose, SecurityMeasure, Source


class App(Model):
    """A mobile or desktop app the policy covers."""

    name: Name = Field(description="The app's name as shown in the store.")
    platforms: Annotated[list[Literal["android", "ios", "windows", "macos", "web"]], MaxItems(10)] = Field(
        default_factory=list, description="Which platforms the app runs on."
    )


class PolicyDetails(Model):
    """Facts about the policy document itself."""

    effective_date: dt.date = Field(description="The date this version of the policy takes effect (YYYY-MM-DD).", json_schema_extra=ask("business"))
    last_updated: dt.date | None = Field(
        None, description="The date the policy was last changed (YYYY-MM-DD); the effective date if left empty.", json_schema_extra=ask("review")
    )
    language: Literal["en"] = Field("en", description="The language of the policy text.", json_schema_extra=ask("review", derived=True))
    notice_of_changes: Annotated[list[Literal["website", "email", "in-app"]], MaxItems(10)] = Field(
        default_factory=lambda: ["website"],  # type: ignore[arg-type]
        description="How you will tell people about important changes to this policy.",
        json_schema_extra=ask("review"),
    )
    agreement_by_use: bool = Field(
        False,
        description="Do you ask people who do not agree with this policy not to use your website or services?",
        json_schema_extra=ask("review"),
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> PolicyDetails:
        if self.last_updated is not None and self.last_updated < self.effective_date:
            raise ValueError("last_updated must not be earlier than effective_date")
        return self


class Business(Model):
    """Who the business is and how to reach it."""

    legal_name: Name = Field(description="Your business's full legal name, e.g. 'Acme Widgets Private Limited'.", json_schema_extra=ask("business"))
    trading_name: Name | None = Field(None, description="The name customers know you by, if it differs from the legal name.", json_schema_extra=ask("business"))
    kind: BusinessKind = Field(description="What kind of business is it?", json_schema_extra=ask("business"))
    description: Text | None = Field(
        None, description="One sentence on what you do, e.g. 'We build websites and apps for small businesses.'", json_schema_extra=ask("business")
    )
    website: Url | None = Field(None, description="Your website's address, starting with https://.", json_schema_extra=ask("business"))
    apps: Annotated[list[App], MaxItems(50)] = Field(
        default_factory=list, description="Mobile or desktop apps this policy covers.", json_schema_extra=ask("offer", when="applies_to.mobile_app")
    )
    country: CountryName = Field(description="The country where the business is registered.", json_schema_extra=ask("business"))
    address: Text = Field(description="Your registered postal address, on one line.", json_schema_extra=ask("business"))
    email: Email = Field(description="The email address people should use for privacy questions.", json_schema_extra=ask("contacts"))
    phone: Phone | None = Field(None, description="A phone number for privacy questions, with country code.", json_schema_extra=ask("contacts"))

    @property
    def name(self) -> str:
        """The name the policy uses for the business."""
        return self.trading_name or self.legal_name


class AppliesTo(Model):
    """What the policy covers."""

    website: bool = Field(True, description="Does this policy cover your website?", json_schema_extra=ask("offer"))
    mobile_app: bool = Field(False, description="Does it cover a mobile or desktop app?", json_schema_extra=ask("offer"))
    services: bool = Field(
        True, description="Does it cover the services you provide (online or in person), not only the website?", json_schema_extra=ask("offer")
    )
    accounts: bool = Field(False, description="Can people create an account with a username and password?", json_schema_extra=ask("offer"))
    public_content: bool = Field(
        False, description="Can people post content others can see, such as forum posts, reviews or comments?", json_schema_extra=ask("offer")
    )
    remote_support: bool = Field(False, description="Do you connect to customers' computers remotely to give support?", json_schema_extra=ask("offer"))
    links_to_other_sites: bool = Field(True, description="Does your website link to other websites you do not control?", json_schema_extra=ask("offer"))


class DataItem(Model):
    """One category of personal data, with where it comes from, why and for how long."""

    category: DataCategory | Literal["other"] = Field(description="Which category of personal data is this?", json_schema_extra=ask("collect"))
    label: Text | None = Field(
        None, description="A short name for this data, needed when the category is 'other'.", json_schema_extra=ask("collect", when="item.category == 'other'")
    )
    examples: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list,
        description="Examples of the data, e.g. 'name', 'email address'. Leave empty for the standard examples.",
        json_schema_extra=ask("collect"),
    )
    sources: Annotated[list[Source], MaxItems(20)] = Field(
        default_factory=lambda: [Source.YOU], description="Where do you get this data from?", json_schema_extra=ask("collect")
    )
    purposes: Annotated[list[Purpose], MaxItems(50)] = Field(min_length=1, description="Why do you collect this data?", json_schema_extra=ask("collect"))
    retention: Text | None = Field(
        None,
        description="How long you keep it, e.g. '3 years after your last order'. Leave empty to use the general retention answer.",
        json_schema_extra=ask("collect"),
    )
    required: bool = Field(True, description="Must people give this data to use your service?", json_schema_extra=ask("collect"))

    @model_validator(mode="after")
    def _other_needs_label(self) -> DataItem:
        if self.category == "other" and not self.label:
            raise ValueError("a data item with category 'other' needs a label")
        return self

    @property
    def name(self) -> str:
        """The readable name of this data item."""
        if self.label:
            return self.label
        assert isinstance(self.category, DataCategory)
        return self.category.label

    @property
    def example_text(self) -> str:
        """The examples given, or the category's standard examples introduced as such.

        The standard examples say what the category can hold ("such as ..."), so a business
        that gave no examples of its own is not said to collect each of them.
        """
        if self.examples:
            return ", ".join(self.examples)
        return f"such as {self.category.description}" if isinstance(self.category, DataCategory) else ""

    @property
    def sensitive(self) -> bool:
        """Whether the category counts as sensitive under the laws we cover."""
        return isinstance(self.category, DataCategory) and self.category.sensitive


class PurposeDetail(Model):
    """Extra detail for one purpose: its legal basis and an explanation."""

    purpose: Purpose = Field(description="Which purpose is this?", json_schema_extra=ask("collect"))
    legal_basis: LegalBasis | None = Field(
        None, description="The legal basis you rely on for this purpose (GDPR, UK GDPR, LGPD).",
        json_schema_extra=ask(
            "collect",
            when="gdpr_like",
            help="Contract: you need the data to do what the person asked (deliver an order, run their account). "
            "Legal obligation: a law makes you keep or use it (tax records). Consent: you use it only because they agreed "
            "(marketing, analytics cookies). Legitimate interests: a reasonable business need that does not override "
            "their rights (fraud prevention); say which interest under 'detail'.",
        ),
    )
    detail: Text | None = Field(None, description="More detail in your own words, e.g. which legitimate interest.", json_schema_extra=ask("collect"))


class Partner(Model):
    """A business partner that receives data."""

    name: Name = Field(description="The partner's name.")
    purpose: Text = Field(description="Why you share data with them, in a few words.")


class Sharing(Model):
    """Who receives personal data, other than the named services."""

    service_providers: bool = Field(
        True, description="Do service providers (hosting, email, payments and similar) handle data for you?", json_schema_extra=ask("integrations")
    )
    staff_need_to_know: bool = Field(
        True, description="Do only staff and contractors who need the data for their work see it?", json_schema_extra=ask("integrations")
    )
    affiliates: Annotated[list[Name], MaxItems(200)] = Field(
        default_factory=list, description="Companies in your group that receive data (names).", json_schema_extra=ask("integrations")
    )
    partners: Annotated[list[Partner], MaxItems(200)] = Field(
        default_factory=list, description="Business partners that receive data, and why.", json_schema_extra=ask("integrations")
    )
    business_transfers: bool = Field(True, description="Could data pass to a buyer if the business is sold or merged?", json_schema_extra=ask("integrations"))
    legal_requests: bool = Field(True, description="Do you disclose data when the law or a court requires it?", json_schema_extra=ask("integrations"))
    sells_data: bool = Field(
        False,
        description="Do you sell personal data, or give it to others for money or other benefit?",
        json_schema_extra=ask(
            "integrations",
            when="us_states or 'canada' in jurisdictions",
            help="US state laws count as a sale any exchange of personal data for money or other valuable consideration, "
            "not only a sale for cash. Paying a service provider to process data for you is not a sale.",
        ),
    )
    shares_for_advertising: bool = Field(
        False,
        description="Do you share data with others for advertising across websites and apps (targeted advertising)?",
        json_schema_extra=ask(
            "integrations",
            when="us_states",
            help="Yes if an advertising pixel or tag (for example Meta Pixel, Google Ads or LinkedIn Insight) on your site "
            "lets an ad network show your visitors ads elsewhere. California calls this 'sharing'.",
        ),
    )
    opt_out_url: Url | None = Field(
        None,
        description="The link where people opt out of sale or sharing ('Do Not Sell or Share My Personal Information').",
        json_schema_extra=ask("integrations", when="sharing.sells_data or sharing.shares_for_advertising"),
    )


class CustomService(Model):
    """A third-party service that is not in the catalogue."""

    id: Annotated[str, AfterValidator(v.check_id)] = Field(description="A short id for the service, e.g. 'acme-crm'.")
    name: Name = Field(description="The service's name.")
    provider: Name = Field(description="The legal entity that provides it.")
    country: CountryName = Field(description="The country where the provider is based.")
    kind: str = Field(description="What kind of service it is (payment, analytics, crm, ...).")
    purposes: Annotated[list[Text], MaxItems(50)] = Field(min_length=1, description="What you use it for.")
    data: Annotated[list[DataCategory], MaxItems(50)] = Field(min_length=1, description="Which categories of data it receives.")
    cookies: bool = Field(False, description="Does it set cookies or similar trackers on your website?")
    privacy_url: Url = Field(description="The link to the provider's privacy policy.")
    safeguards: Text | None = Field(None, description="How data transfers to it are protected, if it is abroad.")


ServiceRef = Annotated[str, AfterValidator(v.check_id)] | CustomService


class Payments(Model):
    """How the business takes payments."""

    takes_payments: bool = Field(False, description="Do people pay you online or through your app?", json_schema_extra=ask("payments"))
    gateways: Annotated[list[ServiceRef], MaxItems(20)] = Field(
        default_factory=list,
        description="Which payment gateways do you use? (catalogue ids, e.g. razorpay, stripe)",
        json_schema_extra=ask("payments", when="payments.takes_payments"),
    )
    card_data_kept: Literal["none", "last-four", "token"] = Field(
        "none",
        description="What card data do you keep yourself? 'none', 'last-four' (the last four digits only) or 'token' (a gateway token for repeat payments).",
        json_schema_extra=ask(
            "payments",
            when="payments.takes_payments",
            help="Look at what your order records hold. Most businesses that use a hosted checkout keep none or only the last "
            "four digits; a saved-card feature usually keeps a token from the gateway, never the card number.",
        ),
    )

    @model_validator(mode="after")
    def _gateways_need_payments(self) -> Payments:
        if self.gateways and not self.takes_payments:
            raise ValueError("gateways are listed but takes_payments is false")
        if self.takes_payments and not self.gateways:
            raise ValueError("takes_payments is true, so list at least one gateway")
        return self


class Cookies(Model):
    """Cookies and similar tracking technologies."""

    used: bool = Field(True, description="Does your website or app use cookies or similar technologies?", json_schema_extra=ask("cookies"))
    kinds: Annotated[list[CookieKind], MaxItems(20)] = Field(
        default_factory=lambda: [CookieKind.ESSENTIAL], description="What do your cookies do?", json_schema_extra=ask("cookies", when="cookies.used")
    )
    consent_banner: bool = Field(
        False,
        description="Do you ask for consent (a cookie banner) before setting non-essential cookies?",
        json_schema_extra=ask(
            "cookies",
            when="cookies.used",
            help="Answer yes only if analytics, advertising and similar cookies wait until the visitor agrees. "
            "EU and UK law require this for every cookie that is not strictly necessary.",
        ),
    )
    honours_do_not_track: bool = Field(
        False, description="Do you change what you track when a browser sends a Do Not Track signal?", json_schema_extra=ask("cookies")
    )
    honours_gpc: bool = Field(
        False,
        description="Do you treat a Global Privacy Control signal as a request to opt out of sale or sharing?",
        json_schema_extra=ask("cookies", when="us_states"),
    )


class Marketing(Model):
    """Marketing messages."""

    sends_marketing: bool = Field(False, description="Do you send marketing messages (offers, newsletters, promotions)?", json_schema_extra=ask("marketing"))
    channels: Annotated[list[Channel], MaxItems(20)] = Field(
        default_factory=list, description="Which channels do you use for marketing?", json_schema_extra=ask("marketing", when="marketing.sends_marketing")
    )
    consent: Literal["opt-in", "opt-out"] = Field(
        "opt-in",
        description="Do you ask first (opt-in) or send until people say stop (opt-out)?",
        json_schema_extra=ask("marketing", when="marketing.sends_marketing"),
    )
    unsubscribe: Annotated[list[Text], MaxItems(20)] = Field(
        default_factory=list,
        description="How people stop marketing, e.g. 'the unsubscribe link in every email', 'reply STOP to any SMS'.",
        json_schema_extra=ask("marketing", when="marketing.sends_marketing"),
    )
    service_channels: Annotated[list[Channel], MaxItems(20)] = Field(
        default_factory=lambda: [Channel.EMAIL],
        description="Which channels do you use for service messages (orders, account, support)?",
        json_schema_extra=ask("marketing"),
    )
    respects_dnd: bool = Field(
        False,
        description="Do you check India's Do Not Disturb (NCPR) register before calls and SMS?",
        json_schema_extra=ask("marketing", when="'india' in jurisdictions"),
    )
    follows_up_partner_enquiries: bool = Field(
        False,
        description="Do you contact people who asked about your services on a partner's platform (for example a software vendor's site)?",
        json_schema_extra=ask("marketing"),
    )

    @model_validator(mode="after")
    def _marketing_needs_channels(self) -> Marketing:
        if self.sends_marketing and not self.channels:
            raise ValueError("sends_marketing is true, so list at least one channel")
        if self.sends_marketing and not self.unsubscribe:
            raise ValueError("sends_marketing is true, so say how people unsubscribe")
        return self


class Children(Model):
    """Children and minimum age."""

    minimum_age: WholeNumber = Field(
        18, ge=0, le=21, description="The minimum age to use your service without a parent (e.g. 13, 16 or 18).",
        json_schema_extra=ask(
            "children",
            help="India's DPDP Act treats everyone under 18 as a child who needs a parent's verifiable consent; "
            "the GDPR lets EU countries set 13 to 16; COPPA covers children under 13 in the US.",
        ),
    )
    directed_to_children: bool = Field(False, description="Is your service meant for children under 13?", json_schema_extra=ask("children"))
    supervised_use: bool = Field(
        False, description="May younger people use the service with a parent or guardian's involvement?", json_schema_extra=ask("children")
    )
    parental_consent: Text | None = Field(
        None,
        description="How you get and check a parent's consent, e.g. 'a signed consent form and a call to the parent'.",
        json_schema_extra=ask("children", when="children.supervised_use or children.directed_to_children"),
    )
    close_underage_accounts: bool = Field(
        True, description="Do you close accounts and delete data when you learn a user is under the minimum age?", json_schema_extra=ask("children")
    )


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


class Retention(Model):
    """How long data is kept."""

    default: Text = Field(description="Your general rule, e.g. 'for as long as your account is open and 3 years after'.", json_schema_extra=ask("retention"))
    reasons: Annotated[list[Literal["purpose", "legal", "disputes", "backups"]], MaxItems(10)] = Field(
        default_factory=lambda: ["purpose", "legal", "disputes"],  # type: ignore[arg-type]
        description="Why you may keep data for that long.",
        json_schema_extra=ask("retention"),
    )
    archive_after_closure: bool = Field(
        False, description="Do you keep an archive copy of records after an account is closed?", json_schema_extra=ask("retention")
    )


class Security(Model):
    """Security practices."""

    measures: Annotated[list[SecurityMeasure], MaxItems(50)] = Field(
        min_length=1, description="Which security practices do you follow?", json_schema_extra=ask("retention")
    )
    breach_notification: bool = Field(
        False, description="Will you tell affected people about a data breach that puts them at risk?", json_schema_extra=ask("retention")
    )
    never_asks_passwords: bool = Field(
        False,
        description="Do you promise never to ask people for their passwords by phone, email or chat?",
        json_schema_extra=ask("retention", when="applies_to.accounts"),
    )


class RemoteSupport(Model):
    """Remote-access support sessions on a customer's device."""

    tool: Name | None = Field(
        None, description="The remote-access software you use, e.g. 'AnyDesk'.", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    asks_permission: bool = Field(
        True, description="Do you ask the customer's permission before each remote session?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    customer_can_watch: bool = Field(
        False, description="Can the customer watch the session and end it at any time?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    sessions_recorded: bool = Field(
        False, description="Do you record remote sessions?", json_schema_extra=ask("offer", when="applies_to.remote_support")
    )
    advise_backups: bool = Field(
        True,
        description="Do you ask customers to back up and secure their own files before a session?",
        json_schema_extra=ask("offer", when="applies_to.remote_support"),
    )


class AutomatedDecisions(Model):
    """Automated decisions and profiling."""

    used: bool = Field(
        False,
        description="Do you make decisions about people by automated means alone that have legal or similarly significant effects?",
        json_schema_extra=ask("collect"),
    )
    profiling: bool = Field(False, description="Do you build profiles of people to predict their interests or behaviour?", json_schema_extra=ask("collect"))
    description: Text | None = Field(
        None,
        description="What the decisions or profiling are, how they work and what they mean for people.",
        json_schema_extra=ask("collect", when="automated_decisions.used or automated_decisions.profiling"),
    )
