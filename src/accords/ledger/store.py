"""The store protocol: what every event store (SQLite, PostgreSQL) must provide.

The ledger holds events and nothing else. Each implementation passes the one
conformance suite in ``tests/ledger/conformance.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, runtime_checkable

__all__ = ["EventStore", "NewEvent", "StoredEvent", "Verification"]


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event about to be appended: what happened, when in the world, who recorded it."""

    type: str
    payload: Mapping[str, Any]
    occurred_on: date
    recorded_by: str = "cli"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the ledger holds it, chained to the one before."""

    seq: int
    negotiation: str
    type: str
    payload: Mapping[str, Any]
    recorded_by: str
    occurred_on: date
    recorded_at: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of walking a chain: ``ok`` or the first event that does not match."""

    negotiation: str
    events: int
    ok: bool
    first_bad_seq: int | None = None
    reason: str = ""
    head_hash: str = field(default="")


@runtime_checkable
class EventStore(Protocol):
    """Append-only, hash-chained, optimistic event storage, one log per negotiation."""

    def append(
        self, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[StoredEvent]:
        """Append all of ``events`` after event ``expected_seq`` (0 for an empty log), or none.

        Raises :class:`accords.errors.ConflictError` when the log no longer ends at
        ``expected_seq``; nothing is written then.
        """
        ...

    def read(
        self,
        negotiation: str,
        after: int = 0,
        upto: int | None = None,
        *,
        occurred_until: date | None = None,
        keep_types: Collection[str] = (),
    ) -> Iterator[StoredEvent]:
        """Events with ``after < seq <= upto`` in sequence order.

        With ``occurred_until``, only events that happened on or before that date
        (an as-of-date read; back-filled events keep their place in the sequence),
        and events of ``keep_types`` whatever their date (the framework, which an
        as-of view needs to read older stances).
        """
        ...

    def head(self, negotiation: str) -> int:
        """The sequence number of the last event, 0 when there is none."""
        ...

    def negotiations(self) -> list[str]:
        """Every negotiation id with at least one event, sorted."""
        ...

    def verify(self, negotiation: str) -> Verification:
        """Walk the chain from the first event and report the first mismatch."""
        ...

    def save_snapshot(self, negotiation: str, seq: int, state: Mapping[str, Any]) -> None:
        """Cache a folded state at ``seq``; a cache only, never the record."""
        ...

    def load_snapshot(
        self, negotiation: str, upto: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        """The latest cached state (at or before event ``upto``) and its sequence number."""
        ...

    def close(self) -> None: ...
