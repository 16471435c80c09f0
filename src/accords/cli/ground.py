"""Events on the ground, conditions, walk-outs, obligations and the timeline.

Conditions are tests over recorded context events in a window of dates:

- ``quiet``: at most --max-events matching events (default 0) and, if given, at
  most --max-fatalities reported deaths between --start and --end;
- ``occurred``: at least one matching event between --start and --end.

An event matches when its kind is one of --kinds and one of its actors is one of
--actors (either left out: any). ``--gates signature`` makes the condition a gate:
no party signs the package while it does not hold. ``accords condition check``
says, as of a date, whether each condition holds, fails, or is still pending.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.markup import escape

from accords import clock
from accords.cli import obligations
from accords.cli._app import app, command_group, console, fail, print_json
from accords.cli._common import (
    AsOf,
    JsonFlag,
    Note,
    RoundOpt,
    SourceOpt,
    as_choice,
    handled,
    parse_date,
    record_command,
    split_list,
)
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, on_record
from accords.cli.obligations import obligation_app
from accords.cli.record import party_app
from accords.model import context as cx
from accords.model import participation as pt

event_app = command_group(
    "event", "Events on the ground (attacks, offensives, ceasefires, prisoner releases …)."
)
condition_app = command_group("condition", __doc__ or "")
app.add_typer(obligation_app, name="obligation")


def _required_date(value: str, what: str) -> date:
    day = parse_date(value)
    if day is None:  # pragma: no cover - typer requires the option
        fail(f"{what} needs a date")
    return day


# -- walk-outs ---------------------------------------------------------------------------


def _participation_command(
    kind: type[pt.LeaveTalks] | type[pt.ReturnToTalks], doc: str
) -> Callable[..., None]:
    """``party leave`` and ``party return``: the same options, a different move."""

    def build(
        when: When, party: Annotated[str, typer.Argument()], note: Note = ""
    ) -> pt.LeaveTalks | pt.ReturnToTalks:
        return kind(**when, party=party, note=note)

    build.__doc__ = doc
    return recorded(rounds=False)(build)


party_leave = party_app.command("leave")(
    _participation_command(
        pt.LeaveTalks,
        "A party walks out: its weight still counts, but it no longer confirms or signs.",
    )
)
party_return = party_app.command("return")(
    _participation_command(pt.ReturnToTalks, "A party that walked out comes back to the talks.")
)


# -- events on the ground ----------------------------------------------------------------


@event_app.command("add")
@on_record
def event_add(
    ref: RecordRef,
    kind: Annotated[str, typer.Argument(help="One of: " + ", ".join(cx.CONTEXT_KINDS) + ".")],
    on: Annotated[str, typer.Option("--on", help="When it happened, YYYY-MM-DD.")],
    place: Annotated[str, typer.Option("--place")] = "",
    actors: Annotated[
        str | None, typer.Option("--actors", help="Comma-separated (party ids or names).")
    ] = None,
    fatalities: Annotated[int | None, typer.Option("--fatalities", help="Reported deaths.")] = None,
    notes: Annotated[str, typer.Option("--notes")] = "",
    id: Annotated[str, typer.Option("--id", help="An id (default: ev1, ev2 …).")] = "",
    round: RoundOpt = None,
    source: SourceOpt = None,
) -> None:
    """Record an event on the ground beside the talks."""
    record_command(
        ref.db,
        ref.negotiation,
        cx.RecordContextEvent(
            on=_required_date(on, "an event"),
            round=round,
            source=source,
            kind=kind,
            id=id,
            place=place,
            actors=split_list(actors),
            fatalities=fatalities,
            notes=notes,
        ),
    )


@event_app.command("import")
@on_record
def event_import(
    ref: RecordRef,
    file: Annotated[Path, typer.Argument(help="A CSV file in ACLED's column layout.")],
    source: SourceOpt = None,
) -> None:
    """Import events from CSV: event_date, event_type, actor1, actor2, location, fatalities,
    source, notes (ACLED's names; extra columns are ignored). All rows or none."""
    from accords.ground.acled import parse_events_csv

    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    with handled():
        result = parse_events_csv(text, source=source)
    with ref.open() as (record, nid):
        events = record.execute_many(nid, list(result.commands), recorded_by="import")
    console.print(f"[green]imported[/] {len(events)} events from {file}")
    for etype, count in sorted(result.unknown_types.items()):
        console.print(escape(f"note: {count} row(s) of type {etype!r} recorded as kind 'other'"))


def _event_dict(e: cx.ContextEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.on.isoformat(),
        "kind": e.kind,
        "place": e.place,
        "actors": list(e.actors),
        "fatalities": e.fatalities,
        "source": e.source,
        "notes": e.notes,
    }


@event_app.command("list")
@on_record
def event_list(
    ref: RecordRef,
    kind: Annotated[str | None, typer.Option("--kind", help="Only this kind.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="From this date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Up to this date.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """The events on the ground, by date."""
    state = ref.state()
    events = cx.context_events(state, start=parse_date(start), end=parse_date(end))
    rows = [_event_dict(e) for e in events if kind is None or e.kind == kind]
    if json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table(
        "date", "kind", "place", "actors", "deaths", "notes", title="Events on the ground"
    )
    for r in rows:
        deaths = "" if r["fatalities"] is None else str(r["fatalities"])
        table.add_row(
            r["date"],
            r["kind"],
            escape(r["place"]),
            escape(", ".join(r["actors"])),
            deaths,
            escape(r["notes"]),
        )
    console.print(table)


# -- conditions --------------------------------------------------------------------------


@condition_app.command("define")
@recorded(rounds=False)
def condition_define(
    when: When,
    id: Annotated[str, typer.Argument(help="An id, e.g. reduction-in-violence.")],
    description: Annotated[str, typer.Option("--description")],
    test: Annotated[str, typer.Option("--test", help="quiet or occurred.")],
    start: Annotated[str, typer.Option("--start", help="First day of the window.")],
    end: Annotated[str, typer.Option("--end", help="Last day of the window.")],
    kinds: Annotated[str | None, typer.Option("--kinds", help="Comma-separated kinds.")] = None,
    actors: Annotated[str | None, typer.Option("--actors", help="Comma-separated.")] = None,
    max_events: Annotated[int, typer.Option("--max-events")] = 0,
    max_fatalities: Annotated[int | None, typer.Option("--max-fatalities")] = None,
    gates: Annotated[
        str | None, typer.Option("--gates", help="signature: no one signs until it holds.")
    ] = None,
) -> cx.DefineCondition:
    """Define a condition over events on the ground (see `accords condition --help`)."""
    return cx.DefineCondition(
        **when,
        id=id,
        description=description,
        test=as_choice(test, get_args(cx.ConditionTest)),
        start=_required_date(start, "--start"),
        end=_required_date(end, "--end"),
        kinds=split_list(kinds),
        actors=split_list(actors),
        max_events=max_events,
        max_fatalities=max_fatalities,
        gates=as_choice(gates, get_args(cx.Gate)) if gates else None,
    )


@condition_app.command("check")
@on_record
def condition_check(
    ref: RecordRef,
    id: Annotated[str | None, typer.Argument(help="One condition (default: all).")] = None,
    as_of: AsOf = None,
    json_out: JsonFlag = False,
) -> None:
    """Whether each condition holds, fails or is pending, from the events recorded.

    Default date: the last event in the record. Exits 1 when a checked condition fails.
    """
    state = ref.state()
    day = parse_date(as_of) or state.last_on or clock.today()
    with handled():
        conds = [cx.condition(state, id)] if id else cx.conditions(state)
    events = cx.context_events(state)
    results = [cx.evaluate(cond, events, day) for cond in conds]
    rows = [
        {
            "id": r.condition.id,
            "description": r.condition.description,
            "as_of": day.isoformat(),
            "verdict": r.word,
            "reason": r.reason,
            "window": [r.condition.start.isoformat(), r.condition.end.isoformat()],
            "gates": r.condition.gates,
            "matching_events": [_event_dict(e) for e in r.matching],
            "fatalities": r.fatalities,
        }
        for r in results
    ]
    if json_out:
        print_json(rows)
    else:
        if not rows:
            console.print("no conditions in the record")
        for row in rows:
            style = {"holds": "green", "fails": "red", "pending": "yellow"}[str(row["verdict"])]
            console.print(
                f"[{style}]{row['verdict']}[/] {row['id']} as of {row['as_of']}: "
                + escape(f"{row['description']} — {row['reason']}")
            )
    if any(r.holds is False for r in results):
        raise typer.Exit(1)


# -- obligations and the timeline: their own module, registered here --------------------

obligations.register(app)
