"""What both stores do the same way: the clock, argument checks, migrations' shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["Clock", "Migration", "check_append_args", "check_negotiation", "stamp", "utc_now"]

Clock = Callable[[], datetime]
"""Where a store reads the time; injectable so tests can pin ``recorded_at``."""

READ_BATCH = 2000
"""Rows fetched per query by ``read``: keyset pages keep no statement open between yields."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(clock: Clock) -> str:
    """``recorded_at`` text: UTC, ISO-8601, always with microseconds, so it sorts as it reads."""
    now = clock()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"the store's clock must return an aware datetime, got {now!r}")
    return now.astimezone(UTC).isoformat(timespec="microseconds")


def check_negotiation(negotiation: str) -> None:
    if not isinstance(negotiation, str) or not negotiation:
        raise ValueError(f"a negotiation id must be a non-empty string, got {negotiation!r}")


def check_append_args(negotiation: str, expected_seq: int) -> None:
    check_negotiation(negotiation)
    if isinstance(expected_seq, bool) or not isinstance(expected_seq, int) or expected_seq < 0:
        raise ValueError(f"expected_seq must be an integer >= 0, got {expected_seq!r}")


@dataclass(frozen=True, slots=True)
class Migration:
    """One named schema step, applied once, in order, inside one transaction."""

    name: str
    statements: tuple[str, ...]
