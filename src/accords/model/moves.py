"""A move, described once: its fields, and the one way a flat entry becomes a command.

A move reaches the record by four doors: a CLI command (``accords accept …``), an API
body (``POST …/moves``), the dashboard's form and a scenario file's ``history``. Each
door once described the fields again, with its own help text, its own bounds and its
own copy of the rules about which fields a move takes. Here:

- each field is one ``Annotated`` type carrying its type, its pattern and bounds
  (:data:`~accords.model.rules.ID_PATTERN`, :data:`~accords.model.limits.MAX_ROUND`)
  and its description, which is the CLI's ``--help`` text, the API's OpenAPI
  description and the scenario schema's description alike;
- :class:`MoveEntry` is the flat entry made of them: the scenario's ``HistoryMove``
  adds the ``date``, the API's ``MoveIn`` adds ``on`` and ``expected_seq``;
- :func:`move_command` is the one mapping from a flat entry to the command ``decide``
  checks, with the rules about the entry's *shape* (one of option, value or bound; a
  bound or a level only on an accept; a part for a part move; an option for a proposal
  or acceptance). Everything about the *record* (is the party known, does the part hold
  this option, is a note given for a reservation) is ``decide``'s, and only ``decide``'s.

Pure, like the rest of the model: pydantic describes, nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Final, Literal, TypedDict, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.framework import LEVELS, Level
from accords.model.limits import MAX_ROUND
from accords.model.rules import ID_PATTERN

__all__ = [
    "MOVE_KINDS",
    "POSITION_FIELDS",
    "By",
    "Id",
    "LevelField",
    "MoveEntry",
    "MoveKind",
    "NoteText",
    "Number",
    "On",
    "OptionRef",
    "PartRef",
    "RoundNumber",
    "Source",
    "Value",
    "When",
    "level_named",
    "move_command",
]

MoveKind = Literal[
    "accept-framework",
    "propose",
    "accept",
    "reject",
    "reserve",
    "withdraw",
    "reopen",
    "defer",
    "confirm",
    "initial",
    "sign",
]
#: Every move word, in the order a scenario's history and ``accords --help`` list them.
MOVE_KINDS: Final[tuple[MoveKind, ...]] = get_args(MoveKind)
#: The fields that say where a party stands: at most one of them per entry.
POSITION_FIELDS: Final = ("option", "value", "at_most", "at_least")
_PART_MOVES: Final = frozenset(
    {"propose", "accept", "reject", "reserve", "withdraw", "reopen", "defer"}
)
_NEEDS_POSITION: Final = frozenset({"propose", "accept"})
_BOUNDS: Final = ("at_most", "at_least")


def _number_out(d: Decimal) -> int | float:
    """A number written back as YAML/JSON writes numbers: whole ones as integers."""
    return int(d) if d == d.to_integral_value() else float(d)


#: An exact number: read as a decimal (``0.1`` stays 0.1), written back as a plain number.
Number = Annotated[Decimal, PlainSerializer(_number_out, return_type=int | float)]

#: An id as the model accepts it (:data:`~accords.model.rules.ID_PATTERN`).
Id = Annotated[str, Field(pattern=ID_PATTERN)]

# -- the fields of a move: each described here and nowhere else ----------------------

MoveWord = Annotated[MoveKind, Field(description="The move: " + ", ".join(MOVE_KINDS) + ".")]
By = Annotated[Id, Field(description="The party (or mediator) making the move.")]
PartRef = Annotated[Id | None, Field(description="The part the move is on.")]
OptionRef = Annotated[Id | None, Field(description="The option (on a numeric part, a value).")]
Value = Annotated[Number | None, Field(description="A value of a numeric part.")]
AtMost = Annotated[
    Number | None, Field(description="Accept any value of a numeric part up to this.")
]
AtLeast = Annotated[
    Number | None, Field(description="Accept any value of a numeric part from this.")
]
LevelField = Annotated[
    Level | None,
    Field(description="Level: " + ", ".join(LEVELS[:-1]) + " or " + LEVELS[-1] + "."),
]
NoteText = Annotated[str, Field(description="A note kept with the move.")]
RoundNumber = Annotated[
    Annotated[int, Field(ge=1, le=MAX_ROUND)] | None,
    Field(description="The round it happened in."),
]
Source = Annotated[str | None, Field(description="Where this is known from (URL).")]
On = Annotated[
    date | None, Field(description="When it happened, YYYY-MM-DD (default: today, UTC).")
]


class When(TypedDict):
    """The fields every command shares: the day, the round, and where it is known from."""

    on: date
    round: int | None
    source: str | None


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
        """This entry, on ``on``, as the command ``decide`` checks (:func:`move_command`)."""
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


def level_named(value: str) -> Level:
    """An acceptance level by its name; any other word is refused, naming the levels."""
    for level in LEVELS:
        if level == value:
            return level
    raise RefusedMove(f"unknown level {value!r}; use {', '.join(LEVELS)}", field="level")


def _check_shape(move: str, part: str | None, given: list[str], level: str | None) -> None:
    """The rules about which fields a move takes, each refusal naming the field at fault."""
    if move not in MOVE_KINDS:
        raise RefusedMove(f"unknown move {move!r}; moves: {', '.join(MOVE_KINDS)}", field="move")
    if move in _PART_MOVES and not part:
        raise RefusedMove(f"a {move} move needs a part", field="part")
    if len(given) > 1:
        raise RefusedMove(
            f"give one of option, value, at_most or at_least, not several (got {', '.join(given)})",
            field=given[1],
        )
    if move in _NEEDS_POSITION and not given:
        also = ", at_most or at_least" if move == "accept" else ""
        raise RefusedMove(
            f"a {move} move needs an option (or, on a numeric part, a value{also})",
            field="option",
        )
    bounds = [g for g in given if g in _BOUNDS]
    if bounds and move != "accept":
        raise RefusedMove("only an accept move takes at_most or at_least", field=bounds[0])
    if level is not None and move != "accept":
        raise RefusedMove("only an accept move has a level", field="level")


def _text(value: str | Decimal) -> str:
    """A position as the model holds it: a decimal in plain notation, text as written."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def move_command(
    move: str,
    when: When,
    *,
    by: str,
    part: str | None = None,
    position: Mapping[str, str | Decimal] | None = None,
    level: str | None = None,
    note: str = "",
) -> c.Command:
    """A flat move entry as the command ``decide`` checks; a malformed entry is refused.

    ``when`` is the day, round and source every command carries; ``position`` holds
    the entry's position fields that are given (``option``, ``value``, ``at_most``,
    ``at_least``: at most one). A refusal is a :class:`~accords.errors.RefusedMove`
    whose ``field`` names the entry's field at fault.
    """
    given = dict(position or {})
    _check_shape(move, part, list(given), level)
    key, raw = next(iter(given.items()), ("option", None))
    option = None if raw is None else _text(raw)
    if move == "accept":
        return c.Accept(
            **when,
            part=part or "",
            option=option or "",
            party=by,
            level=level_named(level) if level is not None else "confirmed",
            note=note,
            bound=key.replace("_", "-") if key in _BOUNDS else None,
        )
    return _plain_command(move, when, by, part or "", option, note)


def _plain_command(
    move: str, when: When, by: str, part: str, option: str | None, note: str
) -> c.Command:
    """Every move but an acceptance: the command of its kind with the fields it takes."""
    match move:
        case "accept-framework":
            return c.AcceptFramework(**when, party=by, note=note)
        case "propose":
            return c.Propose(**when, part=part, option=option or "", party=by, note=note)
        case "reject":
            return c.Reject(**when, part=part, party=by, option=option, note=note)
        case "reserve":
            return c.Reserve(**when, part=part, party=by, note=note)
        case "withdraw":
            return c.Withdraw(**when, part=part, party=by, note=note)
        case "reopen":
            return c.Reopen(**when, part=part, party=by, note=note)
        case "defer":
            return c.Defer(**when, part=part, party=by, note=note)
        case "confirm":
            return c.Confirm(**when, party=by)
        case "initial":
            return c.Initial(**when, party=by)
    return c.Sign(**when, party=by)
