"""The claims ledger for people: the annotated review page (HTML and Markdown) and the `policygen explain` text.

Each needs a policy built with its ledger (`build_policy(..., ledger=True)`): every clause's text
followed by a note of its id, the requirements it `covers`, the answers and catalogue facts it
rests on (`because`), and the defaults it read (`defaults`). The HTML page is autoescaped and
self-contained (its stylesheet inline, no fonts, scripts or links to load).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from generator.errors import UsageError
from generator.export.formats import page_template, stylesheet
from generator.policy import Policy, RenderedClause
from generator.templating.filters import escape_markdown

_INLINE_TAG = re.compile(r"</?(?:a|strong|em|code|span|b|i)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
TEXT_WORDS = 12
"""How many words of a clause's text `policygen explain` shows."""


def _needs_ledger(policy: Policy) -> None:
    if not policy.ledger:
        raise UsageError("the annotated view needs the policy built with its ledger (build_policy(..., ledger=True))")


def _nothing_given(clause: RenderedClause) -> str:
    """What `because` says when it is empty."""
    return "no answer the file gives" if clause.defaults else "no answer (the same text in every policy that includes it)"


def _code(items: tuple[str, ...]) -> str:
    """Ids and paths as Markdown code spans (they hold no backquotes: ids, dotted paths, `[0]`, `catalogue:`)."""
    return ", ".join(f"`{item}`" for item in items)


def to_annotated_markdown(policy: Policy) -> str:
    """The policy's text, each clause followed by a quoted note: its id, what it covers, `because` and `defaults`."""
    _needs_ledger(policy)
    lines = [
        f"# {escape_markdown(policy.title)} (annotated for review)",
        "",
        "*Annotated for review, not for publishing. After each clause, a note names the clause, the legal requirements it covers,"
        " and the answers it rests on: paths in the answer file (counted from 0) and facts of the services catalogue (`catalogue:`)."
        " A default is a value the answer file does not give; a default the text relies on is listed as one.*",
    ]
    for section in policy.sections:
        lines += ["", f"## {section.number}. {escape_markdown(section.title)}" if section.number is not None else f"## {escape_markdown(section.title)}"]
        for clause in section.clauses:
            note = [f"> {_code((clause.id,))}" + (f" covers {_code(clause.covers)}" if clause.covers else "")]
            note.append(f"> because: {_code(clause.because)}" if clause.because else f"> because: {_nothing_given(clause)}")
            if clause.defaults:
                note.append(f"> **defaults, not answered:** {_code(clause.defaults)}")
            lines += ["", clause.markdown, "", "  \n".join(note)]
    return "\n".join(lines) + "\n"


def to_annotated_html(policy: Policy) -> str:
    """A standalone HTML page of the policy, each clause followed by its note (see `to_annotated_markdown`)."""
    _needs_ledger(policy)
    sections = [(section, [(clause, Markup(clause.html)) for clause in section.clauses]) for section in policy.sections]
    css = Markup(stylesheet("page.css") + stylesheet() + stylesheet("annotated.css"))
    return page_template("annotated.html.j2").render(policy=policy, sections=sections, stylesheet=css).strip() + "\n"


def first_words(clause: RenderedClause, count: int = TEXT_WORDS) -> str:
    """The first `count` words of the clause's text as a reader sees it, with '...' when there are more."""
    words = html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", clause.html))).split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def explain_lines(policy: Policy) -> list[str]:
    """Per section, per clause: its id and what it covers, the answers it rests on, the defaults it read, and its first words."""
    _needs_ledger(policy)
    lines = [f"{policy.title}, {sum(len(section.clauses) for section in policy.sections)} clauses"]
    for section in policy.sections:
        lines += ["", section.heading]
        for clause in section.clauses:
            lines.append(f"  {clause.id}" + (f" (covers {', '.join(clause.covers)})" if clause.covers else ""))
            lines.append(f"    because: {', '.join(clause.because)}" if clause.because else f"    because: {_nothing_given(clause)}")
            if clause.defaults:
                lines.append(f"    defaults, not answered: {', '.join(clause.defaults)}")
            lines.append(f"    text: {first_words(clause)}")
    return lines
