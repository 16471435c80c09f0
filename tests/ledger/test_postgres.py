"""The PostgreSQL store: the conformance suite, against a real server.

Set ``ACCORDS_TEST_POSTGRES`` to a URL (``source .ci/postgres.sh`` starts a
throw-away server and sets it). Each test gets its own schema, dropped after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from urllib.parse import quote

import pytest

from accords.errors import StoreError
from accords.ledger import EventStore, open_store

from .conformance import StoreConformance, ev

MISSING = (
    "PostgreSQL not available: install Debian's postgresql package or set ACCORDS_TEST_POSTGRES"
)


def _server_url() -> str:
    """The test server's URL, or a skip (a failure where CI requires services)."""
    url = os.environ.get("ACCORDS_TEST_POSTGRES", "")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        url, why = "", f"{MISSING} (and install psycopg: pip install 'accords[postgres]')"
    else:
        why = MISSING
    if not url:
        if os.environ.get("ACCORDS_REQUIRE_SERVICES") == "1":
            pytest.fail(why)
        pytest.skip(why)
    return url


def _with_search_path(url: str, schema: str) -> str:
    option = quote(f"-c search_path={schema}", safe="")
    return f"{url}{'&' if '?' in url else '?'}options={option}"


class PostgresHarness:
    """A fresh schema on the test server, and a raw connection that goes around triggers."""

    text_only = True

    def __init__(self, url: str, schema: str) -> None:
        import psycopg

        self.schema = schema
        self.target = _with_search_path(url, schema)
        self.admin = psycopg.connect(self.target, autocommit=True)

    def open(self, *, clock: Callable[[], datetime] | None = None) -> EventStore:
        from accords.ledger.postgres import PostgresStore

        if clock is None:
            return PostgresStore(self.target)
        return PostgresStore(self.target, clock=clock)

    def raw(self, negotiation: str, seq: int, column: str) -> bytes:
        row = self.admin.execute(
            f"SELECT {column}::text FROM events WHERE negotiation = %s AND seq = %s",
            (negotiation, seq),
        ).fetchone()
        assert row is not None
        return str(row[0]).encode("utf-8")

    def tamper(self, negotiation: str, seq: int, column: str, value: bytes) -> bool:
        import psycopg

        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            return False  # PostgreSQL text cannot hold it
        before = self.raw(negotiation, seq, column)
        cast = {"seq": "bigint", "occurred_on": "date"}.get(column, "text")
        try:
            with self.admin.transaction():
                (row_id,) = self.admin.execute(
                    "SELECT id FROM events WHERE negotiation = %s AND seq = %s",
                    (negotiation, seq),
                ).fetchone() or (None,)
                self.admin.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
                self.admin.execute(
                    f"UPDATE events SET {column} = %s::text::{cast} WHERE id = %s", (text, row_id)
                )
                self.admin.execute("ALTER TABLE events ENABLE TRIGGER events_append_only")
        except psycopg.Error:
            return False  # not a value the column can hold (a bad date, a duplicate seq…)
        if column == "negotiation":
            negotiation = text
        elif column == "seq":
            seq = int(text)  # PostgreSQL took it as a bigint, so Python reads it too
        return self.raw(negotiation, seq, column) != before

    def plain_update(self, negotiation: str, seq: int) -> None:
        self.admin.execute(
            "UPDATE events SET payload = '{}' WHERE negotiation = %s AND seq = %s",
            (negotiation, seq),
        )

    def close(self) -> None:
        self.admin.execute(f"DROP SCHEMA {self.schema} CASCADE")
        self.admin.close()


@pytest.fixture
def harness() -> Iterator[PostgresHarness]:
    import psycopg

    url = _server_url()
    schema = f"accords_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    harness = PostgresHarness(url, schema)
    yield harness
    harness.close()


class TestPostgresStore(StoreConformance):
    pass


def test_open_store_opens_postgres_for_urls(harness: PostgresHarness) -> None:
    from accords.ledger.postgres import PostgresStore

    for scheme in ("postgresql://", "postgres://"):
        target = harness.target.replace("postgresql://", scheme, 1)
        with open_store(target) as store:  # type: ignore[attr-defined]
            assert isinstance(store, PostgresStore)
            assert store.negotiations() == []


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg", reason="install psycopg: pip install 'accords[postgres]'")
    with pytest.raises(StoreError) as info:
        open_store("postgresql://mediator:s3cret@127.0.0.1:1/accords")
    message = str(info.value)
    assert "cannot connect to the ledger at postgresql://mediator@127.0.0.1:1/accords" in message
    assert "s3cret" not in message


def test_a_dropped_connection_fails_one_call_then_reconnects(harness: PostgresHarness) -> None:
    from accords.ledger.postgres import PostgresStore

    with PostgresStore(harness.target) as store:
        store.append("n", [ev()], 0)
        (pid,) = store._conn.execute("SELECT pg_backend_pid()").fetchone()  # type: ignore[misc]
        harness.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="failed"):
            store.append("n", [ev()], 1)
        store.append("n", [ev()], 1)  # a fresh connection; the failed append wrote nothing
        assert [e.seq for e in store.read("n")] == [1, 2]
        assert store.verify("n").ok
