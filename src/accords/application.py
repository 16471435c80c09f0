"""The application layer: commands in, events appended, states out.

One place where the pure model meets a store. It decides a command against the
state the log holds now, appends the events with the sequence number it read
(so a writer that raced another gets a conflict, never a silent merge), and
folds states, from a cached snapshot when the log is long.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Final

from accords.errors import ConflictError, RefusedMove, UnknownReference
from accords.ledger.store import EventStore, NewEvent, StoredEvent
from accords.model import Command, State, decide, fold
from accords.model.events import STRUCTURAL, Event

__all__ = ["Record"]

#: Fold this many events past the last snapshot before caching a new one.
SNAPSHOT_EVERY: Final = 1000


class Record:
    """The negotiations held in one store."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    # -- which negotiation ------------------------------------------------------------

    def negotiations(self) -> list[str]:
        return self.store.negotiations()

    def resolve(self, negotiation: str | None) -> str:
        """The negotiation named, or the only one in the store."""
        known = self.store.negotiations()
        if negotiation is not None:
            if negotiation not in known:
                names = ", ".join(known) or "none"
                raise UnknownReference(
                    f"no negotiation {negotiation!r} in this database (negotiations: {names})"
                )
            return negotiation
        if not known:
            raise UnknownReference(
                "this database holds no negotiation yet: create one or load a scenario"
            )
        if len(known) > 1:
            raise RefusedMove(
                f"this database holds several negotiations ({', '.join(known)}); name one"
            )
        return known[0]

    # -- reading ----------------------------------------------------------------------

    def events(self, negotiation: str) -> Iterator[StoredEvent]:
        return self.store.read(negotiation)

    def state(
        self, negotiation: str, *, as_of: date | None = None, round: int | None = None
    ) -> State:
        """The state now, as of a date (events that happened on or before it), or as of a round.

        As of round N means as of the day round N closed (while it is still open, the
        day of the last recorded event), less any event recorded in a later round. The
        framework (parties, parts, linkages) is kept whatever its date, so that old
        stances can be read.
        """
        if round is not None:
            current = self.state(negotiation)
            r = current.rounds.get(round)
            if r is None:
                raise UnknownReference(f"no round {round} in the record of {negotiation!r}")
            return self._as_of(negotiation, r.end or current.last_on or r.start, round)
        if as_of is not None:
            return self._as_of(negotiation, as_of, None)
        return self._now(negotiation)

    def _now(self, negotiation: str) -> State:
        cached = self.store.load_snapshot(negotiation)
        base: State | None = None
        after = 0
        if cached is not None:
            seq, data = cached
            base = State.from_snapshot(data)
            if base is not None:
                after = seq
        state = fold(self.store.read(negotiation, after=after), base, in_place=True)
        if state.events == 0:
            raise UnknownReference(f"no negotiation {negotiation!r} in this database")
        if state.events - after >= SNAPSHOT_EVERY:
            self.store.save_snapshot(negotiation, state.events, state.to_snapshot())
        return state

    def _as_of(self, negotiation: str, day: date, round: int | None) -> State:
        """Events that happened by ``day`` (and the framework); as of a round, less any
        event recorded in a later round."""
        events = self.store.read(negotiation, occurred_until=day, keep_types=STRUCTURAL)
        if round is not None:
            events = (e for e in events if int(e.payload.get("round") or 0) <= round)
        return fold(events)

    # -- writing ----------------------------------------------------------------------

    def execute(
        self,
        negotiation: str,
        command: Command,
        *,
        recorded_by: str = "cli",
        expected_seq: int | None = None,
    ) -> list[StoredEvent]:
        """Decide one command and append its events, or refuse and append nothing."""
        return self.execute_many(
            negotiation, [command], recorded_by=recorded_by, expected_seq=expected_seq
        )

    def execute_many(
        self,
        negotiation: str,
        commands: Iterable[Command],
        *,
        recorded_by: str = "cli",
        expected_seq: int | None = None,
    ) -> list[StoredEvent]:
        """Decide commands in order against the evolving state; append all their events at once.

        If any command is refused, nothing is appended: a scenario or a batch is
        recorded whole or not at all. The refusal carries ``position``, the index
        of the command at fault.
        """
        head = self.store.head(negotiation)
        if expected_seq is not None and expected_seq != head:
            raise ConflictError(negotiation, expected_seq, head)
        state = self._now(negotiation) if head else State()
        pending: list[Event] = []
        for position, command in enumerate(commands):
            try:
                events = decide(state, command)
            except RefusedMove as exc:
                exc.position = position
                raise
            fold(events, state, in_place=True)
            pending.extend(events)
        return self.append(negotiation, pending, recorded_by=recorded_by, expected_seq=head)

    def append(
        self,
        negotiation: str,
        events: Sequence[Event],
        *,
        recorded_by: str,
        expected_seq: int,
    ) -> list[StoredEvent]:
        if not events:
            return []
        return self.store.append(
            negotiation,
            [NewEvent(e.type, dict(e.payload), e.occurred_on, recorded_by) for e in events],
            expected_seq,
        )
