"""Privacy-policy generator: answers in, a complete and checked privacy policy out.

The public API, for website builds and tools (see docs/api.md):

    >>> from generator import load_answers, build_policy, to_markdown
    >>> policy = build_policy(load_answers("examples/demo-bakery.yaml"))  # doctest: +SKIP
    >>> to_markdown(policy)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "Policy",
    "PolicyGenError",
    "Report",
    "answers_from_dict",
    "build_policy",
    "check_policy",
    "export_policy",
    "load_answers",
    "load_answers_text",
    "to_html",
    "to_json",
    "to_markdown",
]

if TYPE_CHECKING:
    from generator.answers.load import answers_from_dict, load_answers, load_answers_text
    from generator.answers.model import Answers
    from generator.check import Report, check_policy
    from generator.errors import PolicyGenError
    from generator.export.formats import to_html, to_json, to_markdown
    from generator.export.write import export as export_policy
    from generator.policy import Policy
    from generator.render import build_policy

_WHERE = {
    "Answers": "generator.answers.model",
    "answers_from_dict": "generator.answers.load",
    "load_answers": "generator.answers.load",
    "load_answers_text": "generator.answers.load",
    "Report": "generator.check",
    "check_policy": "generator.check",
    "PolicyGenError": "generator.errors",
    "export_policy": "generator.export.write:export",
    "to_html": "generator.export.formats",
    "to_json": "generator.export.formats",
    "to_markdown": "generator.export.formats",
    "Policy": "generator.policy",
    "build_policy": "generator.render",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, so `policygen --help` starts fast."""
    if name in _WHERE:
        import importlib

        module, _, attribute = _WHERE[name].partition(":")
        return getattr(importlib.import_module(module), attribute or name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
