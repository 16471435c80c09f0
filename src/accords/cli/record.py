"""Record commands: build the framework, record moves, read the board and the log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from accords.cli._app import app, console, err_console, fail, print_json
from accords.cli._common import (
    DEFAULT_DB,
    AsOf,
    By,
    Db,
    JsonFlag,
    LevelOpt,
    NegotiationOpt,
    Note,
    On,
    RoundOpt,
    SourceOpt,
    Viewer,
    handled,
    level_of,
    on_or_today,
    open_record,
    parse_date,
    record_command,
    split_list,
)
from accords.model import commands as c
from accords.model.viewer import cli_viewer, may_see_confidential

party_app = typer.Typer(help="Parties, mediators, hosts and observers.", no_args_is_help=True)
part_app = typer.Typer(help="The parts of the framework and their options.", no_args_is_help=True)
option_app = typer.Typer(help="Options (candidate terms) of a part.", no_args_is_help=True)
link_app = typer.Typer(help="Linkages between parts and options.", no_args_is_help=True)
round_app = typer.Typer(help="Rounds of talks.", no_args_is_help=True)
framework_app = typer.Typer(help="The framework as a whole.", no_args_is_help=True)
app.add_typer(party_app, name="party")
app.add_typer(part_app, name="part")
app.add_typer(option_app, name="option")
app.add_typer(link_app, name="link")
app.add_typer(round_app, name="round")
app.add_typer(framework_app, name="framework")


# -- framework -----------------------------------------------------------------------


@app.command("new")
def new(
    id: Annotated[str, typer.Argument(help="An id for the negotiation, e.g. us-taliban.")],
    title: Annotated[str, typer.Option("--title", help="Its title.")],
    description: Annotated[str, typer.Option("--description")] = "",
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Start the record of a new negotiation."""
    record_command(
        db,
        None,
        c.CreateNegotiation(
            on=on_or_today(on), id=id, title=title, description=description, source=source
        ),
        create=True,
    )


@party_app.command("add")
def party_add(
    id: Annotated[str, typer.Argument(help="Party id, e.g. taliban.")],
    name: Annotated[str, typer.Option("--name", help="Its name.")],
    role: Annotated[
        str, typer.Option("--role", help="party, mediator, facilitator, host or observer.")
    ] = "party",
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name the press uses (repeat).")
    ] = None,
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Add a party, mediator, facilitator, host or observer."""
    record_command(
        db,
        negotiation,
        c.AddParty(
            on=on_or_today(on),
            id=id,
            name=name,
            role=role,  # type: ignore[arg-type]
            aliases=tuple(alias or ()),
            source=source,
        ),
    )


@party_app.command("list")
def party_list(
    json_out: JsonFlag = False, db: Db = DEFAULT_DB, negotiation: NegotiationOpt = None
) -> None:
    """List the parties and their roles."""
    with open_record(db) as record:
        state = record.state(record.resolve(negotiation))
    rows: list[dict[str, Any]] = [
        {"id": p.id, "name": p.name, "role": p.role, "aliases": list(p.aliases)}
        for p in state.parties.values()
    ]
    if json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("id", "name", "role", "aliases", title=f"Parties — {escape(state.title)}")
    for r in rows:
        table.add_row(
            *(escape(x) for x in (r["id"], r["name"], r["role"], ", ".join(r["aliases"])))
        )
    console.print(table)


def _parse_options(values: list[str] | None) -> tuple[tuple[str, str], ...]:
    out = []
    for v in values or ():
        oid, sep, text = v.partition("=")
        if not oid.strip():
            fail(f"--option {v!r}: write ID=TEXT")
        out.append((oid.strip(), text.strip() if sep else ""))
    return tuple(out)


@part_app.command("add")
def part_add(
    id: Annotated[str, typer.Argument(help="Part id, e.g. withdrawal.")],
    title: Annotated[str, typer.Option("--title")],
    signatories: Annotated[str, typer.Option("--signatories", help="Comma-separated party ids.")],
    rule: Annotated[
        str, typer.Option("--rule", help="unanimity, or sufficient-consensus")
    ] = "unanimity",
    weight: Annotated[
        list[str] | None,
        typer.Option("--weight", help="PARTY=WEIGHT for sufficient consensus (repeat)."),
    ] = None,
    community: Annotated[
        list[str] | None,
        typer.Option("--community", help="NAME=PARTY,PARTY for sufficient consensus (repeat)."),
    ] = None,
    text: Annotated[str, typer.Option("--text")] = "",
    option: Annotated[
        list[str] | None, typer.Option("--option", help="ID=TEXT, a candidate term (repeat).")
    ] = None,
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Add a part to the framework, with its signatories, sign-off rule and options."""
    rule_data: dict[str, Any] = {"kind": rule}
    if weight:
        weights = {}
        for w in weight:
            who, _, value = w.partition("=")
            try:
                weights[who.strip()] = float(value)
            except ValueError:
                fail(f"--weight {w!r}: write PARTY=NUMBER")
        rule_data["weights"] = weights
    if community:
        rule_data["communities"] = {
            name.strip(): list(split_list(members))
            for name, _, members in (x.partition("=") for x in community)
        }
    record_command(
        db,
        negotiation,
        c.AddPart(
            on=on_or_today(on),
            id=id,
            title=title,
            text=text,
            signatories=split_list(signatories),
            rule=rule_data,
            options=_parse_options(option),
            source=source,
        ),
    )


@option_app.command("add")
def option_add(
    part: Annotated[str, typer.Argument()],
    id: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Option("--text")] = "",
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Add an option (a candidate term) to a part."""
    record_command(
        db, negotiation, c.AddOption(on=on_or_today(on), part=part, id=id, text=text, source=source)
    )


@link_app.command("add")
def link_add(
    kind: Annotated[
        str,
        typer.Argument(
            help="requires, excludes, sequenced-after, conditional-on or traded-against."
        ),
    ],
    from_: Annotated[str, typer.Argument(metavar="FROM", help="PART or PART:OPTION")],
    to: Annotated[str, typer.Argument(metavar="TO", help="PART or PART:OPTION")],
    note: Note = "",
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Tie two parts or options together."""
    record_command(
        db,
        negotiation,
        c.AddLinkage(on=on_or_today(on), kind=kind, from_=from_, to=to, note=note, source=source),  # type: ignore[arg-type]
    )


# -- rounds --------------------------------------------------------------------------


@round_app.command("open")
def round_open(
    number: Annotated[int, typer.Argument()],
    venue: Annotated[str, typer.Option("--venue")] = "",
    attended: Annotated[
        str | None, typer.Option("--attended", help="Party ids, comma-separated.")
    ] = None,
    absent: Annotated[str | None, typer.Option("--absent", help="Who stayed away.")] = None,
    refusal: Annotated[
        list[str] | None,
        typer.Option("--refusal", help="PARTY=OTHER,OTHER: PARTY refused to meet them (repeat)."),
    ] = None,
    note: Note = "",
    on: On = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Open a round of talks (on its first day)."""
    refusals = []
    for r in refusal or ():
        who, sep, others = r.partition("=")
        if not sep or not split_list(others):
            fail(f"--refusal {r!r}: write PARTY=OTHER[,OTHER]")
        refusals.append((who.strip(), split_list(others)))
    record_command(
        db,
        negotiation,
        c.OpenRound(
            on=on_or_today(on),
            number=number,
            venue=venue,
            attended=split_list(attended),
            absent=split_list(absent),
            refusals=tuple(refusals),
            note=note,
            source=source,
        ),
    )


@round_app.command("close")
def round_close(
    number: Annotated[int, typer.Argument()],
    note: Note = "",
    on: On = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Close a round of talks (on its last day)."""
    record_command(db, negotiation, c.CloseRound(on=on_or_today(on), number=number, note=note))


@round_app.command("list")
def round_list(
    json_out: JsonFlag = False, db: Db = DEFAULT_DB, negotiation: NegotiationOpt = None
) -> None:
    """The rounds: dates, venue, who came, who refused to meet whom."""
    with open_record(db) as record:
        state = record.state(record.resolve(negotiation))
    rows = [r.to_dict() for r in state.rounds_in_order()]
    if json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("#", "dates", "venue", "attended", "refused", "note", title="Rounds")
    for r in rows:
        dates = r["start"] + (f" – {r['end']}" if r["end"] and r["end"] != r["start"] else "")
        refused = "; ".join(
            f"{x['party']} refused to meet {', '.join(x['refused_to_meet'])}" for x in r["refusals"]
        )
        cells = (str(r["number"]), dates, r["venue"], ", ".join(r["attended"]), refused, r["note"])
        table.add_row(*(escape(x) for x in cells))
    console.print(table)


# -- moves ---------------------------------------------------------------------------


@framework_app.command("accept")
def framework_accept(
    by: By,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A party accepts the framework itself (not any of its parts)."""
    record_command(
        db,
        negotiation,
        c.AcceptFramework(on=on_or_today(on), round=round, source=source, party=by, note=note),
    )


@app.command("propose")
def propose(
    part: Annotated[str, typer.Argument()],
    option: Annotated[str, typer.Argument()],
    by: By,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Table an option for a part."""
    record_command(
        db,
        negotiation,
        c.Propose(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            option=option,
            party=by,
            note=note,
        ),
    )


@app.command("accept")
def accept(
    part: Annotated[str, typer.Argument()],
    option: Annotated[str, typer.Argument()],
    by: By,
    level: LevelOpt = "confirmed",
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory accepts an option for a part, at a level (provisional until the package)."""
    record_command(
        db,
        negotiation,
        c.Accept(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            option=option,
            party=by,
            level=level_of(level),
            note=note,
        ),
    )


@app.command("reject")
def reject(
    part: Annotated[str, typer.Argument()],
    by: By,
    option: Annotated[str | None, typer.Argument()] = None,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory rejects a part (or one option of it)."""
    record_command(
        db,
        negotiation,
        c.Reject(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            party=by,
            option=option,
            note=note,
        ),
    )


@app.command("reserve")
def reserve(
    part: Annotated[str, typer.Argument()],
    by: By,
    note: Annotated[str, typer.Option("--note", help="What is reserved.")],
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory enters a reservation on a part."""
    record_command(
        db,
        negotiation,
        c.Reserve(on=on_or_today(on), round=round, source=source, part=part, party=by, note=note),
    )


def _side_move(kind: type[c.Withdraw] | type[c.Reopen] | type[c.Defer], doc: str) -> Any:
    def command(
        part: Annotated[str, typer.Argument()],
        by: By,
        note: Note = "",
        on: On = None,
        round: RoundOpt = None,
        source: SourceOpt = None,
        db: Db = DEFAULT_DB,
        negotiation: NegotiationOpt = None,
    ) -> None:
        record_command(
            db,
            negotiation,
            kind(on=on_or_today(on), round=round, source=source, part=part, party=by, note=note),
        )

    command.__doc__ = doc
    return command


app.command("withdraw")(
    _side_move(c.Withdraw, "A party withdraws its acceptance or proposal on a part.")
)
app.command("reopen")(
    _side_move(c.Reopen, "Reopen a part: its acceptances fall back to proposals.")
)
app.command("defer")(_side_move(c.Defer, "Set a part aside for later (it blocks the package)."))


def _package_move(kind: type[c.Confirm] | type[c.Initial] | type[c.Sign], doc: str) -> Any:
    def command(
        by: By,
        on: On = None,
        round: RoundOpt = None,
        source: SourceOpt = None,
        db: Db = DEFAULT_DB,
        negotiation: NegotiationOpt = None,
    ) -> None:
        record_command(
            db, negotiation, kind(on=on_or_today(on), round=round, source=source, party=by)
        )

    command.__doc__ = doc
    return command


app.command("confirm")(
    _package_move(c.Confirm, "A party confirms the whole package as it now stands.")
)
app.command("initial")(_package_move(c.Initial, "A party initials the concluded package."))
app.command("sign")(_package_move(c.Sign, "A party signs the concluded package."))


# -- reading -------------------------------------------------------------------------


@app.command("status")
def status(
    as_of: AsOf = None,
    round: Annotated[int | None, typer.Option("--round", help="As of the end of round N.")] = None,
    json_out: JsonFlag = False,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """The board: where each part stands, with whom, and what is still missing."""
    from accords.cli.board import print_board
    from accords.model import status_dict

    if as_of is not None and round is not None:
        fail("give --as-of or --round, not both")
    day = parse_date(as_of)
    with open_record(db) as record:
        nid = record.resolve(negotiation)
        state = record.state(nid, as_of=day, round=round)
    if json_out:
        data = status_dict(state)
        if day is not None:
            data["as_of"] = day.isoformat()
        if round is not None:
            data["round"] = round
        print_json(data)
        return
    label = f"as of {day.isoformat()}" if day else (f"as of round {round}" if round else "now")
    print_board(state, label)


@app.command("log")
def log(
    json_out: JsonFlag = False,
    viewer: Viewer = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """The event log, oldest first; confidential payloads only for their party and the mediator."""
    from accords.cli.board import redact

    with open_record(db) as record:
        nid = record.resolve(negotiation)
        state = record.state(nid)
        with handled():
            who = cli_viewer(viewer, state.parties)
        events = list(record.events(nid))
    rows: list[dict[str, Any]] = [
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
    if json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("#", "on", "event", "details", title=f"Log — {escape(state.title)}")
    for r in rows:
        details = ", ".join(f"{k}={v}" for k, v in r["payload"].items() if k != "source")
        table.add_row(str(r["seq"]), r["occurred_on"], r["type"], escape(details))
    console.print(table)


@app.command("verify")
def verify(db: Db = DEFAULT_DB, negotiation: NegotiationOpt = None) -> None:
    """Walk the hash chain; name the first event that does not match."""
    with open_record(db) as record:
        ids = [record.resolve(negotiation)] if negotiation else record.negotiations()
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


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="A scenario file, YAML or JSON.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Load a scenario file into the database: all of it, or nothing."""
    from accords.scenario.load import load_scenario

    with handled():
        nid, count = load_scenario(file, db)
    console.print(f"[green]loaded[/] {nid}: {count} events from {escape(str(file))}")


@app.command("export")
def export(
    file: Annotated[Path | None, typer.Argument(help="Where to write (default: stdout).")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="yaml or json; pax (PA-X row); csv.")
    ] = None,
    data: Annotated[
        str,
        typer.Option("--data", help="scenario, log, board, claims, obligations or events."),
    ] = "scenario",
    viewer: Viewer = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Write the record back as a scenario file (preferences only --as mediator or that party).

    With --data log|board|claims|obligations|events: that, as --format json or csv.
    With --format pax: the agreement's PA-X codebook row (CSV, PA-X column names).
    """
    from accords.scenario.native import dump_scenario, export_scenario

    if data != "scenario" or fmt in ("pax", "csv"):
        from accords.cli.exports import export_data

        default = "csv" if file is not None and file.suffix.lower() == ".csv" else "json"
        export_data(file, fmt or default, data, viewer, db, negotiation)
        return

    chosen = fmt or ("json" if file is not None and file.suffix.lower() == ".json" else "yaml")
    if chosen not in ("yaml", "json"):
        fail(f"unknown format {chosen!r}: use yaml or json")
    with open_record(db) as record:
        nid = record.resolve(negotiation)
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


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of scenario files."""
    from accords.scenario.schema import Scenario

    print_json(Scenario.model_json_schema(by_alias=True))


@app.command("demo")
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


note_app = typer.Typer(help="Private notes: visible only to their party and the mediator.")
app.add_typer(note_app, name="note")


@note_app.command("add")
def note_add(
    text: Annotated[str, typer.Argument(help="The note.")],
    by: By,
    part: Annotated[str | None, typer.Option("--part", help="The part it is about.")] = None,
    on: On = None,
    round: RoundOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Keep a private note for a party (confidential: that party and the mediator only)."""
    record_command(
        db,
        negotiation,
        c.RecordNote(on=on_or_today(on), round=round, party=by, text=text, part=part),
    )


@note_app.command("list")
def note_list(
    viewer: Annotated[
        str, typer.Option("--as", help="mediator, or the party whose notes to show.")
    ],
    json_out: JsonFlag = False,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A party's private notes, for that party or the mediator."""
    with open_record(db) as record:
        nid = record.resolve(negotiation)
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
