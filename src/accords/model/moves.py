"""A move, described once: its fields' descriptions, and the one way an entry becomes a command.

A move reaches the record by four doors: a CLI command (``accords accept …``), an API
body (``POST …/moves``), the dashboard's form and a scenario file's ``history``. Each
door once described the fields again, with its own help text and its own copy of the
rules about which fields a move takes. Here:

- :data:`DESCRIPTIONS` holds each field's description, once: the CLI's ``--help`` text,
  and (through :mod:`accords.model.entry`, which adds the types, patterns and bounds)
  the API's OpenAPI description and the scenario schema's description alike;
- :func:`move_command` is the one mapping from a flat entry (the move word, ``by``,
  ``part``, one of ``option``/``value``/``at_most``/``at_least``, ``level``, ``note``
  and the :class:`When`) to the command ``decide`` checks, with the rules about the
  entry's *shape* (one of option, value or bound; a bound or a level only on an accept;
  a part for a part move; an option for a proposal or acceptance), each refusal naming
  the field at fault. Everything about the *record* (is the party known, does the part
  hold this option, does a reservation say what is reserved) is ``decide``'s, and only
  ``decide``'s.

Pure and light: no I/O and no pydantic, so a command line that only shows ``--help``
loads no validation library.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final, Literal, TypedDict, get_args

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.framework import LEVELS, Level

__all__ = [
    "DESCRIPTIONS",
    "MOVE_KINDS",
    "POSITION_FIELDS",
    "MoveKind",
    "When",
    "level_named",
    "move_command",
    "one_of",
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


def one_of(words: tuple[str, ...]) -> str:
    """``a, b or c``: how a description lists the words a field takes."""
    return f"{', '.join(words[:-1])} or {words[-1]}"


#: Each field of a move entry, described once: ``--help``, OpenAPI and the scenario schema.
DESCRIPTIONS: Final[dict[str, str]] = {
    "move": f"The move: {one_of(MOVE_KINDS)}.",
    "by": "The party (or mediator) making the move.",
    "part": "The part the move is on.",
    "option": "The option (on a numeric part, a value).",
    "value": "A value of a numeric part.",
    "at_most": "Accept any value of a numeric part up to this.",
    "at_least": "Accept any value of a numeric part from this.",
    "level": f"Level: {one_of(LEVELS)}.",
    "note": "A note kept with the move.",
    "round": "The round it happened in.",
    "source": "Where this is known from (URL).",
    "on": "When it happened, YYYY-MM-DD (default: today, UTC).",
}


class When(TypedDict):
    """The fields every command shares: the day, the round, and where it is known from."""

    on: date
    round: int | None
    source: str | None


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


#: The most digits a number's plain notation may run to (an option id's own limit).
_MAX_DIGITS: Final = 200


def _text(key: str, value: str | Decimal) -> str:
    """A position as the model holds it: a decimal in plain notation, text as written.

    A number is checked before it is written out: ``1e99999999`` would raise
    ``decimal.Overflow``, ``1e-99999999`` would round to ``0`` unsaid, and ``1e999999``
    would be a million digits long, so a number with more than :data:`_MAX_DIGITS`
    digits either side of the point is refused, naming the field.
    """
    if not isinstance(value, Decimal):
        return value
    if value.is_finite() and value and abs(value.adjusted()) > _MAX_DIGITS:
        raise RefusedMove(
            f"{key}: {value:.3E} has too many digits; the most is {_MAX_DIGITS}", field=key
        )
    return format(value.normalize(), "f")


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
    option = None if raw is None else _text(key, raw)
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
