"""Which US state privacy laws apply to a business, from its threshold answers and the thresholds kept as data.

The thresholds are `clauses/laws/us-thresholds.yaml`, with their sources. `applicable_laws` reads a business's answers to the
threshold questions (`ThresholdAnswers`: residents whose data it processes per state, revenue, the share of revenue from selling
personal data, whether it is a small business) and says, per state, whether its law applies and why. `policygen applies FILE`
prints the proposal; the owner confirms by writing the proposed places into `jurisdictions:`. A question left unanswered is never
a reason for a law to apply or not: the state is then "unknown", with the answer that would settle it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.answers.messages import explain_validation
from generator.answers.source import parse_yaml
from generator.answers.vocabulary import Jurisdiction
from generator.context.laws import US_THRESHOLDS
from generator.errors import AnswerError


class ThresholdAnswers(BaseModel):
    """The answers that decide which US state laws apply (a file of their own for `policygen applies`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    consumers_by_state: dict[str, int] = Field(
        default_factory=dict,
        description="For each state (`virginia`, `new-jersey`, `california`), how many of its residents' personal data you processed "
        "in the last calendar year, not counting data used only to complete a payment.",
    )
    revenue_usd: int | None = Field(None, ge=0, description="Your annual gross revenue, in US dollars.")
    revenue_share_from_selling: float | None = Field(
        None, ge=0, le=1, description="The share of your gross revenue (0 to 1) that comes from selling personal data (0 if you sell none)."
    )
    small_business: bool | None = Field(None, description="Whether you are a small business as the US Small Business Administration defines it.")
    sells_data: bool | None = Field(None, description="Whether you sell personal data at all.")
    sensitive_data: bool | None = Field(None, description="Whether you process sensitive data (health, biometric, precise location ...).")


@dataclass(frozen=True)
class Applicability:
    """Whether one state's law applies (None: unknown until an answer is given), and why."""

    state: str
    applies: bool | None
    reason: str
    citation: str


def _test(test: dict[str, Any], count: int | None, answers: ThresholdAnswers) -> tuple[bool | None, str]:
    """One threshold test: whether it holds (None while its answer is missing), and the words for it."""
    share = answers.revenue_share_from_selling
    if "consumers" in test:
        limit, over = test["consumers"], test.get("more_than", False)
        words = f"{'over' if over else 'at least'} {limit:,} residents' data"
        return (None if count is None else (count > limit if over else count >= limit)), words
    if "consumers_with_share" in test:
        limit, least = test["consumers_with_share"]
        words = f"at least {limit:,} residents' data and {'any' if least == 0 else f'over {least:.0%} of'} revenue from selling personal data"
        if count is not None and count < limit:
            return False, words
        if count is None or share is None:
            return None, words
        return share > least, words
    if "share" in test:
        least, at_least = test["share"], test.get("share_at_least", False)
        words = f"{'at least' if at_least else 'over'} {least:.0%} of revenue from selling personal data"
        return (None if share is None else (share >= least if at_least else share > least)), words
    if "revenue_usd" in test:
        words = f"annual revenue over ${test['revenue_usd']:,}"
        return (None if answers.revenue_usd is None else answers.revenue_usd > test["revenue_usd"]), words
    if "not_small_business" in test:
        return (None if answers.small_business is None else not answers.small_business), "not a small business as the US SBA defines it"
    if "sells_data" in test:
        return answers.sells_data, "sells personal data"
    return answers.sensitive_data, "processes sensitive data"


def applicability(state: str, answers: ThresholdAnswers) -> Applicability:
    """Whether the law of one state (a key of clauses/laws/us-thresholds.yaml) applies to these answers, with the reason."""
    law = US_THRESHOLDS[state]
    count = answers.consumers_by_state.get(state)
    required = [_test(test, count, answers) for test in law.get("all", [])]
    anyof = [_test(test, count, answers) for test in law["any"]]
    label = Jurisdiction.member(state).label
    if failed := [words for holds, words in required if holds is False]:
        return Applicability(state, False, f"{label}: does not apply: needs {failed[0]}", law["citation"])
    met = [words for holds, words in anyof if holds]
    unknown = [words for holds, words in [*required, *anyof] if holds is None]
    if met and not [words for holds, words in required if holds is None]:
        return Applicability(state, True, f"{label}: applies: {met[0]}", law["citation"])
    if unknown:
        return Applicability(state, None, f"{label}: unknown: answer whether you have {' or '.join(unknown)}", law["citation"])
    tests = " or ".join(words for _, words in anyof)
    return Applicability(state, False, f"{label}: does not apply: needs {tests}", law["citation"])


def applicable_laws(answers: ThresholdAnswers) -> list[Applicability]:
    """Every state of the thresholds data, in its order, with whether its law applies and why."""
    return [applicability(state, answers) for state in US_THRESHOLDS]


def load_threshold_answers(path: Path) -> ThresholdAnswers:
    """The threshold answers in a YAML file.

    Raises:
        AnswerError: naming the file, line and field of each problem.
    """
    document = parse_yaml(path)
    try:
        answers = ThresholdAnswers.model_validate(document.data)
    except ValidationError as exc:
        raise AnswerError(explain_validation(exc, document, ThresholdAnswers)) from None
    unknown = sorted(set(answers.consumers_by_state) - set(US_THRESHOLDS))
    if unknown:
        raise AnswerError([f"{path}: consumers_by_state: '{state}' is not a US state with a privacy law here" for state in unknown])
    return answers


def format_applicability(results: list[Applicability]) -> str:
    """The proposal as text: the laws that apply, then those that do not and those an answer is missing for."""
    proposed = [r.state for r in results if r.applies]
    lines = [f"  {r.reason} ({r.citation})" for r in results]
    lines.append(f"proposed jurisdictions: {', '.join(proposed) if proposed else 'none'} (confirm them under 'jurisdictions:')")
    return "\n".join(lines)
