"""The law pack's dates: which requirements are in force on a policy's effective date, and which start or end soon.

Each requirement of the catalogue has the day it starts (`applies_from`) and, where a rule ends, the day it stops (`until`),
each with its source (`clauses/requirements/*.yaml`, a regime's dates being its requirements' defaults). Whether a requirement
applies is a question of the policy's effective date, so a check is the same on every day; what starts or ends within the next
180 days is a question of today, which the caller passes (tests fix it).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from generator.library.requirements import LawPack, Requirement
from generator.templating.filters import format_date

SOON = dt.timedelta(days=180)
"""How far ahead `policygen check` looks for requirements that start or end."""

TODAY = "POLICYGEN_TODAY"
"""An ISO date in this environment variable stands for today (the test suite fixes it, so no test depends on the calendar)."""


def today() -> dt.date:
    """Today, or the day `POLICYGEN_TODAY` gives.

    Raises:
        ValueError: when `POLICYGEN_TODAY` is set but is not an ISO date.
    """
    given = os.environ.get(TODAY)
    return dt.date.fromisoformat(given) if given else dt.date.today()


@dataclass(frozen=True)
class Change:
    """A requirement that starts or ends after the policy's effective date and by 180 days from today."""

    requirement: Requirement
    day: dt.date
    starts: bool
    """True: the requirement starts on `day`; False: it ends then."""

    @property
    def source(self) -> str:
        """The provision or notification that sets the day."""
        return str(self.requirement.applies_from_source if self.starts else self.requirement.until_source)

    def describe(self, today: dt.date) -> str:
        """'starts 13 May 2027', 'started 22 April 2026, after this policy's effective date', 'ends 13 May 2027'."""
        past = self.day <= today
        verb = ("started" if past else "starts") if self.starts else ("ended" if past else "ends")
        return f"{verb} {format_date(self.day)}" + (", after this policy's effective date" if past else "")

    def to_dict(self) -> dict[str, str]:
        """The JSON form: the requirement, the day, whether it starts or ends, and the source."""
        return {"id": self.requirement.id, "citation": self.requirement.citation, "date": self.day.isoformat(),
                "change": "starts" if self.starts else "ends", "source": self.source}  # fmt: skip


def changes(requirements: list[Requirement], effective: dt.date, today: dt.date) -> list[Change]:
    """The requirements (of the laws and conditions that apply) whose start or end falls after `effective` and by today + 180 days.

    A day already past today is listed too: the law moved after the policy took effect, so the policy needs a new version.
    """
    horizon = today + SOON
    found = []
    for requirement in requirements:
        for day, starts in ((requirement.applies_from, True), (requirement.until, False)):
            if day is not None and effective < day <= horizon:
                found.append(Change(requirement, day, starts))
    return sorted(found, key=lambda change: (change.day, change.requirement.id))


def format_changes(source: str, found: list[Change], today: dt.date, *, verbose: bool) -> list[str]:
    """The lines `policygen check` prints for the changes: each requirement (verbose), else one line per day and kind."""
    if not found:
        return []
    lines = [f"{source}: starting or ending within 180 days of {today.isoformat()}:"]
    if verbose:
        lines += [f"  {c.day.isoformat()}  {c.requirement.id} ({c.requirement.citation}): {c.describe(today)} ({c.source})" for c in found]
        return lines
    groups: dict[tuple[dt.date, bool], list[Change]] = {}
    for change in found:
        groups.setdefault((change.day, change.starts), []).append(change)
    for (_day, _starts), group in groups.items():
        count = len(group)
        lines.append(f"  {group[0].day.isoformat()}  {group[0].describe(today)}: {count} requirement{'s' if count != 1 else ''}")
    return lines


def pack_warning(pack: LawPack, effective: dt.date, source: str) -> str | None:
    """One line when the policy takes effect after the law pack's date (the law may have moved since), else None."""
    if effective <= pack.date:
        return None
    return (
        f"{source}: warning: the policy takes effect on {effective.isoformat()}, after law pack {pack.version} "
        f"({pack.date.isoformat()}); laws that changed since are not in this check"
    )
