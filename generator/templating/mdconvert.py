"""Markdown converted once: a clause's Markdown with Jinja placeholders becomes an HTML template.

When the library loads, the Jinja constructs of a clause body are protected as
inert tokens, Python-Markdown converts the rest once, and the tokens are put
back, so the HTML template has the same placeholders as the Markdown one.
Block statements must line up with the HTML structure; `markdown_to_html_template`
checks that and says how to fix a clause when they do not.
"""

from __future__ import annotations

import re

from generator.templating.filters import BLOCK_FILTERS

_TRAILING_TAG = re.compile(r"^(.*\S.*?)(\{%-?[^\n]*?)-?%\}[ \t]*$", re.MULTILINE)


def keep_line_breaks(source: str) -> str:
    """Stop `trim_blocks` from eating the line break after a block tag that ends a line of text.

    A tag alone on its line still vanishes with its line break; a tag that ends
    a sentence (`...{% endif %}`) keeps the paragraph break that follows it.
    """

    def mark(match: re.Match[str]) -> str:
        before, tag = match.group(1), match.group(2)
        if not before.strip() or before.rstrip().endswith("%}") and not _JINJA.sub("", before).strip():
            return match.group(0)
        return f"{before}{tag}+%}}"

    return _TRAILING_TAG.sub(mark, source)


# Converting a clause's Markdown to an HTML template once.

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TOKEN = re.compile(r"JJ([BIE])(\d+)JJ")
_OPENERS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall", "filter": "endfilter", "set": "endset", "with": "endwith"}
_MIDDLES = {"else", "elif"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}
_MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "attr_list"]


class TemplateSourceError(ValueError):
    """A clause's Markdown and Jinja do not combine into a valid HTML template."""


def _statement_word(tag: str) -> str:
    inner = tag.strip("{%-+ \n\t}")
    return inner.split(None, 1)[0] if inner else ""


def _is_block_expression(expr: str) -> bool:
    return any(re.search(rf"\|\s*{name}\b", expr) for name in BLOCK_FILTERS)


def markdown_to_html_template(source: str) -> str:
    """Convert Markdown with Jinja2 placeholders into an HTML template with the same placeholders.

    Raises:
        TemplateSourceError: when a block statement would cut across the HTML structure.
    """
    originals: list[str] = []
    kinds: list[str] = []

    def protect(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("{#"):
            return ""
        line_start = source.rfind("\n", 0, match.start()) + 1
        line_end = source.find("\n", match.end())
        line_end = len(source) if line_end == -1 else line_end
        alone = not source[line_start : match.start()].strip() and not source[match.end() : line_end].strip()
        statement = text.startswith("{%")
        kind = "B" if alone and (statement or _is_block_expression(text)) else ("I" if statement else "E")
        originals.append(text)
        kinds.append(kind)
        token = f"JJ{kind}{len(originals) - 1}JJ"
        return f"\n\n{token}\n\n" if kind == "B" else token

    import markdown  # only when a clause is compiled, not when the compiled cache has it (about 12 ms of a cold start)

    protected = _JINJA.sub(protect, source)
    html = markdown.markdown(protected, extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    html = re.sub(r"<p>\s*(JJB\d+JJ)\s*</p>", r"\1", html)
    html = _merge_lists(html)
    _check_blocks(html, originals)
    return _TOKEN.sub(lambda m: originals[int(m.group(2))], html)


def _merge_lists(html: str) -> str:
    """Lift loop tokens into the list they repeat, and join lists split only by block tokens."""
    tokens = r"(?:\s*JJB\d+JJ)+\s*"
    previous = None
    while previous != html:
        previous = html
        html = re.sub(r"(JJB\d+JJ)\s*<(ul|ol)>\n((?:(?!</?\2>).)*?)</\2>\s*(JJB\d+JJ)", r"<\2>\n\1\3\4</\2>", html, flags=re.DOTALL)
        html = re.sub(rf"</(ul|ol)>({tokens})<\1>", r"\2", html)
        html = re.sub(r"</(ul|ol)>\s*<\1>", "", html)
    return html


def _check_blocks(html: str, originals: list[str]) -> None:
    """Check that each block statement's parts enclose balanced HTML."""
    segments: list[list[str]] = [[]]
    stack: list[tuple[str, list[str]]] = []
    position = 0
    for match in _TOKEN.finditer(html):
        _collect_tags(html[position : match.start()], segments[-1])
        position = match.end()
        if match.group(1) == "E":
            continue
        text = originals[int(match.group(2))]
        word = _statement_word(text)
        if word in _OPENERS and not (word == "set" and "=" in text):
            stack.append((word, segments[-1]))
            segments.append([])
        elif word in _MIDDLES or word.startswith("end"):
            if not stack:
                raise TemplateSourceError(f"'{text}' has no opening statement")
            _require_balanced(segments[-1], text)
            if word in _MIDDLES:
                segments[-1] = []
            else:
                segments.pop()
                stack.pop()
    _collect_tags(html[position:], segments[-1])


def _collect_tags(html: str, stack: list[str]) -> None:
    for closing, name in re.findall(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>", html):
        name = name.lower()
        if name in _VOID:
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            stack.append("/" + name)


def _require_balanced(tags: list[str], statement: str) -> None:
    if tags:
        raise TemplateSourceError(
            f"the Markdown inside the block ending at '{statement}' does not form whole HTML elements "
            f"(unbalanced: {', '.join(tags)}); put block statements on their own lines, with blank lines around "
            "paragraphs, and repeat list items with a loop directly around the '- ' lines or the 'bullets' filter"
        )
