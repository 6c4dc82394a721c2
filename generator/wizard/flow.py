"""`policygen wizard`: ask the `Answers` model's questions in the terminal and write an answer file.

The questions come from the model (see `generator.wizard.prompts`); the wizard only
decides the order, the defaults drawn from earlier answers and what to skip. The
prompt layer is a function `ask(question, default) -> answer`, so tests can drive
the wizard with scripted answers; the terminal version uses questionary, which is
imported only here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from generator.answers.model import NOT_ASKED_WITHOUT_DATA, Answers, CustomService, ServiceUse
from generator.errors import AnswerError, printable_lines
from generator.wizard.defaults import suggest
from generator.wizard.prompts import STEPS, Kind, Question, applies, complete, questions_of
from generator.wizard.writer import OPEN_MARK, answers_to_data, dump_answers

if TYPE_CHECKING:
    from generator.library.services import Service

Asker = Callable[[Question, Any], Any]
"""The prompt layer: given a question and its default, return the answer."""

_LISTS = ("group-list", "text-list", "services")
_ASKED_FACTS = ("data", "gets", "provider", "country", "stored_in", "sends_to", "cookies", "tracks_across_sites")
"""The catalogue facts of a service the wizard asks an owner to correct, when they say the catalogue is wrong for them."""


class Wizard:
    """Walks the steps, asks the questions that apply and keeps every answer in `data`."""

    def __init__(self, ask: Asker, say: Callable[[str], None] = print, data: dict[str, Any] | None = None, open_lists: list[str] | None = None) -> None:
        """Start from `data` (prefilled answers, skipped unless revisited); `open_lists` are lists still being filled."""
        self.ask = ask
        self.say = say
        self.data: dict[str, Any] = data if data is not None else {}
        self.open: list[str] = list(open_lists or [])
        self.revisit = False
        self.header = ""
        """The current step's title, shown before its first question (steps with nothing to ask stay silent)."""
        self.today = dt.date.today()
        self.gaps = 0
        """How many required disclosures the written answers still miss (the user chose to write them anyway)."""
        self.tried: set[str] = set()
        """The missing disclosures whose questions the review has asked once."""

    def run(self) -> Answers:
        """Ask every step, then show the review until the answers are complete and the user is done.

        A second pass asks what a later answer made apply (whose data an age limit concerns, asked before the age limit):
        only questions never asked, so a file the wizard wrote holds every answer a run on it would ask for.
        """
        for _ in range(2):
            for step in STEPS:
                self.run_step(step)
        return self.review()

    def run_step(self, step: str) -> None:
        """Ask one step's questions: first those without a condition, then the conditional ones."""
        self.header = f"\n== {STEPS[step]} =="
        for conditional in (False, True):
            self._walk(step, Answers, self.data, "", conditional)

    def _walk(self, step: str, model: type[BaseModel], container: dict[str, Any], prefix: str, conditional: bool) -> None:
        # Facts about the policy document (its dates) come after the step's questions about the business.
        for question in sorted(questions_of(model, prefix), key=lambda q: q.path == "policy"):
            if question.kind == "group" and not question.step:
                inner = container.setdefault(question.name, {})
                assert question.model is not None
                self._walk(step, question.model, inner, question.path, conditional)
            elif question.step == step and bool(question.when) == conditional:
                self.ask_field(question, container)

    def ask_field(
        self, question: Question, container: dict[str, Any], item: dict[str, Any] | None = None, model: type[BaseModel] | None = None, needed: bool = False
    ) -> None:
        """Ask one field's question (or its group of questions) and store the answer in `container`.

        A `needed` question (a missing disclosure needs its answer) is asked even where its condition does not hold.
        """
        if question.derived:
            return
        context_item = complete(model, item) if model is not None and item is not None else None
        if self._nothing_collected(question.path):
            return  # kept as given, if given: a contradiction is then reported at the review
        if not needed and not applies(question, self.data, context_item):
            container.pop(question.name, None)
            return
        answered = question.name in container and not self.revisit
        if question.kind in ("group", "optional-group"):
            self._group(question, container, answered)
        elif question.kind in _LISTS:
            self._list(question, container, answered)
        elif not answered:
            container[question.name] = self._ask_one(question, container.get(question.name, self._suggest(question)))

    def _nothing_collected(self, path: str) -> bool:
        """Whether the owner said they collect nothing (`data: []`) and `path` is an answer not asked then."""
        if self.data.get("data") != []:
            return False
        return any(path == part or path.startswith((f"{part}.", f"{part}[")) for part in NOT_ASKED_WITHOUT_DATA)

    def _ask_one(self, question: Question, default: Any) -> Any:
        if self.header:
            self.say(self.header)
            self.header = ""
        answer = self.ask(question, default)
        problem = question.check(answer)
        if problem:
            raise ValueError(f"{question.path}: {problem}")
        return question.convert(answer)

    def _fill(self, model: type[BaseModel], item: dict[str, Any], prefix: str) -> None:
        for question in questions_of(model, prefix):
            self.ask_field(question, item, item, model)

    def _group(self, question: Question, container: dict[str, Any], answered: bool) -> None:
        assert question.model is not None
        current = container.get(question.name)
        if question.kind == "optional-group" and (current is None or self.revisit):
            if answered:
                return
            wanted = self._ask_one(_control(question, "?", f"{question.message} Add them now?"), current is not None)
            if not wanted:
                container[question.name] = None
                return
        item = current if isinstance(current, dict) else {}
        container[question.name] = item
        self._fill(question.model, item, question.path)

    def _list(self, question: Question, container: dict[str, Any], answered: bool) -> None:
        items: list[Any] = list(container.get(question.name) or [])
        if question.kind == "group-list":
            assert question.model is not None
            for number, existing in enumerate(items):
                if isinstance(existing, dict):
                    self._fill(question.model, existing, f"{question.path}[{number}]")
        if answered and question.path not in self.open:
            return
        if self.revisit and items:
            shown = "; ".join(_short(item) for item in items)
            if not self._ask_one(_control(question, "=", f"{question.message}\n  Now: {shown}\n  Keep these?"), True):
                items = []
        container[question.name] = items
        self.open.append(question.path)
        while True:
            number = len(items)
            if question.kind == "group-list":
                assert question.model is not None
                if number or not question.required:
                    prompt = "Add another?" if number else f"{question.message} Add one?"
                    if not self._ask_one(_control(question, f"[{number}]?", prompt), False):
                        break
                elif question.none:
                    if not self._ask_one(_control(question, "?", question.none), True):
                        break  # an explicit empty list: none at all
                    self.say(f"{question.message} (at least one)")
                else:
                    self.say(f"{question.message} (at least one)")
                item: dict[str, Any] = {}
                items.append(item)
                self._fill(question.model, item, f"{question.path}[{number}]")
            else:
                entry = self._ask_entry(question, number)
                if entry is None:
                    break
                items.append(entry)
        self.open.remove(question.path)

    def _ask_entry(self, question: Question, number: int) -> Any:
        """One entry of a list of text or of services; None when the user leaves it empty."""
        message = f"{question.message} (one at a time; leave empty if none)" if not number else "Another one? (leave empty to finish)"
        kind: Kind = "text" if question.kind == "text-list" else "services"
        entry = Question(
            path=f"{question.path}[{number}]", name=question.name, kind=kind, message=message,
            step=question.step, help=question.help, adapter=question.adapter,
        )  # fmt: skip
        value = self._ask_one(entry, "")
        if not value:
            return None
        if question.kind == "text-list":
            return value
        from generator.library.services import load_services

        catalogue = load_services()
        if value in catalogue:
            return self._catalogue_entry(question, number, entry, catalogue[value])
        confirm = _control(question, f"[{number}].custom", f"'{value}' is not in the catalogue. Describe it as your own service?")
        if not self._ask_one(confirm, True):
            return self._ask_entry(question, number)
        custom: dict[str, Any] = {"id": value}
        self._fill(CustomService, custom, entry.path)
        return custom

    def _catalogue_entry(self, question: Question, number: int, entry: Question, service: Service) -> Any:
        """A catalogue service: its id if the owner confirms the catalogue's facts, else the id with the facts that differ for them."""
        data = ", ".join(category.label.lower() for category in service.data)
        facts = (
            f"{service.name} ({service.provider}, {service.country}): gets your {data}; "
            f"{'sets' if service.cookies else 'sets no'} cookies on your site"
            f"{'; tracks people across other websites' if service.tracks_across_sites else ''}."
        )
        if self._ask_one(_control(question, f"[{number}].facts", f"The catalogue says: {facts} Is that right for you?"), True):
            return service.id
        differs: dict[str, Any] = {"id": service.id}
        for fact in questions_of(ServiceUse, entry.path):
            if fact.name not in _ASKED_FACTS:
                continue  # the id is known; purposes and safeguards are edited in the file
            known = getattr(service, fact.name)
            shown = [category.value for category in known] if fact.name == "data" else known
            if fact.kind == "text-list":
                asked: dict[str, Any] = {fact.name: list(known)}
                self._list(fact, asked, False)
                answer = asked[fact.name]
            else:
                answer = self._ask_one(fact, shown)
            if answer != shown:
                differs[fact.name] = answer
        return differs if len(differs) > 1 else service.id

    def _suggest(self, question: Question) -> Any:
        """A default drawn from earlier answers, else the model's default (`generator/wizard/defaults.py`)."""
        return suggest(question, self.data, self.today)

    def review(self) -> Answers:
        """Show the answers, and let the user go back to any step until they choose to write."""
        from generator.pipeline import Result, run  # the renderer, only once there is something to review

        self.header = ""
        while True:
            problems: list[str] = []
            result: Result | None = None
            try:
                result = run(self.data, name="your answers", allow_gaps=True)  # built and checked, nothing exported
            except AnswerError as exc:
                problems = exc.messages
            answers = result.answers if result is not None else None
            shown = answers_to_data(answers) if answers is not None else self.data
            self.say("\n== Review: your answers (defaults not shown) ==\n" + printable_lines(dump_answers(shown, comments=False).rstrip()))
            for problem in problems:
                self.say(f"To fix: {problem}")
            gaps = result.report.gaps if result is not None else []
            for gap in gaps:
                self.say(f"Missing disclosure: {gap.requirement.description} Needs: {gap.requirement.hint}")
            missing = [path for path in dict.fromkeys(path for gap in gaps for path in gap.requirement.answers) if self._step_of(path)]
            gap_ids = {gap.requirement.id for gap in gaps}
            # Offered first while a gap is new; once its questions were asked and it stays, writing comes first (never a loop of Enter).
            first = bool(missing) and not gap_ids <= self.tried
            write = "Write the answer file"
            if gaps:
                write += f" anyway (it will not build until the {len(gaps)} missing disclosure(s) are answered)"
            fix = [(f"Answer what the {len(gaps)} missing disclosure(s) need", "missing")] if missing else []
            written = [(write, "write")] if answers else []
            choices = (fix + written if first else written + fix) + [(f"Go back to: {title}", step) for step, title in STEPS.items()]
            action = self._ask_one(
                Question(path="review", name="review", kind="select", message="All correct?", step="review", choices=tuple(choices)), choices[0][1]
            )
            if action == "write" and answers is not None:
                self.gaps = len(gaps)
                return answers
            self.revisit = True
            try:
                if action == "missing":
                    self.tried |= gap_ids
                    self.ask_missing(missing)
                else:
                    self.run_step(action)
            finally:
                self.revisit = False

    def ask_missing(self, paths: list[str]) -> None:
        """Ask exactly the answers at `paths` (a missing disclosure's answers); for an answer inside a list, its step again."""
        steps: list[str] = []
        for path in paths:
            found = None if "[" in path else self._question_at(path)
            if found is None:
                steps.append(self._step_of(path))
                continue
            question, container = found
            self.header = f"\n== {STEPS.get(question.step, question.step)}: what a missing disclosure needs =="
            self.ask_field(question, container, needed=True)
        for step in dict.fromkeys(steps):
            self.run_step(step)

    def _step_of(self, path: str) -> str:
        """The step that asks the answer `path` (for one inside a list, `purposes[].detail`, the list's step); '' if none does."""
        question = _question_of(path.split("[", 1)[0])
        return question.step if question is not None and question.step in STEPS else ""

    def _question_at(self, path: str) -> tuple[Question, dict[str, Any]] | None:
        """The question of the plain dotted answer `path` and the dict its answer goes in (made as needed); None if none."""
        question = _question_of(path)
        if question is None or question.step not in STEPS:
            return None
        container = self.data
        for part in path.split(".")[:-1]:
            if not isinstance(container.get(part), dict):
                container[part] = {}
            container = container[part]
        return question, container

    def draft_text(self, resume: str) -> str:
        """The answers so far as a commented draft answer file."""
        header = ["Draft answers saved by 'policygen wizard'; not complete yet.", f"Resume with: {resume}"]
        return dump_answers(self.data, header + [f"{OPEN_MARK} {path}" for path in self.open])


def _question_of(path: str) -> Question | None:
    """The question of the dotted answer `path` (through nested parts, not lists), or None if the model has none there."""
    model: type[BaseModel] = Answers
    prefix = ""
    question = None
    for part in path.split("."):
        if question is not None:
            if question.model is None:
                return None
            model, prefix = question.model, question.path
        question = next((q for q in questions_of(model, prefix) if q.name == part), None)
        if question is None:
            return None
    return question


def _control(question: Question, suffix: str, message: str) -> Question:
    return Question(path=f"{question.path}{suffix}", name=question.name, kind="confirm", message=message, step=question.step, help=question.help)


def _short(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("name") or item.get("label") or item.get("category") or item.get("purpose") or item.get("id") or next(iter(item.values()), ""))
    return str(item)
