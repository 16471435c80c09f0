"""The negotiating text: moves on clauses, and ``accords text`` in md, html, docx or pdf."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accords.cli._app import app, command_group, console, fail, print_json
from accords.cli._common import (
    AsOf,
    By,
    LevelOpt,
    Note,
    handled,
    level_of,
    parse_date,
    write_out,
)
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, RoundAsOf, StateView, on_record, shows_state
from accords.model import clauses as cl

clause_app = command_group(
    "clause", "Clauses of the negotiating text: table, amend, bracket, accept, reserve, withdraw."
)

ClauseArg = Annotated[str, typer.Argument(help="The clause id, e.g. withdrawal-timeline.")]
#: The alternative a move is about, named on the command line (``amend``, ``accept``).
AltArg = Annotated[str, typer.Argument(help="Which alternative, e.g. A.")]

_FORMATS = ("md", "html", "docx", "pdf")


@clause_app.command("table")
@recorded()
def clause_table(
    when: When,
    part: Annotated[str, typer.Argument(help="The part the clause belongs to.")],
    clause: ClauseArg,
    by: By,
    text: Annotated[str, typer.Option("--text", help="Its first wording (empty: a heading).")] = "",
    title: Annotated[str, typer.Option("--title", help="A short heading.")] = "",
    alternative: Annotated[str, typer.Option("--alt", help="The wording's label.")] = "A",
) -> cl.TableClause:
    """Table a clause in a part: its first wording, or a heading whose text is to come."""
    return cl.TableClause(
        **when, part=part, clause=clause, party=by, text=text, title=title, alternative=alternative
    )


@clause_app.command("amend")
@recorded()
def clause_amend(
    when: When,
    clause: ClauseArg,
    alternative: AltArg,
    by: By,
    text: Annotated[str, typer.Option("--text", help="The new wording.")],
) -> cl.AmendClause:
    """A new wording of an alternative; acceptances of the old wording no longer count."""
    return cl.AmendClause(**when, clause=clause, alternative=alternative, party=by, text=text)


@clause_app.command("bracket")
@recorded()
def clause_bracket(
    when: When,
    clause: ClauseArg,
    by: By,
    alternative: Annotated[
        str | None, typer.Option("--alt", help="Label of an alternative wording, e.g. B.")
    ] = None,
    text: Annotated[str, typer.Option("--text", help="The alternative wording.")] = "",
    note: Note = "",
) -> cl.BracketClause:
    """Contest a clause: put it in brackets, or table an alternative beside it (--alt --text)."""
    return cl.BracketClause(
        **when, clause=clause, party=by, alternative=alternative, text=text, note=note
    )


@clause_app.command("accept")
@recorded()
def clause_accept(
    when: When,
    clause: ClauseArg,
    alternative: AltArg,
    by: By,
    level: LevelOpt = "confirmed",
    note: Note = "",
) -> cl.AcceptClause:
    """A signatory accepts an alternative's current wording, at a level."""
    return cl.AcceptClause(
        **when, clause=clause, alternative=alternative, party=by, level=level_of(level), note=note
    )


@clause_app.command("reserve")
@recorded()
def clause_reserve(
    when: When,
    clause: ClauseArg,
    by: By,
    note: Annotated[str, typer.Option("--note", help="What is reserved (becomes a footnote).")],
) -> cl.ReserveClause:
    """A signatory enters a reservation on a clause; the text shows it as a footnote."""
    return cl.ReserveClause(**when, clause=clause, party=by, note=note)


@clause_app.command("withdraw")
@recorded()
def clause_withdraw(
    when: When,
    clause: ClauseArg,
    by: By,
    alternative: Annotated[
        str | None, typer.Option("--alt", help="Withdraw this wording you tabled.")
    ] = None,
    note: Note = "",
) -> cl.WithdrawClause:
    """Withdraw your stance on a clause, or (--alt) a wording you tabled."""
    return cl.WithdrawClause(**when, clause=clause, party=by, alternative=alternative, note=note)


@clause_app.command("list")
@shows_state
def clause_list(view: StateView) -> None:
    """The clauses with their status, alternatives and stances."""
    state = view.state()
    rows: list[dict[str, Any]] = []
    for clause in cl.clauses(state):
        st = cl.clause_status(state, clause)
        rows.append(
            {
                "id": clause.id,
                "number": cl.clause_number(state, clause),
                "part": clause.part,
                "title": clause.title,
                "status": st.status,
                "alternative": st.alternative,
                "alternatives": [
                    {"id": a.id, "text": a.text, "version": a.version, "withdrawn": a.withdrawn}
                    for a in clause.alternatives
                ],
                "stances": {
                    p: {"kind": s.kind, "alternative": s.alternative, "level": s.level}
                    for p, s in clause.stances.items()
                },
            }
        )
    if view.json_out:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("#", "clause", "status", "alternatives", title=f"Clauses — {state.title}")
    for r in rows:
        alts = "; ".join(f"{a['id']} v{a['version']}" for a in r["alternatives"])
        table.add_row(r["number"], r["id"], r["status"], alts)
    console.print(table)


def _state_label(as_of: str | None, round: int | None) -> str:
    if as_of:
        return as_of
    if round is not None:
        return f"the end of round {round}"
    return "now"


@app.command("text")
@on_record
def text(
    ref: RecordRef,
    as_of: AsOf = None,
    round: RoundAsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="md, html, docx or pdf.")] = "md",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (needed for docx, pdf).")
    ] = None,
    diff: Annotated[
        tuple[int, int] | None,
        typer.Option("--diff", help="Show what changed between two rounds: --diff 4 5."),
    ] = None,
) -> None:
    """The whole negotiating text: agreed text clean, the rest in \\[brackets], \\[A]\\[B].

    Every passage is labelled in words (agreed at negotiators' level, agreed in
    principle, proposed …) and each party's reservations are footnotes. DOCX and
    PDF need the ``docs`` extra (pip install 'accords\\[docs]').
    """
    from accords.draft import build_document, diff_documents
    from accords.draft.html import to_html_page
    from accords.draft.markdown import to_markdown

    if fmt not in _FORMATS:
        fail(f"unknown format {fmt!r}: use {', '.join(_FORMATS)}")
    if as_of is not None and round is not None:
        fail("give --as-of or --round, not both")
    if diff is not None and (as_of is not None or round is not None):
        fail("--diff compares two rounds; leave out --as-of and --round")
    day = parse_date(as_of)
    with ref.open() as (record, nid):
        if diff is not None:
            a, b = diff
            old = build_document(record.state(nid, round=a), f"the end of round {a}")
            new = build_document(record.state(nid, round=b), f"the end of round {b}")
            result = diff_documents(old, new, f"round {a}", f"round {b}")
            _emit(result, out)
            return
        state = record.state(nid, as_of=day, round=round)
    doc = build_document(state, _state_label(as_of, round))
    if fmt in ("docx", "pdf"):
        if out is None:
            fail(f"--format {fmt} writes a file: give --out FILE.{fmt}")
        from accords.draft.docx import write_docx
        from accords.draft.pdf import write_pdf

        with handled():
            try:
                (write_docx if fmt == "docx" else write_pdf)(doc, out)
            except OSError as exc:
                fail(f"cannot write {out}: {exc.strerror}")
        console.print(f"[green]wrote[/] {out}")
        return
    _emit(to_markdown(doc) if fmt == "md" else to_html_page(doc), out)


def _emit(value: str, out: Path | None) -> None:
    write_out(value, out, f"[green]wrote[/] {out}")
