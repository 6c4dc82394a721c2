"""`field_default` gives what pydantic's `get_default(call_default_factory=True)` gives, for every field, fresh each time."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel, Field
from pydantic_core import PydanticUndefined

from generator.answers.defaults import field_default
from generator.answers.model import Answers


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """The model and every model its fields hold, however nested in lists, unions and `Annotated`."""
    if model in seen:
        return seen
    seen.add(model)

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _models(annotation, seen)
        for arg in get_args(annotation):
            visit(arg)

    for info in model.model_fields.values():
        visit(info.annotation)
    return seen


def test_every_answer_field_has_pydantics_default_made_afresh() -> None:
    models = _models(Answers, set())
    assert len(models) > 10
    for model in models:
        for name, info in model.model_fields.items():
            if info.is_required():
                assert field_default(info) is PydanticUndefined, (model.__name__, name)
                continue
            first, second = field_default(info), field_default(info)
            assert first == info.get_default(call_default_factory=True) == second, (model.__name__, name)
            assert type(first) is type(info.get_default(call_default_factory=True))
            if info.default_factory is not None:
                assert first is not second, (model.__name__, name)  # a list or model from the factory, never shared


def test_a_mutable_plain_default_is_copied_and_a_data_factory_is_refused_as_pydantic_refuses_it() -> None:
    class Odd(BaseModel):
        tags: list[str] = ["a"]  # noqa: RUF012 - the case under test
        size: int = 3
        later: list[str] = Field(default_factory=lambda data: [str(data)])

    tags, size, later = (Odd.model_fields[name] for name in ("tags", "size", "later"))
    assert field_default(tags) == ["a"] and field_default(tags) is not field_default(tags)
    assert field_default(size) == 3
    with pytest.raises(ValueError, match="validated_data"):
        field_default(later)
