"""A move on the negotiating text, described once: its fields, and how an entry becomes a command.

A move on a clause (table, amend, bracket, accept, reserve, withdraw) reaches the
record by two doors: a CLI command (``accords clause accept …``) and a scenario
file's ``text.moves``. As for the moves on parts (:mod:`accords.model.moves`):

- :data:`CLAUSE_DESCRIPTIONS` holds each field's description, once: the CLI's
  ``--help`` text and (through :mod:`accords.model.clause_fields`, which adds the
  types) the scenario schema's description alike; the fields a clause move shares
  with a part move (``by``, ``level``, ``note``, ``round``, ``source``, ``on``) keep
  the part move's words;
- :func:`clause_command` is the one mapping from a flat entry to the command
  ``decide`` checks, with the rules about the entry's *shape* (a table names its
  part, an amendment or acceptance its alternative, an amendment its new text, a
  reservation what it reserves, only an acceptance a level), each refusal naming
  the field at fault. What a file may leave out gets the default the rules expect;
  a field the move does not take (a title on an acceptance) is not carried.
  Everything about the *record* (is the clause known, is the party a signatory,
  is the alternative on the table) is ``decide``'s, in
  :mod:`accords.model.clause_moves`.

No pydantic here (its types are in :mod:`accords.model.clause_fields`): the command
line imports this module, and ``accords clause --help`` should not load a validation
library. Pure: no I/O.
"""

from __future__ import annotations

from typing import Final, Literal, TypedDict, get_args

from accords.errors import RefusedMove
from accords.model import clauses as cl
from accords.model import commands as c
from accords.model.moves import DESCRIPTIONS, When, level_named, one_of

__all__ = [
    "CLAUSE_DESCRIPTIONS",
    "CLAUSE_MOVE_KINDS",
    "ClauseMoveKind",
    "clause_command",
]

ClauseMoveKind = Literal["table", "amend", "bracket", "accept", "reserve", "withdraw"]
#: Every move on the text, in the order ``accords clause --help`` lists them.
CLAUSE_MOVE_KINDS: Final[tuple[ClauseMoveKind, ...]] = get_args(ClauseMoveKind)

#: Each field of a clause-move entry, described once: ``--help`` and the scenario schema.
CLAUSE_DESCRIPTIONS: Final[dict[str, str]] = {
    "move": f"The move on the text: {one_of(CLAUSE_MOVE_KINDS)}.",
    "by": DESCRIPTIONS["by"],
    "clause": "The clause id, e.g. withdrawal-timeline.",
    "part": "The part the clause belongs to.",
    "alternative": "An alternative wording's label, e.g. A or B.",
    "text": "The wording (an amendment's new one; empty for a heading).",
    "title": "A short heading.",
    "level": DESCRIPTIONS["level"],
    "note": "A note kept with the move (on a reservation: what is reserved).",
    "round": DESCRIPTIONS["round"],
    "source": DESCRIPTIONS["source"],
    "on": DESCRIPTIONS["on"],
}

_NEEDS_ALTERNATIVE: Final = ("amend", "accept")


def _check_shape(
    move: str, part: str | None, alternative: str | None, text: str, level: str | None, note: str
) -> None:
    """The rules about which fields a clause move takes, each refusal naming the field."""
    if move not in CLAUSE_MOVE_KINDS:
        raise RefusedMove(
            f"unknown move {move!r}; moves on the text: {', '.join(CLAUSE_MOVE_KINDS)}",
            field="move",
        )
    if move == "table" and not part:
        raise RefusedMove("a table move needs the part", field="part")
    if move in _NEEDS_ALTERNATIVE and not alternative:
        raise RefusedMove(f"an {move} move needs the alternative", field="alternative")
    if move == "amend" and not text.strip():
        raise RefusedMove("an amend move needs the new text", field="text")
    if move == "reserve" and not note.strip():
        raise RefusedMove("a reserve move needs a note saying what is reserved", field="note")
    if level is not None and move != "accept":
        raise RefusedMove("only an accept move has a level", field="level")


class _Who(TypedDict):
    """What every command on the text names: the clause, and the party who moves."""

    clause: str
    party: str


def clause_command(
    move: str,
    when: When,
    *,
    by: str,
    clause: str,
    part: str | None = None,
    text: str = "",
    alternative: str | None = None,
    title: str = "",
    level: str | None = None,
    note: str = "",
) -> c.Command:
    """A flat clause-move entry as the command ``decide`` checks; a malformed one is refused.

    ``when`` is the day, round and source every command carries. A refusal is a
    :class:`~accords.errors.RefusedMove` whose ``field`` names the entry's field at
    fault. A table without an ``alternative`` labels its wording ``A``.
    """
    _check_shape(move, part, alternative, text, level, note)
    who = _Who(clause=clause, party=by)
    alt = alternative or ""
    match move:
        case "table":
            return cl.TableClause(
                **when,
                **who,
                part=part or "",
                text=text,
                title=title,
                alternative=alternative or "A",
            )
        case "amend":
            return cl.AmendClause(**when, **who, alternative=alt, text=text)
        case "bracket":
            return cl.BracketClause(**when, **who, alternative=alternative, text=text, note=note)
        case "accept":
            chosen = level_named(level) if level is not None else "confirmed"
            return cl.AcceptClause(**when, **who, alternative=alt, level=chosen, note=note)
        case "reserve":
            return cl.ReserveClause(**when, **who, note=note)
    return cl.WithdrawClause(**when, **who, alternative=alternative, note=note)
