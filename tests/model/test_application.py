"""The application layer over a real SQLite store: replay, as-of views, snapshots, atomicity."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from accords.application import SNAPSHOT_EVERY, Record
from accords.errors import ConflictError, RefusedMove
from accords.ledger import SQLiteStore
from accords.model import commands as c
from accords.model import fold

from .strategies import frameworks, moves
from .test_properties import play

D0 = date(2019, 1, 1)


@pytest.fixture
def record(tmp_path: Path) -> Record:
    return Record(SQLiteStore(tmp_path / "t.db"))


def setup(record: Record) -> None:
    record.execute_many(
        "n",
        [
            c.CreateNegotiation(on=D0, id="n", title="T"),
            c.AddParty(on=D0, id="a", name="A"),
            c.AddParty(on=D0, id="b", name="B"),
            c.AddPart(on=D0, id="p", title="P", signatories=("a", "b"), options=(("x", ""),)),
        ],
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frameworks(), moves())
def test_replay_from_the_store_equals_the_state_in_memory(
    tmp_path_factory: pytest.TempPathFactory,
    setup_cmds: list[c.Command],
    abstract: list[tuple[str, int, int, int, str]],
) -> None:
    events, states, _ = play(setup_cmds, abstract)
    store = SQLiteStore(tmp_path_factory.mktemp("replay") / "r.db")
    record = Record(store)
    record.append("n", events, recorded_by="test", expected_seq=0)
    assert record.state("n") == states[-1]
    assert fold(store.read("n")) == states[-1]
    assert store.verify("n").ok
    store.close()


def test_a_refused_batch_appends_nothing(record: Record) -> None:
    setup(record)
    head = record.store.head("n")
    with pytest.raises(RefusedMove) as err:
        record.execute_many(
            "n",
            [
                c.Accept(on=D0, part="p", option="x", party="a"),
                c.Accept(on=D0, part="p", option="nope", party="b"),
            ],
        )
    assert getattr(err.value, "position", None) == 1
    assert record.store.head("n") == head


def test_a_stale_writer_gets_a_conflict(record: Record) -> None:
    setup(record)
    head = record.store.head("n")
    record.execute("n", c.Accept(on=D0, part="p", option="x", party="a"), expected_seq=head)
    with pytest.raises(ConflictError):
        record.execute("n", c.Accept(on=D0, part="p", option="x", party="b"), expected_seq=head)
    assert record.store.head("n") == head + 1


def test_state_as_of_a_date_and_a_round(record: Record) -> None:
    setup(record)
    day = D0 + timedelta(days=10)
    record.execute("n", c.OpenRound(on=day, number=1))
    record.execute(
        "n", c.Accept(on=day, round=1, part="p", option="x", party="a", level="principle")
    )
    record.execute("n", c.CloseRound(on=day + timedelta(days=2), number=1))
    later = day + timedelta(days=30)
    record.execute("n", c.OpenRound(on=later, number=2))
    record.execute(
        "n", c.Accept(on=later, round=2, part="p", option="x", party="b", level="principle")
    )
    assert record.state("n").part_status("p").status == "agreed-in-principle"
    assert record.state("n", round=1).part_status("p").status == "proposed"
    assert record.state("n", as_of=day - timedelta(days=1)).part_status("p").status == "open"
    assert record.state("n", as_of=later).part_status("p").status == "agreed-in-principle"
    # A move back-filled later, dated in round 1, shows in the view as of round 1.
    record.execute("n", c.Reserve(on=day, round=1, part="p", party="a", note="late news"))
    assert record.state("n", round=1).parts["p"].stances["a"].kind == "reserves"


def test_long_logs_are_folded_from_a_snapshot(record: Record) -> None:
    setup(record)
    levels = ("principle", "ad-ref")
    record.execute_many(
        "n",
        [
            c.Accept(on=D0, part="p", option="x", party="a", level=levels[i % 2])
            for i in range(SNAPSHOT_EVERY + 5)
        ],
    )
    first = record.state("n")
    cached = record.store.load_snapshot("n")
    assert cached is not None and SNAPSHOT_EVERY <= cached[0] <= first.events
    record.execute("n", c.Accept(on=D0, part="p", option="x", party="b", level="ad-ref"))
    assert record.state("n") == fold(record.store.read("n"))
