"""The record layer's state seen through :class:`~accords.text._record.NegotiationView`.

The one place where text analysis meets :mod:`accords.model`: parties and parts
become the words to look for, and a folded state as of a date becomes the part
statuses, stances and package status that verdicts cite.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from accords.text import _events  # noqa: F401  (the fold must know statement events)
from accords.text._record import Figure, PartRecord, PartRef, PartyRef, RecordView, Stance

if TYPE_CHECKING:
    from accords.application import Record
    from accords.model import State

__all__ = ["RecordNegotiation", "record_view"]


def _parties(state: State) -> list[PartyRef]:
    return [PartyRef(p.id, p.name, tuple(p.aliases)) for p in state.parties.values()]


def _parts(state: State) -> list[PartRef]:
    out: list[PartRef] = []
    for ps in state.parts.values():
        part = ps.part
        rng = part.numeric
        if rng is not None:
            figure = Figure(float(rng.min), float(rng.max), rng.unit)
            out.append(PartRef(part.id, part.title, (part.text,) if part.text else (), (), figure))
            continue
        texts = tuple(t for t in (part.text, *(o.text for o in part.options)) if t)
        out.append(PartRef(part.id, part.title, texts))
    return out


def record_view(state: State, as_of: date | None) -> RecordView:
    """The part statuses, stances and package of ``state``."""
    parts: dict[str, PartRecord] = {}
    for pid, ps in state.parts.items():
        st = state.part_status(pid)
        stances = tuple(
            Stance(party, s.kind, s.option, s.level, s.on) for party, s in ps.stances.items()
        )
        backers = [s.on for p, s in ps.stances.items() if p in st.backers and s.on is not None]
        proposed = tuple(dict.fromkeys(p for who in ps.tabled.values() for p in who))
        parts[pid] = PartRecord(
            pid, st.status, st.option, max(backers) if backers else None, stances, proposed
        )
    return RecordView(
        as_of=as_of,
        events=state.events,
        parts=parts,
        package=state.agreement(),
        package_on=state.concluded_on,
        framework_accepted=dict(state.framework_accepted),
    )


class RecordNegotiation:
    """One negotiation of a :class:`~accords.application.Record`, for reading and checking text."""

    def __init__(self, record: Record, negotiation: str) -> None:
        self.record = record
        self._id = negotiation
        state = record.state(negotiation)
        self._parties = _parties(state)
        self._parts = _parts(state)
        self.last_on = state.last_on

    @property
    def id(self) -> str:
        return self._id

    @property
    def parties(self) -> list[PartyRef]:
        return self._parties

    @property
    def parts(self) -> list[PartRef]:
        return self._parts

    def as_of(self, when: date | None) -> RecordView:
        state = self.record.state(self._id, as_of=when)
        return record_view(state, when)
