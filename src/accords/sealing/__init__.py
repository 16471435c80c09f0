"""Confidential payloads sealed at rest: authenticated encryption beneath the chain.

Preferences, reservation values and private notes (every event type in
:data:`accords.model.events.CONFIDENTIAL`) are stored as AES-256-GCM ciphertext
under a per-negotiation data key, itself wrapped by a deployment key kept
outside the database. The chain hashes the ciphertext, so the hash an observer
sees confirms no guess, and ``accords verify`` walks the chain without any key.
:func:`open_store` is how the application opens a store: the ledger's own store
(:func:`accords.ledger.open_store`) behind :class:`SealedStore`. The sealing layer sits
between the ledger, which knows no model, and the application, which knows which
events are confidential.
"""

from __future__ import annotations

from pathlib import Path

from accords.ledger import open_store as open_ledger_store
from accords.ledger.store import EventStore
from accords.sealing._keys import KEY_ENV, KEY_FILE_ENV, KeyProvider, LocalKeyProvider
from accords.sealing._ring import KeyRing, KeySource, find_key
from accords.sealing._store import SEALED_MARKER, SealedStore
from accords.sealing._table import open_table

__all__ = [
    "KEY_ENV",
    "KEY_FILE_ENV",
    "SEALED_MARKER",
    "KeyProvider",
    "KeyRing",
    "KeySource",
    "LocalKeyProvider",
    "SealedStore",
    "open_store",
    "seal_store",
]


def open_store(target: str | Path, *, provider: KeyProvider | None = None) -> SealedStore:
    """Open the event store at ``target`` with confidential payloads sealed at rest."""
    return seal_store(target, open_ledger_store(target), provider=provider)


def seal_store(
    target: str | Path, inner: EventStore, *, provider: KeyProvider | None = None
) -> SealedStore:
    """``inner`` (opened on ``target``) behind the sealing layer.

    ``provider`` replaces the key lookup (``ACCORDS_KEY``, ``ACCORDS_KEY_FILE``,
    ``<db>.key``): a KMS-backed provider is passed here.
    """
    where = repr(inner)
    table = open_table(str(target), where)
    try:
        source = KeySource(provider) if provider is not None else find_key(str(target), table)
    except BaseException:
        table.close()
        raise
    return SealedStore(inner, KeyRing(table, source))
