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
"""One file per jurisdiction (`india.yaml`), and more for one whose law changes on a day (`india.2027.yaml`: after the DPDP Act starts)
or whose answers take another branch of its law (`uk.banner.yaml`: cookies set only after UK visitors agree)."""


def place(path: Path) -> str:
    """The jurisdiction a test file is for: its name up to the first dot."""
    return path.stem.split(".")[0]


# Words a reader must find in the policy for each jurisdiction: the authority to complain to and the key disclosures.
PHRASES = {
    "india": ["Grievance Officer", "Asha Verma", "From 13 May 2027", "Data Protection Board of India", "Under India's SPDI Rules 2011 you can"],
    "india.2027": ["Under India's Digital Personal Data Protection Act 2023 you can", "name another person", "Consent Manager", "Eighth Schedule"],
    "eu": ["supervisory authority", "Example EU Rep GmbH", "Jonas Keller", "machine-readable", "standard contractual clauses", "special category data"],
    "uk": ["Information Commissioner's Office", "Example UK Rep Ltd", "within 30 days", "without asking first"],
    "uk.banner": ["Information Commissioner's Office", "We set every other cookie only after you agree in our cookie banner"],
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
    "brazil": ["National Data Protection Agency (Agência Nacional de Proteção de Dados, ANPD)", "encarregad", "revoke consent", "anonymous"],
    "canada": ["Office of the Privacy Commissioner of Canada", "outside Canada", "national security"],
    "quebec": ["Commission d'accès à l'information du Québec", "outside Quebec", "off until you turn them on"],
    "australia": ["Office of the Australian Information Commissioner", "overseas", "Australian law requires"],
    "singapore": ["Personal Data Protection Commission", "reasonable notice", "Wei Ling Tan"],
    "switzerland": ["Federal Data Protection and Information Commissioner (FDPIC)", "Swiss-US Data Privacy Framework", "Example Swiss Rep AG"],
    "new-zealand": ["Office of the Privacy Commissioner", "20 working days", "Tax Administration Act 1994"],
    "japan": ["Personal Information Protection Commission", "Haruto Example", "equivalent to Japan's"],
    "south-africa": ["Information Regulator", "POPIAComplaints@inforegulator.org.za", "is voluntary"],
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
    assert sorted({place(path) for path in FILES}) == sorted(j.value for j in Jurisdiction)


def test_every_regime_is_exercised_by_some_test_file(built: Built) -> None:
    exercised: set[str] = set()
    for _, _, report in built.values():
        exercised |= {r.regime.regime for r in report.regimes}
    assert exercised == {regime.regime for regime in load_requirements()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_jurisdiction_is_fully_covered_and_stated(path: Path, built: Built) -> None:
    _, policy, report = built[path.stem]
    chosen = {regime.regime for regime in load_requirements() if regime.jurisdiction.value == place(path)}
    assert chosen <= {r.regime.regime for r in report.regimes}, "a regime of this jurisdiction did not apply"
    assert [f.requirement.id for f in report.gaps] == []
    included = {clause.id for section in policy.sections for clause in section.clauses}
    markdown = "\n".join(clause.markdown for section in policy.sections for clause in section.clauses)
    for regime_report in report.regimes:
        for finding in regime_report.findings:
            assert set(finding.clauses) <= included
    for phrase in PHRASES[path.stem]:
        assert phrase in markdown, f"{path.stem}: the policy does not say {phrase!r}"


@pytest.mark.parametrize(
    ("stem", "board"), [("india", "From 13 May 2027, if we do not answer your grievance"), ("india.2027", "If we do not answer your grievance")]
)
def test_rights_section_names_the_place_and_its_authority(built: Built, stem: str, board: str) -> None:
    """The Data Protection Board hears complaints only from 13 May 2027 (DPDP Act s.27; G.S.R. 843(E)): before it, said with that date."""
    _, policy, _ = built[stem]
    rights = next(section for section in policy.sections if section.id == "regional-rights")
    text = "\n".join(clause.markdown for clause in rights.clauses)
    assert text.startswith("### India")
    assert f"{board} in time, or our answer does not settle it, you can then complain to the Data Protection Board of India." in text
    assert "The Act requires you to use our grievance process first." in text


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
