"""What the dashboard shows: the board panel as of a round, the areas below it, the forms.

The page routes (:mod:`accords.service.pages`) render these contexts; the panel's
context and the areas are built here, once, for the full page, the polled panel and
the answer to a move alike, so every part of the page shows the same moment.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import Request

from accords import clock
from accords.errors import UnknownReference
from accords.model import STRUCTURAL, State, board, package_line
from accords.model.limits import MAX_ROUND
from accords.service import views
from accords.service.app import Services
from accords.service.auth import Viewer
from accords.service.extensions import KNOWN_AREAS, NOW, Panel, View

__all__ = [
    "HISTORY_SHOWN",
    "MOVES",
    "dashboard_context",
    "load",
    "panel_context",
    "services_of",
    "with_areas",
]

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


def services_of(request: Request) -> Services:
    """The server's services, held on the app."""
    services: Services = request.app.state.services
    return services


def load(request: Request, nid: str) -> State:
    """The negotiation's state now, or an unknown reference."""
    record = services_of(request).record
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


def panel_context(request: Request, viewer: Viewer, nid: str, round: int | None) -> dict[str, Any]:
    """The live panel's context (board, package line, rounds, history) as of ``round``."""
    services = services_of(request)
    now = load(request, nid)
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
    store = services_of(request).record.store
    if view.on is None:
        return list(store.read(nid))
    events = store.read(nid, occurred_until=view.on, keep_types=STRUCTURAL)
    upto = view.round or 0
    return [e for e in events if int(e.payload.get("round") or 0) <= upto]


def _areas(request: Request, viewer: Viewer, state: State, view: View) -> list[dict[str, Any]]:
    """The areas below the board, each panel as of ``view`` (``state`` is already as of it)."""
    services = services_of(request)
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


def with_areas(request: Request, viewer: Viewer, ctx: dict[str, Any]) -> dict[str, Any]:
    """A panel context with the areas below the board, as of the same view."""
    return {**ctx, "areas": _areas(request, viewer, ctx["state"], ctx["view_of"])}


def dashboard_context(
    request: Request, viewer: Viewer, nid: str, round: int | None, flash: dict[str, str] | None
) -> dict[str, Any]:
    """The whole page's context: the panel, the areas and what the move forms offer."""
    ctx = panel_context(request, viewer, nid, round)
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
