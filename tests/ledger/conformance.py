"""The one conformance suite every event store must pass.

A backend's test module subclasses :class:`StoreConformance` and provides a
``harness`` fixture: a fresh, empty store target plus raw access to its tables,
so tests can tamper with stored bytes the way an attacker with the database
file (or a superuser) could.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from accords.errors import ConflictError
from accords.ledger import GENESIS_HASH, EventStore, NewEvent, StoredEvent, event_hash
from accords.ledger.chain import canonical_json

from .strategies import COLUMNS, new_events, payloads

WRITER = Path(__file__).with_name("_writer.py")
DAY = date(2019, 2, 25)

# Each backend's subclass runs the same property, with its own store: that is
# the point of a conformance suite, not an executor mix-up. The store fixture is
# shared by a property's examples on purpose: each example writes its own
# negotiation, so no example sees another's events.
SHARED_PROPERTY = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.differing_executors,
]


class Harness(Protocol):
    """A fresh store target and raw, constraint-free access to its tables."""

    target: str
    text_only: bool
    """Whether the backend stores only valid text (no NUL, valid UTF-8) in text columns."""

    def open(self, *, clock: Callable[[], datetime] | None = None) -> EventStore: ...

    def raw(self, negotiation: str, seq: int, column: str) -> bytes:
        """The stored bytes of one column of one event."""
        ...

    def tamper(self, negotiation: str, seq: int, column: str, value: bytes) -> bool:
        """Overwrite a column behind the store's back; whether the stored value changed."""
        ...

    def plain_update(self, negotiation: str, seq: int) -> None:
        """An ordinary UPDATE of an event, which the schema must refuse (raise)."""
        ...


def ev(type_: str = "proposal", occurred_on: date = DAY, **payload: Any) -> NewEvent:
    return NewEvent(type=type_, payload=payload, occurred_on=occurred_on)


class StoreConformance:
    """Behaviour that SQLite and PostgreSQL stores share, test for test."""

    @pytest.fixture
    def store(self, harness: Harness) -> Iterator[EventStore]:
        store = harness.open()
        yield store
        store.close()

    # -- append, read, head, negotiations -------------------------------------------

    def test_an_empty_store(self, store: EventStore) -> None:
        assert store.head("n") == 0
        assert store.negotiations() == []
        assert list(store.read("n")) == []
        verification = store.verify("n")
        assert verification.ok and verification.events == 0 and verification.head_hash == ""
        assert store.load_snapshot("n") is None

    def test_appended_events_read_back_chained(self, store: EventStore) -> None:
        stored = store.append("n", [ev(part="withdrawal"), ev(part="guarantees")], 0)
        more = store.append("n", [ev("statement", text="agreed in principle")], 2)
        assert [e.seq for e in stored + more] == [1, 2, 3]
        assert list(store.read("n")) == stored + more
        assert stored[0].prev_hash == GENESIS_HASH
        assert stored[1].prev_hash == stored[0].hash
        assert more[0].prev_hash == stored[1].hash
        assert store.head("n") == 3
        assert store.verify("n").head_hash == more[0].hash
        assert all(e.negotiation == "n" and e.recorded_by == "cli" for e in stored + more)

    def test_read_ranges(self, store: EventStore) -> None:
        store.append("n", [ev(i=i) for i in range(1, 8)], 0)
        assert [e.seq for e in store.read("n", after=2)] == [3, 4, 5, 6, 7]
        assert [e.seq for e in store.read("n", upto=3)] == [1, 2, 3]
        assert [e.seq for e in store.read("n", after=2, upto=5)] == [3, 4, 5]
        assert list(store.read("n", after=7)) == []
        assert [e.payload["i"] for e in store.read("n")] == list(range(1, 8))

    def test_a_long_log_reads_in_order_across_pages(self, store: EventStore) -> None:
        for start in range(0, 4500, 1500):
            store.append("n", [ev(i=i) for i in range(start, start + 1500)], start)
        seqs = [e.seq for e in store.read("n", after=10)]
        assert seqs == list(range(11, 4501))

    def test_each_negotiation_has_its_own_chain(self, store: EventStore) -> None:
        store.append("zeta", [ev()], 0)
        store.append("alpha", [ev(), ev()], 0)
        b = store.append("zeta", [ev()], 1)
        assert store.negotiations() == ["alpha", "zeta"]
        assert store.head("alpha") == 2 and store.head("zeta") == 2
        assert b[0].seq == 2
        assert [e.negotiation for e in store.read("alpha")] == ["alpha", "alpha"]
        assert store.verify("alpha").ok and store.verify("zeta").ok

    def test_the_hash_is_the_documented_one(self, store: EventStore) -> None:
        (e,) = store.append("n", [ev(on=date(2019, 1, 1), who="Zalmay Khalilzad")], 0)
        assert e.hash == event_hash(
            seq=1,
            negotiation="n",
            type="proposal",
            payload_json=canonical_json(e.payload),
            recorded_by="cli",
            occurred_on="2019-02-25",
            recorded_at=e.recorded_at,
            prev_hash=GENESIS_HASH,
        )

    def test_an_empty_append_writes_nothing(self, store: EventStore) -> None:
        assert store.append("n", [], 0) == []
        assert store.head("n") == 0 and store.negotiations() == []
        with pytest.raises(ConflictError):
            store.append("n", [], 3)

    # -- optimistic concurrency -----------------------------------------------------

    @pytest.mark.parametrize("expected", [0, 1, 3, 7])
    def test_a_stale_writer_is_refused_and_writes_nothing(
        self, store: EventStore, expected: int
    ) -> None:
        store.append("n", [ev(), ev()], 0)
        before = list(store.read("n"))
        with pytest.raises(ConflictError) as info:
            store.append("n", [ev(), ev()], expected)
        assert (info.value.negotiation, info.value.expected, info.value.actual) == (
            "n",
            expected,
            2,
        )
        assert "re-read" in str(info.value)
        assert list(store.read("n")) == before
        assert store.verify("n").ok

    def test_racing_writers_exactly_one_wins_each_round(self, harness: Harness) -> None:
        rounds = 15
        stores = [harness.open(), harness.open()]
        barrier = threading.Barrier(2, timeout=60)
        outcome: list[list[str]] = [[""] * rounds, [""] * rounds]
        errors: list[BaseException] = []

        def writer(i: int) -> None:
            try:
                for r in range(rounds):
                    barrier.wait()
                    try:
                        stores[i].append("race", [ev("tick", writer=i, round=r)], r)
                        outcome[i][r] = "won"
                    except ConflictError as exc:
                        assert exc.actual == r + 1
                        outcome[i][r] = "lost"
            except BaseException as exc:  # surfaced below, with the thread's traceback
                errors.append(exc)
                barrier.abort()

        threads = [threading.Thread(target=writer, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for s in stores:
            s.close()
        assert not errors, errors
        for r in range(rounds):
            assert sorted([outcome[0][r], outcome[1][r]]) == ["lost", "won"], r
        with harness.open() as check:
            events = list(check.read("race"))
            assert [e.payload["round"] for e in events] == list(range(rounds))
            winners = [0 if outcome[0][r] == "won" else 1 for r in range(rounds)]
            assert [e.payload["writer"] for e in events] == winners
            assert check.verify("race").ok

    def test_one_store_serves_several_threads(self, store: EventStore) -> None:
        """A web server shares one store between request threads."""
        errors: list[BaseException] = []

        def work(i: int) -> None:
            try:
                for k in range(25):
                    store.append(f"thread-{i}", [ev(k=k), ev(k=k)], 2 * k)
                    assert sum(1 for _ in store.read(f"thread-{i}")) == 2 * k + 2
                    store.head(f"thread-{(i + 1) % 4}")
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        assert store.negotiations() == [f"thread-{i}" for i in range(4)]
        assert all(store.verify(f"thread-{i}").events == 50 for i in range(4))

    # -- atomicity and bad input ----------------------------------------------------

    def test_a_multi_event_append_is_all_or_nothing(self, store: EventStore) -> None:
        store.append("n", [ev()], 0)
        bad_batches: list[list[NewEvent]] = [
            [ev(i=1), ev(i=2), ev(i=object())],  # not JSON
            [ev(i=1), ev(x=float("nan"))],  # NaN is not JSON
            [ev(i=1), ev(text="\ud800")],  # a lone surrogate is not UTF-8
            [ev(i=1), NewEvent("t", {}, datetime(2019, 1, 1, tzinfo=UTC))],  # not a date
            [ev(i=1), NewEvent("", {}, DAY)],  # no type
            [ev(i=1), NewEvent("a\x00b", {}, DAY)],  # NUL: PostgreSQL text cannot hold it
            [ev(i=1), NewEvent("t", {}, DAY, recorded_by="\x00")],
        ]
        for batch in bad_batches:
            with pytest.raises((TypeError, ValueError)):
                store.append("n", batch, 1)
            assert store.head("n") == 1
        assert len(list(store.read("n"))) == 1
        assert store.verify("n").ok

    @pytest.mark.parametrize(
        "negotiation, expected", [("", 0), ("n", -1), ("n", True), ("a\x00b", 0)]
    )
    def test_bad_arguments_are_refused(
        self, store: EventStore, negotiation: str, expected: int
    ) -> None:
        with pytest.raises(ValueError):
            store.append(negotiation, [ev()], expected)
        assert store.negotiations() == []

    # -- what is stored -------------------------------------------------------------

    def test_recorded_at_comes_from_the_store_clock(self, harness: Harness) -> None:
        ist = timezone(timedelta(hours=5, minutes=30))
        with harness.open(clock=lambda: datetime(2019, 3, 1, 5, 30, tzinfo=ist)) as store:
            (a, b) = store.append("n", [ev(), ev()], 0)
        assert a.recorded_at == b.recorded_at == "2019-03-01T00:00:00.000000+00:00"
        with harness.open(clock=lambda: datetime(2019, 3, 1)) as store:
            with pytest.raises(ValueError, match="aware"):
                store.append("n", [ev()], 2)
            assert store.head("n") == 2
            assert [e.recorded_at for e in store.read("n")] == [a.recorded_at] * 2

    def test_the_real_clock_gives_utc_with_microseconds(self, store: EventStore) -> None:
        before = datetime.now(UTC)
        (e,) = store.append("n", [ev()], 0)
        at = datetime.fromisoformat(e.recorded_at)
        assert e.recorded_at.endswith("+00:00") and len(e.recorded_at) == 32
        assert before - timedelta(seconds=60) <= at <= datetime.now(UTC) + timedelta(seconds=60)

    def test_dates_in_payloads_and_as_of_reads(self, store: EventStore) -> None:
        store.append(
            "n",
            [
                ev("round", occurred_on=date(2019, 1, 21), opened=date(2019, 1, 21)),
                ev("round", occurred_on=date(2019, 2, 25)),
                # back-filled: recorded later, happened earlier
                ev("statement", occurred_on=date(2018, 10, 12)),
            ],
            0,
        )
        events = list(store.read("n"))
        assert events[0].payload == {"opened": "2019-01-21"}
        assert [e.occurred_on for e in events] == [
            date(2019, 1, 21),
            date(2019, 2, 25),
            date(2018, 10, 12),
        ]
        assert all(type(e.occurred_on) is date for e in events)
        as_of = store.read("n", occurred_until=date(2019, 1, 31))
        assert [e.seq for e in as_of] == [1, 3]
        assert [e.seq for e in store.read("n", upto=2, occurred_until=date(2019, 1, 31))] == [1]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=SHARED_PROPERTY,
    )
    @given(events=st.lists(new_events, min_size=1, max_size=4))
    def test_any_payload_round_trips_and_verifies(
        self, store: EventStore, events: list[NewEvent]
    ) -> None:
        negotiation = f"rt-{uuid.uuid4().hex}"
        stored = store.append(negotiation, events, 0)
        read = list(store.read(negotiation))
        assert read == stored
        for new, got in zip(events, read, strict=True):
            assert got.payload == json.loads(json.dumps(dict(new.payload)))
            assert (got.type, got.recorded_by, got.occurred_on) == (
                new.type,
                new.recorded_by,
                new.occurred_on,
            )
        assert store.verify(negotiation).ok

    def test_unicode_everywhere(self, store: EventStore) -> None:
        payload = {
            "quote": "Zalmay Khalilzad: «nothing is agreed until everything is agreed»",
            "pashto": "سوله",
            "emoji": "🕊️",
            "nul": "a\u0000b",
            "ключ": ["é", "\u2028", "\U0001d518"],  # a Fraktur U, outside the BMP
        }
        negotiation = "us\u2013taliban/دوحه"  # an en dash
        (e,) = store.append(negotiation, [NewEvent("statement", payload, DAY, "délégation")], 0)
        (got,) = store.read(negotiation)
        assert got == e and got.payload == payload and got.recorded_by == "délégation"
        assert store.negotiations() == [negotiation]
        assert store.verify(negotiation).ok

    # -- snapshots ------------------------------------------------------------------

    def test_snapshots_round_trip_outside_the_chain(self, store: EventStore) -> None:
        store.append("n", [ev() for _ in range(6)], 0)
        chain = store.verify("n")
        state_2 = {"parts": {"withdrawal": "proposed"}, "as_of": date(2019, 2, 25)}
        store.save_snapshot("n", 2, state_2)
        store.save_snapshot("n", 5, {"parts": {"withdrawal": "agreed-in-principle"}})
        assert store.load_snapshot("n") == (5, {"parts": {"withdrawal": "agreed-in-principle"}})
        assert store.load_snapshot("n", upto=4) == (
            2,
            {"parts": {"withdrawal": "proposed"}, "as_of": "2019-02-25"},
        )
        assert store.load_snapshot("n", upto=1) is None
        store.save_snapshot("n", 5, {"replaced": True})
        assert store.load_snapshot("n") == (5, {"replaced": True})
        with pytest.raises(ValueError, match="ends at 6"):
            store.save_snapshot("n", 7, {})
        assert store.load_snapshot("other") is None
        assert store.verify("n") == chain and store.head("n") == 6

    # -- persistence, schema --------------------------------------------------------

    def test_reopening_keeps_everything_and_migrates_once(self, harness: Harness) -> None:
        with harness.open() as store:
            stored = store.append("n", [ev(), ev()], 0)
            names = store.migrations()  # type: ignore[attr-defined]
        with harness.open() as store:
            assert list(store.read("n")) == stored
            assert store.migrations() == names  # type: ignore[attr-defined]
        assert names == [
            "0001_create_events",
            "0002_append_only",
            "0003_create_snapshots",
            "0004_index_event_types",
        ]

    def test_the_schema_refuses_updates(self, harness: Harness, store: EventStore) -> None:
        store.append("n", [ev()], 0)
        with pytest.raises(Exception, match="append-only"):
            harness.plain_update("n", 1)
        assert store.verify("n").ok

    # -- tamper evidence ------------------------------------------------------------

    def test_verify_names_the_first_event_that_does_not_match(
        self, harness: Harness, store: EventStore
    ) -> None:
        store.append("n", [ev(i=i) for i in range(5)], 0)
        store.append("other", [ev()], 0)
        assert harness.tamper("n", 3, "payload", b'{"i":20}')
        v = store.verify("n")
        assert (v.ok, v.first_bad_seq, v.events) == (False, 3, 2)
        assert "hash" in v.reason
        assert store.verify("other").ok
        # A walk that stopped early leaves the store ready to write.
        store.append("other", [ev()], 1)

    def test_verify_reports_a_broken_link(self, harness: Harness, store: EventStore) -> None:
        store.append("n", [ev(i=i) for i in range(4)], 0)
        assert harness.tamper("n", 2, "prev_hash", b"f" * 64)
        v = store.verify("n")
        assert (v.first_bad_seq, v.reason) == (2, "prev_hash does not match the hash of event 1")

    def test_verify_reports_a_missing_event(self, harness: Harness, store: EventStore) -> None:
        store.append("n", [ev(i=i) for i in range(4)], 0)
        assert harness.tamper("n", 2, "seq", b"9")
        v = store.verify("n")
        assert (v.first_bad_seq, v.events) == (2, 1)
        assert "missing" in v.reason

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[*SHARED_PROPERTY, HealthCheck.filter_too_much],
    )
    @given(data=st.data(), payload_list=st.lists(payloads, min_size=1, max_size=4))
    def test_any_one_byte_change_is_caught(
        self,
        harness: Harness,
        store: EventStore,
        data: st.DataObject,
        payload_list: list[dict[str, Any]],
    ) -> None:
        negotiation = f"t-{uuid.uuid4().hex[:12]}"
        stored = store.append(negotiation, [NewEvent("move", p, DAY) for p in payload_list], 0)
        seq = data.draw(st.integers(1, len(stored)), label="seq")
        column = data.draw(st.sampled_from(COLUMNS), label="column")
        original = harness.raw(negotiation, seq, column)
        at = data.draw(st.integers(0, len(original) - 1), label="at")
        # Draw a change, not a value: the stored bytes (hashes, times, ids) differ
        # from run to run, and Hypothesis must replay the same draws.
        if harness.text_only or column == "negotiation":
            # Stay within printable ASCII where the original is ASCII, so the new
            # text is storable (PostgreSQL) and the renamed event can be looked up.
            delta = data.draw(st.integers(1, 94), label="delta")
            old = original[at]
            byte = 0x20 + (old - 0x20 + delta) % 95 if 0x20 <= old < 0x7F else (old + delta) % 256
        else:
            byte = (original[at] + data.draw(st.integers(1, 255), label="delta")) % 256
        changed = original[:at] + bytes([byte]) + original[at + 1 :]
        renamed = changed.decode("utf-8", errors="replace")
        assume(harness.tamper(negotiation, seq, column, changed))

        if column == "negotiation":
            # The event left this chain (a gap here, unless it was the last) and
            # landed in another (a gap there, or a hash that names this negotiation).
            assert not (store.verify(negotiation).ok and store.verify(renamed).ok)
        elif column == "seq":
            assert not store.verify(negotiation).ok
        else:
            v = store.verify(negotiation)
            assert not v.ok
            assert v.first_bad_seq == seq, v

    # -- crashes --------------------------------------------------------------------

    def test_killed_writers_lose_no_acknowledged_append(
        self, harness: Harness, tmp_path: Path
    ) -> None:
        """Writers are SIGKILLed at random moments; every append a writer acknowledged
        survives, every batch is whole, and every chain verifies."""
        harness.open().close()  # create and migrate before the writers race to
        rng = random.Random(20190225)
        negotiations = ("crash-a", "crash-b")
        outputs: list[Path] = []
        everyone: list[subprocess.Popen[bytes]] = []
        spawned = 0

        def spawn() -> subprocess.Popen[bytes]:
            nonlocal spawned
            spawned += 1
            out = tmp_path / f"writer-{spawned}.out"
            outputs.append(out)
            with out.open("wb") as stdout, (tmp_path / f"writer-{spawned}.err").open("wb") as err:
                process = subprocess.Popen(
                    [sys.executable, str(WRITER), harness.target, str(spawned), *negotiations],
                    stdout=stdout,
                    stderr=err,
                )
            everyone.append(process)
            return process

        writers = [spawn() for _ in range(3)]
        for _ in range(12):
            time.sleep(rng.uniform(0.05, 0.6))
            victim = rng.randrange(len(writers))
            writers[victim].kill()
            writers[victim].wait()
            writers[victim] = spawn()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and sum(len(o.read_bytes()) for o in outputs) < 2000:
            time.sleep(0.1)
        time.sleep(rng.uniform(0.0, 0.3))
        for w in writers:
            w.kill()
            w.wait()
        # Every writer died of SIGKILL, none of an error of its own.
        failed = [i for i, w in enumerate(everyone, start=1) if w.returncode != -9]
        assert not failed, [(tmp_path / f"writer-{i}.err").read_text() for i in failed]

        acknowledged: list[tuple[str, int, str]] = []
        for out in outputs:
            for line in out.read_bytes().decode().splitlines(keepends=True):
                if line.endswith("\n"):  # a half-written line is not an acknowledgement
                    negotiation, seq, digest = line.split()
                    acknowledged.append((negotiation, int(seq), digest))
        assert len(acknowledged) >= 20

        with harness.open() as store:
            by_key: dict[tuple[str, int], StoredEvent] = {}
            batches: dict[str, list[StoredEvent]] = defaultdict(list)
            for negotiation in negotiations:
                assert store.verify(negotiation).ok
                for e in store.read(negotiation):
                    by_key[negotiation, e.seq] = e
                    batches[e.payload["batch"]].append(e)
            for negotiation, seq, digest in acknowledged:
                assert by_key[negotiation, seq].hash == digest
            for events in batches.values():
                size = events[0].payload["size"]
                assert [e.payload["index"] for e in events] == list(range(size))
                assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + size))
