"""The one SQL store: what its shared code adds beyond the conformance suite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from accords.errors import IntegrityError, InvalidArgument, InvalidType
from accords.ledger import SQLiteStore
from accords.ledger._sql import Dialect, SQLStore
from accords.ledger.chain import canonical_json
from accords.ledger.sqlite import SQLiteDialect

from .conformance import ev


def _delete(path: Path, seq: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
        conn.execute("DELETE FROM events WHERE seq = ?", (seq,))
    finally:
        conn.close()


@pytest.mark.parametrize("hole", [1, 2, 5])
def test_a_read_refuses_a_log_with_a_hole(tmp_path: Path, hole: int) -> None:
    path = tmp_path / "l.db"
    with SQLiteStore(path) as store:
        store.append("n", [ev(i=i) for i in range(6)], 0)
    _delete(path, hole)
    with SQLiteStore(path) as store:
        with pytest.raises(IntegrityError, match=r"'n' is broken.*accords verify"):
            list(store.read("n"))
        assert [e.seq for e in store.read("n", after=hole)] == list(range(hole + 1, 7))
        assert not store.verify("n").ok


def test_an_as_of_read_skips_events_without_calling_it_a_hole(tmp_path: Path) -> None:
    from datetime import date

    from accords.ledger import NewEvent

    with SQLiteStore(tmp_path / "l.db") as store:
        store.append("n", [NewEvent("t", {}, date(2019, 1, d)) for d in (1, 9, 2)], 0)
        assert [e.seq for e in store.read("n", occurred_until=date(2019, 1, 5))] == [1, 3]


def test_argument_errors_are_leaves_of_the_tree(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        with pytest.raises(InvalidArgument, match="expected_seq"):
            store.append("n", [ev()], -1)
        with pytest.raises(InvalidArgument, match="ends at 0"):
            store.save_snapshot("n", 1, {})
    with pytest.raises(InvalidArgument, match="not JSON compliant"):
        canonical_json({"x": float("nan")})
    with pytest.raises(InvalidType, match="object"):
        canonical_json({"x": object()})


def test_both_stores_are_the_one_sql_store() -> None:
    assert issubclass(SQLiteStore, SQLStore)
    assert issubclass(SQLiteDialect, Dialect)
    psycopg = pytest.importorskip("psycopg")
    del psycopg
    from accords.ledger.postgres import PostgresDialect, PostgresStore

    assert issubclass(PostgresStore, SQLStore) and issubclass(PostgresDialect, Dialect)
    assert PostgresDialect.placeholder == "%s"


def test_the_placeholder_is_rewritten_once(tmp_path: Path) -> None:
    dialect = SQLiteDialect(tmp_path / "l.db", 1.0)
    assert dialect.sql("a = ? AND b = ?") == "a = ? AND b = ?"
    dialect.placeholder = "%s"
    assert dialect.sql("a = ? AND b = ?") == "a = %s AND b = %s"
