"""The wizard's questions, derived from the `Answers` model.

`question_for` is the one place that turns a model field into a prompt: booleans
become confirms, vocabularies and literals selects, lists of them checkboxes,
text, dates and numbers validated text, nested models groups of questions and
lists of models repeated groups. The field's `json_schema_extra` (see
`generator.answers.fields.ask`) gives the step, the condition (`when`) and the help.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.answers.defaults import field_default
from generator.answers.law_data import profiling_opt_out_states
from generator.answers.messages import readable_value_error
from generator.answers.vocabulary import GDPR_LIKE, US_JURISDICTIONS, US_STATE_LAWS, Vocabulary
from generator.templating.environment import make_environment

STEPS: dict[str, str] = {
    "business": "Your business",
    "jurisdictions": "Where the people you serve are",
    "offer": "What you offer and the services you use",
    "payments": "Payments",
    "collect": "What you collect and why",
    "integrations": "Sharing and storage",
    "cookies": "Cookies",
    "marketing": "Marketing and messages",
    "children": "Children",
    "contacts": "Contacts and privacy requests",
    "retention": "Retention and security",
    "review": "About the policy itself",
}
"""The wizard's steps in the order it asks them: jurisdictions early so later questions can depend on them, the services and
payments before what is collected, which the wizard proposes from them."""

Kind = Literal["confirm", "select", "checkbox", "text", "integer", "date", "text-list", "services", "group", "optional-group", "group-list"]


@dataclass(frozen=True)
class Question:
    """One question of the wizard, built from one model field."""

    path: str
    """Dotted path of the answer, e.g. 'business.legal_name' or 'data[0].category'."""
    name: str
    kind: Kind
    message: str
    step: str
    help: str = ""
    when: str | None = None
    required: bool = False
    none: str = ""
    """For a list that must be given but may be empty: the yes/no question asked before its first item (No: an empty list)."""
    derived: bool = False
    """Not asked by the steps' walk: worked out by the tool, or asked by a step of its own (`thresholds`: `wizard/applies.py`)."""
    alone: bool = False
    """Always asked on its own, never offered as "not said" on a step's screen (a fact most owners have, such as a website)."""
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs for selects and checkboxes."""
    notes: tuple[tuple[str, str], ...] = ()
    """(value, words) for the choices whose words a policy prints (a vocabulary's descriptions): shown beside the highlighted
    choice, so the owner who ticks it has read what the policy will say."""
    default: Any = None
    model: type[BaseModel] | None = None
    """The nested model of a group or group-list."""
    adapter: TypeAdapter[Any] | None = field(default=None, compare=False)
    proposals: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    """For a step's screen of proposals: (path, proposed answer) per line, as its choices list them."""

    def check(self, value: Any) -> str | None:
        """Return what is wrong with a typed answer, or None when it is acceptable."""
        if self.kind == "checkbox" and self.required and not value:
            return "choose at least one (space ticks a choice)"
        if self.kind in ("text", "integer", "date", "text-list"):
            text = "" if value is None else str(value).strip()
            if not text:
                return "an answer is needed here" if self.required else None
            if self.kind == "integer":
                try:
                    int(text)
                except ValueError:
                    return "must be a whole number, such as 18"
        if self.adapter is None:
            return None
        try:
            self.adapter.validate_python(self.convert(value))
        except ValidationError as exc:
            return "; ".join(readable_value_error(dict(error)) for error in exc.errors())
        return None

    def convert(self, value: Any) -> Any:
        """Turn a typed or scripted answer into the answer-file value (None for an empty optional answer)."""
        if self.kind in ("text", "integer", "date", "text-list"):
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            if self.kind == "integer":
                return int(value)
            if self.kind == "date" and isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value.strip())
                except ValueError:
                    return value.strip()
            return value.strip() if isinstance(value, str) else value
        return value


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """Return the annotation without `| None` and whether None was allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) < len(get_args(annotation)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True  # noqa: UP007
    return annotation, False


def _base(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


_SPELLED = {"ios": "iOS", "macos": "macOS", "eu": "The EU", "uk": "The UK"}
"""Literal choices whose label is not the word capitalised."""


def _literal_label(value: object) -> str:
    if not isinstance(value, str):
        return str(value)
    return _SPELLED.get(value) or value.replace("-", " ").capitalize()


def _choices(annotation: Any) -> tuple[tuple[str, str], ...] | None:
    """Labelled choices for a vocabulary, an enum, a Literal, or a union of them; None for other types."""
    annotation = _base(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple((m.label if isinstance(m, Vocabulary) else str(m.value), str(m.value)) for m in annotation)
    if get_origin(annotation) is Literal:
        return tuple((_literal_label(a), str(a)) for a in get_args(annotation))
    if get_origin(annotation) in (Union, types.UnionType):
        parts = [_choices(arg) for arg in get_args(annotation)]
        if all(part is not None for part in parts):
            return tuple(choice for part in parts if part for choice in part)
    return None


def _notes(annotation: Any) -> tuple[tuple[str, str], ...]:
    """(value, description) of each member of a vocabulary that has one: the words a policy prints for the choice."""
    annotation = _base(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Vocabulary):
        return tuple((str(m.value), m.description) for m in annotation if m.description)
    return ()


def _is_service_ref(annotation: Any) -> bool:
    from generator.answers.model import CustomService

    return get_origin(annotation) in (Union, types.UnionType) and any(_base(arg) is CustomService for arg in get_args(annotation))


def meta(info: FieldInfo) -> dict[str, Any]:
    """The wizard metadata of a field (`json_schema_extra`), or an empty dict."""
    extra = info.json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def question_for(path: str, name: str, info: FieldInfo, step: str) -> Question:
    """Map one model field to its question: the one function that decides how a field is asked.

    Args:
        path: Where the answer goes, e.g. 'business.website'.
        name: The field's name in its model.
        info: The pydantic field.
        step: The step the field is asked in (its own, or its parent's).
    """
    default = None if info.is_required() else field_default(info)  # afresh: a default factory (today's date) may change
    return Question(**_question_parts(path, name, info, step), default=plain(default))


@functools.cache
def _question_parts(path: str, name: str, info: FieldInfo, step: str) -> dict[str, Any]:
    """Everything of a field's question but its default, worked out once per field (the walk asks for it at every step)."""
    extra = meta(info)
    annotation, optional = strip_optional(info.annotation)
    base = _base(annotation)
    common: dict[str, Any] = {
        "path": path,
        "name": name,
        "message": info.description or name.replace("_", " ").capitalize(),
        "step": extra.get("step", step),
        "help": str(extra.get("help", "")),
        "when": extra.get("when"),
        "required": info.is_required() and not optional,
        "none": str(extra.get("none", "")),
        "derived": bool(extra.get("derived")),
        "alone": bool(extra.get("alone")),
    }
    if base is bool:
        return {"kind": "confirm", **common}
    if _is_model(base):
        return {"kind": "optional-group" if optional else "group", "model": base, **common}
    if get_origin(base) is list:
        (item,) = get_args(base)
        item_base = _base(item)
        if _is_model(item_base):
            return {"kind": "group-list", "model": item_base, **common}
        if _is_service_ref(item_base):
            return {"kind": "services", **common}
        choices = _choices(item_base)
        if choices is not None:
            return {"kind": "checkbox", "choices": choices, "notes": _notes(item_base), **common}
        return {"kind": "text-list", "adapter": TypeAdapter(item), **common}
    choices = _choices(base)
    if choices is not None:
        return {"kind": "select", "choices": choices, "notes": _notes(base), **common}
    constrained: Any = Annotated[(annotation, *info.metadata)] if info.metadata else annotation
    kind = "date" if base is dt.date else "integer" if base is int else "text"
    return {"kind": kind, "adapter": TypeAdapter(constrained), **common}


def questions_of(model: type[BaseModel], prefix: str = "", step: str = "") -> list[Question]:
    """The questions of a model's own fields, in model order (nested models are not expanded)."""
    questions = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        questions.append(question_for(path, name, info, meta(info).get("step", step)))
    return questions


def plain(value: Any) -> Any:
    """Convert model values (enums, models, tuples) into plain answer-file data."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, BaseModel):
        return {k: plain(v) for k, v in value.model_dump(exclude_defaults=True).items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def complete(model: type[BaseModel], partial: Any) -> dict[str, Any]:
    """Fill a partial answer dict with the model's defaults, recursively, so conditions can read any field."""
    given = partial if isinstance(partial, dict) else {}
    filled: dict[str, Any] = {}
    for name, nested, info, is_list in _fields_to_complete(model):
        if nested is not None:
            filled[name] = complete(nested, given.get(name))
        elif name in given:
            filled[name] = given[name]
        elif info is not None:
            filled[name] = plain(field_default(info))
        else:
            filled[name] = [] if is_list else None
    return filled


@functools.cache
def _fields_to_complete(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None, FieldInfo | None, bool], ...]:
    """Per field of a model, what `complete` needs of its type, worked out once per model (the wizard completes the answers after every answer).

    Each is (name, the nested model to complete when the field is one and not optional, the field
    when it has a default, whether it is a list).
    """
    fields = []
    for name, info in model.model_fields.items():
        annotation, optional = strip_optional(info.annotation)
        base = _base(annotation)
        nested = base if _is_model(base) and not optional else None
        fields.append((name, nested, None if info.is_required() else info, get_origin(base) is list))
    return tuple(fields)


def condition_context(answers: dict[str, Any], item: dict[str, Any] | None = None) -> dict[str, Any]:
    """The names a `when` condition sees: every answer (defaults where unanswered) and the derived facts."""
    from generator.answers.model import Answers

    context = complete(Answers, answers)
    places = {str(j) for j in context.get("jurisdictions") or []}
    context["gdpr_like"] = bool(places & GDPR_LIKE)
    context["us_states"] = bool(places & (US_STATE_LAWS | {"california"}))
    context["in_us"] = bool(places & US_JURISDICTIONS)
    context["profiling_opt_out_law"] = bool(places & profiling_opt_out_states())  # a chosen state gives an opt-out of profiling
    context["dpdp_in_force"] = "india" in places and _dpdp_in_force(context.get("policy") or {})  # DPDP Act s.4: a ground per purpose
    context["home"] = home_jurisdiction(str((context.get("business") or {}).get("country") or ""))
    # Some purpose rests on legitimate interests or a recognised legitimate interest (UK GDPR Art. 6(1)(ea), (f)): the bases a public
    # authority cannot use for its tasks (the words after point (f)), so only then is business.public_authority asked.
    interests = {"legitimate-interests", "recognised-legitimate-interest"}
    context["interest_basis"] = any(
        isinstance(entry, dict) and (str(entry.get("legal_basis")) in interests or bool(interests & {str(b) for b in entry.get("other_bases") or []}))
        for entry in context.get("purposes") or []
    )
    context["item"] = item or {}
    # India's SPDI r.6(1): the services that may get sensitive personal data for their own use (answers/services.py).
    from generator.answers.services import spdi_own_use_services  # the wizard's conditions only: kept out of start-up

    collected = {str(entry.get("category")) for entry in context.get("data") or [] if isinstance(entry, dict)}
    refs = [*(context.get("services") or []), *((context.get("payments") or {}).get("gateways") or [])]
    context["spdi_own_use_services"] = [service.name for service in spdi_own_use_services(refs, collected)]
    return context


def _dpdp_in_force(policy: dict[str, Any]) -> bool:
    """Whether the policy's effective date (as answered so far) is on or after the day India's DPDP Act's main parts start."""
    from generator.context.laws import laws_in_force  # the wizard's conditions only: kept out of start-up

    day = policy.get("effective_date")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return False
    return isinstance(day, dt.date) and laws_in_force(day).get("in.dpdp", False)


def home_jurisdiction(country: str) -> str | None:
    """The law of the business's own country, as a jurisdiction value ('eu' for a country of the EEA), or None if we cover none."""
    from generator.context.laws import home_jurisdiction as home  # the wizard's conditions only: kept out of start-up

    return home(country)


_ENV = make_environment("md")


@functools.cache
def _condition(expression: str) -> Callable[..., Any]:
    """A question's `when`, compiled once per process (the wizard asks about it again after every answer)."""
    return _ENV.compile_expression(expression)


def applies(question: Question, answers: dict[str, Any], item: dict[str, Any] | None = None) -> bool:
    """Whether a question's `when` holds for the answers given so far."""
    if not question.when:
        return True
    return bool(_condition(question.when)(**condition_context(answers, item)))


def wants_help(typed: str, default: str) -> bool:
    """Whether a typed answer asks for help: '?' alone, or '?' typed after a pre-filled default ('18?')."""
    text = typed.strip()
    return text == "?" or (bool(default.strip()) and text == f"{default.strip()}?")


def chosen_labels(question: Question, picked: list[Any]) -> str:
    """What a checkbox answer ticked, in words, for the line under it (questionary itself says only 'done (2 selections)')."""
    if question.proposals:
        return "confirmed as proposed" if not picked else f"to change: {len(picked)} line(s)"
    labels = [label for label, value in question.choices if value in picked]
    return ", ".join(labels) if labels else "none"


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def terminal_asker() -> Callable[[Question, Any], Any]:
    """The prompt layer for a real terminal, built on questionary (imported here, not at start-up).

    Text questions show their whole help, wrapped, when the answer is '?' (also typed after a pre-filled default), then
    ask again. A checkbox's ticked choices are printed under it. Ctrl-C raises KeyboardInterrupt; Ctrl-B raises GoBack.
    """
    import shutil
    import textwrap

    import questionary
    from questionary import Choice

    from generator.library.services import load_services
    from generator.wizard.back import with_back_key

    def validator(question: Question, default: str) -> Callable[[str], bool | str]:
        def validate(text: str) -> bool | str:
            if wants_help(text, default):
                return True  # answered with the help below, then asked again
            return question.check(text) or True

        return validate

    def ask(question: Question, default: Any) -> Any:
        message = question.message
        instruction = f"({question.help})" if question.help and question.kind in ("confirm", "select", "checkbox") else None
        if question.kind == "confirm":
            return with_back_key(questionary.confirm(message, default=bool(default), instruction=instruction)).unsafe_ask()
        if question.kind == "select":
            notes = dict(question.notes)
            choices = [Choice(label, value, description=notes.get(value)) for label, value in question.choices]
            chosen = default if default in [value for _, value in question.choices] else None
            return with_back_key(questionary.select(message, choices=choices, default=chosen, instruction=instruction)).unsafe_ask()
        if question.kind == "checkbox":
            picked = {str(value) for value in default or []}
            labels = [label for label, _ in question.choices]
            if question.proposals:  # a screen: each line in full above the list, which may only have room for its start
                width = max(60, shutil.get_terminal_size().columns - 2)
                for number, label in enumerate(labels, 1):
                    print(textwrap.fill(label, width, initial_indent=f"{number:>3}. ", subsequent_indent="     "), flush=True)
                labels = [_fit(f"{number}. {label}", width - 6) for number, label in enumerate(labels, 1)]
            notes = dict(question.notes)
            choices = [
                Choice(label, value, checked=value in picked, description=notes.get(value))
                for label, (_, value) in zip(labels, question.choices, strict=True)
            ]
            keys = "(arrows to move, space to tick, enter to accept)"
            hint = f"{instruction} {keys}" if instruction else keys
            checkbox = questionary.checkbox(message, choices=choices, instruction=hint, validate=lambda picked: question.check(picked) or True)
            answer = with_back_key(checkbox).unsafe_ask()
            if question.proposals or len(answer) > 1:  # questionary shows one choice itself, more only as "done (2 selections)"
                print(textwrap.indent(textwrap.fill(chosen_labels(question, answer), 100), "  "), flush=True)
            return answer
        text = "" if default is None else default.isoformat() if isinstance(default, dt.date) else str(default)
        while True:
            if question.kind == "services":
                services = load_services()
                known = {service.id: f"{service.name} ({service.kind_label})" for service in services.values()}
                typed = with_back_key(questionary.autocomplete(
                    message, choices=sorted(known), meta_information=known, default=text, validate=validator(question, text), match_middle=True
                )).unsafe_ask()
            else:
                suffix = " (? for help)" if question.help else ""
                typed = with_back_key(questionary.text(message + suffix, default=text, validate=validator(question, text))).unsafe_ask()
            if not wants_help(typed, text):
                return typed
            help_text = question.help or "No extra help for this question; the question says what is expected."
            print("\n".join(textwrap.fill(part, 100, initial_indent="  ", subsequent_indent="  ") for part in help_text.split("\n")), flush=True)

    return ask
