"""The negotiating text: moves on clauses, and ``accords text`` in md, html, docx or pdf.

The clause commands are written once, as a table (:data:`_COMMANDS`) of each one's
arguments and options, each named as the entry field it gives and helped by that
field's description in :mod:`accords.model.clause_entry`; every command hands them to
the model's one mapping, as the scenario loader does, so the two doors build the same
command and refuse a malformed move with the same sentence.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Final

import typer

from accords.cli._app import app, command_group, console, fail, print_json
from accords.cli._common import AsOf, By, LevelOpt, handled, parse_date, write_out
from accords.cli._move import When, recorded
from accords.cli._ref import RecordRef, RoundAsOf, StateView, on_record, shows_state
from accords.errors import RefusedMove
from accords.model import clause_entry as cx
from accords.model import clauses as cl
from accords.model.commands import Command

clause_app = command_group(
    "clause", "Clauses of the negotiating text: table, amend, bracket, accept, reserve, withdraw."
)

_SAID = cx.CLAUSE_DESCRIPTIONS
ClauseArg = Annotated[str, typer.Argument(help=_SAID["clause"], show_default=False)]
PartArg = Annotated[str, typer.Argument(help=_SAID["part"], show_default=False)]
#: The alternative a move is about, named on the command line (``amend``, ``accept``).
AltArg = Annotated[str, typer.Argument(help=_SAID["alternative"], show_default=False)]
#: The alternative a move may name (``table``: default A; ``bracket``, ``withdraw``).
AltOpt = Annotated[str | None, typer.Option("--alt", help=_SAID["alternative"])]
TextOpt = Annotated[str, typer.Option("--text", help=_SAID["text"])]
TitleOpt = Annotated[str, typer.Option("--title", help=_SAID["title"])]
ClauseNote = Annotated[str, typer.Option("--note", help=_SAID["note"])]

_FORMATS = ("md", "html", "docx", "pdf")


def _param(name: str, kind: object, default: object = inspect.Parameter.empty) -> inspect.Parameter:
    """One argument or option of a clause command, named as the entry's field it gives."""
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=kind
    )


_WHEN = _param("when", When)
_CLAUSE, _BY, _ALT = _param("clause", ClauseArg), _param("by", By), _param("alternative", AltArg)
_TEXT, _NOTE = _param("text", TextOpt, ""), _param("note", ClauseNote, "")
_MAY_ALT = _param("alternative", AltOpt, None)

#: Each clause command: its move, what ``--help`` says it does, and its own arguments and
#: options in the order the command line takes them (the shared ones follow, from ``recorded``).
_COMMANDS: Final[tuple[tuple[cx.ClauseMoveKind, str, tuple[inspect.Parameter, ...]], ...]] = (
    (
        "table",
        "Table a clause in a part: its first wording, or a heading whose text is to come.",
        (
            _param("part", PartArg),
            _CLAUSE,
            _BY,
            _TEXT,
            _param("title", TitleOpt, ""),
            _param("alternative", AltOpt, "A"),
        ),
    ),
    (
        "amend",
        "A new wording of an alternative; acceptances of the old wording no longer count.",
        (_CLAUSE, _ALT, _BY, _param("text", TextOpt)),
    ),
    (
        "bracket",
        "Contest a clause: put it in brackets, or table an alternative beside it (--alt --text).",
        (_CLAUSE, _BY, _MAY_ALT, _TEXT, _NOTE),
    ),
    (
        "accept",
        "A signatory accepts an alternative's current wording, at a level.",
        (_CLAUSE, _ALT, _BY, _param("level", LevelOpt, "confirmed"), _NOTE),
    ),
    (
        "reserve",
        "A signatory enters a reservation on a clause; the text shows it as a footnote.",
        (_CLAUSE, _BY, _param("note", ClauseNote)),
    ),
    (
        "withdraw",
        "Withdraw your stance on a clause, or (--alt) a wording you tabled.",
        (_CLAUSE, _BY, _MAY_ALT, _NOTE),
    ),
)


def _clause_move(
    move: cx.ClauseMoveKind, doc: str, params: tuple[inspect.Parameter, ...]
) -> Callable[..., None]:
    """The Typer command of a clause move: its arguments go to the model's one mapping
    (:func:`accords.model.clause_entry.clause_command`) by the entry's field names, and a
    refusal is one line, the model's sentence."""

    def build(when: When, **fields: Any) -> Command:
        try:
            return cx.clause_command(move, when, **fields)
        except RefusedMove as exc:
            fail(str(exc))

    build.__doc__ = doc
    build.__name__ = f"clause_{move}"
    build.__signature__ = inspect.Signature([_WHEN, *params])  # type: ignore[attr-defined]
    return recorded()(build)


for _move, _doc, _params in _COMMANDS:
    clause_app.command(_move)(_clause_move(_move, _doc, _params))


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
