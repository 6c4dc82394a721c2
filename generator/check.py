"""The compliance check: which disclosures each chosen law requires, and which clause makes each one.

The requirement catalogue lives in `clauses/requirements/<regime>.yaml`; each
regime names the jurisdiction that brings it in and an optional condition, and
each requirement an `applies_when` condition over the answers and the answers
that would satisfy it (`needs` in words, `answers` as paths). A regime or
requirement whose condition does not hold because of a fact the answers state
(its `not_applicable`) is reported as not applicable, with the reason, rather
than left out without a word.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import FunctionLoader, Template
from jinja2.exceptions import TemplateError

from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.context import policy_context
from generator.errors import ClauseError
from generator.library.requirements import Exemption, LawPack, Regime, Requirement, load_law_pack, load_requirements
from generator.policy import Policy
from generator.schedule import Change, changes, format_changes
from generator.schedule import today as real_today
from generator.templating.cache import PrivateBytecodeCache, code_version
from generator.templating.environment import make_environment


@dataclass(frozen=True)
class Finding:
    """One applicable requirement and the clauses that cover it (none: a gap)."""

    requirement: Requirement
    clauses: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Whether an included clause covers the requirement."""
        return bool(self.clauses)


@dataclass(frozen=True)
class Exempt:
    """A requirement of an applicable regime that does not apply, because of a fact the answers state (its `reason`)."""

    requirement: Requirement
    reason: str


@dataclass(frozen=True)
class ExemptRegime:
    """A chosen jurisdiction's regime that does not apply, because of a fact the answers state (its `reason`)."""

    regime: Regime
    reason: str


@dataclass
class RegimeReport:
    """What a regime requires of this policy, what is missing, and what does not apply and why."""

    regime: Regime
    findings: list[Finding] = field(default_factory=list)
    not_applicable: list[Exempt] = field(default_factory=list)

    @property
    def gaps(self) -> list[Finding]:
        """The applicable requirements no clause covers."""
        return [f for f in self.findings if not f.covered]


@dataclass
class Report:
    """The compliance report for one policy."""

    source: str
    regimes: list[RegimeReport]
    jurisdictions: tuple[Jurisdiction, ...] = ()
    not_applicable: list[ExemptRegime] = field(default_factory=list)
    law_pack: LawPack = field(default_factory=load_law_pack)
    today: dt.date = field(default_factory=real_today)
    """The day "starting soon" is counted from (whether a requirement applies depends only on the policy's effective date)."""
    changes: list[Change] = field(default_factory=list)
    """The requirements that start or end after the policy's effective date and within 180 days of `today`."""

    @property
    def gaps(self) -> list[Finding]:
        """Every gap, across regimes."""
        return [gap for regime in self.regimes for gap in regime.gaps]

    def by_jurisdiction(self) -> list[tuple[Jurisdiction, list[RegimeReport]]]:
        """Each chosen jurisdiction with the reports of its laws that apply (none when no law's condition holds)."""
        chosen = list(self.jurisdictions) or list(dict.fromkeys(r.regime.jurisdiction for r in self.regimes))
        return [(place, [r for r in self.regimes if r.regime.jurisdiction == place]) for place in chosen]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready report (its shape is documented in docs/json-output.md)."""
        return {
            "source": self.source,
            "ok": not self.gaps,
            "law_pack": {"version": self.law_pack.version, "date": self.law_pack.date.isoformat()},
            "today": self.today.isoformat(),
            "changes": [change.to_dict() for change in self.changes],
            "jurisdictions": [
                {
                    "jurisdiction": place.value,
                    "name": place.label,
                    "regimes": [r.regime.regime for r in reports],
                    "applicable": sum(len(r.findings) for r in reports),
                    "covered": sum(len(r.findings) - len(r.gaps) for r in reports),
                    "not_applicable": sum(len(r.not_applicable) for r in reports),
                }
                for place, reports in self.by_jurisdiction()
            ],
            "regimes": [
                {
                    "regime": r.regime.regime,
                    "name": r.regime.name,
                    "jurisdiction": r.regime.jurisdiction.value,
                    "applicable": len(r.findings),
                    "covered": len(r.findings) - len(r.gaps),
                    "findings": [
                        {
                            "id": f.requirement.id,
                            "description": f.requirement.description,
                            "citation": f.requirement.citation,
                            "covered_by": list(f.clauses),
                            **({} if f.covered else {"needs": f.requirement.needs, "answers": list(f.requirement.answers)}),
                        }
                        for f in r.findings
                    ],
                    "not_applicable": [
                        {"id": e.requirement.id, "description": e.requirement.description, "citation": e.requirement.citation, "reason": e.reason}
                        for e in r.not_applicable
                    ],
                }
                for r in self.regimes
            ],
            "regimes_not_applicable": [
                {"regime": e.regime.regime, "name": e.regime.name, "jurisdiction": e.regime.jurisdiction.value, "reason": e.reason}
                for e in self.not_applicable
            ],
        }


@functools.cache
def _compiled(expression: str) -> Any:
    return _expression_environment().compile_expression(expression, undefined_to_none=False)


@functools.cache
def _expression_environment() -> Any:
    return make_environment("md")


def holds(expression: str, context: dict[str, Any]) -> bool:
    """Evaluate a condition over the answers."""
    try:
        return bool(_compiled(expression)(**context))
    except TemplateError as exc:
        raise ClauseError(f"the condition '{expression}' failed: {exc}") from None


def applicable_regimes(answers: Answers, context: dict[str, Any] | None = None) -> list[Regime]:
    """The regimes whose jurisdiction was chosen and whose condition holds."""
    context = context or policy_context(answers)
    return [r for r in load_requirements() if answers.has(r.jurisdiction.value) and holds(r.applies_when, context)]


@dataclass
class _Outcome:
    """Which regimes and requirements apply to the answers, and which do not because of a stated fact (with the reason)."""

    regimes: list[tuple[Regime, list[Requirement], list[Exempt]]] = field(default_factory=list)
    exempt: list[ExemptRegime] = field(default_factory=list)


def _reason(exemptions: tuple[Exemption, ...], flags: Iterable[Any]) -> str | None:
    """The reason of the first exemption whose flag (its condition's value, in the same order) is truthy, or None."""
    return next((e.reason for e, flag in zip(exemptions, flags, strict=True) if flag), None)


def _outcome_one_by_one(answers: Answers, context: dict[str, Any]) -> _Outcome:
    """The outcome with each condition evaluated alone (names a failing one).

    An exemption is looked at only when the condition of its regime or requirement does not hold.
    """
    outcome = _Outcome()
    for regime in load_requirements():
        if not answers.has(regime.jurisdiction.value):
            continue
        if not holds(regime.applies_when, context):
            reason = _reason(regime.not_applicable, (holds(e.when, context) for e in regime.not_applicable))
            if reason is not None:
                outcome.exempt.append(ExemptRegime(regime, reason))
            continue
        applicable, exempt = [], []
        for requirement in regime.requirements:
            if holds(requirement.applies_when, context):
                applicable.append(requirement)
            elif (reason := _reason(requirement.not_applicable, (holds(e.when, context) for e in requirement.not_applicable))) is not None:
                exempt.append(Exempt(requirement, reason))
        outcome.regimes.append((regime, applicable, exempt))
    return outcome


_CHOSEN = "policygen_regime_chosen"
"""The context name of the tuple saying, for each regime of the catalogue, whether its jurisdiction was chosen."""


def _tuple(expressions: list[str]) -> str:
    """A Jinja tuple of the expressions, each in parentheses (`()` for none, a trailing comma for one)."""
    return "(" + "".join(f"({e}), " for e in expressions) + ")"


@functools.cache
def _catalogue_conditions() -> Template | None:
    """Every condition of the catalogue as one template, so a policy's check is one call.

    `flags` holds one element per regime, in catalogue order: none when its jurisdiction was not
    chosen; `(false, <its exemptions' conditions>)` when its condition does not hold (its
    requirements' conditions are then not evaluated, as one by one); else `true` followed by, for
    each requirement, its condition and its exemptions' conditions. Each condition was compiled
    alone when the catalogue loaded, so a broken one is named by its file; None when the whole does
    not compile, and the check goes one condition at a time.
    """
    parts = []
    for number, regime in enumerate(load_requirements()):
        requirements = "".join(f"(({r.applies_when}), {_tuple([e.when for e in r.not_applicable])}),\n" for r in regime.requirements)
        exemptions = _tuple([e.when for e in regime.not_applicable])
        parts.append(f"(((true,\n{requirements}) if ({regime.applies_when}) else (false, {exemptions})) if {_CHOSEN}[{number}] else none),\n")
    source = "{% set flags = (\n" + "".join(parts) + ") %}"
    env = make_environment("md", loader=FunctionLoader(_SOURCES.get))
    env.bytecode_cache = PrivateBytecodeCache()
    name = f"policygen-requirements-{hashlib.sha256((code_version() + source).encode('utf-8')).hexdigest()}"
    _SOURCES[name] = source
    try:
        return env.get_template(name)
    except TemplateError:
        return None
    finally:
        del _SOURCES[name]


_SOURCES: dict[str, str] = {}


def _outcome(answers: Answers, context: dict[str, Any]) -> _Outcome:
    """Which regimes and requirements apply, and which are exempt: every condition in one call.

    Any failure goes the one-by-one way, which gives the same result or raises the error that
    names the failing condition.
    """
    regimes = load_requirements()
    template = _catalogue_conditions()
    if template is not None:
        chosen = tuple(answers.has(regime.jurisdiction.value) for regime in regimes)
        try:
            values = template.make_module({**context, _CHOSEN: chosen}).flags  # type: ignore[attr-defined]
            return _read_flags(regimes, values)
        except Exception:  # noqa: BLE001 - evaluated again one by one, which raises what it raises
            pass
    return _outcome_one_by_one(answers, context)


def _read_flags(regimes: tuple[Regime, ...], values: Any) -> _Outcome:
    """The outcome from the values of the catalogue template's `flags` (see `_catalogue_conditions`)."""
    outcome = _Outcome()
    for regime, value in zip(regimes, values, strict=True):
        if value is None:
            continue
        applies, *rest = value
        if not applies:
            [flags] = rest
            reason = _reason(regime.not_applicable, flags)
            if reason is not None:
                outcome.exempt.append(ExemptRegime(regime, reason))
            continue
        applicable, exempt = [], []
        for requirement, (holds_, exemption_flags) in zip(regime.requirements, rest, strict=True):
            if holds_:
                applicable.append(requirement)
                continue
            if (reason := _reason(requirement.not_applicable, exemption_flags)) is not None:
                exempt.append(Exempt(requirement, reason))
        outcome.regimes.append((regime, applicable, exempt))
    return outcome


def check_policy(answers: Answers, policy: Policy, source: str = "", *, today: dt.date | None = None) -> Report:
    """Check every applicable requirement against the clauses included in `policy`.

    A requirement applies only on the days it is in force (its `applies_from` and `until`) as of the policy's effective
    date: before, it is "not applicable: starts <day> (<source>)". `today` (by default the real one, or POLICYGEN_TODAY) decides which
    of them the report lists as starting or ending soon.
    """
    context = policy_context(answers)
    effective = answers.policy.effective_date
    covered_by: dict[str, list[str]] = {}
    for section in policy.sections:
        for clause in section.clauses:
            for requirement_id in clause.covers:
                covered_by.setdefault(requirement_id, []).append(clause.id)
    outcome = _outcome(answers, context)
    reports = []
    for regime, requirements, exempt in outcome.regimes:
        dated = [Exempt(requirement, reason) for requirement in requirements if (reason := requirement.date_reason(effective)) is not None]
        report = RegimeReport(regime, not_applicable=[*dated, *exempt])
        in_force = [requirement for requirement in requirements if requirement.in_force(effective)]
        report.findings.extend(Finding(requirement, _covering(requirement, covered_by, context)) for requirement in in_force)
        reports.append(report)
    day = today or real_today()
    applicable = [requirement for _regime, requirements, _exempt in outcome.regimes for requirement in requirements]
    return Report(
        source=source,
        regimes=reports,
        jurisdictions=tuple(answers.jurisdictions),
        not_applicable=outcome.exempt,
        today=day,
        changes=changes(applicable, effective, day),
    )


def _covering(requirement: Requirement, covered_by: dict[str, list[str]], context: dict[str, Any]) -> tuple[str, ...]:
    """The clauses that cover the requirement: none while its `met_when` (the value the law needs) does not hold."""
    clauses = tuple(covered_by.get(requirement.id, ()))
    if clauses and requirement.met_when is not None and not holds(requirement.met_when, context):
        return ()
    return clauses


def format_report(report: Report, *, verbose: bool = True) -> str:
    """The report as text: each finding and exemption (when verbose), a summary line per regime, then one per chosen jurisdiction.

    Each requirement is "covered" (by the clauses named), "missing: <the answer to give>" or "not applicable: <reason>".
    A regime or requirement that does not apply because of a fact the answers state is always
    said, with the reason (a regime on its own line, a requirement as a count on its regime's line),
    so a reader sees it was considered rather than forgotten.
    """
    lines = [f"{report.source}: checked against law pack {report.law_pack.version} ({report.law_pack.date.isoformat()})"]
    for regime_report in report.regimes:
        regime = regime_report.regime
        if verbose:
            for finding in regime_report.findings:
                requirement = finding.requirement
                if finding.covered:
                    lines.append(f"  covered  {requirement.id} ({requirement.citation}) by {', '.join(finding.clauses)}")
                else:
                    lines.append(f"  MISSING  {requirement.id} ({requirement.citation}): {requirement.description} missing: {requirement.hint}")
            for skipped in regime_report.not_applicable:
                lines.append(f"  n/a      {skipped.requirement.id} ({skipped.requirement.citation}): not applicable: {skipped.reason}")
        total = len(regime_report.findings)
        gaps = len(regime_report.gaps)
        status = ("complete" if not gaps else f"{gaps} missing") + _exempt_count(len(regime_report.not_applicable))
        lines.append(f"{report.source}: {regime.name} [{regime.regime}]: {total - gaps}/{total} required disclosures covered, {status}")
    for exempt_regime in report.not_applicable:
        regime = exempt_regime.regime
        lines.append(f"{report.source}: {regime.name} [{regime.regime}]: not applicable: {exempt_regime.reason}")
    for place, reports in report.by_jurisdiction():
        if not reports:
            lines.append(f"{report.source}: {place.label}: none of its laws' requirements apply to these answers")
            continue
        total = sum(len(r.findings) for r in reports)
        gaps = sum(len(r.gaps) for r in reports)
        status = ("complete" if not gaps else f"{gaps} missing") + _exempt_count(sum(len(r.not_applicable) for r in reports))
        laws = ", ".join(r.regime.regime for r in reports)
        lines.append(f"{report.source}: {place.label} ({laws}): {total - gaps}/{total} required disclosures covered, {status}")
    lines += format_changes(report.source, report.changes, report.today, verbose=verbose)
    return "\n".join(lines)


def _exempt_count(count: int) -> str:
    """"; 2 not applicable" for a summary with exempt requirements, else nothing."""
    return f"; {count} not applicable" if count else ""
