"""Which clauses of the library cover which requirements of the catalogue, for every regime.

This is the library-wide view of the compliance check: it does not look at any
answers. It finds requirements no clause covers (a gap no answer could close),
`covers` ids that name no requirement, and it writes `docs/jurisdictions.md`:

    python -m generator.docsgen.coverage docs/jurisdictions.md
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from generator.library.clauses import Library, load_library
from generator.library.requirements import Exemption, Regime, Requirement, load_law_pack, load_requirements
from generator.templating.filters import escape_markdown, format_date


@dataclass(frozen=True)
class CoverageRow:
    """One requirement and the library clauses that declare they cover it."""

    regime: Regime
    requirement_id: str
    citation: str
    description: str
    applies_when: str
    clauses: tuple[str, ...]
    answers: tuple[str, ...] = ()
    not_applicable: tuple[Exemption, ...] = ()
    requirement: Requirement | None = None


def coverage_rows(library: Library | None = None, regimes: tuple[Regime, ...] | None = None) -> list[CoverageRow]:
    """Every requirement of the catalogue, in catalogue order, with the clause ids that cover it."""
    library = library or load_library()
    regimes = regimes if regimes is not None else load_requirements()
    covered_by: dict[str, list[str]] = {}
    for clause in library.clauses:
        for requirement_id in clause.meta.covers:
            covered_by.setdefault(requirement_id, []).append(clause.id)
    return [
        CoverageRow(regime, r.id, r.citation, r.description, r.applies_when, tuple(covered_by.get(r.id, ())), r.answers, r.not_applicable, r)
        for regime in regimes
        for r in regime.requirements
    ]


def uncovered_requirements(library: Library | None = None, regimes: tuple[Regime, ...] | None = None) -> list[str]:
    """Requirement ids that no clause in the library covers."""
    return [row.requirement_id for row in coverage_rows(library, regimes) if not row.clauses]


def unknown_covers(library: Library | None = None, regimes: tuple[Regime, ...] | None = None) -> list[str]:
    """`clause-id: requirement-id` for every `covers` entry that names no requirement in the catalogue."""
    library = library or load_library()
    regimes = regimes if regimes is not None else load_requirements()
    known = {r.id for regime in regimes for r in regime.requirements}
    return [f"{clause.id}: {requirement_id}" for clause in library.clauses for requirement_id in clause.meta.covers if requirement_id not in known]


def _cell(value: str) -> str:
    return str(escape_markdown(value))


def _in_force(entry: Regime | Requirement) -> str:
    """'13 May 2027 (source)', and 'until ...' where it ends; 'not recorded' for a regime without a start."""
    if entry.applies_from is None:
        return "not recorded"
    text = f"{format_date(entry.applies_from)} ({_cell(str(entry.applies_from_source))})"
    if entry.until is not None:
        text += f"; until {format_date(entry.until)} ({_cell(str(entry.until_source))})"
    return text


def _own_dates(row: CoverageRow) -> str:
    """A requirement's dates where they differ from its regime's, else empty."""
    requirement = row.requirement
    if requirement is None or (requirement.applies_from, requirement.until) == (row.regime.applies_from, row.regime.until):
        return ""
    return _in_force(requirement)


def coverage_markdown(library: Library | None = None, regimes: tuple[Regime, ...] | None = None) -> str:
    """The text of `docs/jurisdictions.md`: per regime, each requirement and the clauses that cover it."""
    regimes = regimes if regimes is not None else load_requirements()
    rows = coverage_rows(library, regimes)
    lines = [
        "# Jurisdictions and what each law requires",
        "",
        "> Generated from `clauses/requirements/*.yaml` and the clauses' `covers` lists; do not edit by hand.",
        "> Regenerate after changing either: `.venv/bin/python -m generator.docsgen.coverage docs/jurisdictions.md`",
        "> (a test fails while this file is stale).",
        "",
        "This tool is not legal advice. The requirement catalogue is our own summary of what each law asks a",
        "privacy notice to say; it may be incomplete or out of date. Have a lawyer check your policy before you rely on it.",
        "",
        f"Law pack {load_law_pack().version}: the law as it stood on {format_date(load_law_pack().date)}. Each law and requirement",
        "applies from the day given (\"in force\"), as of your policy's effective date: before it, the check says",
        "`not applicable: starts <day>`, and `policygen check` lists what starts or ends within 180 days.",
        "",
        "`policygen check answers.yaml` shows, for the laws you choose, which of these requirements apply to your",
        "answers, which clause of your policy covers each, and which answer is missing when one is not covered.",
        "A requirement applies only when its condition holds for your answers; `true` means always.",
        "Where the law lets it not apply because of a fact your answers state (you are established in the EU, nothing",
        "leaves the country, the service is not for children), the check says `not applicable:` and why; a question",
        "left unanswered is never such a reason. \"Met with\" names the answers the covering clauses rest on, the ones",
        "a gap's `missing:` line asks for; \"any policy\" means every policy it applies to covers it.",
        "",
        "| regime | law | jurisdiction | in force | requirements | covered by the library |",
        "|---|---|---|---|---|---|",
    ]
    for regime in regimes:
        own = [row for row in rows if row.regime is regime]
        covered = sum(1 for row in own if row.clauses)
        since = format_date(regime.applies_from) if regime.applies_from else "not recorded"
        if regime.until is not None:
            since += f" to {format_date(regime.until)}"
        lines.append(f"| `{regime.regime}` | {_cell(regime.name)} | {regime.jurisdiction.label} | {since} | {len(own)} | {covered} |")
    for regime in regimes:
        lines += ["", f"## {_cell(regime.name)} (`{regime.regime}`)", ""]
        where = f"Applies when `{regime.jurisdiction.value}` is chosen"
        where += "." if regime.applies_when == "true" else f" and `{regime.applies_when}` holds."
        where += "".join(f" Not applicable when `{e.when}`: {_cell(e.reason)}." for e in regime.not_applicable)
        if regime.authority:
            where += f" Authority: {_cell(regime.authority)}."
        where += f" In force: {_in_force(regime)}."
        lines += [
            where,
            "",
            "| requirement | citation | what the policy must say | in force (if not the law's) | applies when | not applicable when | met with | covered by |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            if row.regime is not regime:
                continue
            clauses = ", ".join(f"`{c}`" for c in row.clauses) or "**no clause**"
            condition = _cell(row.applies_when)
            exempt = "; ".join(f"{_cell(e.when)} ({_cell(e.reason)})" for e in row.not_applicable)
            met = ", ".join(f"`{path}`" for path in row.answers) or "any policy"
            cells = [f"`{row.requirement_id}`", _cell(row.citation), _cell(row.description), _own_dates(row), condition, exempt, met, clauses]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the coverage document to the path given, or print it."""
    args = sys.argv[1:] if argv is None else argv
    text = coverage_markdown()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
