"""The key ring: a database's data keys, unwrapped on demand by the deployment key.

How a new database gets its key: nothing is configured, the key file beside it
(``<db>.key``) does not exist and the database holds no wrapped key yet, so the
first confidential write creates the key file (mode 0600) and the first data
key. A database that *does* hold wrapped keys but whose key is not at hand is
*locked*: the public record reads and verifies, confidential entries read as
sealed markers, and a confidential write is refused with one clear line.
"""

from __future__ import annotations

import base64
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from accords import clock
from accords.errors import KeyUnavailable
from accords.sealing._keys import (
    KEY_ENV,
    KEY_FILE_ENV,
    KeyProvider,
    LocalKeyProvider,
    decode_key,
    default_key_file,
    new_key,
    read_key_file,
    write_key_file,
)
from accords.sealing._table import Table

__all__ = ["KeyRing", "KeySource", "find_key"]


@dataclass(frozen=True, slots=True)
class KeySource:
    """Where this process finds the deployment key: a provider, a file to create, or none."""

    provider: KeyProvider | None
    create_at: Path | None = None
    hint: str = ""


def find_key(target: str, table: Table | None) -> KeySource:
    """The deployment key for the database at ``target`` (see :mod:`accords.sealing._keys`)."""
    if text := os.environ.get(KEY_ENV):
        return KeySource(LocalKeyProvider(decode_key(text, KEY_ENV), KEY_ENV))
    if target == ":memory:" and not os.environ.get(KEY_FILE_ENV):
        # The database dies with the process: so may its key.
        return KeySource(LocalKeyProvider(new_key(), "this process's key"))
    path = Path(os.environ.get(KEY_FILE_ENV) or default_key_file(target))
    hint = f"set {KEY_ENV}, or {KEY_FILE_ENV}, or put the key file at {path}"
    if path.exists():
        return KeySource(LocalKeyProvider(read_key_file(path), f"the key file {path}"), hint=hint)
    if table is not None and table.any_keys():
        return KeySource(None, hint=hint)  # a copy without its key: locked
    return KeySource(None, create_at=path, hint=hint)


def _now() -> str:
    return clock.now().isoformat(timespec="microseconds")


class KeyRing:
    """Data keys by (negotiation, version), unwrapped once and kept for the store's life."""

    def __init__(self, table: Table, source: KeySource) -> None:
        self.table = table
        self.source = source
        self._lock = threading.RLock()
        self._keys: dict[tuple[str, int], AESGCM] = {}
        self._current: dict[str, int] = {}

    @property
    def locked(self) -> bool:
        """No key is at hand and none may be made: the database was sealed elsewhere."""
        return self.source.provider is None and self.source.create_at is None

    def locked_sentence(self) -> str:
        return (
            "the confidential entries of this database are sealed and cannot be read "
            f"without its key: {self.source.hint}"
        )

    def provider(self) -> KeyProvider:
        """The deployment key, creating its file on first use of a new database."""
        with self._lock:
            source = self.source
            if source.provider is not None:
                return source.provider
            if source.create_at is None:
                raise KeyUnavailable(self.locked_sentence())
            path = source.create_at
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                write_key_file(path, new_key())
            except KeyUnavailable:
                if not path.exists():  # a real failure, not another process winning the race
                    raise
            provider = LocalKeyProvider(read_key_file(path), f"the key file {path}")
            self.source = KeySource(provider, hint=source.hint)
            return provider

    def current(self, negotiation: str) -> tuple[int, AESGCM]:
        """The newest data key of ``negotiation`` (made, wrapped and stored if it has none)."""
        with self._lock:
            version = self._current.get(negotiation)
            if version is None:
                rows = self.table.data_keys(negotiation)
                if not rows:
                    self.add_version(negotiation, 1)
                    rows = self.table.data_keys(negotiation)
                version = rows[-1][1]
                self._current[negotiation] = version
            return version, self.get(negotiation, version)

    def add_version(self, negotiation: str, version: int) -> None:
        """Store a fresh data key as ``version`` (another writer's, if it stored one first)."""
        provider = self.provider()
        ids = {row[2] for row in self.table.data_keys()}
        if ids and provider.key_id not in ids:
            raise KeyUnavailable(
                f"the key at hand (key id {provider.key_id}) wraps none of this database's "
                "data keys: it was rotated by another process, or is the wrong key; "
                f"{self.source.hint}"
            )
        wrapped = base64.b64encode(provider.wrap(AESGCM.generate_key(256))).decode("ascii")
        self.table.add_key((negotiation, version, provider.key_id, wrapped), _now())
        self._current.pop(negotiation, None)

    def forget(self) -> None:
        """Drop the unwrapped keys (after a rotation), so the next use unwraps afresh."""
        with self._lock:
            self._keys.clear()
            self._current.clear()

    def get(self, negotiation: str, version: int) -> AESGCM:
        """The data key that sealed an entry; a clear line when the key at hand cannot open it."""
        with self._lock:
            found = self._keys.get((negotiation, version))
            if found is not None:
                return found
            if self.locked:
                raise KeyUnavailable(self.locked_sentence())
            rows = [r for r in self.table.data_keys(negotiation) if r[1] == version]
            if not rows:
                raise KeyUnavailable(
                    f"data key {version} of negotiation {negotiation!r} is not in this "
                    "database (its key table was lost or not copied)"
                )
            provider = self.provider()
            _, _, key_id, wrapped = rows[0]
            if key_id != provider.key_id:
                raise KeyUnavailable(
                    f"the key at hand (key id {provider.key_id}) is not the key that sealed "
                    f"negotiation {negotiation!r} (key id {key_id}); {self.source.hint}"
                )
            aead = AESGCM(provider.unwrap(base64.b64decode(wrapped)))
            self._keys[(negotiation, version)] = aead
            return aead
