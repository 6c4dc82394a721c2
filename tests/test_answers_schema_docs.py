"""docs/answers.schema.json, the schema editors use through the examples' `# yaml-language-server` line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT

SCHEMA_PATH = ROOT / "docs" / "answers.schema.json"


def as_editor_sees(value: Any) -> Any:
    """YAML 1.2 (the language server's) reads 2026-04-01 as a string; PyYAML makes a date of it."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_points_editors_at_the_schema_and_passes_it(example: Path, validator: jsonschema.protocols.Validator) -> None:
    text = example.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/answers.schema.json\n")
    errors = sorted(validator.iter_errors(as_editor_sees(yaml.safe_load(text))), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_schema_flags_what_an_editor_should(validator: jsonschema.protocols.Validator) -> None:
    """What the schema says is wrong, by JSON Schema keyword and place (jsonschema's own wording is its business)."""
    data = as_editor_sees(yaml.safe_load((ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8")))
    data["business"]["legl_name"] = data["business"].pop("legal_name")
    data["jurisdictions"] = ["narnia"]
    data["policy"]["effective_date"] = "1 April 2026"
    data["services"] = [{"id": "razorpay"}] * 201
    found: dict[str, set[str]] = {}
    for error in validator.iter_errors(data):
        found.setdefault(".".join(map(str, error.absolute_path)), set()).add(str(error.validator))
        if error.validator == "additionalProperties":
            assert "legl_name" in error.instance
        if error.validator == "required":
            assert "legal_name" not in error.instance
    assert {"additionalProperties", "required"} <= found["business"]
    assert found["jurisdictions.0"] & {"enum", "anyOf", "oneOf", "$ref"}
    assert "format" in found["policy.effective_date"]
    assert "maxItems" in found["services"]
