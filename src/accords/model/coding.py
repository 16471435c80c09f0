"""How researchers code the agreement: PA-X fields and the topic codes of each part.

Kept in the record (not only in the scenario file) so that ``accords export
--format pax`` works from the database alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.decide import _decide, _event, _part
from accords.model.events import Event
from accords.model.state import State, register_handler

__all__ = ["PaxCoding", "SetPaxCoding", "pax_coding"]

LAYER: Final = "pax"


@dataclass(frozen=True, slots=True)
class PaxCoding:
    fields: Mapping[str, str] = field(default_factory=dict)
    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class SetPaxCoding(c.Command):
    fields: Mapping[str, str]
    topics: Mapping[str, tuple[str, ...]]
    note: str = ""


def pax_coding(state: State) -> PaxCoding:
    raw = state.layers.get(LAYER)
    if not raw:
        return PaxCoding()
    return PaxCoding(
        dict(raw["fields"]), {k: tuple(v) for k, v in raw["topics"].items()}, raw.get("note", "")
    )


@_decide.register
def _(cmd: SetPaxCoding, state: State) -> Event:
    for part in cmd.topics:
        _part(state, part)
    for name in cmd.fields:
        if not name or not name.replace("_", "").isalnum():
            raise RefusedMove(f"PA-X field {name!r} is not a column name")
    return _event(
        "pax-coded",
        cmd,
        fields=dict(cmd.fields),
        topics={k: list(v) for k, v in cmd.topics.items()},
        note=cmd.note,
    )


def _coded(s: State, p: Mapping[str, Any], on: date) -> None:
    s.layers[LAYER] = {
        "fields": dict(p.get("fields", {})),
        "topics": {k: list(v) for k, v in p.get("topics", {}).items()},
        "note": p.get("note", ""),
    }


register_handler("pax-coded", _coded)
