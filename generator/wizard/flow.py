"""`policygen wizard`: ask the `Answers` model's questions in the terminal and write an answer file.

The questions come from the model (see `generator.wizard.prompts`); the wizard only
decides the order, the defaults drawn from earlier answers and what to skip. The
prompt layer is a function `ask(question, default) -> answer`, so tests can drive
the wizard with scripted answers; the terminal version uses questionary, which is
imported only here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from generator.answers.model import NOT_ASKED_WITHOUT_DATA, Answers
from generator.answers.vocabulary import DataCategory
from generator.errors import AnswerError, printable_lines
from generator.wizard import infer
from generator.wizard.applies import ask_jurisdictions
from generator.wizard.back import GoBack, Trail
from generator.wizard.defaults import suggest
from generator.wizard.lists import ListQuestions, control
from generator.wizard.prompts import STEPS, Question, applies, complete, questions_of
from generator.wizard.screen import Proposal, group_of, proposable, screen_lines, screen_question
from generator.wizard.writer import OPEN_MARK, answers_to_data, dump_answers

Asker = Callable[[Question, Any], Any]
"""The prompt layer: given a question and its default, return the answer."""

_LISTS = ("group-list", "text-list", "services")


MIN_SCREEN = 5
"""The fewest proposals a step shows on a screen of their own; fewer join the next step's screen. The last step's are listed
at the review, where writing the file confirms them with every other answer shown there."""


class Wizard(ListQuestions):
    """Walks the steps, asks the questions that apply and keeps every answer in `data`."""

    def __init__(
        self, ask: Asker, say: Callable[[str], None] = print, data: dict[str, Any] | None = None, open_lists: list[str] | None = None,
        ask_step: str | None = None, today: dt.date | None = None,
    ) -> None:
        """Start from `data` (prefilled answers, skipped unless revisited).

        `open_lists` are lists still being filled; `ask_step` is a step to ask again, whatever it holds, before the review;
        `today` is the date dates are proposed from (the real one unless given).
        """
        self.ask_step = ask_step
        self.ask = ask
        self.say = say
        self.data: dict[str, Any] = data if data is not None else {}
        self.open: list[str] = list(open_lists or [])
        self.revisit = False
        self.header = ""
        """The current step's title, shown before its first question (steps with nothing to ask stay silent)."""
        self.today = today or dt.date.today()
        self.trail = Trail()
        """The answers asked for one at a time, for Ctrl-B to take back (`generator.wizard.back`)."""
        self.gaps = 0
        """How many required disclosures the written answers still miss (the user chose to write them anyway)."""
        self.tried: set[str] = set()
        """The missing disclosures whose questions the review has asked once."""
        self.screens = True
        """Whether a step offers what it can propose on one screen (`generator.wizard.screen`), rather than asking each question."""
        self.pending: list[Proposal] | None = None
        """While a step is walked with screens on: the proposals its screen will show."""
        self.carried: list[Proposal] = []
        """Proposals of earlier steps too few for a screen of their own, shown with the next step's (or listed at the review)."""
        self.force: set[str] = set()
        """Questions of the current step to ask on their own: the owner ticked them on its screen to change them."""
        self.collects = False
        """Whether the owner said they collect personal information (asked once, before the services)."""
        self.proposed_data = False
        """Whether the data items were proposed in this session (then so are the legal-basis entries for their purposes)."""
        self.proposed: set[str] = set()
        """The purposes whose legal-basis entries the wizard proposed (kept in step with the data's purposes)."""

    def run(self) -> Answers:
        """Ask every step, then show the review until the answers are complete and the user is done.

        A second pass asks what a later answer made apply (whose data an age limit concerns, asked before the age limit):
        only questions never asked, so a file the wizard wrote holds every answer a run on it would ask for. Ctrl-B at a
        question (`GoBack`) takes back the answer before it and walks again from that answer's step.
        """
        held: list[Proposal] = []
        sequence = [*STEPS, *STEPS]
        at = 0
        try:
            while True:
                try:
                    while at < len(sequence):
                        self.run_step(sequence[at])
                        at += 1
                        if at % len(STEPS) == 0:
                            held, self.carried = held + self.carried, []  # the last step's proposals wait for the review
                    self.carried, held = held + self.carried, []
                    self._ask_again()
                    return self.review()
                except GoBack:
                    at = self._went_back(sequence, min(at, len(sequence) - 1))
        except BaseException:
            self._retract(held + self.carried)  # stopped: a draft keeps no proposal the owner has not confirmed
            raise

    def _ask_again(self) -> None:
        """`--ask STEP`: that step's questions again, whatever they hold (Ctrl-B there starts the step again)."""
        while self.ask_step:
            self.revisit = True
            try:
                self.run_step(self.ask_step)
                return
            except GoBack:
                continue
            finally:
                self.revisit = False

    def _went_back(self, sequence: list[str], at: int) -> int:
        """Take back the last answer given on its own; where to walk on from: its step's place at or before `at`."""
        taken = self.trail.take_back()
        if taken is None:
            self.say("This is the first question: there is nothing before it to go back to.")
            return at
        step, path = taken
        self.force.add(path)  # asked again, not proposed
        self.say("Back to the previous question.")
        return max((number for number in range(at + 1) if sequence[number] == step), default=at)

    def run_step(self, step: str) -> None:
        """Ask one step's questions: first those without a condition, then the conditional ones.

        With screens on, what the step can propose is shown on one screen once its other questions are asked; the lines
        ticked there are asked on their own, and the step is walked again for what their answers make apply.
        """
        number = list(STEPS).index(step) + 1 if step in STEPS else 0
        self.header = f"\n== Step {number} of {len(STEPS)}: {STEPS[step]} =="
        if step == "offer" and "data" not in self.data and not self.collects:
            self._ask_collects()
        if step == "jurisdictions" and "jurisdictions" not in self.data and not self.revisit:
            ask_jurisdictions(self)  # with the choice to work them out from the threshold questions
        if self.revisit or not self.screens:
            self._walk_step(step)
            return
        try:
            while True:
                self.pending = []
                try:
                    self._walk_step(step)
                except BaseException:
                    self._retract(self.pending)  # stopped, or back a question: the step's proposals are not confirmed
                    raise
                finally:
                    pending, self.pending = self.pending, None
                pending, self.carried = self.carried + pending, []
                if len(pending) < MIN_SCREEN or step == list(STEPS)[-1]:
                    self.carried = pending  # too few for a screen of their own: shown with the next step's, or at the review
                    break
                try:
                    ticked = self._ask_one(screen_question(step, STEPS[step], pending, self._heading), [])
                except BaseException:
                    self._retract(pending)  # stopped at the screen: a draft keeps nothing unconfirmed
                    raise
                changed = [proposal for proposal in pending if group_of(proposal.question.path) in ticked]
                if not changed:
                    break
                self._change(changed, step)
        finally:
            self.force.clear()

    def _change(self, changed: list[Proposal], step: str) -> None:
        """Take back the proposals the owner ticked, so they are asked; those of earlier steps (carried here) are asked now."""
        for proposal in changed:
            self.force.add(proposal.question.path)
            proposal.undo()
        for earlier in dict.fromkeys(proposal.question.step for proposal in changed):
            if earlier != step and earlier in STEPS:
                self._walk_step(earlier)  # no screen: what the ticked lines make apply is asked at once

    @staticmethod
    def _retract(proposals: list[Proposal]) -> None:
        for proposal in proposals:
            (proposal.retract or proposal.undo)()

    def _heading(self, group: str) -> str:
        """What a screen line of several proposals is about: a list item by its label ('Identity details'), or a contact's role."""
        from generator.answers.vocabulary import Purpose

        found = re.fullmatch(r"(\w+)\[(\d+)\]", group)
        if found is None:
            words = group.rsplit(".", 1)[-1].replace("_", " ").capitalize()
            return words.replace("Eu ", "EU ").replace("Uk ", "UK ").replace("Dpo", "Data Protection Officer")
        items = self.data.get(found[1]) or []
        item = items[int(found[2])] if int(found[2]) < len(items) else {}
        vocabulary = {"data": DataCategory, "purposes": Purpose}.get(found[1])
        value = item.get("category") or item.get("purpose") if isinstance(item, dict) else item
        labels = {member.value: member.label for member in vocabulary} if vocabulary is not None else {}
        return str(labels.get(str(value), value or group))

    def _ask_collects(self) -> None:
        """Whether the owner collects any personal information at all, asked before the services: No ends in the short policy."""
        data = _question_of("data")
        assert data is not None
        if self._ask_one(control(data, "?", data.none), True):
            self.collects = True
        else:
            self.data["data"] = []

    def _walk_step(self, step: str) -> None:
        for conditional in (False, True):
            self._walk(step, Answers, self.data, "", conditional)

    def _offer(
        self, question: Question, default: Any, undo: Callable[[], None], retract: Callable[[], None] | None = None,
        asked: Callable[[], None] | None = None,
    ) -> Any:
        """The answer to `question`: its proposal, kept for the step's screen, or, when it has none to offer, asked now.

        `asked` is called once an answer was asked for (not proposed), after it is given.
        """
        if self.pending is not None and question.path not in self.force and proposable(question, default):
            self.pending.append(Proposal(question, default, undo, retract))
            return default
        answer = self._ask_one(question, default)
        if asked is not None:
            asked()
        return answer

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
            if self.revisit or self.force:
                container.pop(question.name, None)  # an answer changed made it not apply: it would say what is no longer so
            return  # kept as given otherwise: a file may answer what the wizard would not ask (a purpose's detail outside the GDPR)
        answered = question.name in container and not self.revisit
        if question.kind in ("group", "optional-group"):
            self._group(question, container, answered)
        elif question.kind in _LISTS:
            self._list(question, container, answered)
        elif not answered:
            name = question.name
            container[name] = self._offer(
                question, container.get(name, self._suggest(question)), lambda: container.pop(name, None),
                asked=lambda: self.trail.add(question.step or self._step_of(question.path), question.path, container, name),  # for Ctrl-B
            )  # fmt: skip

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
            add = control(question, "?", f"{question.message} Add them now?")
            proposed = current is not None or bool(self._suggest(add))
            # "Yes, add them" is asked, not offered: the details that follow need it confirmed first
            wanted = self._ask_one(add, True) if proposed else self._offer(add, False, lambda: container.pop(question.name, None))
            if not wanted:
                container[question.name] = None
                return
        item = current if isinstance(current, dict) else {}
        container[question.name] = item
        self._fill(question.model, item, question.path)

    def _suggest(self, question: Question) -> Any:
        """A proposal worked out earlier for this answer, else a default drawn from earlier answers or the model's (`defaults.py`)."""
        found = re.fullmatch(r"(data|purposes)\[(\d+)\]\.(\w+)", question.path)
        items = self.data.get(found[1]) or [] if found else []
        item = items[int(found[2])] if found and int(found[2]) < len(items) else None
        if found and isinstance(item, dict):
            proposed = infer.item_proposal(self.data, found[1], item, found[3])
            if proposed is not None:
                return proposed
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
                self.say(f"Missing disclosure: {gap.requirement.description} (missing: {gap.requirement.hint})")
            if self.carried:
                lines = "\n".join(f"  - {label}" for label, _ in screen_lines(self.carried, self._heading))
                self.say(f"Proposed from your earlier answers, and yours once you write the file (or choose to change one of them below):\n{lines}")
            missing = [path for path in dict.fromkeys(path for gap in gaps for path in gap.requirement.answers) if self._step_of(path)]
            gap_ids = {gap.requirement.id for gap in gaps}
            # Offered first while a gap is new; once its questions were asked and it stays, writing comes first (never a loop of Enter).
            first = bool(missing) and not gap_ids <= self.tried
            write = "Write the answer file"
            if gaps:
                write += f" anyway (it will not build until the {len(gaps)} missing disclosure(s) are answered)"
            fix = [(f"Answer what the {len(gaps)} missing disclosure(s) need", "missing")] if missing else []
            written = [(write, "write")] if answers else []
            change = [("Change one of the proposed answers listed above", "proposals")] if self.carried else []
            choices = (fix + written if first else written + fix) + change + [(f"Go back to: {title}", step) for step, title in STEPS.items()]
            action = self._ask_one(
                Question(
                    path="review", name="review", kind="select", message="All correct?", step="review", choices=tuple(choices),
                    proposals=tuple((proposal.question.path, proposal.value) for proposal in self.carried),
                ),
                choices[0][1],
            )  # fmt: skip
            if action == "write" and answers is not None:
                self.gaps = len(gaps)
                self.carried = []  # confirmed with the rest of the answers shown
                return answers
            if action == "proposals":
                self._change_carried()
                continue
            self.carried = [proposal for proposal in self.carried if proposal.question.step != action]  # asked again there
            self.revisit = True
            try:
                if action == "missing":
                    self.tried |= gap_ids
                    self.ask_missing(missing)
                else:
                    self.run_step(action)
            finally:
                self.revisit = False

    def _change_carried(self) -> None:
        """The review's proposals on a screen: the lines ticked are asked again (with what their answers make apply)."""
        ticked = self._ask_one(screen_question("review", "Proposed answers", self.carried, self._heading), [])
        changed = [proposal for proposal in self.carried if group_of(proposal.question.path) in ticked]
        held = [proposal for proposal in self.carried if proposal not in changed]
        self.carried = []
        try:
            self._change(changed, "")
        finally:
            self.force.clear()
        for step in STEPS:  # what the new answers make apply, in any step
            self.run_step(step)
        self.carried = held + self.carried

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
