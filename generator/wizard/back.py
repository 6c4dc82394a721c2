"""Going back one question: Ctrl-B at any prompt takes back the answer given before it and asks that question again.

The prompt layer raises `GoBack`; the wizard (`generator.wizard.flow`) keeps a `Trail` of the answers it asked for on
their own, takes the last one out of the answers and walks again from its step. Walking a step asks only what is not
answered, so the one question taken back is asked, then the one the owner was at; every other answer stays as it was.
Proposals not yet confirmed on a screen are taken back too and proposed again, so nothing unconfirmed is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

BACK_KEY = "c-b"
"""The key that goes back (prompt_toolkit's name for Ctrl-B)."""


class GoBack(Exception):
    """The owner asked to go back to the previous question."""


@dataclass
class Trail:
    """The answers asked for one at a time, in the order given: each one's step, question and what takes it back.

    Taking back returns whether there was still something to take (a list item may have gone with a changed answer).
    """

    answers: list[tuple[str, str, Callable[[], bool]]] = field(default_factory=list)

    def add(self, step: str, path: str, container: dict[str, Any], name: str) -> None:
        """The answer to the question at `path`, held in a mapping under `name`."""
        self.answers.append((step, path, lambda: container.pop(name, _GONE) is not _GONE))

    def add_entries(self, step: str, path: str, items: list[Any], start: int, count: int, reopen: Callable[[], None]) -> None:
        """Entries `start` to `start + count` of a list (several services typed at once are one answer); the list reopens."""

        def take() -> bool:
            if len(items) < start + count:
                return False
            del items[start : start + count]
            reopen()
            return True

        self.answers.append((step, path, take))

    def take_back(self) -> tuple[str, str] | None:
        """Take the last answer given out of the answers: its step and question, or None when there is nothing before."""
        while self.answers:
            step, path, take = self.answers.pop()
            if take():
                return step, path
        return None


_GONE = object()


def with_back_key(prompt: Any) -> Any:
    """A questionary prompt that Ctrl-B ends by raising GoBack (its own keys work as before)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add(BACK_KEY, eager=True)
    def _back(event: Any) -> None:
        event.app.exit(exception=GoBack(), style="class:aborting")

    application = prompt.application
    application.key_bindings = merge_key_bindings([application.key_bindings, keys]) if application.key_bindings else keys
    return prompt
