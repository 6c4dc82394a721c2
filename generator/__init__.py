"""Privacy-policy generator: answers in, a complete and checked privacy policy out.

The public API, for website builds and tools:

    >>> from generator import load_answers, build_policy, to_markdown
    >>> policy = build_policy(load_answers("examples/online-shop.yaml"))  # doctest: +SKIP
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
    "build_policy",
    "check_policy",
    "load_answers",
    "to_html",
    "to_json",
    "to_markdown",
]

if TYPE_CHECKING:
    from generator.answers import Answers, load_answers
    from generator.check import Report, check_policy
    from generator.errors import PolicyGenError
    from generator.export import to_html, to_json, to_markdown
    from generator.policy import Policy
    from generator.render import build_policy

_WHERE = {
    "Answers": "generator.answers",
    "load_answers": "generator.answers",
    "Report": "generator.check",
    "check_policy": "generator.check",
    "PolicyGenError": "generator.errors",
    "to_html": "generator.export",
    "to_json": "generator.export",
    "to_markdown": "generator.export",
    "Policy": "generator.policy",
    "build_policy": "generator.render",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, so `policygen --help` starts fast."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
