"""The default event store: one SQLite file, WAL mode, ``synchronous=FULL``.

An append is one ``BEGIN IMMEDIATE`` transaction: it takes the write lock, reads
the head of the log, refuses a stale writer, inserts every event and commits, so
a crash at any moment leaves either the whole append or none of it. Nothing is
updated or deleted: triggers refuse it, and the hash chain shows it if someone
goes around them. The store itself is :class:`~accords.ledger._sql.SQLStore`;
this module is SQLite's dialect of it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from accords.errors import StoreError
from accords.ledger._common import Clock, Migration, snapshot_migrations, utc_now
from accords.ledger._sql import APPEND_ONLY, COLUMNS, Dialect, SQLStore

__all__ = ["MIGRATIONS", "SQLiteDialect", "SQLiteStore"]

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_create_events",
        (
            """
            CREATE TABLE events (
                id          INTEGER PRIMARY KEY,
                negotiation TEXT    NOT NULL,
                seq         INTEGER NOT NULL,
                type        TEXT    NOT NULL,
                payload     TEXT    NOT NULL,
                recorded_by TEXT    NOT NULL,
                occurred_on TEXT    NOT NULL,
                recorded_at TEXT    NOT NULL,
                prev_hash   TEXT    NOT NULL,
                hash        TEXT    NOT NULL,
                UNIQUE (negotiation, seq)
            )
            """,
            "CREATE INDEX events_as_of ON events (negotiation, occurred_on)",
        ),
    ),
    Migration(
        "0002_append_only",
        (
            f"""
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END
            """,
            f"""
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END
            """,
        ),
    ),
    *snapshot_migrations("INTEGER"),
)


# Text columns come back as raw bytes, so a tampered byte that is not UTF-8 is
# reported as such instead of failing the read.
_VERIFY = (
    "SELECT CASE typeof(seq) WHEN 'integer' THEN seq ELSE CAST(seq AS BLOB) END,"
    " CAST(type AS BLOB), CAST(payload AS BLOB), CAST(recorded_by AS BLOB),"
    " CAST(occurred_on AS BLOB), CAST(recorded_at AS BLOB), CAST(prev_hash AS BLOB),"
    " CAST(hash AS BLOB) FROM events WHERE negotiation = ? ORDER BY seq"
)


def _precheck(path: Path) -> None:
    """Say plainly what is wrong with a path before SQLite says "unable to open"."""
    try:
        _check_path(path)
    except PermissionError:  # a folder on the way cannot even be looked into
        raise StoreError(f"cannot open the ledger at {path}: permission denied") from None


def _check_path(path: Path) -> None:
    where = f"cannot open the ledger at {path}"
    if path.is_dir():
        raise StoreError(f"{where}: it is a folder, not a database file")
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(f"{where}: the folder {parent} does not exist")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{where}: permission denied (the file must be readable and writable)")
    # WAL mode keeps -wal and -shm files beside the database, so the folder must be writable.
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{where}: permission denied on the folder {parent}")


def _translate(path: Path, exc: Exception) -> StoreError:
    """One clear line for the sqlite3 errors a user can cause or fix."""
    message = str(exc)
    if "file is not a database" in message:
        return StoreError(f"cannot open the ledger at {path}: it is not an SQLite database")
    if "unable to open database file" in message:
        return StoreError(f"cannot open the ledger at {path}: unable to open the file")
    if "readonly" in message:
        return StoreError(f"cannot write the ledger at {path}: the file is read-only")
    if "Could not decode to UTF-8" in message:
        return StoreError(
            f"the ledger at {path} holds text that is not valid UTF-8: it was changed outside"
            " accords (`accords verify` names the event)"
        )
    if "database is locked" in message:
        return StoreError(f"the ledger at {path} is locked by another writer; try again")
    return StoreError(f"the ledger at {path} failed: {message}")


class SQLiteDialect(Dialect):
    """SQLite: ``BEGIN IMMEDIATE`` takes the file's write lock; dates are ISO text."""

    migrations = MIGRATIONS
    driver_error = sqlite3.Error
    duplicate_error = sqlite3.IntegrityError
    migrations_order = "rowid"
    verify_sql = _VERIFY

    @staticmethod
    def date_param(day: date) -> object:
        return day.isoformat()

    @staticmethod
    def date_value(value: Any) -> date:
        return date.fromisoformat(value)

    def __init__(self, path: str | os.PathLike[str], timeout: float) -> None:
        self.target = str(path)
        self.path = Path(path)
        self.where = str(self.path)
        self.timeout = timeout

    def connect(self) -> sqlite3.Connection:
        memory = self.target == ":memory:"
        if not memory:
            _precheck(self.path)
        try:
            conn = sqlite3.connect(
                self.target, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _translate(self.path, exc) from exc
        try:
            (mode,) = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode != ("memory" if memory else "wal"):
                raise StoreError(
                    f"cannot open the ledger at {self.target}: WAL mode unavailable ({mode})"
                )
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _translate(self.path, exc) from exc
            raise
        return conn

    @contextmanager
    def transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def migrations_known(self, conn: sqlite3.Connection) -> bool:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        return found is not None

    def translate(self, exc: Exception) -> StoreError:
        return _translate(self.path, exc)

    def as_of(
        self, negotiation: str, after: int, upto: int, until: date, keep: tuple[str, ...]
    ) -> tuple[str, tuple[object, ...]]:
        """Two index searches (by date, and by type for the kept types), one ordered result."""
        day = until.isoformat()
        by_date = (
            f"SELECT {COLUMNS} FROM events INDEXED BY events_as_of"
            " WHERE negotiation = ? AND occurred_on <= ? AND seq > ? AND seq <= ?"
        )
        if not keep:
            return f"{by_date} ORDER BY seq LIMIT ?", (negotiation, day, after, upto)
        by_type = (
            f"SELECT {COLUMNS} FROM events INDEXED BY events_by_type"
            f" WHERE negotiation = ? AND type IN ({', '.join('?' * len(keep))})"
            " AND occurred_on > ? AND seq > ? AND seq <= ?"
        )
        args = (negotiation, day, after, upto, negotiation, *keep, day, after, upto)
        return f"{by_date} UNION ALL {by_type} ORDER BY seq LIMIT ?", args


class SQLiteStore(SQLStore):
    """The event store in one SQLite file (see :class:`~accords.ledger._sql.SQLStore`)."""

    def __init__(
        self, path: str | os.PathLike[str], *, clock: Clock = utc_now, timeout: float = 30.0
    ) -> None:
        self.path = Path(path)
        super().__init__(SQLiteDialect(path, timeout), clock)

    def __enter__(self) -> SQLiteStore:
        return self

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"
