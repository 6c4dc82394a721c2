"""Load answers: from a YAML file, YAML text or a dict, into a validated `Answers` with every problem reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.answers.model import Answers
from generator.answers.source import YamlDocument, parse_yaml_text, quick_data, read_text, scan_values
from generator.errors import AnswerError


def load_answers(path: str | Path) -> Answers:
    """Load and validate an answer file.

    Raises:
        AnswerError: with every problem found, each naming file, line, column and field.
    """
    return _load_text(read_text(Path(path)), str(path))


def _load_text(text: str, source: str) -> Answers:
    """Answers from YAML text: one libyaml pass when all is well, the careful reader for every message when not.

    The fast pass (`quick_data`) records no positions and gives up on anything the careful reader
    would refuse or report; valid answers then need nothing more. Otherwise the text is read again
    with positions and every problem is reported, as if the fast pass had not run.
    """
    data = quick_data(text)
    if data is not None:
        answers = _valid_or_none(YamlDocument(source=source, data=data, refused={}))
        if answers is not None:
            return answers
    return validate_answers(parse_yaml_text(text, source))


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

    Every string is checked first, whatever its field (`scan_values`): a control or bidirectional
    character is refused wherever it is, and a dict has the size limits of a file.
    """
    from pydantic import ValidationError

    from generator.answers.messages import explain_validation

    refused = document.refused if document.refused is not None else scan_values(document)
    try:
        answers = Answers.model_validate(document.data)
    except ValidationError as exc:
        raise AnswerError(explain_validation(exc, document, Answers, refused)) from None
    if refused:
        raise AnswerError(explain_validation(None, document, Answers, refused))
    from generator.answers.services import check_service_refs

    problems = check_service_refs(answers, document)
    if problems:
        raise AnswerError(problems)
    return answers


def load_answers_text(text: str, source: str = "<answers>") -> Answers:
    """Load and validate answers from YAML text; `source` names it in messages.

    Raises:
        AnswerError: with every problem found, each naming `source`, line, column and field.
    """
    return _load_text(text, source)


def answers_from_dict(data: dict[str, Any], source: str = "<dict>") -> Answers:
    """Validate answers given as a dict (the shape of an answer file); `source` names it in messages.

    Raises:
        AnswerError: with every problem found, each naming the field.
    """
    if not isinstance(data, dict):
        raise AnswerError(f"{source}: answers must be a mapping of keys such as 'business' and 'data', not {type(data).__name__}")
    return validate_answers(YamlDocument(source=source, data=data))

