"""``accords ingest`` and ``accords claims``: statements in news, checked against the record.

An ingest reads every file first; a file that cannot be read is named with the
reason, and then nothing is recorded at all, so a batch is recorded whole or not
at all. Statements are appended in one append, after the record's head was read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from accords import clock
from accords.cli._app import (
    DEFAULT_DB,
    Db,
    NegotiationOpt,
    app,
    console,
    err_console,
    fail,
    grouped,
    print_json,
)
from accords.cli._common import JsonFlag, handled, parse_date
from accords.cli._ref import RecordRef, on_record

# Registers the ``statement-recorded`` event type with the fold, for every command that reads a log.
from accords.text import _events  # noqa: F401

if TYPE_CHECKING:
    from accords.application import Record
    from accords.text import Article, ArticleStatements
    from accords.text._adapter import RecordNegotiation
    from accords.text._people import Directory

__all__ = ["claims", "ingest"]

_VERDICT_STYLE = {
    "supported": "green",
    "premature": "yellow",
    "contradicted": "red",
    "unverifiable": "dim",
}


def _db_exists(db: str) -> bool:
    return "://" in db or os.path.exists(db)


def _read_all(files: list[Path]) -> tuple[list[Article], list[str]]:
    from accords.errors import ArticleError
    from accords.text import read_article

    articles: list[Article] = []
    problems: list[str] = []
    for f in files:
        try:
            articles.append(read_article(f))
        except ArticleError as exc:
            problems.append(str(exc))
    return articles, problems


def _print_results(results: list[ArticleStatements]) -> None:
    from rich.table import Table

    for res in results:
        a = res.article
        head = a.title or a.source
        meta = ", ".join(x for x in (a.byline, a.date.isoformat() if a.date else None) if x)
        table = Table(
            "speaker",
            "kind",
            "statement",
            "claims",
            title=f"{head} [dim]{meta}[/]",
            show_lines=True,
            expand=True,
        )
        for st in res.statements:
            who = st.speaker or "?"
            if st.party:
                who += f"\n[dim]{st.party}[/]"
            claims = "\n".join(
                f"{c.part or 'package'} {c.asserts}"
                + (
                    f": [{_VERDICT_STYLE.get(c.verdict, '')}]{c.verdict}[/]\n[dim]{c.reason}[/]"
                    if c.verdict
                    else ""
                )
                for c in st.claims
            )
            table.add_row(who, st.kind, st.text, claims or "—")
        console.print(table)
        for note in res.notes:
            err_console.print(f"[yellow]note:[/] {a.source}: {note}")
        if not res.statements:
            console.print(f"[dim]{a.source}: no statements found[/]")


@dataclass(frozen=True)
class IngestOptions:
    """``ingest``'s arguments and options, handed whole to the steps that need them
    (Typer reads the fields as the command's parameters)."""

    files: Annotated[list[Path], typer.Argument(help="Articles: plain text or HTML files.")]
    json_out: JsonFlag = False
    no_record: Annotated[
        bool, typer.Option("--no-record", help="Only extract; record nothing, need no negotiation.")
    ] = False
    when: Annotated[
        str | None,
        typer.Option("--date", help="Date of undated articles, YYYY-MM-DD.", show_default=False),
    ] = None
    no_embeddings: Annotated[
        bool,
        typer.Option(
            "--no-embeddings",
            help="Skip the sentence-embedding fallback: faster, parts only by their terms.",
        ),
    ] = False
    people: Annotated[
        Path | None,
        typer.Option(
            "--people",
            help="A people directory (YAML/JSON: people with the party they speak for, "
            "offices): links speakers to parties, beside what the negotiation records.",
            show_default=False,
        ),
    ] = None
    db: Db = DEFAULT_DB
    negotiation: NegotiationOpt = None


@app.command("ingest")
@grouped(IngestOptions)
def ingest(options: IngestOptions) -> None:
    """Find every statement in news articles: who said it, for which party, its claims, verdicts."""
    day = parse_date(options.when)
    with handled():
        extra = _load_people(options.people)
    articles, problems = _read_all(options.files)
    for problem in problems:
        err_console.print(f"[bold red]error:[/] {problem}")
    if problems and not options.no_record:
        fail(f"nothing recorded: {len(problems)} of {len(options.files)} file(s) could not be read")
    with handled():
        results = _extract_and_record(articles, options, day, extra)
    if options.json_out:
        print_json({"articles": [r.to_json() for r in results]})
    else:
        _print_results(results)
    if problems:
        raise typer.Exit(1)


def _extract_and_record(
    articles: list[Article], options: IngestOptions, day: date | None, extra: Directory | None
) -> list[ArticleStatements]:
    """The statements of ``articles``, read against the negotiation when the database
    holds one, and recorded in it unless ``--no-record``."""
    from accords.application import Record
    from accords.sealing import open_store

    embeddings, no_record = not options.no_embeddings, options.no_record
    if no_record and not _db_exists(options.db):
        return _extract(articles, None, day, embeddings, extra)
    store = open_store(options.db)
    try:
        record = Record(store)
        view = _view(record, options.negotiation, optional=no_record)
        results = _extract(articles, view, day, embeddings, extra)
        if not no_record and view is not None:
            added = _append(record, view, results, day)
            if not options.json_out:
                console.print(
                    f"[green]recorded[/] {added} statement(s) from {len(results)} "
                    f"article(s) in {view.id}"
                )
    finally:
        store.close()
    return results


def _view(record: Record, negotiation: str | None, optional: bool) -> RecordNegotiation | None:
    from accords.errors import AccordsError
    from accords.text._adapter import RecordNegotiation

    try:
        return RecordNegotiation(record, record.resolve(negotiation))
    except AccordsError:
        if optional and negotiation is None:
            return None
        raise


def _load_people(path: Path | None) -> Directory | None:
    if path is None:
        return None
    from accords.text._people import load_directory

    return load_directory(path)


def _extract(
    articles: list[Article],
    view: RecordNegotiation | None,
    day: date | None,
    embeddings: bool,
    people: Directory | None = None,
) -> list[ArticleStatements]:
    import dataclasses

    from accords.text import TextReader, check
    from accords.text._people import Directory, directory_for

    # the negotiation's own people (none recorded yet: the seam) and a --people file
    recorded = directory_for(view) if view is not None else Directory()
    extra = people or Directory()
    directory = Directory(recorded.people + extra.people, recorded.offices + extra.offices)
    reader = TextReader(
        view.parties if view else (),
        view.parts if view else (),
        embeddings=embeddings,
        people=directory,
    )
    dated = [
        dataclasses.replace(a, date=day) if day is not None and a.date is None else a
        for a in articles
    ]
    # all files in one call: the models run their products on every article at once
    results = reader.read_many(dated)
    return [check(r, view) for r in results] if view is not None else results


def _append(
    record: Record, view: RecordNegotiation, results: list[ArticleStatements], day: date | None
) -> int:
    from accords.text._events import STATEMENT_RECORDED, statement_events, statement_key

    head = record.store.head(view.id)
    seen = {
        statement_key(e.payload) for e in record.events(view.id) if e.type == STATEMENT_RECORDED
    }
    undated = day or view.last_on or clock.today()
    events = [e for e in statement_events(results, undated) if statement_key(e.payload) not in seen]
    record.append(view.id, events, recorded_by="ingest", expected_seq=head)
    return len(events)


def _recorded(record: Record, negotiation: str | None) -> list[dict[str, Any]]:
    from accords.text import recorded_statements

    return recorded_statements(record.events(record.resolve(negotiation)))


@app.command("claims")
@on_record
def claims(ref: RecordRef, json_out: JsonFlag = False) -> None:
    """The statements recorded from news, with their claims and verdicts."""
    from accords.application import Record
    from accords.sealing import open_store

    if not _db_exists(ref.db):
        fail(f"no database at {ref.db}: load a scenario first (accords load FILE)")
    with handled():
        store = open_store(ref.db)
        try:
            articles = _recorded(Record(store), ref.negotiation)
        finally:
            store.close()
    if json_out:
        print_json({"articles": articles})
        return
    from rich.table import Table

    table = Table("date", "speaker", "statement", "claim", "verdict", show_lines=True, expand=True)
    for art in articles:
        for st in art["statements"]:
            who = (st.get("speaker") or "?") + (
                f"\n[dim]{st['party']}[/]" if st.get("party") else ""
            )
            claim_lines = [
                f"{c['part'] or 'package'} {c['asserts']}" for c in st.get("claims") or []
            ]
            verdicts = [
                f"[{_VERDICT_STYLE.get(c['verdict'], '')}]{c['verdict']}[/] [dim]{c['reason']}[/]"
                for c in st.get("claims") or []
            ]
            table.add_row(
                art.get("date") or "—",
                who,
                st.get("text") or "",
                "\n".join(claim_lines) or "—",
                "\n".join(verdicts) or "—",
            )
    if not articles:
        console.print("[dim]no statements recorded yet: accords ingest FILE[/]")
        return
    console.print(table)
