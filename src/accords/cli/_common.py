"""Options and plumbing shared by the record commands: the database, the negotiation, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar, cast

import typer

from accords import clock
from accords.cli._app import DEFAULT_DB, Db, NegotiationOpt, fail
from accords.cli._options import GeniusFlag, JsonFlag, ScenarioFiles
from accords.model import moves

if TYPE_CHECKING:
    from accords.application import Record
    from accords.ledger import StoredEvent
    from accords.model import State
    from accords.model import viewer as mv
    from accords.model.commands import Command

__all__ = [
    "DEFAULT_DB",
    "AsOf",
    "By",
    "Db",
    "GeniusFlag",
    "JsonFlag",
    "NegotiationOpt",
    "Note",
    "On",
    "RoundOpt",
    "ScenarioFiles",
    "SourceOpt",
    "Viewer",
    "handled",
    "log_rows",
    "on_or_today",
    "open_record",
    "parse_date",
    "read_as",
    "record_command",
    "split_list",
    "write_out",
]


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{value!r} is not a date; write YYYY-MM-DD")


On = Annotated[str | None, typer.Option("--on", help=moves.DESCRIPTIONS["on"], show_default=False)]
RoundOpt = Annotated[int | None, typer.Option("--round", help=moves.DESCRIPTIONS["round"])]
SourceOpt = Annotated[str | None, typer.Option("--source", help=moves.DESCRIPTIONS["source"])]
By = Annotated[str, typer.Option("--by", help=moves.DESCRIPTIONS["by"])]
#: ``--level`` is text, not a choice Click checks: an unknown level is the model's refusal,
#: one line (``unknown level 'final'; use principle, ad-ref, confirmed``), not a usage box.
LevelOpt = Annotated[str, typer.Option("--level", help=moves.DESCRIPTIONS["level"])]
Note = Annotated[str, typer.Option("--note", help=moves.DESCRIPTIONS["note"])]
AsOf = Annotated[str | None, typer.Option("--as-of", help="As of a date, YYYY-MM-DD.")]
Viewer = Annotated[
    str | None,
    typer.Option("--as", help="Who is looking: mediator or a party id (confidential data)."),
]


C = TypeVar("C", bound=str)


def split_list(value: str | None) -> tuple[str, ...]:
    """``"a, b,c"`` -> ``("a", "b", "c")``."""
    if not value:
        return ()
    return tuple(x.strip() for x in value.split(",") if x.strip())


#: The model's refusals speak of the negotiation; on the command line, the command
#: that supplies what is missing is added: (the refusal's start, the hint's format).
_HINTS: Final = (
    (re.compile(r"^no negotiation yet: create one first$"), "accords new ID --title T"),
    (re.compile(r"^no round (\d+) in the record; open it first$"), "accords round open {0}"),
    (
        re.compile(r"^this database holds no negotiation yet: create one or load a scenario$"),
        "accords new ID --title T, or accords load FILE",
    ),
    (
        re.compile(r"^this database holds several negotiations \(.*\); name one$"),
        "--negotiation ID",
    ),
)


def with_hint(message: str) -> str:
    """``message``, with the command that supplies what it says is missing, where one does."""
    for pattern, hint in _HINTS:
        found = pattern.match(message)
        if found:
            return f"{message} ({hint.format(*found.groups())})"
    return message


@contextmanager
def handled() -> Iterator[None]:
    """Turn every domain error into one clear line and a non-zero exit."""
    from accords.errors import AccordsError

    try:
        yield
    except AccordsError as exc:
        fail(with_hint(str(exc)))


@contextmanager
def open_record(db: str, *, must_exist: bool = True) -> Iterator[Record]:
    """The record in ``db``, closed afterwards; errors become one line.

    Only commands that start a record (``new``, ``load``, ``demo``) may create the
    database: anything else on a mistyped path would leave an empty file behind.
    """
    from pathlib import Path

    from accords.application import Record
    from accords.ledger import is_postgres_url
    from accords.sealing import open_store

    if must_exist and not is_postgres_url(db) and not Path(db).exists():
        fail(
            f"no database at {db}: start one with `accords new ID --title T` or "
            "`accords load FILE`, or point --db (or ACCORDS_DB) at an existing one"
        )
    with handled():
        store = open_store(db)
        if notice := getattr(store, "notice", None):  # a copy without its key: say so once
            from rich.markup import escape

            from accords.cli._app import err_console

            err_console.print(f"[yellow]note:[/] {escape(notice)}", markup=True, highlight=False)
        try:
            yield Record(store)
        finally:
            store.close()


def as_choice(value: str, choices: Sequence[C]) -> C:
    """An option's text as the model's literal type (a role, a linkage kind, a test).

    The choice itself is the model's to check: a value outside ``choices`` is passed
    on as written, and ``decide`` refuses it with the rule's own message (``unknown
    linkage 'bogus'; kinds: ...``), which the README and the tests show.
    """
    for choice in choices:
        if choice == value:
            return choice
    return cast(C, value)


def on_or_today(value: str | None) -> date:
    """The date a move happened: ``--on`` when given, else today."""
    return parse_date(value) or clock.today()


def read_as(
    db: str, negotiation: str | None, viewer: str | None
) -> tuple[str, State, mv.Viewer, list[StoredEvent]]:
    """The negotiation's id, state and log, and who is looking (``--as``; an unknown
    viewer is one line): what every command that shows the log to someone reads."""
    from accords.model.viewer import cli_viewer

    with open_record(db) as record:
        nid = record.resolve(negotiation)
        state = record.state(nid)
        with handled():
            who = cli_viewer(viewer, state.parties)
        events = list(record.events(nid))
    return nid, state, who, events


def log_rows(events: Sequence[StoredEvent], who: mv.Viewer) -> list[dict[str, Any]]:
    """The log as rows, each payload redacted for ``who`` (``log``, ``export --data log``)."""
    from accords.cli.board import redact

    return [
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


def write_out(text: str, path: Path | None, done: str) -> None:
    """``text`` on stdout, or written to ``path`` and ``done`` said (one line if it cannot be)."""
    from accords.cli._app import console

    if path is None:
        typer.echo(text, nl=False)
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror}")
    console.print(done)


def record_command(
    db: str, negotiation: str | None, command: Command, *, create: bool = False
) -> None:
    """Decide and append one command, as every move command does; print what was recorded."""
    from accords.cli._app import console
    from accords.model.commands import CreateNegotiation

    with open_record(db, must_exist=not create) as record:
        nid = command.id if isinstance(command, CreateNegotiation) else record.resolve(negotiation)
        if create and nid in record.negotiations():
            fail(f"negotiation {nid!r} already exists in {db}")
        events = record.execute(nid, command)
        for e in events:
            console.print(f"[green]recorded[/] #{e.seq} {e.type} ({e.occurred_on.isoformat()})")
