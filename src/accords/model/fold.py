"""``fold(events) -> state``: the only way a state comes to be.

Each event goes to the fold handler its layer gives for its type
(:data:`accords.model.layers.FOLD`); a type no layer knows is refused. Before the
handler runs, a change to any part voids every confirmation (the package rule).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from accords.errors import InvalidArgument
from accords.model.events import PACKAGE_CHANGES, EventLike
from accords.model.layers import FOLD
from accords.model.state import State

__all__ = ["evolve", "fold"]


def _apply(state: State, event: EventLike) -> None:
    kind = event.type
    handler = FOLD.get(kind)
    if handler is None:
        raise InvalidArgument(
            f"unknown event type {kind!r}: the log was written by another version of accords"
        )
    on = event.occurred_on
    if kind in PACKAGE_CHANGES and (state.confirmations or state.concluded_on is not None):
        # Any change to any part voids every confirmation and un-concludes the package.
        state.confirmations.clear()
        state.confirmed_package = {}
        state.concluded_on = None
        state.initialled.clear()
        state.signed.clear()
    handler(state, event.payload, on)
    state.events += 1
    if state.last_on is None or on > state.last_on:
        state.last_on = on


def fold(
    events: Iterable[EventLike], state: State | None = None, *, in_place: bool = False
) -> State:
    """The state after ``events``, starting from ``state`` or from nothing.

    ``state`` is left untouched unless the caller owns it and says ``in_place``.
    """
    current = State() if state is None else state if in_place else copy.deepcopy(state)
    for event in events:
        _apply(current, event)
    return current


def evolve(state: State, event: EventLike) -> State:
    """The state after one more event; ``state`` itself is left as it was."""
    return fold((event,), state)
