"""Turn pydantic validation errors into messages a person can act on.

Each message reads `file:line:col: field.path: what is wrong; what is accepted`,
every problem of the file at once, sorted by line.

The words are ours: a message is made from pydantic's error *type* and context
(`int_parsing`, `less_than_equal` with `le`, ...) and from the model (a field's
bounds, a vocabulary's values), never from pydantic's `msg`, so a pydantic release
cannot change what a user reads. Our own validators' messages come through the
error's context; a type we do not know gets a generic message of ours.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Sequence
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from generator.answers.source import FieldPath, YamlDocument, format_path

__all__ = ["explain_errors", "explain_validation", "field_at", "format_path", "suggest"]


def suggest(word: str, choices: list[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or a full stop."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "."


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold, looking through lists, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is None:
        return []
    found: list[type[BaseModel]] = []
    for arg in get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _branch(models: list[type[BaseModel]], tags: Sequence[str]) -> list[type[BaseModel]]:
    """Of the models a union holds, the one its discriminator chose (named by a tag of the error), else all."""
    chosen = [model for model in models if model.__name__ in tags]
    return chosen or models


def field_at(root: type[BaseModel], path: FieldPath, tags: Sequence[str] = ()) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """Find the model that holds the last field of `path`, and that field's info (in the union branch `tags` name, if any)."""
    models: list[type[BaseModel]] = [root]
    info: FieldInfo | None = None
    owner: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int):
            continue
        owner = next((m for m in models if part in m.model_fields), None)
        if owner is None:
            return None, None
        info = owner.model_fields[part]
        models = _branch(_models_in(info.annotation), tags)
    return owner, info


def _clean(loc: tuple[Any, ...], data: Any, keep_last: bool) -> tuple[FieldPath, list[str], Any]:
    """Keep the parts of a pydantic `loc` that index the data.

    Returns:
        The path, the union tags skipped, and the value where the last tag was met (the union's input).
    """
    path: list[str | int] = []
    tags: list[str] = []
    current = data
    branch_input = None
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif last and keep_last and isinstance(part, str | int):
            path.append(part)
        else:
            tags.append(str(part))
            branch_input = current
    return tuple(path), tags, branch_input


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _branch_fits(tags: list[str], value: Any) -> bool:
    """Whether a union branch named by `tags` is the one the value was meant for."""
    if not tags:
        return True
    branch = tags[-1]
    is_model = branch[:1].isupper() and "[" not in branch
    return is_model == isinstance(value, dict)


def _choices_in(annotation: Any) -> list[str]:
    """The values a Literal or vocabulary accepts, looking through lists, unions and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    found: list[str] = []
    for arg in get_args(annotation):
        found.extend(choice for choice in _choices_in(arg) if choice not in found)
    return found


def _expected(error: dict[str, Any], path: FieldPath, root: type[BaseModel]) -> list[str]:
    """The accepted values, from the model; pydantic's `expected` context only for a field we cannot find."""
    _owner, info = field_at(root, path)
    if info is not None and (choices := _choices_in(info.annotation)):
        return choices
    expected = str(error.get("ctx", {}).get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip(" '")]


def explain_validation(exc: ValidationError | None, document: YamlDocument, root: type[BaseModel], refused: dict[FieldPath, str] | None = None) -> list[str]:
    """Explain every validation error, with positions from the YAML document.

    `refused` holds problems found before validation (a value with a control character, see
    `generator.answers.source.scan_values`): each is reported instead of pydantic's errors at that path.
    """
    errors = exc.errors(include_url=False) if exc is not None else []
    lines = explain_errors(errors, document, root, refused)
    return [text for _, text in lines] or [f"{document.source}: the answers are not valid"]


def explain_errors(
    errors: list[Any], document: YamlDocument, root: type[BaseModel], refused: dict[FieldPath, str] | None = None
) -> list[tuple[tuple[int, int], str]]:
    """(position, message) for each of pydantic's `errors` and each `refused` value, sorted by position (0, 0 when unknown)."""
    refused = refused or {}
    grouped: dict[FieldPath, list[tuple[dict[str, Any], list[str]]]] = {}
    for error in _located_contradictions(errors):
        kind = error["type"]
        path, tags, branch_input = _clean(error["loc"], document.data, keep_last=kind in ("missing", "extra_forbidden"))
        if not _branch_fits(tags, branch_input):
            continue
        grouped.setdefault(path, []).append((dict(error), tags))
    _drop_missing_explained_by_typos(grouped, root)
    lines: list[tuple[tuple[int, int], str]] = []
    for path, message in refused.items():
        location = document.locate(path)
        lines.append((location or (0, 0), f"{document.where(location)}: {format_path(path)}: {message}"))
    for path, errors in grouped.items():
        if path in refused:
            continue
        for location, message in _messages_for(path, errors, document, root):
            lines.append((location or (0, 0), f"{document.where(location)}: {format_path(path)}: {message}"))
    lines.sort(key=lambda pair: pair[0])
    return lines


def _located_contradictions(errors: list[Any]) -> list[Any]:
    """The errors, with each contradiction that belongs to one answer (`Contradiction`) made an error at that answer.

    The other contradictions of the answers stay together, as one problem of the whole file.
    """
    from generator.answers.contradiction import Contradiction, Contradictions

    out: list[Any] = []
    for error in errors:
        found = error.get("ctx", {}).get("error")
        if error["type"] != "value_error" or error["loc"] or not isinstance(found, Contradictions):
            out.append(error)
            continue
        rest = [problem for problem in found.problems if not isinstance(problem, Contradiction)]
        if rest:
            out.append({**error, "msg": "; ".join(rest), "ctx": {"error": "; ".join(rest)}})
        for problem in found.problems:
            if isinstance(problem, Contradiction):
                out.append({"type": "value_error", "loc": problem.path, "msg": str(problem), "input": None, "ctx": {"error": str(problem)}})
    return out


def _drop_missing_explained_by_typos(grouped: dict[FieldPath, list[tuple[dict[str, Any], list[str]]]], root: type[BaseModel]) -> None:
    """A misspelt required key is one problem: keep 'unknown field; did you mean x', drop 'x is required'."""
    for path, errors in list(grouped.items()):
        if not path or not any(error["type"] == "extra_forbidden" for error, _ in errors):
            continue
        tags = [tag for error, error_tags in errors for tag in error_tags]
        close = difflib.get_close_matches(str(path[-1]), _fields_of(root, path[:-1], tags), n=1, cutoff=0.6)
        meant = (*path[:-1], close[0]) if close else None
        if meant in grouped and all(error["type"] == "missing" for error, _ in grouped[meant]):
            del grouped[meant]


def _messages_for(
    path: FieldPath, errors: list[tuple[dict[str, Any], list[str]]], document: YamlDocument, root: type[BaseModel]
) -> list[tuple[tuple[int, int] | None, str]]:
    value = _value_at(document.data, path)
    kinds = {error["type"] for error, _ in errors}
    if kinds <= {"enum", "literal_error"}:
        accepted: list[str] = []
        for error, _ in errors:
            accepted.extend(choice for choice in _expected(error, path, root) if choice not in accepted)
        hint = suggest(str(value), accepted)
        return [(document.locate(path), f"'{value}' is not accepted{hint} Accepted: {', '.join(accepted)}")]
    out: list[tuple[tuple[int, int] | None, str]] = []
    for error, tags in errors:
        kind = error["type"]
        if kind == "extra_forbidden":
            fields = list(_fields_of(root, path[:-1], tags))
            hint = suggest(str(path[-1]), fields)
            out.append((document.locate_key(path), f"unknown field{hint} Accepted fields here: {', '.join(fields)}"))
        elif kind == "missing":
            _owner, info = field_at(root, path, tags)
            question = f" ({info.description})" if info and info.description else ""
            out.append((document.locate(path[:-1]), f"is required but missing{question}"))
        else:
            out.append((document.locate(path), _readable(error, path, value, root)))
    return out


def _fields_of(root: type[BaseModel], path: FieldPath, tags: Sequence[str] = ()) -> list[str]:
    if not [p for p in path if isinstance(p, str)]:
        return list(root.model_fields)
    _owner, info = field_at(root, path, tags)
    if info is None:
        return []
    return [name for model in _branch(_models_in(info.annotation), tags) for name in model.model_fields]


_READABLE = {
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "list_type": "should be a list, such as [a, b] or one '- item' per line",
    "string_type": "should be text",
    "date_parsing": "should be a date written as YYYY-MM-DD, such as 2026-04-01",
    "date_from_datetime_parsing": "should be a date written as YYYY-MM-DD, such as 2026-04-01",
    "date_from_datetime_inexact": "should be a date written as YYYY-MM-DD, such as 2026-04-01",
    "date_type": "should be a date written as YYYY-MM-DD, such as 2026-04-01",
}


def _shown(value: Any) -> str:
    """Show a value as it was written in YAML."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


_INTEGER = frozenset({"int_parsing", "int_type", "int_from_float", "int_parsing_size", "greater_than_equal", "less_than_equal", "greater_than", "less_than"})


def _bounds(error: dict[str, Any], path: FieldPath, root: type[BaseModel]) -> tuple[Any, Any]:
    """The lowest and highest value a number field accepts: from the model, else from the error's context."""
    _owner, info = field_at(root, path)
    constraints = info.metadata if info is not None and path and not isinstance(path[-1], int) else []
    low = next((c.ge for c in constraints if hasattr(c, "ge")), None)
    high = next((c.le for c in constraints if hasattr(c, "le")), None)
    ctx = error.get("ctx", {})
    if low is None:
        low = ctx["gt"] + 1 if isinstance(ctx.get("gt"), int) else ctx.get("ge")
    if high is None:
        high = ctx["lt"] - 1 if isinstance(ctx.get("lt"), int) else ctx.get("le")
    return low, high


def _whole_number(error: dict[str, Any], path: FieldPath, root: type[BaseModel]) -> str:
    low, high = _bounds(error, path, root)
    if low is not None and high is not None:
        return f"should be a whole number from {low} to {high}"
    if low is not None:
        return f"should be a whole number of at least {low}"
    if high is not None:
        return f"should be a whole number of at most {high}"
    return "should be a whole number, such as 18"


def readable_value_error(error: dict[str, Any]) -> str:
    """Our message for one pydantic error about a single value with no model around it (the wizard checks a typed answer so)."""
    return _readable(error, (), error.get("input"), BaseModel)


def _readable(error: dict[str, Any], path: FieldPath, value: Any, root: type[BaseModel]) -> str:
    """Our message for a pydantic error type, naming what is accepted."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind in ("value_error", "assertion_error"):
        # Our validators' own words: the exception they raised, or (a custom error of ours) its message.
        return str(ctx["error"]) if "error" in ctx else str(error["msg"])
    if kind == "too_many_items":
        return f"at most {ctx['max_items']} items are accepted here (this list has {ctx['actual_length']})"
    if kind in _READABLE:
        return f"{_shown(value)} is not accepted: {_READABLE[kind]}"
    if kind in _INTEGER:
        return f"{_shown(value)} is not accepted: {_whole_number(error, path, root)}"
    if kind == "service_type":
        return (
            f"{_shown(value)} is not accepted: should be a catalogue service id (such as stripe), a mapping with its id and the facts "
            "that differ for you, or a mapping describing a service of your own"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        fields = _fields_of(root, path)
        listed = f" with fields such as {', '.join(fields[:4])}" if fields else ""
        return f"{_shown(value)} is not accepted: should be a mapping{listed} (one 'field: value' per line, indented under it)"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{_shown(value)} is not accepted: give at least {least} item{'s' if least != 1 else ''}"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} items are accepted here (this list has {ctx.get('actual_length')})"
    if kind == "string_too_short":
        return f"{_shown(value)} is not accepted: should be at least {ctx.get('min_length')} characters long"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return f"{_shown(value)} is not accepted: should be a number, such as 3.5"
    return f"{_shown(value)} is not accepted here"
