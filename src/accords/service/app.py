"""The application factory: one record, one token table, the API and the pages.

``create_app(db)`` opens the store and the token table at ``db`` (an SQLite path
or a postgresql:// URL) and wires every error to one short, safe answer: domain
errors keep their message (they are written for users and name nothing
confidential); anything unexpected is a bare 500 that shows no detail.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from accords.application import Record
from accords.errors import (
    AccessDenied,
    AccordsError,
    ConflictError,
    IntegrityError,
    RefusedMove,
    StoreError,
    UnknownReference,
)
from accords.sealing import open_store
from accords.service.auth import (
    FailedLogins,
    LoginRequired,
    Sessions,
    TooManyFailures,
    Unauthenticated,
)
from accords.service.extensions import KNOWN_AREAS, Extension, load_extensions
from accords.service.limits import DEFAULT_MAX_BODY, BodyLimit
from accords.service.record import CachedRecord
from accords.service.session_store import ABSOLUTE_LIFETIME, IDLE_TIMEOUT, SessionStore
from accords.service.tokens import TokenStore, open_tokens

__all__ = ["HTMX_VERSION", "Services", "create_app"]

HERE: Final = Path(__file__).parent
#: The HTMX build vendored in static/ (0BSD licence, from the npm package htmx.org).
HTMX_VERSION: Final = "2.0.11"

log = logging.getLogger("accords.service")

#: Scripts only from this site (no inline script, no eval); inline styles are allowed for
#: the panels that modules add (the draft carries its own <style>).
_CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


@dataclass
class Services:
    """What every request handler reaches through ``request.app.state.services``."""

    record: Record
    tokens: TokenStore
    sessions: Sessions
    templates: Jinja2Templates
    poll_seconds: float = 2.0
    extensions: list[Extension] = field(default_factory=list)

    def close(self) -> None:
        self.record.store.close()
        self.tokens.close()


def _json_error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


class _SecurityHeaders:
    """Headers every answer carries: no caching of confidential pages, a strict CSP."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def wrapped(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", _CSP.encode()),
                ]
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


def create_app(
    db: str,
    *,
    secret_key: str | None = None,
    login_limit: int = 10,
    login_window: float = 60.0,
    poll_seconds: float = 2.0,
    extension_modules: tuple[str, ...] | None = None,
    tokens: TokenStore | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    forwarded_allow_ips: tuple[str, ...] = (),
    session_idle: float = IDLE_TIMEOUT,
    session_lifetime: float = ABSOLUTE_LIFETIME,
) -> FastAPI:
    """The server over the record at ``db``.

    ``secret_key`` signs session cookies (a random one per process by default, so
    a restart logs browsers out); ``login_limit`` failed logins per address (and
    per token id and address) per ``login_window`` seconds are allowed before 429.
    ``tokens`` replaces the token table opened at ``db`` (the app closes it on
    shutdown). ``max_body`` bounds a request's body in bytes (413 beyond it).
    ``forwarded_allow_ips`` names the proxies whose ``X-Forwarded-For`` is
    believed (none by default). A browser session ends after ``session_idle``
    seconds unused or ``session_lifetime`` seconds after login.
    """
    store = open_store(db)
    try:
        tokens = tokens or open_tokens(db)
    except BaseException:
        store.close()
        raise
    limiter = FailedLogins(login_limit, login_window)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["sealed_notice"] = getattr(store, "page_notice", None)
    modules = extension_modules
    if modules is None:
        modules = tuple(dict.fromkeys(a.module for a in KNOWN_AREAS))
    services = Services(
        record=CachedRecord(store),
        tokens=tokens,
        sessions=Sessions(
            tokens,
            secret_key or secrets.token_urlsafe(32),
            limiter,
            SessionStore(tokens, idle_timeout=session_idle, lifetime=session_lifetime),
        ),
        templates=templates,
        poll_seconds=poll_seconds,
        extensions=load_extensions(modules),
    )
    app = _application(services)
    _add_middleware(app, max_body, forwarded_allow_ips)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _include_routers(app, services)
    _install_error_handlers(app)
    return app


def _application(services: Services) -> FastAPI:
    """The FastAPI application holding ``services``, which it closes on shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        services.close()

    app = FastAPI(
        title="accords",
        summary="The record of a negotiation over a comprehensive agreement.",
        description=(
            "Nothing is agreed until everything is agreed. Every call needs "
            "`Authorization: Bearer TOKEN` (see `accords token create`). Confidential data "
            "(preferences, reservation values, red lines, private notes) is shown only to "
            "that party's delegates and the mediator."
        ),
        version="1",
        lifespan=lifespan,
        # Swagger UI and ReDoc load their scripts from a CDN, which the CSP (and an
        # offline talks venue) forbids; the document itself is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = services
    return app


def _add_middleware(app: FastAPI, max_body: int, forwarded_allow_ips: tuple[str, ...]) -> None:
    """The body limit, the security headers and, where named, the trusted proxies."""
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(_SecurityHeaders)
    if forwarded_allow_ips:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        # outermost: the client address every limit sees comes from a trusted proxy only
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(forwarded_allow_ips))


def _include_routers(app: FastAPI, services: Services) -> None:
    """The API under /api and the pages, each in its scope, with the extensions' routers."""
    from accords.service import api, pages, people
    from accords.service.scope import api_scope, page_scope

    in_api_scope = [Depends(api_scope)]
    in_page_scope = [Depends(page_scope)]
    app.include_router(api.router, dependencies=in_api_scope)
    app.include_router(people.router, prefix="/api", dependencies=in_api_scope)
    for ext in services.extensions:
        if ext.api_router is not None:
            app.include_router(ext.api_router, prefix="/api", dependencies=in_api_scope)
        if ext.page_router is not None:
            app.include_router(ext.page_router, dependencies=in_page_scope)
    app.include_router(pages.router, dependencies=in_page_scope)


def _install_error_handlers(app: FastAPI) -> None:
    """Every error the package raises answers as JSON under /api and as a page elsewhere."""
    for exc_class, handler in _HANDLERS:
        app.exception_handler(exc_class)(handler)


def _page_or_json(
    request: Request, status: int, message: str, page_status: int | None = None
) -> Response:
    """The error page for a browser, the JSON error under /api."""
    if not _is_api(request):
        from accords.service.pages import error_page

        return error_page(request, page_status or status, message)
    return _json_error(status, message)


async def _unauthenticated(request: Request, exc: Unauthenticated) -> Response:
    return _json_error(401, exc.message, {"WWW-Authenticate": "Bearer"})


async def _too_many(request: Request, exc: TooManyFailures) -> Response:
    return _json_error(429, str(exc), {"Retry-After": str(exc.retry_after)})


async def _login(request: Request, exc: LoginRequired) -> Response:
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)


async def _denied(request: Request, exc: AccessDenied) -> Response:
    return _page_or_json(request, 403, str(exc))


async def _conflict(request: Request, exc: ConflictError) -> Response:
    return _json_error(409, str(exc))


async def _refused(request: Request, exc: RefusedMove) -> Response:
    page_status = 404 if isinstance(exc, UnknownReference) else 422
    return _page_or_json(request, 422, str(exc), page_status)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()))
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    return _page_or_json(request, 422, "; ".join(parts) or "the request does not validate")


async def _unicode(request: Request, exc: UnicodeError) -> Response:
    return _json_error(422, "text must be valid Unicode (no lone surrogates)")


async def _http(request: Request, exc: StarletteHTTPException) -> Response:
    if not _is_api(request) and exc.status_code == 404:
        from accords.service.pages import error_page

        return error_page(request, 404, str(exc.detail))
    return _json_error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))


async def _other(request: Request, exc: AccordsError) -> Response:
    # e.g. a ScenarioError: the record cannot be read as the request needs
    return _json_error(422, str(exc))


async def _store(request: Request, exc: StoreError) -> Response:
    log.error("store error on %s %s: %s", request.method, request.url.path, exc)
    return _json_error(503, "the database cannot be used right now; try again")


async def _integrity(request: Request, exc: IntegrityError) -> Response:
    return _json_error(503, "the event log does not verify; see `accords verify`")


#: Which handler answers which error (Starlette picks the nearest class in the MRO).
_HANDLERS: tuple[tuple[type[Exception], Callable[..., Awaitable[Response]]], ...] = (
    (Unauthenticated, _unauthenticated),
    (TooManyFailures, _too_many),
    (LoginRequired, _login),
    (AccessDenied, _denied),
    (ConflictError, _conflict),
    (RefusedMove, _refused),
    (RequestValidationError, _invalid),
    (UnicodeError, _unicode),
    (StarletteHTTPException, _http),
    (AccordsError, _other),
    (StoreError, _store),
    (IntegrityError, _integrity),
)
