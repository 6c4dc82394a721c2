"""One run reports every problem of an answer file: fields, contradictions and services, sorted by line.

A check across parts (a duplicate, a law's answer) is judged only when every part it reads is
valid; otherwise it is left out, since its verdict would rest on a wrong answer. The corpus
(`tests/bad_inputs/several_problems*.yaml`) pins the exact messages of a file; these tests go
through the dict API, which has no positions.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from conftest import ROOT

from generator.answers.load import answers_from_dict
from generator.errors import AnswerError

VALID = yaml.safe_load((ROOT / "tests" / "bad_inputs" / "_valid.yaml").read_text(encoding="utf-8"))


def _messages(change: Any) -> list[str]:
    data = copy.deepcopy(VALID)
    change(data)
    with pytest.raises(AnswerError) as caught:
        answers_from_dict(data)
    return caught.value.messages


def test_a_field_a_contradiction_and_a_service_at_once() -> None:
    def change(data: dict[str, Any]) -> None:
        data["children"]["minimum_age"] = 99
        data["data"].append(copy.deepcopy(data["data"][0]))
        data["jurisdictions"] = ["india", "california"]
        data["sharing"]["sells_data"] = True
        data["sharing"]["spdi_disclosure"] = "permission"  # India's r.6(1) answer for the sensitive data sold
        data["sharing"].pop("opt_out_url", None)
        data["services"] = ["google-analytic"]

    messages = _messages(change)
    # What a law needs (California's opt-out link here) is no longer a load error: `policygen check` reports it.
    assert len(messages) == 3
    assert any("children.minimum_age: 99 is not accepted" in m for m in messages)
    assert any("data category 'identity' is listed twice" in m for m in messages)
    assert any("services[0]: unknown service 'google-analytic'" in m for m in messages)


def test_a_law_is_not_judged_on_an_invalid_part() -> None:
    def change(data: dict[str, Any]) -> None:
        data["jurisdictions"] = ["united-states", "indai"]
        data["children"] = {"minimum_age": 10}

    assert _messages(change) == [
        "<dict>: jurisdictions[1]: 'indai' is not accepted; did you mean 'india'? Accepted: "
        "india, eu, uk, united-states, california, virginia, colorado, connecticut, texas, oregon, alabama, delaware, indiana, iowa, kentucky, "
        "louisiana, maryland, minnesota, montana, nebraska, new-hampshire, new-jersey, oklahoma, rhode-island, tennessee, utah, brazil, canada, "
        "quebec, australia, singapore, "
        "switzerland, new-zealand, japan, south-africa"
    ]


def test_a_duplicate_is_not_judged_in_a_list_with_an_invalid_item() -> None:
    def change(data: dict[str, Any]) -> None:
        data["data"].append({"category": "identity", "purposes": ["oders"]})

    [message] = _messages(change)
    assert message.startswith("<dict>: data[5].purposes[0]: 'oders' is not accepted; did you mean 'orders'?")


def test_the_valid_services_of_a_list_with_an_invalid_one_are_checked() -> None:
    def change(data: dict[str, Any]) -> None:
        data["services"] = ["Google-Analytics", "google-analytic", "google-analytics"]
        data["business"]["email"] = "nobody"

    messages = _messages(change)
    assert [m.split(": ")[1] for m in messages] == ["business.email", "services[0]", "services[1]"]
    assert "unknown service 'google-analytic'" in messages[2]


def test_a_list_refused_as_a_whole_is_not_checked_item_by_item() -> None:
    assert _messages(lambda data: data.update(services=["google-analytic"] * 201)) == [
        "<dict>: services: at most 200 items are accepted here (this list has 201)"
    ]


def test_a_control_character_and_an_unknown_service_of_valid_answers() -> None:
    messages = _messages(lambda data: data.update(services=["google-analytic", "zoho\x1bcrm"]))
    assert [m.split(": ")[1] for m in messages] == ["services[1]", "services[0]"]  # no position in a dict: refused values first
    assert "unknown service" not in messages[0]
