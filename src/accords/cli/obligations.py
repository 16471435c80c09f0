"""Obligations after signature, reports of their performance, and the timeline.

``obligation add``/``obligation report`` are the ``obligation`` group
(:data:`obligation_app`); :func:`register` puts ``obligations`` and ``timeline``
on the app (``accords.cli.ground`` calls it, so the order of ``accords --help`` is kept).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, get_args

import typer
from rich.markup import escape

from accords import clock
from accords.cli._app import console, fail, print_json
from accords.cli._common import AsOf, JsonFlag, Note, as_choice, handled, parse_date, split_list
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, on_record
from accords.model import obligations as ob

__all__ = ["obligation_app", "register"]

#: ``timeline --out``: draw the timeline instead of listing it.
ImageOut = Annotated[
    Path | None,
    typer.Option("--out", help="Draw it to an image (.png, .svg, .pdf; needs the plot extra)."),
]

obligation_app = typer.Typer(
    help="Obligations after signature, and reports of their performance.", no_args_is_help=True
)


@recorded(rounds=False)
def obligation_add(
    when: When,
    id: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Option("--text", help="The commitment, in the text's words.")],
    obligors: Annotated[str, typer.Option("--obligors", help="Comma-separated party ids.")],
    measure: Annotated[str, typer.Option("--measure", help="What is counted.")],
    target: Annotated[float, typer.Option("--target", help="The value to reach.")],
    direction: Annotated[
        str, typer.Option("--direction", help="at-least or at-most.")
    ] = "at-least",
    unit: Annotated[str, typer.Option("--unit")] = "",
    beneficiaries: Annotated[str | None, typer.Option("--beneficiaries")] = None,
    part: Annotated[
        str | None, typer.Option("--part", help="The part whose text holds it.")
    ] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="YYYY-MM-DD.")] = None,
    days: Annotated[
        int | None, typer.Option("--days-after-signature", help="Due so many days after signing.")
    ] = None,
    condition: Annotated[
        str | None, typer.Option("--condition", help="Due only once this condition holds.")
    ] = None,
) -> ob.AddObligation:
    """Record a commitment: obligor, beneficiary, deadline or condition, and a measure."""
    return ob.AddObligation(
        **when,
        id=id,
        text=text,
        obligors=split_list(obligors),
        beneficiaries=split_list(beneficiaries),
        measure=measure,
        target=target,
        direction=as_choice(direction, get_args(ob.Direction)),
        unit=unit,
        part=part,
        deadline=parse_date(deadline),
        days_after_signature=days,
        condition=condition,
    )


@recorded(rounds=False)
def obligation_report(
    when: When,
    obligation: Annotated[str, typer.Argument()],
    value: Annotated[float, typer.Argument(help="The measure's value on that date.")],
    note: Note = "",
) -> ob.ReportPerformance:
    """Report performance: the measure's value on a date (e.g. troops remaining)."""
    return ob.ReportPerformance(**when, obligation=obligation, value=value, note=note)


@on_record
def obligations_cmd(
    ref: RecordRef,
    as_of: AsOf = None,
    json_out: JsonFlag = False,
) -> None:
    """Obligations and their status (on time, late, breached, met) as of a date (default today).

    An obligation that falls on a party who did not sign its text is flagged.
    """
    from accords.ground.timeline import obligation_rows

    day = parse_date(as_of) or clock.today()
    state = ref.state(as_of=day)
    with handled():
        rows = obligation_rows(state, day)
    if json_out:
        print_json({"as_of": day.isoformat(), "obligations": rows})
        return
    from rich.table import Table

    table = Table(
        "obligation",
        "by",
        "measure",
        "due",
        "status",
        "latest report",
        title=f"Obligations as of {day.isoformat()}",
    )
    flags = []
    for r in rows:
        latest = f"{r['latest']['value']:,.0f} ({r['latest']['on']})" if r["latest"] else "none"
        style = {"met": "green", "late": "yellow", "breached": "red"}.get(r["status"], "")
        status = f"[{style}]{r['status']}[/]" if style else r["status"]
        mark = " ⚑" if r["flag"] else ""
        table.add_row(
            r["id"] + mark,
            ", ".join(r["obligors"]),
            escape(r["measure"]),
            r["due"] or r["due_text"],
            status,
            latest,
        )
        if r["flag"]:
            flags.append(f"⚑ {r['id']}: {r['flag']}")
    console.print(table)
    for line in flags:
        console.print(escape(line))


@on_record
def timeline(
    ref: RecordRef,
    as_of: AsOf = None,
    out: ImageOut = None,
    json_out: JsonFlag = False,
) -> None:
    """One timeline: rounds, events on the ground, signatures, deadlines and reports."""
    from accords.ground.timeline import plot_timeline, timeline_rows

    day = parse_date(as_of) or clock.today()
    state = ref.state(as_of=day)
    with handled():
        rows = timeline_rows(state, day)
        if out is not None:
            try:
                plot_timeline(state, day, out)
            except (OSError, ValueError) as exc:
                fail(f"cannot write {out}: {exc}")
            console.print(f"[green]wrote[/] {out}")
            return
    data = [
        {
            "start": r.start.isoformat(),
            "end": r.end.isoformat() if r.end else None,
            "lane": r.lane,
            "label": r.label,
            "fatalities": r.fatalities,
        }
        for r in rows
    ]
    if json_out:
        print_json(data)
        return
    from rich.table import Table

    table = Table("date", "lane", "what", title=f"Timeline — {state.title}")
    for r in rows:
        when = r.start.isoformat()
        if r.end is not None and r.end != r.start:
            when += f" – {r.end.isoformat()}"
        deaths = f" ({r.fatalities} killed)" if r.fatalities else ""
        table.add_row(when, r.lane, escape(r.label + deaths))
    console.print(table)


obligation_app.command("add")(obligation_add)
obligation_app.command("report")(obligation_report)


def register(app: typer.Typer) -> None:
    """Put ``obligations`` and ``timeline`` on ``app``."""
    app.command("obligations")(obligations_cmd)
    app.command("timeline")(timeline)
