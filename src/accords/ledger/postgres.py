"""The event store on a PostgreSQL server, for teams that share one ledger.

Same schema, migrations and semantics as :mod:`accords.ledger.sqlite`. Appends
to one negotiation are serialised by a transaction-scoped advisory lock keyed on
the negotiation id, and the ``UNIQUE (negotiation, seq)`` constraint backs it:
of two writers that expect the same head, exactly one commits and the other gets
:class:`~accords.errors.ConflictError`. Payloads are stored as ``TEXT``, not
``JSONB``, because the hash covers their exact bytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict

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

__all__ = ["MIGRATIONS", "PostgresStore"]

_APPEND_ONLY = "the event log is append-only: events are never updated or deleted"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_create_events",
        (
            """
            CREATE TABLE events (
                id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                negotiation TEXT   NOT NULL,
                seq         BIGINT NOT NULL,
                type        TEXT   NOT NULL,
                payload     TEXT   NOT NULL,
                recorded_by TEXT   NOT NULL,
                occurred_on DATE   NOT NULL,
                recorded_at TEXT   NOT NULL,
                prev_hash   TEXT   NOT NULL,
                hash        TEXT   NOT NULL,
                CONSTRAINT events_negotiation_seq UNIQUE (negotiation, seq)
            )
            """,
            "CREATE INDEX events_as_of ON events (negotiation, occurred_on)",
        ),
    ),
    Migration(
        "0002_append_only",
        (
            f"""
            CREATE FUNCTION accords_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$
            """,
            """
            CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION accords_append_only()
            """,
            """
            CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION accords_append_only()
            """,
        ),
    ),
    Migration(
        "0003_create_snapshots",
        (
            """
            CREATE TABLE snapshots (
                negotiation TEXT   NOT NULL,
                seq         BIGINT NOT NULL,
                state       TEXT   NOT NULL,
                saved_at    TEXT   NOT NULL,
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

# Any fixed key will do; it only keeps two processes from migrating at once.
_MIGRATION_LOCK = 0x616363_6F726473
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"
_HEAD = "SELECT seq, hash FROM events WHERE negotiation = %s ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO events (negotiation, seq, type, payload, recorded_by, occurred_on,"
    " recorded_at, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_COLUMNS = "seq, type, payload, recorded_by, occurred_on, recorded_at, prev_hash, hash"
_READ = (
    f"SELECT {_COLUMNS} FROM events WHERE negotiation = %s AND seq > %s AND seq <= %s"
    " ORDER BY seq LIMIT %s"
)


def _read_until(keep: int) -> str:
    kept = f" OR type IN ({', '.join(['%s'] * keep)})" if keep else ""
    return (
        f"SELECT {_COLUMNS} FROM events WHERE negotiation = %s AND seq > %s AND seq <= %s"
        f" AND (occurred_on <= %s{kept}) ORDER BY seq LIMIT %s"
    )


_VERIFY = f"SELECT {_COLUMNS} FROM events WHERE negotiation = %s ORDER BY seq"
_NO_LIMIT = 2**63 - 1


def describe(url: str) -> str:
    """The server a URL names, without its password, for error messages."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:
        return "the PostgreSQL server (the URL could not be parsed)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresStore:
    """An :class:`~accords.ledger.store.EventStore` on PostgreSQL (psycopg 3).

    One connection in autocommit mode, every write in an explicit transaction,
    guarded by a lock so one store may serve several threads.
    """

    def __init__(self, url: str, *, clock: Clock = utc_now, connect_timeout: int = 10) -> None:
        self.where = describe(url)
        self._url = url
        self._connect_timeout = connect_timeout
        self._clock = clock
        self._lock = threading.RLock()
        self._conn = self._connect()
        try:
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, psycopg.Error):
                raise self._error(exc) from exc
            raise

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(
                self._url, autocommit=True, connect_timeout=self._connect_timeout
            )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to the ledger at {self.where}: {first}") from exc

    def _live(self) -> psycopg.Connection[Any]:
        """The connection, made afresh if the server dropped the last one (a restart,
        a failover): the call that saw it drop failed, the next one need not."""
        if self._conn.broken:
            self._conn.close()
            self._conn = self._connect()
        return self._conn

    def _error(self, exc: psycopg.Error) -> StoreError:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(f"the ledger at {self.where} failed: {first}")

    # -- schema ---------------------------------------------------------------------

    def _migrate(self) -> None:
        """Apply the missing migrations in one transaction; refuse a newer schema."""
        known = {m.name for m in MIGRATIONS}
        conn = self._conn
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations"
                " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {n for (n,) in conn.execute("SELECT name FROM migrations")}
            if unknown := sorted(applied - known):
                raise StoreError(
                    f"the ledger at {self.where} was written by a newer accords "
                    f"(unknown migrations: {', '.join(unknown)}); upgrade accords"
                )
            for migration in MIGRATIONS:
                if migration.name in applied:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)  # DDL, no parameters
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (%s, %s)",
                    (migration.name, stamp(self._clock)),
                )

    def migrations(self) -> list[str]:
        """The names of the applied migrations, in the order they were applied."""
        with self._lock:
            rows = self._live().execute("SELECT name FROM migrations ORDER BY applied_at, name")
            return [n for (n,) in rows]

    # -- the log --------------------------------------------------------------------

    def append(
        self, negotiation: str, events: Sequence[NewEvent], expected_seq: int
    ) -> list[StoredEvent]:
        check_append_args(negotiation, expected_seq)
        with self._lock:
            conn = self._live()
            try:
                with conn.transaction(), conn.cursor() as cur:
                    cur.execute(_LOCK, (negotiation,))
                    row = cur.execute(_HEAD, (negotiation,)).fetchone()
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
                    cur.executemany(
                        _INSERT,
                        [
                            (
                                negotiation,
                                e.seq,
                                e.type,
                                payload,
                                e.recorded_by,
                                e.occurred_on,
                                e.recorded_at,
                                e.prev_hash,
                                e.hash,
                            )
                            for e, payload in sealed
                        ],
                    )
            except psycopg.errors.UniqueViolation as exc:  # pragma: no cover - the lock prevents it
                raise ConflictError(negotiation, expected_seq, self.head(negotiation)) from exc
            except psycopg.Error as exc:
                raise self._error(exc) from exc
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
        sql: str = _READ if until is None else _read_until(len(keep))
        extra: tuple[date | str, ...] = () if until is None else (until, *keep)
        while True:
            with self._lock:
                try:
                    rows = (
                        self._live()
                        .execute(sql, (negotiation, after, upto, *extra, READ_BATCH))
                        .fetchall()
                    )
                except psycopg.Error as exc:
                    raise self._error(exc) from exc
            for seq, type_, payload, by, on, at, prev, digest in rows:
                yield StoredEvent(seq, negotiation, type_, loads(payload), by, on, at, prev, digest)
            if len(rows) < READ_BATCH:
                return
            after = rows[-1][0]

    def head(self, negotiation: str) -> int:
        check_negotiation(negotiation)
        with self._lock:
            try:
                row = (
                    self._live()
                    .execute("SELECT MAX(seq) FROM events WHERE negotiation = %s", (negotiation,))
                    .fetchone()
                )
            except psycopg.Error as exc:
                raise self._error(exc) from exc
        return int(row[0]) if row is not None and row[0] is not None else 0

    def negotiations(self) -> list[str]:
        with self._lock:
            try:
                rows = (
                    self._live()
                    .execute("SELECT DISTINCT negotiation FROM events ORDER BY negotiation")
                    .fetchall()
                )
            except psycopg.Error as exc:
                raise self._error(exc) from exc
        return [n for (n,) in rows]

    def verify(self, negotiation: str) -> Verification:
        check_negotiation(negotiation)
        with self._lock:
            try:
                with self._live().cursor() as cur:
                    return walk(negotiation, cur.execute(_VERIFY, (negotiation,)))
            except psycopg.Error as exc:
                raise self._error(exc) from exc

    # -- the snapshot cache ---------------------------------------------------------

    def save_snapshot(self, negotiation: str, seq: int, state: Mapping[str, Any]) -> None:
        check_append_args(negotiation, seq)
        text = canonical_json(state)
        with self._lock:
            conn = self._live()
            try:
                with conn.transaction():
                    row = conn.execute(
                        "SELECT COALESCE(MAX(seq), 0) FROM events WHERE negotiation = %s",
                        (negotiation,),
                    ).fetchone()
                    head = int(row[0]) if row is not None else 0
                    if seq > head:
                        raise ValueError(
                            f"cannot cache a state at event {seq} of {negotiation!r}: "
                            f"the log ends at {head}"
                        )
                    conn.execute(
                        "INSERT INTO snapshots (negotiation, seq, state, saved_at)"
                        " VALUES (%s, %s, %s, %s) ON CONFLICT (negotiation, seq)"
                        " DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at",
                        (negotiation, seq, text, stamp(self._clock)),
                    )
            except psycopg.Error as exc:
                raise self._error(exc) from exc

    def load_snapshot(
        self, negotiation: str, upto: int | None = None
    ) -> tuple[int, dict[str, Any]] | None:
        """The latest cached state at or before event ``upto`` (any, when ``None``)."""
        check_negotiation(negotiation)
        with self._lock:
            try:
                row = (
                    self._live()
                    .execute(
                        "SELECT seq, state FROM snapshots WHERE negotiation = %s AND seq <= %s"
                        " ORDER BY seq DESC LIMIT 1",
                        (negotiation, _NO_LIMIT if upto is None else upto),
                    )
                    .fetchone()
                )
            except psycopg.Error as exc:
                raise self._error(exc) from exc
        if row is None:
            return None
        state: dict[str, Any] = json.loads(row[1])
        return int(row[0]), state

    # -- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgresStore({self.where!r})"
