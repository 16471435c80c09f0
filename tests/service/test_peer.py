"""The API and the record agree: the same moves, sent over HTTP or executed directly,
are accepted or refused alike and leave the same board."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.application import Record
from accords.errors import AccordsError
from accords.model import status_dict
from accords.model.viewer import Mediator, move_date
from accords.scenario.build import move_command
from accords.scenario.schema import HistoryMove
from accords.sealing import open_store

from .conftest import NID, World
from .strategies import moves

DAY = date(2019, 6, 20)


@given(sequence=st.lists(moves(), min_size=1, max_size=12))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_and_record_agree(shared_world: World, sequence: list[dict[str, Any]]) -> None:
    # each example works on a fresh copy of the planted record, through a fresh app
    from fastapi.testclient import TestClient

    from accords.service.app import create_app

    from .conftest import fast_tokens

    tmp = Path(tempfile.mkdtemp())
    try:
        api_db, peer_db = str(tmp / "api.db"), str(tmp / "peer.db")
        for target in (api_db, peer_db):  # the backup API copies what is still in the WAL too
            with (
                closing(sqlite3.connect(shared_world.db)) as src,
                closing(sqlite3.connect(target)) as dst,
            ):
                src.backup(dst)
        client = TestClient(create_app(api_db, tokens=fast_tokens(api_db)))
        headers = shared_world.as_("mediator")
        peer_store = open_store(peer_db)
        peer = Record(peer_store)
        began = next(iter(peer_store.read(NID, after=0, upto=1))).occurred_on
        for body in sequence:
            r = client.post(
                f"/api/negotiations/{NID}/moves",
                json={**body, "on": DAY.isoformat()},
                headers=headers,
            )
            refusal = ""
            try:
                # the server dates moves by its rule (issue 11): the peer applies the same
                move_date(
                    Mediator(),
                    DAY,
                    today=datetime.now(UTC).date(),
                    state=peer.state(NID),
                    began=began,
                    round=body.get("round"),
                )
                peer.execute(NID, move_command(HistoryMove.model_validate({**body, "date": DAY})))
                expected = 201
            except (AccordsError, ValueError) as exc:  # ValueError: the scenario schema's checks
                expected = 422
                refusal = str(exc)
            assert r.status_code == expected, (body, r.text)
            if expected == 422 and "validation error" not in refusal:
                assert r.json()["detail"] == refusal
        got = client.get(f"/api/negotiations/{NID}/status", headers=headers).json()
        want = status_dict(peer.state(NID))
        assert got["summary"] == want["summary"]
        assert [(p["id"], p["status"], p["stances"]) for p in got["parts"]] == [
            (p["id"], p["status"], p["stances"]) for p in want["parts"]
        ]
        peer_store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
