"""Shared test fixtures: paths of the checkout and its examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a property test that finds a new case fails a developer's run, with the
# case printed, never a random CI run); elsewhere each run tries new examples, and the local database replays failures.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def root() -> Path:
    return ROOT
