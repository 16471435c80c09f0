"""Any preferences the API accepts give a 200 on every page and route that shows them.

Hypothesis draws preferences over the example's framework with numbers anywhere
(huge, tiny, negative, at and past the bounds). Either the API refuses them with
a 422 that says why, and nothing is recorded; or it records them, and then the
analysis, the board, the preferences page and the log answer 200 to the mediator
and to the party's delegate: one delegate's numbers cannot break a dashboard.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.scenario.preferences import MAX_MAGNITUDE
from service.conftest import NID, OPTIONS, World, login

NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-MAX_MAGNITUDE, MAX_MAGNITUDE),
    st.sampled_from([0.0, 1e-308, 5e-324, MAX_MAGNITUDE, -MAX_MAGNITUDE, 1e308, 1.0]),
)
UNIT = st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 5e-324]))


@st.composite
def preferences(draw: st.DrawFn) -> dict[str, Any]:
    parts = draw(st.lists(st.sampled_from(sorted(OPTIONS)), unique=True, min_size=1))
    body: dict[str, Any] = {
        "reservation": draw(NUMBERS),
        "weights": {p: abs(draw(NUMBERS)) for p in parts},
        "values": {p: {o: draw(UNIT) for o in OPTIONS[p]} for p in parts},
    }
    if len(parts) == 2 and draw(st.booleans()):
        a, b = parts
        body["interactions"] = [
            {"a": f"{a}:{OPTIONS[a][0]}", "b": f"{b}:{OPTIONS[b][1]}", "value": draw(NUMBERS)}
        ]
    return body


@pytest.fixture(scope="module")
def browsers(shared_world: World) -> dict[str, TestClient]:
    out = {}
    for who in ("mediator", "taliban"):
        cl = TestClient(shared_world.client.app)
        login(cl, shared_world.tokens[who])
        out[who] = cl
    return out


@given(body=preferences())
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_accepted_preferences_keep_every_view_up(
    shared_world: World, browsers: dict[str, TestClient], body: dict[str, Any]
) -> None:
    cl = shared_world.client
    r = cl.put(
        f"/api/negotiations/{NID}/preferences/taliban",
        json=body,
        headers=shared_world.as_("taliban"),
    )
    if r.status_code == 422:
        assert "must" in r.json()["detail"]
        return
    assert r.status_code == 201, r.text
    for who in ("mediator", "taliban"):
        auth = shared_world.as_(who)
        for path in ("/analysis", "/preferences/taliban", "/log", "/status", ""):
            got = cl.get(f"/api/negotiations/{NID}{path}", headers=auth)
            assert got.status_code == 200, (who, path, got.text[:300])
        for page in (f"/n/{NID}", f"/n/{NID}/preferences/taliban", f"/n/{NID}/panel"):
            got = browsers[who].get(page)
            assert got.status_code == 200, (who, page, got.text[:300])
