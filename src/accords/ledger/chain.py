"""Canonical JSON and the SHA-256 chain that makes the event log tamper-evident.

Both stores (SQLite, PostgreSQL) seal and check events here, so a log copied
from one to the other verifies the same way. A hash covers the exact text the
store keeps, so verifying needs no re-serialisation of the payload, and any
change to a stored byte shows up as a mismatch.

The hashed text of an event is the canonical JSON of its envelope::

    {"negotiation":…,"occurred_on":"YYYY-MM-DD","payload":{…},"prev_hash":…,
     "recorded_at":…,"recorded_by":…,"seq":N,"type":…}

with the payload embedded as its own canonical JSON. The first event of a
negotiation links to :data:`GENESIS_HASH`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from accords.errors import InvalidArgument, InvalidType
from accords.ledger._common import load_payload
from accords.ledger.store import NewEvent, StoredEvent, Verification

__all__ = [
    "GENESIS_HASH",
    "RawEvent",
    "canonical_json",
    "event_hash",
    "seal",
    "walk",
]

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of every negotiation's first event."""

RawEvent = tuple[Any, Any, Any, Any, Any, Any, Any, Any]
"""A stored row as a store reads it for verification, column by column:
``(seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash)``.
Text columns may arrive as ``str`` or as raw UTF-8 ``bytes``."""


def _json_default(value: object) -> str:
    """Dates are written as ISO strings; anything else is the caller's bug."""
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    raise InvalidType(f"cannot write {type(value).__name__} to the ledger as JSON: {value!r}")


_encoder = json.JSONEncoder(
    sort_keys=True,
    separators=(",", ":"),
    ensure_ascii=False,
    allow_nan=False,
    default=_json_default,
)


def canonical_json(value: object) -> str:
    """One text per value: sorted keys, no spaces, raw UTF-8, dates as ISO strings.

    NaN and infinities are refused: they are not JSON, and another reader would
    not round-trip them. What cannot be written is the caller's bug, named as
    :class:`~accords.errors.InvalidType` or :class:`~accords.errors.InvalidArgument`.
    """
    try:
        return _encoder.encode(value)
    except InvalidType:
        raise
    except TypeError as exc:
        raise InvalidType(f"cannot write this value to the ledger as JSON: {exc}") from exc
    except ValueError as exc:
        raise InvalidArgument(f"cannot write this value to the ledger as JSON: {exc}") from exc


_quote = json.JSONEncoder(ensure_ascii=False).encode


def event_hash(
    *,
    seq: int,
    negotiation: str,
    type: str,
    payload_json: str,
    recorded_by: str,
    occurred_on: str,
    recorded_at: str,
    prev_hash: str,
) -> str:
    """The SHA-256 of an event's canonical envelope (see the module docstring).

    The envelope is assembled from already-canonical parts in sorted-key order,
    which is exactly ``canonical_json`` of the envelope without encoding the
    payload a second time.
    """
    return _digest(
        _ENVELOPE
        % (
            _quote(negotiation),
            _quote(occurred_on),
            payload_json,
            _quote(prev_hash),
            _quote(recorded_at),
            _quote(recorded_by),
            seq,
            _quote(type),
        )
    )


_ENVELOPE = (
    '{"negotiation":%s,"occurred_on":%s,"payload":%s,"prev_hash":%s,'
    '"recorded_at":%s,"recorded_by":%s,"seq":%s,"type":%s}'
)
"""The hashed text, its fields in sorted-key order, each filled in as JSON text (the hot
path of an append quotes what repeats once per append, and formats with ``%``, the
fastest way to fill eight fields)."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_new(negotiation: str, event: NewEvent) -> None:
    """Refuse what could never be read back the same way: these are programming errors."""
    if not isinstance(event.type, str) or not event.type:
        raise InvalidArgument(f"an event of negotiation {negotiation!r} needs a non-empty type")
    if not isinstance(event.recorded_by, str) or not event.recorded_by:
        raise InvalidArgument(f"event {event.type!r} needs a non-empty recorded_by")
    if "\x00" in event.type or "\x00" in event.recorded_by:
        raise InvalidArgument(
            f"event {event.type!r}: type and recorded_by cannot hold NUL characters"
        )
    if isinstance(event.occurred_on, datetime) or not isinstance(event.occurred_on, date):
        raise InvalidType(
            f"event {event.type!r}: occurred_on must be a date (not a datetime), "
            f"got {event.occurred_on!r}"
        )
    if not isinstance(event.payload, Mapping):
        raise InvalidType(f"event {event.type!r}: payload must be a mapping")


def seal(
    negotiation: str,
    events: Sequence[NewEvent],
    *,
    head: int,
    prev_hash: str,
    recorded_at: str,
) -> list[tuple[StoredEvent, str]]:
    """Number and chain ``events`` after event ``head`` whose hash is ``prev_hash``.

    Returns each sealed event with the exact payload text that was hashed (what
    the store must write). Each payload is encoded once; the events carry a plain
    ``dict`` payload equal to what a later read returns (dates become strings).
    """
    sealed: list[tuple[StoredEvent, str]] = []
    # Quote what repeats once per append; ISO dates and hex hashes need no escaping.
    q_negotiation = _quote(negotiation)
    q_recorded_at = _quote(recorded_at)
    quoted: dict[str, str] = {}
    for offset, event in enumerate(events, start=1):
        _check_new(negotiation, event)
        payload_json = canonical_json(event.payload)
        seq = head + offset
        q_type = quoted.get(event.type) or quoted.setdefault(event.type, _quote(event.type))
        by = event.recorded_by
        q_by = quoted.get(by) or quoted.setdefault(by, _quote(by))
        on = f'"{event.occurred_on.isoformat()}"'
        envelope = (
            q_negotiation,
            on,
            payload_json,
            f'"{prev_hash}"',
            q_recorded_at,
            q_by,
            seq,
            q_type,
        )
        digest = _digest(_ENVELOPE % envelope)
        stored = StoredEvent(
            seq,
            negotiation,
            event.type,
            load_payload(payload_json),
            by,
            event.occurred_on,
            recorded_at,
            prev_hash,
            digest,
        )
        sealed.append((stored, payload_json))
        prev_hash = digest
    return sealed


class _Bad(Exception):
    """One event that fails a check: which, and why."""

    def __init__(self, seq: int, reason: str) -> None:
        self.seq = seq
        self.reason = reason


def _text(seq: int, column: str, value: object) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise _Bad(seq, f"{column} is not valid UTF-8") from None
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise _Bad(seq, f"{column} is not text ({type(value).__name__})")
    return value


def _check_one(negotiation: str, expected_seq: int, prev_hash: str, row: RawEvent) -> str:
    """Check one row against its predecessor; return its hash or raise :class:`_Bad`."""
    seq, type_, payload, recorded_by, occurred_on, recorded_at, stored_prev, stored_hash = row
    if isinstance(seq, bool) or not isinstance(seq, int):
        raise _Bad(expected_seq, f"event {expected_seq}: seq is not an integer ({seq!r})")
    if seq != expected_seq:
        if seq < expected_seq:
            raise _Bad(seq, f"event {seq} is stored twice or out of order")
        raise _Bad(expected_seq, f"event {expected_seq} is missing (the next stored is {seq})")
    texts = [
        _text(seq, name, value)
        for name, value in (
            ("type", type_),
            ("payload", payload),
            ("recorded_by", recorded_by),
            ("occurred_on", occurred_on),
            ("recorded_at", recorded_at),
            ("prev_hash", stored_prev),
            ("hash", stored_hash),
        )
    ]
    type_s, payload_s, by_s, on_s, at_s, prev_s, hash_s = texts
    if prev_s != prev_hash:
        link = "the genesis hash" if seq == 1 else f"the hash of event {seq - 1}"
        raise _Bad(seq, f"prev_hash does not match {link}")
    try:
        date.fromisoformat(on_s)
    except ValueError:
        raise _Bad(seq, f"occurred_on is not an ISO date ({on_s!r})") from None
    try:
        parsed = json.loads(payload_s)
    except ValueError:
        raise _Bad(seq, "payload is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise _Bad(seq, "payload is not a JSON object")
    recomputed = event_hash(
        seq=seq,
        negotiation=negotiation,
        type=type_s,
        payload_json=payload_s,
        recorded_by=by_s,
        occurred_on=on_s,
        recorded_at=at_s,
        prev_hash=prev_s,
    )
    if recomputed != hash_s:
        raise _Bad(seq, "hash does not match the event's content")
    return hash_s


def walk(negotiation: str, rows: Iterable[RawEvent]) -> Verification:
    """Check a negotiation's stored rows, in seq order, from the genesis event on.

    Rows must come in ascending ``seq`` order; a gap, a duplicate, a broken link
    or a changed byte names the first event at fault.
    """
    prev_hash = GENESIS_HASH
    count = 0
    try:
        for row in rows:
            prev_hash = _check_one(negotiation, count + 1, prev_hash, row)
            count += 1
    except _Bad as bad:
        return Verification(
            negotiation=negotiation,
            events=count,
            ok=False,
            first_bad_seq=bad.seq,
            reason=bad.reason,
            head_hash=prev_hash if count else "",
        )
    return Verification(
        negotiation=negotiation,
        events=count,
        ok=True,
        head_hash=prev_hash if count else "",
    )
