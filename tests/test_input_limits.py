"""What an answer may hold: safe emails and web addresses, no control characters, bounded sizes, our own messages.

The bad-input corpus (tests/bad_inputs/) pins one message per broken file; the
tests here cover what a corpus file cannot: the text and dict loaders, a list
far past its limit under a memory cap, every list of the model having a limit,
inputs that must keep working, and that no message depends on pydantic's wording.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from conftest import ROOT, LimitedCli
from pydantic import BaseModel, ValidationError

from generator.answers.load import answers_from_dict, load_answers_text
from generator.answers.messages import explain_validation
from generator.answers.model import Answers
from generator.answers.source import parse_yaml, parse_yaml_text
from generator.answers.validators import check_email, check_text, check_url
from generator.errors import AnswerError, PolicyGenError, UsageError

CORPUS = ROOT / "tests" / "bad_inputs"
VALID_TEXT = (CORPUS / "_valid.yaml").read_text(encoding="utf-8")
VALID = yaml.safe_load(VALID_TEXT)
PRINTABLE = "answers accept printable text on one line, without control or bidirectional override characters"


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target = data
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[path[-1]] = value
    return data


def _messages(data: dict[str, Any]) -> list[str]:
    with pytest.raises(AnswerError) as caught:
        answers_from_dict(data)
    return caught.value.messages


# 1. Email addresses go into mailto: links, so only characters that mean nothing in a URL are accepted.


@pytest.mark.parametrize(
    "email", ["privacy@shop.example", "first.last+orders@shop.example", "o'brien@shop.example", "a_b-c.9@mail.shop.example", "X@shop.example"]
)
def test_plain_email_addresses_are_accepted(email: str) -> None:
    assert check_email(email) == email


@pytest.mark.parametrize("char", list('?&=%#/!$*^{}|~`"') + [",", ";", ":", "<", ">", "(", ")", "[", "]", "\\", " ", "é"])
def test_email_local_part_refuses_url_meaningful_characters(char: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_email(f"priv{char}acy@shop.example")
    assert str(caught.value) == (
        f"must be an email address such as privacy@example.com; before the @ only letters, digits and . _ + - ' are accepted, not {char!r}"
    )


@pytest.mark.parametrize("email", [".privacy@shop.example", "privacy.@shop.example", "pri..vacy@shop.example"])
def test_email_dots_must_separate_words(email: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_email(email)
    assert str(caught.value) == "must be an email address such as privacy@example.com; a dot before the @ must sit between two other characters"


def test_mailto_injection_through_the_dict_api() -> None:
    email = "privacy?bcc=leak%40evil.example&subject=hi@shop.example"
    assert _messages(_with(("business", "email"), email)) == [
        "<dict>: business.email: must be an email address such as privacy@example.com; before the @ only letters, digits and . _ + - ' are accepted, not '?'"
    ]


# 2. Control characters, bidirectional controls and ports.


@pytest.mark.parametrize("url", ["https://shop.example:1/", "https://shop.example:65535/privacy", "http://shop.example:8080"])
def test_ports_in_range_are_accepted(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize("port", ["0", "65536", "99999", "00000"])
def test_ports_out_of_range_are_refused(port: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_url(f"https://shop.example:{port}/")
    assert str(caught.value).endswith(f"; a port number is from 1 to 65535, not {port}")


@pytest.mark.parametrize(
    "text",
    [
        "क्\u200dष Traders",  # zero-width joiner: Indic conjuncts
        "Rose\u200cGarden",  # zero-width non-joiner
        "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 Bakes",  # emoji sequence
        "Main\tStreet 4",  # a tab inside free text stays as typed (refused by emails, addresses, phones and ids)
        "\u05e9\u05dc\u05d5\u05dd \u200fBakery",  # Hebrew with a right-to-left mark
    ],
)
def test_joiners_marks_and_tabs_stay_accepted_in_text(text: str) -> None:
    assert check_text(text) == text
    answers = answers_from_dict(_with(("business", "legal_name"), text))
    assert answers.business.legal_name == text


@pytest.mark.parametrize(
    ("char", "what"),
    [
        ("\x00", "the control character U+0000 (character {n})"),
        ("\x1b", "the control character U+001B (character {n})"),
        ("\x7f", "the control character U+007F (character {n})"),
        ("\x85", "a line break (U+0085, character {n})"),
        ("\x9b", "the control character U+009B (character {n})"),
        ("\u2028", "a line break (U+2028, character {n})"),
        ("\u202a", "the bidirectional control character U+202A (character {n})"),
        ("\u202e", "the bidirectional control character U+202E (character {n})"),
        ("\u2066", "the bidirectional control character U+2066 (character {n})"),
        ("\u2069", "the bidirectional control character U+2069 (character {n})"),
        ("\ufeff", "the invisible format character U+FEFF (character {n})"),
        ("\ud800", "the lone surrogate U+D800 (character {n})"),
    ],
)
@pytest.mark.parametrize(
    "path", [("business", "website"), ("business", "email"), ("business", "phone"), ("business", "legal_name"), ("services",), ("marketing", "consent")]
)
def test_every_string_refuses_control_and_bidi_characters(char: str, what: str, path: tuple[str, ...]) -> None:
    if path == ("services",):
        value: Any = [f"google{char}-analytics"]
        shown, position = "services[0]", 7
    else:
        good = {"website": "https://shop.example/", "email": "privacy@shop.example", "phone": "+91 20 5555 0142", "legal_name": "Shop", "consent": "opt-in"}
        value = good[path[-1]][:3] + char + good[path[-1]][3:]
        shown, position = ".".join(path), 4
    assert _messages(_with(path, value)) == [f"<dict>: {shown}: must not contain {what.format(n=position)}; {PRINTABLE}"]


def test_custom_service_kind_refuses_control_characters() -> None:
    service = {
        "id": "acme-crm",
        "name": "Acme CRM",
        "provider": "Acme Ltd",
        "country": "India",
        "kind": "crm\x1b[2J",
        "purposes": ["customer records"],
        "data": ["contact"],
        "privacy_url": "https://acme.example/privacy",
    }
    assert _messages(_with(("services",), [service])) == [f"<dict>: services[0].kind: must not contain the control character U+001B (character 4); {PRINTABLE}"]


def test_messages_escape_what_a_terminal_would_act_on() -> None:
    error = AnswerError(["a.yaml:1:1: \x1b[2J\u202ename\x07: duplicate key '\x1b]0;title\x07'", "second\tline\nthird\r"])
    assert error.messages == [
        "a.yaml:1:1: \\x1b[2J\\u202ename\\x07: duplicate key '\\x1b]0;title\\x07'",
        "second\\tline\\nthird\\r",
    ]
    assert str(error) == "\n".join(error.messages)
    assert PolicyGenError(error.messages).messages == error.messages  # escaping twice changes nothing
    assert UsageError("--out \x9b31m").messages == ["--out \\x9b31m"]
    assert AnswerError("naïve café: नमस्ते \u200d ok").messages == ["naïve café: नमस्ते \u200d ok"]  # letters and joiners stay


def test_key_and_value_with_escape_sequences_through_the_text_loader() -> None:
    text = VALID_TEXT + '"\\e[2J\\u202eservices": [google-analytics]\npayments: {gateways: ["\\e[2J\\u202erazorpay"], takes_payments: true}\n'
    with pytest.raises(AnswerError) as caught:
        load_answers_text(text, "shop.yaml")
    assert caught.value.messages == [
        "shop.yaml:69:1: \\x1b[2J\\u202eservices: unknown field; did you mean 'services'? Accepted fields here: " + ", ".join(Answers.model_fields),
        f"shop.yaml:70:23: payments.gateways[0]: must not contain the control character U+001B (character 1); {PRINTABLE}",
    ]


# 3. Sizes: one cap for every loader, aliases count, every list is bounded.

MB = 1024 * 1024


def test_text_loader_has_the_file_size_cap() -> None:
    text = VALID_TEXT + "# " + "x" * (3 * MB) + "\n"
    with pytest.raises(AnswerError) as caught:
        load_answers_text(text, "big.yaml")
    assert caught.value.messages == ["big.yaml: the file is 3.0 MB; answer files may be at most 2 MB"]


def test_text_loader_counts_bytes_not_characters() -> None:
    text = VALID_TEXT + "# " + "\u0928" * (MB) + "\n"  # 1 M characters, 3 MB of UTF-8
    with pytest.raises(AnswerError) as caught:
        parse_yaml_text(text, "big.yaml")
    assert caught.value.messages == ["big.yaml: the file is 3.0 MB; answer files may be at most 2 MB"]


def test_dict_api_has_the_text_cap() -> None:
    data = _with(("business", "description"), "x" * (3 * MB))
    assert _messages(data) == [
        "<dict>: the answers hold more than 2 MB of text (2,097,152 characters); "
        "answer files may hold at most 2 MB of text, each use of an alias counting again"
    ]


def test_dict_api_counts_shared_values_again() -> None:
    """The dict form of an alias: one long string used many times."""
    long = "y" * 1900
    item = {"category": "identity", "purposes": ["orders"], "examples": [long] * 50}
    data = _with(("data",), [item] * 30)  # 30 x 50 uses of 1,900 characters: 2.85 M characters
    assert _messages(data)[0].startswith("<dict>: the answers hold more than 2 MB of text")


def test_dict_api_refuses_a_cycle() -> None:
    data = copy.deepcopy(VALID)
    loop: list[Any] = []
    loop.append(loop)
    data["services"] = loop
    assert _messages(data) == [f"<dict>: services{'[0]' * 40}: values are nested more than 40 levels deep"]


def test_eight_thousand_services_are_refused_under_a_memory_cap(tmp_path: Path, limited_cli: LimitedCli) -> None:
    source = tmp_path / "many.yaml"
    source.write_text(VALID_TEXT + "services:\n" + "  - google-analytics\n" * 8000, encoding="utf-8")
    done = limited_cli(["build", source, "--out", tmp_path / "out", "-f", "md,html,json,pdf"], limit=1024**3, timeout=60)
    assert done.status == 2, done.stderr
    assert done.stderr == f"policygen: {source}:70:3: services: at most 200 items are accepted here (this list has 8000)\n"
    assert not (tmp_path / "out").exists()


def _inside(annotation: Any) -> list[Any]:
    """The annotation and every type inside it, through lists, unions and Annotated, at any depth."""
    return [annotation, *(inner for arg in get_args(annotation) for inner in _inside(arg))]


def _list_fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, info in model.model_fields.items():
        inside = _inside(info.annotation)
        if any(get_origin(arg) is list for arg in inside):
            found.append((f"{prefix}{name}", info))
        models = list(dict.fromkeys(arg for arg in inside if isinstance(arg, type) and issubclass(arg, BaseModel)))
        for model_type in models:
            branch = f"({model_type.__name__})" if len(models) > 1 else ""  # each branch of a union of models on its own
            found.extend(_list_fields(model_type, f"{prefix}{name}{branch}."))
    return found


def test_every_list_of_the_model_has_a_limit() -> None:
    fields = dict(_list_fields(Answers))
    assert len(fields) >= 25
    # the limit is the field's own, or (for an optional list: `Annotated[list[...], MaxItems(n)] | None`) its list type's
    unbounded = [name for name, info in fields.items() if not any(getattr(m, "max_items", None) for m in [*info.metadata, *_inside(info.annotation)])]
    assert unbounded == []
    limits = {
        name: next(m.max_items for m in [*info.metadata, *_inside(info.annotation)] if getattr(m, "max_items", None))
        for name, info in fields.items()
        if "(" not in name
    }
    assert limits["services"] == 200
    assert limits["data"] == 500


def test_list_limit_names_both_numbers_in_the_dict_api() -> None:
    assert _messages(_with(("jurisdictions",), ["india"] * 51)) == ["<dict>: jurisdictions: at most 50 items are accepted here (this list has 51)"]


def test_a_list_at_its_limit_is_accepted() -> None:
    answers = answers_from_dict(_with(("sharing", "affiliates"), [f"Affiliate {i}" for i in range(200)]))
    assert len(answers.sharing.affiliates) == 200


# 4. Our messages come from pydantic's error types, never its wording.


class _Reworded:
    """A ValidationError whose every `msg` is replaced, as a new pydantic release might word it."""

    def __init__(self, exc: ValidationError) -> None:
        self.exc = exc

    def errors(self, **kwargs: Any) -> list[dict[str, Any]]:
        reworded = []
        for error in self.exc.errors(**kwargs):
            error = dict(error)
            if error["type"] not in ("value_error", "assertion_error") or "error" in error.get("ctx", {}):
                error["msg"] = "Zq some other wording"
            reworded.append(error)
        return reworded


def _refused_by_the_model(case: Path) -> ValidationError | None:
    try:
        Answers.model_validate(parse_yaml(case).data)
    except AnswerError:
        return None  # refused while reading the YAML
    except ValidationError as exc:
        return exc
    return None  # valid for the model; refused later (the services catalogue)


VALIDATION_CASES = [case for case in sorted(CORPUS.glob("*.yaml")) if not case.name.startswith("_") and _refused_by_the_model(case)]


@pytest.mark.parametrize("case", VALIDATION_CASES, ids=[case.stem for case in VALIDATION_CASES])
def test_messages_do_not_use_pydantic_wording(case: Path) -> None:
    document = parse_yaml(case)
    exc = _refused_by_the_model(case)
    assert exc is not None
    ours = explain_validation(exc, document, Answers)
    assert explain_validation(_Reworded(exc), document, Answers) == ours  # type: ignore[arg-type]
    assert not any("Zq" in line for line in ours)


def test_unknown_pydantic_error_types_get_a_generic_message_of_ours() -> None:
    document = parse_yaml_text(VALID_TEXT, "shop.yaml")

    class _Unknown:
        def errors(self, **kwargs: Any) -> list[dict[str, Any]]:
            return [{"type": "some_new_type", "loc": ("children", "minimum_age"), "msg": "Zq new wording", "input": 18, "ctx": {}}]

    assert explain_validation(_Unknown(), document, Answers) == ["shop.yaml:56:16: children.minimum_age: 18 is not accepted here"]  # type: ignore[arg-type]


def test_text_loader_says_it_wants_text_when_given_bytes() -> None:
    with pytest.raises(TypeError, match=r"takes the YAML as str, not bytes"):
        load_answers_text(b"business: {}\n")  # type: ignore[arg-type]
