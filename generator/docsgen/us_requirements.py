"""The US states' requirement files, written from one shared model and a table of what differs per state.

`clauses/laws/us-states.yaml` describes each notice item the state laws share once (`elements`) and, per state, which items its
law has, with its citations (`states.<state>.requirements`), and its own items in full. This module turns that into the regime
files `clauses/requirements/us_<xx>.yaml` the requirement catalogue loads, so the catalogue, the check and `docs/jurisdictions.md`
see each state as any other law. Run `python -m generator.docsgen.us_requirements` after changing the table (a test fails while a
file is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from generator.context.laws import US_STATE_MODEL, US_STATES
from generator.resources import resource_dir

_HEADER = "# Generated from clauses/laws/us-states.yaml by `python -m generator.docsgen.us_requirements`; do not edit by hand."


def _fill(value: Any, state: str, definition: str) -> Any:
    """A shared element's value with `{state}` and `{definition}` put in (strings inside lists and mappings too)."""
    if isinstance(value, str):
        return value.replace("{state}", state).replace("{definition}", definition)
    if isinstance(value, list):
        return [_fill(item, state, definition) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, state, definition) for key, item in value.items()}
    return value


_ORDER = ("id", "description", "citation", "applies_when", "needs", "answers", "met_when", "verified", "not_applicable")


_SIGNAL_ITEMS = ("universal_opt_out", "uoom_explanation")
"""The items of honouring opt-out signals: they apply only from the day the state's law requires it (`universal_opt_out.from`),
where that is later than the day the law itself took effect."""


def requirement(state: str, name: str, entry: dict[str, Any]) -> dict[str, Any]:
    """One requirement of a state: its shared element (when `name` is one) with the state's entry over it, in the file's key order."""
    law = US_STATES[state]
    shared = _fill(US_STATE_MODEL["elements"].get(name, {}), state, law["definition"])
    merged = {"id": f"{law['regime']}.{name}", **shared, **entry}
    withdrawal = law.get("consent_withdrawal")
    if name == "sensitive_data_consent" and withdrawal:
        # The law asks for a way to withdraw consent (Conn. Gen. Stat. 42-520(a)(6), ORS 646A.578(1)(d) and others): the policy says how.
        merged["citation"] = f"{merged['citation']}; {withdrawal['citation']}"
        merged["needs"] = f"{merged['needs']}, and give requests.consent_withdrawal: how people withdraw that consent"
        merged["answers"] = [*merged["answers"], "requests.consent_withdrawal"]
        merged["met_when"] = f"{merged['met_when']} and requests.consent_withdrawal"
        merged["verified"] = merged.get("verified", False) and withdrawal["verified"]
    start = (law["universal_opt_out"] or {}).get("from")
    if name in _SIGNAL_ITEMS and start and start > law["applies_from"]:
        merged["applies_when"] = f"({merged['applies_when']}) and policy_date >= '{start.isoformat()}'"
        merged["not_applicable"] = [
            *merged.get("not_applicable", []),
            {"when": f"policy_date < '{start.isoformat()}'", "reason": f"the state's law requires honouring opt-out signals from {start.isoformat()}"},
        ]
    return {key: merged[key] for key in _ORDER if key in merged}


def regime_document(state: str) -> dict[str, Any]:
    """The regime file of one state, as data in the order `clauses/requirements/*.yaml` writes it."""
    law = US_STATES[state]
    return {
        "regime": law["regime"],
        "name": law["name"],
        "jurisdiction": state,
        "applies_from": law["applies_from"],
        "applies_from_source": law["applies_from_source"],
        **US_STATE_MODEL["regime"],
        "authority": law["authority"],
        "requirements": [requirement(state, name, entry) for name, entry in law["requirements"].items()],
    }


def regime_text(state: str) -> str:
    """The regime file of one state: its notes and the shared notes as comments, then the YAML (its effective date among it)."""
    law = US_STATES[state]
    notes = [*law["notes"].rstrip("\n").split("\n"), "", *US_STATE_MODEL["shared_notes"].rstrip("\n").split("\n")]
    comments = [_HEADER, "#", *(f"# {line}".rstrip() for line in notes)]
    body = yaml.safe_dump(regime_document(state), sort_keys=False, allow_unicode=True, width=1000)
    return "\n".join(comments) + "\n" + body


def file_name(state: str) -> str:
    """The name of a state's regime file: `us_va.yaml`."""
    return f"{US_STATES[state]['regime']}.yaml"


def stale_files(folder: Path | None = None) -> list[str]:
    """The state regime files in `folder` that differ from what the table gives (missing ones too)."""
    folder = folder or resource_dir("clauses") / "requirements"
    return [file_name(state) for state in US_STATES if _read(folder / file_name(state)) != regime_text(state)]


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def write_files(folder: Path | None = None) -> list[str]:
    """Write every state's regime file into `folder` (the built-in requirement catalogue by default); the names written."""
    folder = folder or resource_dir("clauses") / "requirements"
    written = []
    for state in US_STATES:
        path = folder / file_name(state)
        if _read(path) != (text := regime_text(state)):
            path.write_text(text, encoding="utf-8")
            written.append(path.name)
    return written


def main() -> int:
    """Write the files and say which changed."""
    for name in write_files():
        sys.stdout.write(f"wrote clauses/requirements/{name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
