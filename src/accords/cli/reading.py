"""Reading and file commands: the board, the log, verification, scenario files, notes.

:func:`register` puts them on the app (``accords.cli.record`` calls it, after the
moves, so the order of ``accords --help`` is kept); ``note add``/``note list`` are
their own group, registered on it here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from accords.cli._app import console, err_console, fail, print_json
from accords.cli._common import (
    DEFAULT_DB,
    By,
    Db,
    JsonFlag,
    Viewer,
    handled,
    log_rows,
    open_record,
    read_as,
)
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, StateView, on_record, shows_state
from accords.model import commands as c
from accords.model.viewer import cli_viewer, may_see_confidential

__all__ = ["register"]


@shows_state
def status(view: StateView) -> None:
    """The board: where each part stands, with whom, and what is still missing."""
    from accords.cli.board import print_board
    from accords.model import status_dict

    if view.as_of is not None and view.round is not None:
        fail("give --as-of or --round, not both")
    day, round = view.day, view.round
    state = view.state()
    if view.json_out:
        data = status_dict(state)
        if day is not None:
            data["as_of"] = day.isoformat()
        if round is not None:
            data["round"] = round
        print_json(data)
        return
    label = f"as of {day.isoformat()}" if day else (f"as of round {round}" if round else "now")
    print_board(state, label)


@on_record
def log(ref: RecordRef, json_out: JsonFlag = False, viewer: Viewer = None) -> None:
    """The event log, oldest first; confidential payloads only for their party and the mediator."""
    _nid, state, who, events = read_as(ref.db, ref.negotiation, viewer)
    rows = log_rows(events, who)
    if json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("#", "on", "event", "details", title=f"Log — {escape(state.title)}")
    for r in rows:
        details = ", ".join(f"{k}={v}" for k, v in r["payload"].items() if k != "source")
        table.add_row(str(r["seq"]), r["occurred_on"], r["type"], escape(details))
    console.print(table)


@on_record
def verify(ref: RecordRef) -> None:
    """Walk the hash chain; name the first event that does not match."""
    with open_record(ref.db) as record:
        ids = [record.resolve(ref.negotiation)] if ref.negotiation else record.negotiations()
        if not ids:
            fail("this database holds no negotiation")
        results = [record.store.verify(nid) for nid in ids]
    bad = False
    for r in results:
        if r.ok:
            console.print(f"[green]ok[/] {r.negotiation}: {r.events} events, chain verifies")
        else:
            bad = True
            err_console.print(
                f"[bold red]broken[/] {r.negotiation}: event #{r.first_bad_seq} does not match: "
                f"{r.reason}"
            )
    if bad:
        raise typer.Exit(1)


# -- files ---------------------------------------------------------------------------


def load(
    file: Annotated[Path, typer.Argument(help="A scenario file, YAML or JSON.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Load a scenario file into the database: all of it, or nothing."""
    from accords.scenario.load import load_scenario

    with handled():
        nid, count = load_scenario(file, db)
    console.print(f"[green]loaded[/] {nid}: {count} events from {escape(str(file))}")


@on_record
def export(
    ref: RecordRef,
    file: Annotated[Path | None, typer.Argument(help="Where to write (default: stdout).")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="yaml or json; pax (PA-X row); csv.")
    ] = None,
    data: Annotated[
        str,
        typer.Option("--data", help="scenario, log, board, claims, obligations or events."),
    ] = "scenario",
    viewer: Viewer = None,
) -> None:
    """Write the record back as a scenario file (preferences only --as mediator or that party).

    With --data log|board|claims|obligations|events: that, as --format json or csv.
    With --format pax: the agreement's PA-X codebook row (CSV, PA-X column names).
    """
    from accords.scenario.native import dump_scenario, export_scenario

    if data != "scenario" or fmt in ("pax", "csv"):
        from accords.cli.exports import export_data

        default = "csv" if file is not None and file.suffix.lower() == ".csv" else "json"
        export_data(file, fmt or default, data, viewer, ref.db, ref.negotiation)
        return

    chosen = fmt or ("json" if file is not None and file.suffix.lower() == ".json" else "yaml")
    if chosen not in ("yaml", "json"):
        fail(f"unknown format {chosen!r}: use yaml or json")
    with ref.open() as (record, nid):
        state = record.state(nid)
        with handled():
            who = cli_viewer(viewer, state.parties)
        allowed = [p for p in state.preferences if may_see_confidential(who, p)]
        with handled():
            scenario = export_scenario(state, record.events(nid), include_preferences=allowed)
    hidden = sorted(set(state.preferences) - set(allowed))
    text = dump_scenario(scenario, chosen)
    if file is None:
        typer.echo(text, nl=False)
    else:
        try:
            file.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {file}: {exc.strerror}")
        console.print(f"[green]exported[/] {nid} to {escape(str(file))}")
    if hidden:
        err_console.print(
            f"note: confidential preferences of {', '.join(hidden)} left out; "
            "pass --as mediator (or --as PARTY for that party's own) to include them"
        )


def schema() -> None:
    """Print the JSON Schema of scenario files."""
    from accords.scenario.schema import Scenario

    print_json(Scenario.model_json_schema(by_alias=True))


def demo(
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Also serve the dashboard (when available).")
    ] = True,
    db: Db = DEFAULT_DB,
) -> None:
    """Load the built-in US–Taliban example and show its board."""
    from accords.cli.board import print_board
    from accords.scenario.load import example_path, load_scenario

    path = example_path("us-taliban-2019.yaml")
    with open_record(db, must_exist=False) as record:
        known = record.negotiations()
    if "us-taliban-2019" not in known:
        with handled():
            load_scenario(path, db)
        console.print(f"[green]loaded[/] the example {path.name} into {escape(db)}")
    else:
        console.print(f"the example is already in {escape(db)}")
    with open_record(db) as record:
        state = record.state("us-taliban-2019")
    print_board(state, "now")
    console.print(
        "\nTry: [bold]accords status --round 5 -n us-taliban-2019[/], "
        "[bold]accords round list -n us-taliban-2019[/], [bold]accords log -n us-taliban-2019[/]"
    )
    if serve:
        from accords.cli.service import serve_demo

        serve_demo(db)


@recorded(sources=False)
def note_add(
    when: When,
    text: Annotated[str, typer.Argument(help="The note.")],
    by: By,
    part: Annotated[str | None, typer.Option("--part", help="The part it is about.")] = None,
) -> c.RecordNote:
    """Keep a private note for a party (confidential: that party and the mediator only)."""
    return c.RecordNote(**when, party=by, text=text, part=part)


@on_record
def note_list(
    ref: RecordRef,
    viewer: Annotated[
        str, typer.Option("--as", help="mediator, or the party whose notes to show.")
    ],
    json_out: JsonFlag = False,
) -> None:
    """A party's private notes, for that party or the mediator."""
    with ref.open() as (record, nid):
        state = record.state(nid)
        with handled():
            who = cli_viewer(viewer, state.parties)
        notes: dict[str, list[dict[str, Any]]] = {}
        for e in record.events(nid):
            if e.type == "note-recorded" and may_see_confidential(who, e.payload["party"]):
                entry = {"on": e.occurred_on.isoformat(), "text": e.payload["text"]}
                if e.payload.get("part"):
                    entry["part"] = e.payload["part"]
                notes.setdefault(e.payload["party"], []).append(entry)
    if json_out:
        print_json(notes)
        return
    for party, entries in notes.items():
        for n in entries:
            about = f" [{n['part']}]" if "part" in n else ""
            console.print(f"{n['on']} {party}{about}: {n['text']}", markup=False)


note_app = typer.Typer(help="Private notes: visible only to their party and the mediator.")
note_app.command("add")(note_add)
note_app.command("list")(note_list)


def register(app: typer.Typer) -> None:
    """Put the reading, file and note commands on ``app``."""
    for command in (status, log, verify, load, export, schema, demo):
        app.command()(command)  # named after the function, in the order of --help
    app.add_typer(note_app, name="note")
