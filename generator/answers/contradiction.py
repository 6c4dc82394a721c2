"""A contradiction between answers, or between answers and a law chosen: the message, and the answer it belongs to.

The checks across parts of the answers (`generator.answers.consistency` and the modules of one law's checks it gathers) return
their problems as these; the model raises them together as `Contradictions`, and the loader reports each at its answer's line.
"""

from __future__ import annotations

from typing import Any


class Contradiction(str):
    """A contradiction's message that belongs to one answer: reported at that answer's line (`path`), not at the file's."""

    path: tuple[str | int, ...]

    def __new__(cls, path: tuple[str | int, ...], message: str) -> Contradiction:
        """The message, carrying the path of the answer it belongs to."""
        made = super().__new__(cls, message)
        made.path = path
        return made


class Contradictions(ValueError):
    """Every contradiction of the answers: those that are a `Contradiction` of one answer each get a message at its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def has_law(answers: Any, jurisdiction: str) -> bool:
    """Whether `jurisdiction` (its value, such as "maryland") is among the answers' jurisdictions."""
    return any(j.value == jurisdiction for j in answers.jurisdictions)
