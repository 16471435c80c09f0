"""The delegate's preferences page as the place to give them, and the mediator's facilitation.

The preferences page loads this fragment (HTMX, ``hx-trigger="load"``; a plain
link works without script): the fitted profile with its provenance and
uncertainty, then the questions — the 100-point split with option ratings,
package cards to rate, a "which would you rather have?" pair chosen by the
engine, and a blind-acceptance mark. Every form is a plain form with labels and
buttons (keyboard first); HTMX swaps the fragment in place. Only the party's
delegates and the mediator see or post any of it. The dashboard's facilitation
panel shows the mediator the packages that improve on the table; every viewer
but an observer sees the blind-acceptance intersection once all have marked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accords import clock
from accords.errors import AccessDenied, AccordsError, RefusedMove, UnknownReference
from accords.model import State
from accords.service.auth import Viewer
from accords.service.extensions import NOW, Panel, View
from accords.service.pages import PageViewer

__all__ = ["page_router", "panels"]

page_router = APIRouter(include_in_schema=False)

#: Package cards offered for rating at a time.
CARDS = 3

_CARD_CHARS = 20_000
#: A package card as the form posts it back: the package as JSON, bounded in size.
CardField = Annotated[str, Form(max_length=_CARD_CHARS)]


def _load(request: Request, nid: str, party: str) -> State:
    record = request.app.state.services.record
    if record.store.head(nid) == 0:
        raise UnknownReference(f"no negotiation {nid!r}")
    state: State = record.state(nid)
    if party not in state.parties:
        raise UnknownReference(f"no party {party!r} in {nid!r}")
    return state


def _cards(state: State, count: int) -> list[dict[str, str]]:
    """Packages to rate, drawn afresh after each rating (seeded by how many were given)."""
    import numpy as np

    from accords.elicitation import space_of

    space = space_of(state)
    rng = np.random.default_rng(1000 + count)
    rows = space.random_packages(rng, CARDS)
    return [space.decode(r) for r in rows]


def _question(state: State, party: str) -> dict[str, Any] | None:
    from accords.elicit import fit, next_query
    from accords.elicitation import answers_of, space_of

    space = space_of(state)
    if space.size < 2:
        return None
    answers, _ = answers_of(state, party)
    query = next_query(fit(space, answers, samples=200, seed=len(answers)), seed=len(answers))
    return {"a": dict(query.a), "b": dict(query.b)}


def _context(request: Request, viewer: Viewer, state: State, party: str) -> dict[str, Any]:
    from accords.elicitation import elicitation_of

    record = elicitation_of(state, party)
    answers = record.get("answers") or {}
    ctx: dict[str, Any] = {
        "viewer": viewer,
        "nid": state.id,
        "party": state.parties[party],
        "parts": {k: v for k, v in state.parts.items() if v.part.options},
        "prefs": state.preferences.get(party) or {},
        "record": record,
        "split": answers.get("split") or {},
        "option_ratings": answers.get("option_ratings") or {},
        "may_answer": viewer.may_record_for(party),
        "cards": [],
        "question": None,
    }
    try:
        ctx["cards"] = _cards(state, len(answers.get("ratings") or []))
        ctx["question"] = _question(state, party)
    except AccordsError as exc:
        ctx["unavailable"] = str(exc)
    return ctx


def _fragment(
    request: Request,
    viewer: Viewer,
    nid: str,
    party: str,
    flash: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    from accords.service.pages import _render

    state = _load(request, nid, party)
    ctx = _context(request, viewer, state, party)
    hx = request.headers.get("hx-request") == "true"
    # after a recorded answer the page's table of recorded preferences is refreshed too
    oob = hx and flash is not None and flash["kind"] == "ok"
    extra = {"flash": flash, "oob_prefs": oob, "pref_parts": state.parts}
    return _render(request, "_elicit.html" if hx else "elicit.html", {**ctx, **extra}, status)


@page_router.get("/n/{nid}/elicit/{party}", response_class=HTMLResponse)
def elicit_fragment(request: Request, viewer: PageViewer, nid: str, party: str) -> HTMLResponse:
    viewer.require_confidential(party)
    return _fragment(request, viewer, nid, party)


Build = Callable[[State], dict[str, Any]]


def _step(
    request: Request, viewer: Viewer, nid: str, party: str, csrf: str, build: Build
) -> Response:
    """Record one step (``build`` makes its answers or blind mark from the state; a refused
    one is said in the fragment); the fragment again, or back to the page without script."""
    from accords.elicitation import blind_mark, record_answers
    from accords.service.elicit_api import for_itself

    services = request.app.state.services
    services.sessions.check_csrf(request, csrf)
    viewer.require_confidential(party)
    viewer.require_record_for(party)
    flash = {"kind": "ok", "text": "Recorded; your profile is refitted."}
    status = 200
    try:
        head = services.record.store.head(nid)
        state = _load(request, nid, party)
        step = build(state)
        if "blind" in step:
            for_itself(viewer, party)
        mark = blind_mark(state, step["blind"]) if "blind" in step else None
        cmd = record_answers(state, party, step.get("answers", {}), clock.today(), blind=mark)
        if mark is not None:
            flash["text"] = "Your mark is kept privately; only the intersection is shown."
        services.record.execute_many(nid, [cmd], recorded_by=viewer.recorded_by, expected_seq=head)
    except AccordsError as exc:
        if isinstance(exc, AccessDenied):
            raise
        flash, status = {"kind": "error", "text": f"Not recorded: {exc}"}, 422
    if request.headers.get("hx-request") == "true":
        return _fragment(request, viewer, nid, party, flash, status)
    return RedirectResponse(f"/n/{quote(nid)}/preferences/{quote(party)}", status_code=303)


def _number(form: Any, key: str) -> float:
    try:
        value = float(str(form.get(key, "")).strip())
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:  # also refuses nan
        raise RefusedMove(f"{key}: a number from 0 to 100")
    return value


@page_router.post("/n/{nid}/elicit/{party}/direct", response_class=HTMLResponse)
async def post_direct(request: Request, viewer: PageViewer, nid: str, party: str) -> Response:
    """The point split, the option ratings and the reservation, as stated."""
    form = await request.form()

    def build(state: State) -> dict[str, Any]:
        parts = [p for p, ps in state.parts.items() if ps.part.options]
        split = {p: _number(form, f"split-{p}") for p in parts}
        ratings = {
            p: {o.id: _number(form, f"rate-{p}-{o.id}") for o in state.parts[p].part.options}
            for p in parts
        }
        reservation = _number(form, "reservation") if form.get("reservation") else 0.0
        answers = {"split": split, "option_ratings": ratings, "reservation": reservation}
        return {"answers": answers}

    return _step(request, viewer, nid, party, str(form.get("csrf", "")), build)


def _package(raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except ValueError:
        raise RefusedMove("the package card is damaged; reload the page") from None
    if not isinstance(data, dict) or len(raw) > _CARD_CHARS:
        raise RefusedMove("the package card is damaged; reload the page")
    return {str(k): str(v) for k, v in data.items()}


@page_router.post("/n/{nid}/elicit/{party}/compare", response_class=HTMLResponse)
def post_compare(
    request: Request,
    viewer: PageViewer,
    nid: str,
    party: str,
    csrf: Annotated[str, Form()] = "",
    a: CardField = "",
    b: CardField = "",
    choice: Annotated[str, Form()] = "",
) -> Response:
    """ "Which would you rather have?": the chosen package over the other."""

    def build(state: State) -> dict[str, Any]:
        if choice not in ("a", "b"):
            raise RefusedMove("choose package A or package B")
        pa, pb = _package(a), _package(b)
        better, worse = (pa, pb) if choice == "a" else (pb, pa)
        return {"answers": {"comparisons": [{"better": better, "worse": worse}]}}

    return _step(request, viewer, nid, party, csrf, build)


@page_router.post("/n/{nid}/elicit/{party}/rate", response_class=HTMLResponse)
async def post_rate(request: Request, viewer: PageViewer, nid: str, party: str) -> Response:
    """Package cards rated 0–100 (a card left empty is skipped)."""
    form = await request.form()

    def build(state: State) -> dict[str, Any]:
        ratings = []
        for k in range(CARDS):
            raw = str(form.get(f"card-{k}", ""))
            if raw and str(form.get(f"rating-{k}", "")).strip():
                rating = _number(form, f"rating-{k}")
                ratings.append({"package": _package(raw), "rating": rating})
        if not ratings:
            raise RefusedMove("rate at least one package card (0 to 100)")
        return {"answers": {"ratings": ratings}}

    return _step(request, viewer, nid, party, str(form.get("csrf", "")), build)


@page_router.post("/n/{nid}/elicit/{party}/blind", response_class=HTMLResponse)
def post_blind(
    request: Request,
    viewer: PageViewer,
    nid: str,
    party: str,
    csrf: Annotated[str, Form()] = "",
    least: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The least satisfaction (0–100) the party would accept, kept privately."""

    def build(state: State) -> dict[str, Any]:
        try:
            value = float(least) / 100.0
        except ValueError:
            raise RefusedMove("the least satisfaction is a number from 0 to 100") from None
        return {"blind": {"least": value}}

    return _step(request, viewer, nid, party, csrf, build)


def _improve_html(state: State) -> str:
    from accords.elicitation import improvements

    try:
        table, found = improvements(state, limit=10)
    except AccordsError as exc:
        return f'<p data-testid="improve-none">{escape(str(exc))}</p>'
    cells = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in table.items())
    html = f"<h3>On the table</h3><ul>{cells}</ul>"
    if not found:
        return html + '<p data-testid="improve-none">No package improves on it for everyone.</p>'
    rows = "".join(
        "<tr><td>"
        + escape(", ".join(f"{k}: {v}" for k, v in i.package.items()))
        + f"</td><td>{i.probability:.0%}</td></tr>"
        for i in found
    )
    return html + (
        '<table class="board" data-testid="improvements"><caption>Packages every party prefers '
        '(weakly; strictly for one)</caption><thead><tr><th scope="col">Package</th>'
        '<th scope="col">Probability all prefer it</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _blind_html(state: State) -> str:
    from accords.elicitation import revealed

    marked, total, together = revealed(state)
    if together is None:
        return (
            f'<p data-testid="blind-status">Blind acceptance: {marked} of {total} parties '
            "have marked.</p>"
        )
    items = "".join(
        "<li>" + escape(", ".join(f"{k}: {v}" for k, v in p.items())) + "</li>"
        for p in together[:50]
    )
    return (
        f'<p data-testid="blind-status">Every party has marked: {len(together)} packages are '
        f"acceptable to all (who accepted what is never shown).</p><ul>{items}</ul>"
    )


def panels(viewer: Viewer, state: State, view: View = NOW) -> list[tuple[str, Panel]]:
    """Facilitation: the mediator's improvements on the table; the blind intersection."""
    if viewer.role == "observer" or not view.is_now:
        return []
    try:
        html = _blind_html(state)
        if viewer.role == "mediator":
            html = _improve_html(state) + html
    except AccordsError as exc:
        html = f"<p>{escape(str(exc))}</p>"
    return [("facilitation", Panel("Improving on the table; blind acceptance", html))]
