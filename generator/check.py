"""The compliance check: which disclosures each chosen law requires, and which clause makes each one.

The requirement catalogue lives in `clauses/requirements/<regime>.yaml`; each
regime names the jurisdiction that brings it in and an optional condition, and
each requirement an `applies_when` condition over the answers and the answer
that would satisfy it (`needs`).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

from jinja2 import FunctionLoader, Template
from jinja2.exceptions import TemplateError

from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.context import policy_context
from generator.errors import ClauseError
from generator.library.requirements import Regime, Requirement, load_requirements
from generator.policy import Policy
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


@dataclass
class RegimeReport:
    """What a regime requires of this policy, and what is missing."""

    regime: Regime
    findings: list[Finding] = field(default_factory=list)

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

    @property
    def gaps(self) -> list[Finding]:
        """Every gap, across regimes."""
        return [gap for regime in self.regimes for gap in regime.gaps]

    def by_jurisdiction(self) -> list[tuple[Jurisdiction, list[RegimeReport]]]:
        """Each chosen jurisdiction with the reports of its laws that apply (none when no law's condition holds)."""
        chosen = list(self.jurisdictions) or list(dict.fromkeys(r.regime.jurisdiction for r in self.regimes))
        return [(place, [r for r in self.regimes if r.regime.jurisdiction == place]) for place in chosen]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready report."""
        return {
            "source": self.source,
            "ok": not self.gaps,
            "jurisdictions": [
                {
                    "jurisdiction": place.value,
                    "name": place.label,
                    "regimes": [r.regime.regime for r in reports],
                    "applicable": sum(len(r.findings) for r in reports),
                    "covered": sum(len(r.findings) - len(r.gaps) for r in reports),
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
                            **({} if f.covered else {"needs": f.requirement.needs}),
                        }
                        for f in r.findings
                    ],
                }
                for r in self.regimes
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


def _findings_one_by_one(answers: Answers, context: dict[str, Any]) -> list[tuple[Regime, list[Requirement]]]:
    """Each applicable regime with its applicable requirements, each condition evaluated alone (names a failing one)."""
    return [(regime, [r for r in regime.requirements if holds(r.applies_when, context)]) for regime in applicable_regimes(answers, context)]


_CHOSEN = "policygen_regime_chosen"
"""The context name of the tuple saying, for each regime of the catalogue, whether its jurisdiction was chosen."""


@functools.cache
def _catalogue_conditions() -> Template | None:
    """Every condition of the catalogue as one template, so a policy's check is one call.

    `flags` holds one element per regime, in catalogue order: falsy when its jurisdiction was
    not chosen or its condition does not hold (its requirements' conditions are then not
    evaluated, as one by one), else the tuple of its requirements' conditions. Each condition
    was compiled alone when the catalogue loaded, so a broken one is named by its file; None
    when the whole does not compile, and the check goes one condition at a time.
    """
    parts = []
    for number, regime in enumerate(load_requirements()):
        requirements = "".join(f"({r.applies_when}),\n" for r in regime.requirements)
        parts.append(f"({_CHOSEN}[{number}] and ({regime.applies_when}) and (\n{requirements})),\n")
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


def _findings(answers: Answers, context: dict[str, Any]) -> list[tuple[Regime, list[Requirement]]]:
    """Each applicable regime with its applicable requirements: every condition in one call.

    Any failure goes the one-by-one way, which gives the same result or raises the error that
    names the failing condition.
    """
    regimes = load_requirements()
    template = _catalogue_conditions()
    if template is not None:
        chosen = tuple(answers.has(regime.jurisdiction.value) for regime in regimes)
        try:
            values = template.make_module({**context, _CHOSEN: chosen}).flags  # type: ignore[attr-defined]
            return [
                (regime, [r for r, flag in zip(regime.requirements, flags, strict=True) if flag])
                for regime, flags in zip(regimes, values, strict=True)
                if flags
            ]
        except Exception:  # noqa: BLE001 - evaluated again one by one, which raises what it raises
            pass
    return _findings_one_by_one(answers, context)


def check_policy(answers: Answers, policy: Policy, source: str = "") -> Report:
    """Check every applicable requirement against the clauses included in `policy`."""
    context = policy_context(answers)
    covered_by: dict[str, list[str]] = {}
    for section in policy.sections:
        for clause in section.clauses:
            for requirement_id in clause.covers:
                covered_by.setdefault(requirement_id, []).append(clause.id)
    reports = []
    for regime, requirements in _findings(answers, context):
        report = RegimeReport(regime)
        report.findings.extend(Finding(requirement, tuple(covered_by.get(requirement.id, ()))) for requirement in requirements)
        reports.append(report)
    return Report(source=source, regimes=reports, jurisdictions=tuple(answers.jurisdictions))


def format_report(report: Report, *, verbose: bool = True) -> str:
    """The report as text: each finding (when verbose), a summary line per regime, then one per chosen jurisdiction."""
    lines = []
    for regime_report in report.regimes:
        regime = regime_report.regime
        if verbose:
            for finding in regime_report.findings:
                requirement = finding.requirement
                if finding.covered:
                    lines.append(f"  covered  {requirement.id} ({requirement.citation}) by {', '.join(finding.clauses)}")
                else:
                    lines.append(f"  MISSING  {requirement.id} ({requirement.citation}): {requirement.description} Needs: {requirement.needs}")
        total = len(regime_report.findings)
        gaps = len(regime_report.gaps)
        status = "complete" if not gaps else f"{gaps} missing"
        lines.append(f"{report.source}: {regime.name} [{regime.regime}]: {total - gaps}/{total} required disclosures covered, {status}")
    for place, reports in report.by_jurisdiction():
        if not reports:
            lines.append(f"{report.source}: {place.label}: none of its laws' requirements apply to these answers")
            continue
        total = sum(len(r.findings) for r in reports)
        gaps = sum(len(r.gaps) for r in reports)
        status = "complete" if not gaps else f"{gaps} missing"
        laws = ", ".join(r.regime.regime for r in reports)
        lines.append(f"{report.source}: {place.label} ({laws}): {total - gaps}/{total} required disclosures covered, {status}")
    return "\n".join(lines)
