"""The compliance check and its commands: covered or missing per requirement, summaries, JSON, and build refusing gaps."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import load_answers
from generator.check import check_policy, format_report
from generator.cli import main
from generator.render import build_policy

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "jurisdictions"


def write_variant(tmp_path: Path, base: str, change: Any) -> Path:
    """Copy a test answer file with `change(data)` applied."""
    data = yaml.safe_load((CASES / f"{base}.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{base}-variant.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def drop_legal_basis(data: dict[str, Any]) -> None:
    data["purposes"] = [p for p in data["purposes"] if p["purpose"] != "marketing"]


def test_report_names_the_clause_that_covers_each_requirement() -> None:
    answers = load_answers(CASES / "india.yaml")
    report = check_policy(answers, build_policy(answers), "india.yaml")
    findings = {f.requirement.id: f for r in report.regimes for f in r.findings}
    assert findings["in.spdi.r5.grievance_officer"].clauses == ("contact.grievance-officer",)
    assert "regional-rights.india" in findings["in.spdi.r5.review_correct"].clauses
    text = format_report(report)
    assert "india.yaml: Information Technology Act 2000 s.43A and SPDI Rules 2011 [in.spdi]: 19/19 required disclosures covered, complete" in text
    later = load_answers(CASES / "india.2027.yaml")  # after 13 May 2027: the DPDP Act's notice duties apply
    text = format_report(check_policy(later, build_policy(later), "india.2027.yaml"))
    assert "covered  in.dpdp.s5.board_complaint (DPDP Act 2023 s.5(1)(iii); DPDP Rules 2025 r.3(c)(iii)) by regional-rights.india" in text


def test_missing_answer_is_a_gap_naming_the_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "eu", drop_legal_basis)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "MISSING  gdpr.legal_basis" in out
    assert "missing: give a legal_basis for each purpose under 'purposes:' (answers: purposes[].legal_basis)" in out
    assert "[gdpr]: 28/29 required disclosures covered, 1 missing" in out


def test_quiet_check_prints_only_summary_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--quiet", str(CASES / "california.yaml")]) == 0
    pack, *lines = capsys.readouterr().out.strip().splitlines()
    assert pack.endswith("california.yaml: checked against law pack 2026.12 (2026-12-01)")
    assert len(lines) == 4
    assert all("required disclosures covered, complete" in line for line in lines)
    assert lines[-1].endswith("California (ca_other, caloppa, ccpa): 36/36 required disclosures covered, complete")


def test_summary_line_per_jurisdiction_including_one_where_no_law_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "canada", lambda data: data.update(jurisdictions=["canada", "united-states"]))
    assert main(["check", "--quiet", str(path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-2] == f"{path}: Canada (pipeda): 8/8 required disclosures covered, complete"
    assert lines[-1] == f"{path}: United States (federal): none of its laws' requirements apply to these answers"
    assert main(["check", "--format", "json", str(path)]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert [(j["jurisdiction"], j["regimes"], j["applicable"] == j["covered"]) for j in report["jurisdictions"]] == [
        ("canada", ["pipeda"], True),
        ("united-states", [], True),
    ]


def test_check_json_lists_findings_and_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "eu", drop_legal_basis)
    assert main(["check", "--format", "json", str(path)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    gdpr = next(r for r in report["regimes"] if r["regime"] == "gdpr")
    assert gdpr["covered"] == gdpr["applicable"] - 1
    missing = [f for f in gdpr["findings"] if not f["covered_by"]]
    assert [f["id"] for f in missing] == ["gdpr.legal_basis"]
    assert "legal_basis" in missing[0]["needs"]
    covered = next(f for f in gdpr["findings"] if f["id"] == "gdpr.complaint_authority")
    assert covered["covered_by"] == ["regional-rights.eu"] and "needs" not in covered


def test_build_refuses_gaps_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "eu", drop_legal_basis)
    out_dir = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out_dir)]) == 1
    err = capsys.readouterr().err
    assert "gdpr.legal_basis" in err and "is not covered" in err
    assert "missing: give a legal_basis for each purpose" in err
    assert "--allow-gaps" in err
    assert not list(out_dir.rglob("privacy-policy.*"))


def test_build_with_allow_gaps_writes_and_lists_the_gaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "eu", drop_legal_basis)
    out_dir = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out_dir), "--format", "md", "--allow-gaps"]) == 0
    captured = capsys.readouterr()
    assert "gdpr.legal_basis" in captured.err
    [written] = list(out_dir.glob("*/privacy-policy.md"))
    assert "What each of these reasons means for you" not in written.read_text(encoding="utf-8")


def test_india_without_grievance_officer_is_a_missing_disclosure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The rule lives in the requirement catalogue: the check names the requirement and the answer that meets it."""
    path = write_variant(tmp_path, "india", lambda data: data["contacts"].pop("grievance_officer"))
    out_dir = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out_dir)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(path))}: in\.spdi\.r5\.grievance_officer \(.*\) is not covered: .* missing: .*contacts\.grievance_officer", err)
    assert "required disclosure(s) missing" in err
    assert not list(out_dir.rglob("privacy-policy.*"))
    assert main(["check", str(path)]) == 1
    assert "in.spdi.r5.grievance_officer" in capsys.readouterr().out


def test_california_sale_without_opt_out_link_is_a_missing_disclosure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The law's rule lives in the requirement catalogue: the answers load, the check names the link and the requirement."""
    path = write_variant(tmp_path, "california", lambda data: data["sharing"].pop("opt_out_url"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    missing = [line for line in out.splitlines() if "MISSING" in line]
    assert any("ccpa.dns_link" in line and "sharing.opt_out_url" in line for line in missing), out
    # The right itself is described without the link, with the ways to ask (Civ. Code 1798.135(c)(2)).
    assert not any("ccpa.right_opt_out" in line for line in missing), out
    policy = build_policy(load_answers(path))
    text = "\n".join(c.markdown for s in policy.sections for c in s.clauses)
    assert "Do Not Sell or Share" not in text
    assert "of the sale or sharing of your personal information, by asking us: email" in text


def test_coppa_without_parental_consent_is_a_missing_disclosure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "united-states", lambda data: data["children"].pop("parental_consent"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "coppa.parent_rights" in out and "children.parental_consent" in out


def test_california_without_sale_says_so(tmp_path: Path) -> None:
    def no_sale(data: dict[str, Any]) -> None:
        data["sharing"] = {"service_providers": True, "sells_data": False, "shares_for_advertising": False}
        data["services"] = ["aws"]
        data["cookies"]["kinds"] = ["essential"]

    answers = load_answers(write_variant(tmp_path, "california", no_sale))
    policy = build_policy(answers)
    text = "\n".join(c.markdown for s in policy.sections for c in s.clauses)
    assert "We do not sell your personal information or share it for cross-context behavioural advertising" in text
    assert "Do Not Sell or Share" not in text
    assert not check_policy(answers, policy).gaps


def test_california_unanswered_sale_is_a_gap_not_a_denial(tmp_path: Path) -> None:
    """Not saying whether you sell is not saying you don't: no denial in the text, and the check asks for the answer."""

    def unanswered(data: dict[str, Any]) -> None:
        data["sharing"] = {"service_providers": True}
        data["services"] = ["aws"]
        data["cookies"]["kinds"] = ["essential"]

    answers = load_answers(write_variant(tmp_path, "california", unanswered))
    policy = build_policy(answers)
    text = "\n".join(c.markdown for s in policy.sections for c in s.clauses)
    assert "We do not sell" not in text and "not sold or shared" not in text
    gaps = {gap.requirement.id for gap in check_policy(answers, policy).gaps}
    assert {"ccpa.nac_sold_shared", "ccpa.pp_sold_shared_12m"} <= gaps


def test_a_gap_from_a_missing_dpo_under_lgpd(tmp_path: Path) -> None:
    answers = load_answers(write_variant(tmp_path, "brazil", lambda data: data["contacts"].pop("dpo")))
    report = check_policy(answers, build_policy(answers))
    assert [f.requirement.id for f in report.gaps] == ["lgpd.encarregado"]
    assert "contacts.dpo" in report.gaps[0].requirement.needs




def test_missing_line_names_the_exact_answer_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "eu", lambda data: data["contacts"].pop("eu_representative"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "MISSING  gdpr.eu_representative" in out
    assert "missing: give contacts.eu_representative (name, email, address)\n" in out  # the sentence names the path: not twice
    assert main(["check", "--format", "json", str(path)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    gdpr = next(r for r in report["regimes"] if r["regime"] == "gdpr")
    [missing] = [f for f in gdpr["findings"] if not f["covered_by"]]
    assert missing["id"] == "gdpr.eu_representative" and missing["answers"] == ["contacts.eu_representative"]


def _established_in_germany(data: dict[str, Any]) -> None:
    """The EU test business established in Germany, with no representative and with every service and store in the EU."""
    data["business"]["country"] = "Germany"
    data["contacts"].pop("eu_representative")
    data["services"] = ["aws"]
    data["transfers"] = {"storage_countries": ["Germany"]}


def test_a_requirement_the_answers_exempt_is_reported_not_applicable_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Established in the EU: no representative needed, and (AWS in Ireland, storage in Germany) no transfer; said, not left out."""

    def in_germany(data: dict[str, Any]) -> None:
        _established_in_germany(data)
        data["services"] = [{"id": "aws", "provider": "Amazon Web Services EMEA SARL", "country": "Luxembourg"}]

    path = write_variant(tmp_path, "eu", in_germany)
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    representative = next(line for line in lines if "gdpr.eu_representative" in line)
    assert representative.startswith("  n/a      gdpr.eu_representative (GDPR Art. 13(1)(a), 14(1)(a), 27): not applicable: ")
    assert "the business is established in the EU/EEA" in representative
    assert any(line.startswith("  n/a      gdpr.transfer_safeguards (") for line in lines)
    summary = next(line for line in lines if "[gdpr]:" in line)
    assert summary.endswith("required disclosures covered, complete; 3 not applicable"), summary
    assert main(["check", "--format", "json", str(path)]) == 0
    [report] = json.loads(capsys.readouterr().out)
    gdpr = next(r for r in report["regimes"] if r["regime"] == "gdpr")
    exempt = {e["id"]: e["reason"] for e in gdpr["not_applicable"]}
    assert set(exempt) == {"gdpr.eu_representative", "gdpr.third_country_transfer", "gdpr.transfer_safeguards"}
    assert "gdpr.eu_representative" not in {f["id"] for f in gdpr["findings"]}
    assert next(j for j in report["jurisdictions"] if j["jurisdiction"] == "eu")["not_applicable"] == 3


def test_an_unanswered_fact_is_no_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Services not listed: nobody said nothing leaves the EU, so the transfer requirements are not reported as not applicable."""

    def unlisted(data: dict[str, Any]) -> None:
        _established_in_germany(data)
        data.pop("services")

    assert main(["check", str(write_variant(tmp_path, "eu", unlisted))]) == 0
    out = capsys.readouterr().out
    assert "n/a      gdpr.eu_representative" in out and "gdpr.transfer_safeguards" not in out


def test_a_law_the_answers_exempt_is_reported_not_applicable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """COPPA: a service not directed to children, with a minimum age of 13, is outside it, and the check says why."""

    def teenagers(data: dict[str, Any]) -> None:
        data["children"] = {"minimum_age": 13, "directed_to_children": False}

    path = write_variant(tmp_path, "united-states", teenagers)
    assert main(["check", "--quiet", str(path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        f"{path}: checked against law pack 2026.12 (2026-12-01)",
        f"{path}: Children's Online Privacy Protection Act and COPPA Rule (16 CFR Part 312) [coppa]: not applicable: "
        "the service is not directed to children under 13 and its minimum age is 13 or over",
        f"{path}: United States (federal): none of its laws' requirements apply to these answers",
    ]
    assert main(["check", "--format", "json", str(path)]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert [(e["regime"], e["jurisdiction"]) for e in report["regimes_not_applicable"]] == [("coppa", "united-states")]
