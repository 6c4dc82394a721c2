"""The building blocks of the answer models: checked text types, the base model, and wizard metadata."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from generator import validators as v

Email = Annotated[str, AfterValidator(v.check_email)]
Url = Annotated[str, AfterValidator(v.check_url)]
Phone = Annotated[str, AfterValidator(v.check_phone)]
Name = Annotated[str, AfterValidator(v.check_name)]
Text = Annotated[str, AfterValidator(v.check_text)]
CountryName = Annotated[str, AfterValidator(v.check_name)]


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
