"""The date a move made through the server carries (accords.model.viewer.move_date).

The server's clock is read here, once per request, and nowhere in the model.
"""

from __future__ import annotations

from datetime import date

from accords import clock
from accords.application import Record
from accords.model.viewer import move_date
from accords.service.auth import Viewer

__all__ = ["dated"]


def dated(
    record: Record, viewer: Viewer, nid: str, asked: date | None, round: int | None = None
) -> date:
    """The date of a move in ``nid``: today for a delegate; the mediator may back-fill."""
    began = None
    state = None
    if record.store.head(nid) > 0:
        first = next(iter(record.store.read(nid, after=0, upto=1)), None)
        began = first.occurred_on if first is not None else None
        state = record.state(nid)
    if state is None:
        from accords.model import State

        state = State()
    return move_date(viewer.who, asked, today=clock.today(), state=state, began=began, round=round)
