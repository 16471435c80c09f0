"""The server's cached record folds the same states as a fresh one, whoever writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accords.application import Record
from accords.errors import UnknownReference
from accords.model import commands as c
from accords.model import status_dict
from accords.sealing import open_store
from accords.service.record import CachedRecord

from .conftest import NID, plant


def test_cached_states_follow_the_log(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    server_store, other_store = open_store(db), open_store(db)
    cached, other = CachedRecord(server_store), Record(other_store)
    try:
        first = cached.state(NID)
        first.title = "scribbled on by a caller"  # callers get copies
        assert cached.state(NID).title != first.title
        on = date(2019, 6, 21)
        # another writer (another process, or the CLI) appends: the cache catches up
        other.execute(NID, c.Reject(on=on, part="ceasefire", party="taliban", note="no"))
        assert status_dict(cached.state(NID)) == status_dict(other.state(NID))
        # the server's own writes too
        cached.execute(NID, c.Propose(on=on, part="ceasefire", option="six-month", party="taliban"))
        assert status_dict(cached.state(NID)) == status_dict(Record(server_store).state(NID))
        assert cached.state(NID).events == server_store.head(NID)
        with pytest.raises(UnknownReference):
            cached.state("nothing")
    finally:
        server_store.close()
        other_store.close()
