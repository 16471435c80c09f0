"""What claim checks need to know of a negotiation: a small protocol, kept apart from the model.

Text analysis needs only the parties (names and aliases), the framework's parts
(titles, option texts, aliases) and, as of a date, how far each part has got. Keeping
that behind :class:`NegotiationView` lets extraction and verdicts be tested on small
hand-made records, and lets the adapter in :mod:`accords.text._adapter` map the
record layer's state onto it in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from accords.text._figures import Figure

__all__ = ["Figure", "NegotiationView", "PartRecord", "PartRef", "PartyRef", "RecordView", "Stance"]


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A party as text sees it: an id, a display name, and the other names it goes by."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PartRef:
    """A part of the framework: the words that name it or its options in news text.

    A numeric part (``figure`` set) is a term of the talks, such as "months to full
    withdrawal": text bears on it when it states such a figure ("within 14 months"),
    not when it merely speaks of withdrawal, which is the labelled part's business.
    """

    id: str
    title: str
    options: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    figure: Figure | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    """One party's position on a part: ``supports``/``accepts``/``reserves``/``rejects``."""

    party: str
    stance: str
    option: str | None = None
    level: str | None = None
    on: date | None = None

    @property
    def backs(self) -> bool:
        """Whether the party backs the part (``supports`` or ``accepts``)."""
        return self.stance in ("supports", "accepts")


@dataclass(frozen=True, slots=True)
class PartRecord:
    """One part as of a date: its derived status, the option concerned, the stances."""

    part: str
    status: str = "open"
    option: str | None = None
    since: date | None = None
    stances: tuple[Stance, ...] = ()
    proposed_by: tuple[str, ...] = ()

    def supporters(self) -> list[Stance]:
        """The stances that back the part, on the option concerned where there is one."""
        return [
            s
            for s in self.stances
            if s.backs and (self.option is None or s.option in (None, self.option))
        ]

    def stance_of(self, party: str | None) -> Stance | None:
        """The party's last stance on the part (none for no party named)."""
        if party is None:
            return None
        mine = [s for s in self.stances if s.party == party]
        return mine[-1] if mine else None


@dataclass(frozen=True, slots=True)
class RecordView:
    """The record as of a date: enough to judge a claim made on that date."""

    as_of: date | None
    events: int
    parts: Mapping[str, PartRecord] = field(default_factory=dict)
    package: str = "not-agreed"
    package_on: date | None = None
    framework_accepted: Mapping[str, date | None] = field(default_factory=dict)
    framework_rejected: Mapping[str, date | None] = field(default_factory=dict)


class NegotiationView(Protocol):
    """A negotiation seen from text analysis: who, what, and the record at a date."""

    @property
    def id(self) -> str: ...

    @property
    def parties(self) -> Sequence[PartyRef]: ...

    @property
    def parts(self) -> Sequence[PartRef]: ...

    def as_of(self, when: date | None) -> RecordView:
        """The record up to and including ``when`` (the whole record when ``None``)."""
        ...
