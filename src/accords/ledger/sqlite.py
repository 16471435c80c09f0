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
from collections.abc import Collection, Iterator, Mapping, Sequence
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
    load_payload,
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
    Migration(
        "0004_index_event_types",
        ("CREATE INDEX events_by_type ON events (negotiation, type)",),
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


def _read_until(keep: int) -> str:
    """An as-of read: two index searches (by date, and by type for the kept types)."""
    by_date = (
        f"SELECT {_COLUMNS} FROM events INDEXED BY events_as_of"
        " WHERE negotiation = ? AND occurred_on <= ? AND seq > ? AND seq <= ?"
    )
    if not keep:
        return f"{by_date} ORDER BY seq LIMIT ?"
    by_type = (
        f"SELECT {_COLUMNS} FROM events INDEXED BY events_by_type"
        f" WHERE negotiation = ? AND type IN ({', '.join('?' * keep)})"
        " AND occurred_on > ? AND seq > ? AND seq <= ?"
    )
    return f"{by_date} UNION ALL {by_type} ORDER BY seq LIMIT ?"


def _until_args(
    negotiation: str, after: int, upto: int, until: str, keep: tuple[str, ...], limit: int
) -> tuple[object, ...]:
    first = (negotiation, until, after, upto)
    if not keep:
        return (*first, limit)
    return (*first, negotiation, *keep, until, after, upto, limit)


# Text columns come back as raw bytes, so a tampered byte that is not UTF-8 is
# reported as such instead of failing the read.
_VERIFY = (
    "SELECT CASE typeof(seq) WHEN 'integer' THEN seq ELSE CAST(seq AS BLOB) END,"
    " CAST(type AS BLOB), CAST(payload AS BLOB), CAST(recorded_by AS BLOB),"
    " CAST(occurred_on AS BLOB), CAST(recorded_at AS BLOB), CAST(prev_hash AS BLOB),"
    " CAST(hash AS BLOB) FROM events WHERE negotiation = ? ORDER BY seq"
)
_NO_LIMIT = 2**63 - 1


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


def _translate(path: Path, exc: sqlite3.Error) -> StoreError:
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
        keep_types: Collection[str] = (),
    ) -> Iterator[StoredEvent]:
        """Events with ``after < seq <= upto`` in seq order; ``occurred_until`` keeps only
        those that happened on or before that date (an as-of-date read), and those of
        ``keep_types`` whatever their date."""
        check_negotiation(negotiation)
        limit = _NO_LIMIT if upto is None else upto
        return self._read(negotiation, after, limit, occurred_until, tuple(keep_types))

    def _read(
        self,
        negotiation: str,
        after: int,
        upto: int,
        until: date | None,
        keep: tuple[str, ...] = (),
    ) -> Iterator[StoredEvent]:
        loads = load_payload
        fromiso = date.fromisoformat
        sql = _READ if until is None else _read_until(len(keep))
        while True:
            with self._lock:
                try:
                    args = (
                        (negotiation, after, upto, READ_BATCH)
                        if until is None
                        else _until_args(
                            negotiation, after, upto, until.isoformat(), keep, READ_BATCH
                        )
                    )
                    rows = self._conn.execute(sql, args).fetchall()
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
                cursor = self._conn.execute(_VERIFY, (negotiation,))
                try:
                    return walk(negotiation, cursor)
                finally:
                    # walk stops at the first bad event; an unfinished statement would
                    # hold a stale read snapshot and make the next append fail as busy.
                    cursor.close()
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
