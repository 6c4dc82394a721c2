"""The contact parts of an answer file: people with a legal role for privacy, and how people use their rights."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.answers.fields import Email, MaxItems, Model, Name, Phone, Text, Url, WholeNumber, ask
from generator.answers.vocabulary import RequestMethod


class Contact(Model):
    """A named person or office people can write to."""

    name: Name = Field(description="Full name of the person (or the office's name).")
    title: Text | None = Field(None, description="Their job title, e.g. 'Grievance Officer'.")
    email: Email = Field(description="Email address for privacy questions.")
    phone: Phone | None = Field(None, description="Phone number, with country code, e.g. +91 80 4000 1234.")
    address: Text | None = Field(None, description="Postal address, on one line.")
    hours: Text | None = Field(None, description="When they can be reached, e.g. 'Monday to Friday, 10:00-18:00 IST'.")


class Requests(Model):
    """How people exercise their rights."""

    methods: Annotated[list[RequestMethod], MaxItems(20)] = Field(
        default_factory=list, description="How can people send a privacy request? (None given: your email address.)", json_schema_extra=ask("contacts")
    )
    web_form_url: Url | None = Field(
        None, description="The link to your privacy request form.", json_schema_extra=ask("contacts", when="'web-form' in requests.methods")
    )
    response_days: WholeNumber | None = Field(None, ge=1, le=90, description="Within how many days do you answer a request?", json_schema_extra=ask("contacts"))
    account_closing: Literal["in-account", "on-request"] | None = Field(
        None,
        description="How can people close their account? 'in-account' (themselves, in their account settings) or 'on-request' (by asking you).",
        json_schema_extra=ask("contacts", when="applies_to.accounts"),
    )
    verification: Text | None = Field(
        None,
        description="How you check the identity of the person asking.",
        json_schema_extra=ask("contacts"),
    )
    complaint_handling: Text | None = Field(
        None,
        description="How do you deal with a privacy complaint: who looks into it, the steps, and how soon you answer? (e.g. 'our privacy "
        "officer acknowledges it within 5 working days, looks into it, and tells you the outcome and what we changed within 30 days')",
        json_schema_extra=ask(
            "contacts",
            when="'canada' in jurisdictions or 'australia' in jurisdictions",
            help="Canada's PIPEDA (Sch. 1 cl. 4.10) asks for complaint procedures people can use, and Australia's APP 1.4(e) for the "
            "policy to say how you will deal with a complaint.",
        ),
    )
    all_rights_everywhere: bool | None = Field(
        None,
        description=(
            "Do you let everyone, wherever they live, restrict and object to your use of their data, and move the data they gave you for a contract "
            "or with their consent (not only where the law requires)?"
        ),
        json_schema_extra=ask("contacts"),
    )
    exclusively_online: bool | None = Field(
        None,
        description="Do you deal with people only online (no shop, office visits, events or phone sales), with a direct relationship with "
        "each person whose data you collect?",
        json_schema_extra=ask(
            "contacts",
            when="'california' in jurisdictions",
            help="California asks for a toll-free number for requests unless the business operates exclusively online and has a direct "
            "relationship with the people it collects data from; then an email address is enough (Civ. Code 1798.130(a)(1)(A)).",
        ),
    )
    authorized_agents: bool | None = Field(
        None,
        description="Do you accept requests from someone acting for the person (an authorised agent)?",
        json_schema_extra=ask("contacts", when="us_states"),
    )
    sensitive_consent: bool | None = Field(
        None,
        description="US states: do you process sensitive data (such as health, biometric or precise location data) only after the "
        "person has agreed to it (a parent, for a child under 13)?",
        json_schema_extra=ask(
            "contacts",
            when="us_states and sensitive_data",
            help="Most US state laws let a business process sensitive data only with the consumer's consent (for example Va. Code "
            "59.1-578(A)(5)); the policy says so only when you answer yes.",
        ),
    )
    consent_withdrawal: Text | None = Field(
        None,
        description="US states: how people withdraw that consent, read after 'You can withdraw your consent' (e.g. 'in your account "
        "settings, or by writing to us').",
        json_schema_extra=ask(
            "contacts",
            when="requests.sensitive_consent",
            help="Colorado, Connecticut, Oregon and Montana, among others, ask for a way to withdraw consent that is as easy as giving it.",
        ),
    )
    consent_manager: Name | None = Field(
        None,
        description="India: the Consent Manager registered with the Data Protection Board through which people can manage consent with you, if any.",
        json_schema_extra=ask("contacts", when="'india' in jurisdictions"),
    )

    @model_validator(mode="after")
    def _form_needs_url(self) -> Requests:
        if RequestMethod.WEB_FORM in self.methods and not self.web_form_url:
            raise ValueError("'web-form' is a request method, so give web_form_url")
        return self


class Contacts(Model):
    """People with a legal role for privacy."""

    grievance_officer: Contact | None = Field(
        None,
        description="India: the Grievance Officer's details (name, title, email, phone, address).",
        json_schema_extra=ask(
            "contacts",
            when="'india' in jurisdictions",
            help="India's SPDI Rules 2011 require the policy to name a Grievance Officer and give their contact details; "
            "they must resolve complaints within one month.",
        ),
    )
    dpo: Contact | None = Field(
        None,
        description="Your Data Protection Officer, if you have appointed one.",
        json_schema_extra=ask("contacts", when="gdpr_like or 'india' in jurisdictions or 'canada' in jurisdictions or 'quebec' in jurisdictions"),
    )
    dpo_accountable: bool | None = Field(
        None,
        description="Canada and Quebec: is your Data Protection Officer also the person accountable for your compliance with Canada's "
        "PIPEDA and in charge of protecting personal information under Quebec's law?",
        json_schema_extra=ask("contacts", when="gdpr_like and contacts.dpo and ('canada' in jurisdictions or 'quebec' in jurisdictions)"),
    )
    person_in_charge: Contact | None = Field(
        None,
        description="Quebec: who is in charge of protecting personal information, if not your Data Protection Officer? Unless they "
        "delegate it in writing, it is the person with the highest authority in your business (e.g. the chief executive): their title "
        "and contact details.",
        json_schema_extra=ask(
            "contacts",
            when="'quebec' in jurisdictions and (not contacts.dpo or (gdpr_like and contacts.dpo_accountable is not true))",
            help="Quebec's Act respecting the protection of personal information in the private sector (s.3.1) makes the person with "
            "the highest authority in the business the person in charge of protecting personal information, and asks for their title "
            "and contact details to be published.",
        ),
    )
    eu_representative: Contact | None = Field(
        None,
        description="EU: your representative in the EU, needed when you have no office there.",
        json_schema_extra=ask("contacts", when="'eu' in jurisdictions and home != 'eu'"),
    )
    uk_representative: Contact | None = Field(
        None,
        description="UK: your representative in the UK, needed when you have no office there.",
        json_schema_extra=ask("contacts", when="'uk' in jurisdictions and home != 'uk'"),
    )
    ch_representative: Contact | None = Field(
        None,
        description="Switzerland: your representative in Switzerland, if you have designated one (FADP Art. 14).",
        json_schema_extra=ask(
            "contacts",
            when="'switzerland' in jurisdictions and home != 'switzerland'",
            help="A business outside Switzerland needs one when it offers goods or services in Switzerland or monitors people there, and "
            "handles their data extensively, regularly and with a high risk to them.",
        ),
    )
    representative_exempt: bool | None = Field(
        None,
        description="EU and UK: without an office there, is your handling of people's data there only occasional, with no large-scale "
        "sensitive or criminal-offence data, and unlikely to put them at risk, so that you need no representative (Art. 27(2))?",
        json_schema_extra=ask("contacts", when="('eu' in jurisdictions and home != 'eu') or ('uk' in jurisdictions and home != 'uk')"),
    )
    lead_authority: Text | None = Field(
        None,
        description="EU: the supervisory authority you deal with, if you have an establishment in the EU.",
        json_schema_extra=ask("contacts", when="'eu' in jurisdictions"),
    )

    @model_validator(mode="after")
    def _person_in_charge_has_title(self) -> Contacts:
        if self.person_in_charge is not None and not self.person_in_charge.title:
            raise ValueError("give person_in_charge a title: Quebec's Act (s.3.1) publishes the title of the person in charge")
        return self
