"""Which laws apply: the threshold questions, asked by the wizard at the jurisdictions question and by `policygen applies --ask`.

The jurisdictions question offers one more choice, "work it out": an owner who already knows which laws apply answers as
before (Enter accepts the business's own country's law), with no prompt more. Ticked, it asks the threshold questions
(`generator.answers.thresholds`), each only while its answer can change a result (the scope rules and the US thresholds of
`generator.applicability`), shows every law with its reason, and asks the jurisdictions again with the laws that apply ticked:
the owner confirms (Enter) or edits them. The answers go into the answer file's `thresholds:`, never into the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.answers.model import Answers
from generator.answers.thresholds import US_THRESHOLD_STATES, ThresholdAnswers
from generator.answers.vocabulary import Jurisdiction
from generator.errors import AnswerError, UsageError
from generator.wizard.prompts import Question, home_jurisdiction, question_for, terminal_asker

if TYPE_CHECKING:
    from generator.applicability import Applicability
    from generator.wizard.flow import Wizard

WORK_OUT = "work-it-out"
"""The extra choice of the jurisdictions question that asks the threshold questions."""

ORDER = (
    "establishments", "offers_to", "monitors", "processes_in_south_africa", "turnover_aud", "consumers_by_state", "revenue_usd",
    "small_business", "sells_data", "revenue_share_from_selling", "sensitive_data", "directed_to_children", "knows_children_under_13",
    "collects_online_from_california",
)  # fmt: skip
"""The threshold questions in the order they are asked: where the business is and whom it serves first, the numbers after."""

US_ONLY = frozenset(ORDER[ORDER.index("consumers_by_state") :])
"""Asked only of a business established in the United States or serving people there."""

Ask = Callable[[Question, Any], Any]


def _field_question(name: str) -> Question:
    return question_for(f"thresholds.{name}", name, ThresholdAnswers.model_fields[name], "jurisdictions")


STATES_QUESTION = Question(
    path="thresholds.consumers_by_state", name="consumers_by_state", kind="checkbox", step="jurisdictions",
    message="Residents of which of these US states do you handle personal data of? (tick none if none)",
    choices=tuple((member.label, member.value) for member in Jurisdiction if member.value in US_THRESHOLD_STATES),
)  # fmt: skip


def _count_question(state: str) -> Question:
    label = Jurisdiction.member(state).label
    return Question(
        path=f"thresholds.consumers_by_state.{state}", name=state, kind="integer", step="jurisdictions", required=True,
        message=f"How many {label} residents' personal data did you handle in the last calendar year (not counting data used only to complete a payment)?",
    )  # fmt: skip


class ThresholdQuestions:
    """The threshold answers asked one by one, each only while a law's result waits for it."""

    def __init__(self, ask: Ask, country: str | None, given: dict[str, Any] | None = None) -> None:
        self.ask = ask
        self.country = country
        self.answers: dict[str, Any] = dict(given or {})

    def results(self) -> list[Applicability]:
        """Every law with its result for the answers so far (the US states: only those whose residents the owner named)."""
        from generator.applicability import applicable_laws

        states = list(self.answers.get("consumers_by_state") or {})
        return applicable_laws(ThresholdAnswers.model_validate(self.answers), self.country, states)

    def _us_link(self) -> bool:
        return home_jurisdiction(self.country or "") == "united-states" or "united-states" in (self.answers.get("offers_to") or [])

    def _needed(self, name: str) -> bool:
        """Whether `name` is unanswered and a law's result waits for it (the US questions: only with a link to the United States)."""
        if name in self.answers or (name in US_ONLY and not self._us_link()):
            return False
        if name == "consumers_by_state":
            return True
        if name == "processes_in_south_africa" and not {"south-africa"} & {*(self.answers.get("offers_to") or []), *(self.answers.get("monitors") or [])}:
            return False  # POPIA reaches by means used there, which a business serving no one there rarely has: left unknown
        return any(result.applies is None and name in result.needs for result in self.results())

    def run(self) -> list[Applicability]:
        """Ask what can change a result; the results for the answers given."""
        for name in ORDER:
            if not self._needed(name):
                continue
            if name == "consumers_by_state":
                states = self.ask(STATES_QUESTION, []) or []
                self.answers[name] = {state: self.ask(_count_question(state), None) for state in states}
                continue
            question = _field_question(name)
            answer = question.convert(self.ask(question, question.default))
            if answer not in (None, ""):
                self.answers[name] = answer
            if name == "sells_data" and answer is False:
                self.answers.setdefault("revenue_share_from_selling", 0)  # selling none, nothing of the revenue comes from selling
        return self.results()


def reasons(results: list[Applicability]) -> list[str]:
    """The lines that show the owner each law's result and reason."""
    return ["Which laws apply, from your answers:", *(f"  {result.reason} ({result.citation})" for result in results)]


def proposed(results: list[Applicability]) -> list[str]:
    """The jurisdictions whose laws apply, in vocabulary order."""
    from generator.applicability import verdicts

    found = verdicts(results)
    return [member.value for member in Jurisdiction if found.get(member.value)]


def jurisdictions_question() -> Question:
    """The answer file's jurisdictions question, as the model asks it."""
    return question_for("jurisdictions", "jurisdictions", Answers.model_fields["jurisdictions"], "jurisdictions")


def ask_jurisdictions(wizard: Wizard) -> None:
    """The wizard's jurisdictions question, with the choice to work them out from the threshold questions first."""
    from generator.wizard.defaults import suggest

    question = jurisdictions_question()
    offered = replace(question, choices=(*question.choices, ("Not sure: work out which laws apply from a few questions", WORK_OUT)))
    default = suggest(question, wizard.data, wizard.today)
    picked = list(wizard._ask_one(offered, default) or [])
    if WORK_OUT in picked:
        country = str((wizard.data.get("business") or {}).get("country") or "") or None
        step = ThresholdQuestions(wizard._ask_one, country, wizard.data.get("thresholds"))
        results = step.run()
        wizard.data["thresholds"] = step.answers
        for line in reasons(results):
            wizard.say(line)
        chosen = [place for place in picked if place != WORK_OUT]
        picked = wizard._ask_one(question, list(dict.fromkeys(proposed(results) + chosen)) or default)
    wizard.data["jurisdictions"] = picked
    wizard.trail.add("jurisdictions", "jurisdictions", wizard.data, "jurisdictions")


def ask_applies(file: Path | None, out: Path | None, ask: Ask | None = None, say: Callable[[str], None] = print) -> int:
    """`policygen applies --ask`: the threshold questions, the proposal with its reasons, and (with `out`) the answers written.

    Starts from FILE's answers (an answer file or threshold answers alone), or else from `out` when it exists.

    Raises:
        UsageError: when there is no terminal to ask in (and no `ask` is given).
    """
    import sys

    from generator.wizard.writer import read_partial

    if ask is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "'policygen applies' without FILE asks questions and needs an interactive terminal; give it a file instead: "
                "'policygen applies answers.yaml' (an answer file with a 'thresholds:' section, or threshold answers alone)"
            )
        ask = terminal_asker()
    start = file if file is not None else out if out is not None and out.exists() else None
    data, _open = read_partial(start) if start is not None else ({}, [])
    given = data.get("thresholds") if "business" in data or "thresholds" in data else data
    country = str((data.get("business") or {}).get("country") or "") or None
    if country is None and not (given or {}).get("establishments"):
        country = _ask_country(ask)
    step = ThresholdQuestions(lambda question, default: _checked(ask, question, default), country, given)
    results = step.run()
    for line in reasons(results):
        say(line)
    chosen = _checked(ask, jurisdictions_question(), proposed(results) or list(data.get("jurisdictions") or []))
    if out is None:
        say(f"proposed jurisdictions: {', '.join(chosen) or 'none'} (write them under 'jurisdictions:', or run again with --out FILE)")
        return 0
    target, open_lists = read_partial(out) if out.exists() else ({}, [])
    target["thresholds"], target["jurisdictions"] = step.answers, chosen
    if country and not (target.get("business") or {}).get("country"):
        target.setdefault("business", {})["country"] = country
    _write(out, target, open_lists)
    say(f"Wrote the threshold answers and jurisdictions to {out}. Carry on with: policygen wizard --answers {out} --out {out}")
    return 0


def _write(out: Path, data: dict[str, Any], open_lists: list[str]) -> None:
    """The answers into `out`: a whole answer file as the wizard writes one, or else a partial file the wizard resumes from."""
    from generator.export.write import write_atomic
    from generator.pipeline import load
    from generator.wizard.writer import OPEN_MARK, dump_answers, write_answers

    try:
        answers = load(data, str(out))
    except AnswerError:
        header = [
            "Partial answers: 'policygen applies' wrote the thresholds and jurisdictions.",
            f"Carry on with: policygen wizard --answers {out} --out {out}",
        ]
        write_atomic(out, dump_answers(data, header + [f"{OPEN_MARK} {path}" for path in open_lists]).encode("utf-8"))
        return
    write_answers(out, answers)


def _ask_country(ask: Ask) -> str | None:
    from generator.answers.parts import Business

    question = question_for("business.country", "country", Business.model_fields["country"], "business")
    return _checked(ask, question, None) or None


def _checked(ask: Ask, question: Question, default: Any) -> Any:
    """An answer asked until it is acceptable (a scripted asker that gives a wrong one fails at once)."""
    answer = ask(question, default)
    problem = question.check(answer)
    if problem:
        raise UsageError(f"{question.path}: {problem}")
    return question.convert(answer)
