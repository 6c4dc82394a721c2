r"""The one exception root of the tool, and the exit codes the CLI maps it to.

Messages echo answer keys and values, which may hold anything: every message is
made printable here, with control and bidirectional characters shown escaped
(`\x1b`, `\u202e`), so no message can clear a terminal, move its cursor or
reorder what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 controls (tab and line breaks included: one message is one line), DEL, C1 controls, the
# Unicode line and paragraph separators, bidirectional embeddings, overrides and isolates, the
# deprecated format controls, the byte-order mark, interlinear annotations and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """Show `text` with every control or bidirectional character escaped, as Python would write it."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def printable_lines(text: str) -> str:
    """`printable` for text of several lines (a report, a summary): the line breaks stay, everything else is escaped."""
    return "\n".join(printable(line) for line in text.split("\n"))


class PolicyGenError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""

    exit_code = 2

    def __init__(self, messages: str | Iterable[str]) -> None:
        """Keep one or more user-facing messages, each made printable (see `printable`)."""
        self.messages = [printable(message) for message in ([messages] if isinstance(messages, str) else messages)]
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
