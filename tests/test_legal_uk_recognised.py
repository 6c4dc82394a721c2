"""Regression tests of M1 and R4's other half (issue 17, docs/legal-review.md "UK GDPR, DPA 2018 and PECR", 2026-12-03): a
recognised legitimate interest (UK GDPR Art. 6(1)(ea), 6(5) and Annex 1, inserted by the Data (Use and Access) Act 2025 s.70 and
Sch. 4; in force 5 February 2026 by SI 2026/82 reg. 2(c)) could not be answered, so a UK owner relying on one had to misstate it
as legitimate interests under point (f), and the objection paragraph (Art. 21(1) as amended: points (e), (ea) and (f)) did not
name it. Each test failed on main: `recognised-legitimate-interest` was no legal basis an answer file could give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.check import format_report
from tests.test_legal_review import CASES, case, paragraph, status

NAME = "uk-recognised-interest"
RECOGNISED = "recognised-legitimate-interest"
OBJECTION = "**You can object at any time** to our use of your data where we rely on"


def _security(data: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in data["purposes"] if p["purpose"] == "security")


def test_a_recognised_legitimate_interest_is_said_with_its_annex_1_condition() -> None:
    text, report = case(NAME)
    assert (
        "- **Keep our services secure**: a recognised legitimate interest under UK law (to detect, investigate or prevent crime, or "
        "to catch or prosecute offenders)." in text
    )
    meaning = next(line for line in text.splitlines() if line.startswith("- **Recognised legitimate interest**"))
    assert "UK law recognises a few purposes, such as preventing crime or safeguarding, as legitimate interests in themselves" in meaning
    assert "We rely on one only where we need the information for that purpose. You can object." in meaning
    # Not said as legitimate interests under point (f): no balancing test, no interest of Art. 13(1)(d).
    assert "Legitimate interests**" not in text and "Where we rely on our legitimate interests" not in text
    assert status(report, "uk_gdpr.lawful_basis") == "covered"


def test_the_uk_objection_paragraph_names_a_recognised_legitimate_interest_where_one_is_relied_on() -> None:
    """R4's other half: Art. 21(1) as amended gives the right to object to processing on point (ea) too."""
    text, _ = case(NAME)
    assert paragraph(text, OBJECTION).startswith(f"{OBJECTION} a recognised legitimate interest, for reasons that come from your particular")

    def also_interests(data: dict[str, Any]) -> None:
        data["purposes"][0].update(legal_basis="legitimate-interests", detail="answering the questions our customers send us")

    text, _ = case(NAME, also_interests)
    assert paragraph(text, OBJECTION).startswith(f"{OBJECTION} our legitimate interests or a recognised legitimate interest, for reasons")


def test_without_its_condition_the_lawful_basis_is_missing() -> None:
    def no_condition(data: dict[str, Any]) -> None:
        del _security(data)["recognised_interest"]

    text, report = case(NAME, no_condition)
    assert "- **Keep our services secure**: a recognised legitimate interest under UK law." in text
    assert status(report, "uk_gdpr.lawful_basis") == "missing"
    assert "missing: give a legal_basis for each purpose under 'purposes:', and for each whose basis is recognised-legitimate-interest" in (
        format_report(report)
    )


def test_each_annex_1_condition_is_said_in_plain_words_and_beside_another_basis() -> None:
    def conditions(data: dict[str, Any]) -> None:
        _security(data).update(
            legal_basis="legitimate-interests", detail="keeping our systems safe", other_bases=[RECOGNISED],
            recognised_interest=["public-task-request", "safeguarding"],
        )  # fmt: skip

    text, report = case(NAME, conditions)
    assert (
        "- **Keep our services secure**: our legitimate interests; for part of it, a recognised legitimate interest under UK law (to "
        "give it to an organisation that asks for it and tells us that it needs it for a task in the public interest, or for an "
        "official authority, that the law gives it; to protect a child or an adult at risk from neglect or from physical, mental "
        "or emotional harm, or to protect their well-being)." in text
    )
    assert status(report, "uk_gdpr.lawful_basis") == "covered"
    for condition, words in (("national-security", "to safeguard national security, to protect public security or for defence"),
                             ("emergency", "to respond to an emergency")):  # fmt: skip
        text, _ = case(NAME, lambda data, condition=condition: _security(data).update(recognised_interest=[condition]))
        assert f"a recognised legitimate interest under UK law ({words})." in text


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, Any], field: str) -> str:
    """The one message `policygen check` gives for the file (exit 2), at the answer `field`'s line."""
    from generator.cli import main

    path = tmp_path / f"{NAME}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("policygen: ")]
    assert len(lines) == 1 and f": {field}: " in lines[0], err
    assert lines[0].split(": ", 3)[1].split(":")[-2:] != ["1", "1"]  # at the answer's line, not the file's
    return lines[0]


def _data() -> dict[str, Any]:
    return dict(yaml.safe_load((CASES / f"{NAME}.yaml").read_text(encoding="utf-8")))


def test_a_recognised_legitimate_interest_is_refused_where_another_readers_law_has_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The GDPR (Art. 6(1)) and the LGPD (Art. 7) have no point (ea), and their readers read the same legal bases."""
    data = _data()
    data["jurisdictions"] = ["uk", "eu"]
    message = _refused(tmp_path, capsys, data, "purposes[1].legal_basis")
    assert "a basis of the UK GDPR alone (Art. 6(1)(ea)" in message and "the EU's GDPR has no such basis" in message
    assert "leave 'eu' out of jurisdictions" in message
    data["jurisdictions"] = ["uk", "brazil"]
    data["purposes"][1].update(legal_basis="legitimate-interests", detail="keeping our systems safe", other_bases=[RECOGNISED])
    message = _refused(tmp_path, capsys, data, "purposes[1].other_bases[0]")
    assert "Brazil's LGPD has no such basis" in message
    data["jurisdictions"] = ["india"]
    assert "'uk' is not among your jurisdictions" in _refused(tmp_path, capsys, data, "purposes[1].other_bases[0]")
    data["jurisdictions"] = ["uk", "singapore"]  # Singapore reads legitimate interests only, never this basis
    answers_from_dict(data, f"{NAME}.yaml")


def test_a_recognised_legitimate_interest_is_refused_before_it_existed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _data()
    data["policy"]["effective_date"] = "2026-02-04"
    assert "in force from 5 February 2026" in _refused(tmp_path, capsys, data, "purposes[1].legal_basis")
    data["policy"]["effective_date"] = "2026-02-05"
    answers_from_dict(data, f"{NAME}.yaml")


def test_a_condition_needs_its_basis_and_is_given_once() -> None:
    data = _data()
    data["purposes"][0]["recognised_interest"] = ["crime"]
    with pytest.raises(Exception, match="give legal_basis \\(or other_bases\\) recognised-legitimate-interest, or leave it out"):
        answers_from_dict(data, f"{NAME}.yaml")
    data = _data()
    data["purposes"][1]["recognised_interest"] = ["crime", "crime"]
    with pytest.raises(Exception, match="lists 'crime' twice"):
        answers_from_dict(data, f"{NAME}.yaml")
    data["purposes"][1]["recognised_interest"] = ["fraud"]
    with pytest.raises(Exception, match="recognised_interest"):
        answers_from_dict(data, f"{NAME}.yaml")


# The public-authority exclusion (UK GDPR Art. 6(1), the words after point (f), as DUAA 2025 s.70 amends them: "Points (ea) and
# (f) of the first subparagraph shall not apply to processing carried out by public authorities in the performance of their
# tasks"; GDPR Art. 6(1): point (f)). Before 2026-12-03 no answer said whether the business is a public authority.


def test_a_public_authority_cannot_rest_its_tasks_on_a_recognised_legitimate_interest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Failed on main: `business.public_authority` was no answer, and a public authority's security purpose on point (ea) was printed."""
    data = _data()
    data["business"]["public_authority"] = True
    message = _refused(tmp_path, capsys, data, "purposes[1].legal_basis")
    assert "is recognised-legitimate-interest (point (ea)), business.public_authority is true" in message
    assert "the UK GDPR (Art. 6(1), the words after point (f)) bars this basis for processing by public authorities" in message
    assert "give public-task (or another basis) for it, or, if the purpose is not one of your tasks" in message
    data["purposes"][1]["public_authority_task"] = True
    assert "public_authority_task says this purpose is one of your tasks" in _refused(tmp_path, capsys, data, "purposes[1].legal_basis")
    data["purposes"][1]["public_authority_task"] = False  # not one of its tasks as a public authority (DPA 2018 s.7(2))
    answers = answers_from_dict(data, f"{NAME}.yaml")
    assert answers.business.public_authority is True
    data["purposes"][1] = {"purpose": "security", "legal_basis": "public-task"}  # its task, on point (e)
    answers_from_dict(data, f"{NAME}.yaml")


def test_a_public_authority_cannot_rest_its_tasks_on_legitimate_interests_for_eu_or_uk_readers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GDPR and UK GDPR Art. 6(1): point (f) is not for a public authority's tasks either; other readers' laws are not read here."""
    data = _data()
    data["business"]["public_authority"] = True
    data["jurisdictions"] = ["uk", "eu"]
    data["purposes"][1] = {"purpose": "security", "legal_basis": "public-task", "other_bases": ["legitimate-interests"],
                          "detail": "keeping the systems of our trading arm safe"}  # fmt: skip
    message = _refused(tmp_path, capsys, data, "purposes[1].other_bases[0]")
    assert "is legitimate-interests (point (f)), business.public_authority is true" in message
    assert "the UK GDPR and the GDPR (Art. 6(1), the words after point (f)) bar this basis" in message
    data["jurisdictions"] = ["singapore"]
    answers_from_dict(data, f"{NAME}.yaml")
    data["jurisdictions"] = ["uk"]
    data["business"]["public_authority"] = False
    answers_from_dict(data, f"{NAME}.yaml")  # not a public authority: legitimate interests as before


def test_a_public_authority_task_answer_needs_a_public_authority_and_an_interest_basis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _data()
    data["purposes"][1]["public_authority_task"] = False
    message = _refused(tmp_path, capsys, data, "purposes[1].public_authority_task")
    assert "but business.public_authority is not true" in message
    data = _data()
    data["business"]["public_authority"] = True
    data["purposes"][0]["public_authority_task"] = False
    with pytest.raises(Exception, match="public_authority_task says whether a public authority relies on legitimate interests"):
        answers_from_dict(data, f"{NAME}.yaml")
