"""``accords person``: the people of the record, their titles, and who sat at each round.

People are public record: every command here shows everything, to anyone. The
options are those of the other record commands (``--on``, ``--source``, ``--note``,
``--round``, ``--db``, ``-n``, ``--json``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from accords.cli._app import command_group, console, fail, print_json
from accords.cli._common import (
    AsOf,
    JsonFlag,
    Note,
    On,
    SourceOpt,
    handled,
    on_or_today,
    parse_date,
    record_command,
)
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, on_record
from accords.model import people as pp

if TYPE_CHECKING:
    from accords.model.commands import Command
    from accords.model.state import State

__all__ = ["person_app"]

person_app = command_group(
    "person", "People: who speaks for whom, their titles with dates, and the rounds they attended."
)

PersonArg = Annotated[str, typer.Argument(help="The person's id.")]
PartyOpt = Annotated[str | None, typer.Option("--party", help="The party they speak for.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Held from, YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Held until, YYYY-MM-DD.")]
InstitutionOpt = Annotated[
    str, typer.Option("--institution", help="The office or institution the title belongs to.")
]


@person_app.command("add")
@on_record
def person_add(
    ref: RecordRef,
    id: Annotated[str, typer.Argument(help="Person id, e.g. khalilzad.")],
    name: Annotated[str, typer.Option("--name", help="Their name as usually written.")],
    party: PartyOpt = None,
    spelling: Annotated[
        list[str] | None,
        typer.Option("--spelling", help="Another spelling or transliteration (repeat)."),
    ] = None,
    honorific: Annotated[
        list[str] | None,
        typer.Option("--honorific", help="Mullah, Mawlawi, Ambassador … (repeat)."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="A title they hold.")] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    institution: InstitutionOpt = "",
    note: Note = "",
    on: On = None,
    source: SourceOpt = None,
) -> None:
    """Add a person (and, with --title, the title they hold)."""
    when = When(on=on_or_today(on), round=None, source=source)
    commands: list[Command] = [
        pp.AddPerson(
            **when,
            id=id,
            name=name,
            party=party,
            spellings=tuple(spelling or ()),
            honorifics=tuple(honorific or ()),
            note=note,
        )
    ]
    if title is not None:
        commands.append(_title(when, id, title, start=start, end=end, institution=institution))
    ref.execute(commands)


def _title(
    when: When,
    person: str,
    title: str,
    *,
    start: str | None,
    end: str | None,
    institution: str,
    party: str | None = None,
) -> pp.AddTitle:
    """The title move of ``person add --title`` and ``person title`` (dates as typed)."""
    return pp.AddTitle(
        **when,
        person=person,
        title=title,
        start=parse_date(start),
        end=parse_date(end),
        party=party,
        institution=institution,
    )


@person_app.command("title")
@recorded(rounds=False)
def person_title(
    when: When,
    person: PersonArg,
    title: Annotated[str, typer.Argument(help='e.g. "Taliban spokesman".')],
    start: FromOpt = None,
    end: ToOpt = None,
    party: Annotated[
        str | None, typer.Option("--party", help="The party the title speaks for, if not theirs.")
    ] = None,
    institution: InstitutionOpt = "",
) -> pp.AddTitle:
    """Record a title a person holds, with its dates."""
    return _title(when, person, title, start=start, end=end, institution=institution, party=party)


@person_app.command("attend")
@on_record
def person_attend(
    ref: RecordRef,
    person: PersonArg,
    number: Annotated[int, typer.Option("--round", help="The round they attended.")],
    party: Annotated[
        str | None,
        typer.Option("--party", help="In whose delegation (default: the party they spoke for)."),
    ] = None,
    on: On = None,
    source: SourceOpt = None,
) -> None:
    """Record that a person sat at a round, in a party's delegation."""
    r = ref.state().rounds.get(number)
    day = parse_date(on) or (r.start if r is not None else on_or_today(on))
    move = pp.RecordAttendance(on=day, source=source, person=person, number=number, party=party)
    record_command(ref.db, ref.negotiation, move)


def _row(p: pp.Person, state: State, day: date | None) -> dict[str, Any]:
    return {
        **p.to_json(),
        "speaks_for": p.party_on(day),
        "titles_now": [t.title for t in p.titles_on(day)],
        "rounds": [a.to_json() for a in pp.rounds_of(state, p.id)],
    }


@person_app.command("list")
@on_record
def person_list(
    ref: RecordRef,
    round: Annotated[
        int | None, typer.Option("--round", help="Only the delegations at this round.")
    ] = None,
    as_of: AsOf = None,
    json_out: JsonFlag = False,
) -> None:
    """List the people, whom they speak for, and their titles (as of a date or a round: those
    held then)."""
    day = parse_date(as_of)
    state = ref.state()
    if round is not None and round not in state.rounds:
        fail(f"no round {round} in the record")
    people = pp.people(state)
    if round is not None:
        day = day or state.rounds[round].start  # titles and parties as the round opened
        at = {a.person for a in pp.delegations(state, round)}
        people = [p for p in people if p.id in at]
    rows = [_row(p, state, day) for p in people]
    if json_out:
        print_json(rows)
        return
    _table(rows, state, round, day)


def _table(rows: list[dict[str, Any]], state: State, round: int | None, day: date | None) -> None:
    from rich.table import Table

    when = f", round {round}" if round is not None else f", as of {day}" if day else ""
    table = Table("id", "name", "speaks for", "titles", title=f"People — {state.title}{when}")
    for r in rows:
        party = r["speaks_for"]
        shown = state.parties[party].name if party in state.parties else "—"
        table.add_row(
            escape(r["id"]), escape(r["name"]), escape(shown), escape("; ".join(r["titles_now"]))
        )
    console.print(table)


@person_app.command("show")
@on_record
def person_show(
    ref: RecordRef,
    id: PersonArg,
    json_out: JsonFlag = False,
) -> None:
    """A person: names, honorifics, the party spoken for, titles with dates, rounds attended."""
    state = ref.state()
    with handled():
        p = pp.person(state, id)
    row = _row(p, state, None)
    if json_out:
        print_json(row)
        return
    console.print(f"[bold]{escape(p.name)}[/] ({escape(p.id)})")
    if p.honorifics:
        console.print(f"honorifics: {escape(', '.join(p.honorifics))}")
    if p.spellings:
        console.print(f"also written: {escape(', '.join(p.spellings))}")
    console.print(f"speaks for: {escape(p.party or 'no party')}")
    for t in p.titles:
        span = f"{t.start or '…'} – {t.end or '…'}"
        extra = "".join(f", {x}" for x in (t.institution, t.party) if x)
        console.print(f"  {escape(t.title)}{escape(extra)} ({span})")
    rounds = ", ".join(f"{a.round} ({a.party})" for a in pp.rounds_of(state, p.id))
    console.print(f"rounds attended: {escape(rounds or 'none recorded')}")
    for line in (p.note, p.source):
        if line:
            console.print(escape(line), style="dim")
