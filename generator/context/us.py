"""The values the US clauses need: what each US law counts as sensitive (California's own values are in `california.py`).

Each law's definition of sensitive data is data in `clauses/laws/` (read by `laws.py`); this module applies it to one policy's
answers.
"""

from __future__ import annotations

from typing import Any

from generator.answers.collection import DataItem
from generator.answers.model import Answers
from generator.context.laws import US_SENSITIVE_LAWS, sensitive_categories


def sensitive_under(answers: Answers, law: str) -> list[DataItem]:
    """The data items a US law (`california` or a state) counts as sensitive on the policy's effective date."""
    categories = sensitive_categories(law, answers.policy.effective_date)
    return [item for item in answers.data if item.category in categories]


def _state_groups(answers: Answers) -> list[dict[str, Any]]:
    """The chosen states with sensitive data under their own law, grouped by the same items: their titles and the items' names."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for law in US_SENSITIVE_LAWS:
        if law != "california" and answers.has(law) and (names := tuple(item.name.lower() for item in sensitive_under(answers, law))):
            groups.setdefault(names, []).append(law.title())
    return [{"states": states, "names": list(names)} for names, states in groups.items()]


def us_facts(answers: Answers) -> dict[str, Any]:
    """The context values of the US clauses, for one policy."""
    return {
        "state_sensitive_groups": (groups := _state_groups(answers)),
        "state_sensitive_states": [state.lower() for group in groups for state in group["states"]],
    }
