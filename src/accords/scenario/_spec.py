"""What every entry of a scenario file is built from: one base and the field types they share.

The sections of a scenario (the core in :mod:`accords.scenario.schema`, people,
the optional sections) are validated alike: no unknown field (a typo is named,
not ignored), fields by name or alias, ids of one pattern (the model's own
:data:`~accords.model.rules.ID_PATTERN`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from accords.model.rules import ID_PATTERN

__all__ = ["Id", "Source", "Spec", "check_move_note_and_level"]

Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""An id as the model accepts it (parties, parts, options, clauses, people …)."""

Source = Annotated[str | None, Field(default=None, description="where this fact is from (URL)")]
"""Where a recorded fact comes from."""


class Spec(BaseModel):
    """An entry of a scenario file: an unknown field is refused, an alias is accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def check_move_note_and_level(move: str, note: str, level: object) -> None:
    """What every party's move in a file (on a part or on a clause) must say, whatever it
    moves on: a reservation says what it reserves, and only an acceptance has a level."""
    if move == "reserve" and not note.strip():
        raise ValueError("a reserve move needs a note saying what is reserved")
    if level is not None and move != "accept":
        raise ValueError("only an accept move has a level")
