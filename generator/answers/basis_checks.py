"""The checks of legal bases that one law alone has or bars: UK GDPR Art. 6(1)(ea) and the public-authority exclusion.

Each reads the answers as attributes and returns its contradictions, each at its answer's line; `generator.answers.consistency`
lists them with the parts they read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.answers.contradiction import Contradiction

RECOGNISED = "recognised-legitimate-interest"
RECOGNISED_FROM = dt.date(2026, 2, 5)
"""The day UK GDPR Art. 6(1)(ea) came into force: DUAA 2025 s.70, by SI 2026/82 reg. 2(c)."""

_OTHER_READERS = {"eu": "the EU's GDPR", "brazil": "Brazil's LGPD"}
"""The other laws chosen whose readers read the same legal bases (the legal-bases section is theirs too), none of which has point (ea)."""


def recognised_interest_readers(answers: Any) -> list[str]:
    """A recognised legitimate interest (UK GDPR Art. 6(1)(ea), Annex 1) given where a reader's law has no such basis.

    DUAA 2025 s.70 inserts point (ea) into the UK GDPR alone: the GDPR (Art. 6(1)) and the LGPD (Art. 7) have no such basis, and
    the policy's legal bases are read by the readers of every one of those laws chosen. So the basis is accepted only where the UK
    is chosen, neither the EU nor Brazil is, and the policy takes effect once point (ea) is in force (5 February 2026).
    """
    chosen = {str(j.value) for j in answers.jurisdictions}
    others = [words for place, words in _OTHER_READERS.items() if place in chosen]
    leave = " and ".join(repr(place) for place in _OTHER_READERS if place in chosen)
    found: list[str] = []
    for index, detail in enumerate(answers.purposes):
        if detail.legal_basis == RECOGNISED:
            path: tuple[str | int, ...] = ("purposes", index, "legal_basis")
        elif RECOGNISED in detail.other_bases:
            path = ("purposes", index, "other_bases", detail.other_bases.index(RECOGNISED))
        else:
            continue
        said = "is recognised-legitimate-interest, a basis of the UK GDPR alone (Art. 6(1)(ea), Data (Use and Access) Act 2025 s.70)"
        if "uk" not in chosen:
            found.append(Contradiction(path, f"{said}, and 'uk' is not among your jurisdictions: add it, or give the basis you rely on"))
        elif others:
            found.append(Contradiction(path, (
                f"{said}; {' and '.join(others)} {'has' if len(others) == 1 else 'have'} no such basis, and those readers read the same "
                "legal bases: give one every chosen law accepts, e.g. legitimate-interests (which needs your balancing test and "
                f"says the interest under 'detail'), or leave {leave} out of jurisdictions"
            )))
        elif answers.policy.effective_date < RECOGNISED_FROM:
            found.append(Contradiction(path, (
                f"{said}, in force from 5 February 2026 (SI 2026/82 reg. 2(c)); your policy.effective_date is "
                f"{answers.policy.effective_date.isoformat()}: give the basis you relied on then, or a later effective date"
            )))
    return found


_INTEREST_WORDS = {
    "legitimate-interests": "legitimate-interests (point (f))",
    RECOGNISED: "recognised-legitimate-interest (point (ea))",
}


def public_authority_bases(answers: Any) -> list[str]:
    """An interest basis a public authority gives for its tasks, where a reader's law bars it.

    GDPR Art. 6(1), the words after point (f): "Point (f) of the first subparagraph shall not apply to processing carried out by
    public authorities in the performance of their tasks"; the UK GDPR's, as the Data (Use and Access) Act 2025 s.70 amends them,
    say "Points (ea) and (f)". For UK GDPR purposes a body is a public authority only when performing a task in the public interest
    or in the exercise of its official authority (DPA 2018 s.7(2)), so the owner of a public authority says, for each purpose on
    one of those bases, that it is not one of its tasks (`public_authority_task: false`); anything else is refused at the basis.
    """
    chosen = {str(j.value) for j in answers.jurisdictions}
    public = answers.business.public_authority is True
    laws = {"uk": "the UK GDPR", "eu": "the GDPR"}
    found: list[str] = []
    for index, detail in enumerate(answers.purposes):
        if detail.public_authority_task is not None and not public:
            found.append(Contradiction(("purposes", index, "public_authority_task"), (
                "says whether this purpose is one of your tasks as a public authority, but business.public_authority is not true: "
                "answer business.public_authority: true, or leave public_authority_task out"
            )))
        if not public or detail.public_authority_task is False:
            continue
        for basis in _INTEREST_WORDS:
            barring = [words for place, words in laws.items() if place in chosen and (basis != RECOGNISED or place == "uk")]
            if not barring:
                continue
            if detail.legal_basis == basis:
                path: tuple[str | int, ...] = ("purposes", index, "legal_basis")
            elif basis in detail.other_bases:
                path = ("purposes", index, "other_bases", detail.other_bases.index(basis))
            else:
                continue
            task = (
                "public_authority_task says this purpose is one of your tasks as a public authority"
                if detail.public_authority_task else "public_authority_task does not say this purpose is not one of your tasks"
            )
            found.append(Contradiction(path, (
                f"is {_INTEREST_WORDS[basis]}, business.public_authority is true and {task}; {' and '.join(barring)} "
                f"(Art. 6(1), the words after point (f)) {'bars' if len(barring) == 1 else 'bar'} this basis for processing by public "
                "authorities in the performance of their tasks: give public-task (or another basis) for it, or, if the purpose is not "
                "one of your tasks as a public authority, say public_authority_task: false"
            )))
    return found
