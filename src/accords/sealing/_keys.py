"""Deployment keys: where they live (outside the database) and how they wrap data keys.

Every negotiation has its own random 256-bit data key; the database keeps it only
wrapped (AES key wrap, RFC 3394) by a *deployment key* that never enters the
database. A :class:`KeyProvider` does the wrapping, so the deployment key may stay
in a key file, an environment variable, or a KMS that never lets it out: a KMS
provider implements ``wrap`` and ``unwrap`` with the service's encrypt and decrypt
calls and names its key with ``key_id``.

Where the deployment key is found, first match wins:

1. ``ACCORDS_KEY``: the key itself, 32 bytes in base64;
2. ``ACCORDS_KEY_FILE``: a file holding that base64 line;
3. beside an SQLite database ``<db>``: ``<db>.key``; for PostgreSQL, a file under
   ``$XDG_CONFIG_HOME/accords/keys/`` (default ``~/.config``) named after the server.

A key file must be readable by its owner only (mode 0600): one that group or
others may read is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from accords.errors import KeyUnavailable

__all__ = [
    "KEY_ENV",
    "KEY_FILE_ENV",
    "KeyProvider",
    "LocalKeyProvider",
    "default_key_file",
    "key_id_of",
    "new_key",
    "read_key_file",
    "write_key_file",
]

KEY_ENV = "ACCORDS_KEY"
KEY_FILE_ENV = "ACCORDS_KEY_FILE"
KEY_BYTES = 32


@runtime_checkable
class KeyProvider(Protocol):
    """Wraps and unwraps data keys with a deployment key the database never holds."""

    @property
    def key_id(self) -> str:
        """A stable, non-secret name of the deployment key (stored beside each wrapped key)."""
        ...

    def wrap(self, data_key: bytes) -> bytes:
        """The data key, encrypted and authenticated under the deployment key."""
        ...

    def unwrap(self, wrapped: bytes) -> bytes:
        """The data key back; :class:`KeyUnavailable` when this is not the key that wrapped it."""
        ...


def new_key() -> bytes:
    """A fresh random 256-bit key from the operating system's generator."""
    return secrets.token_bytes(KEY_BYTES)


def key_id_of(key: bytes) -> str:
    """A key's public name: a domain-separated hash, which says nothing of the key."""
    return hashlib.sha256(b"accords deployment key id\x00" + key).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LocalKeyProvider:
    """A deployment key held in this process (read from a file or the environment)."""

    key: bytes
    source: str = "the deployment key"

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise KeyUnavailable(
                f"{self.source} is {len(self.key)} bytes long; a deployment key is {KEY_BYTES}"
            )

    @property
    def key_id(self) -> str:
        return key_id_of(self.key)

    def wrap(self, data_key: bytes) -> bytes:
        return aes_key_wrap(self.key, data_key)

    def unwrap(self, wrapped: bytes) -> bytes:
        try:
            return aes_key_unwrap(self.key, wrapped)
        except InvalidUnwrap:
            raise KeyUnavailable(
                f"{self.source} (key id {self.key_id}) is not the key that sealed this "
                "database's confidential entries"
            ) from None

    def __repr__(self) -> str:  # never print the key itself
        return f"LocalKeyProvider(key_id={self.key_id!r}, source={self.source!r})"


def decode_key(text: str, source: str) -> bytes:
    """A key from its base64 text; a clear line when it is not one."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyUnavailable(f"{source} is not base64 text") from None
    if len(key) != KEY_BYTES:
        raise KeyUnavailable(f"{source} holds {len(key)} bytes; a deployment key is {KEY_BYTES}")
    return key


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def read_key_file(path: Path) -> bytes:
    """The key in ``path``, refused when group or others may read or write the file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise KeyUnavailable(f"cannot read the key file {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyUnavailable(
            f"the key file {path} may be read by others (mode {stat.S_IMODE(mode):o}); "
            f"make it private with `chmod 600 {path}`"
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyUnavailable(f"cannot read the key file {path}: {exc}") from None
    return decode_key(text, f"the key file {path}")


def write_key_file(path: Path, key: bytes, *, replace: bool = False) -> None:
    """Write ``key`` to ``path`` with mode 0600 from the start (never briefly readable).

    Without ``replace`` an existing file is never overwritten; with it the new
    key goes to a temporary file first and takes the name in one rename.
    """
    target = path.with_name(path.name + ".tmp") if replace else path
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(target, flags, 0o600)
    except FileExistsError:
        raise KeyUnavailable(f"the key file {target} already exists; not overwriting it") from None
    except OSError as exc:
        raise KeyUnavailable(f"cannot write the key file {target}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(encode_key(key) + "\n")
        out.flush()
        os.fsync(out.fileno())
    if replace:
        os.replace(target, path)


def default_key_file(target: str) -> Path:
    """Where the deployment key lives when neither variable names it."""
    if target.lower().startswith(("postgresql://", "postgres://")):
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        server = re.sub(r"^postgres(ql)?://([^@/]*@)?", "", target).split("?")[0]
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", server).strip("_") or "postgres"
        return base / "accords" / "keys" / f"{name}.key"
    return Path(f"{target}.key")
