"""A store wrapper that seals confidential payloads on append and opens them on read.

It implements the store protocol around any store (SQLite, PostgreSQL): the
inner store chains and hashes exactly what it is given, which for a
confidential event (:data:`accords.model.events.CONFIDENTIAL`) is the sealed
payload, so the visible hash is a hash of ciphertext and ``verify`` needs no key.
Readers above it see clear payloads when the key is at hand; without it, a
sealed entry reads as a marker naming its party and saying it cannot be read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from accords.ledger._common import load_payload
from accords.ledger.chain import canonical_json
from accords.ledger.store import EventStore, NewEvent, StoredEvent, Verification
from accords.model.events import CONFIDENTIAL
from accords.sealing._cipher import (
    is_sealed,
    seal_payload,
    seal_snapshot,
    sealed_version,
    unseal_payload,
    unseal_snapshot,
)
from accords.sealing._ring import KeyRing

__all__ = ["PAGE_NOTICE", "SEALED_MARKER", "SealedStore"]

SEALED_MARKER = "this confidential entry is sealed and cannot be read without the database's key"
"""What a sealed entry's ``text`` says to a reader who has no key."""

PAGE_NOTICE = (
    "The confidential entries of this record (preferences, reservation values, private notes)"
    " are sealed and cannot be read: this server does not hold the database's key."
)


class SealedStore:
    """An :class:`~accords.ledger.store.EventStore` that keeps confidential payloads sealed."""

    def __init__(self, inner: EventStore, ring: KeyRing) -> None:
        self.inner = inner
        self.ring = ring

    @property
    def locked(self) -> bool:
        """Whether sealed entries cannot be read here (a copy of the database without its key)."""
        return self.ring.locked

    @property
    def notice(self) -> str | None:
        """One sentence for a reader when sealed entries cannot be read, else ``None``."""
        return self.ring.locked_sentence() if self.ring.locked else None

    @property
    def page_notice(self) -> str | None:
        """The same, for pages: no file path, which is the server's business."""
        return PAGE_NOTICE if self.ring.locked else None

    # -- the log --------------------------------------------------------------------

    def append(
        self, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[StoredEvent]:
        """Seal each confidential payload for the place it will take, then append them all.

        The inner store refuses the append unless the log ends at ``expected_seq``,
        so event ``i`` of ``events`` will be ``expected_seq + i + 1``, the number
        its associated data names.
        """
        sealed: list[NewEvent] = []
        clear: dict[int, dict[str, Any]] = {}
        for offset, event in enumerate(events, start=1):
            if event.type not in CONFIDENTIAL or not isinstance(event.payload, Mapping):
                sealed.append(event)
                continue
            seq = expected_seq + offset
            version, aead = self.ring.current(negotiation)
            box = seal_payload(
                aead,
                version,
                negotiation=negotiation,
                seq=seq,
                type_=event.type,
                payload=event.payload,
            )
            clear[seq] = load_payload(canonical_json(event.payload))
            sealed.append(replace(event, payload=box))
        stored = self.inner.append(negotiation, sealed, expected_seq)
        return [replace(e, payload=clear[e.seq]) if e.seq in clear else e for e in stored]

    def read(self, negotiation: str, *args: Any, **kwargs: Any) -> Iterator[StoredEvent]:
        """The inner store's read, with the same arguments, its payloads opened.

        The arguments pass through untouched, so the range and as-of options are defined
        once, by the store protocol, and the inner store checks them.
        """
        return self._open_all(negotiation, self.inner.read(negotiation, *args, **kwargs))

    def _open_all(self, negotiation: str, events: Iterator[StoredEvent]) -> Iterator[StoredEvent]:
        for e in events:
            if e.type in CONFIDENTIAL and is_sealed(e.payload):
                yield replace(e, payload=self._open(negotiation, e))
            else:
                yield e

    def _open(self, negotiation: str, e: StoredEvent) -> dict[str, Any]:
        if self.ring.locked:
            # ``text`` too: readers that show a note's text show this sentence instead.
            marker: dict[str, Any] = {"confidential": True, "sealed": True, "text": SEALED_MARKER}
            if "party" in e.payload:
                marker["party"] = e.payload["party"]
            return marker
        aead = self.ring.get(negotiation, sealed_version(e.payload))
        return unseal_payload(
            aead, negotiation=negotiation, seq=e.seq, type_=e.type, stored=e.payload
        )

    def head(self, negotiation: str) -> int:
        return self.inner.head(negotiation)

    def negotiations(self) -> list[str]:
        return self.inner.negotiations()

    def verify(self, negotiation: str) -> Verification:
        """The inner store's walk over what is stored: ciphertext, no key needed."""
        return self.inner.verify(negotiation)

    # -- the snapshot cache: a folded state holds every party's preferences ----------

    def save_snapshot(self, negotiation: str, seq: int, state: Mapping[str, Any]) -> None:
        if self.ring.locked:
            return  # folded from markers: caching it would hide the sealed entries later
        version, aead = self.ring.current(negotiation)
        self.inner.save_snapshot(
            negotiation, seq, seal_snapshot(aead, version, negotiation, seq, state)
        )

    def load_snapshot(
        self, negotiation: str, upto: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        found = self.inner.load_snapshot(negotiation, upto)
        if found is None:
            return None
        seq, state = found
        if not is_sealed(state):
            return None if self.ring.locked else found
        if self.ring.locked:
            return None
        aead = self.ring.get(negotiation, sealed_version(state))
        return seq, unseal_snapshot(aead, negotiation, seq, state)

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        try:
            self.inner.close()
        finally:
            self.ring.table.close()

    def __enter__(self) -> SealedStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        """What a particular store offers beyond the protocol (``path``, ``migrations``)."""
        if name == "inner":  # not yet set (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def __repr__(self) -> str:
        return f"SealedStore({self.inner!r})"
