"""The `Policy`: what rendering produces and every export reads.

Its JSON form is versioned (`schema_version`); `docs/json-output.md` documents the shape.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

SCHEMA_VERSION = 2
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@dataclass(frozen=True, init=False)
class RenderedClause:
    """One clause's text in both formats, with what it covers and (when a ledger was asked for) what it rests on.

    Its `__init__` is written out (the dataclass's own sets each field of a frozen instance with an `object.__setattr__`
    call: with about 50 clauses a policy, that was about 3 % of rendering one); the fields and everything else are the
    dataclass's.
    """

    id: str
    covers: tuple[str, ...]
    markdown: str
    html: str
    because: tuple[str, ...] = ()
    """The answers (dotted paths, `data[0].purposes`) and catalogue facts (`catalogue:stripe.cookies`) its inclusion and text read."""
    defaults: tuple[str, ...] = ()
    """Answers the file does not give whose default value the clause read and used (a default speaking for the owner)."""

    def __init__(self, id: str, covers: tuple[str, ...], markdown: str, html: str, because: tuple[str, ...] = (), defaults: tuple[str, ...] = ()) -> None:
        fields = self.__dict__
        fields["id"], fields["covers"], fields["markdown"], fields["html"] = id, covers, markdown, html
        fields["because"], fields["defaults"] = because, defaults


@dataclass(frozen=True, init=False)
class Section:
    """A numbered section of the policy with a stable anchor (`id`); its `__init__` is written out, as `RenderedClause`'s is."""

    id: str
    number: int | None
    title: str
    clauses: tuple[RenderedClause, ...]

    def __init__(self, id: str, number: int | None, title: str, clauses: tuple[RenderedClause, ...]) -> None:
        fields = self.__dict__
        fields["id"], fields["number"], fields["title"], fields["clauses"] = id, number, title, clauses

    @property
    def heading(self) -> str:
        """The title with its number, e.g. '3. How we use your data'."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title

    @property
    def markdown(self) -> str:
        """The section body in Markdown."""
        return "\n\n".join([clause.markdown for clause in self.clauses])

    @property
    def html(self) -> str:
        """The section body in HTML."""
        return "\n".join([clause.html for clause in self.clauses])


@dataclass(frozen=True)
class Policy:
    """A rendered privacy policy."""

    title: str
    business_name: str
    legal_name: str
    slug: str
    language: str
    effective_date: dt.date
    last_updated: dt.date | None
    """The date the policy was last changed, when the answers give one (`policy.last_updated`)."""
    website: str | None
    jurisdictions: tuple[str, ...]
    sections: tuple[Section, ...]
    law_pack: str = ""
    """The version of the requirement catalogue (law pack) the policy was written against, e.g. "2026.12"."""
    ledger: bool = False
    """Whether each clause carries its claims (`because`, `defaults`): built with `build_policy(..., ledger=True)`."""

    @property
    def covers(self) -> set[str]:
        """Every requirement id some included clause covers."""
        return {req for section in self.sections for clause in section.clauses for req in clause.covers}

    def clause_ids(self) -> list[str]:
        """The ids of the included clauses, in order."""
        return [clause.id for section in self.sections for clause in section.clauses]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the policy; each clause has `because` and `defaults` only when the policy carries its ledger."""
        data = asdict(self)
        data = {"schema_version": SCHEMA_VERSION, **data}
        del data["ledger"]
        data["effective_date"] = self.effective_date.isoformat()
        data["last_updated"] = None if self.last_updated is None else self.last_updated.isoformat()
        for section, source in zip(data["sections"], self.sections, strict=True):
            section["heading"] = source.heading
            for clause in section["clauses"]:
                if self.ledger:
                    clause["because"], clause["defaults"] = list(clause["because"]), list(clause["defaults"])
                else:
                    del clause["because"], clause["defaults"]
        return data


def slugify(name: str) -> str:
    """Make a safe folder name from a business name: lower-case ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if not slug:
        return "policy"
    return f"{slug}-policy" if slug in _RESERVED else slug
