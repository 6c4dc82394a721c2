"""Each jurisdiction's test answers get a policy that covers every requirement of its laws, and says so."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from generator.answers.load import load_answers
from generator.answers.model import Answers
from generator.answers.vocabulary import Jurisdiction
from generator.check import Report, check_policy
from generator.docsgen.coverage import coverage_markdown, uncovered_requirements, unknown_covers
from generator.library.requirements import load_requirements
from generator.policy import Policy
from generator.render import build_policy

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "jurisdictions").glob("*.yaml"))

# Words a reader must find in the policy for each jurisdiction: the authority to complain to and the key disclosures.
PHRASES = {
    "india": ["Grievance Officer", "Asha Verma", "Data Protection Board of India", "name another person", "Consent Manager", "Eighth Schedule"],
    "eu": ["supervisory authority", "Example EU Rep GmbH", "Jonas Keller", "machine-readable", "standard contractual clauses", "special category data"],
    "uk": ["Information Commissioner's Office", "Example UK Rep Ltd", "within 30 days", "without asking first"],
    "california": [
        "Do Not Sell or Share My Personal Information",
        "Limit the Use of My Sensitive Personal Information",
        "authorised agent",
        "Global Privacy Control",
        "last 12 months",
        "Shine the Light",
    ],
    "united-states": ["Children's Online Privacy Protection Act", "small card payment", "review the child's information", "+1 408 555 0110"],
    "virginia": ["appeal", "Attorney General", "opt out of profiling"],
    "colorado": ["Global Privacy Control", "targeted advertising", "Attorney General"],
    "connecticut": ["appeal", "Attorney General", "only with your consent"],
    "texas": ["NOTICE: We may sell your sensitive personal data.", "NOTICE: We may sell your biometric personal data."],
    "oregon": ["list of the specific third parties", "appeal"],
    "montana": ["appeal", "Attorney General", "only with your consent", "Global Privacy Control"],
    "iowa": ["appeal", "giving you a chance to opt out of that processing", "answer within 30 days"],
    "delaware": ["list of the categories of third parties", "only with your consent"],
    "new-hampshire": ["appeal", "Global Privacy Control"],
    "new-jersey": ["appeal", "only with your consent", "Global Privacy Control"],
    "tennessee": ["appeal", "opt out of profiling"],
    "minnesota": ["list of the specific third parties", "question the result of profiling", "last updated on"],
    "maryland": ["strictly necessary", "we never sell it", "list of the categories of third parties"],
    "indiana": ["appeal", "only with your consent"],
    "kentucky": ["appeal", "only with your consent"],
    "rhode-island": ["Example Events Co", "We sell personal data"],
    "nebraska": ["appeal", "Global Privacy Control"],
    "utah": ["giving you a chance to opt out of that processing", "If we decline your request, we tell you why."],
    "oklahoma": ["appeal", "opt out of profiling"],
    "louisiana": ["NOTICE: We may sell your sensitive personal data.", "NOTICE: We may sell your biometric personal data."],
    "alabama": ["appeal", "opt out of the sale of your personal data and of targeted advertising."],
    "brazil": ["National Data Protection Authority (ANPD)", "encarregad", "revoke consent", "anonymous"],
    "canada": ["Office of the Privacy Commissioner of Canada", "outside Canada", "national security"],
    "quebec": ["Commission d'accès à l'information du Québec", "outside Quebec", "off until you turn them on"],
    "australia": ["Office of the Australian Information Commissioner", "overseas", "Australian law requires"],
    "singapore": ["Personal Data Protection Commission", "reasonable notice", "Wei Ling Tan"],
}


Built = Mapping[str, tuple[Answers, Policy, Report]]


@pytest.fixture(scope="module")
def built() -> Built:
    """Each test answer file loaded, rendered and checked once for this module, by jurisdiction (read-only)."""
    builds = {}
    for path in FILES:
        answers = load_answers(path)
        policy = build_policy(answers)
        builds[path.stem] = (answers, policy, check_policy(answers, policy, str(path)))
    return MappingProxyType(builds)


def test_every_requirement_is_covered_by_some_clause() -> None:
    assert uncovered_requirements() == []


def test_every_covers_id_names_a_requirement() -> None:
    assert unknown_covers() == []


def test_every_jurisdiction_has_a_test_file() -> None:
    assert sorted(path.stem for path in FILES) == sorted(j.value for j in Jurisdiction)


def test_every_regime_is_exercised_by_some_test_file(built: Built) -> None:
    exercised: set[str] = set()
    for _, _, report in built.values():
        exercised |= {r.regime.regime for r in report.regimes}
    assert exercised == {regime.regime for regime in load_requirements()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_jurisdiction_is_fully_covered_and_stated(path: Path, built: Built) -> None:
    _, policy, report = built[path.stem]
    chosen = {regime.regime for regime in load_requirements() if regime.jurisdiction.value == path.stem}
    assert chosen <= {r.regime.regime for r in report.regimes}, "a regime of this jurisdiction did not apply"
    assert [f.requirement.id for f in report.gaps] == []
    included = {clause.id for section in policy.sections for clause in section.clauses}
    markdown = "\n".join(clause.markdown for section in policy.sections for clause in section.clauses)
    for regime_report in report.regimes:
        for finding in regime_report.findings:
            assert set(finding.clauses) <= included
    for phrase in PHRASES[path.stem]:
        assert phrase in markdown, f"{path.stem}: the policy does not say {phrase!r}"


def test_rights_section_names_the_place_and_its_authority(built: Built) -> None:
    _, policy, _ = built["india"]
    rights = next(section for section in policy.sections if section.id == "regional-rights")
    text = "\n".join(clause.markdown for clause in rights.clauses)
    assert text.startswith("### India")
    assert "complain to the Data Protection Board of India" in text
    assert "use our grievance process first" in text


def test_docs_coverage_table_is_up_to_date() -> None:
    docs = (ROOT / "docs" / "jurisdictions.md").read_text(encoding="utf-8")
    assert docs == coverage_markdown(), "docs/jurisdictions.md is stale: run .venv/bin/python -m generator.docsgen.coverage docs/jurisdictions.md"
    assert "not legal advice" in docs


def test_every_requirement_is_met_by_an_included_clause_in_some_test_file(built: Built) -> None:
    """Each requirement's covering clause can be included: some test file's policy includes it where the requirement applies."""
    met: set[str] = set()
    for _, _, report in built.values():
        met |= {f.requirement.id for r in report.regimes for f in r.findings if f.covered}
    every = [requirement.id for regime in load_requirements() for requirement in regime.requirements]
    assert [requirement_id for requirement_id in every if requirement_id not in met] == []
