"""Record commands: build the framework, record moves, read the board and the log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from accords.cli import moves, reading
from accords.cli._app import app, console, fail, print_json
from accords.cli._common import (
    DEFAULT_DB,
    Db,
    JsonFlag,
    NegotiationOpt,
    Note,
    as_choice,
    open_record,
    split_list,
)
from accords.cli._move import When, recorded
from accords.cli._numeric import numeric_spec
from accords.model import commands as c
from accords.model.framework import LINKAGE_KINDS, ROLES
from accords.model.moves import one_of

if TYPE_CHECKING:
    from rich.table import Table

    from accords.model import State

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

Title = Annotated[str, typer.Option("--title", help="Its title.")]
Text = Annotated[str, typer.Option("--text", help="Its text.")]
OfPart = Annotated[str, typer.Argument(help="The part.")]
OptionId = Annotated[str, typer.Argument(help="Option id, e.g. six-month.")]
#: A repeatable option's values (``--alias A --alias B``), or None when not given.
Many = list[str] | None


def _many(flag: str, help: str) -> Any:
    """A repeatable option: its help says so."""
    return typer.Option(flag, help=f"{help} (repeat).")


@app.command("new")
@recorded(create=True)
def new(
    when: When,
    id: Annotated[str, typer.Argument(help="An id for the negotiation, e.g. us-taliban.")],
    title: Title,
    description: Annotated[str, typer.Option("--description")] = "",
) -> c.CreateNegotiation:
    """Start the record of a new negotiation."""
    return c.CreateNegotiation(**when, id=id, title=title, description=description)


@party_app.command("add")
@recorded(rounds=False)
def party_add(
    when: When,
    id: Annotated[str, typer.Argument(help="Party id, e.g. taliban.")],
    name: Annotated[str, typer.Option("--name", help="Its name.")],
    role: Annotated[str, typer.Option("--role", help=f"{one_of(ROLES)}.")] = "party",
    alias: Annotated[Many, _many("--alias", "Another name the press uses")] = None,
) -> c.AddParty:
    """Add a party, mediator, facilitator, host or observer."""
    return c.AddParty(
        **when, id=id, name=name, role=as_choice(role, ROLES), aliases=tuple(alias or ())
    )


Rows = list[dict[str, Any]]


def _listing(
    db: str,
    negotiation: str | None,
    json_out: bool,
    rows_of: Callable[[State], Rows],
    table_of: Callable[[State, Rows], Table],
) -> None:
    """A listing of the record: its rows as JSON with ``--json``, else as a table."""
    with open_record(db) as record:
        state = record.state(record.resolve(negotiation))
    rows = rows_of(state)
    if json_out:
        print_json(rows)
    else:
        console.print(table_of(state, rows))


def _party_rows(state: State) -> Rows:
    return [
        {"id": p.id, "name": p.name, "role": p.role, "aliases": list(p.aliases)}
        for p in state.parties.values()
    ]


def _party_table(state: State, rows: Rows) -> Table:
    from rich.table import Table

    table = Table("id", "name", "role", "aliases", title=f"Parties — {escape(state.title)}")
    for r in rows:
        table.add_row(
            *(escape(x) for x in (r["id"], r["name"], r["role"], ", ".join(r["aliases"])))
        )
    return table


@party_app.command("list")
def party_list(
    json_out: JsonFlag = False, db: Db = DEFAULT_DB, negotiation: NegotiationOpt = None
) -> None:
    """List the parties and their roles."""
    _listing(db, negotiation, json_out, _party_rows, _party_table)


def _parse_options(values: list[str] | None) -> tuple[tuple[str, str], ...]:
    out = []
    for v in values or ():
        oid, sep, text = v.partition("=")
        if not oid.strip():
            fail(f"--option {v!r}: write ID=TEXT")
        out.append((oid.strip(), text.strip() if sep else ""))
    return tuple(out)


def _rule_data(rule: str, weight: list[str] | None, community: list[str] | None) -> dict[str, Any]:
    """The sign-off rule from --rule, --weight PARTY=NUMBER and --community NAME=PARTIES."""
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
    return rule_data


@part_app.command("add")
@recorded(rounds=False)
def part_add(
    when: When,
    id: Annotated[str, typer.Argument(help="Part id, e.g. withdrawal.")],
    title: Title,
    signatories: Annotated[str, typer.Option("--signatories", help="Comma-separated party ids.")],
    rule: Annotated[
        str, typer.Option("--rule", help="unanimity, or sufficient-consensus")
    ] = "unanimity",
    weight: Annotated[Many, _many("--weight", "PARTY=WEIGHT for sufficient consensus")] = None,
    community: Annotated[
        Many, _many("--community", "NAME=PARTY,PARTY for sufficient consensus")
    ] = None,
    text: Text = "",
    option: Annotated[Many, _many("--option", "ID=TEXT, a candidate term")] = None,
    numeric: Annotated[
        bool, typer.Option("--numeric", help="The part is a number in a range, not options.")
    ] = False,
    low: Annotated[str | None, typer.Option("--min", help="Lowest value (numeric).")] = None,
    high: Annotated[str | None, typer.Option("--max", help="Highest value (numeric).")] = None,
    step: Annotated[str, typer.Option("--step", help="Step between values (numeric).")] = "1",
    unit: Annotated[str, typer.Option("--unit", help="months, troops, prisoners, days")] = "",
) -> c.AddPart:
    """Add a part to the framework, with its signatories, sign-off rule and options
    (or, with --numeric, a range of values: --min, --max, --step, --unit)."""
    return c.AddPart(
        **when,
        id=id,
        title=title,
        text=text,
        signatories=split_list(signatories),
        rule=_rule_data(rule, weight, community),
        options=_parse_options(option),
        numeric=numeric_spec(numeric, low, high, step, unit),
    )


@option_app.command("add")
@recorded(rounds=False)
def option_add(
    when: When,
    part: OfPart,
    id: OptionId,
    text: Text = "",
) -> c.AddOption:
    """Add an option (a candidate term) to a part."""
    return c.AddOption(**when, part=part, id=id, text=text)


@link_app.command("add")
@recorded(rounds=False)
def link_add(
    when: When,
    kind: Annotated[str, typer.Argument(help=f"{one_of(LINKAGE_KINDS)}.")],
    from_: Annotated[str, typer.Argument(metavar="FROM", help="PART or PART:OPTION")],
    to: Annotated[str, typer.Argument(metavar="TO", help="PART or PART:OPTION")],
    note: Note = "",
) -> c.AddLinkage:
    """Tie two parts or options together."""
    return c.AddLinkage(**when, kind=as_choice(kind, LINKAGE_KINDS), from_=from_, to=to, note=note)


# -- rounds --------------------------------------------------------------------------


@round_app.command("open")
@recorded(rounds=False)
def round_open(
    when: When,
    number: Annotated[int, typer.Argument()],
    venue: Annotated[str, typer.Option("--venue")] = "",
    attended: Annotated[
        str | None, typer.Option("--attended", help="Party ids, comma-separated.")
    ] = None,
    absent: Annotated[str | None, typer.Option("--absent", help="Who stayed away.")] = None,
    refusal: Annotated[
        Many, _many("--refusal", "PARTY=OTHER,OTHER: PARTY refused to meet them")
    ] = None,
    note: Note = "",
) -> c.OpenRound:
    """Open a round of talks (on its first day)."""
    refusals = []
    for r in refusal or ():
        who, sep, others = r.partition("=")
        if not sep or not split_list(others):
            fail(f"--refusal {r!r}: write PARTY=OTHER[,OTHER]")
        refusals.append((who.strip(), split_list(others)))
    return c.OpenRound(
        **when,
        number=number,
        venue=venue,
        attended=split_list(attended),
        absent=split_list(absent),
        refusals=tuple(refusals),
        note=note,
    )


@round_app.command("close")
@recorded(rounds=False, sources=False)
def round_close(
    when: When, number: Annotated[int, typer.Argument()], note: Note = ""
) -> c.CloseRound:
    """Close a round of talks (on its last day)."""
    return c.CloseRound(**when, number=number, note=note)


@round_app.command("list")
def round_list(
    json_out: JsonFlag = False, db: Db = DEFAULT_DB, negotiation: NegotiationOpt = None
) -> None:
    """The rounds: dates, venue, who came, who refused to meet whom."""
    _listing(
        db,
        negotiation,
        json_out,
        lambda state: [r.to_dict() for r in state.rounds_in_order()],
        _round_table,
    )


def _round_table(state: State, rows: Rows) -> Table:
    from rich.table import Table

    table = Table("#", "dates", "venue", "attended", "refused", "note", title="Rounds")
    for r in rows:
        dates = r["start"] + (f" – {r['end']}" if r["end"] and r["end"] != r["start"] else "")
        refused = "; ".join(
            f"{x['party']} refused to meet {', '.join(x['refused_to_meet'])}" for x in r["refusals"]
        )
        cells = (str(r["number"]), dates, r["venue"], ", ".join(r["attended"]), refused, r["note"])
        table.add_row(*(escape(x) for x in cells))
    return table


# -- moves, reading, files: their own modules, registered here in this order -------------

moves.register(app, framework_app)
reading.register(app)
