"""The sealing layer's own tables, beside the event log and never in its chain.

``data_keys`` holds each negotiation's data keys, wrapped by the deployment key,
one row per (negotiation, version) with the id of the key that wrapped it.
``chain_rewrites`` records every re-hash of a chain by the clear-text migration
(old head, new head, date), so an auditor holding the old head can check it.

The layer opens its own connection to the database the store uses (a second
SQLite connection, or a second PostgreSQL session with the same URL and so the
same ``search_path``), so it needs no hook in either store's code.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from accords.errors import StoreError

__all__ = ["KeyRow", "Table", "open_table"]

KeyRow = tuple[str, int, str, str]
"""``(negotiation, version, key_id, wrapped)``: one wrapped data key, base64 text."""

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS data_keys (
        negotiation TEXT    NOT NULL,
        version     INTEGER NOT NULL,
        key_id      TEXT    NOT NULL,
        wrapped     TEXT    NOT NULL,
        created_at  TEXT    NOT NULL,
        PRIMARY KEY (negotiation, version)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS chain_rewrites (
        negotiation  TEXT    NOT NULL,
        rule         TEXT    NOT NULL,
        first_seq    INTEGER NOT NULL,
        events       INTEGER NOT NULL,
        old_head     TEXT    NOT NULL,
        new_head     TEXT    NOT NULL,
        sealed       TEXT    NOT NULL,
        rewritten_at TEXT    NOT NULL
    )
    """,
)


class Table:
    """One connection to the store's database, with ``?`` placeholders on both backends."""

    def __init__(self, conn: Any, *, postgres: bool, where: str) -> None:
        self.conn = conn
        self.postgres = postgres
        self.where = where
        self._created = False
        self.lock = threading.RLock()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; the rows it returns (none for a write)."""
        try:
            with self.lock:
                cur = self.conn.execute(self._sql(sql), tuple(params))
                rows = cur.fetchall() if cur.description is not None else []
        except (sqlite3.Error, _pg_error()) as exc:
            raise StoreError(f"the key table of the ledger at {self.where} failed: {exc}") from exc
        return [tuple(r) for r in rows]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite: the write lock at once)."""
        self.ensure()
        with self.lock:
            if self.postgres:
                with self.conn.transaction():
                    yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def exists(self, name: str) -> bool:
        if self.postgres:
            ((found,),) = self.execute("SELECT to_regclass(?) IS NOT NULL", (name,))
            return bool(found)
        return bool(self.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))

    def ensure(self) -> None:
        """Create the layer's tables on first write (a read-only look creates nothing)."""
        if self._created:
            return
        for statement in _SCHEMA:
            self.execute(statement)
        self._created = True

    # -- data keys ------------------------------------------------------------------

    def data_keys(self, negotiation: str | None = None) -> list[KeyRow]:
        if not self.exists("data_keys"):
            return []
        sql = "SELECT negotiation, version, key_id, wrapped FROM data_keys"
        if negotiation is None:
            rows = self.execute(f"{sql} ORDER BY negotiation, version")
        else:
            rows = self.execute(f"{sql} WHERE negotiation = ? ORDER BY version", (negotiation,))
        return [(str(n), int(v), str(k), str(w)) for n, v, k, w in rows]

    def any_keys(self) -> bool:
        return self.exists("data_keys") and bool(self.execute("SELECT 1 FROM data_keys LIMIT 1"))

    def add_key(self, row: KeyRow, created_at: str) -> None:
        """Insert a data key unless another writer stored that version first."""
        self.ensure()
        self.execute(
            "INSERT INTO data_keys (negotiation, version, key_id, wrapped, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (negotiation, version) DO NOTHING",
            (*row, created_at),
        )

    def rewrap(self, row: KeyRow) -> None:
        negotiation, version, key_id, wrapped = row
        self.execute(
            "UPDATE data_keys SET key_id = ?, wrapped = ? WHERE negotiation = ? AND version = ?",
            (key_id, wrapped, negotiation, version),
        )

    def rewrites(self, negotiation: str) -> list[tuple[Any, ...]]:
        if not self.exists("chain_rewrites"):
            return []
        return self.execute(
            "SELECT rule, first_seq, events, old_head, new_head, sealed, rewritten_at"
            " FROM chain_rewrites WHERE negotiation = ? ORDER BY rewritten_at",
            (negotiation,),
        )

    def close(self) -> None:
        self.conn.close()


def _pg_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - only without the postgres extra
        return sqlite3.Error
    return psycopg.Error


def open_table(target: str, where: str) -> Table:
    """A connection to the database at ``target`` for the layer's own tables."""
    if target.lower().startswith(("postgresql://", "postgres://")):
        import psycopg

        try:
            conn = psycopg.connect(target, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the ledger at {where}: {exc}") from exc
        return Table(conn, postgres=True, where=where)
    try:
        lite = sqlite3.connect(target, timeout=30.0, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the ledger at {where}: {exc}") from exc
    return Table(lite, postgres=False, where=where)
