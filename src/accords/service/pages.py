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
from typing import Annotated, Any, Final
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accords import clock
from accords.errors import AccessDenied, AccordsError, RefusedMove, UnknownReference
from accords.model import STRUCTURAL, State, board, package_line
from accords.model.commands import RecordNote
from accords.model.limits import MAX_ROUND
from accords.service import views
from accords.service.app import HTMX_VERSION, Services
from accords.service.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    LoginRequired,
    TooManyFailures,
    Viewer,
)
from accords.service.dating import dated
from accords.service.extensions import KNOWN_AREAS, NOW, Panel, View
from accords.service.record import record_move

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)

#: How many recent moves the dashboard lists (the API gives them all).
HISTORY_SHOWN: Final = 60
MOVES: Final = (
    ("propose", "propose an option"),
    ("accept", "accept an option"),
    ("reject", "reject"),
    ("reserve", "enter a reservation"),
    ("withdraw", "withdraw"),
    ("reopen", "reopen the part"),
    ("defer", "defer the part"),
    ("accept-framework", "accept the framework"),
    ("confirm", "confirm the package"),
    ("initial", "initial the package"),
    ("sign", "sign the package"),
)


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    services = _services(request)
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
    viewer = _services(request).sessions.page_viewer(request)
    return _render(
        request, "error.html", {"status": status, "message": message, "viewer": viewer}, status
    )


def page_viewer(request: Request) -> Viewer:
    viewer = _services(request).sessions.page_viewer(request)
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
    csrf = secrets.token_urlsafe(24)
    response = _render(request, "login.html", {"login_csrf": csrf, "next": _safe_next(next)})
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        csrf,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    services = _services(request)
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
    csrf = secrets.token_urlsafe(24)
    response = _render(
        request,
        "login.html",
        {"login_csrf": csrf, "next": _safe_next(next), "error": message},
        status,
        headers,
    )
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
    sessions = _services(request).sessions
    sessions.check_csrf(request, csrf)
    sessions.logout(request)  # ends the session on the server: a replayed cookie opens nothing
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- pages -----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def index(request: Request, viewer: PageViewer) -> HTMLResponse:
    record = _services(request).record
    items = [
        views.summary_out(record.state(n)) for n in record.negotiations() if viewer.may_open(n)
    ]
    return _render(request, "index.html", {"viewer": viewer, "negotiations": items})


def _load(request: Request, nid: str) -> State:
    record = _services(request).record
    if record.store.head(nid) == 0:
        raise UnknownReference(f"no negotiation {nid!r}")
    return record.state(nid)


def _view_round(now: State, value: int | None) -> int | None:
    """The round to show for a slider position: ``None`` (now) past the last round."""
    if value is None or not now.rounds:
        return None
    numbers = sorted(now.rounds)
    if value > numbers[-1]:
        return None
    earlier = [n for n in numbers if n <= value]
    return earlier[-1] if earlier else numbers[0]


def _panel_context(request: Request, viewer: Viewer, nid: str, round: int | None) -> dict[str, Any]:
    services = _services(request)
    now = _load(request, nid)
    shown = _view_round(now, round)
    state = services.record.state(nid, round=shown) if shown is not None else now
    rows = board(state)
    columns: list[str] = []
    for ps in state.parts.values():
        for p in ps.part.signatories:
            if p not in columns:
                columns.append(p)
    moves = views.history(services.record.events(nid), upto_round=shown)
    r = now.rounds.get(shown) if shown is not None else None
    if r is not None:
        dates = r.start.isoformat() + (
            f" – {r.end.isoformat()}" if r.end and r.end != r.start else ""
        )
        # the same day as Record.state(round=...), so the panels agree with the board
        view = View(
            round=r.number,
            on=r.end or now.last_on or r.start,
            as_of=f"round {r.number} ({r.venue + ', ' if r.venue else ''}{dates})",
        )
    else:
        view = NOW
    numbers = sorted(now.rounds)
    return {
        "viewer": viewer,
        "nid": nid,
        "state": state,
        "now": now,
        "head": now.events,
        "rows": rows,
        "columns": columns,
        "names": {p.id: p.name for p in state.parties.values()},
        "package_line": package_line(state),
        "agreement": state.agreement(),
        "rounds": views.rounds_out(now),
        "shown_round": shown,
        "max_round": numbers[-1] if numbers else 0,
        "min_round": numbers[0] if numbers else 0,
        "slider": shown if shown is not None else (numbers[-1] + 1 if numbers else 1),
        "view": view.words,
        "view_of": view,
        "moves": moves[-HISTORY_SHOWN:][::-1],
        "moves_total": len(moves),
        "poll_seconds": services.poll_seconds,
        "updated": clock.now().strftime("%H:%M:%S UTC"),
    }


def _events_of(request: Request, nid: str, view: View) -> list[Any]:
    """The log as the view holds it: the events ``Record.state`` folds for that view
    (by its day, and as of a round none recorded in a later one), and the framework."""
    store = _services(request).record.store
    if view.on is None:
        return list(store.read(nid))
    events = store.read(nid, occurred_until=view.on, keep_types=STRUCTURAL)
    upto = view.round or 0
    return [e for e in events if int(e.payload.get("round") or 0) <= upto]


def _areas(request: Request, viewer: Viewer, state: State, view: View) -> list[dict[str, Any]]:
    """The areas below the board, each panel as of ``view`` (``state`` is already as of it)."""
    services = _services(request)
    panels: dict[str, list[Panel]] = {}
    events: list[Any] | None = None
    for ext in services.extensions:
        found: list[tuple[str, Panel]] = []
        if ext.panels is not None:
            found += ext.panels(viewer, state, view)
        if ext.log_panels is not None:
            if events is None:
                events = _events_of(request, state.id, view)
            found += ext.log_panels(viewer, state, events, view)
        for key, panel in found:
            panels.setdefault(key, []).append(panel)
    return [
        {"key": a.key, "title": a.title, "blurb": a.blurb, "panels": panels.get(a.key, [])}
        for a in KNOWN_AREAS
    ]


def _with_areas(request: Request, viewer: Viewer, ctx: dict[str, Any]) -> dict[str, Any]:
    return {**ctx, "areas": _areas(request, viewer, ctx["state"], ctx["view_of"])}


def _dashboard(
    request: Request, viewer: Viewer, nid: str, round: int | None, flash: dict[str, str] | None
) -> dict[str, Any]:
    ctx = _panel_context(request, viewer, nid, round)
    now: State = ctx["now"]
    negotiating = now.negotiating_parties()
    confidential = [p for p in negotiating if viewer.may_see_confidential(p)]
    recorders = [p for p in now.parties if viewer.may_record_for(p)]
    targets: list[tuple[str, str]] = []
    for ps in now.parts.values():
        targets.append((ps.part.id, f"{ps.part.title} (the part)"))
        targets.extend(
            (f"{ps.part.id}:{o.id}", f"{ps.part.title}: {o.id}") for o in ps.part.options
        )
    return {
        **ctx,
        "confidential_parties": confidential,
        "recorders": recorders,
        "move_kinds": MOVES,
        "targets": targets,
        "today": clock.today().isoformat(),
        "round_bound": MAX_ROUND,
        "areas": _areas(request, viewer, ctx["state"], ctx["view_of"]),
        "flash": flash,
    }


RoundParam = Annotated[int | None, Query(ge=0, le=MAX_ROUND)]


@router.get("/n/{nid}", response_class=HTMLResponse)
def dashboard(
    request: Request, viewer: PageViewer, nid: str, round: RoundParam = None
) -> HTMLResponse:
    return _render(request, "negotiation.html", _dashboard(request, viewer, nid, round, None))


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
    if since is not None and round is None and _services(request).record.store.head(nid) == since:
        return Response(status_code=204)
    ctx = _with_areas(request, viewer, _panel_context(request, viewer, nid, round))
    return _render(request, "_panel.html", ctx)


@router.post("/n/{nid}/moves", response_class=HTMLResponse)
def post_move(
    request: Request,
    viewer: PageViewer,
    nid: str,
    csrf: Annotated[str, Form()] = "",
    move: Annotated[str, Form()] = "",
    by: Annotated[str, Form()] = "",
    target: Annotated[str, Form()] = "",
    level: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    bound: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    round: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
) -> Response:
    services = _services(request)
    services.sessions.check_csrf(request, csrf)
    htmx = request.headers.get("hx-request") == "true"
    flash: dict[str, str]
    status = 200
    try:
        viewer.require_record_for(by)
        part, _, option = target.partition(":")
        try:
            fields = {
                "move": move,
                "by": by,
                "part": part or None,
                "option": option or None,
                # a numeric part's value, or (accept only) a bound: at_most / at_least
                {"at-most": "at_most", "at-least": "at_least"}.get(bound, "value"): (
                    value.strip() or None
                ),
                "level": level or None if move == "accept" else None,
                "note": note,
                "round": int(round) if round.strip() else None,
                "date": date.fromisoformat(on) if on.strip() else None,
            }
        except ValueError:
            raise RefusedMove("the round must be a number and the date YYYY-MM-DD") from None
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
        ctx = _with_areas(request, viewer, _panel_context(request, viewer, nid, None))
        return _render(request, "_panel.html", {**ctx, "flash": flash, "oob_flash": True})
    return _render(
        request, "negotiation.html", _dashboard(request, viewer, nid, None, flash), status
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
    services = _services(request)
    services.sessions.check_csrf(request, csrf)
    viewer.require_record_for(by)
    viewer.require_confidential(by)
    _load(request, nid)
    cmd = RecordNote(
        on=dated(services.record, viewer, nid, None), party=by, text=text, part=part.strip() or None
    )
    services.record.execute(nid, cmd, recorded_by=viewer.recorded_by)
    return RedirectResponse(f"/n/{quote(nid)}/preferences/{quote(by)}", status_code=303)


@router.get("/n/{nid}/preferences/{party}", response_class=HTMLResponse)
def preferences_page(request: Request, viewer: PageViewer, nid: str, party: str) -> HTMLResponse:
    viewer.require_confidential(party)
    state = _load(request, nid)
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
            "notes": views.notes_of(_services(request).record.events(nid), party),
            "parts": state.parts,
        },
    )


def login_link(base_url: str, token: str) -> str:
    """A link that logs a browser in: the token rides in the fragment, never sent or logged."""
    return f"{base_url.rstrip('/')}/login#token={quote(token)}"
