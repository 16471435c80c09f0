"""The values a negotiation's state is made of: stances, parts' states, statuses, rounds.

Plain data with no rules: :mod:`accords.model.state` derives statuses from them and
:mod:`accords.model.fold` builds them from events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from accords.model.framework import Level, Part
from accords.model.numeric import Bound

__all__ = [
    "LEVEL_STATUS",
    "PART_STATUSES",
    "SNAPSHOT_VERSION",
    "Agreement",
    "PartState",
    "PartStatus",
    "Round",
    "Stance",
    "StanceKind",
]

SNAPSHOT_VERSION: Final = 3

StanceKind = Literal["supports", "accepts", "reserves", "rejects", "silent"]
Agreement = Literal["not-agreed", "concluded", "initialled", "signed"]

PART_STATUSES: Final = (
    "open",
    "proposed",
    "bracketed",
    "agreed-in-principle",
    "agreed-ad-ref",
    "confirmed",
    "agreed",
    "initialled",
    "signed",
    "deferred",
)
LEVEL_STATUS: Final[dict[str, str]] = {
    "principle": "agreed-in-principle",
    "ad-ref": "agreed-ad-ref",
    "confirmed": "confirmed",
}


@dataclass(frozen=True, slots=True)
class Stance:
    """One party's position on one part: on one option, at a level, with a note.

    On a numeric part ``option`` is a value, and ``bound`` (``at-most``/``at-least``)
    makes the stance admit every value up to or from it.
    """

    kind: StanceKind
    option: str | None = None
    level: Level | None = None
    note: str = ""
    on: date | None = None
    bound: Bound | None = None


@dataclass(frozen=True, slots=True)
class PartStatus:
    """A part's derived status: the word, and the option and backers that earned it."""

    status: str
    option: str | None = None
    level: Level | None = None
    backers: tuple[str, ...] = ()


@dataclass(slots=True)
class PartState:
    """A part with its stances and the options tabled on it."""

    part: Part
    stances: dict[str, Stance] = field(default_factory=dict)
    tabled: dict[str, list[str]] = field(default_factory=dict)
    deferred: bool = False
    reopened_on: date | None = None

    def backed_options(self) -> set[str]:
        """Options that some signatory supports, accepts or accepts with a reservation."""
        sig = self.part.signatories
        return {
            s.option
            for p, s in self.stances.items()
            if p in sig
            and s.option is not None
            and s.bound is None
            and s.kind in ("supports", "accepts", "reserves")
        }

    def on_table(self) -> set[str]:
        return {o for o, who in self.tabled.items() if who} | self.backed_options()


@dataclass(frozen=True, slots=True)
class Round:
    """A round of talks: when, where, who came, who stayed away or refused to meet whom."""

    number: int
    start: date
    end: date | None = None
    venue: str = ""
    attended: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    refusals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The round as plain data: one shape for the CLI's JSON, the API and scenario files."""
        return {
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "venue": self.venue,
            "attended": list(self.attended),
            "absent": list(self.absent),
            "refusals": [{"party": p, "refused_to_meet": list(o)} for p, o in self.refusals],
            "note": self.note,
            "source": self.source,
        }
