"""The record a command reads or adds to, chosen by ``--db`` and ``--negotiation``, written once.

Most commands ended in the same two options and began with the same lines: open the
database, resolve the negotiation, fold its state. A command decorated with
:func:`on_record` takes a :class:`RecordRef` as its first parameter instead; the two
options are appended to its own, where they always stood, so ``--help`` reads as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accords.cli._app import DEFAULT_DB, Db, NegotiationOpt, console, grouped
from accords.cli._common import open_record

if TYPE_CHECKING:
    from datetime import date

    from accords.application import Record
    from accords.model import State
    from accords.model.commands import Command

__all__ = ["RecordRef", "on_record"]


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


#: Decorate a command whose first parameter is the :class:`RecordRef` it works on.
on_record = grouped(RecordRef)
