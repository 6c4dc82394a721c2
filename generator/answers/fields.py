"""The building blocks of the answer models: checked text types, the base model, and wizard metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler, Strict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from generator.answers import validators as v

Email = Annotated[str, AfterValidator(v.check_email)]
Url = Annotated[str, AfterValidator(v.check_url)]
Phone = Annotated[str, AfterValidator(v.check_phone)]
Name = Annotated[str, AfterValidator(v.check_name)]
Text = Annotated[str, AfterValidator(v.check_text)]
CountryName = Annotated[str, AfterValidator(v.check_name)]
WholeNumber = Annotated[int, Strict()]
"""A whole number written as one: `true` is not 1, and `"18"` is text."""


@dataclass(frozen=True)
class MaxItems:
    """`Annotated[list[X], MaxItems(n)]`: a list of at most `n` items.

    The length is checked before the items are, so a list of thousands costs one `len`; the
    error type `too_many_items` carries `max_items` and `actual_length` for the message.
    The JSON Schema says `maxItems` too.
    """

    max_items: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Wrap the list's schema in a length check that runs first."""
        limit = self.max_items

        def check(value: Any) -> Any:
            if isinstance(value, list | tuple) and len(value) > limit:
                raise PydanticCustomError(
                    "too_many_items", "at most {max_items} items (this list has {actual_length})", {"max_items": limit, "actual_length": len(value)}
                )
            return value

        return core_schema.no_info_before_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The list's JSON Schema with `maxItems`, so an editor flags an over-long list as the loader does."""
        json_schema = handler(schema)
        target = handler.resolve_ref_schema(json_schema)
        if target.get("type") == "array":
            target["maxItems"] = self.max_items
        return json_schema


def ask(step: str, *, when: str | None = None, help: str | None = None, **extra: Any) -> dict[str, Any]:
    """Build a field's wizard metadata: its step, condition and help."""
    meta: dict[str, Any] = {"step": step}
    if when:
        meta["when"] = when
    if help:
        meta["help"] = help
    meta.update(extra)
    return meta


class Model(BaseModel):
    """Base for every part of the answer file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, str_strip_whitespace=True)
