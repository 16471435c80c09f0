"""The record as a long-running server holds it, and the one way the server records a move.

:class:`CachedRecord` keeps the current state in memory; :func:`record_move` is how
both the API (``POST /api/negotiations/{nid}/moves``) and the dashboard's move form
record a move: the same permission check, the same validation and the same command.

A CLI command folds the log once and exits; a server answers every request from
the same log, so it keeps each negotiation's latest state and folds only the events
appended since (by anyone: another process may write to the same database). The
log stays the only truth: a cached state is a fold of its prefix, checked against
the log's head on every read, and every caller gets its own copy.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from accords.application import Record
from accords.errors import RefusedMove, UnknownReference
from accords.ledger.store import EventStore, StoredEvent
from accords.model import State, fold
from accords.scenario.schema import HistoryMove

if TYPE_CHECKING:
    from accords.service.auth import Viewer

__all__ = ["CachedRecord", "record_move", "validation_message"]


class CachedRecord(Record):
    """A :class:`Record` that remembers each negotiation's state as of its last event."""

    def __init__(self, store: EventStore) -> None:
        super().__init__(store)
        self._states: dict[str, State] = {}
        self._lock = threading.Lock()

    def _now(self, negotiation: str) -> State:
        with self._lock:
            cached = self._states.get(negotiation)
        if cached is None:
            state = super()._now(negotiation)
        else:
            # a fold of the events after the cached ones, onto a copy of the cached state
            state = fold(self.store.read(negotiation, after=cached.events), cached)
            if state.events == 0:
                raise UnknownReference(f"no negotiation {negotiation!r} in this database")
        with self._lock:
            known = self._states.get(negotiation)
            if known is None or known.events < state.events:
                self._states[negotiation] = state
        # the caller may fold into what it gets (``execute_many`` does): never the cached one
        return copy.deepcopy(state)


def validation_message(exc: ValidationError) -> str:
    """One line from a pydantic error: each field path and reason (never the input)."""
    parts = []
    for e in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
        parts.append(f"{where}: {e['msg']}" if where else str(e["msg"]))
    return "; ".join(parts)


def _no_negotiation(nid: str) -> Exception:
    return UnknownReference(f"no negotiation {nid!r}")


def record_move(
    record: Record,
    viewer: Viewer,
    nid: str,
    fields: Mapping[str, Any],
    *,
    expected_seq: int | None = None,
    missing: Callable[[str], Exception] = _no_negotiation,
) -> list[StoredEvent]:
    """Record one move (``propose``, ``accept``, ... as in a scenario's history) for ``viewer``.

    ``fields`` are a history entry's (``move``, ``by``, ``part``, ``option``, ``level``,
    ``note``, ``round``, ``date``; the date defaults to today, UTC, and only the mediator
    may back-fill: :func:`accords.service.dating.dated`). In order: the viewer
    may record for ``by`` (else :class:`~accords.errors.AccessDenied`), the date is one
    the viewer may give, the fields are
    valid (else one-line :class:`RefusedMove`), the negotiation exists (else
    ``missing(nid)``: the API answers 404 its own way), and the rules allow the move.
    """
    from accords.service.dating import dated

    viewer.require_record_for(str(fields.get("by", "")))
    number = fields.get("round")
    asked = fields.get("date")
    when = dated(
        record,
        viewer,
        nid,
        asked if isinstance(asked, date) else None,
        number if isinstance(number, int) else None,
    )
    try:
        move = HistoryMove.model_validate({**fields, "date": when})
    except ValidationError as exc:
        raise RefusedMove(validation_message(exc)) from None
    if record.store.head(nid) == 0:
        raise missing(nid)
    return record.execute_many(
        nid, [move.command(move.date)], recorded_by=viewer.recorded_by, expected_seq=expected_seq
    )
