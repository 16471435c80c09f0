"""The confidentiality matrix: every route × every role × every party, with planted secrets.

Two parties hold confidential data with strings found nowhere else (a preferences
note, a reservation value, a weight, a private note). For every route of the app
(the test fails when a route is added without a row here), for every viewer, the
secrets of every party that viewer may not see must appear in no response body,
no header, no log line and no error. The mediator and each party's own delegates
do see them (through the confidential routes), so the secrets are really there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from . import elicit_matrix
from .conftest import NID, SECRETS, VIEWERS, World, leaks, login, plant_secrets

PARTIES = ("taliban", "united-states", "afghan-government", "qatar", "nobody")


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    json: Any = None
    data: dict[str, str] | None = None


def _move(viewer: str) -> dict[str, str]:
    by = viewer if viewer in SECRETS or viewer == "afghan-government" else "taliban"
    return {"move": "reject", "by": by, "part": "ceasefire"}


def _form(viewer: str, client: TestClient) -> dict[str, str]:
    page = client.get(f"/n/{NID}")
    csrf = (
        page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        if 'name="csrf"' in page.text
        else ""
    )
    return {"csrf": csrf}


#: For each route (method, path template): the calls that exercise it for one viewer.
MATRIX: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/api/whoami"): lambda v: [Call("GET", "/api/whoami")],
    ("GET", "/api/negotiations"): lambda v: [Call("GET", "/api/negotiations")],
    ("POST", "/api/negotiations"): lambda v: [
        Call("POST", "/api/negotiations", {"id": f"n-{v}", "title": "Other"}),
        Call("POST", "/api/negotiations", {"id": NID, "title": "again"}),
    ],
    ("GET", "/api/negotiations/{nid}"): lambda v: [Call("GET", f"/api/negotiations/{NID}")],
    ("GET", "/api/negotiations/{nid}/framework"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/framework")
    ],
    ("POST", "/api/negotiations/{nid}/framework/parts"): lambda v: [
        Call(
            "POST",
            f"/api/negotiations/{NID}/framework/parts",
            {"id": f"p-{v}", "title": "P", "signatories": ["taliban", "united-states"]},
        )
    ],
    ("POST", "/api/negotiations/{nid}/framework/parts/{part}/options"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/framework/parts/ceasefire/options", {"id": f"o-{v}"})
    ],
    ("POST", "/api/negotiations/{nid}/framework/linkages"): lambda v: [
        Call(
            "POST",
            f"/api/negotiations/{NID}/framework/linkages",
            {"kind": "traded-against", "from": "ceasefire", "to": "withdrawal", "note": v},
        )
    ],
    ("GET", "/api/negotiations/{nid}/parties"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/parties")
    ],
    ("POST", "/api/negotiations/{nid}/parties"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/parties", {"id": f"x-{v}", "name": "X"})
    ],
    ("GET", "/api/negotiations/{nid}/rounds"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/rounds")
    ],
    # people are public record: every viewer reads them, the mediator adds them
    ("GET", "/api/negotiations/{nid}/people"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/people")
    ],
    ("GET", "/api/negotiations/{nid}/people/{person}"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/people/khalilzad"),
        Call("GET", f"/api/negotiations/{NID}/people/nobody"),
    ],
    ("POST", "/api/negotiations/{nid}/people"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/people", {"id": f"x-{v}", "name": f"X {v}"})
    ],
    ("POST", "/api/negotiations/{nid}/people/{person}/titles"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/people/pompeo/titles", {"title": f"t {v}"})
    ],
    ("POST", "/api/negotiations/{nid}/rounds/{number}/delegates"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/rounds/2/delegates", {"person": "pompeo"})
    ],
    ("POST", "/api/negotiations/{nid}/rounds"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/rounds", {"number": 3, "start": "2019-01-01"})
    ],
    ("POST", "/api/negotiations/{nid}/rounds/{number}/close"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/rounds/6/close", {"on": "2019-05-10"})
    ],
    ("GET", "/api/negotiations/{nid}/moves"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/moves"),
        Call("GET", f"/api/negotiations/{NID}/moves?round=4"),
    ],
    ("POST", "/api/negotiations/{nid}/moves"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/moves", _move(v)),
        Call("POST", f"/api/negotiations/{NID}/moves", {**_move(v), "part": "nope"}),
        Call("POST", f"/api/negotiations/{NID}/moves", {**_move(v), "expected_seq": 1}),
    ],
    ("GET", "/api/negotiations/{nid}/status"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/status"),
        Call("GET", f"/api/negotiations/{NID}/status?round=6"),
        Call("GET", f"/api/negotiations/{NID}/status?as_of=2019-06-02"),
    ],
    ("GET", "/api/negotiations/{nid}/log"): lambda v: [Call("GET", f"/api/negotiations/{NID}/log")],
    ("GET", "/api/negotiations/{nid}/statements"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/statements")
    ],
    ("GET", "/api/negotiations/{nid}/analysis"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/analysis"),
        Call("GET", f"/api/negotiations/{NID}/analysis?given_accepted=true"),
    ],
    ("GET", "/api/negotiations/{nid}/head"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/head")
    ],
    ("GET", "/api/negotiations/{nid}/verify"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/verify")
    ],
    ("GET", "/api/negotiations/{nid}/preferences/{party}"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/preferences/{p}") for p in PARTIES
    ],
    ("PUT", "/api/negotiations/{nid}/preferences/{party}"): lambda v: [
        Call("PUT", f"/api/negotiations/{NID}/preferences/{p}", {"weights": {"nope": 1}})
        for p in PARTIES
    ],
    ("GET", "/api/negotiations/{nid}/notes/{party}"): lambda v: [
        Call("GET", f"/api/negotiations/{NID}/notes/{p}") for p in PARTIES
    ],
    ("POST", "/api/negotiations/{nid}/notes"): lambda v: [
        Call("POST", f"/api/negotiations/{NID}/notes", {"by": p, "text": "a note"}) for p in PARTIES
    ],
    # the pages
    ("GET", "/"): lambda v: [Call("GET", "/")],
    ("GET", "/login"): lambda v: [Call("GET", "/login")],
    ("POST", "/login"): lambda v: [Call("POST", "/login", data={"token": "acc_x", "csrf": "x"})],
    ("POST", "/logout"): lambda v: [Call("POST", "/logout", data={"csrf": "wrong"})],
    ("GET", "/n/{nid}"): lambda v: [
        Call("GET", f"/n/{NID}"),
        Call("GET", f"/n/{NID}?round=3"),
        Call("GET", f"/n/{NID}?round=4"),
        Call("GET", "/n/nothing"),
    ],
    ("GET", "/n/{nid}/panel"): lambda v: [
        Call("GET", f"/n/{NID}/panel"),
        Call("GET", f"/n/{NID}/panel?round=5"),
        Call("GET", f"/n/{NID}/panel?round=4&since=0"),
        Call("GET", f"/n/{NID}/panel?since=0"),
    ],
    ("POST", "/n/{nid}/moves"): lambda v: [
        Call("POST", f"/n/{NID}/moves", data={**_move(v), "target": "ceasefire", "csrf": "FORM"}),
        Call("POST", f"/n/{NID}/moves", data={**_move(v), "target": "nope", "csrf": "FORM"}),
    ],
    ("POST", "/n/{nid}/notes"): lambda v: [
        Call("POST", f"/n/{NID}/notes", data={"by": p, "text": "n", "csrf": "FORM"})
        for p in PARTIES
    ],
    ("GET", "/n/{nid}/preferences/{party}"): lambda v: [
        Call("GET", f"/n/{NID}/preferences/{p}") for p in PARTIES
    ],
    **elicit_matrix.rows(lambda *a, **k: Call(*a, **k)),
    ("GET", "/openapi.json"): lambda v: [Call("GET", "/openapi.json")],
    ("GET", "/static"): lambda v: [
        Call("GET", "/static/accords.css"),
        Call("GET", "/static/login.js"),
    ],
}


def _routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path) the app serves: its own routes and those of the routers it
    includes (newer FastAPI wraps included routers, so they are read from the routers)."""
    from accords.service import api, pages, people

    routes: list[Any] = [*app.routes, *api.router.routes, *pages.router.routes]
    routes += [_Prefixed("/api", x) for x in people.router.routes]
    for ext in app.state.services.extensions:
        for r in (ext.api_router, ext.page_router):
            if r is not None:
                prefix = "/api" if r is ext.api_router else ""
                routes += [_Prefixed(prefix, x) for x in r.routes]
    out: set[tuple[str, str]] = set()
    for r in routes:
        if isinstance(r, Mount):
            out.add(("GET", r.path))
        elif isinstance(r, APIRoute | Route | _Prefixed):
            for m in r.methods or ():
                if m != "HEAD":
                    out.add((m, r.path))
    return out


@dataclass(frozen=True)
class _Prefixed:
    prefix: str
    route: Any

    @property
    def path(self) -> str:
        return self.prefix + self.route.path

    @property
    def methods(self) -> set[str]:
        return set(getattr(self.route, "methods", None) or ())


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


@pytest.fixture
def captured() -> Iterator[_Capture]:
    handler = _Capture()
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old)


def test_the_matrix_covers_every_route(world: World) -> None:
    routes = _routes(world.client.app)
    missing = routes - set(MATRIX)
    assert not missing, f"add these routes to the confidentiality matrix: {sorted(missing)}"
    assert not set(MATRIX) - routes, "the matrix names routes the app no longer has"


def _forbidden(viewer: str) -> list[str]:
    """The parties whose secrets ``viewer`` may not see."""
    if viewer == "mediator":
        return []
    return [party for party in SECRETS if party != viewer]


@pytest.mark.parametrize("viewer", [*VIEWERS, "anonymous", "revoked"])
def test_no_secret_reaches_a_viewer_who_may_not_see_it(
    world: World, captured: _Capture, viewer: str
) -> None:
    app = world.client.app
    api = TestClient(app)
    pages = TestClient(app)
    if viewer in world.tokens and viewer != "revoked":
        login(pages, world.tokens[viewer])
    headers = {"Authorization": f"Bearer {world.tokens[viewer]}"} if viewer in world.tokens else {}
    forbidden = _forbidden(viewer)
    seen: list[str] = []
    statuses: dict[str, set[int]] = {}
    for (method, template), calls in MATRIX.items():
        for call in calls(viewer):
            client = api if call.path.startswith("/api/") else pages
            data = call.data
            if data is not None and data.get("csrf") == "FORM":
                data = {**data, **_form(viewer, pages)}
            response = client.request(
                call.method,
                call.path,
                json=call.json,
                data=data,
                headers=headers,
                follow_redirects=False,
            )
            statuses.setdefault(f"{method} {template}", set()).add(response.status_code)
            assert response.status_code < 500, (call, response.text)
            text = (
                response.text + "\n" + "\n".join(f"{k}: {v}" for k, v in response.headers.items())
            )
            seen.append(text)
            leaked = [s for party in forbidden for s in leaks(text, party)]
            assert not leaked, f"{viewer} saw {leaked} in {call.method} {call.path}"
    logged = "\n".join(captured.lines)
    assert not [s for p in forbidden for s in leaks(logged, p)], f"a log line leaks ({viewer})"
    everything = "\n".join(seen)
    # The other side: what a viewer may see, it does see; so the secrets are really planted.
    if viewer == "mediator":
        assert all(len(leaks(everything, p)) == len(SECRETS[p]) for p in SECRETS)
    elif viewer in SECRETS:
        assert len(leaks(everything, viewer)) == len(SECRETS[viewer])
    if viewer in ("anonymous", "revoked"):
        assert statuses["GET /api/negotiations/{nid}/status"] == {401}
        assert statuses["GET /n/{nid}"] == {303}
    if viewer in ("observer", "afghan-government"):
        assert statuses["GET /api/negotiations/{nid}/preferences/{party}"] >= {403}


def _rounded(party: str) -> list[str]:
    """A party's secret numbers as the analysis prints them (three decimals)."""
    return [f"{float(x):.3f}" for x in SECRETS[party] if not x.startswith("PLANTED")]


def test_past_views_keep_the_secrets(world: World) -> None:
    """The panels as of a round analyse the preferences recorded by then: planted within
    round 4, the secrets reach the past views, and only those who may see them."""
    plant_secrets(world.db, date(2019, 1, 22))
    for viewer in VIEWERS:
        pages = TestClient(world.client.app)
        login(pages, world.tokens[viewer])
        texts = []
        for path in (f"/n/{NID}?round=4", f"/n/{NID}/panel?round=4", f"/n/{NID}/panel?round=5"):
            response = pages.get(path)
            assert response.status_code == 200, (viewer, path)
            assert "as of round" in response.text
            texts.append(response.text)
        everything = "\n".join(texts)
        analysis = "\n".join(t.split('id="area-analysis"', 1)[1] for t in texts)
        for party in SECRETS:
            if viewer in ("mediator", party):
                continue
            assert not leaks(everything, party), f"{viewer} saw {party}'s secrets as of a round"
            shown = [x for x in _rounded(party) if x in analysis]
            assert not shown, f"{viewer} saw {party}'s numbers {shown} as of a round"
        # the other side: the past analysis really reads the preferences planted in round 4
        if viewer == "mediator":
            assert "United States 0.068, Taliban 0.079," in analysis
        elif viewer == "taliban":
            assert "(no agreement is worth 0.731)" in analysis
        elif viewer == "united-states":
            assert "(no agreement is worth 0.413)" in analysis
        elif viewer == "afghan-government":  # its own, from the example
            assert "(no agreement is worth 0.5)" in analysis
        else:
            assert "worth" not in analysis
