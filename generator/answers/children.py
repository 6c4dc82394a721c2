"""The children part of an answer file: the minimum age, a service directed to children, a parent's consent and COPPA's exceptions.

See `generator.answers.parts` for how the parts fit together; the checks across children's answers and other parts are in
`children_checks.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.answers.fields import MaxItems, Model, Name, Text, WholeNumber, ask
from generator.answers.vocabulary import ConsentException, InternalOperation

_COPPA_ASKED = "'united-states' in jurisdictions and (children.directed_to_children or (children.minimum_age is not none and children.minimum_age < 13))"
"""When COPPA's questions are asked: US law chosen, and a service directed to children under 13 or open to them."""

COPPA_THIRD_PARTIES_WHEN = "(sharing.affiliates or sharing.partners or sharing.sells_data or sharing.shares_for_advertising)"
"""The wizard's reading, over the answers given so far, of the context value `coppa_third_parties` (generator/context/children.py):
children's information goes to third parties, companies in the group, partners, buyers or advertising companies (16 CFR 312.2:
not a service provider supporting the internal operations). The wizard's conditions see answers, not the policy context;
tests/test_legal_coppa.py checks that the two say the same."""


IndiaParentCheck = Literal["details-held", "details-given", "virtual-token"]
"""How a business checks that the person consenting for a child is an identifiable adult: DPDP Rules 2025 Rule 10(1)(a), (b)(i), (b)(ii)."""


class Children(Model):
    """Children and minimum age."""

    minimum_age: WholeNumber | None = Field(
        None, ge=0, le=21, description="The minimum age to use your service without a parent (e.g. 13, 16 or 18).",
        json_schema_extra=ask(
            "children",
            help="India's DPDP Act treats everyone under 18 as a child who needs a parent's verifiable consent; "
            "the GDPR lets EU countries set 13 to 16; COPPA covers children under 13 in the US.",
        ),
    )
    minimum_age_for: Literal["use", "accounts", "purchases"] | None = Field(
        None,
        description="What the minimum age is for: 'use' (using your service at all), 'accounts' (opening an account) or 'purchases' "
        "(buying from you or booking your services). Unanswered, it reads as 'use'.",
        json_schema_extra=ask("children", when="children.minimum_age"),
    )
    directed_to_children: bool | None = Field(None, description="Is your service meant for children under 13?", json_schema_extra=ask("children"))
    supervised_use: bool | None = Field(
        None, description="May younger people use the service with a parent or guardian's involvement?", json_schema_extra=ask("children")
    )
    parental_consent: Text | None = Field(
        None,
        description="How you get and check a parent's consent, e.g. 'a signed consent form and a call to the parent'.",
        json_schema_extra=ask(
            "children", when="children.supervised_use or children.directed_to_children or (children.minimum_age and children.minimum_age < 18)"
        ),
    )
    india_parent_check: Annotated[list[IndiaParentCheck], MaxItems(3)] = Field(
        default_factory=list,
        description="India: how do you check that the person giving consent for a child is an adult who can be identified: "
        "'details-held' (reliable details of their identity and age that you already hold), 'details-given' (details of their "
        "identity and age that they give you) or 'virtual-token' (a virtual token mapped to those details, issued by an entity "
        "authorised to issue them, such as a Digital Locker service)?",
        json_schema_extra=ask(
            "children",
            when="'india' in jurisdictions and children.parental_consent",
            help="India's DPDP Rules 2025, Rule 10(1) (from 13 May 2027): before processing a child's personal data, check that the "
            "person who says they are the parent is an identifiable adult, by reference to reliable identity and age details you "
            "hold, or to such details given by them or through a virtual token from an authorised entity (a Digital Locker "
            "service among them).",
        ),
    )
    affiliates_purpose: Text | None = Field(
        None,
        description="US children under 13: what do the companies in your group (sharing.affiliates) receive children's information "
        "for? Read after 'to', e.g. 'run the lessons with us and answer parents' questions'.",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED + " and sharing.affiliates",
            help="16 CFR 312.4(d)(2) as amended in 2025: the online notice names the third parties that receive children's "
            "information and the purposes of each disclosure.",
        ),
    )
    buyer_names: Annotated[list[Name], MaxItems(50)] = Field(
        default_factory=list,
        description="US children under 13, where you sell personal information: the names of the organisations that buy it from you "
        "(sharing.sold_to says what kinds of organisations they are), e.g. 'Acme Data Inc.'.",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED + " and sharing.sells_data",
            help="16 CFR 312.4(d)(2) as amended in 2025: the online notice gives the identities and specific categories of the third "
            "parties that receive children's information, and the purposes (the direct notice to a parent may give either).",
        ),
    )
    disclosure_consent: Literal["separate", "integral"] | None = Field(
        None,
        description="US children under 13, where a parent's consent is asked and children's information goes to third parties (companies "
        "in your group, partners, buyers or advertising companies): 'separate' (a parent can agree to your collecting and using a "
        "child's information without agreeing to that disclosure, and you disclose it only with the parent's separate consent) or "
        "'integral' (the disclosure is part of how the service itself works).",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED + " and children.parental_consent and " + COPPA_THIRD_PARTIES_WHEN,
            help="16 CFR 312.5(a)(2) as amended in 2025: unless the disclosure to third parties is integral to the service, a parent "
            "must be able to consent to collection and use without consenting to it, and the disclosure needs a separate verifiable consent.",
        ),
    )
    minors_sale_ads: Literal["never", "with-consent"] | None = Field(
        None,
        description="US states: where you know, or wilfully disregard, that a person is under 18, do you sell their personal data or use "
        "it for targeted advertising 'never', or only 'with-consent' (theirs, or a parent's under 13)?",
        json_schema_extra=ask(
            "children",
            when="us_states and (sharing.sells_data or sharing.shares_for_advertising)",
            help="Montana, Delaware, New Hampshire, New Jersey, Minnesota, Alabama, Connecticut, Colorado and Oregon ask for consent "
            "before selling a teenager's data or using it for targeted advertising; Maryland forbids both for anyone under 18.",
        ),
    )
    tracks_children: bool | None = Field(
        None,
        description="Do you track or monitor children's behaviour, build profiles of them, or show them advertising targeted at them?",
        json_schema_extra=ask(
            "children",
            when="children.supervised_use or children.directed_to_children or children.minimum_age",
            help="India's DPDP Act (s. 9(3)) forbids tracking, behavioural monitoring and targeted advertising directed at children; "
            "COPPA limits what persistent identifiers may be used for. Contextual ads, chosen from the page or screen being viewed and "
            "never from a profile of the person, are not targeted. Answer 'no' only if none of this happens.",
        ),
    )
    consent_exceptions: Annotated[list[ConsentException], MaxItems(2)] = Field(
        default_factory=list,
        description="US children under 13: which of COPPA's exceptions to a parent's prior consent do you rely on? "
        "'one-time-contact': a child's email address (or other online contact details) used only to answer one request of the "
        "child once, never to contact the child again or for anything else, given to no one, and deleted promptly after the "
        "reply. 'internal-operations': a persistent identifier (such as a cookie ID), and no other personal information, used "
        "only to run the service, never to contact a child, build a profile of one or show behavioural ads.",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED,
            help="16 CFR 312.5(c)(3) and (c)(7). Choose one only if every condition holds for everything you collect under it; "
            "what you collect from children otherwise needs a parent's verifiable consent (children.parental_consent). Beside that "
            "consent, data of an exception's kind that you also use for anything else is collected with the consent, and the policy "
            "says so.",
        ),
    )
    one_time_requests: Text | None = Field(
        None,
        description="One-time contact: what a child asks you for that you answer once, e.g. 'an answer to a question sent through our Ask Us form'.",
        json_schema_extra=ask("children", when="'one-time-contact' in children.consent_exceptions"),
    )
    one_time_deleted: Text | None = Field(
        None,
        description="One-time contact: when you delete the child's contact details after replying, e.g. 'as soon as we have sent our reply'.",
        json_schema_extra=ask("children", when="'one-time-contact' in children.consent_exceptions"),
    )
    internal_operations: Annotated[list[InternalOperation], MaxItems(6)] = Field(
        default_factory=list,
        description="Internal operations: what do you use the identifier you collect from children for?",
        json_schema_extra=ask(
            "children",
            when="'internal-operations' in children.consent_exceptions",
            help="The internal operations of 16 CFR 312.2 that the amended Rule asks the notice to name (312.4(d)(3)).",
        ),
    )
    identifier_safeguards: Text | None = Field(
        None,
        description="Internal operations: how do you make sure the identifier is never used to contact a child, to build a profile of "
        "one or for behavioural advertising? E.g. 'the ID is a random number kept only with game progress; no ad network receives it'.",
        json_schema_extra=ask("children", when="'internal-operations' in children.consent_exceptions"),
    )
    retention_need: Text | None = Field(
        None,
        description="US children under 13: why do you need to keep children's information as long as you do? As a sentence part after "
        "'We need to keep it that long because', e.g. 'a child who comes back can carry on where they left off, and our server logs "
        "let us look into attacks'.",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED,
            help="16 CFR 312.10 as amended in 2025: the written retention policy in your online notice sets out the purposes, the "
            "business need for keeping children's information, and when you delete it.",
        ),
    )
    parent_verification: Text | None = Field(
        None,
        description="US children under 13: before you let someone review or delete a child's information, how do you check that "
        "they are the child's parent? As a sentence part after 'we check that it comes from the child's parent:', e.g. 'we ask for "
        "the code shown on the child's device and reply only to the email address the parent gave when consenting'.",
        json_schema_extra=ask(
            "children",
            when=_COPPA_ASKED,
            help="16 CFR 312.6(a)(3)(i): the way a parent reviews a child's information must make sure the person asking is a parent "
            "of that child, without being unduly burdensome; 312.4(d)(5): the online notice states the procedures.",
        ),
    )
    close_underage_accounts: bool | None = Field(
        None, description="Do you close accounts and delete data when you learn a user is under the minimum age?", json_schema_extra=ask("children")
    )

    @model_validator(mode="after")
    def _exceptions_fit_the_answers(self) -> Children:
        if "internal-operations" in self.consent_exceptions and self.tracks_children is True:
            raise ValueError(
                "consent_exceptions lists 'internal-operations', but tracks_children is true: an identifier used to track children, profile "
                "them or target ads at them is not for internal operations (16 CFR 312.2); answer tracks_children: false, or leave the exception out"
            )
        twice = sorted({check for check in self.india_parent_check if self.india_parent_check.count(check) > 1})
        if twice:
            raise ValueError(f"india_parent_check lists {', '.join(repr(check) for check in twice)} twice: give each way once")
        if self.india_parent_check and not self.parental_consent:
            raise ValueError(
                "india_parent_check says how you check the parent, but parental_consent is not given: say how you get a parent's "
                "consent in parental_consent, or leave india_parent_check out"
            )
        return self


EXCEPTION_CATEGORIES = {"internal-operations": {"usage", "device"}, "one-time-contact": {"contact", "correspondence"}}
"""The data categories each COPPA exception can cover: a persistent identifier and what is kept with it (usage, log data); a
child's online contact details and the request they came with."""

EXCEPTION_PURPOSES = {
    "internal-operations": ("provide-service", "website", "account", "analytics", "contextual-advertising", "security", "legal"),
    "one-time-contact": ("provide-service", "support"),
}
"""The purposes each COPPA exception allows for what it covers: the internal operations of 16 CFR 312.2 (1)(i)-(vi), and the
answer to the child's one request (312.5(c)(3)). Not `personalisation`: its words are "show content and offers that suit you", and
offers chosen to suit a child go beyond personalising "the content on" the service ((1)(iii)) towards the profile and behavioural
advertising that paragraph (2) of the definition forbids; the operation `personalise` (progress and settings) serves
`provide-service`."""


def covering_exception(category: str, purposes: Iterable[str], exceptions: Iterable[str]) -> str | None:
    """The COPPA exception relied on (one of `exceptions`) that covers a data item about children, or None.

    An exception covers an item of a kind it covers whose every purpose it allows: 16 CFR 312.5(c)(3) holds only where the "sole
    purpose" of the contact details is the one reply, and (c)(7) only where the identifier "is used for the sole purpose of providing
    support for the internal operations". An item of that kind used for more is collected with a parent's consent (without one, it
    is refused: generator/answers/children_checks.py).
    """
    used = {str(purpose) for purpose in purposes}
    return next(
        (str(e) for e in exceptions if str(category) in EXCEPTION_CATEGORIES[str(e)] and used <= set(EXCEPTION_PURPOSES[str(e)])),
        None,
    )
