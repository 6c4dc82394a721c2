"""Generated reference pages in docs/ must match the data they come from."""

from __future__ import annotations

import pytest
from conftest import ROOT

from generator.docsgen.reference import PAGES


@pytest.mark.parametrize("name", sorted(PAGES))
def test_reference_page_is_current(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), f"docs/{name} is stale; run `python -m generator.docsgen.reference`"
