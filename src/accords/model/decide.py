"""``decide(state, command) -> events``: where the rules live.

A command the rules allow becomes one or more events; any other raises
:class:`~accords.errors.RefusedMove` naming what is missing, and nothing is
appended. Pure: the state and the command are all it reads. The rules of each
command are its layer's decide handler (:data:`accords.model.layers.DECIDE`), after
the checks other layers add to it (:data:`accords.model.layers.CHECKS`).
"""

from __future__ import annotations

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.events import Event
from accords.model.layer import Decider
from accords.model.layers import CHECKS, DECIDE
from accords.model.limits import check_command
from accords.model.state import State

__all__ = ["decide"]


def decide(state: State, command: c.Command) -> list[Event]:
    """The events that record ``command``, or a :class:`RefusedMove` saying why not."""
    check_command(command)  # text lengths and round numbers (accords.model.limits)
    if not state.id and not isinstance(command, c.CreateNegotiation):
        raise RefusedMove("no negotiation yet: create one first")
    if (
        command.round is not None
        and command.round not in state.rounds
        and not (isinstance(command, c.OpenRound) and command.number == command.round)
    ):
        raise UnknownReference(f"no round {command.round} in the record; open it first")
    handler = _handler(type(command))
    for check in CHECKS.get(type(command), ()):
        check(state, command)
    payload = handler(command, state)
    return payload if isinstance(payload, list) else [payload]


def _handler(kind: type[c.Command]) -> Decider:
    """The decide handler of ``kind`` or of the nearest command class it extends."""
    for cls in kind.__mro__:
        handler = DECIDE.get(cls)
        if handler is not None:
            return handler
    raise RefusedMove(f"unknown command {kind.__name__}")
