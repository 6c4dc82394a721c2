"""The dated law pack (issue 19, item 3): each requirement applies from its day, as of the policy's effective date; the check
names the pack and what starts or ends within 180 days of a fixed "today"; the policy's JSON and HTML record the pack."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.check import check_policy, format_report
from generator.cli import main
from generator.errors import ClauseError
from generator.library.requirements import load_law_pack, load_requirements
from generator.render import build_policy

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "tests" / "legal" / "india-dates.yaml"  # India, in force from 1 December 2026


def _answers(path: Path, **policy: Any) -> Any:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["policy"].update(policy)
    return answers_from_dict(data)


def test_the_pack_has_a_version_and_a_date() -> None:
    pack = load_law_pack()
    assert pack.version == "2026.12" and pack.date == dt.date(2026, 12, 1)


def test_every_regime_of_the_pack_says_when_it_starts_and_why() -> None:
    for regime in load_requirements():
        assert regime.applies_from is not None and regime.applies_from_source, regime.regime
        for requirement in regime.requirements:
            assert requirement.applies_from is not None and requirement.applies_from_source, requirement.id


def test_the_known_dates_are_in_the_pack() -> None:
    """Each as the requirement files' notes and the legal review record it."""
    requirements = {r.id: r for regime in load_requirements() for r in regime.requirements}
    assert requirements["in.dpdp.s11.right_access"].applies_from == dt.date(2027, 5, 13)  # G.S.R. 843(E)
    assert requirements["in.spdi.r5.review_correct"].until == dt.date(2027, 5, 13)  # DPDP Act s.44(2) omits IT Act s.43A
    assert requirements["au_app.automated_decisions"].applies_from == dt.date(2026, 12, 10)  # APP 1.7-1.9
    assert requirements["coppa.retention_policy"].applies_from == dt.date(2026, 4, 22)  # the 2025 amendments' compliance date
    assert requirements["coppa.parent_rights"].applies_from == dt.date(2013, 7, 1)
    assert requirements["uk_gdpr.complaint_to_controller"].applies_from == dt.date(2026, 6, 19)  # DPA 2018 s.164A


def test_a_requirement_before_its_day_is_not_applicable_and_says_when_it_starts() -> None:
    answers = _answers(SHOP)
    report = check_policy(answers, build_policy(answers), "shop.yaml", today=dt.date(2026, 12, 1))
    text = format_report(report)
    assert "  n/a      in.dpdp.s11.right_access (DPDP Act 2023 s.11(1)): not applicable: starts 13 May 2027 (MeitY G.S.R. 843(E)" in text
    assert "in.spdi.r5.review_correct" in text and not report.gaps
    dpdp = next(r for r in report.regimes if r.regime.regime == "in.dpdp")
    assert dpdp.findings == []  # nothing of the Act's notice duties is asked of a policy in force before it starts


def test_the_check_names_the_pack_and_lists_what_starts_within_180_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--today", "2026-12-01", str(SHOP)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{SHOP}: checked against law pack 2026.12 (2026-12-01)"
    start = out.index(f"{SHOP}: starting or ending within 180 days of 2026-12-01:")
    soon = out[start + 1 :]
    assert any(line.startswith("  2027-05-13  in.dpdp.s11.right_access (DPDP Act 2023 s.11(1)): starts 13 May 2027 (MeitY") for line in soon)
    assert any(line.startswith("  2027-05-13  in.spdi.r5.grievance_officer (SPDI Rules 2011 r.5(9)): ends 13 May 2027") for line in soon)
    assert all(line.startswith("  2027-05-13  ") for line in soon)


def test_a_day_more_than_180_days_away_is_not_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--today", "2026-11-01", str(SHOP)]) == 0  # 13 May 2027 is 193 days later
    assert "starting or ending within 180 days" not in capsys.readouterr().out


def test_quiet_lists_one_line_per_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--quiet", "--today", "2026-12-01", str(SHOP)]) == 0
    out = capsys.readouterr().out.splitlines()
    soon = out[out.index(f"{SHOP}: starting or ending within 180 days of 2026-12-01:") + 1 :]
    assert soon == ["  2027-05-13  starts 13 May 2027: 23 requirements", "  2027-05-13  ends 13 May 2027: 19 requirements"]


def test_a_day_that_passed_after_the_policy_took_effect_is_listed_as_started(tmp_path: Path) -> None:
    """A policy in force from 1 January 2026 for a children's service: the COPPA amendments' compliance date came after it."""
    data = yaml.safe_load((ROOT / "tests" / "jurisdictions" / "united-states.yaml").read_text(encoding="utf-8"))
    data["policy"]["effective_date"] = data["policy"]["last_updated"] = "2026-01-01"
    answers = answers_from_dict(data)
    report = check_policy(answers, build_policy(answers), "kids.yaml", today=dt.date(2026, 12, 1))
    started = [c for c in report.changes if c.requirement.id == "coppa.retention_policy"]
    assert [c.describe(dt.date(2026, 12, 1)) for c in started] == ["started 22 April 2026, after this policy's effective date"]
    assert any(e.requirement.id == "coppa.retention_policy" and e.reason.startswith("starts 22 April 2026") for r in report.regimes for e in r.not_applicable)


def test_the_json_report_records_the_pack_and_the_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--today", "2026-12-01", str(SHOP)]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["law_pack"] == {"version": "2026.12", "date": "2026-12-01"} and report["today"] == "2026-12-01"
    access = next(c for c in report["changes"] if c["id"] == "in.dpdp.s11.right_access")
    assert access["date"] == "2027-05-13" and access["change"] == "starts" and "G.S.R. 843(E)" in access["source"]


def test_the_policy_json_and_html_record_the_pack_version(tmp_path: Path) -> None:
    assert main(["build", str(SHOP), "--out", str(tmp_path), "-f", "json,html"]) == 0
    folder = next(path for path in tmp_path.iterdir() if path.is_dir())
    assert json.loads((folder / "privacy-policy.json").read_text(encoding="utf-8"))["law_pack"] == "2026.12"
    assert '<article class="privacy-policy" lang="en" data-law-pack="2026.12">' in (folder / "privacy-policy.html").read_text(encoding="utf-8")


def test_a_policy_dated_after_the_pack_warns_in_one_line_and_still_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = yaml.safe_load(SHOP.read_text(encoding="utf-8"))
    data["policy"]["effective_date"] = data["policy"]["last_updated"] = "2027-06-01"
    # From 13 May 2027 DPDP s.9(3) bars tracking children, and this shop's analytics cover everyone, younger users it lets in
    # with a parent too: here it lets in none, so the later policy is complete and only the date is warned about.
    data["children"]["supervised_use"] = False
    # DPDP Act s.4(1), from 13 May 2027: each purpose's ground, consent or a legitimate use of s.7 (in.dpdp.s4.grounds).
    used = dict.fromkeys(purpose for item in data["data"] for purpose in item["purposes"])
    data["purposes"] = [{"purpose": purpose, "dpdp_ground": "consent"} for purpose in used]
    later = tmp_path / "later.yaml"
    later.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["build", str(later), "--out", str(tmp_path / "out"), "-f", "md"]) == 0
    warning = f"{later}: warning: the policy takes effect on 2027-06-01, after law pack 2026.12 (2026-12-01); laws that changed since are not in this check"
    assert capsys.readouterr().err.splitlines() == [warning]
    assert main(["check", "--quiet", str(later)]) == 0
    assert capsys.readouterr().err.splitlines() == [warning]
    assert main(["check", "--quiet", str(SHOP)]) == 0
    assert capsys.readouterr().err == ""  # in force on the pack's date: no warning


def _catalogue(folder: Path, regime: str, requirement: str) -> Path:
    """A requirement folder of one regime `x` with the given regime-level and requirement-level lines."""
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "# A test regime. Primary sources: none.\nregime: x\nname: Test law\njurisdiction: india\n" + regime
        + "requirements:\n  - id: x.one\n    description: Say the one thing.\n    citation: s.1\n"
        + "    needs: nothing beyond the answers\n    answers: []\n" + requirement,
        encoding="utf-8",
    )  # fmt: skip
    return folder


def test_a_requirement_takes_its_regimes_day_unless_it_has_its_own(tmp_path: Path) -> None:
    regime = "applies_from: 2027-01-01\napplies_from_source: Test Act s.9\n"
    [inherited] = load_requirements(_catalogue(tmp_path / "a", regime, ""))
    assert (inherited.requirements[0].applies_from, inherited.requirements[0].applies_from_source) == (dt.date(2027, 1, 1), "Test Act s.9")
    own = "    applies_from: 2028-01-01\n    applies_from_source: Test Act s.10\n"
    [kept] = load_requirements(_catalogue(tmp_path / "b", regime, own))
    assert (kept.requirements[0].applies_from, kept.requirements[0].applies_from_source) == (dt.date(2028, 1, 1), "Test Act s.10")


def test_a_date_without_its_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ClauseError, match="'applies_from' needs 'applies_from_source'"):
        load_requirements(_catalogue(tmp_path / "c", "applies_from: 2027-01-01\n", ""))
