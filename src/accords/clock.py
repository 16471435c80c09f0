"""One clock for the whole of accords: what "now" and "today" are, on every path.

A move recorded without a date happened *today*. The CLI once took the machine's
local date and the server the UTC date, so the same move typed at 00:30 in Kabul
landed on two different days depending on the door it came in by. The record
keeps UTC: :func:`today` is the UTC date and :func:`now` an aware UTC datetime.
Local time is for display only, where a terminal asks for it (:func:`local`).

This module imports nothing from accords, so every layer may use it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

__all__ = ["local", "now", "today"]


def now() -> datetime:
    """The current moment, aware, in UTC: what the ledger stamps as ``recorded_at``."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in UTC: the default date of a move, in the CLI and the server alike."""
    return now().date()


def local(moment: datetime | None = None) -> datetime:
    """``moment`` (default: now) in the machine's local time zone, for display only.

    A naive ``moment`` is taken to be UTC, as everything accords stores is.
    """
    moment = now() if moment is None else moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()
