"""Golden files: the exact Markdown, HTML and JSON each shipped example produces.

After an intended change to clauses or templates, run `make golden` (or
`UPDATE_GOLDEN=1 pytest tests/test_golden.py`) and review the diff in git.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, ExampleBuild

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# Each golden format and the attribute of the shared build (conftest.py's `examples`) that holds its text.
EXPORTS = {"md": "markdown", "html": "html", "json": "json"}


def test_every_example_has_golden_files() -> None:
    assert EXAMPLES, "examples/ holds no answer files"
    if UPDATE:
        return
    missing = [f"{e.stem}/privacy-policy.{fmt}" for e in EXAMPLES for fmt in EXPORTS if not (GOLDEN / e.stem / f"privacy-policy.{fmt}").exists()]
    assert not missing, f"missing golden files (run `make golden`): {missing}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_example_matches_golden(example: Path, fmt: str, examples: Mapping[str, ExampleBuild]) -> None:
    text: str = getattr(examples[example.stem], EXPORTS[fmt])
    golden = GOLDEN / example.stem / f"privacy-policy.{fmt}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    assert golden.exists(), f"no golden file {golden.relative_to(ROOT)}; run `make golden`"
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{example.name} renders differently from {golden.relative_to(ROOT)}; if intended, run `make golden` and review the diff"
