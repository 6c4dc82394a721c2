"""A step's proposals on one screen: the answers the wizard can offer, shown together for the owner to confirm.

While a step is walked, every question that has an answer to offer (a default drawn from earlier answers, the
model's default, or "none" for what may be left out) is not asked on its own: it becomes a `Proposal`. The step then
shows them all on one screen, a checkbox list of "question: proposed answer" lines with nothing ticked. Enter confirms
every line, so each counts as an answer the owner gave; a ticked line is asked again on its own, with its proposal as
the default. A question with nothing to offer (a name, an address, a choice without a usual answer) is always asked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.wizard.prompts import Question

NOT_SAID = "not said (the policy says nothing about it)"


@dataclass
class Proposal:
    """One answer offered on a step's screen."""

    question: Question
    value: Any
    """The answer, as the answer file holds it (None: left unanswered)."""
    undo: Callable[[], None]
    """Changes the answer when the owner ticks its line: takes it back, so walking the step again asks the question."""
    retract: Callable[[], None] | None = None
    """Takes the proposal back when the wizard stops before the screen is answered (`undo` when None): a draft keeps no
    answer the owner has not confirmed."""


def proposable(question: Question, default: Any) -> bool:
    """Whether `question` can be offered on a screen with `default` as its answer, rather than asked on its own."""
    if question.kind in ("services", "group", "group-list") or question.alone:
        return False
    empty = default is None or default == "" or default == []
    if question.kind == "text-list" and not empty:
        return isinstance(default, list) and all(question.check(item) is None for item in default)
    if question.kind in ("text", "integer", "date", "text-list"):
        return not question.required if empty else question.check(default) is None
    if question.kind == "select":
        return not question.required if default is None else any(value == default for _, value in question.choices)
    if question.kind == "checkbox":
        return question.check(default or []) is None
    return question.kind == "confirm"


def describe(question: Question, value: Any) -> str:
    """One screen line: the question, shortened to its first sentence, and the proposed answer in words."""
    if question.path.endswith(".facts"):  # a catalogue service's facts: every one shown, as the policy will state them
        return f"{question.message} {shown(question, value)}"
    if question.path.endswith("]?"):  # a list's "add one/another?"
        return f"{_field_words(question).capitalize()}: {question.message} {shown(question, value)}"
    return f"{_short_message(question.message)} {shown(question, value)}"


def group_of(path: str) -> str:
    """The screen line a proposal belongs to: one line per list item ('data[0]') or per optional group of contact details."""
    if "[" in path and not path.endswith(("]?", ".facts")):
        return path[: path.index("]") + 1]
    parts = path.split(".")
    if len(parts) == 3 and parts[0] == "contacts":
        return ".".join(parts[:2])
    return path


def _field_words(question: Question) -> str:
    return question.name.replace("_", " ")


def shown(question: Question, value: Any, *, brief: bool = False) -> str:
    """A proposed answer in words: 'Yes', the choices' labels, the text, or what leaving it out means ('not said')."""
    labels = dict((choice, label) for label, choice in question.choices)
    not_said = "not said" if brief else NOT_SAID
    if question.kind == "confirm":
        return not_said if value is None else "Yes" if value else "No"
    if value is None or value == "" or value == []:
        return "none" if question.kind in ("checkbox", "text-list") or question.path.endswith(("]", "?")) else not_said
    if isinstance(value, list):
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(labels.get(value, value))


def _short_message(message: str) -> str:
    """The question up to the end of its first sentence, without its examples ('e.g. ...')."""
    message = re.split(r",? \(?e\.g\.", message)[0]
    found = re.search(r"\?|(?<!\bArt)\.(?=\s)", message)
    short = message[: found.end()] if found else message
    return short if short.endswith(("?", ":")) else f"{short.rstrip('.')}:"


def screen_lines(proposals: list[Proposal], heading: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    """A screen's lines as (label, group).

    One line per proposal, or one per list item or contact, headed by `heading(group)` (e.g. "Identity details"), whose
    ticking asks each of its proposals again.
    """
    lines: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        lines.setdefault(group_of(proposal.question.path), []).append(proposal)
    choices = []
    for group, members in lines.items():
        if len(members) == 1 and group == members[0].question.path:
            label = describe(members[0].question, members[0].value)
        else:
            label = f"{heading(group)}: " + "; ".join(f"{_field_words(m.question)} {shown(m.question, m.value, brief=True)}" for m in members)
        choices.append((label, group))
    return tuple(choices)


def screen_question(step: str, title: str, proposals: list[Proposal], heading: Callable[[str], str]) -> Question:
    """The screen of a step's proposals (`screen_lines`): tick what to change; nothing ticked confirms them all."""
    return Question(
        path=f"screen:{step}",
        name="proposals",
        kind="checkbox",
        message=f"{title}: from your answers so far we propose these. Tick any to change, or press Enter if all are right.",
        step=step,
        help="Each line is an answer the policy will rest on. Enter accepts them all as yours; a ticked line is asked again.",
        choices=screen_lines(proposals, heading),
        default=[],
        proposals=tuple((proposal.question.path, proposal.value) for proposal in proposals),
    )
