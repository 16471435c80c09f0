"""Who is asking, and what they may see: bearer tokens, browser sessions, CSRF, rate limits.

Three kinds of viewer, as typed values (accords.model.viewer): the mediator sees
and records everything; a delegate of a party sees everything public and its own
party's confidential data (preferences, private notes), and records moves for
its own party only; an observer sees what is public and records nothing. A
token also carries its scope (the negotiations it opens). Every rule about
confidentiality is a method of :class:`Viewer`, so the API and the pages ask the
same question the same way, and none compares a party id with a role's name.
Browser sessions live on the server (accords.service.session_store).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Final, Literal

from fastapi import Request
from fastapi.security import HTTPBearer
from itsdangerous import BadSignature, URLSafeTimedSerializer

from accords.errors import AccessDenied
from accords.model import viewer as model_viewer
from accords.service.session_store import ABSOLUTE_LIFETIME, LiveSession, SessionStore
from accords.service.tokens import TokenInfo, TokenStore

__all__ = [
    "SESSION_COOKIE",
    "FailedLogins",
    "LoginRequired",
    "Sessions",
    "TooManyFailures",
    "Unauthenticated",
    "Viewer",
    "bearer_scheme",
]

SESSION_COOKIE: Final = "accords_session"
LOGIN_CSRF_COOKIE: Final = "accords_login_csrf"
#: The cookie's lifetime; the server ends the session itself (idle timeout, logout).
SESSION_MAX_AGE: Final = ABSOLUTE_LIFETIME

#: Declares the bearer scheme in the OpenAPI document; the check itself is ours.
bearer_scheme = HTTPBearer(auto_error=False, description="a token from `accords token create`")


class Unauthenticated(Exception):
    """No valid credentials: 401 for the API."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooManyFailures(Exception):
    """Too many failed logins from one address: 429 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; try again in {retry_after} s")
        self.retry_after = retry_after


class LoginRequired(Exception):
    """A page needs a session: redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@dataclass(frozen=True, slots=True)
class Viewer:
    """The holder of one token: who they are (a typed value) and which negotiations it opens.

    ``who`` is :class:`~accords.model.viewer.Mediator`, a
    :class:`~accords.model.viewer.Delegate` of one party, or an
    :class:`~accords.model.viewer.Observer`; every rule asks the type, never a
    string, so no party id can pass for a role. ``scope`` is the negotiations
    the token opens (``None``: all of them).
    """

    token: str
    who: model_viewer.Viewer
    scope: frozenset[str] | None = None

    @classmethod
    def of(cls, info: TokenInfo) -> Viewer:
        who: model_viewer.Viewer
        if info.role == "mediator":
            who = model_viewer.Mediator()
        elif info.role == "party" and info.party:
            who = model_viewer.Delegate(info.party)
        else:
            who = model_viewer.Observer()
        return cls(info.id, who, info.scope)

    @property
    def role(self) -> Literal["mediator", "party", "observer"]:
        match self.who:
            case model_viewer.Mediator():
                return "mediator"
            case model_viewer.Delegate():
                return "party"
            case _:
                return "observer"

    @property
    def party(self) -> str | None:
        return self.who.party if isinstance(self.who, model_viewer.Delegate) else None

    @property
    def is_mediator(self) -> bool:
        return isinstance(self.who, model_viewer.Mediator)

    @property
    def sees_as(self) -> model_viewer.Viewer:
        """How the log's redaction names this viewer (the typed value)."""
        return self.who

    @property
    def label(self) -> str:
        return model_viewer.viewer_label(self.who)

    @property
    def recorded_by(self) -> str:
        """What the log keeps as the recorder of a move made with this token."""
        who = f"party:{self.party}" if self.party is not None else self.role
        return f"{who} (token {self.token})"

    def may_open(self, negotiation: str) -> bool:
        """Whether this token's scope includes ``negotiation``."""
        return self.scope is None or negotiation in self.scope

    def require_open(self, negotiation: str) -> None:
        if not self.may_open(negotiation):
            raise AccessDenied(f"this token does not open the negotiation {negotiation!r}")

    def may_see_confidential(self, party: str) -> bool:
        """Preferences, reservation values, red lines, private notes of ``party``."""
        return model_viewer.may_see_confidential(self.who, party)

    def may_record_for(self, party: str) -> bool:
        return model_viewer.may_see_confidential(self.who, party)

    @property
    def may_edit_framework(self) -> bool:
        return self.is_mediator

    def require_confidential(self, party: str) -> None:
        if not self.may_see_confidential(party):
            raise AccessDenied(
                f"the confidential data of {party!r} is for its delegates and the mediator only"
            )

    def require_record_for(self, party: str) -> None:
        if isinstance(self.who, model_viewer.Observer):
            raise AccessDenied("an observer may read the record but not record moves")
        if not self.may_record_for(party):
            raise AccessDenied(
                f"a delegate of {self.party!r} may record moves for {self.party!r} only"
            )

    def require_mediator(self, doing: str) -> None:
        if not self.is_mediator:
            raise AccessDenied(f"only the mediator may {doing}")


_UNSET: Final = object()


class FailedLogins:
    """Sliding windows of failed logins, per address and per (token id, address).

    Keyed twice so that a locked-out address does not lock out valid tokens: while
    an address is locked, a token whose id exists is still tried, under its own
    per-(id, address) window, which is what limits guessing the secret of a
    known id (ids are public: they name recorders in the log).
    """

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def retry_after(self, key: str) -> int | None:
        """Seconds until ``key`` may try again, or ``None`` when it is not locked."""
        now = time.monotonic()
        with self._lock:
            q = self._recent(key, now)
            if len(q) >= self.limit:
                return max(1, int(q[0] + self.window - now) + 1)
        return None

    def check(self, key: str) -> None:
        """Refuse a key that failed too often lately, before trying its credentials."""
        wait = self.retry_after(key)
        if wait is not None:
            raise TooManyFailures(wait)

    def fail(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # forget quiet keys
                for k in [k for k, v in self._failures.items() if not v]:
                    del self._failures[k]


def client_key(request: Request) -> str:
    """The client's address as the ASGI server (or a configured proxy) reports it.

    ``X-Forwarded-For`` is honoured only from the proxies named by
    ``accords serve --forwarded-allow-ips`` (see ``create_app``); from anyone
    else the header is ignored, so rotating it does not escape the limit.
    """
    return request.client.host if request.client else "unknown"


class Sessions:
    """Server-side browser sessions, the CSRF tokens bound to them, and bearer checks.

    A cookie carries a random session id, signed with the server's key; the
    session row (accords.service.session_store) must be live and the token
    active on every request, so logout, revocation, the idle timeout and the
    absolute lifetime each end a session.
    """

    def __init__(
        self,
        tokens: TokenStore,
        secret_key: str,
        limiter: FailedLogins,
        store: SessionStore | None = None,
    ) -> None:
        self.tokens = tokens
        self.limiter = limiter
        self.store = store or SessionStore(tokens)
        self._signer = URLSafeTimedSerializer(secret_key, salt="accords-session")

    def _authenticate(self, request: Request, token: str) -> TokenInfo:
        """What ``token`` grants, counting failures per address and per (id, address)."""
        address = client_key(request)
        token_id = TokenStore.token_id(token.strip())
        pair = f"{token_id}@{address}" if token_id else None
        if pair is not None:
            self.limiter.check(pair)
        wait = self.limiter.retry_after(address)
        if wait is not None and (token_id is None or self.tokens.get(token_id) is None):
            raise TooManyFailures(wait)
        try:
            return self.tokens.verify(token.strip())
        except AccessDenied:
            self.limiter.fail(address)
            if pair is not None:
                self.limiter.fail(pair)
            raise

    # -- API -------------------------------------------------------------------------

    def bearer(self, request: Request) -> Viewer:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("send Authorization: Bearer TOKEN (see `accords token create`)")
        try:
            info = self._authenticate(request, token)
        except AccessDenied as exc:
            raise Unauthenticated(str(exc)) from None
        return Viewer.of(info)

    # -- browser ---------------------------------------------------------------------

    def login(self, request: Request, token: str) -> tuple[Viewer, str]:
        """Check a token typed on the login page; the viewer and a new session cookie."""
        info = self._authenticate(request, token)
        session_id, _live = self.store.open(info.id)
        return Viewer.of(info), self._signer.dumps({"s": session_id})

    def _session_id(self, request: Request) -> str | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=int(self.store.lifetime))
        except BadSignature:
            return None
        sid = data.get("s") if isinstance(data, dict) else None
        return sid if isinstance(sid, str) else None

    def _session(self, request: Request) -> LiveSession | None:
        cached = getattr(request.state, "accords_session", _UNSET)
        if cached is not _UNSET:
            return cached if isinstance(cached, LiveSession) else None
        sid = self._session_id(request)
        live = self.store.get(sid) if sid else None
        request.state.accords_session = live
        return live

    def logout(self, request: Request) -> None:
        """End this browser's session on the server: the cookie opens nothing afterwards."""
        sid = self._session_id(request)
        if sid:
            self.store.end(sid)
        request.state.accords_session = None

    def page_viewer(self, request: Request) -> Viewer | None:
        live = self._session(request)
        if live is None:
            return None
        info = self.tokens.get(live.token_id)
        if info is None or not info.active:
            return None
        return Viewer.of(info)

    def csrf_token(self, request: Request) -> str:
        live = self._session(request)
        return live.csrf if live else ""

    def check_csrf(self, request: Request, submitted: str | None) -> None:
        expected = self.csrf_token(request)
        sent = submitted or request.headers.get("x-csrf-token", "")
        if not expected or not hmac.compare_digest(expected, sent):
            raise AccessDenied("the form has expired or did not come from this site; reload it")

    @staticmethod
    def check_login_csrf(request: Request, submitted: str) -> None:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie or not hmac.compare_digest(cookie, submitted):
            raise AccessDenied("the login form has expired; reload the page and try again")
