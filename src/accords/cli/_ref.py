"""The record a command reads or adds to, chosen by ``--db`` and ``--negotiation``, written once.

Most commands ended in the same two options and began with the same lines: open the
database, resolve the negotiation, fold its state. A command decorated with
:func:`on_record` takes a :class:`RecordRef` as its first parameter instead; the two
options are appended to its own, where they always stood, so ``--help`` reads as before.
The commands that show the state as of a date or a round (``status``, ``clause list``)
take a :class:`StateView` the same way, with :func:`shows_state`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from accords.cli._app import DEFAULT_DB, Db, NegotiationOpt, console, grouped
from accords.cli._common import AsOf, JsonFlag, open_record, parse_date

if TYPE_CHECKING:
    from datetime import date

    from accords.application import Record
    from accords.model import State
    from accords.model.commands import Command

__all__ = ["RecordRef", "RoundAsOf", "StateView", "on_record", "shows_state"]

RoundAsOf = Annotated[int | None, typer.Option("--round", help="As of the end of round N.")]


@dataclass(frozen=True)
class RecordRef:
    """Which database (``--db``) and which negotiation in it (``--negotiation``).

    The fields are the options, as Typer reads them from the signature of the class.
    """

    db: Db = DEFAULT_DB
    negotiation: NegotiationOpt = None

    @contextmanager
    def open(self) -> Iterator[tuple[Record, str]]:
        """The record and the negotiation's id; closed afterwards, errors one line."""
        with open_record(self.db) as record:
            yield record, record.resolve(self.negotiation)

    def state(self, *, as_of: date | None = None, round: int | None = None) -> State:
        """The negotiation's state, now, as of a date, or as of the end of a round."""
        with self.open() as (record, nid):
            return record.state(nid, as_of=as_of, round=round)

    def execute(self, commands: Sequence[Command]) -> None:
        """Decide and append ``commands``, all or none; say what was recorded, as a move does."""
        with self.open() as (record, nid):
            events = record.execute_many(nid, commands)
        for e in events:
            console.print(f"[green]recorded[/] #{e.seq} {e.type} ({e.occurred_on.isoformat()})")


@dataclass(frozen=True)
class StateView:
    """The state to show: as of a date or the end of a round, as a table or ``--json``.

    The fields are the options, as Typer reads them from the signature of the class.
    """

    as_of: AsOf = None
    round: RoundAsOf = None
    json_out: JsonFlag = False
    db: Db = DEFAULT_DB
    negotiation: NegotiationOpt = None

    @property
    def day(self) -> date | None:
        """``--as-of`` as a date (a mistyped one ends in one line)."""
        return parse_date(self.as_of)

    def state(self) -> State:
        """The negotiation's state as of ``--as-of`` and ``--round``."""
        return RecordRef(self.db, self.negotiation).state(as_of=self.day, round=self.round)


#: Decorate a command whose first parameter is the :class:`RecordRef` it works on.
on_record = grouped(RecordRef)
#: Decorate a command whose first parameter is the :class:`StateView` it shows.
shows_state = grouped(StateView)
