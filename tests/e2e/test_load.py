"""Concurrent writers on one negotiation over a real server: nothing acknowledged is lost."""

from __future__ import annotations

from pathlib import Path

import httpx

from accords.service.testing import LiveServer, hammer, load_negotiation
from service.conftest import fast_tokens


def test_concurrent_writers_lose_nothing_and_conflicts_are_409(tmp_path: Path) -> None:
    db = str(tmp_path / "load.db")
    clients, moves = 4, 25
    load_negotiation(db, "load", clients)
    tokens = fast_tokens(db)
    issued = {f"p{i}": tokens.create("party", f"p{i}")[0] for i in range(clients)}
    mediator, _ = tokens.create("mediator")
    with LiveServer(db, tokens=tokens, access_log=False) as server:
        result = hammer(server.url, "load", issued, moves)
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {mediator}"}
        ) as h:
            log = h.get("/api/negotiations/load/log").json()
            verified = h.get("/api/negotiations/load/verify").json()
    assert set(result.latencies) <= {201, 409}  # every refusal under contention is a 409
    assert len(result.latencies[201]) == clients * moves
    accepted = {e["seq"]: e["payload"]["note"] for e in log if e["type"] == "option-accepted"}
    assert accepted == result.acknowledged  # every acknowledged move is there, and no other
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    assert verified["ok"] is True
    assert verified["events"] == len(log)
