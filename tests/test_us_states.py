"""The US states as one shared model (clauses/laws/us-states.yaml): the requirement files it writes, and what each state's readers are told."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.answers.load import answers_from_dict
from generator.answers.vocabulary import US_STATE_LAWS
from generator.check import check_policy
from generator.context.laws import US_STATES
from generator.docsgen.us_requirements import file_name, stale_files
from generator.export.formats import to_markdown
from generator.render import build_policy
from generator.resources import resource_dir

BASE = yaml.safe_load((Path(__file__).parent / "jurisdictions" / "virginia.yaml").read_text(encoding="utf-8"))


def policy(states: list[str], **changes: Any) -> tuple[str, list[str]]:
    """The Markdown policy of the Virginia test answers with these states chosen, and the requirement ids it leaves uncovered."""
    data = copy.deepcopy(BASE)
    data["jurisdictions"] = states
    for path, value in changes.items():
        part, key = path.split("__")
        data[part][key] = value
    answers = answers_from_dict(data, "states.yaml")
    built = build_policy(answers)
    return to_markdown(built), [f.requirement.id for r in check_policy(answers, built).regimes for f in r.gaps]


def test_the_requirement_files_are_written_from_the_table() -> None:
    assert stale_files() == [], "a state's requirement file is stale: run .venv/bin/python -m generator.docsgen.us_requirements"


@pytest.mark.parametrize("state", sorted(US_STATES))
def test_each_state_file_records_its_effective_date_for_the_law_pack(state: str) -> None:
    document = yaml.safe_load((resource_dir("clauses") / "requirements" / file_name(state)).read_text(encoding="utf-8"))
    assert document["applies_from"] == US_STATES[state]["applies_from"]
    assert document["applies_from_source"] == US_STATES[state]["applies_from_source"]


def test_every_state_of_the_table_is_a_jurisdiction() -> None:
    assert set(US_STATES) == US_STATE_LAWS


def test_a_right_some_laws_lack_names_whose_law_gives_it() -> None:
    """Iowa gives no right to correct and no opt-out of profiling: the list says so rather than promising them to Iowans."""
    text, gaps = policy(["virginia", "iowa"])
    assert gaps == []
    assert "- correct data that is wrong (Virginia);" in text
    assert "- opt out of profiling that leads to decisions with legal or similarly significant effects on you (Virginia)." in text
    assert "other than Iowa, you can opt out of profiling" in text


def test_the_five_states_keep_one_list_without_notes() -> None:
    text, _ = policy(["virginia", "colorado", "connecticut", "texas"])
    assert "- correct data that is wrong;\n" in text
    assert "(except in" not in text and "other than" not in text


def test_utah_gives_no_appeal_and_gains_correction_on_1_july_2026() -> None:
    text, gaps = policy(["utah"])
    assert gaps == []
    assert "If we decline your request, we tell you why.\n" in text and "appeal" not in text.lower()
    assert "correct data that is wrong" not in text
    later, _ = policy(["utah"], policy__effective_date="2026-07-01", policy__last_updated="2026-07-01")
    assert "- correct data that is wrong;" in later


def test_maryland_says_strictly_necessary_and_never_sold_not_consent() -> None:
    text, gaps = policy(["maryland"])
    assert gaps == []
    sentence = next(line for line in text.splitlines() if line.startswith("If you live in Maryland, we"))
    assert "only where that is strictly necessary" in sentence and "we never sell it" in sentence
    assert "consent" not in sentence


def test_iowa_and_utah_say_notice_and_opt_out_for_sensitive_data() -> None:
    text, _ = policy(["iowa", "utah", "virginia"])
    assert "If you live in Virginia, we process your biometric data, which the state's law treats as sensitive data, only with your consent." in text
    assert "If you live in Iowa or Utah, we process your biometric data, which the state's law treats as sensitive data, only after telling" in text


def test_iowa_readers_may_be_answered_within_its_90_days() -> None:
    text, _ = policy(["iowa", "virginia"], requests__response_days=60)
    assert "within 45 days of receiving your request" in text  # Virginia's readers
    assert "Iowa" in text and "Elsewhere, we answer within 60 days." in text  # Iowa's 90 days: the owner's 60 stand


def test_a_law_starting_in_2027_is_recorded_with_its_date() -> None:
    assert US_STATES["oklahoma"]["applies_from"] == dt.date(2027, 1, 1)
    assert US_STATES["louisiana"]["applies_from"] == dt.date(2027, 1, 1)
    assert US_STATES["alabama"]["applies_from"] == dt.date(2027, 5, 1)
