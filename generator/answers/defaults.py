"""The default of a model field, worked out once per field instead of on every call.

pydantic's `FieldInfo.get_default(call_default_factory=True)` asks, on every call, whether the
field's default factory takes the validated data, and answering runs `inspect.signature` on the
factory (for `list`, parsing its text signature): some 20-30 microseconds a field, which the
wizard pays for every field each time it evaluates a question's condition, and loading pays for
each absent part of a file that is not valid. `field_default` asks once per field and then gives
what `get_default` would: a new value from the factory on every call (factories return fresh
lists and models, so no caller shares one), or the field's plain default, copied as pydantic
copies it unless it cannot change (None, a number, text, an enum member).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any

from pydantic.fields import FieldInfo

_UNCHANGING = (type(None), bool, int, float, complex, str, bytes)
"""Types whose values cannot change, so a default of one is given as it is (pydantic does the same)."""


def field_default(info: FieldInfo) -> Any:
    """What `info.get_default(call_default_factory=True)` gives, without inspecting the factory again."""
    return _maker(info)()


@functools.cache
def _maker(info: FieldInfo) -> Callable[[], Any]:
    """How to make the field's default: its factory, its default as it is, or pydantic's own copy of it.

    A `FieldInfo` hashes by identity, and a model's fields live as long as the model, so this
    holds one entry per field of the models the caller asks about.
    """
    factory = info.default_factory
    if factory is not None:
        if info.default_factory_takes_validated_data:
            return functools.partial(info.get_default, call_default_factory=True)  # raises as pydantic does: no data to give it
        return factory  # type: ignore[return-value]
    value = info.default
    if type(value) in _UNCHANGING or isinstance(value, enum.Enum):
        return lambda: value
    return info.get_default  # pydantic copies a mutable default (and gives PydanticUndefined for a required field)
