"""The event store on a PostgreSQL server, for teams that share one ledger.

Same schema, migrations and semantics as :mod:`accords.ledger.sqlite`: both are
:class:`~accords.ledger._sql.SQLStore`, and this module is PostgreSQL's dialect.
Appends to one negotiation are serialised by a transaction-scoped advisory lock
keyed on the negotiation id, and the ``UNIQUE (negotiation, seq)`` constraint
backs it: of two writers that expect the same head, exactly one commits and the
other gets :class:`~accords.errors.ConflictError`. Payloads are stored as
``TEXT``, not ``JSONB``, because the hash covers their exact bytes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict

from accords.errors import StoreError
from accords.ledger._common import Clock, Migration, snapshot_migrations, utc_now
from accords.ledger._sql import APPEND_ONLY, COLUMNS, Dialect, SQLStore

__all__ = ["MIGRATIONS", "PostgresDialect", "PostgresStore", "describe"]

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
            BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$
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
    *snapshot_migrations("BIGINT"),
)

# Any fixed key will do; it only keeps two processes from migrating at once.
_MIGRATION_LOCK = 0x616363_6F726473


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


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PostgresDialect(Dialect):
    """PostgreSQL: ``%s`` placeholders, advisory locks, dates as ``DATE``."""

    placeholder = "%s"
    migrations = MIGRATIONS
    driver_error = psycopg.Error
    duplicate_error = psycopg.errors.UniqueViolation
    migrations_order = "applied_at, name"

    def __init__(self, url: str, connect_timeout: int) -> None:
        self.url = url
        self.where = describe(url)
        self.connect_timeout = connect_timeout

    def connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to the ledger at {self.where}: {_first_line(exc)}"
            ) from exc

    def broken(self, conn: psycopg.Connection[Any]) -> bool:
        return conn.broken

    def transaction(self, conn: psycopg.Connection[Any]) -> AbstractContextManager[Any]:
        return conn.transaction()

    def lock_negotiation(self, cursor: Any, negotiation: str) -> None:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (negotiation,))

    def lock_migrations(self, conn: psycopg.Connection[Any]) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def translate(self, exc: Exception) -> StoreError:
        return StoreError(f"the ledger at {self.where} failed: {_first_line(exc)}")

    def as_of(
        self, negotiation: str, after: int, upto: int, until: date, keep: tuple[str, ...]
    ) -> tuple[str, tuple[object, ...]]:
        kept = f" OR type IN ({', '.join('?' * len(keep))})" if keep else ""
        sql = (
            f"SELECT {COLUMNS} FROM events WHERE negotiation = ? AND seq > ? AND seq <= ?"
            f" AND (occurred_on <= ?{kept}) ORDER BY seq LIMIT ?"
        )
        return sql, (negotiation, after, upto, until, *keep)


class PostgresStore(SQLStore):
    """The event store on PostgreSQL, psycopg 3 (see :class:`~accords.ledger._sql.SQLStore`)."""

    def __init__(self, url: str, *, clock: Clock = utc_now, connect_timeout: int = 10) -> None:
        dialect = PostgresDialect(url, connect_timeout)
        self.where = dialect.where
        super().__init__(dialect, clock)

    def __enter__(self) -> PostgresStore:
        return self

    def __repr__(self) -> str:
        return f"PostgresStore({self.where!r})"
