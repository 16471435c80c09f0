"""``accords facilitate improve|blind``: facilitation on the parties' fitted profiles.

``improve`` (the mediator's, ``--as mediator``): the packages every negotiating
party weakly prefers to the one on the table, strictly for one at least, each
with the Monte Carlo probability, over the profiles' uncertainty, that every
party prefers it. It shows packages and probabilities only. The space is read
in chunks, in this process or, with ``--scheduler ADDRESS|local``, on Dask.

``blind`` (each delegation for itself, ``--as PARTY``): marks privately what the
party would accept, ``--least`` a satisfaction (0–100) under its own profile or
``--packages FILE`` (a JSON list of packages); the mark is kept with its
confidential preferences. Without a mark it shows how many parties have marked
and, once all have, the packages every party accepts, never who accepted what.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from accords import clock
from accords.cli._app import command_group, console, fail, print_json
from accords.cli._common import JsonFlag, handled
from accords.cli._ref import RecordRef, on_record

__all__ = ["facilitate_app"]

facilitate_app = command_group(
    "facilitate",
    "Facilitation on fitted profiles: packages that improve on the table, and blind acceptance.",
)

_As = Annotated[str, typer.Option("--as", help="Who is asking: mediator, or a party id.")]


def _line(package: dict[str, str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in package.items())


@facilitate_app.command("improve")
@on_record
def improve(
    ref: RecordRef,
    viewer: _As,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Most packages.")] = 20,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Read the space on Dask: a scheduler ADDRESS, or 'local' for a local cluster "
            "(default: in this process, chunk by chunk).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Packages every party prefers to the one on the table (the mediator only)."""
    from accords.elicitation import improvements

    if viewer != "mediator":
        fail("only the mediator may see the packages that improve on the table (--as mediator)")
    state = ref.state()
    with handled():
        table, found = improvements(state, limit=limit, scheduler=scheduler)
    if as_json:
        print_json({"table": table, "improvements": [i.to_json() for i in found]})
        return
    console.print(f"On the table: {_line(table)}")
    if not found:
        console.print("No package improves on it for every party.")
    for i in found:
        console.print(f"  {i.probability:4.0%}  {_line(dict(i.package))}")


def _mark(least: float | None, packages: Path | None) -> dict[str, Any] | None:
    if least is not None and packages is not None:
        fail("give --least or --packages, not both")
    if least is not None:
        return {"least": least / 100.0}
    if packages is None:
        return None
    try:
        data = json.loads(packages.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"{packages}: not a JSON list of packages ({exc.__class__.__name__})")
    return {"packages": data}


@facilitate_app.command("blind")
@on_record
def blind(
    ref: RecordRef,
    viewer: _As,
    least: Annotated[
        float | None,
        typer.Option("--least", min=0, max=100, help="The least satisfaction you would accept."),
    ] = None,
    packages: Annotated[
        Path | None, typer.Option("--packages", help="A JSON list of packages you would accept.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Mark privately what your party would accept; see what every party accepts."""
    from accords.elicitation import blind_mark, record_answers, revealed

    mark = _mark(least, packages)
    with ref.open() as (record, nid):
        state = record.state(nid)
        if mark is not None:
            if viewer == "mediator":
                fail("each delegation marks for itself: --as PARTY")
            cmd = record_answers(state, viewer, {}, clock.today(), blind=blind_mark(state, mark))
            record.execute(nid, cmd, recorded_by=f"party:{viewer} (cli)")
            state = record.state(nid)
        elif viewer != "mediator" and viewer not in state.negotiating_parties():
            fail(f"blind acceptance is for the parties and the mediator, not {viewer!r}")
        marked, total, together = revealed(state)
    if as_json:
        print_json({"marked": marked, "parties": total, "intersection": together})
        return
    if mark is not None:
        console.print("Your mark is kept privately; only what every party accepts is shown.")
    if together is None:
        console.print(f"{marked} of {total} parties have marked; the result waits for all.")
        return
    console.print(f"Every party has marked: {len(together)} packages are acceptable to all.")
    for package in together:
        console.print(f"  {_line(package)}")
