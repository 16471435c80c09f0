"""The dashboard: server-rendered pages (Jinja2) made live with HTMX; no JavaScript build.

The browser logs in once with a token and keeps a signed session cookie; every
form carries a CSRF token. The board, the package line, the rounds timeline
and the proposal history make one panel that polls for changes (an answer of
204 when the log has not moved), so a move recorded anywhere shows up within
seconds. The time slider asks for the same panel as of a round; the panel's answer
also carries (out of band) the areas below it, statements, negotiating text and
analysis, as of the same round, so every part of the page shows the same moment.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from accords.errors import AccessDenied, AccordsError, RefusedMove, UnknownReference
from accords.model.commands import RecordNote
from accords.model.limits import MAX_ROUND
from accords.service import views
from accords.service.app import HTMX_VERSION
from accords.service.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    LoginRequired,
    TooManyFailures,
    Viewer,
)
from accords.service.dashboard import (
    dashboard_context,
    load,
    panel_context,
    services_of,
    with_areas,
)
from accords.service.dating import dated
from accords.service.record import record_move

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    services = services_of(request)
    base = {
        "viewer": None,
        "csrf": services.sessions.csrf_token(request),
        "htmx_version": HTMX_VERSION,
    }
    response: HTMLResponse = services.templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status, headers=headers
    )
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    viewer = services_of(request).sessions.page_viewer(request)
    return _render(
        request, "error.html", {"status": status, "message": message, "viewer": viewer}, status
    )


def page_viewer(request: Request) -> Viewer:
    viewer = services_of(request).sessions.page_viewer(request)
    if viewer is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return viewer


PageViewer = Annotated[Viewer, Depends(page_viewer)]


def _safe_next(value: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


# -- login -----------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return _login_page(request, next)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    services = services_of(request)
    try:
        services.sessions.check_login_csrf(request, csrf)
        _viewer, cookie = services.sessions.login(request, token)
    except TooManyFailures as exc:
        return _relogin(request, next, str(exc), 429, {"Retry-After": str(exc.retry_after)})
    except AccessDenied as exc:
        return _relogin(request, next, f"Not logged in: {exc}.", 401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def _relogin(
    request: Request, next: str, message: str, status: int, headers: dict[str, str] | None = None
) -> HTMLResponse:
    return _login_page(request, next, message, status, headers)


def _login_page(
    request: Request,
    next: str | None,
    error: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The login form with a fresh login CSRF token, set in a cookie only /login reads."""
    csrf = secrets.token_urlsafe(24)
    context = {"login_csrf": csrf, "next": _safe_next(next)}
    if error is not None:
        context["error"] = error
    response = _render(request, "login.html", context, status, headers)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        csrf,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    sessions = services_of(request).sessions
    sessions.check_csrf(request, csrf)
    sessions.logout(request)  # ends the session on the server: a replayed cookie opens nothing
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- pages -----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def index(request: Request, viewer: PageViewer) -> HTMLResponse:
    record = services_of(request).record
    items = [
        views.summary_out(record.state(n)) for n in record.negotiations() if viewer.may_open(n)
    ]
    return _render(request, "index.html", {"viewer": viewer, "negotiations": items})


RoundParam = Annotated[int | None, Query(ge=0, le=MAX_ROUND)]


@router.get("/n/{nid}", response_class=HTMLResponse)
def dashboard(
    request: Request, viewer: PageViewer, nid: str, round: RoundParam = None
) -> HTMLResponse:
    context = dashboard_context(request, viewer, nid, round, None)
    return _render(request, "negotiation.html", context)


@router.get("/n/{nid}/panel", response_class=HTMLResponse)
def panel(
    request: Request,
    viewer: PageViewer,
    nid: str,
    round: RoundParam = None,
    since: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """The live panel and, out of band, the areas below it, both as of ``round`` (or now);
    204 (HTMX keeps what it shows) when nothing was recorded since ``since``."""
    if since is not None and round is None and services_of(request).record.store.head(nid) == since:
        return Response(status_code=204)
    ctx = with_areas(request, viewer, panel_context(request, viewer, nid, round))
    return _render(request, "_panel.html", ctx)


class MoveForm(BaseModel):
    """The dashboard's move form, as the browser posts it: every field text, empty when blank."""

    csrf: str = ""
    move: str = ""
    by: str = ""
    target: str = ""
    level: str = ""
    value: str = ""
    bound: str = ""
    note: str = ""
    round: str = ""
    on: str = ""

    def fields(self) -> dict[str, Any]:
        """The move's fields as :func:`~accords.service.record.record_move` takes them."""
        part, _, option = self.target.partition(":")
        # a numeric part's value, or (accept only) a bound: at_most / at_least
        value_key = {"at-most": "at_most", "at-least": "at_least"}.get(self.bound, "value")
        try:
            return {
                "move": self.move,
                "by": self.by,
                "part": part or None,
                "option": option or None,
                value_key: self.value.strip() or None,
                "level": self.level or None if self.move == "accept" else None,
                "note": self.note,
                "round": int(self.round) if self.round.strip() else None,
                "date": date.fromisoformat(self.on) if self.on.strip() else None,
            }
        except ValueError:
            raise RefusedMove("the round must be a number and the date YYYY-MM-DD") from None


@router.post("/n/{nid}/moves", response_class=HTMLResponse)
def post_move(
    request: Request, viewer: PageViewer, nid: str, form: Annotated[MoveForm, Form()]
) -> Response:
    services = services_of(request)
    services.sessions.check_csrf(request, form.csrf)
    htmx = request.headers.get("hx-request") == "true"
    flash: dict[str, str]
    status = 200
    try:
        viewer.require_record_for(form.by)
        fields = form.fields()
        events = record_move(services.record, viewer, nid, fields)
        flash = {
            "kind": "ok",
            "text": "Recorded: "
            + ", ".join(f"#{e.seq} {e.type} ({e.occurred_on.isoformat()})" for e in events),
        }
    except AccordsError as exc:
        flash = {"kind": "error", "text": f"Not recorded: {exc}"}
        status = 403 if isinstance(exc, AccessDenied) else 422
    if htmx:
        ctx = with_areas(request, viewer, panel_context(request, viewer, nid, None))
        return _render(request, "_panel.html", {**ctx, "flash": flash, "oob_flash": True})
    return _render(
        request, "negotiation.html", dashboard_context(request, viewer, nid, None, flash), status
    )


@router.post("/n/{nid}/notes", response_class=HTMLResponse)
def post_note(
    request: Request,
    viewer: PageViewer,
    nid: str,
    csrf: Annotated[str, Form()] = "",
    by: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    part: Annotated[str, Form()] = "",
) -> Response:
    """Keep a private note; then show that party's confidential page."""
    services = services_of(request)
    services.sessions.check_csrf(request, csrf)
    viewer.require_record_for(by)
    viewer.require_confidential(by)
    load(request, nid)
    cmd = RecordNote(
        on=dated(services.record, viewer, nid, None), party=by, text=text, part=part.strip() or None
    )
    services.record.execute(nid, cmd, recorded_by=viewer.recorded_by)
    return RedirectResponse(f"/n/{quote(nid)}/preferences/{quote(by)}", status_code=303)


@router.get("/n/{nid}/preferences/{party}", response_class=HTMLResponse)
def preferences_page(request: Request, viewer: PageViewer, nid: str, party: str) -> HTMLResponse:
    viewer.require_confidential(party)
    state = load(request, nid)
    if party not in state.parties:
        raise UnknownReference(f"no party {party!r} in {nid!r}")
    prefs = state.preferences.get(party)
    return _render(
        request,
        "preferences.html",
        {
            "viewer": viewer,
            "nid": nid,
            "state": state,
            "party": state.parties[party],
            "prefs": prefs,
            "notes": views.notes_of(services_of(request).record.events(nid), party),
            "parts": state.parts,
            "pref_parts": state.parts,
        },
    )


def login_link(base_url: str, token: str) -> str:
    """A link that logs a browser in: the token rides in the fragment, never sent or logged."""
    return f"{base_url.rstrip('/')}/login#token={quote(token)}"
