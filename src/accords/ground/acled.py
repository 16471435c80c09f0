"""Context events from CSV in the column layout of conflict-event datasets (ACLED).

Columns (header names, case-insensitive): ``event_date``, ``event_type``,
``actor1``, ``actor2``, ``location``, ``fatalities``, ``source``, ``notes``; and
optionally ``sub_event_type`` and ``event_id_cnty`` (kept as the event id).
ACLED's event types map to our kinds (``Battles`` → battle, ``Explosions/Remote
violence`` → explosion, …); a type we do not know becomes ``other`` and the row's
notes say what it was, and the import reports how many rows that happened to.
Dates are ``YYYY-MM-DD`` or ACLED's ``12 March 2020``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from accords.errors import RefusedMove
from accords.model.context import CONTEXT_KINDS, RecordContextEvent

__all__ = ["ACLED_KINDS", "REQUIRED", "ImportResult", "parse_events_csv"]

REQUIRED: Final = ("event_date", "event_type")
ACLED_KINDS: Final[dict[str, str]] = {
    "battles": "battle",
    "explosions/remote violence": "explosion",
    "violence against civilians": "violence-against-civilians",
    "protests": "protest",
    "riots": "protest",
    "strategic developments": "strategic-development",
}
_SUB_KINDS: Final[dict[str, str]] = {
    "agreement": "strategic-development",
    "non-violent transfer of territory": "strategic-development",
    "armed clash": "battle",
    "attack": "attack",
    "suicide bomb": "attack",
    "remote explosive/landmine/ied": "explosion",
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    commands: tuple[RecordContextEvent, ...]
    unknown_types: dict[str, int]


def _date(value: str, line: int) -> date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RefusedMove(f"line {line}: event_date {value!r} is not a date (write YYYY-MM-DD)")


def _kind(event_type: str, sub: str) -> str | None:
    t = event_type.strip().lower()
    if t in CONTEXT_KINDS:
        return t
    if t.replace(" ", "-") in CONTEXT_KINDS:
        return t.replace(" ", "-")
    s = sub.strip().lower()
    if s in _SUB_KINDS:
        return _SUB_KINDS[s]
    return ACLED_KINDS.get(t)


def parse_events_csv(text: str, *, source: str | None = None) -> ImportResult:
    """Rows of an ACLED-like CSV as commands; a bad row is refused with its line number."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise RefusedMove("the CSV file is empty")
    header = {name.strip().lower(): name for name in reader.fieldnames}
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RefusedMove(
            f"the CSV file lacks the column(s) {', '.join(missing)}; expected an ACLED-like "
            "layout: event_date, event_type, actor1, actor2, location, fatalities, source, notes"
        )

    def get(row: dict[str, str | None], name: str) -> str:
        key = header.get(name)
        return (row.get(key) or "").strip() if key else ""

    out: list[RecordContextEvent] = []
    unknown: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values()):
            continue
        on = _date(get(row, "event_date"), line)
        etype = get(row, "event_type")
        notes = get(row, "notes")
        kind = _kind(etype, get(row, "sub_event_type"))
        if kind is None:
            unknown[etype] = unknown.get(etype, 0) + 1
            kind = "other"
            notes = f"event type in the file: {etype}" + (f". {notes}" if notes else "")
        raw_deaths = get(row, "fatalities")
        try:
            deaths = int(raw_deaths) if raw_deaths else None
        except ValueError:
            raise RefusedMove(
                f"line {line}: fatalities {raw_deaths!r} is not a whole number"
            ) from None
        actors = tuple(a for a in (get(row, "actor1"), get(row, "actor2")) if a)
        out.append(
            RecordContextEvent(
                on=on,
                source=get(row, "source") or source,
                kind=kind,
                id=get(row, "event_id_cnty"),
                place=get(row, "location"),
                actors=actors,
                fatalities=deaths,
                notes=notes,
            )
        )
    return ImportResult(tuple(out), unknown)
