"""``accords export`` beyond scenario files: PA-X rows, and the log, board, claims,
obligations and events on the ground as JSON or CSV for analysts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import typer

from accords import clock
from accords.cli._app import console, fail
from accords.cli._common import handled, open_record
from accords.model.viewer import cli_viewer

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
    from accords.cli.board import redact
    from accords.exports import board_rows, claims_rows, pax_table, to_csv, to_json
    from accords.ground.timeline import obligation_rows
    from accords.model.context import context_events

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
    with open_record(db) as record:
        nid = record.resolve(negotiation)
        state = record.state(nid)
        with handled():
            who = cli_viewer(viewer, state.parties)
        events = list(record.events(nid))
    columns: list[str] | None = None
    rows: list[dict[str, Any]]
    with handled():
        if fmt == "pax":
            columns, row = pax_table(state)
            rows = [row]
            fmt = "csv"
        elif data == "log":
            rows = [
                {
                    "seq": e.seq,
                    "type": e.type,
                    "occurred_on": e.occurred_on.isoformat(),
                    "recorded_at": e.recorded_at,
                    "recorded_by": e.recorded_by,
                    "payload": redact(e.type, e.payload, who),
                    "hash": e.hash,
                }
                for e in events
            ]
        elif data == "board":
            rows = board_rows(state)
        elif data == "claims":
            rows = claims_rows(state, events)
        elif data == "obligations":
            rows = obligation_rows(state, clock.today())
        else:
            rows = [
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
    text = to_csv(rows, columns) if fmt == "csv" else to_json(rows)
    if file is None:
        typer.echo(text, nl=False)
        return
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {file}: {exc.strerror}")
    console.print(f"[green]exported[/] {data if fmt != 'pax' else 'PA-X row'} of {nid} to {file}")
