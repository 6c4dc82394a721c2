"""Load answers: from a YAML file, YAML text or a dict, into a validated `Answers` with every problem reported at once."""

from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any

from generator.answers.defaults import field_default
from generator.answers.model import Answers
from generator.answers.quickread import positioned, quick_data
from generator.answers.source import FieldPath, Location, YamlDocument, parse_yaml_text, read_text, scan_values
from generator.errors import AnswerError


def load_answers(path: str | Path) -> Answers:
    """Load and validate an answer file.

    Raises:
        AnswerError: with every problem found, each naming file, line, column and field.
    """
    return _load_text(read_text(Path(path)), str(path))


def _load_text(text: str, source: str) -> Answers:
    """Answers from YAML text: one libyaml pass when all is well, the careful reader for every message when not.

    The fast pass (`quick_data`) keeps only the mark of each value and key, and gives up on
    anything the careful reader would refuse or report; valid answers then need nothing more.
    Answers that are not valid get their positions from those marks (`positioned`), without a
    second reading; text the fast reader gave up on goes to the careful reader. Every problem is
    then reported, as if the fast pass had not run.
    """
    marks: list[Any] = []
    data = quick_data(text, marks)
    if data is None:
        return validate_answers(parse_yaml_text(text, source))
    answers = _valid_or_none(YamlDocument(source=source, data=data, refused={}))
    if answers is not None:
        return answers
    return validate_answers(positioned(data, marks, source))


def _valid_or_none(document: YamlDocument) -> Answers | None:
    """The answers when they have no problem at all, else None (the caller then explains every problem)."""
    from pydantic import ValidationError

    try:
        answers = Answers.model_validate(document.data)
    except ValidationError:
        return None
    from generator.answers.services import check_service_refs

    return None if check_service_refs(answers, document) else answers


def validate_answers(document: YamlDocument) -> Answers:
    """Validate a parsed YAML document (or a dict) against the model and resolve service ids.

    Every problem is reported at once, sorted by position: each field that is not valid, each
    value refused for its characters, each contradiction between answers (and with a chosen law)
    whose parts are all valid, and each service the catalogue does not know or that has the
    wrong kind. A check that reads a part which is itself invalid is left out: its verdict
    would be noise.

    Every string is checked first, whatever its field (`scan_values`): a control or bidirectional
    character is refused wherever it is, and a dict has the size limits of a file.
    """
    from pydantic import ValidationError

    from generator.answers.messages import explain_errors

    refused = document.refused if document.refused is not None else scan_values(document)
    try:
        answers: Answers | None = Answers.model_validate(document.data)
        errors: list[Any] = []
    except ValidationError as exc:
        answers = None
        errors = exc.errors(include_url=False)
        errors += _judgeable_contradictions(document.data, errors)
    lines = explain_errors(errors, document, Answers, refused)
    lines += [(location or (0, 0), message) for location, message in _service_problems(answers, document, errors, refused)]
    if lines:
        lines.sort(key=lambda pair: pair[0])
        raise AnswerError([message for _, message in lines])
    if answers is None:  # pragma: no cover - pydantic refused the answers with no error we could explain
        raise AnswerError(f"{document.source}: the answers are not valid")
    return answers


def _failed_parts(errors: list[Any]) -> set[str] | None:
    """The top-level parts with an error; None when the answers as a whole are wrong (not a mapping)."""
    parts: set[str] = set()
    for error in errors:
        if not error["loc"]:
            return None
        parts.add(str(error["loc"][0]))
    return parts


@functools.cache
def _part_adapter(name: str) -> Any:
    from pydantic import TypeAdapter

    info = Answers.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])  # type: ignore[arg-type]


def _valid_parts(data: Any, failed: set[str]) -> dict[str, Any]:
    """Each top-level part with no error, validated on its own (or its default when absent)."""
    from pydantic import ValidationError

    parts: dict[str, Any] = {}
    for name, info in Answers.model_fields.items():
        if name in failed:
            continue
        if name in data:
            try:
                parts[name] = _part_adapter(name).validate_python(data[name])
            except ValidationError:  # pragma: no cover - valid within the whole, so valid alone
                continue
        elif not info.is_required():
            parts[name] = field_default(info)
    return parts


def _judgeable_contradictions(data: Any, errors: list[Any]) -> list[Any]:
    """The model's checks across parts that can be judged although some field is invalid: those whose parts are all valid."""
    from generator.answers.consistency import CONSISTENCY
    from generator.answers.contradiction import Contradictions

    failed = _failed_parts(errors)
    if failed is None or not isinstance(data, dict):
        return []
    parts = _valid_parts(data, failed)
    answers = SimpleNamespace(**parts)
    extra: list[Any] = []
    problems = [problem for needs, check in CONSISTENCY if all(name in parts for name in needs) for problem in check(answers)]
    if problems:
        extra.append({"type": "value_error", "loc": (), "msg": "; ".join(problems), "input": None, "ctx": {"error": Contradictions(problems)}})
    return extra


def _service_problems(answers: Answers | None, document: YamlDocument, errors: list[Any], refused: dict[FieldPath, str]) -> list[tuple[Location | None, str]]:
    """The services the catalogue refuses: of valid answers, or each service reference that is valid in answers that are not."""
    from pydantic import ValidationError

    from generator.answers.services import catalogue_contradictions, service_entries, service_problems

    if answers is not None:
        problems = service_problems([(path, ref) for path, ref in service_entries(answers) if not _refused_within(path, refused)], document)
        return problems or catalogue_contradictions(answers, document)
    data = document.data if isinstance(document.data, dict) else {}
    payments = data.get("payments")
    lists: list[tuple[FieldPath, Any]] = [(("services",), data.get("services"))]
    lists.append((("payments", "gateways"), payments.get("gateways") if isinstance(payments, dict) else None))
    locs = [tuple(error["loc"]) for error in errors]
    refs = []
    for path, items in lists:
        if not isinstance(items, list) or any(loc == path for loc in locs):
            continue  # absent, not a list, or refused as a whole (too many items): nothing to judge
        for index, item in enumerate(items):
            item_path = (*path, index)
            if _refused_within(item_path, refused) or any(loc[: len(item_path)] == item_path for loc in locs):
                continue
            try:
                refs.append((item_path, _service_ref_adapter().validate_python(item)))
            except ValidationError:  # pragma: no cover - an item with no error of its own is valid
                continue
    return service_problems(refs, document)


def _refused_within(path: FieldPath, refused: dict[FieldPath, str]) -> bool:
    """Whether a value at or under `path` was refused for its characters (reported already)."""
    return any(key[: len(path)] == path for key in refused)


@functools.cache
def _service_ref_adapter() -> Any:
    from pydantic import TypeAdapter

    from generator.answers.disclosure import ServiceRef

    return TypeAdapter(ServiceRef)


def load_answers_text(text: str, source: str = "<answers>") -> Answers:
    """Load and validate answers from YAML text; `source` names it in messages.

    Raises:
        AnswerError: with every problem found, each naming `source`, line, column and field.
        TypeError: when `text` is not a str (decode bytes first, or pass a path to `load_answers`).
    """
    if not isinstance(text, str):
        raise TypeError(f"load_answers_text() takes the YAML as str, not {type(text).__name__}; decode it first, or pass a path to load_answers()")
    return _load_text(text, source)


def answers_from_dict(data: dict[str, Any], source: str = "<dict>") -> Answers:
    """Validate answers given as a dict (the shape of an answer file); `source` names it in messages.

    Raises:
        AnswerError: with every problem found, each naming the field.
    """
    if not isinstance(data, dict):
        raise AnswerError(f"{source}: answers must be a mapping of keys such as 'business' and 'data', not {type(data).__name__}")
    return validate_answers(YamlDocument(source=source, data=data))

