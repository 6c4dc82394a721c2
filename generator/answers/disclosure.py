"""The parts of an answer file about where information goes: sharing, services, payments and marketing messages.

Transfers abroad are in `generator.answers.transfers`, cookies in `generator.answers.cookies`; see `generator.answers.parts` for how the parts fit together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from generator.answers import validators as v
from generator.answers.fields import CountryName, MaxItems, Model, Name, Text, Url, ask
from generator.answers.vocabulary import Channel, DataCategory


class Partner(Model):
    """Another organisation that receives data: a business partner, an adviser, an authority."""

    name: Name = Field(description="The organisation's name (or who they are, e.g. 'Your local council').")
    purpose: Text = Field(description="Why you share data with them, in a few words, read after 'to' (e.g. 'prepare our tax return').")
    country: CountryName | None = Field(
        None,
        description="The country where they are (a kind of organisation in several countries: give it as separate entries).",
        json_schema_extra=ask(
            "integrations",
            when="'australia' in jurisdictions",
            help="Australia's APP 1.4(f)-(g) and 5.2(i)-(j): the policy says whether you are likely to disclose personal information "
            "overseas and, where practicable, the countries.",
        ),
    )


class Sharing(Model):
    """Who receives personal data, other than the named services."""

    service_providers: bool | None = Field(
        None, description="Do service providers (hosting, email, payments and similar) handle data for you?", json_schema_extra=ask("integrations")
    )
    other_users: Text | None = Field(
        None,
        description="What other people who use your service get about a person, if anything, e.g. 'the seller of an order gets the "
        "buyer's name and delivery address'.",
        json_schema_extra=ask("integrations"),
    )
    other_users_purpose: Text | None = Field(
        None,
        description="Why do other people who use your service get it? Read after 'to' (e.g. 'deliver the orders you place with them').",
        json_schema_extra=ask(
            "integrations",
            when="sharing.other_users and ('brazil' in jurisdictions or 'singapore' in jurisdictions)",
            help="Brazil's LGPD (Art. 9, V) gives people information about the shared use of their data and its purpose, and "
            "Singapore's PDPA (s.20(1)(a)) the purposes of each disclosure: why the other users who get it do.",
        ),
    )
    other_users_countries: Annotated[list[CountryName], MaxItems(50)] = Field(
        default_factory=list,
        description="Australia: in which countries are the other users of your service who get a person's information (your own "
        "country included, if they are there)?",
        json_schema_extra=ask(
            "integrations",
            when="sharing.other_users and 'australia' in jurisdictions",
            help="Australia's APP 1.4(f)-(g) and 5.2(i)-(j): the policy says whether you are likely to disclose personal information "
            "overseas and, where practicable, the countries. Other users who see a person's information are among those it is "
            "disclosed to.",
        ),
    )
    connected_apps: bool | None = Field(
        None,
        description="When people link another app to your service, do you send that app personal information it needs to work with "
        "yours, as they allow?",
        json_schema_extra=ask(
            "integrations",
            when="data | selectattr('sources', 'defined') | map(attribute='sources') | sum(start=[]) | select('equalto', 'integrations') | list",
            help="You said some information comes from apps people connect. The policy says that you also send such apps information "
            "only if you answer yes.",
        ),
    )
    staff_need_to_know: bool | None = Field(
        None, description="Do only staff and contractors who need the data for their work see it?", json_schema_extra=ask("integrations")
    )
    affiliates: Annotated[list[Name], MaxItems(200)] = Field(
        default_factory=list, description="Companies in your group that receive data (names).", json_schema_extra=ask("integrations")
    )
    affiliates_get: Text | None = Field(
        None,
        description="What personal information do your group companies get, read after 'get' (e.g. 'the names and email addresses of "
        "customers they support')?",
        json_schema_extra=ask(
            "integrations",
            when="sharing.affiliates and 'canada' in jurisdictions",
            help="Canada's PIPEDA (Sch. 1 cl. 4.8.2(e)) asks what personal information is made available to related organisations "
            "such as subsidiaries.",
        ),
    )
    affiliates_purpose: Text | None = Field(
        None,
        description="Why do your group companies get personal information? Read after 'to' (e.g. 'answer support requests for us').",
        json_schema_extra=ask(
            "integrations",
            when="sharing.affiliates and ('brazil' in jurisdictions or 'singapore' in jurisdictions)",
            help="Brazil's LGPD (Art. 9, V) gives people information about the shared use of their data and its purpose: why each "
            "company that gets it does. Singapore's PDPA (s.20(1)(a)) asks for the purposes for which personal data is disclosed.",
        ),
    )
    affiliate_countries: Annotated[list[CountryName], MaxItems(50)] = Field(
        default_factory=list,
        description="Australia: in which countries are the group companies that receive data (your own country included, if one is there)?",
        json_schema_extra=ask(
            "integrations",
            when="sharing.affiliates and 'australia' in jurisdictions",
            help="Australia's APP 1.4(f)-(g) and 5.2(i)-(j): the policy says whether you are likely to disclose personal information "
            "overseas and, where practicable, the countries.",
        ),
    )
    partners: Annotated[list[Partner], MaxItems(200)] = Field(
        default_factory=list,
        description="Other organisations that receive data from you (business partners, advisers such as an accountant, an authority you "
        "apply to for a client), and why.",
        json_schema_extra=ask("integrations"),
    )
    collects_for: Annotated[list[Name], MaxItems(200)] | None = Field(
        None,
        description="Quebec: the names of the other businesses or people for whom you collect personal information (you collect it on "
        "their behalf, e.g. as their agent); [] if you collect it only for yourself.",
        json_schema_extra=ask(
            "integrations",
            when="'quebec' in jurisdictions",
            help="Quebec's Act (CQLR c. P-39.1, s.8 para 2) asks you to tell people the name of the third person for whom the "
            "information is being collected, if there is one. Those who only receive it from you belong under partners.",
        ),
    )
    business_transfers: bool | None = Field(
        None, description="Could data pass to a new owner if you sell the business?", json_schema_extra=ask("integrations")
    )
    legal_requests: bool | None = Field(None, description="Do you disclose data when the law or a court requires it?", json_schema_extra=ask("integrations"))
    sells_data: bool | None = Field(
        None,
        description="Do you sell personal data, or give it to others for money or other benefit?",
        json_schema_extra=ask(
            "integrations",
            # India: SPDI r.6(1) limits passing data on; Brazil: a sale is a shared use of the data (LGPD Art. 9, V), said with whom
            when="us_states or 'canada' in jurisdictions or 'india' in jurisdictions or 'brazil' in jurisdictions",
            help="US state laws count as a sale any exchange of personal data for money or other valuable consideration, "
            "not only a sale for cash. Paying a service provider to process data for you is not a sale.",
        ),
    )
    shares_for_advertising: bool | None = Field(
        None,
        description="Do you share data with others for advertising across websites and apps (targeted advertising)?",
        json_schema_extra=ask(
            "integrations",
            when="us_states or 'brazil' in jurisdictions",  # Brazil: a shared use of the data (LGPD Art. 9, V)
            help="Yes if an advertising pixel or tag (for example Meta Pixel, Google Ads or LinkedIn Insight) on your site "
            "lets an ad network show your visitors ads elsewhere. California calls this 'sharing'.",
        ),
    )
    spdi_disclosure: Literal["permission", "contract", "none"] | None = Field(
        None,
        description="India: how do people agree before you pass their sensitive personal data (passwords, financial or card details, "
        "health information, biometrics) to another organisation for its own use, such as a buyer of data or a partner: 'permission' "
        "(you ask each person's prior permission), 'contract' (your contract with them provides for it) or 'none' (you never pass it "
        "to another organisation for its own use)?",
        json_schema_extra=ask(
            "integrations",
            when="'india' in jurisdictions and (sharing.sells_data or sharing.partners or sharing.affiliates or spdi_own_use_services)",
            help="India's SPDI Rules 2011 r.6(1): disclosing sensitive personal data to a third party needs the person's prior "
            "permission, unless your contract with them provides for it or a law requires it. Asked too when an advertising company "
            "or a service you described in full gets sensitive data. Service providers that only work for you, and authorities, are "
            "not what this asks about.",
        ),
    )
    opt_out_url: Url | None = Field(
        None,
        description="The link where people opt out of sale or sharing ('Do Not Sell or Share My Personal Information').",
        json_schema_extra=ask("integrations", when="sharing.sells_data or sharing.shares_for_advertising"),
    )
    # California (Civ. Code 1798.100(a)(1), 1798.115(c)(1)): which categories are sold, and to what kinds of third parties.
    sold_categories: Annotated[list[DataCategory | Literal["other"]], MaxItems(50)] = Field(
        default_factory=list,
        description="Which categories of your data do you sell? (None given: each is said to be sold.)",
        json_schema_extra=ask("integrations", when="sharing.sells_data"),
    )
    sold_to: Annotated[list[Text], MaxItems(20)] = Field(
        default_factory=list,
        description="To what kinds of organisations do you sell it, read after 'to' (e.g. 'data brokers', 'event organisers')?",
        json_schema_extra=ask("integrations", when="sharing.sells_data"),
    )


OnwardCountries = Annotated[
    list[CountryName], MaxItems(50), Field(description="Other countries it may send your data on to (for example to its parent company), if any.")
]
"""A service's onward transfers: the same fact for a catalogue service and one described in full."""

OwnWords = Annotated[
    list[Text],
    MaxItems(50),
    Field(
        description="What exactly it gets, in your words, where the categories in data say more (e.g. 'names and email addresses'): "
        "the policy shows these instead of the categories."
    ),
]
"""What a service gets, in the owner's words: the same fact for both forms of a service."""


class CustomService(Model):
    """A third-party service that is not in the catalogue."""

    id: Annotated[str, AfterValidator(v.check_id)] = Field(description="A short id for the service, e.g. 'acme-crm'.")
    name: Name = Field(description="The service's name.")
    provider: Name = Field(description="The legal entity that provides it.")
    country: CountryName = Field(description="The country where the provider is based.")
    kind: str = Field(description="What kind of service it is (payment, analytics, crm, ...).")
    purposes: Annotated[list[Text], MaxItems(50)] = Field(min_length=1, description="What you use it for.")
    data: Annotated[list[DataCategory], MaxItems(50)] = Field(min_length=1, description="Which categories of data it receives.")
    cookies: bool | None = Field(None, description="Does it set cookies or similar trackers on your website?")
    tracks_across_sites: bool | None = Field(
        None, description="Does it collect information about people's activity over time and across other websites, as advertising networks do?"
    )
    privacy_url: Url = Field(description="The link to the provider's privacy policy.")
    safeguards: Text | None = Field(None, description="How data transfers to it are protected, if it is abroad.")
    stored_in: CountryName | None = Field(None, description="The country where it keeps and handles your data, if that is not where it is based.")
    sends_to: OnwardCountries = Field(default_factory=list)
    gets: OwnWords = Field(default_factory=list)


class ServiceUse(Model):
    """A catalogue service, with the facts of its catalogue entry that are different for this business.

    Naming a catalogue service by its id states its catalogue facts (`policygen services ID` shows
    them) as the business's own; a fact given here replaces the catalogue's in the policy.
    """

    id: Annotated[str, AfterValidator(v.check_id)] = Field(description="The service's catalogue id, e.g. 'stripe'.")
    data: Annotated[list[DataCategory], MaxItems(50)] | None = Field(
        None, min_length=1, description="Which categories of personal data it gets from you, if not every one the catalogue lists."
    )
    purposes: Annotated[list[Text], MaxItems(50)] | None = Field(None, min_length=1, description="What you use it for, if not what the catalogue says.")
    provider: Name | None = Field(None, description="The legal entity you deal with, if not the one the catalogue names (e.g. its European company).")
    country: CountryName | None = Field(None, description="The country where that entity is based, if not the catalogue's.")
    stored_in: CountryName | None = Field(
        None, description="The country where it keeps and handles your data, if that is not where it is based (e.g. a data centre region you chose)."
    )
    sends_to: OnwardCountries = Field(default_factory=list)
    gets: OwnWords = Field(default_factory=list)
    cookies: bool | None = Field(
        None,
        description="Does it set cookies or similar trackers on your website or app? (for example no for a checkout that runs on the provider's own pages)",
    )
    tracks_across_sites: bool | None = Field(
        None,
        description="Does it collect information about people's activity over time and across other websites, as advertising networks do?",
    )
    safeguards: Text | None = Field(None, description="How data transfers to it are protected, if not what the catalogue says.")


_CUSTOM_ONLY = frozenset(CustomService.model_fields) - frozenset(ServiceUse.model_fields)


def _service_kind(value: object) -> str | None:
    """Which form a service entry takes: an id, a catalogue service with the business's own facts, or a service described inline."""
    if isinstance(value, str):
        return "id"
    if isinstance(value, ServiceUse | CustomService):
        return type(value).__name__
    if isinstance(value, dict):
        return "CustomService" if _CUSTOM_ONLY & value.keys() else "ServiceUse"
    return None


ServiceRef = Annotated[
    Annotated[str, AfterValidator(v.check_id), Tag("id")] | Annotated[ServiceUse, Tag("ServiceUse")] | Annotated[CustomService, Tag("CustomService")],
    Discriminator(_service_kind, custom_error_type="service_type", custom_error_message="should be a catalogue id or a mapping"),
]
"""A service entry: a catalogue id (`stripe`), a catalogue service with the business's own facts (`{id: stripe, cookies: false}`), or a
service described inline (with `name`, `provider`, `kind` and the rest)."""


class Payments(Model):
    """How the business takes payments."""

    takes_payments: bool | None = Field(None, description="Do people pay you online or through your app?", json_schema_extra=ask("payments"))
    gateways: Annotated[list[ServiceRef], MaxItems(20)] = Field(
        default_factory=list,
        description="Which payment gateways do you use? (catalogue ids, e.g. razorpay, stripe)",
        json_schema_extra=ask("payments", when="payments.takes_payments"),
    )
    card_data_kept: Literal["none", "last-four", "brand-and-last-four", "token"] | None = Field(
        None,
        description="What card data do you keep yourself? 'none', 'last-four' (the last four digits only), 'brand-and-last-four' (the card's "
        "brand, such as Visa, and its last four digits) or 'token' (a gateway token for repeat payments).",
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


class Marketing(Model):
    """Marketing messages."""

    sends_marketing: bool | None = Field(
        None, description="Do you send marketing messages (offers, newsletters, promotions)?", json_schema_extra=ask("marketing")
    )
    channels: Annotated[list[Channel], MaxItems(20)] = Field(
        default_factory=list, description="Which channels do you use for marketing?", json_schema_extra=ask("marketing", when="marketing.sends_marketing")
    )
    consent: Literal["opt-in", "opt-out"] | None = Field(
        None,
        description="Do you ask first (opt-in) or send until people say stop (opt-out)?",
        json_schema_extra=ask("marketing", when="marketing.sends_marketing"),
    )
    opt_in_for: Annotated[list[Literal["eu", "uk"]], MaxItems(2)] = Field(
        default_factory=list,
        description="If you send marketing on an opt-out basis but ask first in some places: where ('eu' for people in the EU, 'uk' "
        "for those in the UK).",
        json_schema_extra=ask("marketing", when="marketing.consent == 'opt-out'"),
    )
    soft_opt_in: bool | None = Field(
        None,
        description="For the EU and the UK, where you do not ask first: do you send marketing by email, SMS or WhatsApp only to your "
        "customers, only about products or services like the ones they bought, and did you let them refuse, free of charge, when you "
        "took their contact details, as you do in every message? (the 'soft opt-in')",
        json_schema_extra=ask(
            "marketing",
            when="marketing.consent == 'opt-out' and ('eu' in jurisdictions or 'uk' in jurisdictions) and marketing.opt_in_for | length < 2 "
            "and marketing.channels | select('in', ['email', 'sms', 'whatsapp']) | list",
            help="ePrivacy Directive Art. 13(2) and PECR reg. 22(3). Not for people who only asked a question or signed up to a newsletter: "
            "their details must come from a sale, or talks about one.",
        ),
    )
    unsubscribe: Annotated[list[Text], MaxItems(20)] = Field(
        default_factory=list,
        description="How people stop marketing, e.g. 'the unsubscribe link in every email', 'reply STOP to any SMS'.",
        json_schema_extra=ask("marketing", when="marketing.sends_marketing"),
    )
    service_channels: Annotated[list[Channel], MaxItems(20)] = Field(
        default_factory=list,
        description="Which channels do you use for service messages (orders, account, support)?",
        json_schema_extra=ask("marketing"),
    )
    service_topics: Annotated[list[Text], MaxItems(20)] = Field(
        default_factory=list,
        description="What your service messages are about, in a few words each (e.g. 'replies to your questions', 'invoices', 'booking "
        "confirmations').",
        json_schema_extra=ask("marketing", when="marketing.service_channels"),
    )
    respects_dnd: bool | None = Field(
        None,
        description="Do you check India's Do Not Disturb (NCPR) register before calls and SMS?",
        json_schema_extra=ask(
            "marketing",
            when="'india' in jurisdictions and marketing.sends_marketing and marketing.channels | select('in', ['phone', 'sms', 'whatsapp']) | list",
        ),
    )
    follows_up_partner_enquiries: bool | None = Field(
        None,
        description="Do you contact people who asked about your services on a partner's platform (for example a software vendor's site)?",
        json_schema_extra=ask("marketing", when="business.kind in ['it-services', 'saas', 'consultancy', 'remote-support', 'other']"),
    )

    @model_validator(mode="after")
    def _marketing_answers_fit(self) -> Marketing:
        if self.sends_marketing and not self.channels:
            raise ValueError("sends_marketing is true, so list at least one channel")
        if self.sends_marketing and not self.unsubscribe:
            raise ValueError("sends_marketing is true, so say how people unsubscribe")
        if self.soft_opt_in is not None and self.consent != "opt-out":
            raise ValueError("soft_opt_in is about marketing sent without asking first: answer consent: opt-out, or leave soft_opt_in out")
        if self.opt_in_for and self.consent != "opt-out":
            raise ValueError(
                "opt_in_for names where you ask first although you send on an opt-out basis elsewhere: answer consent: opt-out, or leave opt_in_for out"
            )
        return self
