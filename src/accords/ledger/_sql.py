"""The one SQL event store, written once; a small :class:`Dialect` per backend.

SQLite and PostgreSQL run the same append, read, head, verify, snapshot and
migration code here. What differs lives in a dialect: how to connect, the
placeholder, how a write transaction takes its lock, the DDL of the migrations,
the as-of-date query, and how the driver's errors read to a user. Every driver
error goes through :meth:`Dialect.translate` in one place (:meth:`SQLStore._guard`),
so a caller only ever sees :class:`~accords.errors.StoreError` or a domain error.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from accords.errors import ConflictError, IntegrityError, InvalidArgument, StoreError
from accords.ledger._common import (
    READ_BATCH,
    Clock,
    Migration,
    check_append_args,
    check_negotiation,
    load_payload,
    stamp,
)
from accords.ledger.chain import GENESIS_HASH, canonical_json, seal, walk
from accords.ledger.store import NewEvent, StoredEvent, Verification

__all__ = ["APPEND_ONLY", "NO_LIMIT", "Dialect", "SQLStore"]

APPEND_ONLY = "the event log is append-only: events are never updated or deleted"
"""What the append-only triggers of both backends say when someone tries."""

NO_LIMIT = 2**63 - 1
"""The largest sequence number either backend stores (a signed 64-bit integer)."""

COLUMNS = "seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash"
"""The columns of a stored event, in :class:`StoredEvent` order (less the negotiation)."""

# Written with ``?``; a dialect whose driver wants another placeholder rewrites them.
_HEAD = "SELECT seq, hash FROM events WHERE negotiation = ? ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO events (negotiation, seq, type, payload, recorded_by, occurred_on,"
    " recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_READ = (
    f"SELECT {COLUMNS} FROM events WHERE negotiation = ? AND seq > ? AND seq <= ?"
    " ORDER BY seq LIMIT ?"
)
_MAX_SEQ = "SELECT MAX(seq) FROM events WHERE negotiation = ?"
_NEGOTIATIONS = "SELECT DISTINCT negotiation FROM events ORDER BY negotiation"
_SNAPSHOT_SAVE = (
    "INSERT INTO snapshots (negotiation, seq, state, saved_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (negotiation, seq)"
    " DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at"
)
_SNAPSHOT_LOAD = (
    "SELECT seq, state FROM snapshots WHERE negotiation = ? AND seq <= ? ORDER BY seq DESC LIMIT 1"
)
_MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
)
_MIGRATION_DONE = "INSERT INTO migrations (name, applied_at) VALUES (?, ?)"


class Dialect(ABC):
    """What one SQL backend does its own way; the store does everything else."""

    #: The server or file, as error messages name it (never with a password).
    where: str
    #: The schema steps, in order; both backends keep the same names.
    migrations: tuple[Migration, ...]
    #: The driver's base error class: anything else is not the database's doing.
    driver_error: type[Exception]
    #: The driver's error for a broken ``UNIQUE (negotiation, seq)``.
    duplicate_error: type[Exception]
    #: The parameter placeholder of the driver (``?`` or ``%s``).
    placeholder: str = "?"
    #: How the migrations table is read in the order the steps were applied.
    migrations_order: str = "name"
    #: The query :func:`~accords.ledger.chain.walk` checks, one row per event.
    verify_sql: str = f"SELECT {COLUMNS} FROM events WHERE negotiation = ? ORDER BY seq"

    def sql(self, text: str) -> str:
        """``text`` with this driver's placeholder for ``?`` (no query here holds a literal ?)."""
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @abstractmethod
    def connect(self) -> Any:
        """A new connection in autocommit mode, with the durability settings applied."""

    def broken(self, conn: Any) -> bool:
        """Whether the connection was lost (a server restart), so that a new one is needed."""
        return False

    @abstractmethod
    def transaction(self, conn: Any) -> AbstractContextManager[None]:
        """A write transaction: committed on success, rolled back on any exception."""

    def lock_negotiation(self, cursor: Any, negotiation: str) -> None:
        """Serialise appends to one negotiation (nothing to do where the transaction does it)."""
        return None

    def lock_migrations(self, conn: Any) -> None:
        """Keep two processes from migrating at once (inside the migration transaction)."""
        return None

    def migrations_known(self, conn: Any) -> bool:
        """Whether the migrations table surely exists, so that a read may skip the lock."""
        return False

    @abstractmethod
    def translate(self, exc: Exception) -> StoreError:
        """One clear line for a driver error."""

    @abstractmethod
    def as_of(
        self, negotiation: str, after: int, upto: int, until: date, keep: tuple[str, ...]
    ) -> tuple[str, tuple[object, ...]]:
        """An as-of-date read: the query (ending in ``LIMIT ?``), its arguments less the limit."""

    @staticmethod
    def date_param(day: date) -> object:
        """A date as the driver stores it in ``occurred_on``."""
        return day

    @staticmethod
    def date_value(value: Any) -> date:
        """``occurred_on`` as the driver returns it, as a date."""
        return value  # type: ignore[no-any-return]


class SQLStore:
    """An :class:`~accords.ledger.store.EventStore` on any SQL backend with a :class:`Dialect`.

    One connection, guarded by a lock, so one store may serve several threads;
    several processes may open the same database and append concurrently.
    """

    def __init__(self, dialect: Dialect, clock: Clock) -> None:
        self._dialect = dialect
        self._clock = clock
        self._lock = threading.RLock()
        self._head_sql = dialect.sql(_HEAD)
        self._insert_sql = dialect.sql(_INSERT)
        self._read_sql = dialect.sql(_READ)
        self._conn = dialect.connect()
        try:
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, dialect.driver_error):
                raise dialect.translate(exc) from exc
            raise

    # -- plumbing -------------------------------------------------------------------

    def _live(self) -> Any:
        """The connection, made afresh if the server dropped the last one (a restart,
        a failover): the call that saw it drop failed, the next one need not."""
        if self._dialect.broken(self._conn):
            self._conn.close()
            self._conn = self._dialect.connect()
        return self._conn

    @contextmanager
    def _guard(self) -> Iterator[Any]:
        """Hold the lock, hand out the live connection, and translate the driver's errors."""
        with self._lock:
            try:
                yield self._live()
            except self._dialect.driver_error as exc:
                raise self._dialect.translate(exc) from exc

    def _one(self, sql: str, args: tuple[object, ...] = ()) -> Any:
        with self._guard() as conn:
            return conn.execute(self._dialect.sql(sql), args).fetchone()

    # -- schema ---------------------------------------------------------------------

    def _applied(self, conn: Any) -> set[str]:
        return {name for (name,) in conn.execute("SELECT name FROM migrations")}

    def _migrate(self) -> None:
        """Apply the missing migrations in one transaction; refuse a newer schema."""
        dialect, conn = self._dialect, self._conn
        known = {m.name for m in dialect.migrations}
        if dialect.migrations_known(conn) and self._applied(conn) == known:
            return
        with dialect.transaction(conn):
            dialect.lock_migrations(conn)
            conn.execute(_MIGRATIONS_TABLE)
            applied = self._applied(conn)  # under the lock: another process may have won
            if unknown := sorted(applied - known):
                raise StoreError(
                    f"the ledger at {dialect.where} was written by a newer accords "
                    f"(unknown migrations: {', '.join(unknown)}); upgrade accords"
                )
            for migration in dialect.migrations:
                if migration.name in applied:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)  # DDL, no parameters
                conn.execute(dialect.sql(_MIGRATION_DONE), (migration.name, stamp(self._clock)))

    def migrations(self) -> list[str]:
        """The names of the applied migrations, in the order they were applied."""
        order = self._dialect.migrations_order
        with self._guard() as conn:
            return [n for (n,) in conn.execute(f"SELECT name FROM migrations ORDER BY {order}")]

    # -- the log --------------------------------------------------------------------

    def append(
        self, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[StoredEvent]:
        check_append_args(negotiation, expected_seq)
        dialect = self._dialect
        try:
            with self._guard() as conn, dialect.transaction(conn):
                cursor = conn.cursor()
                try:
                    sealed = self._append(cursor, negotiation, events, expected_seq)
                finally:
                    cursor.close()
        except StoreError as exc:  # pragma: no cover - the lock prevents a duplicate
            if isinstance(exc.__cause__, dialect.duplicate_error):
                raise ConflictError(negotiation, expected_seq, self.head(negotiation)) from exc
            raise
        return [e for e, _ in sealed]

    def _append(
        self, cursor: Any, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[tuple[StoredEvent, str]]:
        """Inside the write transaction: check the head, seal the events, insert them."""
        dialect = self._dialect
        dialect.lock_negotiation(cursor, negotiation)
        row = cursor.execute(self._head_sql, (negotiation,)).fetchone()
        head, prev_hash = row if row is not None else (0, GENESIS_HASH)
        if head != expected_seq:
            raise ConflictError(negotiation, expected_seq, head)
        sealed = seal(
            negotiation, events, head=head, prev_hash=prev_hash, recorded_at=stamp(self._clock)
        )
        day = dialect.date_param
        cursor.executemany(
            self._insert_sql,
            [
                (
                    negotiation,
                    e.seq,
                    e.type,
                    payload,
                    e.recorded_by,
                    day(e.occurred_on),
                    e.recorded_at,
                    e.prev_hash,
                    e.hash,
                )
                for e, payload in sealed
            ],
        )
        return sealed

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
        limit = NO_LIMIT if upto is None else upto
        return self._read(negotiation, after, limit, occurred_until, tuple(keep_types))

    def _query(
        self, negotiation: str, after: int, upto: int, until: date | None, keep: tuple[str, ...]
    ) -> tuple[str, tuple[object, ...]]:
        if until is None:
            return self._read_sql, (negotiation, after, upto)
        sql, args = self._dialect.as_of(negotiation, after, upto, until, keep)
        return self._dialect.sql(sql), args

    def _read(
        self,
        negotiation: str,
        after: int,
        upto: int,
        until: date | None,
        keep: tuple[str, ...] = (),
    ) -> Iterator[StoredEvent]:
        """Keyset pages of :data:`READ_BATCH` rows: no statement stays open between yields."""
        loads = load_payload
        day = self._dialect.date_value
        while True:
            sql, args = self._query(negotiation, after, upto, until, keep)
            with self._guard() as conn:
                rows = conn.execute(sql, (*args, READ_BATCH)).fetchall()
            if until is None and rows:
                _check_contiguous(negotiation, after, rows[0][0], rows[-1][0], len(rows))
            for seq, type_, payload, by, on, at, prev, digest in rows:
                yield StoredEvent(
                    seq, negotiation, type_, loads(payload), by, day(on), at, prev, digest
                )
            if len(rows) < READ_BATCH:
                return
            after = rows[-1][0]

    def head(self, negotiation: str) -> int:
        check_negotiation(negotiation)
        row = self._one(_MAX_SEQ, (negotiation,))
        return int(row[0]) if row is not None and row[0] is not None else 0

    def negotiations(self) -> list[str]:
        with self._guard() as conn:
            return [n for (n,) in conn.execute(_NEGOTIATIONS).fetchall()]

    def verify(self, negotiation: str) -> Verification:
        check_negotiation(negotiation)
        with self._guard() as conn:
            cursor = conn.cursor()
            try:
                cursor.execute(self._dialect.sql(self._dialect.verify_sql), (negotiation,))
                return walk(negotiation, cursor)
            finally:
                # walk stops at the first bad event; an unfinished statement would
                # hold a stale read snapshot and make the next append fail as busy.
                cursor.close()

    # -- the snapshot cache ---------------------------------------------------------

    def save_snapshot(self, negotiation: str, seq: int, state: Mapping[str, Any]) -> None:
        check_append_args(negotiation, seq)
        text = canonical_json(state)
        dialect = self._dialect
        with self._guard() as conn, dialect.transaction(conn):
            row = conn.execute(dialect.sql(_MAX_SEQ), (negotiation,)).fetchone()
            head = int(row[0]) if row is not None and row[0] is not None else 0
            if seq > head:
                raise InvalidArgument(
                    f"cannot cache a state at event {seq} of {negotiation!r}: "
                    f"the log ends at {head}"
                )
            conn.execute(dialect.sql(_SNAPSHOT_SAVE), (negotiation, seq, text, stamp(self._clock)))

    def load_snapshot(
        self, negotiation: str, upto: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        """The latest cached state at or before event ``upto`` (any, when ``None``)."""
        check_negotiation(negotiation)
        row = self._one(_SNAPSHOT_LOAD, (negotiation, NO_LIMIT if upto is None else upto))
        if row is None:
            return None
        state: dict[str, Any] = json.loads(row[1])
        return int(row[0]), state

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _check_contiguous(negotiation: str, after: int, first: int, last: int, count: int) -> None:
    """Refuse to hand a fold a log with a hole in it (an event deleted behind the triggers).

    Sequence numbers are unique and come in order, so a page is whole exactly when it
    starts right after ``after`` and spans as many numbers as it holds rows: O(1) a page.
    """
    if first == after + 1 and last - first == count - 1:
        return
    missing = after + 1 if first != after + 1 else first + 1
    raise IntegrityError(
        f"the log of negotiation {negotiation!r} is broken: an event after event "
        f"{missing - 1} is missing; `accords verify` names the first event at fault"
    )
