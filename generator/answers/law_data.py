"""The data files of `clauses/laws/` (what the laws say, with dates and sources), each parsed once a process.

Read by the answers' own checks (which categories India's SPDI Rules count as sensitive) and by the policy context
(`generator/context/laws.py`), so both stages read one parse of the same file.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from generator.answers.source import LOADER
from generator.resources import resource_dir
from generator.templating.cache import read_cached, store_cached
from generator.templating.memo import files_digest


@functools.cache
def law_data(name: str) -> dict[str, Any]:
    """A data file of `clauses/laws/`, parsed (shared: read it, never change it).

    Parsed once and kept in the compile cache (`generator/templating/cache.py`) by the file's bytes, dates and all:
    reading 115 kB of YAML was about 15 ms of every cold build.
    """
    path = resource_dir("clauses") / "laws" / name
    material = b"law data\0" + files_digest("law data", [path]).encode()  # the file's name and bytes (not read again when unchanged)
    cached = read_cached(material, dates=True)
    if isinstance(cached, dict):
        return cached
    data: dict[str, Any] = yaml.load(path.read_bytes(), Loader=LOADER)  # noqa: S506 - the safe loader (CSafeLoader where libyaml is there)
    store_cached(material, data, dates=True)
    return data


def spdi_categories() -> frozenset[str]:
    """The categories SPDI Rules 2011 r.3 count as sensitive personal data (`india_spdi` in clauses/laws/sensitive.yaml)."""
    return frozenset(law_data("sensitive.yaml")["india_spdi"]["categories"])


@functools.cache
def profiling_opt_out_states() -> frozenset[str]:
    """The US states of clauses/laws/us-states.yaml whose law gives a right to opt out of profiling (on some date).

    Va. Code 59.1-577(A)(5)(iii), C.R.S. 6-1-1306(1)(a)(I)(C) and the like: for the wizard, which asks which purposes such
    profiling serves only where one of these laws is chosen.
    """
    states = law_data("us-states.yaml")["states"]
    return frozenset(
        state
        for state, law in states.items()
        if "opt_out_profiling" in [*law["rights"], *(right for change in law.get("rights_added", []) for right in change["rights"])]
    )
