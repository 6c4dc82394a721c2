"""The JSON Schema of answer files, derived from the `Answers` model."""

from __future__ import annotations

from typing import Any

from generator.answers.model import Answers


def answer_schema() -> dict[str, Any]:
    """Return the JSON Schema that editors use to check and complete answer files."""
    schema = Answers.model_json_schema(mode="validation")
    schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Privacy policy answers"})
    return schema
