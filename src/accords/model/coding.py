"""How researchers code the agreement: PA-X fields and the topic codes of each part.

Kept in the record (not only in the scenario file) so that ``accords export
--format pax`` works from the database alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Self

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.events import Event
from accords.model.layer import Layer
from accords.model.rules import event, require_part
from accords.model.state import State

__all__ = ["CODING", "PaxCoding", "SetPaxCoding", "pax_coding"]


@dataclass(frozen=True, slots=True)
class PaxCoding:
    """The PA-X coding of the agreement: the coding layer's whole state slice."""

    fields: Mapping[str, str] = field(default_factory=dict)
    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The coding as snapshots carry it."""
        return {
            "fields": dict(self.fields),
            "topics": {k: list(v) for k, v in self.topics.items()},
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The coding :meth:`to_json` wrote (or an empty one)."""
        return cls(
            dict(data.get("fields", {})),
            {k: tuple(v) for k, v in data.get("topics", {}).items()},
            data.get("note", ""),
        )


@dataclass(frozen=True, kw_only=True)
class SetPaxCoding(c.Command):
    fields: Mapping[str, str]
    topics: Mapping[str, tuple[str, ...]]
    note: str = ""


def pax_coding(state: State) -> PaxCoding:
    """The agreement's PA-X coding as recorded (empty until coded)."""
    return CODING.peek(state)


def decide_set_pax_coding(cmd: SetPaxCoding, state: State) -> Event:
    for part in cmd.topics:
        require_part(state, part)
    for name in cmd.fields:
        if not name or not name.replace("_", "").isalnum():
            raise RefusedMove(f"PA-X field {name!r} is not a column name")
    return event(
        "pax-coded",
        cmd,
        fields=dict(cmd.fields),
        topics={k: list(v) for k, v in cmd.topics.items()},
        note=cmd.note,
    )


def _coded(s: State, p: Mapping[str, Any], on: date) -> None:
    CODING.put(s, PaxCoding.from_json(p))


CODING: Final[Layer[PaxCoding]] = Layer(
    name="pax",
    decide={SetPaxCoding: decide_set_pax_coding},
    fold={"pax-coded": _coded},
    state=PaxCoding,
)
