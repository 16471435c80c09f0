"""``accords export`` beyond scenario files: PA-X rows, and the log, board, claims,
obligations and events on the ground as JSON or CSV for analysts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from accords import clock
from accords.cli._app import fail
from accords.cli._common import handled, log_rows, read_as, write_out

if TYPE_CHECKING:
    from accords.ledger import StoredEvent
    from accords.model import State
    from accords.model.viewer import Viewer

__all__ = ["DATA", "export_data"]

DATA: Final = ("scenario", "log", "board", "claims", "obligations", "events")


def export_data(
    file: Path | None,
    fmt: str,
    data: str,
    viewer: str | None,
    db: str,
    negotiation: str | None,
) -> None:
    """Write ``data`` in ``fmt`` (pax, json or csv) to ``file`` or stdout."""
    from accords.exports import to_csv, to_json

    _check_request(fmt, data)
    nid, state, who, events = read_as(db, negotiation, viewer)
    with handled():
        columns, rows = _rows(fmt, data, state, events, who)
    text = to_csv(rows, columns) if fmt in ("pax", "csv") else to_json(rows)
    write_out(text, file, f"[green]exported[/] {data} of {nid} to {file}")


def _check_request(fmt: str, data: str) -> None:
    """One line for a format and data that do not go together, before the record is opened."""
    if fmt == "pax":
        if data not in ("scenario", "board"):
            fail("--format pax writes the agreement's PA-X row; leave out --data")
    elif fmt not in ("json", "csv"):
        fail(f"unknown format {fmt!r} for --data {data}: use json or csv")
    if data not in DATA:
        fail(f"unknown --data {data!r}: use {', '.join(DATA)}")
    if data == "scenario" and fmt == "csv":
        fail(
            "a scenario is written as yaml or json; csv is for --data log, board, claims, "
            "obligations or events"
        )


def _rows(
    fmt: str, data: str, state: State, events: list[StoredEvent], who: Viewer
) -> tuple[list[str] | None, list[dict[str, Any]]]:
    """The columns (``None``: those of the rows) and the rows of what is exported."""
    from accords.exports import board_rows, claims_rows, pax_table
    from accords.ground.timeline import obligation_rows
    from accords.model.context import context_events

    if fmt == "pax":
        columns, row = pax_table(state)
        return columns, [row]
    if data == "log":
        return None, log_rows(events, who)
    if data == "board":
        return None, board_rows(state)
    if data == "claims":
        return None, claims_rows(state, events)
    if data == "obligations":
        return None, obligation_rows(state, clock.today())
    return None, [
        {
            "id": e.id,
            "event_date": e.on.isoformat(),
            "event_type": e.kind,
            "actor1": e.actors[0] if e.actors else "",
            "actor2": e.actors[1] if len(e.actors) > 1 else "",
            "location": e.place,
            "fatalities": e.fatalities,
            "source": e.source,
            "notes": e.notes,
        }
        for e in context_events(state)
    ]
