"""A move entry as pydantic reads it: the field types of :mod:`accords.model.moves`' fields.

Each field of a move gets its type, its pattern and bounds (an id is
:data:`~accords.model.rules.ID_PATTERN`, a round at most
:data:`~accords.model.limits.MAX_ROUND`) and its description from
:data:`~accords.model.moves.DESCRIPTIONS`, here and nowhere else. :class:`MoveEntry` is
the flat entry made of them: the scenario's ``HistoryMove`` adds the ``date``, the API's
``MoveIn`` adds ``on`` and ``expected_seq``, and both become commands through
:meth:`MoveEntry.command`, the one mapping :func:`~accords.model.moves.move_command`.

Apart from :mod:`accords.model.moves` so that the command line, which needs only the
descriptions and the mapping, starts without pydantic. Pure: no I/O.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from accords.model import commands as c
from accords.model.framework import Level
from accords.model.limits import MAX_ROUND
from accords.model.moves import DESCRIPTIONS, POSITION_FIELDS, MoveKind, When, move_command
from accords.model.rules import ID_PATTERN

__all__ = [
    "AtLeast",
    "AtMost",
    "By",
    "Id",
    "LevelField",
    "MoveEntry",
    "MoveWord",
    "NoteText",
    "Number",
    "On",
    "OptionRef",
    "PartRef",
    "RoundNumber",
    "Source",
    "Value",
]


def _number_out(d: Decimal) -> int | float:
    """A number written back as YAML/JSON writes numbers: whole ones as integers."""
    return int(d) if d == d.to_integral_value() else float(d)


#: An exact number: read as a decimal (``0.1`` stays 0.1), written back as a plain number.
Number = Annotated[Decimal, PlainSerializer(_number_out, return_type=int | float)]

#: An id as the model accepts it (:data:`~accords.model.rules.ID_PATTERN`).
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def _said(name: str) -> Any:
    """The description of the field ``name``: :data:`~accords.model.moves.DESCRIPTIONS`."""
    return Field(description=DESCRIPTIONS[name])


MoveWord = Annotated[MoveKind, _said("move")]
By = Annotated[Id, _said("by")]
PartRef = Annotated[Id | None, _said("part")]
OptionRef = Annotated[Id | None, _said("option")]
Value = Annotated[Number | None, _said("value")]
AtMost = Annotated[Number | None, _said("at_most")]
AtLeast = Annotated[Number | None, _said("at_least")]
LevelField = Annotated[Level | None, _said("level")]
NoteText = Annotated[str, _said("note")]
RoundNumber = Annotated[Annotated[int, Field(ge=1, le=MAX_ROUND)] | None, _said("round")]
Source = Annotated[str | None, _said("source")]
On = Annotated[date | None, _said("on")]


class MoveEntry(BaseModel):
    """A move as a flat entry: what a scenario's history holds and what a client sends."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    move: MoveWord
    by: By
    part: PartRef = None
    option: OptionRef = None
    value: Value = None
    at_most: AtMost = None
    at_least: AtLeast = None
    level: LevelField = None
    note: NoteText = ""
    round: RoundNumber = None
    source: Source = None

    def command(self, on: date) -> c.Command:
        """This entry, on ``on``, as the command ``decide`` checks (the one mapping)."""
        when = When(on=on, round=self.round, source=self.source)
        return move_command(
            self.move,
            when,
            by=self.by,
            part=self.part,
            position=self.position(),
            level=self.level,
            note=self.note,
        )

    def position(self) -> dict[str, str | Decimal]:
        """The position fields this entry gives (``{"value": Decimal("14")}``)."""
        return {k: v for k in POSITION_FIELDS if (v := getattr(self, k)) is not None}
