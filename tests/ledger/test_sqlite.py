"""The SQLite store: the conformance suite, plus what only a file can get wrong."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from accords.errors import StoreError
from accords.ledger import EventStore, SQLiteStore, open_store

from .conformance import StoreConformance, ev


class SQLiteHarness:
    """A fresh database file and a raw connection that goes around the triggers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.target = str(path)
        self.text_only = False

    def open(self, *, clock: Callable[[], datetime] | None = None) -> EventStore:
        return SQLiteStore(self.path) if clock is None else SQLiteStore(self.path, clock=clock)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, isolation_level=None)

    def raw(self, negotiation: str, seq: int, column: str) -> bytes:
        with self._connect() as conn:
            (value,) = conn.execute(
                f"SELECT CAST({column} AS BLOB) FROM events WHERE negotiation = ? AND seq = ?",
                (negotiation, seq),
            ).fetchone()
        conn.close()
        return bytes(value)

    def tamper(self, negotiation: str, seq: int, column: str, value: bytes) -> bool:
        conn = self._connect()
        try:
            (rowid, before) = conn.execute(
                f"SELECT id, CAST({column} AS BLOB) FROM events WHERE negotiation = ? AND seq = ?",
                (negotiation, seq),
            ).fetchone()
            conn.execute("BEGIN IMMEDIATE")
            triggers = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
            ).fetchall()
            for name, _ in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            try:
                conn.execute(
                    f"UPDATE events SET {column} = CAST(? AS TEXT) WHERE id = ?", (value, rowid)
                )
            except sqlite3.IntegrityError:
                conn.execute("ROLLBACK")
                return False
            for _, sql in triggers:
                conn.execute(sql)
            conn.execute("COMMIT")
            (now,) = conn.execute(
                f"SELECT CAST({column} AS BLOB) FROM events WHERE id = ?", (rowid,)
            ).fetchone()
            return bytes(now) != bytes(before)
        finally:
            conn.close()

    def plain_update(self, negotiation: str, seq: int) -> None:
        conn = self._connect()
        try:
            conn.execute(
                "UPDATE events SET payload = '{}' WHERE negotiation = ? AND seq = ?",
                (negotiation, seq),
            )
        finally:
            conn.close()


@pytest.fixture
def harness(tmp_path: Path) -> SQLiteHarness:
    return SQLiteHarness(tmp_path / "ledger.db")


class TestSQLiteStore(StoreConformance):
    pass


# -- what only the SQLite store can get wrong ----------------------------------------


def test_durability_settings(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_the_schema(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        conn = store._conn
        indexes = {
            name: [c[2] for c in conn.execute(f"PRAGMA index_info({name})")]
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert ["negotiation", "seq"] in indexes.values()
        assert indexes["events_as_of"] == ["negotiation", "occurred_on"]
        unique = [
            row for row in conn.execute("PRAGMA index_list(events)") if row[2] == 1
        ]  # (seq, name, unique, origin, partial)
        assert any(
            [c[2] for c in conn.execute(f"PRAGMA index_info({row[1]})")] == ["negotiation", "seq"]
            for row in unique
        )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=f"{tmp_path}.*a folder"):
        SQLiteStore(tmp_path)


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "nowhere" / "l.db")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("nothing is agreed until everything is agreed\n" * 100)
    with pytest.raises(StoreError, match=f"{path}: it is not an SQLite database"):
        SQLiteStore(path)
    assert path.read_text().startswith("nothing is agreed")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "l.db").close()
    with sqlite3.connect(tmp_path / "l.db") as conn:
        conn.execute("INSERT INTO migrations VALUES ('0099_from_the_future', 'x')")
    conn.close()
    with pytest.raises(StoreError, match=r"newer accords.*0099_from_the_future"):
        SQLiteStore(tmp_path / "l.db")


_OPEN_AS_NOBODY = """
import os, sys
from accords.errors import StoreError
from accords.ledger import SQLiteStore
os.setgid(65534); os.setuid(65534)  # after the imports: root's Python may live in /root
for path in sys.argv[1:]:
    try:
        SQLiteStore(path)
    except StoreError as exc:
        print(exc)
"""


def test_permission_denied_is_a_clear_error(tmp_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="accords-perm-"))
    try:
        base.chmod(0o755)
        readable = base / "l.db"
        SQLiteStore(readable).close()
        hidden = base / "hidden"
        hidden.mkdir(mode=0o700)
        paths = [readable, hidden / "l.db"]
        if os.geteuid() == 0:
            # root opens anything: try as "nobody", in a child process, instead.
            readable.chmod(0o600)
            result = subprocess.run(
                [sys.executable, "-c", _OPEN_AS_NOBODY, *map(str, paths)],
                capture_output=True,
                text=True,
                check=True,
            )
            messages = result.stdout.splitlines()
        else:
            readable.chmod(0o000)
            hidden.chmod(0o000)
            messages = []
            for path in paths:
                with pytest.raises(StoreError) as info:
                    SQLiteStore(path)
                messages.append(str(info.value))
        assert len(messages) == 2
        for path, message in zip(paths, messages, strict=True):
            assert str(path) in message and "permission denied" in message
    finally:
        for p in (base, base / "hidden"):
            if p.exists():
                p.chmod(0o755)
        shutil.rmtree(base)


def test_open_store_opens_sqlite_for_paths(tmp_path: Path) -> None:
    for target in (tmp_path / "a.db", str(tmp_path / "b.db")):
        store = open_store(target)
        assert isinstance(store, SQLiteStore)
        store.append("n", [ev()], 0)
        store.close()


def test_invalid_utf8_behind_the_stores_back_is_named(tmp_path: Path) -> None:
    harness = SQLiteHarness(tmp_path / "l.db")
    with harness.open() as store:
        store.append("n", [ev(), ev()], 0)
        assert harness.tamper("n", 2, "type", b"pro\xffposal")
        v = store.verify("n")
        assert (v.first_bad_seq, v.reason) == (2, "type is not valid UTF-8")
        with pytest.raises(StoreError, match=r"l\.db holds text that is not valid UTF-8"):
            list(store.read("n"))


def test_an_in_memory_store_works() -> None:
    with SQLiteStore(":memory:") as store:
        store.append("n", [ev(), ev()], 0)
        assert store.verify("n").events == 2
