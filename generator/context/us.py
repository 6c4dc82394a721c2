"""The values the US clauses need: what each US law counts as sensitive, and the states' rights (California's own: `california.py`).

Each law's definition of sensitive data is data in `clauses/laws/` (read by `laws.py`); this module applies it to one policy's
answers.
"""

from __future__ import annotations

from typing import Any

from generator.answers.collection import DataItem
from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.context.laws import US_STATES, sensitive_categories, state_rights
from generator.library.services import Service
from generator.templating.filters import join_words


def sensitive_under(answers: Answers, law: str) -> list[DataItem]:
    """The data items a US law (`california` or a state) counts as sensitive on the policy's effective date."""
    categories = sensitive_categories(law, answers.policy.effective_date)
    return [item for item in answers.data if item.category in categories]


def _chosen_states(answers: Answers) -> list[str]:
    """The chosen US states of clauses/laws/us-states.yaml (not California), in the order the answers give them."""
    return [place.value for place in answers.jurisdictions if place.value in US_STATES]


def _label(state: str) -> str:
    return Jurisdiction.member(state).label


def _state_groups(answers: Answers, states: list[str]) -> list[dict[str, Any]]:
    """The chosen states with sensitive data under their own law, grouped by their law's rule and the same items.

    Each group: the states' names, the items' names, and the rule (`consent`, `notice-and-opt-out`, `strictly-necessary`, or
    `parent-consent` for a child's data where the rule is consent).
    """
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for state in (state for state in US_STATES if state in states):  # in the table's order, as the sentences were written
        items = sensitive_under(answers, state)
        rule = US_STATES[state]["sensitive"]
        # A known child's sensitive data needs a parent's consent under COPPA, not the child's (Va. Code 59.1-578(A)(5); Mont. Code
        # Ann. 30-14-2812(2)(b); Tex. Bus. & Com. Code 541.101(b)(4); ORS 646A.578(2)(b)).
        parts = {rule: items}
        if rule == "consent":
            parts = {"consent": [i for i in items if "children" not in i.about], "parent-consent": [i for i in items if "children" in i.about]}
        for group_rule, group in parts.items():
            if group_rule in ("consent", "parent-consent") and answers.requests.sensitive_consent is not True:
                continue  # "only with your consent" is said only when the owner says so (requests.sensitive_consent)
            if names := tuple(item.name.lower() for item in group):
                groups.setdefault((group_rule, names), []).append(_label(state))
    return [{"states": places, "names": list(names), "rule": rule} for (rule, names), places in groups.items()]


def _minor_groups(answers: Answers, states: list[str]) -> list[dict[str, Any]]:
    """The chosen states with rules for minors' data (`teens` in clauses/laws/us-states.yaml), grouped by the ages they name.

    Only where the business sells data or shares it for targeted advertising and says what it does for people it knows are under
    18 (children.minors_sale_ads): the sentence states that answer, nothing more.
    """
    if answers.children.minors_sale_ads is None or not (answers.sharing.sells_data is True or answers.sharing.shares_for_advertising is True):
        return []
    groups: dict[str, list[str]] = {}
    for state in (state for state in US_STATES if state in states and US_STATES[state]["teens"]):
        groups.setdefault(US_STATES[state]["teens"]["band"], []).append(_label(state))
    return [{"band": band, "states": places} for band, places in groups.items()]


_RIGHTS = {
    "access": "confirm whether we process your personal data, and get access to it",
    "correct": "correct data that is wrong",
    "delete": "delete your data",
    "specific_third_parties": "get a list of the specific third parties we have disclosed your personal data to",
    "third_party_categories": "get a list of the categories of third parties we have disclosed your personal data to",
    "question_profiling": "question the result of profiling behind a decision with legal or similarly significant effects on you, be told "
    "why it led to that decision, review the data used, and have wrong data corrected and the decision made again",
}
_OPT_OUT_SALE = "opt out of the sale of your personal data and of targeted advertising"
_OPT_OUT_PROFILING = "opt out of profiling that leads to decisions with legal or similarly significant effects on you"
_OPT_OUT = f"opt out of the sale of your personal data, of targeted advertising, and of {_OPT_OUT_PROFILING.removeprefix('opt out of ')}"
_CORE = ("access", "correct", "delete", "portability")
_EXTRA = ("specific_third_parties", "third_party_categories", "question_profiling")


_COPY = "get a copy of your personal data in a portable format"
_COPY_GIVEN = "get a copy of the data you gave us in a portable format"


def _portability(states: list[str]) -> str:
    """The portability right of the states that give it: of all their personal data in some laws, only what they provided in others.

    Colorado, Connecticut, Oregon (646A.574(1)(a)(C): "all of the consumer's personal data"), New Jersey, Maryland and others give
    a copy of all of it; Virginia (59.1-577(A)(4): "that the consumer previously provided"), Texas, Utah and others only of that.
    """
    given = [state for state in states if US_STATES[state]["portability"]["data"] == "provided"]
    if not given:
        return _COPY
    if len(given) == len(states):
        return _COPY_GIVEN
    return f"{_COPY} (in {join_words([_label(state) for state in given])}, the data you gave us)"


def _whose(holders: list[str], states: list[str]) -> str:
    """'' when every chosen state gives a right, else whose law does ('(Oregon)') or does not ('(except in Iowa and Utah)')."""
    if len(holders) == len(states):
        return ""
    if len(holders) <= len(states) - len(holders):
        return f" ({join_words([_label(state) for state in holders])})"
    return f" (except in {join_words([_label(state) for state in states if state not in holders])})"


def state_rights_lines(answers: Answers, states: list[str]) -> list[str]:
    """The rights the chosen states' laws give, one list line each, with the states a right is limited to.

    The core rights end with ';' but the opt-out, which ends the list with '.', and each state-specific right after it ends with '.'.
    """
    rights = {state: state_rights(state, answers.policy.effective_date) for state in states}

    def holders(right: str) -> list[str]:
        return [state for state in states if right in rights[state]]

    lines = [f"{_portability(has) if right == 'portability' else _RIGHTS[right]}{_whose(has, states)};" for right in _CORE if (has := holders(right))]
    profiling = holders("opt_out_profiling")
    if len(profiling) == len(states):
        lines.append(f"{_OPT_OUT}.")
    else:
        lines.append(f"{_OPT_OUT_SALE}{_whose(holders('opt_out'), states)}{';' if profiling else '.'}")
        lines += [f"{_OPT_OUT_PROFILING}{_whose(profiling, states)}."] if profiling else []
    lines += [f"{_RIGHTS[right]}{_whose(has, states)}." for right in _EXTRA if (has := holders(right))]
    return lines


def _appeal_times(states: list[str]) -> list[dict[str, Any]]:
    """The chosen states with an appeal, grouped by the days their law gives to answer one (`appeal_response`), in their order.

    Each group: `days` (None where no source for the period was read, and the policy then names no number) and `places`.
    """
    groups: dict[int | None, list[str]] = {}
    for state in (state for state in states if US_STATES[state]["appeal"]):
        groups.setdefault((US_STATES[state].get("appeal_response") or {}).get("days"), []).append(_label(state))
    return [{"days": days, "places": places} for days, places in groups.items()]


def colorado_purpose_uses(answers: Answers, purposes: list[dict[str, Any]], targeted: bool) -> list[dict[str, Any]]:
    """Each purpose row with what 4 CCR 904-3 r.6.03(A)(1)(c) asks of it.

    The names of its data sold (`sold`), whether it is the 'advertising' purpose of a business that advertises so (`ads`), and
    whether the owner names it among the purposes whose data is used for profiling behind significant decisions (`profiling`).
    Said only when `colorado_purpose_uses_known` holds.
    """
    sold = {id(item) for item, is_sold in zip(answers.data, sold_flags(answers), strict=True) if is_sold}
    decisions = answers.automated_decisions
    profiled = set(decisions.significant_profiling_purposes or []) if decisions.profiling is True else set()
    return [
        {
            "label": row["label"],
            "sold": [name for item, name in zip(row["data"], row["data_names_lower"], strict=True) if id(item) in sold],
            "ads": targeted and row["purpose"] == "advertising",
            "profiling": row["purpose"] in profiled,
        }
        for row in purposes
    ]


def us_facts(answers: Answers) -> dict[str, Any]:
    """The context values of the US clauses, for one policy."""
    sold_items = [item for item, is_sold in zip(answers.data, sold_flags(answers), strict=True) if is_sold]
    return {
        "state_sensitive_groups": _state_groups(answers, states := _chosen_states(answers)),
        "state_sensitive_states": [state for state in US_STATES if state in states and sensitive_under(answers, state)],
        # The states of clauses/laws/us-states.yaml chosen, by name; the rights their laws give; those with an appeal; those
        # giving an opt-out of profiling; those with sensitive data whose law asks for the "NOTICE: We may sell ..." statements.
        "state_law_places": [_label(state) for state in states],
        "state_minor_groups": _minor_groups(answers, states),
        "state_rights": state_rights_lines(answers, states) if states else [],
        "state_appeal_places": [_label(state) for state in states if US_STATES[state]["appeal"]],
        # The days each law gives to answer an appeal (Va. Code 59.1-577(C), Conn. Gen. Stat. 42-518(d), ORS 646A.576(6)(d)), by group.
        "state_appeal_times": _appeal_times(states),
        # The Attorney General's complaint page of each chosen state with an appeal where the row gives one (`ag_complaint`).
        "state_ag_pages": [
            {"place": _label(state), "url": US_STATES[state]["ag_complaint"]["url"]}
            for state in states
            if US_STATES[state]["appeal"] and US_STATES[state].get("ag_complaint")
        ],
        "state_profiling_opt_out_places": [
            _label(state) for state in states if "opt_out_profiling" in state_rights(state, answers.policy.effective_date)
        ],
        # Tex. Bus. & Com. Code 541.102(b)-(c): the notices are for a sale of sensitive (biometric) data, so only the items sold count.
        "state_sensitive_sold_states": (
            sold_states := [state for state in US_STATES if state in states and any(item in sold_items for item in sensitive_under(answers, state))]
        ),
        "state_sale_notice_places": [_label(state) for state in sold_states if "sensitive_sale_notice" in US_STATES[state]["requirements"]],
        "sold_data_categories": list(dict.fromkeys(str(item.category) for item in sold_items)),
        # The ways to send a request the policy names (request_ways in clauses/macros.jinja): Texas asks for two or more (541.055(a)).
        "request_way_count": len({way for way in answers.requests.methods if way != "phone" or answers.business.phone}) or 1,
        "policy_date": answers.policy.effective_date.isoformat(),  # for requirements in force from a date ("policy_date >= '2026-07-01'")
    }


def is_ad_third_party(service: Service, answers: Answers) -> bool:
    """Whether a service receives data as a third party for targeted advertising, not as a service provider (every US law here).

    A service that tracks people across sites, or advertises for a business that shares for advertising. The states: Va. Code
    59.1-575 "targeted advertising" and "third party", Conn. Gen. Stat. 42-515 (a processor processes only on the business's
    behalf). California: cross-context behavioural advertising is no business purpose (1798.140(e)(6)), a service provider's
    contract forbids selling or sharing (1798.140(ag)(1)(A)), and a recipient that is neither service provider nor contractor is a
    third party (ai). Advertising that is not cross-context (contextual ads) can be a service provider's business purpose.
    """
    return service.tracks_across_sites or (service.kind == "advertising" and answers.sharing.shares_for_advertising is True)


def sold_flags(answers: Answers) -> list[bool]:
    """For each data item, whether it is sold.

    Of a category the owner says is sold, or every item when the owner sells and did not say which (California's notice and the
    states' sale notices alike).
    """
    if answers.sharing.sells_data is not True:
        return [False] * len(answers.data)
    sold = set(answers.sharing.sold_categories)
    return [not sold or item.category in sold for item in answers.data]
