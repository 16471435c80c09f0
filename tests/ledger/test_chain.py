"""Canonical JSON and the hash: pinned, so a stored chain verifies on every version."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest
from hypothesis import given

import accords.ledger
from accords.ledger import GENESIS_HASH, canonical_json, event_hash
from accords.ledger.chain import walk

from .strategies import json_values


def test_canonical_json_is_sorted_compact_utf8_with_iso_dates() -> None:
    value = {"b": [1, 2.5, None, True], "a": "é🕊", "d": date(2019, 2, 25), "c": {"z": 1, "y": 2}}
    assert canonical_json(value) == (
        '{"a":"é🕊","b":[1,2.5,null,true],"c":{"y":2,"z":1},"d":"2019-02-25"}'
    )
    assert canonical_json({"at": datetime(2019, 2, 25, 10, 30)}) == '{"at":"2019-02-25T10:30:00"}'


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), object(), {1, 2}, b"bytes"])
def test_canonical_json_refuses_what_is_not_json(bad: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_json({"x": bad})


@given(json_values)
def test_canonical_json_is_a_fixed_point(value: object) -> None:
    text = canonical_json(value)
    assert canonical_json(json.loads(text)) == text


def test_the_hash_is_sha256_of_the_canonical_envelope() -> None:
    envelope = {
        "negotiation": "us-taliban",
        "occurred_on": "2019-02-25",
        "payload": {"part": "withdrawal", "quote": "«agreed in principle»"},
        "prev_hash": GENESIS_HASH,
        "recorded_at": "2019-03-13T12:00:00.000000+00:00",
        "recorded_by": "mediator",
        "seq": 1,
        "type": "statement",
    }
    expected = hashlib.sha256(canonical_json(envelope).encode("utf-8")).hexdigest()
    got = event_hash(
        seq=1,
        negotiation="us-taliban",
        type="statement",
        payload_json=canonical_json(envelope["payload"]),
        recorded_by="mediator",
        occurred_on="2019-02-25",
        recorded_at="2019-03-13T12:00:00.000000+00:00",
        prev_hash=GENESIS_HASH,
    )
    assert got == expected
    # Pinned: changing how events are hashed breaks every stored chain.
    assert got == "842d5bab732f7cfdf9168b380031cacf2f18334518e1c0a0fb63fe4042f8e16b"


def test_walk_names_gaps_duplicates_and_bad_text() -> None:
    def row(seq: object, prev: str, payload: object = "{}") -> tuple[object, ...]:
        digest = event_hash(
            seq=seq,  # type: ignore[arg-type]
            negotiation="n",
            type="t",
            payload_json=str(payload),
            recorded_by="cli",
            occurred_on="2019-01-01",
            recorded_at="x",
            prev_hash=prev,
        )
        return (seq, "t", payload, "cli", "2019-01-01", "x", prev, digest)

    one = row(1, GENESIS_HASH)
    two = row(2, str(one[7]))
    assert walk("n", [one, two]).ok
    assert walk("n", [one, two]).head_hash == two[7]
    gap = walk("n", [one, row(3, str(one[7]))])
    assert (gap.first_bad_seq, gap.reason) == (2, "event 2 is missing (the next stored is 3)")
    dup = walk("n", [one, one])
    assert (dup.first_bad_seq, dup.reason) == (1, "event 1 is stored twice or out of order")
    bad_json = walk("n", [one, row(2, str(one[7]), payload="{")])
    assert (bad_json.first_bad_seq, bad_json.reason) == (2, "payload is not valid JSON")
    not_object = walk("n", [row(1, GENESIS_HASH, payload="[]")])
    assert not_object.reason == "payload is not a JSON object"
    text_seq = walk("n", [one, ("2", *two[1:])])
    assert (text_seq.first_bad_seq, text_seq.reason) == (2, "event 2: seq is not an integer ('2')")


def test_the_public_api() -> None:
    assert accords.ledger.__all__ == [
        "GENESIS_HASH",
        "EventStore",
        "NewEvent",
        "SQLiteStore",
        "StoredEvent",
        "Verification",
        "canonical_json",
        "event_hash",
        "is_postgres_url",
        "open_store",
    ]
    assert accords.ledger.is_postgres_url("postgres://h/db")
    assert accords.ledger.is_postgres_url("POSTGRESQL://h/db")
    assert not accords.ledger.is_postgres_url("ledger.db")
