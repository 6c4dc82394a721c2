"""The purposes part of an answer file: why the information is used, and on which legal basis or ground under each law.

See `generator.answers.parts` for how the parts fit together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from generator.answers.fields import MaxItems, Model, Text, ask
from generator.answers.vocabulary import LegalBasis, Purpose

RecognisedCondition = Literal["public-task-request", "national-security", "emergency", "crime", "safeguarding"]
"""A condition of UK GDPR Annex 1 (inserted by the Data (Use and Access) Act 2025 Sch. 4) that makes processing necessary for a
recognised legitimate interest (Art. 6(1)(ea), 6(5)): para 1 (a disclosure answering a request that states the requester needs the
data for its Art. 6(1)(e) task with an Art. 6(3) basis), para 2 (national security, public security, defence), paras 3-4
(emergencies), para 5 (crime) and paras 6-7 (safeguarding a vulnerable individual)."""

DpdpGround = Literal[
    "consent", "voluntarily-provided", "legal-disclosure", "court-order", "medical-emergency", "public-health", "disaster", "employment"
]  # fmt: skip
"""India's DPDP Act 2023, s.4(1): personal data is processed only with consent (s.6) or for a legitimate use of s.7, a closed list.
'voluntarily-provided' is s.7(a), 'legal-disclosure' s.7(d), 'court-order' s.7(e), 'medical-emergency' s.7(f), 'public-health'
s.7(g), 'disaster' s.7(h), 'employment' s.7(i); s.7(b) and (c) are the State's own uses, not a business's."""

_NOT_DPDP_GROUNDS = {
    "contract": "contract", "legitimate-interests": "legitimate interests", "legitimate-interest": "legitimate interests",
    "legal-obligation": "legal obligation", "vital-interests": "vital interests", "public-task": "public task",
    "recognised-legitimate-interest": "recognised legitimate interest",
}  # fmt: skip
"""The GDPR's bases that India's DPDP Act does not have (s.4(1), s.7), each refused with the grounds it does have."""


_OBLIGATION = "gdpr_like and (item.get('legal_basis') == 'legal-obligation' or 'legal-obligation' in item.get('other_bases', []))"
"""When the wizard asks which law a legal obligation rests on."""

_RECOGNISED = (
    "'uk' in jurisdictions and (item.get('legal_basis') == 'recognised-legitimate-interest' "
    "or 'recognised-legitimate-interest' in item.get('other_bases', []))"
)
"""When the wizard asks which condition of UK GDPR Annex 1 a recognised legitimate interest meets."""

INTEREST_BASES = ("legitimate-interests", "recognised-legitimate-interest")
"""Points (f) and (ea) of UK GDPR Art. 6(1) (point (f) alone in the GDPR's): not for processing by public authorities in the
performance of their tasks (the words after point (f))."""

_PUBLIC_TASK_ASKED = (
    "('uk' in jurisdictions or 'eu' in jurisdictions) and business.public_authority and (item.get('legal_basis') in "
    f"{list(INTEREST_BASES)} or item.get('other_bases', []) | select('in', {list(INTEREST_BASES)}) | list)"
)
"""When the wizard asks whether a purpose resting on an interest basis is one of a public authority's tasks."""


class PurposeDetail(Model):
    """Extra detail for one purpose: its legal basis and an explanation."""

    purpose: Purpose = Field(description="Which purpose is this?", json_schema_extra=ask("collect"))
    legal_basis: LegalBasis | None = Field(
        None,
        description="The legal basis you rely on for this purpose (GDPR, UK GDPR, LGPD).",
        json_schema_extra=ask(
            "collect",
            when="gdpr_like",
            help="Contract: you need the data to do what the person asked (deliver an order, run their account). "
            "Legal obligation: a law makes you keep or use it (tax records). Consent: you use it only because they agreed "
            "(marketing, analytics cookies). Legitimate interests: a reasonable business need that does not override "
            "their rights (fraud prevention); say which interest under 'detail'. UK only, from 5 February 2026: a recognised "
            "legitimate interest (UK GDPR Art. 6(1)(ea)) for a purpose UK law lists (answering a public body's request for its "
            "public task, national security, emergencies, crime, safeguarding); not for a public authority's own tasks, and not "
            "where the EU or Brazil is also chosen, as their laws have no such basis.",
        ),
    )
    other_bases: Annotated[list[LegalBasis], MaxItems(5)] = Field(
        default_factory=list,
        description="Other legal bases you rely on for part of this purpose, e.g. legitimate interests for guests in wedding photos "
        "beside the contract with the couple; say for what in 'detail'.",
        json_schema_extra=ask("collect", when="gdpr_like"),
    )
    australian_law: Text | None = Field(
        None,
        description="Australia, for meeting legal obligations: the Australian law or court or tribunal order that requires or authorises "
        "you to collect the information, e.g. 'the Corporations Act 2001 (Cth), section 286'. Leave it empty when only another "
        "country's law does.",
        json_schema_extra=ask("collect", when="'australia' in jurisdictions and item.get('purpose') == 'legal'"),
    )
    detail: Text | None = Field(None, description="More detail in your own words, e.g. which legitimate interest.", json_schema_extra=ask("collect"))
    law: Text | None = Field(
        None,
        description="For a legal obligation: the law that makes you do it, e.g. 'German tax law (Abgabenordnung s.147)' or 'Singapore's "
        "Income Tax Act'.",
        json_schema_extra=ask("collect", when=_OBLIGATION),
    )
    law_of: Literal["eu", "uk", "other"] | None = Field(
        None,
        description="For a legal obligation: whose law it is: 'eu' (the EU's or an EU member state's), 'uk' (the United Kingdom's) or "
        "'other' (another country's). The GDPR and the UK GDPR accept a legal obligation as the legal basis only under their own law "
        "(Art. 6(3)); for their readers, give another basis under other_bases.",
        json_schema_extra=ask("collect", when=_OBLIGATION),
    )

    dpdp_ground: DpdpGround | None = Field(
        None,
        description="India, from 13 May 2027: the ground of the DPDP Act 2023 for this purpose: 'consent' (s.6), or a legitimate use "
        "of s.7: 'voluntarily-provided' (s.7(a): the person gave you the data for this purpose and has not told you they do not "
        "agree to its use), 'legal-disclosure' (s.7(d): a law in force in India requires you to disclose information to the State), "
        "'court-order' (s.7(e): to comply with a judgment, decree or order), 'medical-emergency' (s.7(f)), 'public-health' (s.7(g): "
        "treatment or health services during an epidemic or another threat to public health), 'disaster' (s.7(h): safety or help "
        "during a disaster or a breakdown of public order) or 'employment' (s.7(i), for recruitment). The Act has no contract or "
        "legitimate-interests ground.",
        json_schema_extra=ask(
            "collect",
            when="dpdp_in_force",
            help="India's DPDP Act 2023 s.4(1) lets you process personal data only with the person's consent or for one of the "
            "legitimate uses in s.7, a closed list. There is no ground for a contract or for your legitimate interests: where the "
            "GDPR would say contract, the Act's s.7(a) (data the person gave you for that purpose) or consent may fit.",
        ),
    )
    recognised_interest: Annotated[list[RecognisedCondition], MaxItems(5)] = Field(
        default_factory=list,
        description="UK, for a recognised legitimate interest: the condition of UK GDPR Annex 1 it meets: 'public-task-request' "
        "(passing the information to an organisation that asks for it and states that it needs it for its task in the public interest "
        "or its official authority, which the law sets out), 'national-security' (safeguarding national security, protecting public "
        "security, or defence), 'emergency' (responding to an emergency, as in Part 2 of the Civil Contingencies Act 2004), 'crime' "
        "(detecting, investigating or preventing crime, or catching or prosecuting offenders) or 'safeguarding' (protecting a child "
        "or an adult at risk from neglect or harm, or protecting their well-being).",
        json_schema_extra=ask(
            "collect",
            when=_RECOGNISED,
            help="UK GDPR Art. 6(5): processing is necessary for a recognised legitimate interest only if it meets a condition in "
            "Annex 1. You need no balancing test for it, but it must still be necessary for that purpose.",
        ),
    )

    public_authority_task: bool | None = Field(
        None,
        description="UK or EU, for a public authority (business.public_authority) relying on legitimate interests or a recognised "
        "legitimate interest for this purpose: is the purpose part of your tasks as a public authority (a task in the public interest "
        "or in the exercise of your official authority)? Those bases are open to you only for what is not (GDPR and UK GDPR Art. 6(1), "
        "the words after point (f)); for your tasks, give legal_basis public-task.",
        json_schema_extra=ask("collect", when=_PUBLIC_TASK_ASKED),
    )

    @model_validator(mode="after")
    def _public_authority_task_needs_its_basis(self) -> PurposeDetail:
        if self.public_authority_task is not None and not {self.legal_basis, *self.other_bases} & set(INTEREST_BASES):
            raise ValueError(
                "public_authority_task says whether a public authority relies on legitimate interests or a recognised legitimate "
                "interest for one of its tasks: give one of those bases (legal_basis or other_bases), or leave it out"
            )
        return self

    @field_validator("dpdp_ground", mode="before")
    @classmethod
    def _a_ground_the_act_has(cls, value: object) -> object:
        """A GDPR basis named as a DPDP ground is refused with the grounds the Act has (s.4(1), s.7)."""
        if isinstance(value, str) and value in _NOT_DPDP_GROUNDS:
            raise ValueError(
                f"is '{value}', but India's DPDP Act 2023 has no {_NOT_DPDP_GROUNDS[value]} ground: s.4(1) allows processing only with "
                "consent (s.6) or for a legitimate use of s.7; answer 'consent', or the s.7 use that fits: 'voluntarily-provided', "
                "'legal-disclosure', 'court-order', 'medical-emergency', 'public-health', 'disaster' or 'employment'"
            )
        return value

    @model_validator(mode="after")
    def _law_of_an_obligation(self) -> PurposeDetail:
        if (self.law or self.law_of) and "legal-obligation" not in {self.legal_basis, *self.other_bases}:
            raise ValueError("law and law_of are about a legal obligation: give legal_basis: legal-obligation, or leave them out")
        return self

    @field_validator("recognised_interest")
    @classmethod
    def _recognised_interest_once(cls, value: list[str]) -> list[str]:
        twice = sorted({condition for condition in value if value.count(condition) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(repr(condition) for condition in twice)} twice: give each condition once")
        return value

    @model_validator(mode="after")
    def _recognised_interest_needs_its_basis(self) -> PurposeDetail:
        if self.recognised_interest and "recognised-legitimate-interest" not in {self.legal_basis, *self.other_bases}:
            raise ValueError(
                "recognised_interest names the UK GDPR Annex 1 condition of a recognised legitimate interest: give legal_basis (or "
                "other_bases) recognised-legitimate-interest, or leave it out"
            )
        return self
