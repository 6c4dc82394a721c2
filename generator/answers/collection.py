"""The parts of an answer file about the information itself: what is collected, why, how long it is kept, how it is protected, and decisions made from it.

See `generator.answers.parts` for how the parts fit together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from generator.answers.fields import MaxItems, Model, Text, ask
from generator.answers.vocabulary import DataCategory, Purpose, SecurityMeasure, Source

SpecialCondition = Literal["explicit-consent", "employment", "vital-interests", "made-public", "legal-claims", "health-care"]
"""A condition of GDPR Art. 9(2) for using special category data: points (a), (b), (c), (e), (f) and (h)."""

LgpdGround = Literal[
    "specific-consent", "legal-obligation", "public-policy", "research", "exercise-of-rights", "protect-life", "health-protection",
    "fraud-prevention",
]  # fmt: skip
"""A ground of LGPD Art. 11 for using sensitive personal data: I (the person's specific and prominent consent) and II (a)-(g)."""

SPECIAL_CATEGORIES = ("health", "biometric")
"""The categories that are special category data (GDPR Art. 9(1)) and sensitive personal data (LGPD Art. 5, II)."""

DataSubject = Literal["children", "parents", "customers", "visitors", "users", "staff", "job-applicants", "business-contacts"]
"""Whose information a data item is."""


class DataItem(Model):
    """One category of personal data, with where it comes from, why and for how long."""

    category: DataCategory | Literal["other"] = Field(description="Which category of personal data is this?", json_schema_extra=ask("collect"))
    label: Text | None = Field(
        None, description="A short name for this data, needed when the category is 'other'.", json_schema_extra=ask("collect", when="item.category == 'other'")
    )
    examples: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list,
        description="Examples of the data, e.g. 'name', 'email address'. Leave empty to name only the category.",
        json_schema_extra=ask("collect"),
    )
    sources: Annotated[list[Source], MaxItems(20)] = Field(
        default_factory=list, description="Where do you get this data from?", json_schema_extra=ask("collect")
    )
    purposes: Annotated[list[Purpose], MaxItems(50)] = Field(min_length=1, description="Why do you collect this data?", json_schema_extra=ask("collect"))
    retention: Text | None = Field(
        None,
        description="How long you keep it, e.g. '3 years after your last order'. Leave empty to use the general retention answer.",
        json_schema_extra=ask("collect"),
    )
    required: bool | None = Field(None, description="Must people give this data to use your service?", json_schema_extra=ask("collect"))
    special_condition: Annotated[list[SpecialCondition], MaxItems(6)] = Field(
        default_factory=list,
        description="EU and UK, for health or biometric data: the condition of GDPR Art. 9(2) that lets you use it: 'explicit-consent', "
        "'employment' (employment or social security law), 'vital-interests', 'made-public' (the person made it public), 'legal-claims' "
        "or 'health-care' (care by professionals bound to confidentiality).",
        json_schema_extra=ask("collect", when=f"('eu' in jurisdictions or 'uk' in jurisdictions) and item.get('category') in {list(SPECIAL_CATEGORIES)}"),
    )
    lgpd_ground: Annotated[list[LgpdGround], MaxItems(8)] = Field(
        default_factory=list,
        description="Brazil, for health or biometric data: the ground of LGPD Art. 11 that lets you use it: 'specific-consent' (the "
        "person's specific consent, asked for separately, for specific purposes: Art. 11 I) or, without consent where it is "
        "indispensable (Art. 11 II): 'legal-obligation' (a legal or regulatory obligation), 'public-policy' (shared with the public "
        "administration for a public policy a law or regulation sets), 'research' (studies by a research body), 'exercise-of-rights' "
        "(the regular exercise of rights, in a contract or in court, administrative or arbitration proceedings), 'protect-life' (the "
        "life or physical safety of the person or someone else), 'health-protection' (by health professionals, health services or a "
        "health authority) or 'fraud-prevention' (the person's safety when they are identified or registered in electronic systems).",
        json_schema_extra=ask(
            "collect",
            when=f"'brazil' in jurisdictions and item.get('category') in {list(SPECIAL_CATEGORIES)}",
            help="Brazil's LGPD (Art. 5, II) counts health and biometric data as sensitive. Art. 11 lets you use it only with the "
            "person's specific consent or where one of its listed cases makes it indispensable; a contract or your legitimate "
            "interests are not enough.",
        ),
    )
    source_names: Annotated[list[Text], MaxItems(50)] = Field(
        default_factory=list,
        description="Who passes you this data, by name, where it comes from business partners or services that work for you (e.g. "
        "'Example Events Ltd'): GDPR Art. 14(2)(f) asks for the source.",
        json_schema_extra=ask("collect", when="'partners' in item.get('sources', []) or 'services' in item.get('sources', [])"),
    )
    collected_when: Text | None = Field(
        None,
        description="Australia: when and how others pass you this data, where it comes from business partners, services that work for "
        "you or public sources (e.g. 'when a clinic that uses our software adds you as its client').",
        json_schema_extra=ask(
            "collect",
            when="'australia' in jurisdictions and ('partners' in item.get('sources', []) or 'services' in item.get('sources', []) "
            "or 'public' in item.get('sources', []))",
            help="Australia's APP 5.2(b): when you collect personal information from someone other than the person, the notice says so "
            "and the circumstances of the collection.",
        ),
    )
    about: Annotated[list[DataSubject], MaxItems(10)] = Field(
        default_factory=list,
        description="Whose information this is, where that matters: e.g. [children] for a child's game progress, [parents] for a parent's "
        "email address. Leave empty if it is about anyone who uses your service.",
        json_schema_extra=ask("collect", when="children.directed_to_children or children.supervised_use or children.minimum_age"),
    )

    @model_validator(mode="after")
    def _other_needs_label(self) -> DataItem:
        if self.category == "other" and not self.label:
            raise ValueError("a data item with category 'other' needs a label")
        return self

    @field_validator("lgpd_ground")
    @classmethod
    def _lgpd_ground_for_sensitive_data(cls, value: list[str], info: ValidationInfo) -> list[str]:
        category = info.data.get("category")
        if value and category is not None and str(category) not in SPECIAL_CATEGORIES:
            raise ValueError(
                f"is for health or biometric data, which LGPD Art. 5, II counts as sensitive (Art. 11 gives its grounds); this item is "
                f"'{category}' data, whose basis is its purposes' legal_basis: leave lgpd_ground out"
            )
        twice = sorted({ground for ground in value if value.count(ground) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(repr(ground) for ground in twice)} twice: give each ground once")
        return value

    @property
    def name(self) -> str:
        """The readable name of this data item."""
        if self.label:
            return self.label
        assert isinstance(self.category, DataCategory)
        return self.category.label

    @property
    def example_text(self) -> str:
        """The examples the owner gave, joined; empty when none were given.

        A category's standard examples are not printed for it: "Contact details: such as email address, phone
        number, postal address" reads as collecting each of them, which the owner never said. Examples that hold commas of
        their own ("the IP address, browser and time of each sign-in") are set apart by semicolons, so they do not run together.
        """
        return ("; " if any("," in example for example in self.examples) else ", ").join(self.examples)

    @property
    def about_children(self) -> bool:
        """Whether the item is about children: its `about` names them, or it is about everyone who uses the service (no `about`)."""
        return not self.about or "children" in self.about

    @property
    def sensitive(self) -> bool:
        """Whether the category counts as sensitive under the laws we cover."""
        return isinstance(self.category, DataCategory) and self.category.sensitive


class Retention(Model):
    """How long data is kept."""

    default: Text = Field(description="Your general rule, e.g. 'for as long as your account is open and 3 years after'.", json_schema_extra=ask("retention"))
    reasons: Annotated[list[Literal["purpose", "legal", "disputes", "backups"]], MaxItems(10)] = Field(
        default_factory=list,
        description="Why you may keep data for that long.",
        json_schema_extra=ask("retention"),
    )
    legal_period: Text | None = Field(
        None,
        description="How long the law makes you keep data beyond your general rule, and which law, e.g. 'invoices for 8 years after "
        "the end of the financial year, under Indian tax law'.",
        json_schema_extra=ask("retention", when="'legal' in retention.reasons"),
    )
    disputes_period: Text | None = Field(
        None,
        description="How long you keep data to settle disputes, e.g. 'until the time limit for claims ends, 3 years after our work ends'.",
        json_schema_extra=ask("retention", when="'disputes' in retention.reasons"),
    )
    backups_period: Text | None = Field(
        None,
        description="How long copies stay in your backups before they are deleted, e.g. 'up to 35 days, until the backup is overwritten'.",
        json_schema_extra=ask("retention", when="'backups' in retention.reasons"),
    )
    after_use: Literal["delete", "delete-or-anonymise"] | None = Field(
        None,
        description="When you no longer need information for the reasons in your policy, what do you do with it: 'delete', or "
        "'delete-or-anonymise' (delete it, or make it anonymous so that it no longer identifies anyone)?",
        json_schema_extra=ask("retention", when="'purpose' in retention.reasons"),
    )
    archive_after_closure: bool | None = Field(
        None, description="Do you keep an archive copy of records after an account is closed?", json_schema_extra=ask("retention")
    )
    archive_purpose: Text | None = Field(
        None,
        description="What you keep that archive copy for, and nothing else, as the end of 'We keep it only to ...', e.g. 'meet our tax "
        "and accounting obligations'.",
        json_schema_extra=ask("retention", when="retention.archive_after_closure"),
    )

    @model_validator(mode="after")
    def _details_fit_their_answers(self) -> Retention:
        if self.backups_period and "backups" not in self.reasons:
            raise ValueError("backups_period says how long backups keep data: add 'backups' to reasons, or leave backups_period out")
        if self.archive_purpose and self.archive_after_closure is not True:
            raise ValueError("archive_purpose says what the archive is kept for: answer archive_after_closure: true, or leave archive_purpose out")
        return self


class MeasureDetail(Model):
    """How one security measure works, in the owner's words."""

    measure: SecurityMeasure = Field(description="Which of your security measures this is about.")
    what: Text = Field(description="What the measure is, as a sentence part (e.g. 'our database is encrypted').")


class Security(Model):
    """Security practices."""

    measures: Annotated[list[SecurityMeasure], MaxItems(50)] = Field(
        min_length=1, description="Which security practices do you follow?", json_schema_extra=ask("retention")
    )
    details: Annotated[list[MeasureDetail], MaxItems(50)] = Field(
        default_factory=list,
        description="How a measure works, in your words, where the standard wording says more than you do (e.g. 'staff sign in with "
        "two-factor authentication' instead of every account that holds data).",
        json_schema_extra=ask("retention", when="security.measures"),
    )
    holding: Text | None = Field(
        None,
        description="How and where do you hold personal information, read after 'We hold personal information' (e.g. 'electronically, "
        "with our cloud hosting provider, and on paper in a locked cabinet at our office')?",
        json_schema_extra=ask(
            "retention",
            when="'australia' in jurisdictions",
            help="Australia's APP 1.4(b) asks the policy to say how you hold personal information (electronic records, paper files, "
            "who stores them for you).",
        ),
    )
    breach_notification: Literal["every-breach", "at-risk", "none"] | None = Field(
        None,
        description="Will you tell people about a data breach that affects their personal information: 'every-breach' (each affected "
        "person, of every breach), 'at-risk' (only those a breach puts at risk) or 'none' (you do not promise to tell anyone)? "
        "Files written before December 2026 answered yes or no: yes is read as 'at-risk' (what that question asked), no as 'none'.",
        json_schema_extra=ask(
            "retention",
            help="From 13 May 2027 India's DPDP Act s.8(6) and DPDP Rules 2025 r.7(1) require you to tell each affected person of "
            "every personal data breach, without delay, whether or not it puts them at risk. The policy says only what you choose.",
        ),
    )

    @field_validator("breach_notification", mode="before")
    @classmethod
    def _yes_or_no_as_before(cls, value: object) -> object:
        """The earlier yes/no answer, to "Will you tell affected people about a data breach that puts them at risk?"."""
        return {True: "at-risk", False: "none"}.get(value, value) if isinstance(value, bool) else value

    account_rules: bool | None = Field(
        None,
        description="Do you ask account holders to keep their details true and up to date, keep their password secret, not share their "
        "account and tell you if someone else used it?",
        json_schema_extra=ask("retention", when="applies_to.accounts"),
    )
    never_asks_passwords: bool | None = Field(
        None,
        description="Do you promise never to ask people for their passwords by phone, email or chat?",
        json_schema_extra=ask("retention", when="applies_to.accounts"),
    )

    @model_validator(mode="after")
    def _details_of_listed_measures(self) -> Security:
        for detail in self.details:
            if detail.measure not in self.measures:
                raise ValueError(f"details names '{detail.measure.value}', which is not among measures: add it there or leave it out here")
        return self


class AutomatedDecisions(Model):
    """Automated decisions and profiling."""

    used: bool | None = Field(
        None,
        description="Do you make decisions about people by automated means alone that have legal or similarly significant effects?",
        json_schema_extra=ask("collect"),
    )
    profiling: bool | None = Field(
        None, description="Do you build profiles of people to predict their interests or behaviour?", json_schema_extra=ask("collect")
    )
    lgpd_decisions: bool | None = Field(
        None,
        description="Brazil: do you make decisions about people based only on automated processing of their personal data that affect "
        "their interests, including decisions that define their personal, professional, consumer or credit profile or aspects of "
        "their personality? Answer yes also where the effects are smaller than legal or similarly significant ones.",
        json_schema_extra=ask(
            "collect",
            when="'brazil' in jurisdictions and not automated_decisions.used",
            help="Brazil's LGPD (Art. 20) gives people the right to ask for a review of such decisions, and clear information about "
            "their criteria and procedures: it is wider than the GDPR's decisions with legal or similarly significant effects.",
        ),
    )
    significant_profiling_purposes: Annotated[list[Purpose], MaxItems(50)] | None = Field(
        None,
        description="US states: for which of your purposes (as under 'data:') do you use the data for profiling that can lead to "
        "decisions with legal or similarly significant effects on people, such as whether they get financial or lending services, "
        "housing, insurance, education, employment, health care or basic necessities? An empty list if none.",
        json_schema_extra=ask(
            "collect",
            when="profiling_opt_out_law and automated_decisions.profiling",
            help="Most US state laws give people the right to opt out of profiling in furtherance of such decisions (for example "
            "Va. Code 59.1-577(A)(5)(iii), C.R.S. 6-1-1306(1)(a)(I)(C)); the policy names that right beside your profiling only for "
            "the purposes you list here, and says you do no such profiling when the list is empty. The Colorado Privacy Act Rules "
            "(4 CCR 904-3 r.6.03(A)(1)(c)) also ask the notice to say, for each purpose, whether its data is used for such profiling.",
        ),
    )
    ccpa_significant_decision: bool | None = Field(
        None,
        description="California: do these automated decisions decide whether people get financial or lending services, housing, "
        "education, employment or pay, or healthcare (a 'significant decision' under the CCPA regulations)?",
        json_schema_extra=ask("collect", when="automated_decisions.used and 'california' in jurisdictions"),
    )
    assisted: bool | None = Field(
        None,
        description="Australia: do computer programs do things substantially and directly related to decisions you make about people "
        "that could significantly affect their rights or interests (for example, scoring an application a person then decides on)?",
        json_schema_extra=ask("collect", when="'australia' in jurisdictions"),
    )
    assisted_description: Text | None = Field(
        None,
        description="Australia: the kinds of decisions the programs help make and the kinds of personal information they use, "
        "e.g. 'a score from your payment history that our staff use to decide on credit terms'.",
        json_schema_extra=ask("collect", when="automated_decisions.assisted"),
    )
    quebec_activation: Text | None = Field(
        None,
        description="Quebec: where your technology can identify, locate or profile people, those functions are off until the person "
        "turns them on: how do they turn them on? e.g. 'with the Personalised offers switch in Account > Privacy'. Leave it empty if "
        "they are on without the person's action.",
        json_schema_extra=ask("collect", when="'quebec' in jurisdictions"),
    )
    description: Text | None = Field(
        None,
        description="What the decisions or profiling are, how they work and what they mean for people.",
        json_schema_extra=ask(
            "collect", when="automated_decisions.used or automated_decisions.profiling or automated_decisions.lgpd_decisions"
        ),
    )
    logic: Text | None = Field(
        None,
        description="How the automated decisions are made: the information they use and the main factors, e.g. 'the email domain and "
        "signs of earlier misuse; a domain on our blocklist means a refusal'.",
        json_schema_extra=ask("collect", when="automated_decisions.used"),
    )
    data_used: Annotated[list[DataCategory | Literal["other"]], MaxItems(50)] = Field(
        default_factory=list,
        description="Which categories of your data (as under 'data:') do the automated decisions use? ('other' names each 'other' "
        "item.)",
        json_schema_extra=ask(
            "collect",
            when="automated_decisions.used",
            help="GDPR and UK GDPR Art. 13(2)(f), 14(2)(g): meaningful information about the logic involved includes the categories "
            "of data the decision uses (WP251rev.01); the policy names them: 'To decide, we use your ...'.",
        ),
    )
    main_factors: Annotated[list[Text], MaxItems(10)] = Field(
        default_factory=list,
        description="The main factors the automated decisions weigh, each in a few words read after 'The main factors are', e.g. "
        "'whether your email domain was used for earlier misuse'.",
        json_schema_extra=ask("collect", when="automated_decisions.used"),
    )
    consequences: Text | None = Field(
        None,
        description="What the decisions can mean for the person, e.g. 'a refused free trial, which you can still ask us to review'.",
        json_schema_extra=ask("collect", when="automated_decisions.used"),
    )
    grounds: Annotated[list[Literal["contract", "law", "explicit-consent"]], MaxItems(3)] = Field(
        default_factory=list,
        description="EU and UK: why you may decide by automated means alone (GDPR Art. 22(2)): 'contract' (necessary to enter into or "
        "carry out a contract with the person), 'law' (a law that applies to you authorises it) or 'explicit-consent'.",
        json_schema_extra=ask("collect", when="automated_decisions.used and ('eu' in jurisdictions or 'uk' in jurisdictions)"),
    )
    lgpd_trade_secrets: bool | None = Field(
        None,
        description="Brazil: when people ask about the criteria and procedures behind these automated decisions, do you hold back "
        "details that are your commercial or industrial secrets?",
        json_schema_extra=ask(
            "collect",
            when="'brazil' in jurisdictions and (automated_decisions.used or automated_decisions.lgpd_decisions)",
            help="Brazil's LGPD (Art. 20 §1) lets you keep commercial and industrial secrets out of that information; where you do, "
            "the ANPD may audit the automated processing for discrimination (§2). Answer no if you give the whole of it.",
        ),
    )
    trains_language_models: bool | None = Field(
        None,
        description="Do you collect, use or sell personal data to train large language models (AI)?",
        json_schema_extra=ask(
            "collect",
            when="'connecticut' in jurisdictions",
            help="Connecticut asks every privacy notice from 1 July 2026 to say whether you do (Public Act 25-113).",
        ),
    )

    @field_validator("lgpd_decisions")
    @classmethod
    def _significant_decisions_affect_interests(cls, value: bool | None, info: ValidationInfo) -> bool | None:
        if value is False and info.data.get("used") is True:
            raise ValueError(
                "is false, but automated_decisions.used is true: decisions with legal or similarly significant effects affect people's "
                "interests (LGPD Art. 20); leave lgpd_decisions out or answer true"
            )
        return value
