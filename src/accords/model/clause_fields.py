"""A clause-move entry as pydantic reads it: the field types of the model's clause moves.

Each field gets its type and bounds here (the fields a clause move shares with a
part move are :mod:`accords.model.entry`'s own types) and its description from
:data:`~accords.model.clause_entry.CLAUSE_DESCRIPTIONS`. :class:`ClauseEntry` is the
flat entry made of them: the scenario's ``ClauseMove`` adds the ``date``, and it
becomes a command through :meth:`ClauseEntry.command`, the one mapping
:func:`~accords.model.clause_entry.clause_command`, whose refusals the entry's
validator reports as the entry's error.

Apart from :mod:`accords.model.clause_entry` so that the command line, which needs
only the descriptions and the mapping, starts without pydantic. Pure: no I/O.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.clause_entry import CLAUSE_DESCRIPTIONS, ClauseMoveKind, clause_command
from accords.model.entry import Id, LevelField, RoundNumber, Source
from accords.model.moves import When

__all__ = ["ClauseEntry"]


def _said(name: str) -> Any:
    """The description of the field ``name``: :data:`CLAUSE_DESCRIPTIONS`."""
    return Field(description=CLAUSE_DESCRIPTIONS[name])


ClauseMoveWord = Annotated[ClauseMoveKind, _said("move")]
ClauseBy = Annotated[str, _said("by")]
ClauseRef = Annotated[Id, _said("clause")]
ClausePart = Annotated[str | None, _said("part")]
AlternativeLabel = Annotated[str | None, _said("alternative")]
Wording = Annotated[str, _said("text")]
Heading = Annotated[str, _said("title")]
ClauseNote = Annotated[str, _said("note")]


class ClauseEntry(BaseModel):
    """A move on the text as a flat entry: what a scenario's ``text.moves`` holds.

    ``by`` and ``part`` are plain text here: whether they name a known party or part
    is the record's question, which the scenario's cross-check and ``decide`` answer.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    move: ClauseMoveWord
    by: ClauseBy
    clause: ClauseRef
    part: ClausePart = None
    alternative: AlternativeLabel = None
    text: Wording = ""
    title: Heading = ""
    level: LevelField = None
    note: ClauseNote = ""
    round: RoundNumber = None
    source: Source = None

    def command(self, on: date) -> c.Command:
        """This entry, on ``on``, as the command ``decide`` checks (the one mapping)."""
        when = When(on=on, round=self.round, source=self.source)
        return clause_command(
            self.move,
            when,
            by=self.by,
            clause=self.clause,
            part=self.part,
            alternative=self.alternative,
            text=self.text,
            title=self.title,
            level=self.level,
            note=self.note,
        )

    @model_validator(mode="after")
    def _a_whole_move(self) -> ClauseEntry:
        """A malformed entry is refused with the mapping's sentence (any day will do)."""
        if (sentence := _refusal(self)) is not None:
            raise PydanticCustomError("refused_move", "{reason}", {"reason": sentence})
        return self


def _refusal(entry: ClauseEntry) -> str | None:
    """The mapping's sentence refusing ``entry``, or ``None`` where its shape is whole."""
    try:
        entry.command(date.min)
    except RefusedMove as exc:
        return str(exc)
    return None
