"""The one exception root of the tool, and the exit codes the CLI maps it to."""

from __future__ import annotations

from collections.abc import Iterable


class PolicyGenError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""

    exit_code = 2

    def __init__(self, messages: str | Iterable[str]) -> None:
        """Keep one or more user-facing messages."""
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class AnswerError(PolicyGenError):
    """An answer file cannot be read or does not validate."""


class ClauseError(PolicyGenError):
    """A clause, template or catalogue file of the library is broken."""


class UsageError(PolicyGenError):
    """The command line asks for something that cannot be done."""


class GapsError(PolicyGenError):
    """The policy lacks a disclosure a chosen law requires."""

    exit_code = 1
