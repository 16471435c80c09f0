"""The record as a long-running server holds it: the current state cached in memory.

A CLI command folds the log once and exits; a server answers every request from
the same log, so it keeps each negotiation's latest state and folds only the events
appended since (by anyone: another process may write to the same database). The
log stays the only truth: a cached state is a fold of its prefix, checked against
the log's head on every read, and every caller gets its own copy.
"""

from __future__ import annotations

import copy
import threading

from accords.application import Record
from accords.errors import UnknownReference
from accords.ledger.store import EventStore
from accords.model import State, fold

__all__ = ["CachedRecord"]


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
