"""Write answers as a commented YAML answer file, in the model's key order.

Each key gets a comment with its question above it, so the file explains itself
and can be edited by hand; `policygen build` reads it back unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel

from generator.answers.model import Answers
from generator.errors import AnswerError
from generator.wizard.prompts import _base, _is_model, plain, strip_optional

WIDTH = 100


OPEN_MARK = "wizard-open:"
"""The comment in a draft that names a list still being filled when the wizard stopped."""
UNANSWERED_MARK = "wizard-unanswered:"
"""The comment that names the questions asked and left unanswered, so running the wizard again does not ask them."""


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """The answers as plain answer-file data: every answer given, a default accepted included; not a question left unanswered.

    What was asked is written, so running the wizard again on the file (`--answers`) asks only what it never asked (the
    questions asked and left unanswered are named by `unanswered_paths`, in a comment); what was not asked (a question that
    did not apply) is left out.
    """
    data: dict[str, Any] = _given(answers)
    return data


def unanswered_paths(answers: Answers) -> list[str]:
    """The paths of the questions asked and left unanswered: fields set on the model, to None."""
    found: list[str] = []

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name in value.model_fields_set:
                    inner = getattr(value, name)
                    path = f"{prefix}.{name}" if prefix else name
                    if inner is None:
                        found.append(path)
                    else:
                        walk(inner, path)
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(item, f"{prefix}[{index}]")

    walk(answers, "")
    return found


def _given(value: Any) -> Any:
    """`plain`, but a model keeps exactly the fields set on it (`model_fields_set`) that hold an answer, default-valued or not."""
    if isinstance(value, BaseModel):
        return {name: _given(given) for name in type(value).model_fields if name in value.model_fields_set and (given := getattr(value, name)) is not None}
    if isinstance(value, list | tuple):
        return [_given(item) for item in value]
    if isinstance(value, dict):
        return {key: _given(item) for key, item in value.items()}
    return plain(value)


def dump_answers(data: dict[str, Any], header: list[str] | None = None, *, comments: bool = True) -> str:
    """Render answer-file data as YAML with a comment (the question) above each key.

    Args:
        data: Plain answer-file data, complete or partial (a draft).
        header: Comment lines for the top of the file.
        comments: Whether to write each question as a comment above its key.
    """
    lines = [f"# {line}" if line else "#" for line in header or []]
    _mapping(lines, data, Answers, 0, comments=comments)
    return "\n".join(lines) + "\n"


def _comment(lines: list[str], text: str, indent: int) -> None:
    pad = " " * indent
    for line in textwrap.wrap(text, WIDTH - indent - 2) or [""]:
        lines.append(f"{pad}# {line}")


def _field_model(model: type[BaseModel] | None, key: str) -> tuple[str, type[BaseModel] | None]:
    """The description of `key` in `model` and the model of its value (or of its list items)."""
    if model is None or key not in model.model_fields:
        return "", None
    info = model.model_fields[key]
    annotation, _ = strip_optional(info.annotation)
    base = _base(annotation)
    if get_origin(base) is list:
        base = _base(get_args(base)[0])
    return info.description or "", base if _is_model(base) else None


def _mapping(lines: list[str], data: dict[str, Any], model: type[BaseModel] | None, indent: int, *, comments: bool) -> None:
    pad = " " * indent
    order = list(model.model_fields) if model is not None else []
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    for key in keys:
        value = data[key]
        description, inner = _field_model(model, key)
        if comments and description:
            _comment(lines, description, indent)
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{key}:")
            _mapping(lines, value, inner, indent + 2, comments=comments)
        elif isinstance(value, list) and value and any(isinstance(item, dict) for item in value):
            lines.append(f"{pad}{key}:")
            for number, item in enumerate(value):
                if isinstance(item, dict):
                    sub: list[str] = []
                    _mapping(sub, item, inner, indent + 4, comments=comments and number == 0)
                    first = next(i for i, line in enumerate(sub) if not line.lstrip().startswith("#"))
                    sub[first] = f"{pad}  - {sub[first][indent + 4 :]}"
                    lines.extend(sub)
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")


def _scalar(value: Any) -> str:
    """One value in YAML flow style: dates unquoted, strings quoted only when YAML needs it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    elif text.endswith("..."):
        text = text[:-3].rstrip()
    return text


def draft_path(out: Path) -> Path:
    """Where a draft of `out` is saved: next to it, e.g. answers.draft.yaml."""
    return out.with_name(f"{out.stem}.draft{out.suffix or '.yaml'}")


def read_partial(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Read a partial answer file (or a draft) as plain data, without validating it, and the lists it left open."""
    from generator.answers.source import parse_yaml, read_text

    document = parse_yaml(path)
    if document.data is None:
        return {}, []
    if not isinstance(document.data, dict):
        raise AnswerError(f"{path}: an answer file must be a mapping of keys such as 'business' and 'data'")
    text = read_text(path)
    for line in re.findall(rf"^# {UNANSWERED_MARK} (.+)$", text, flags=re.MULTILINE):
        for unanswered in line.split():
            _set_none(document.data, unanswered)  # asked before and left unanswered: not asked again
    marks = re.findall(rf"^# {OPEN_MARK} (\S+)$", text, flags=re.MULTILINE)
    return document.data, marks


def _set_none(data: dict[str, Any], path: str) -> None:
    """Put None at the dotted `path` (with [i] list indexes) of `data`, where nothing is there yet and its parents exist."""
    *parents, last = re.findall(r"[^.\[\]]+|\[\d+\]", path) or [path]
    node: Any = data
    for part in parents:
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, list) and index < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return
    if isinstance(node, dict) and not last.startswith("["):
        node.setdefault(last, None)


def write_answers(path: Path, answers: Answers) -> None:
    """Write the final answer file, whole or not at all."""
    from generator.export.write import write_atomic

    header = ["Answer file written by 'policygen wizard'. Edit it freely, then run:", f"  policygen build {path}"]
    unanswered = unanswered_paths(answers)
    if unanswered:
        header += ["", "Asked and left unanswered (the wizard will not ask them again; answer them here, or delete a name to be asked):"]
        header += [f"{UNANSWERED_MARK} {' '.join(unanswered[start : start + 4])}" for start in range(0, len(unanswered), 4)]
    write_atomic(path, dump_answers(answers_to_data(answers), header).encode("utf-8"))
