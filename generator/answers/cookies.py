"""The cookies part of an answer file: the cookies and similar technologies a website or app uses, what they do and how long they last.

See `generator.answers.parts` for how the parts fit together.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.answers.fields import MaxItems, Model, Name, Text, Url, ask
from generator.answers.vocabulary import CookieKind


class CookieUse(Model):
    """What one kind of cookie does, in the owner's words."""

    kind: CookieKind = Field(description="Which kind of cookie this is about.")
    what: Text = Field(description="What these cookies do, read after 'to' (e.g. 'count plays of each game').")


class CookieLifetime(Model):
    """How long one of the business's own cookies lasts."""

    name: Name = Field(description="The cookie's name (e.g. 'basket').")
    lasts: Text = Field(description="How long it lasts, e.g. '12 months' or 'until you close your browser'.")


class Cookies(Model):
    """Cookies and similar tracking technologies."""

    used: bool | None = Field(None, description="Does your website or app use cookies or similar technologies?", json_schema_extra=ask("cookies"))
    kinds: Annotated[list[CookieKind], MaxItems(20)] = Field(
        default_factory=list, description="What do your cookies do?", json_schema_extra=ask("cookies", when="cookies.used")
    )
    uses: Annotated[list[CookieUse], MaxItems(20)] = Field(
        default_factory=list,
        description="What a kind of cookie does, in your words, where the standard wording says more than you do (e.g. analytics that "
        "only count plays).",
        json_schema_extra=ask("cookies", when="cookies.kinds"),
    )
    consent_banner: bool | None = Field(
        None,
        description="Do you ask for consent (a cookie banner) before setting non-essential cookies?",
        json_schema_extra=ask(
            "cookies",
            when="cookies.used",
            help="Answer yes only if analytics, advertising and similar cookies wait until the visitor agrees. "
            "EU and UK law require this for every cookie that is not strictly necessary.",
        ),
    )
    banner_for: Annotated[list[Literal["eu", "uk"]], MaxItems(2)] = Field(
        default_factory=list,
        description="If only some visitors see the cookie banner: whose ('eu' for visitors from the EU, 'uk' for those from the UK). "
        "Leave empty if everyone sees it.",
        json_schema_extra=ask("cookies", when="cookies.consent_banner"),
    )
    change_choice: Text | None = Field(
        None,
        description="How a visitor changes or withdraws a cookie choice later, as the end of 'You can change your choice at any time "
        "with ...', e.g. 'the Cookie settings link in the footer of every page'.",
        json_schema_extra=ask(
            "cookies",
            when="cookies.consent_banner",
            help="Name the link or button your website shows (for example one that opens the cookie banner again) and where it is. "
            "EU law asks that withdrawing consent be as easy as giving it (GDPR Art. 7(3)); the policy says how only as you answer here.",
        ),
    )
    uk_statistics_only: bool | None = Field(
        None,
        description="Are your analytics cookies only for statistics about how people use your own website or app, to improve it, set by "
        "you or by a service acting only on your instructions, and the statistics shared only with those helping you improve it?",
        json_schema_extra=ask(
            "cookies",
            when="'uk' in jurisdictions and 'analytics' in cookies.kinds and (cookies.consent_banner is false or (cookies.banner_for "
            "and 'uk' not in cookies.banner_for))",
            help="UK law (PECR Sch. A1) lets such cookies be set without asking first; for any other analytics, ask first.",
        ),
    )
    uk_objection_url: Url | None = Field(
        None,
        description="The page of your website where a visitor can switch off, free of charge, the analytics and preference cookies you "
        "set without asking first (a cookie settings page).",
        json_schema_extra=ask(
            "cookies",
            when="'uk' in jurisdictions and ('analytics' in cookies.kinds or 'preferences' in cookies.kinds) and (cookies.consent_banner "
            "is false or (cookies.banner_for and 'uk' not in cookies.banner_for))",
            help="UK law (PECR Sch. A1) lets these cookies be set without asking only if people get a simple, free way to object. "
            "A message to you cannot switch them off in a browser you cannot identify, and browser settings are not a way you give.",
        ),
    )
    lifetimes: Annotated[list[CookieLifetime], MaxItems(100)] = Field(
        default_factory=list,
        description="Your own cookies (not those of the services you use), each with how long it lasts.",
        json_schema_extra=ask(
            "cookies",
            when="cookies.used and ('eu' in jurisdictions or 'uk' in jurisdictions)",
            help="EU and UK law ask you to say how long each cookie lasts (CJEU Planet49). The services catalogue gives the "
            "lifetimes of the cookies its services set, where the provider documents them.",
        ),
    )
    honours_do_not_track: bool | None = Field(
        None,
        description="Do you change what you track when a browser sends a Do Not Track signal?",
        json_schema_extra=ask("cookies", when="business.website or applies_to.website or in_us"),
    )
    honours_gpc: bool | None = Field(
        None,
        description="Do you treat a Global Privacy Control signal as a request to opt out of sale or sharing?",
        json_schema_extra=ask("cookies", when="us_states"),
    )

    @model_validator(mode="after")
    def _uses_and_banner_fit_the_answers(self) -> Cookies:
        for use in self.uses:
            if use.kind not in self.kinds:
                raise ValueError(f"uses names '{use.kind.value}', which is not among kinds: add it there or leave it out here")
        if self.banner_for and self.consent_banner is not True:
            raise ValueError("banner_for says who sees the cookie banner: answer consent_banner: true, or leave banner_for out")
        if self.change_choice and self.consent_banner is not True:
            raise ValueError("change_choice says how a choice made in the cookie banner is changed: answer consent_banner: true, or leave change_choice out")
        return self
