"""The event log: append-only, hash-chained, one log per negotiation.

``open_store`` picks the store from the target: a ``postgresql://`` (or
``postgres://``) URL opens PostgreSQL, anything else is an SQLite file path.
"""

from __future__ import annotations

from pathlib import Path

from accords.ledger.chain import GENESIS_HASH, canonical_json, event_hash
from accords.ledger.sqlite import SQLiteStore
from accords.ledger.store import EventStore, NewEvent, StoredEvent, Verification

__all__ = [
    "GENESIS_HASH",
    "EventStore",
    "NewEvent",
    "SQLiteStore",
    "StoredEvent",
    "Verification",
    "canonical_json",
    "event_hash",
    "is_postgres_url",
    "open_store",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL server rather than an SQLite file."""
    return isinstance(target, str) and target.lower().startswith(_POSTGRES_SCHEMES)


def open_store(target: str | Path) -> EventStore:
    """Open the event store at ``target``, creating and migrating it when needed.

    PostgreSQL needs the ``postgres`` extra (``pip install 'accords[postgres]'``);
    its driver is imported only when a URL asks for it.

    This is the ledger's own store, with payloads as given: the application opens
    stores through :func:`accords.sealing.open_store`, which seals confidential
    payloads on top of it (the ledger knows nothing of which events are confidential).
    """
    if is_postgres_url(target):
        from accords.ledger.postgres import PostgresStore

        return PostgresStore(str(target))
    return SQLiteStore(target)
