"""Walking out of the talks, and coming back.

A party that walks out (the DUP and the UKUP left the Northern Ireland talks in 1997)
stays a signatory of its parts, so a weighted rule still counts its weight, but it
is no longer asked to confirm or sign the package: the package is concluded by the
parties still at the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.events import Event
from accords.model.layer import Layer, NoState
from accords.model.rules import event, require_party
from accords.model.state import State

__all__ = ["PARTICIPATION", "LeaveTalks", "ReturnToTalks"]


@dataclass(frozen=True, kw_only=True)
class LeaveTalks(c.Command):
    party: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReturnToTalks(c.Command):
    party: str
    note: str = ""


def decide_leave_talks(cmd: LeaveTalks, state: State) -> Event:
    require_party(state, cmd.party)
    if not state.parties[cmd.party].negotiates:
        raise RefusedMove(f"{cmd.party!r} is a {state.parties[cmd.party].role}, not a party")
    if cmd.party in state.left:
        raise RefusedMove(f"{cmd.party!r} left the talks on {state.left[cmd.party].isoformat()}")
    if state.concluded_on is not None:
        raise RefusedMove("the package is concluded; a party can no longer leave the talks")
    return event("party-left", cmd, party=cmd.party, note=cmd.note)


def decide_return_to_talks(cmd: ReturnToTalks, state: State) -> Event:
    require_party(state, cmd.party)
    if cmd.party not in state.left:
        raise RefusedMove(f"{cmd.party!r} has not left the talks")
    return event("party-returned", cmd, party=cmd.party, note=cmd.note)


def _left(s: State, p: Mapping[str, Any], on: date) -> None:
    s.left[p["party"]] = on
    s.confirmations.pop(p["party"], None)
    remaining = s.negotiating_parties()
    if s.confirmations and remaining and all(x in s.confirmations for x in remaining):
        # Everyone still at the table has confirmed the package as it stands.
        s.concluded_on = on


def _returned(s: State, p: Mapping[str, Any], on: date) -> None:
    s.left.pop(p["party"], None)


#: Walk-outs keep their record in the core state (``state.left``): no slice of their own.
PARTICIPATION: Final[Layer[NoState]] = Layer(
    name="participation",
    decide={LeaveTalks: decide_leave_talks, ReturnToTalks: decide_return_to_talks},
    fold={"party-left": _left, "party-returned": _returned},
)
