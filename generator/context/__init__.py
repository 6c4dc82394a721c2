"""The values clause templates and `when` expressions see: the answers plus derived facts."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from generator.answers.model import Answers
from generator.answers.services import owner_answered, resolve_services, spdi_own_use_services
from generator.answers.vocabulary import US_JURISDICTIONS, CookieKind, DataCategory, Jurisdiction, LegalBasis, Purpose, Source
from generator.context.california import california_facts
from generator.context.children import children_facts
from generator.context.gdpr import gdpr_facts, gives
from generator.context.intl import intl_facts
from generator.context.laws import (
    ERASURE,
    SPDI_SENSITIVE,
    law_starts,
    laws_in_force,
    requirement_in_force,
    states_period,
)
from generator.context.rows import (
    deadline_exceptions,
    interest_groups,
    lower_names,
    purpose_details,
    response_deadlines,
    retention_rule,
    service_gets,
    service_rows,
    summary_recipients,
)
from generator.context.transfers import transfer_facts
from generator.context.us import colorado_purpose_uses, is_ad_third_party, us_facts
from generator.library.services import Service

_LAST: list[tuple[Answers, dict[str, Any]]] = []
"""The last answers a context was built for, and that context: rendering and the check of one policy share it."""


def _spdi_name(item: Any, name: str) -> str:
    """A data item's name as SPDI Rules 2011 r.3 count it sensitive: login details by their passwords (r.3(i)), the rest as named."""
    if item.category == "credentials" and "password" not in name:
        return f"the passwords in your {name}"
    return name


def _passwords_last(names: list[str]) -> list[str]:
    """The names with "the passwords in your ..." last, so that no name after it reads as holding passwords too."""
    return sorted(names, key=lambda name: name.startswith("the passwords in your "))


def policy_context(answers: Answers) -> dict[str, Any]:
    """`build_context(answers)`, built once for the same (immutable) answers object in a row.

    Rendering and the compliance check of a policy ask for the same context; both only read it
    (Jinja copies it into its own contexts). Callers must not change the dict they get.
    """
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is answers:
        return last[1]
    context = build_context(answers)
    _LAST[:] = [(answers, context)]
    return context


def _fitted(services: list[Service], collected: Set[DataCategory | str], own_data: set[str]) -> list[Service]:
    """The services, each catalogue entry's data narrowed to the categories the business collects.

    The catalogue lists what a service can receive; a category the business does not collect is not one it passes on.
    Data the owner gave for a service is theirs, kept as given; so is a catalogue list that shares no category with theirs. A
    payment service keeps its payment details: it takes them from the payer itself, on the business's behalf.
    `collected` is the categories of the business's data items.
    """
    fitted = []
    for service in services:
        taken = collected | {DataCategory.PAYMENT} if service.kind == "payment" else collected
        kept = [category for category in service.data if category in taken]
        narrowed = not service.custom and service.id not in own_data and kept and len(kept) < len(service.data)
        fitted.append(service.model_copy(update={"data": kept}) if narrowed else service)
    return fitted


def build_context(answers: Answers) -> dict[str, Any]:
    """Build the template context for one policy."""
    own_data, collected = owner_answered(answers, "data"), {item.category for item in answers.data}
    services = _fitted(resolve_services(list(answers.services)), collected, own_data)
    gateways = _fitted(resolve_services(list(answers.payments.gateways)), collected, own_data)
    shared: list[Service] = list({service.id: service for service in [*gateways, *services]}.values())
    # Where the data is kept, and the places only a service's onward transfer reaches ("may send your data on to").
    located = {s.stored_in or s.country for s in shared} | set(answers.transfers.storage_countries)
    onward = {c for s in shared for c in s.sends_to} - located
    countries = sorted((located | onward) - {answers.business.country})
    cross_site = [s for s in shared if s.tracks_across_sites]
    data = answers.data
    names = lower_names(data)  # each item's name for mid-sentence, made once for every list below
    named = list(zip(data, names, strict=True))
    in_force = laws_in_force(answers.policy.effective_date)  # each regime of the law pack, whether in force on the policy's day
    spdi_in_force = in_force["in.spdi"]  # the SPDI Rules end 13 May 2027 (the law pack's `until`)
    purposes = purpose_details(answers, names)
    tracking = [s for s in shared if s.cookies]
    confirmed_tracking = owner_answered(answers, "tracks_across_sites")
    data_from = {value: [item for item in data if source in item.sources] for source, value in _SOURCES}
    return {
        "answers": answers,
        "policy": answers.policy,
        "business": answers.business,
        "applies_to": answers.applies_to,
        "for_customers": answers.for_customers,
        "does_not_use": answers.does_not_use,
        "data": answers.data,
        # data is a required answer, so an empty list is the owner's own: the business collects no personal information.
        "collects_nothing": not answers.data,
        "collection_points": answers.collection_points,
        "purposes": purposes,
        "interest_rows": (interest_rows := [row for row in purposes if LegalBasis.LEGITIMATE_INTERESTS in row["bases"]]),
        "interest_groups": interest_groups(interest_rows),
        # The right to data portability (GDPR Art. 20) arises only for data used on consent or for a contract; whether it
        # arises is known once every purpose has its basis.
        "portability_applies": any({LegalBasis.CONSENT, LegalBasis.CONTRACT} & set(row["bases"]) for row in purposes),
        "bases_given": bool(purposes) and all(row["legal_basis"] for row in purposes),
        "sharing": answers.sharing,
        "services": services,
        "gateways": gateways,
        "shared_services": shared,
        "tracking_services": tracking,
        "service_rows": service_rows(shared),
        "tracking_rows": service_rows(tracking, data=False),  # what a service gets is in the services table
        # How long each cookie lasts: the owner's own, then each cookie-setting service's as its catalogue entry documents them.
        "cookie_lifetime_rows": [{"name": c.name, "lasts": c.lasts, "by": "ours"} for c in answers.cookies.lifetimes]
        + [{"name": name, "lasts": lasts, "by": s.name} for s in tracking for name, lasts in s.cookie_lifetimes.items()],
        # Planet49: a lifetime for the owner's own cookies and for every cookie of every service that sets them.
        "cookie_lifetimes_given": bool(answers.cookies.lifetimes) and all(s.cookie_names and set(s.cookie_names) <= set(s.cookie_lifetimes) for s in tracking),
        "cross_site_trackers": cross_site,
        # Cookie-setting services whose tracking across sites the owner has not confirmed: the catalogue's "no" is not enough to
        # promise that no company collects information across websites (CalOPPA).
        "cross_site_unconfirmed": [s.name for s in tracking if s.id not in confirmed_tracking],
        # DPA 2018 s.164A (complaints to the controller, acknowledged within 30 days) is in force from 19 June 2026 (the law pack's date).
        "uk_complaint_duty": requirement_in_force("uk_gdpr.complaint_to_controller", answers.policy.effective_date),
        # Each regime of the law pack, whether in force on the policy's effective date (`law_in_force["in.dpdp"]`), and the day it starts.
        "law_in_force": in_force,
        "law_starts": law_starts(),
        # One deadline per chosen law for answering a request (words after "we"), and the places whose deadline is not the owner's days.
        "response_deadlines": (deadlines := response_deadlines(answers)),
        "deadline_exceptions": deadline_exceptions(answers, deadlines),
        # India's erasure right is the DPDP Act's s.12, in force from 13 May 2027 (the law pack's date): before then no law of India
        # gives one (the SPDI Rules r.5(6) give review and correction only). The US state laws (California's among them) give their
        # residents deletion in their own sections, as they do access: the general list offers it to everyone only for another law.
        "erasure_right": (
            erasure := answers.requests.all_rights_everywhere is True
            or any(j in ERASURE and j is not Jurisdiction.INDIA and j.value not in US_JURISDICTIONS for j in answers.jurisdictions)
            or (Jurisdiction.INDIA in answers.jurisdictions and in_force["in.dpdp"])
        ),
        # Every law we cover gives everyone it protects a right of access and of correction except COPPA (the United States'
        # federal choice: a parent's review and deletion of a child's data), so a policy under it offers them to all only if the
        # owner says so; the state laws give them to their residents in their own sections. India's laws give no copy: the SPDI
        # Rules r.5(6) a review of what the person gave, the DPDP Act s.11 (from 13 May 2027) a summary, both in India's section;
        # so a policy for India alone offers a copy only where the owner gives it to everyone.
        "correction_right": (general_rights := answers.requests.all_rights_everywhere is True or Jurisdiction.UNITED_STATES not in answers.jurisdictions),
        "access_right": (
            access := general_rights
            and (answers.requests.all_rights_everywhere is True or not answers.jurisdictions or any(j is not Jurisdiction.INDIA for j in answers.jurisdictions))
        ),
        # What everyone may ask, as verbs ("see", "correct", "delete"): the summary's and a parent's.
        "rights_asks": [verb for verb, given in (("see", access), ("correct", general_rights), ("delete", erasure)) if given],
        # Without the general rights (COPPA gives none to everyone), each other law chosen gives its people at least access, in its own
        # part of "Your rights where you live": the summary and the rights section say that there is more there.
        # India's section is also where its review (SPDI r.5(6)) and summary (DPDP s.11) are, when the list gives no copy.
        "more_rights_elsewhere": not (general_rights and access) and any(j is not Jurisdiction.UNITED_STATES for j in answers.jurisdictions),
        "payments": answers.payments,
        "transfers": answers.transfers,
        "transfer_countries": countries,
        # APP 5.2(b): the data others pass on (business partners, services, public sources), whose circumstances the owner gives.
        "au_collected_from_others": (
            from_others := [(item, name) for item, name in named if {Source.PARTNERS, Source.SERVICES, Source.PUBLIC} & set(item.sources)]
        ),
        "au_circumstances_given": all(item.collected_when for item, _ in from_others),
        "au_overseas_known": "services" in answers.model_fields_set
        and "transfers" in answers.model_fields_set
        and (not answers.sharing.affiliates or bool(answers.sharing.affiliate_countries))
        and (not answers.sharing.other_users or bool(answers.sharing.other_users_countries))
        and all(partner.country for partner in answers.sharing.partners),
        "onward_countries": [c for c in countries if c in onward],  # the policy says the data may go there
        "cookies": answers.cookies,
        "marketing": answers.marketing,
        "children": answers.children,
        "automated_decisions": answers.automated_decisions,
        "remote_support": answers.remote_support,
        "retention": answers.retention,
        "security": answers.security,
        "requests": answers.requests,
        "contacts": answers.contacts,
        "jurisdictions": [j.value for j in answers.jurisdictions],
        "gdpr_like": answers.gdpr_like,
        "us_states": answers.us_states,
        "in_us": answers.in_us,
        "categories": answers.categories,
        "sensitive_data": answers.sensitive_data,
        "all_purposes": Purpose,
        "data_from": data_from,
        # The lists clauses ask for most, made once per policy instead of once per clause and format:
        # each is what the filter chain in its comment gives.
        "data_names_lower": names,  # data | map(attribute="name") | map("lower")
        "required_data_names_lower": [name for item, name in named if item.required],  # data | selectattr("required") | ...
        # Only data the person gives us (`gives`): data collected automatically or got from others is not "given" by them, so
        # "if you do not give us" would misread.
        "optional_data_names_lower": [name for item, name in named if item.required is False and gives(item)],
        "required_given_names_lower": [name for item, name in named if item.required and gives(item)],  # the same, required
        "gives_any_data": any(gives(item) for item in answers.data),  # some item the person gives us (POPIA s.18(1)(d))
        "sensitive_data_names_lower": [name for item, name in named if item.sensitive],
        # What India's SPDI Rules r.3 count as sensitive (passwords, financial and card details, health, biometrics): not an id or a location.
        # r.3(i) names passwords (r.2(h): a secret word, code or key used to gain access), not a username or other sign-in detail,
        # so login details are named by their passwords: "the passwords in your account login details".
        "spdi_sensitive_names_lower": (spdi := _passwords_last([_spdi_name(item, name) for item, name in named if item.category in SPDI_SENSITIVE])),
        "collects_spdi_sensitive": bool(spdi),
        # SPDI r.6(1): advertising companies and services described in full that get r.3 data (answers/services.py), for its own use.
        "spdi_own_use_services": [s.name for s in spdi_own_use_services([*answers.services, *answers.payments.gateways], {str(c) for c in collected})],
        # Login details are sensitive under the CCPA (an account log-in, 1798.140(ae)(1)(B)) and, while they apply (until 13 May 2027,
        # the law pack's `until`), India's SPDI Rules (only their passwords, r.3(i)); not under the GDPR, the DPDP Act or the other
        # US states' laws.
        "stated_sensitive_names_lower": _passwords_last([
            name if item.category != "credentials" or answers.has("california") else _spdi_name(item, name)
            for item, name in named
            if item.sensitive
            and (item.category != "credentials" or answers.has("california") or (answers.has("india") and spdi_in_force))
        ]),  # sensitive_data | map(attribute="name") | map("lower")
        "children_data_names_lower": [name for item, name in named if "children" in item.about],  # data | selectattr("about", "contains", "children") | ...
        "data_from_names_lower": {value: [name for item, name in named if source in item.sources] for source, value in _SOURCES},  # data_from[source] | ...
        "purpose_labels_lower": [str(row["label"]).lower() for row in purposes],  # purposes | map(attribute="label") | map("lower")
        "shared_service_names": [s.name for s in shared],  # shared_services | map(attribute="name")
        "tracking_service_names": [s.name for s in tracking],  # tracking_services | map(attribute="name")
        "cross_site_tracker_names": [s.name for s in cross_site],
        "gateway_names": [s.name for s in gateways],  # gateways | map(attribute="name")
        "retention_rule": retention_rule(answers.retention.default),
        # A period or the criteria that set it (GDPR Art. 13(2)(a)): in the general rule, or for every data item.
        "retention_period_given": states_period(answers.retention.default) or (bool(data) and all(i.retention and states_period(i.retention) for i in data)),
        "data_with_own_retention": [item for item in data if item.retention],  # data | selectattr("retention") | list
        # An advertising or cross-site tracking service used for targeted advertising is a third party, not a service provider.
        "processor_services": (processors := [s for s in shared if not is_ad_third_party(s, answers)]),
        # Singapore (PDPA s.20(1)(a), the purposes of disclosure): every recipient the sharing section names with why it gets the
        # data, from the answers: group companies with their purpose, service providers named in the services table (which says
        # what each does); no answer says why other users get a person's information, or why data is sold.
        "sg_disclosure_purposes_given": (not answers.sharing.affiliates or bool(answers.sharing.affiliates_purpose))
        and (not answers.sharing.other_users or bool(answers.sharing.other_users_purpose))
        and (answers.sharing.sells_data is not True or bool(answers.sharing.sold_to))
        and (answers.sharing.service_providers is not True or bool(processors)),
        "summary_recipients": summary_recipients(answers.sharing, processors, (advertisers := [s for s in shared if is_ad_third_party(s, answers)])),
        # Who receives what for targeted advertising ("Meta Pixel (usage data and device information)"), for the US states' sale clause.
        "ad_recipient_words": [f"{s.name} ({service_gets(s)})" for s in advertisers],
        "ad_third_parties": advertisers,  # the sharing section's advertising companies
        "security_details": {detail.measure: detail.what for detail in answers.security.details},
        # The chosen EU and UK laws whose visitors see the cookie banner (all of them, unless banner_for names some).
        "banner_places": (
            banner_places := [
                place
                for place in ("eu", "uk")
                if answers.cookies.consent_banner is True and answers.has(place) and (not answers.cookies.banner_for or place in answers.cookies.banner_for)
            ]
        ),
        # PECR Sch. A1 (its exemptions for statistics and for preferences) is in force from 5 February 2026 (SI 2026/82 reg. 2(w)):
        # a policy effective before then may not say such cookies are set without asking.
        "uk_cookie_exemptions_in_force": (schedule_a1 := requirement_in_force("uk_pecr.cookie_exemptions", answers.policy.effective_date)),
        # PECR Sch. A1 para 5 (statistics): the owner confirms the analytics cookies meet its conditions, and no analytics purpose
        # rests on consent (the legal bases would then say the opposite of "without asking first").
        "uk_statistics_exempt": schedule_a1
        and answers.cookies.uk_statistics_only is True
        and not any(row.purpose == "analytics" and "consent" in (row.legal_basis, *row.other_bases) for row in answers.purposes),
        # The cookie kinds no UK exemption can cover on the policy's effective date (PECR reg. 6): advertising, contextual advertising
        # and social media cookies; before Sch. A1, analytics and preference cookies too (analytics outside the statistics exception
        # is `uk_pecr.cookie_exemptions`' gap, not this).
        "uk_consent_cookie_kinds": [
            kind
            for kind in answers.cookies.kinds
            if kind is not CookieKind.ESSENTIAL and not (schedule_a1 and kind in (CookieKind.PREFERENCES, CookieKind.ANALYTICS))
        ],
        # Who the EU and UK cookie paragraph speaks to: those who see the banner, else everyone of the EU and UK chosen.
        "eu_uk_cookie_readers": [_PLACE_WORDS[place] for place in banner_places or [p for p in ("eu", "uk") if answers.has(p)]],
        "banner_for_words": [_PLACE_WORDS[place] for place in answers.cookies.banner_for],
        "opt_in_words": [_PLACE_WORDS[place] for place in answers.marketing.opt_in_for],
        # The chosen EU and UK laws where marketing is sent without asking first under the soft opt-in (not asked first there).
        "soft_opt_in_words": [_PLACE_WORDS[p] for p in ("eu", "uk") if answers.has(p) and p not in answers.marketing.opt_in_for],
        "online_places": _online_places(answers),
        **transfer_facts(answers, shared, countries),
        **(facts := derived_facts(answers, shared, countries)),
        **us_facts(answers),
        **california_facts(answers, shared),
        **intl_facts(answers, countries),
        **gdpr_facts(answers, purposes, named),
        **children_facts(answers, shared, facts["children_under_13"]),
        "colorado_purpose_uses": colorado_purpose_uses(answers, purposes, facts["targeted_advertising"]),
    }


_SOURCES = tuple((source, source.value) for source in Source)


_PLACE_WORDS = {"eu": "the EU", "uk": "the UK"}

def _covers_website(answers: Answers) -> bool:
    """Whether the policy covers the business's website: as answered, or when it names one."""
    return answers.applies_to.website is True or (answers.applies_to.website is None and answers.business.website is not None)


def _online_places(answers: Answers) -> list[str]:
    """What the policy covers that people use online: the website and the apps, or else "our services"."""
    apps = len(answers.business.apps)
    places = (["our website"] if _covers_website(answers) else []) + (["our app" if apps == 1 else "our apps"] if apps else [])
    return places or ["our services"]
"""The sources in vocabulary order, each with its value (the enum's iteration and `.value` are Python code, once per policy else)."""


MAYBE_FACTS = frozenset(
    {"relies_on_consent", "sells_data", "shares_for_advertising", "sells_or_shares", "targeted_advertising", "uses_cookies"}
    | {"automated_decisions_used", "decisions_affect_interests", "profiling", "significant_profiling", "transfers_abroad", "indirect_sources", "has_dpo"}
    | {"children_under_13", "children_data"}
    | {"sends_marketing", "takes_payments", "has_accounts", "uses_processors"}
)
"""Derived facts that are true only on an explicit "yes": false says "not answered yes", never "no", so no clause negates one
(`tests/test_truthful_clauses.py`). What "no" says has its own fact (`sells_nothing`) or is tested on the answer (`x is false`)."""


def derived_facts(answers: Answers, shared: list[Service], countries: list[str]) -> dict[str, bool]:
    """Yes/no facts that requirement conditions and clauses test, named as the law thinks of them.

    Each is true only when the answers say so: a question left unanswered (None) makes a fact
    false, never true, and a negative fact (`sells_nothing`) needs an explicit "no".
    """
    bases = {detail.legal_basis for detail in answers.purposes if detail.legal_basis} | {b for detail in answers.purposes for b in detail.other_bases}
    sources = {source.value for item in answers.data for source in item.sources}
    children = answers.children
    sharing = answers.sharing
    cookies = answers.cookies
    age = children.minimum_age
    sells, advertises = sharing.sells_data is True, sharing.shares_for_advertising is True
    return {
        "relies_on_consent": "consent" in bases or answers.marketing.sends_marketing is True,
        "relies_on_legitimate_interests": "legitimate-interests" in bases,
        "relies_on_public_task": "public-task" in bases,
        "relies_on_contract": "contract" in bases,
        "collects_sensitive": bool(answers.sensitive_data),
        "sells_data": sells,
        "shares_for_advertising": advertises,
        "sells_or_shares": sells or advertises,
        "sells_nothing": (sells_nothing := sharing.sells_data is False and sharing.shares_for_advertising is False),
        # No one outside the business receives personal information: service providers, a sale, sharing for advertising, a new
        # owner and legal requests each answered "no", the services listed and none given, no group company, partner or other
        # user named, and nothing sent to apps people connect (where data comes from them, connected_apps answered "no").
        "shares_with_no_one": sells_nothing
        and sharing.service_providers is False
        and sharing.business_transfers is False
        and sharing.legal_requests is False
        and "services" in answers.model_fields_set
        and not shared
        and not (sharing.affiliates or sharing.partners or sharing.other_users)
        and sharing.connected_apps is not True
        and ("integrations" not in sources or sharing.connected_apps is False),
        "targeted_advertising": (targeted := advertises or (cookies.used is True and "advertising" in {k.value for k in cookies.kinds})),
        # 4 CCR 904-3 r.6.03(A)(1)(c): each purpose can be said to be sold, used for targeted advertising or for significant
        # profiling, or none of these, only when the sale and profiling are answered (which purposes profile, where there is
        # profiling), targeted advertising is answered (the sharing and cookies questions) and, where there is any, has data under the
        # 'advertising' purpose.
        "colorado_purpose_uses_known": sharing.sells_data is not None
        and sharing.shares_for_advertising is not None
        and cookies.used is not None
        and (decisions := answers.automated_decisions).profiling is not None
        and (decisions.profiling is not True or decisions.significant_profiling_purposes is not None)
        and (not targeted or any("advertising" in item.purposes for item in answers.data)),
        "uses_cookies": cookies.used is True,
        "automated_decisions_used": answers.automated_decisions.used is True,
        # LGPD Art. 20: decisions made only by automated means that affect the person's interests, wider than the GDPR's legal or
        # similarly significant effects: a significant decision (used) or the Brazil answer (lgpd_decisions).
        "decisions_affect_interests": answers.automated_decisions.used is True or answers.automated_decisions.lgpd_decisions is True,
        "profiling": answers.automated_decisions.profiling is True,
        # The US states' opt-out of profiling in furtherance of decisions with legal or similarly significant effects (Va. Code
        # 59.1-577(A)(5)(iii), C.R.S. 6-1-1306(1)(a)(I)(C)): the owner's profiling is of that kind where they name a purpose it
        # serves (automated_decisions.significant_profiling_purposes), and so is making such decisions by automated means alone
        # (automated_decisions.used): the laws' "profiling" is any automated processing that evaluates a person (Va. Code
        # 59.1-575), wider than building profiles. The negative fact needs the explicit empty list and no such decisions.
        "significant_profiling": (decided := answers.automated_decisions).used is True
        or (decided.profiling is True and bool(decided.significant_profiling_purposes)),
        "no_significant_profiling": decided.profiling is True and decided.significant_profiling_purposes == [] and decided.used is not True,
        "transfers_abroad": bool(countries),
        "indirect_sources": bool(sources - {"you"}),
        "has_dpo": answers.contacts.dpo is not None,
        "children_under_13": children.directed_to_children is True or (age is not None and age < 13),
        "children_data": children.directed_to_children is True or (age is not None and age < 18) or children.supervised_use is True,
        "sends_marketing": answers.marketing.sends_marketing is True,
        "takes_payments": answers.payments.takes_payments is True,
        "has_accounts": answers.applies_to.accounts is True,
        "uses_processors": sharing.service_providers is True or bool(shared),
        # What the policy covers: the website when the owner says so, or gave its address without saying otherwise.
        "covers_website": _covers_website(answers),
        # The services were listed (even as an empty list): what they do and do not receive can be stated.
        "services_listed": "services" in answers.model_fields_set,
        "transfers_answered": "transfers" in answers.model_fields_set,
        "sharing_answered": "sharing" in answers.model_fields_set,
    }


# What each value of the context reads from the answers, for the claims ledger (`generator/ledger.py`): the answer
# paths a clause rests on when it uses that name. A path is dotted from the top of the answer file; `[*]` stands for
# every item of a list, and a path that goes on past a catalogue service's id (`services[*].cookies` where
# `services[2]` is `stripe`) continues in the catalogue (`catalogue:stripe.cookies`). A context value that is itself
# a part of the answers (`children`, `data`) names that part: what a clause reads inside it is recorded as read.
# Every key `build_context` gives must be here (tests/test_ledger.py checks it).
