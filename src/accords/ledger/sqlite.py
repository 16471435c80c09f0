"""The default event store: one SQLite file, WAL mode, ``synchronous=FULL``.

An append is one ``BEGIN IMMEDIATE`` transaction: it takes the write lock, reads
the head of the log, refuses a stale writer, inserts every event and commits, so
a crash at any moment leaves either the whole append or none of it. Nothing is
updated or deleted: triggers refuse it, and the hash chain shows it if someone
goes around them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from accords.errors import ConflictError, StoreError
from accords.ledger._common import (
    READ_BATCH,
    Clock,
    Migration,
    check_append_args,
    check_negotiation,
    stamp,
    utc_now,
)
from accords.ledger.chain import GENESIS_HASH, canonical_json, seal, walk
from accords.ledger.store import NewEvent, StoredEvent, Verification

__all__ = ["MIGRATIONS", "SQLiteStore"]

_APPEND_ONLY = "the event log is append-only: events are never updated or deleted"

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
            BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END
            """,
            f"""
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END
            """,
        ),
    ),
    Migration(
        "0003_create_snapshots",
        (
            """
            CREATE TABLE snapshots (
                negotiation TEXT    NOT NULL,
                seq         INTEGER NOT NULL,
                state       TEXT    NOT NULL,
                saved_at    TEXT    NOT NULL,
                PRIMARY KEY (negotiation, seq)
            )
            """,
        ),
    ),
)

_HEAD = "SELECT seq, hash FROM events WHERE negotiation = ? ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO events (negotiation, seq, type, payload, recorded_by, occurred_on,"
    " recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_COLUMNS = "seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash"
_READ = (
    f"SELECT {_COLUMNS} FROM events WHERE negotiation = ? AND seq > ? AND seq <= ?"
    " ORDER BY seq LIMIT ?"
)
_READ_UNTIL = (
    f"SELECT {_COLUMNS} FROM events WHERE negotiation = ? AND seq > ? AND seq <= ?"
    " AND occurred_on <= ? ORDER BY seq LIMIT ?"
)
# Text columns come back as raw bytes, so a tampered byte that is not UTF-8 is
# reported as such instead of failing the read.
_VERIFY = (
    "SELECT seq, CAST(type AS BLOB), CAST(payload AS BLOB), CAST(recorded_by AS BLOB),"
    " CAST(occurred_on AS BLOB), CAST(recorded_at AS BLOB), CAST(prev_hash AS BLOB),"
    " CAST(hash AS BLOB) FROM events WHERE negotiation = ? ORDER BY seq"
)
_NO_LIMIT = 2**63 - 1


def _precheck(path: Path) -> None:
    """Say plainly what is wrong with a path before SQLite says "unable to open"."""
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


def _translate(path: Path, exc: sqlite3.Error) -> StoreError:
    """One clear line for the sqlite3 errors a user can cause or fix."""
    message = str(exc)
    if "file is not a database" in message:
        return StoreError(f"cannot open the ledger at {path}: it is not an SQLite database")
    if "unable to open database file" in message:
        return StoreError(f"cannot open the ledger at {path}: unable to open the file")
    if "readonly" in message:
        return StoreError(f"cannot write the ledger at {path}: the file is read-only")
    if "database is locked" in message:
        return StoreError(f"the ledger at {path} is locked by another writer; try again")
    return StoreError(f"the ledger at {path} failed: {message}")


class SQLiteStore:
    """An :class:`~accords.ledger.store.EventStore` in one SQLite file.

    One connection, guarded by a lock, so one store may serve several threads;
    several processes may open the same file and append concurrently.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, clock: Clock = utc_now, timeout: float = 30.0
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        memory = str(path) == ":memory:"
        if not memory:
            _precheck(self.path)
        try:
            self._conn = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _translate(self.path, exc) from exc
        try:
            (mode,) = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode != ("memory" if memory else "wal"):
                raise StoreError(f"cannot open the ledger at {path}: WAL mode unavailable ({mode})")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _translate(self.path, exc) from exc
            raise

    # -- schema ---------------------------------------------------------------------

    def _applied(self) -> set[str]:
        conn = self._conn
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone():
            return set()
        return {name for (name,) in conn.execute("SELECT name FROM migrations")}

    def _migrate(self) -> None:
        """Apply the missing migrations in one transaction; refuse a newer schema."""
        known = {m.name for m in MIGRATIONS}
        applied = self._applied()
        if applied == known:
            return
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations"
                " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = self._applied()  # again, under the write lock: another process may have won
            if unknown := sorted(applied - known):
                raise StoreError(
                    f"the ledger at {self.path} was written by a newer accords "
                    f"(unknown migrations: {', '.join(unknown)}); upgrade accords"
                )
            for migration in MIGRATIONS:
                if migration.name in applied:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    (migration.name, stamp(self._clock)),
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def migrations(self) -> list[str]:
        """The names of the applied migrations, in the order they were applied."""
        with self._lock:
            return [n for (n,) in self._conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    # -- the log --------------------------------------------------------------------

    def append(
        self, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[StoredEvent]:
        check_append_args(negotiation, expected_seq)
        conn = self._conn
        with self._lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    row = conn.execute(_HEAD, (negotiation,)).fetchone()
                    head, prev_hash = row if row is not None else (0, GENESIS_HASH)
                    if head != expected_seq:
                        raise ConflictError(negotiation, expected_seq, head)
                    sealed = seal(
                        negotiation,
                        events,
                        head=head,
                        prev_hash=prev_hash,
                        recorded_at=stamp(self._clock),
                    )
                    conn.executemany(
                        _INSERT,
                        [
                            (
                                negotiation,
                                e.seq,
                                e.type,
                                payload,
                                e.recorded_by,
                                e.occurred_on.isoformat(),
                                e.recorded_at,
                                e.prev_hash,
                                e.hash,
                            )
                            for e, payload in sealed
                        ],
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError as exc:  # pragma: no cover - the write lock prevents it
                raise ConflictError(negotiation, expected_seq, self.head(negotiation)) from exc
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc
        return [e for e, _ in sealed]

    def read(
        self,
        negotiation: str,
        after: int = 0,
        upto: int | None = None,
        *,
        occurred_until: date | None = None,
    ) -> Iterator[StoredEvent]:
        """Events with ``after < seq <= upto`` in seq order; ``occurred_until`` keeps only
        those that happened on or before that date (an as-of-date read)."""
        check_negotiation(negotiation)
        return self._read(negotiation, after, _NO_LIMIT if upto is None else upto, occurred_until)

    def _read(
        self, negotiation: str, after: int, upto: int, until: date | None
    ) -> Iterator[StoredEvent]:
        loads = json.loads
        fromiso = date.fromisoformat
        sql = _READ if until is None else _READ_UNTIL
        extra: tuple[str, ...] = () if until is None else (until.isoformat(),)
        while True:
            with self._lock:
                try:
                    rows = self._conn.execute(
                        sql, (negotiation, after, upto, *extra, READ_BATCH)
                    ).fetchall()
                except sqlite3.Error as exc:
                    raise _translate(self.path, exc) from exc
            for seq, type_, payload, by, on, at, prev, digest in rows:
                yield StoredEvent(
                    seq, negotiation, type_, loads(payload), by, fromiso(on), at, prev, digest
                )
            if len(rows) < READ_BATCH:
                return
            after = rows[-1][0]

    def head(self, negotiation: str) -> int:
        check_negotiation(negotiation)
        with self._lock:
            try:
                (seq,) = self._conn.execute(
                    "SELECT MAX(seq) FROM events WHERE negotiation = ?", (negotiation,)
                ).fetchone()
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc
        return int(seq) if seq is not None else 0

    def negotiations(self) -> list[str]:
        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT DISTINCT negotiation FROM events ORDER BY negotiation"
                ).fetchall()
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc
        return [n for (n,) in rows]

    def verify(self, negotiation: str) -> Verification:
        check_negotiation(negotiation)
        with self._lock:
            try:
                return walk(negotiation, self._conn.execute(_VERIFY, (negotiation,)))
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc

    # -- the snapshot cache ---------------------------------------------------------

    def save_snapshot(self, negotiation: str, seq: int, state: Mapping[str, Any]) -> None:
        check_append_args(negotiation, seq)
        text = canonical_json(state)
        conn = self._conn
        with self._lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    (head,) = conn.execute(
                        "SELECT COALESCE(MAX(seq), 0) FROM events WHERE negotiation = ?",
                        (negotiation,),
                    ).fetchone()
                    if seq > head:
                        raise ValueError(
                            f"cannot cache a state at event {seq} of {negotiation!r}: "
                            f"the log ends at {head}"
                        )
                    conn.execute(
                        "INSERT OR REPLACE INTO snapshots (negotiation, seq, state, saved_at)"
                        " VALUES (?, ?, ?, ?)",
                        (negotiation, seq, text, stamp(self._clock)),
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc

    def load_snapshot(
        self, negotiation: str, upto: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        """The latest cached state at or before event ``upto`` (any, when ``None``)."""
        check_negotiation(negotiation)
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT seq, state FROM snapshots WHERE negotiation = ? AND seq <= ?"
                    " ORDER BY seq DESC LIMIT 1",
                    (negotiation, _NO_LIMIT if upto is None else upto),
                ).fetchone()
            except sqlite3.Error as exc:
                raise _translate(self.path, exc) from exc
        if row is None:
            return None
        state: dict[str, Any] = json.loads(row[1])
        return int(row[0]), state

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"
