"""Access tokens: who may use the server, stored only as argon2 hashes.

Tokens live in their own table beside the event log (the log stays events-only),
in the same SQLite file or PostgreSQL database, with their own named migrations.
A token reads ``acc_<id>_<secret>``: the id is public (it names the token in
``accords token list`` and ``revoke``), the secret is shown once and only its
argon2 hash is kept. Verifying a secret costs tens of milliseconds by design, so
a server remembers, in memory only, which presented tokens it has verified; the
row is still read on every request, so a revocation takes effect at once.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

from accords import clock
from accords.errors import AccessDenied, RefusedMove, StoreError, UnknownReference
from accords.ledger import is_postgres_url
from accords.ledger._common import Migration
from accords.model.rules import ID_RE as _PARTY_ID
from accords.model.viewer import check_party_id

if TYPE_CHECKING:
    from argon2 import PasswordHasher

__all__ = ["INVALID", "MIGRATIONS", "ROLES", "Role", "TokenInfo", "TokenStore", "open_tokens"]

Role = Literal["mediator", "party", "observer"]
ROLES: Final[tuple[Role, ...]] = ("mediator", "party", "observer")
_TOKEN = re.compile(r"^acc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
_CACHE_LIMIT: Final = 4096

MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        "0001_create_access_tokens",
        (
            """
            CREATE TABLE access_tokens (
                id          TEXT PRIMARY KEY,
                role        TEXT NOT NULL,
                party       TEXT,
                label       TEXT NOT NULL,
                hash        TEXT NOT NULL,
                created_at  TEXT NOT NULL,
                revoked_at  TEXT
            )
            """,
        ),
    ),
    # Scope: a JSON list of the negotiation ids a token opens; NULL opens every one.
    # Rows from before this migration keep NULL, so existing tokens keep working as
    # they did (global); `accords token list` shows them as "every negotiation", and the
    # mediator replaces them with scoped ones (docs/security.md says how).
    Migration("0002_token_scope", ("ALTER TABLE access_tokens ADD COLUMN scope TEXT",)),
    # Browser sessions on the server, so that logout and revocation end them. Only a
    # SHA-256 of the session id is kept: a copy of the table opens no session.
    Migration(
        "0003_create_access_sessions",
        (
            """
            CREATE TABLE access_sessions (
                id_hash     TEXT PRIMARY KEY,
                token_id    TEXT NOT NULL,
                csrf        TEXT NOT NULL,
                created_at  DOUBLE PRECISION NOT NULL,
                last_seen   DOUBLE PRECISION NOT NULL,
                ended_at    DOUBLE PRECISION
            )
            """,
            "CREATE INDEX access_sessions_token ON access_sessions (token_id)",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What a token grants; never its secret."""

    id: str
    role: Role
    party: str | None
    label: str
    created_at: str
    revoked_at: str | None = None
    #: The negotiations this token opens; ``None``: every one (a global token).
    scope: frozenset[str] | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class _Conn(Protocol):
    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def migrate(self, migrations: Sequence[Migration]) -> None: ...
    def close(self) -> None: ...


def _now() -> str:
    return clock.now().isoformat(timespec="microseconds")


class _SQLite:
    def __init__(self, path: str) -> None:
        if path != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"cannot open the tokens at {path}: its folder does not exist")
        try:
            self._conn = sqlite3.connect(
                path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the tokens at {path}: {exc}") from exc
        self._lock = threading.Lock()
        self._where = path

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"the tokens at {self._where} failed: {exc}") from exc

    def migrate(self, migrations: Sequence[Migration]) -> None:
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    _apply_migrations(
                        conn, migrations, self._where, "INSERT INTO access_migrations VALUES (?, ?)"
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise StoreError(f"cannot migrate the tokens at {self._where}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _apply_migrations(conn: Any, migrations: Sequence[Migration], where: str, insert: str) -> None:
    """Inside the caller's transaction: refuse migrations this version does not know,
    apply the missing ones in order and note each (``insert`` in the driver's style)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS access_migrations"
        " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    applied = {n for (n,) in conn.execute("SELECT name FROM access_migrations")}
    _check_known(applied, migrations, where)
    for m in migrations:
        if m.name not in applied:
            for statement in m.statements:
                conn.execute(statement)
            conn.execute(insert, (m.name, _now()))


class _Postgres:
    def __init__(self, url: str) -> None:
        import psycopg

        from accords.ledger.postgres import describe

        self._psycopg = psycopg
        self._where = describe(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the tokens at {self._where}") from exc
        self._lock = threading.Lock()

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                cur = self._conn.execute(sql.replace("?", "%s"), tuple(params))
                return cur.fetchall() if cur.description is not None else []
            except self._psycopg.Error as exc:
                raise StoreError(f"the tokens at {self._where} failed") from exc

    def migrate(self, migrations: Sequence[Migration]) -> None:
        with self._lock:
            conn = self._conn
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(7305210411)")
                    _apply_migrations(
                        conn,
                        migrations,
                        self._where,
                        "INSERT INTO access_migrations VALUES (%s, %s)",
                    )
            except self._psycopg.Error as exc:
                raise StoreError(f"cannot migrate the tokens at {self._where}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _check_known(applied: set[str], migrations: Sequence[Migration], where: str) -> None:
    unknown = sorted(applied - {m.name for m in migrations})
    if unknown:
        raise StoreError(
            f"the tokens at {where} were written by a newer accords "
            f"(unknown migrations: {', '.join(unknown)}); upgrade accords"
        )


_COLUMNS = "id, role, party, label, created_at, revoked_at, scope"
#: The one answer to every token that does not open the door: unknown, malformed,
#: wrong secret or revoked alike, so a guesser learns nothing about which ids exist.
INVALID: Final = "invalid token (unknown, mistyped or revoked)"


def _info(row: tuple[Any, ...]) -> TokenInfo:
    scope = None if row[6] is None else frozenset(json.loads(row[6]))
    return TokenInfo(row[0], row[1], row[2], row[3], row[4], row[5], scope)


class TokenStore:
    """Create, verify, list and revoke access tokens in one database."""

    def __init__(self, conn: _Conn, hasher: PasswordHasher | None = None) -> None:
        from argon2 import PasswordHasher

        self._conn = conn
        self._hasher = hasher or PasswordHasher()
        self._verified: dict[bytes, str] = {}
        self._cache_lock = threading.Lock()
        conn.migrate(MIGRATIONS)

    def create(
        self,
        role: str,
        party: str | None = None,
        label: str = "",
        scope: Iterable[str] | None = None,
    ) -> tuple[str, TokenInfo]:
        """A new token and what it grants; the token itself is returned here and never again.

        ``scope`` lists the negotiations it opens; ``None`` makes a global token.
        A party id may never be a reserved word (``mediator``, ``all`` …).
        """
        if role not in ROLES:
            raise RefusedMove(f"unknown role {role!r}; use mediator, party or observer")
        if role == "party":
            if not party:
                raise RefusedMove("a party token needs --party PARTY (the delegation it serves)")
            check_party_id(party)
        elif party:
            raise RefusedMove(f"only a party token names a party; a {role} token sees as a {role}")
        if len(label) > 1000:
            raise RefusedMove("a token's label is at most 1,000 characters")
        wanted = None if scope is None else frozenset(scope)
        if wanted is not None:
            if not wanted:
                raise RefusedMove("a scoped token needs at least one negotiation")
            for nid in wanted:
                if not _PARTY_ID.match(nid):
                    raise RefusedMove(f"{nid!r} is not a negotiation id")
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        info = TokenInfo(token_id, role, party or None, label, _now(), None, wanted)
        self._conn.run(
            "INSERT INTO access_tokens"
            " (id, role, party, label, hash, created_at, revoked_at, scope)"
            " VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
            (
                info.id,
                info.role,
                info.party,
                label,
                self._hasher.hash(secret),
                info.created_at,
                None if wanted is None else json.dumps(sorted(wanted)),
            ),
        )
        return f"acc_{token_id}_{secret}", info

    @staticmethod
    def token_id(token: str) -> str | None:
        """The public id of a well-formed token (for rate limits), or ``None``."""
        m = _TOKEN.match(token)
        return m.group(1) if m else None

    def verify(self, token: str) -> TokenInfo:
        """What ``token`` grants, or :class:`AccessDenied` (unknown, malformed or revoked)."""
        m = _TOKEN.match(token)
        if m is None:
            raise AccessDenied(INVALID)
        token_id, secret = m.groups()
        rows = self._conn.run(
            f"SELECT {_COLUMNS}, hash FROM access_tokens WHERE id = ?", (token_id,)
        )
        if not rows:
            raise AccessDenied(INVALID)
        info = _info(rows[0])
        if not info.active:
            raise AccessDenied(INVALID)
        key = hashlib.sha256(token.encode()).digest()
        with self._cache_lock:
            known = self._verified.get(key) == token_id
        if not known:
            from argon2.exceptions import VerificationError

            try:
                self._hasher.verify(rows[0][7], secret)
            except VerificationError:
                raise AccessDenied(INVALID) from None
            with self._cache_lock:
                if len(self._verified) >= _CACHE_LIMIT:
                    self._verified.clear()
                self._verified[key] = token_id
        return info

    def get(self, token_id: str) -> TokenInfo | None:
        rows = self._conn.run(f"SELECT {_COLUMNS} FROM access_tokens WHERE id = ?", (token_id,))
        return _info(rows[0]) if rows else None

    def list(self) -> list[TokenInfo]:
        rows = self._conn.run(f"SELECT {_COLUMNS} FROM access_tokens ORDER BY created_at, id")
        return [_info(r) for r in rows]

    def revoke(self, id_or_prefix: str) -> TokenInfo:
        """Revoke the one token whose id (or the token itself) starts with ``id_or_prefix``."""
        wanted = id_or_prefix.strip()
        m = _TOKEN.match(wanted)
        if m is not None:
            wanted = m.group(1)
        elif wanted.startswith("acc_"):
            wanted = wanted[4:].split("_", 1)[0]
        if not re.fullmatch(r"[0-9a-f]{1,12}", wanted):
            raise UnknownReference(f"{id_or_prefix!r} is not a token id (12 hex digits)")
        matches = [t for t in self.list() if t.id.startswith(wanted)]
        if not matches:
            raise UnknownReference(f"no token whose id starts with {wanted!r}")
        if len(matches) > 1:
            ids = ", ".join(t.id for t in matches)
            raise RefusedMove(f"{wanted!r} is the start of several token ids ({ids}); give more")
        info = matches[0]
        if not info.active:
            raise RefusedMove(f"token {info.id} was already revoked on {info.revoked_at}")
        now = _now()
        self._conn.run(
            "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (now, info.id),
        )
        # and every browser session opened with it ends now
        self._conn.run(
            "UPDATE access_sessions SET ended_at = ? WHERE token_id = ? AND ended_at IS NULL",
            (time.time(), info.id),
        )
        return TokenInfo(
            info.id, info.role, info.party, info.label, info.created_at, now, info.scope
        )

    @property
    def conn(self) -> _Conn:
        """The connection, shared with the session table (accords.service.sessions)."""
        return self._conn

    def close(self) -> None:
        self._conn.close()


def open_tokens(target: str, *, hasher: PasswordHasher | None = None) -> TokenStore:
    """The token table in the database at ``target`` (SQLite path or postgresql:// URL).

    ``hasher`` defaults to argon2-cffi's recommended parameters; tests pass cheaper ones.
    """
    if is_postgres_url(target):
        return TokenStore(_Postgres(target), hasher)
    return TokenStore(_SQLite(str(target)), hasher)
