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

    Each group: the states' names, the items' names, and the rule (`consent`, `notice-and-opt-out`, `strictly-necessary`).
    """
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for state in (state for state in US_STATES if state in states):  # in the table's order, as the sentences were written
        if names := tuple(item.name.lower() for item in sensitive_under(answers, state)):
            groups.setdefault((US_STATES[state]["sensitive"], names), []).append(_label(state))
    return [{"states": places, "names": list(names), "rule": rule} for (rule, names), places in groups.items()]


_RIGHTS = {
    "access": "confirm whether we process your personal data, and get access to it",
    "correct": "correct data that is wrong",
    "delete": "delete your data",
    "portability": "get a copy of the data you gave us in a portable format",
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

    lines = [f"{_RIGHTS[right]}{_whose(has, states)};" for right in _CORE if (has := holders(right))]
    profiling = holders("opt_out_profiling")
    if len(profiling) == len(states):
        lines.append(f"{_OPT_OUT}.")
    else:
        lines.append(f"{_OPT_OUT_SALE}{_whose(holders('opt_out'), states)}{';' if profiling else '.'}")
        lines += [f"{_OPT_OUT_PROFILING}{_whose(profiling, states)}."] if profiling else []
    lines += [f"{_RIGHTS[right]}{_whose(has, states)}." for right in _EXTRA if (has := holders(right))]
    return lines


def us_facts(answers: Answers) -> dict[str, Any]:
    """The context values of the US clauses, for one policy."""
    return {
        "state_sensitive_groups": _state_groups(answers, states := _chosen_states(answers)),
        "state_sensitive_states": [state for state in US_STATES if state in states and sensitive_under(answers, state)],
        # The states of clauses/laws/us-states.yaml chosen, by name; the rights their laws give; those with an appeal; those
        # giving no opt-out of profiling; those with sensitive data whose law asks for the "NOTICE: We may sell ..." statements.
        "state_law_places": [_label(state) for state in states],
        "state_rights": state_rights_lines(answers, states) if states else [],
        "state_appeal_places": [_label(state) for state in states if US_STATES[state]["appeal"]],
        "state_no_profiling_opt_out": [
            _label(state) for state in states if "opt_out_profiling" not in state_rights(state, answers.policy.effective_date)
        ],
        "state_sale_notice_places": [
            _label(state) for state in states if "sensitive_sale_notice" in US_STATES[state]["requirements"] and sensitive_under(answers, state)
        ],
    }
