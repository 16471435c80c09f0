"""Issue 11, attack 1 replayed: the observer's log hash is no oracle for confidential payloads.

An observer's ``GET /api/negotiations/{id}/log`` hides a confidential payload but
shows the event's hash and every other hashed field. Before sealing, recomputing
the hash over guesses (the public example file's preferences, a sweep of
reservation values, a private note) confirmed the right one offline. The guesses
here are the *true* clear payloads, read with the key, and a sweep around the
true reservation value: none may confirm. A control replays the same guess
against the same events in an unsealed store, where it does confirm: the test
can fail.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server needs the service extra")

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from accords.application import Record
from accords.ledger import NewEvent, SQLiteStore, canonical_json, event_hash
from accords.model import commands as c
from accords.scenario.load import example_path, load_scenario
from accords.sealing import open_store
from accords.service.app import create_app
from accords.service.tokens import open_tokens

NID = "us-taliban-2019"
NOTE = "fallback: 14 months"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "talks.db")
    load_scenario(example_path("us-taliban-2019.yaml"), path)
    store = open_store(path)
    try:
        Record(store).execute(
            NID, c.RecordNote(on=date(2019, 6, 1), party="taliban", part=None, text=NOTE)
        )
    finally:
        store.close()
    return path


@pytest.fixture
def observer_log(db: str) -> Iterator[list[dict[str, Any]]]:
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    tokens = open_tokens(db, hasher=hasher)
    token = tokens.create("observer")[0]
    app = create_app(db, tokens=open_tokens(db, hasher=hasher))
    with TestClient(app) as client:
        r = client.get(f"/api/negotiations/{NID}/log", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
        yield r.json()
    tokens.close()


def _guess_hash(entry: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
    """The hash the observer recomputes from the visible fields and a guessed payload."""
    return event_hash(
        seq=entry["seq"],
        negotiation=NID,
        type=entry["type"],
        payload_json=canonical_json(payload),
        recorded_by=entry["recorded_by"],
        occurred_on=entry["occurred_on"],
        recorded_at=entry["recorded_at"],
        prev_hash=entry["prev_hash"],
    )


def _truth(db: str) -> dict[int, dict[str, Any]]:
    """The clear confidential payloads, read with the key (the best guess there can be)."""
    store = open_store(db)
    try:
        return {
            e.seq: dict(e.payload)
            for e in store.read(NID)
            if e.type in ("preferences-set", "note-recorded")
        }
    finally:
        store.close()


def _sweep(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The true payload, then every reservation value from 0 to 1 in steps of 0.005."""
    yield payload
    if "preferences" in payload:
        for i in range(201):
            prefs = dict(payload["preferences"], reservation=round(i * 0.005, 3))
            yield dict(payload, preferences=prefs)


def test_the_example_file_has_the_confidential_entries_the_attack_needs(db: str) -> None:
    truth = _truth(db)
    with_preferences = {p["party"] for p in truth.values() if "preferences" in p}
    assert len(with_preferences) == 3  # the example's three delegations' preferences
    assert any(p.get("text") == NOTE for p in truth.values())


def test_no_guess_confirms_a_hash_the_observer_sees(
    db: str, observer_log: list[dict[str, Any]]
) -> None:
    truth = _truth(db)
    entries = {e["seq"]: e for e in observer_log}
    assert set(truth) <= set(entries)
    for seq, payload in truth.items():
        entry = entries[seq]
        assert "sealed" not in entry["payload"] and "preferences" not in entry["payload"]
        for guess in _sweep(payload):
            assert _guess_hash(entry, guess) != entry["hash"], f"event {seq} confirmed a guess"


def test_the_same_guess_confirms_against_a_clear_store(
    db: str, observer_log: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Control: what the attack recovered before sealing, so the test above can fail."""
    truth = _truth(db)
    source = open_store(db)
    clear = SQLiteStore(tmp_path / "clear.db")
    try:
        events = [
            NewEvent(e.type, e.payload, e.occurred_on, e.recorded_by) for e in source.read(NID)
        ]
        stored = {e.seq: e for e in clear.append(NID, events, 0)}
    finally:
        source.close()
        clear.close()
    for seq, payload in truth.items():
        visible = {
            "seq": seq,
            "type": stored[seq].type,
            "recorded_by": stored[seq].recorded_by,
            "occurred_on": stored[seq].occurred_on.isoformat(),
            "recorded_at": stored[seq].recorded_at,
            "prev_hash": stored[seq].prev_hash,
        }
        assert _guess_hash(visible, payload) == stored[seq].hash
