"""The shared macros (`clauses/macros.jinja`): phrases many clauses say, written once and offered to every clause.

A macro's body is a part of a sentence: Markdown with Jinja, as inside one line of a clause. When
the library loads, each body is checked and converted to HTML once, like a clause's. A clause that
calls shared macros gets their definitions at the start of its templates, in both formats: a macro
then runs in the clause's own context (it sees the answers as the clause does) and in the clause's
own environment, so in a user's clause it runs in the sandbox, within the limits of that clause's
render, exactly as if the clause had defined it itself.

Markdown output is escaped as it is printed, and a macro's result is text already printed (its
values escaped inside it), so in Markdown each shared macro is wrapped by `markdown_macro`, whose
result is marked as Markdown and is not escaped a second time. HTML needs nothing: autoescaping
already marks a macro's result as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, TemplateSyntaxError, meta, nodes
from jinja2.runtime import Macro

from generator.errors import ClauseError
from generator.templating.filters import MarkdownText
from generator.templating.mdconvert import TemplateSourceError, markdown_to_html_template

MACROS_FILE = "macros.jinja"
"""The shared macros' file, in the built-in clause folder."""

MARKDOWN_MACRO = "policygen_markdown_macro"
"""The global, in the Markdown environments, that wraps a shared macro (`markdown_macro`)."""

_DEFINITION = re.compile(r"\{%-?\s*macro\s+([A-Za-z_]\w*)\s*\(([^()]*)\)\s*-?%\}(.*?)\{%-?\s*endmacro\s*-?%\}", re.DOTALL)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_REFUSED = (nodes.Block, nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport, nodes.Macro)


@dataclass(frozen=True)
class SharedMacro:
    """One shared macro: its name, its parameters (as written), its body in each format and the shared macros it calls."""

    name: str
    params: str
    md: str
    html: str
    calls: tuple[str, ...] = ()

    def definition(self, fmt: Literal["md", "html"]) -> str:
        """The macro's definition for a clause's block in format `fmt`."""
        if fmt == "html":
            return f"{{% macro {self.name}({self.params}) %}}{self.html}{{% endmacro %}}"
        return f"{{% macro {self.name}({self.params}) %}}{self.md}{{% endmacro %}}{{% set {self.name} = {MARKDOWN_MACRO}({self.name}) %}}"


def markdown_macro(macro: Any) -> Callable[..., MarkdownText]:
    """`macro` (a Jinja macro), its result marked as Markdown: it was escaped as it was printed inside the macro."""
    if not isinstance(macro, Macro):
        raise TypeError(f"{MARKDOWN_MACRO}() takes a macro, not {type(macro).__name__}")

    def call(*args: Any, **kwargs: Any) -> MarkdownText:
        return MarkdownText(macro(*args, **kwargs))

    return call


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _one_line(body: str, path: Path, line: int, name: str) -> tuple[str, list[str]]:
    """The body on one line: its line breaks dropped, with the indentation after them; a break between two words is a problem."""
    pieces = [(line + number, piece.lstrip()) for number, piece in enumerate(body.split("\n")) if piece.strip()]
    problems = [
        f"{path}:{number}: macro {name}: a line break between two words; break a macro's lines only before or after a tag"
        for (number, before), (_, after) in zip(pieces, pieces[1:], strict=False)
        if not before.endswith("}") and not after.startswith("{")
    ]
    return "".join(piece for _, piece in pieces), problems


def _stray(path: Path, text: str, start: int, end: int) -> list[str]:
    """A problem naming the line of the first text between `start` and `end` that is neither a comment nor blank."""
    gap = _COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), text[start:end])  # offsets kept
    found = re.search(r"\S", gap)
    if found is None:
        return []
    return [f"{path}:{_line(text, start + found.start())}: only macros and {{# comments #}} go in the shared macros' file"]


def _check(env: Environment, source: str, path: Path, line: int, name: str) -> nodes.Template:
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise ClauseError(f"{path}:{line}: macro {name}: template syntax error: {exc.message}") from None
    if next(tree.find_all(_REFUSED), None) is not None:
        raise ClauseError(f"{path}:{line}: macro {name}: a shared macro cannot define macros or blocks or include, import or extend templates")
    return tree


def parse_macros(path: Path, text: str, env: Environment) -> tuple[SharedMacro, ...]:
    """The shared macros of the file `path` (its `text`), each checked with `env` and converted to HTML.

    Raises:
        ClauseError: every problem of the file at once, as `file:line: macro name: message`.
    """
    text = text.replace("\r\n", "\n")
    problems: list[str] = []
    macros: dict[str, SharedMacro] = {}
    position = 0
    for match in _DEFINITION.finditer(text):
        problems += _stray(path, text, position, match.start())
        position = match.end()
        name, params, body = match.group(1), match.group(2).strip(), match.group(3)
        line = _line(text, match.start(3)) + body.startswith("\n")  # the body's first line
        if name in macros:
            problems.append(f"{path}:{line}: macro {name}: defined twice")
        source, broken = _one_line(body.strip("\n"), path, line, name)
        problems += broken
        try:
            tree = _check(env, source, path, line, name)
            html = markdown_to_html_template(source)
        except ClauseError as exc:
            problems.extend(exc.messages)
            continue
        except TemplateSourceError as exc:
            problems.append(f"{path}:{line}: macro {name}: {exc}")
            continue
        if not (html.startswith("<p>") and html.endswith("</p>") and "<p>" not in html[3:]):
            problems.append(f"{path}:{line}: macro {name}: a shared macro is part of a sentence, not paragraphs, a list or a table")
            continue
        calls = meta.find_undeclared_variables(tree) & set(macros)
        macros[name] = SharedMacro(name=name, params=params, md=source, html=html[3:-4], calls=tuple(sorted(calls)))
    problems += _stray(path, text, position, len(text))
    if problems:
        raise ClauseError(problems)
    return tuple(macros.values())


def called(tree: nodes.Template, macros: Iterable[SharedMacro]) -> tuple[str, ...]:
    """The shared macros a clause (its parsed `tree`) calls: those of its names it does not define itself."""
    return tuple(sorted(meta.find_undeclared_variables(tree) & {m.name for m in macros}))


def prelude(names: Iterable[str], macros: Mapping[str, SharedMacro], fmt: Literal["md", "html"]) -> str:
    """What a clause's template in `fmt` starts with when it calls the shared macros `names`: their definitions and those they call, in file order."""
    needed: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name not in needed:
            needed.add(name)
            waiting.extend(macros[name].calls)
    return "".join(macro.definition(fmt) for name, macro in macros.items() if name in needed)
