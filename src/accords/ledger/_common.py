"""What both stores do the same way: the clock, argument checks, migrations' shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from accords.clock import now as _now
from accords.errors import InvalidArgument

__all__ = [
    "Clock",
    "Migration",
    "check_append_args",
    "check_negotiation",
    "load_payload",
    "snapshot_migrations",
    "stamp",
    "utc_now",
]

Clock = Callable[[], datetime]
"""Where a store reads the time; injectable so tests can pin ``recorded_at``."""

READ_BATCH = 2000
"""Rows fetched per query by ``read``: keyset pages keep no statement open between yields."""


# The decoder's scanner: set in JSONDecoder.__init__, absent from typeshed's stub.
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def load_payload(text: str) -> Any:
    """Parse a stored payload: the C scanner straight away, as stored text is canonical.

    ``json.loads`` spends half its time on wrappers and a whitespace check that a
    canonical text does not need; reading 100,000 events feels it. Anything that
    does not scan to its very end goes through ``json.loads`` for its proper error.
    """
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        end = -1
    if end != len(text):
        return json.loads(text)
    return value


def utc_now() -> datetime:
    """The store's default clock: the one clock of accords (:func:`accords.clock.now`)."""
    return _now()


def stamp(clock: Clock) -> str:
    """``recorded_at`` text: UTC, ISO-8601, always with microseconds, so it sorts as it reads."""
    now = clock()
    if now.tzinfo is None or now.utcoffset() is None:
        raise InvalidArgument(f"the store's clock must return an aware datetime, got {now!r}")
    return now.astimezone(UTC).isoformat(timespec="microseconds")


def check_negotiation(negotiation: str) -> None:
    if not isinstance(negotiation, str) or not negotiation or "\x00" in negotiation:
        raise InvalidArgument(
            f"a negotiation id must be a non-empty string without NUL, got {negotiation!r}"
        )


def check_append_args(negotiation: str, expected_seq: int) -> None:
    check_negotiation(negotiation)
    if isinstance(expected_seq, bool) or not isinstance(expected_seq, int) or expected_seq < 0:
        raise InvalidArgument(f"expected_seq must be an integer >= 0, got {expected_seq!r}")


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema step, applied once, in order, inside one transaction."""

    name: str
    statements: tuple[str, ...]


def snapshot_migrations(integer: str) -> tuple[Migration, ...]:
    """Steps 0003 and 0004, the same in every dialect but for its ``integer`` column type:
    the snapshots table, and the index that finds a negotiation's events by type."""
    return (
        Migration(
            "0003_create_snapshots",
            (
                f"""
                CREATE TABLE snapshots (
                    negotiation TEXT      NOT NULL,
                    seq         {integer} NOT NULL,
                    state       TEXT      NOT NULL,
                    saved_at    TEXT      NOT NULL,
                    PRIMARY KEY (negotiation, seq)
                )
                """,
            ),
        ),
        Migration(
            "0004_index_event_types",
            ("CREATE INDEX events_by_type ON events (negotiation, type)",),
        ),
    )
