"""Privacy-policy generator: answers in, a complete and checked privacy policy out.

The public API, for website builds and tools (see docs/api.md):

    >>> import generator
    >>> result = generator.run("examples/demo-bakery.yaml", formats=["md"])  # doctest: +SKIP
    >>> result.text("md")  # doctest: +SKIP

Every name is imported on first use, so `import generator` (and `policygen --help`) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "GapsError",
    "Policy",
    "PolicyGenError",
    "Report",
    "Result",
    "answers_from_dict",
    "build_policy",
    "check_policy",
    "export_policy",
    "load_answers",
    "load_answers_text",
    "load_library",
    "run",
]

if TYPE_CHECKING:
    from generator.answers.model import Answers
    from generator.check import Report
    from generator.errors import GapsError, PolicyGenError
    from generator.pipeline import (
        Result,
        answers_from_dict,
        build_policy,
        check_policy,
        load_answers,
        load_answers_text,
        load_library,
        run,
    )
    from generator.pipeline import export as export_policy
    from generator.policy import Policy

_WHERE = {
    "Answers": "generator.answers.model",
    "Report": "generator.check",
    "GapsError": "generator.errors",
    "PolicyGenError": "generator.errors",
    "Policy": "generator.policy",
    "Result": "generator.pipeline",
    "answers_from_dict": "generator.pipeline",
    "build_policy": "generator.pipeline",
    "check_policy": "generator.pipeline",
    "export_policy": "generator.pipeline:export",
    "load_answers": "generator.pipeline",
    "load_answers_text": "generator.pipeline",
    "load_library": "generator.pipeline",
    "run": "generator.pipeline",
}

_DEPRECATED = {
    "to_markdown": ("md", "export_policy(policy, 'md').decode('utf-8')"),
    "to_html": ("html", "export_policy(policy, 'html').decode('utf-8'), or 'fragment' for fragment=True"),
    "to_json": ("json", "export_policy(policy, 'json').decode('utf-8')"),
}
"""Names kept working for code written against version 0.1's API; each warns and says what replaces it."""


def __getattr__(name: str) -> Any:
    """Import the public names lazily, so `policygen --help` starts fast."""
    import importlib

    if name in _WHERE:
        module, _, attribute = _WHERE[name].partition(":")
        return getattr(importlib.import_module(module), attribute or name)
    if name in _DEPRECATED:
        import warnings

        fmt, instead = _DEPRECATED[name]
        warnings.warn(
            f"generator.{name} is deprecated and will be removed; use {instead}, or run(..., formats=[{fmt!r}]).text({fmt!r})",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module("generator.export.formats"), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
