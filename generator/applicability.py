"""Which privacy laws apply to a business, from its threshold answers and the laws' scope rules kept as data.

The rules are `clauses/laws/applicability.yaml` (establishment, offering goods or services, monitoring, and the other tests of
each law's scope article) and `clauses/laws/us-thresholds.yaml` (the US states' numbers), each with its sources. `applicable_laws`
reads a business's answers to the threshold questions (`ThresholdAnswers`, the answer file's `thresholds:` or a file of their own)
and the country it is registered in, and says, per law, whether it applies and why. `policygen applies` prints the proposal; the
owner confirms by writing the proposed places into `jurisdictions:`. A question left unanswered is never a reason for a law to
apply or not: the law is then "unknown", with the answers that would settle it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.answers.messages import explain_validation
from generator.answers.source import parse_yaml
from generator.answers.thresholds import ThresholdAnswers
from generator.answers.vocabulary import Jurisdiction
from generator.context.laws import REGIME_SCOPES, US_THRESHOLDS, home_jurisdiction
from generator.errors import AnswerError

__all__ = ["Applicability", "ThresholdAnswers", "applicability", "applicable_laws", "format_applicability", "load_applies_file", "verdicts"]

Holds = tuple[bool | None, str, tuple[str, ...]]
"""A test's result (None: unknown), its words, and the threshold answers that would settle it while unknown."""


@dataclass(frozen=True)
class Applicability:
    """Whether one law applies (None: unknown until an answer is given), and why."""

    state: str
    """The jurisdiction the law belongs to (a US state, or `eu`, `india`, ...)."""
    applies: bool | None
    reason: str
    citation: str
    needs: tuple[str, ...] = ()
    """While unknown: the threshold answers that would settle it (`offers_to`, `consumers_by_state.virginia`)."""


def _test(test: dict[str, Any], state: str, answers: ThresholdAnswers) -> Holds:
    """One US threshold test: whether it holds (None while its answer is missing), its words, and the answers it waits for."""
    share, count = answers.revenue_share_from_selling, answers.consumers_by_state.get(state)
    counted, sold = (f"consumers_by_state.{state}",), ("revenue_share_from_selling",)
    if "consumers" in test:
        limit, over = test["consumers"], test.get("more_than", False)
        words = f"{'over' if over else 'at least'} {limit:,} residents' data"
        return (None if count is None else (count > limit if over else count >= limit)), words, counted
    if "consumers_with_share" in test:
        limit, least = test["consumers_with_share"]
        words = f"at least {limit:,} residents' data and {'any' if least == 0 else f'over {least:.0%} of'} revenue from selling personal data"
        if count is not None and count < limit:
            return False, words, ()
        if count is None or share is None:
            return None, words, (counted if count is None else ()) + (sold if share is None else ())
        return share > least, words, ()
    if "share" in test:
        least, at_least = test["share"], test.get("share_at_least", False)
        words = f"{'at least' if at_least else 'over'} {least:.0%} of revenue from selling personal data"
        return (None if share is None else (share >= least if at_least else share > least)), words, sold
    if "revenue_usd" in test:
        words = f"annual revenue over ${test['revenue_usd']:,}"
        return (None if answers.revenue_usd is None else answers.revenue_usd > test["revenue_usd"]), words, ("revenue_usd",)
    if "not_small_business" in test:
        small = answers.small_business
        return (None if small is None else not small), "not a small business as the US SBA defines it", ("small_business",)
    if "sells_data" in test:
        return answers.sells_data, "sells personal data", ("sells_data",)
    return answers.sensitive_data, "processes sensitive data", ("sensitive_data",)


def _listed(values: list[Any] | None, place: str, field: str) -> tuple[bool | None, tuple[str, ...]]:
    return (None, (field,)) if values is None else (place in {str(value) for value in values}, ())


def _scope_test(test: dict[str, Any], answers: ThresholdAnswers, home: str | None) -> Holds:
    """One scope test of clauses/laws/applicability.yaml: whether it holds for the answers and the business's own country (`home`)."""
    words = test["words"]
    if "established" in test or "link" in test:
        place = test.get("established") or test["link"]
        established, needs = (True, ()) if home == place else _listed(answers.establishments, place, "establishments")
        if "established" in test:
            return established, words, needs
        offers, offer_needs = _listed(answers.offers_to, place, "offers_to")
        if established or offers:
            return True, words, ()
        if established is False and offers is False:
            return False, words, ()
        return None, words, needs + offer_needs
    for field in ("offers_to", "monitors"):
        if field in test:
            holds, needs = _listed(getattr(answers, field), test[field], field)
            return holds, words, needs
    if "turnover_aud_over" in test:
        turnover = answers.turnover_aud
        return (None if turnover is None else turnover > test["turnover_aud_over"]), words, ("turnover_aud",)
    value = getattr(answers, test["answer"])
    return value, words, (test["answer"],)


def _decide(state: str, label: str, required: list[Holds], anyof: list[Holds], cites: dict[str, str], citation: str, us: bool) -> Applicability:
    """The result of one law from its tests: a required test that fails, one of the others that holds, or what is still unknown."""
    if failed := [words for holds, words, _ in required if holds is False]:
        return Applicability(state, False, f"{label}: does not apply: needs {failed[0]}", cites.get(failed[0], citation))
    met = [words for holds, words, _ in anyof if holds]
    if met and all(holds for holds, _, _ in required):
        return Applicability(state, True, f"{label}: applies: {met[0]}", cites.get(met[0], citation))
    unknown = [(words, needs) for holds, words, needs in [*required, *anyof] if holds is None]
    if unknown:
        needs = tuple(dict.fromkeys(need for _, wanted in unknown for need in wanted))
        what = " or ".join(words for words, _ in unknown) if us else "; ".join(words for words, _ in unknown)
        settles = f"which settles: {what}"
        return Applicability(state, None, f"{label}: unknown: answer {', '.join(needs)} ({settles})", citation, needs)
    tests = " or ".join(words for _, words, _ in anyof) if us else "; ".join(words for _, words, _ in anyof)
    return Applicability(state, False, f"{label}: does not apply: {'needs' if us else 'none of:'} {tests}", citation)


def applicability(state: str, answers: ThresholdAnswers) -> Applicability:
    """Whether the law of one US state (a key of clauses/laws/us-thresholds.yaml) applies to these answers, with the reason."""
    law = US_THRESHOLDS[state]
    required = [_test(test, state, answers) for test in law.get("all", [])]
    anyof = [_test(test, state, answers) for test in law["any"]]
    return _decide(state, Jurisdiction.member(state).label, required, anyof, {}, law["citation"], us=True)


def scope(regime: dict[str, Any], answers: ThresholdAnswers, country: str | None = None) -> Applicability:
    """Whether one regime of clauses/laws/applicability.yaml applies to a business registered in `country`, with the reason."""
    home = home_jurisdiction(country) if country else None
    required = [_scope_test(test, answers, home) for test in regime.get("all", [])]
    anyof = [_scope_test(test, answers, home) for test in regime["any"]]
    cites = {test["words"]: test["cite"] for test in [*regime.get("all", []), *regime["any"]]}
    return _decide(regime["jurisdiction"], regime["name"], required, anyof, cites, regime["citation"], us=False)


def applicable_laws(answers: ThresholdAnswers, country: str | None = None, states: list[str] | None = None) -> list[Applicability]:
    """Every law of the data, in its order (the scope rules, then the US states), with whether it applies and why.

    `country` is the business's own (business.country), an establishment the answers need not repeat; `states` limits the US
    states to those named (the wizard asks only about the states whose residents the owner serves).
    """
    results = [scope(regime, answers, country) for regime in REGIME_SCOPES]
    return results + [applicability(state, answers) for state in US_THRESHOLDS if states is None or state in states]


def verdicts(results: list[Applicability]) -> dict[str, bool | None]:
    """Per jurisdiction, in the results' order: True when one of its laws applies, False when none does, None while one is unknown."""
    found: dict[str, bool | None] = {}
    for result in results:
        before = found.get(result.state, False)
        found[result.state] = True if before or result.applies else None if before is None or result.applies is None else False
    return found


def load_applies_file(path: Path) -> tuple[ThresholdAnswers, str | None, list[str] | None]:
    """The threshold answers of a file, the business's country and the jurisdictions it lists (None for a file of threshold answers alone).

    The file is an answer file (its `thresholds:` section, validated with every other answer) or a file of threshold answers alone.

    Raises:
        AnswerError: naming the file, line and field of each problem.
    """
    document = parse_yaml(path)
    data = document.data
    if isinstance(data, dict) and set(data) - set(ThresholdAnswers.model_fields):
        from generator.pipeline import load

        answers = load(path)
        listed = [str(place) for place in answers.jurisdictions]
        return answers.thresholds or ThresholdAnswers(), answers.business.country, listed
    try:
        return ThresholdAnswers.model_validate(data), None, None
    except ValidationError as exc:
        raise AnswerError(explain_validation(exc, document, ThresholdAnswers)) from None


def format_applicability(results: list[Applicability], listed: list[str] | None = None) -> str:
    """The proposal as text: each law with its reason, the jurisdictions proposed, and where they differ from those `listed`."""
    found = verdicts(results)
    proposed = [place for place, applies in found.items() if applies]
    lines = [f"  {r.reason} ({r.citation})" for r in results]
    lines.append(f"proposed jurisdictions: {', '.join(proposed) if proposed else 'none'} (confirm them under 'jurisdictions:')")
    if listed is not None:
        missing = [place for place in proposed if place not in listed]
        extra = [place for place in listed if found.get(place) is False]
        if missing:
            lines.append(f"warning: proposed but not listed under 'jurisdictions:': {', '.join(missing)} (the thresholds say their laws apply)")
        if extra:
            lines.append(f"warning: listed under 'jurisdictions:' but the thresholds say their laws do not apply: {', '.join(extra)} (you decide)")
        if not missing and not extra:
            lines.append("'jurisdictions:' agrees with the proposal (the unknown ones aside)")
    return "\n".join(lines)
