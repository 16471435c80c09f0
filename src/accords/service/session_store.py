"""Browser sessions kept on the server, so that logout and revocation end them.

A signed cookie alone cannot be taken back: replayed after logout, it opened the
delegate's confidential page until it expired. Here the cookie names a random
session id; the server keeps a row per session (only the SHA-256 of its id, so a
copy of the table opens nothing) and honours the cookie only while the row is
live: not ended by logout or by revoking its token, seen within the idle
timeout, and younger than the absolute lifetime.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from accords.service.tokens import TokenStore

__all__ = ["ABSOLUTE_LIFETIME", "IDLE_TIMEOUT", "LiveSession", "SessionStore"]

#: A session unused this long (seconds) ends.
IDLE_TIMEOUT: Final = 30 * 60
#: A session ends this long (seconds) after login, however busy.
ABSOLUTE_LIFETIME: Final = 12 * 3600
#: How stale ``last_seen`` may grow before a request writes it again (fewer writes).
_TOUCH_EVERY: Final = 30.0


@dataclass(frozen=True, slots=True)
class LiveSession:
    """A session that is still live: its token and the CSRF secret bound to it."""

    token_id: str
    csrf: str


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class SessionStore:
    """The session rows beside the token table (same database, same migrations)."""

    def __init__(
        self,
        tokens: TokenStore,
        *,
        idle_timeout: float = IDLE_TIMEOUT,
        lifetime: float = ABSOLUTE_LIFETIME,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._conn = tokens.conn
        self.idle_timeout = idle_timeout
        self.lifetime = lifetime
        self._clock = clock

    def open(self, token_id: str) -> tuple[str, LiveSession]:
        """A new session for ``token_id``: its id (for the cookie) and what it holds."""
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        now = self._clock()
        self._conn.run(
            "INSERT INTO access_sessions (id_hash, token_id, csrf, created_at, last_seen, ended_at)"
            " VALUES (?, ?, ?, ?, ?, NULL)",
            (_key(session_id), token_id, csrf, now, now),
        )
        return session_id, LiveSession(token_id, csrf)

    def get(self, session_id: str) -> LiveSession | None:
        """The live session ``session_id`` names, or ``None`` (unknown, ended, idle, too old)."""
        rows = self._conn.run(
            "SELECT token_id, csrf, created_at, last_seen, ended_at FROM access_sessions"
            " WHERE id_hash = ?",
            (_key(session_id),),
        )
        if not rows:
            return None
        token_id, csrf, created_at, last_seen, ended_at = rows[0]
        now = self._clock()
        if ended_at is not None:
            return None
        if now - float(created_at) > self.lifetime or now - float(last_seen) > self.idle_timeout:
            self.end(session_id)
            return None
        if now - float(last_seen) > _TOUCH_EVERY:
            self._conn.run(
                "UPDATE access_sessions SET last_seen = ? WHERE id_hash = ?",
                (now, _key(session_id)),
            )
        return LiveSession(str(token_id), str(csrf))

    def end(self, session_id: str) -> None:
        """End one session (logout); a replayed cookie opens nothing afterwards."""
        self._conn.run(
            "UPDATE access_sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL",
            (self._clock(), _key(session_id)),
        )

    def end_all(self, token_id: str) -> None:
        """End every session opened with ``token_id`` (its revocation does this too)."""
        self._conn.run(
            "UPDATE access_sessions SET ended_at = ? WHERE token_id = ? AND ended_at IS NULL",
            (self._clock(), token_id),
        )
