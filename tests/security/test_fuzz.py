"""A property-based authorisation fuzz: random role × party id × route × method.

Hypothesis draws a token (mediator, observer, or a delegate of a party id drawn
from the negotiation's parties, the reserved words and arbitrary ids), then a
route of the app and a call to it from the confidentiality matrix (which fails
when a route is added without a row), and checks that no secret of a party
reaches a viewer who may not see that party's confidential data. A delegate
token under a reserved word must not even be issued.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.errors import RefusedMove
from accords.model.viewer import RESERVED_IDS
from accords.service.tokens import TokenStore
from service.conftest import SECRETS, World, fast_tokens, leaks, login
from service.test_confidentiality import MATRIX, _form

PARTY_IDS = st.one_of(
    st.sampled_from(["taliban", "united-states", "afghan-government", "qatar"]),
    st.sampled_from(sorted(RESERVED_IDS)),
    st.sampled_from(["Mediator", "MEDIATOR", "All", "Observer"]),
    st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
)
ROLES = st.sampled_from(["mediator", "party", "observer"])
ROUTES = st.sampled_from(sorted(MATRIX))
METHODS = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"])


def _forbidden(role: str, party: str | None) -> list[str]:
    if role == "mediator":
        return []
    return [p for p in SECRETS if not (role == "party" and p == party)]


class _Tokens:
    """One token (and one logged-in browser) per (role, party), made on first use."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.store: TokenStore = fast_tokens(world.db)
        self.made: dict[tuple[str, str | None], tuple[str, TestClient]] = {}

    def get(self, role: str, party: str | None) -> tuple[str, TestClient]:
        key = (role, party)
        if key not in self.made:
            token, _ = self.store.create(role, party)
            pages = TestClient(self.world.client.app)
            login(pages, token)
            self.made[key] = (token, pages)
        return self.made[key]


@pytest.fixture(scope="module")
def issued(shared_world: World) -> _Tokens:
    return _Tokens(shared_world)


@given(
    role=ROLES,
    party=PARTY_IDS,
    route=ROUTES,
    method=METHODS,
    pick=st.integers(0, 7),
)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_confidential_byte_reaches_a_viewer_who_may_not_see_it(
    issued: _Tokens, role: str, party: str, route: tuple[str, str], method: str, pick: int
) -> None:
    who = party if role == "party" else None
    if who is not None and who.casefold() in RESERVED_IDS:
        with pytest.raises(RefusedMove, match="reserved word"):
            issued.store.create("party", who)
        return
    token, pages = issued.get(role, who)
    name = who or role
    calls = MATRIX[route](name)
    call = calls[pick % len(calls)]
    api = call.path.startswith("/api/")
    client = issued.world.client if api else pages
    data = call.data
    if data is not None and data.get("csrf") == "FORM":
        data = {**data, **_form(name, pages)}
    # the route's own method, or another one on the same path (405 must leak nothing either)
    verb = call.method if method in ("GET", call.method) else method
    kwargs: dict[str, Any] = {"json": call.json} if call.json is not None else {}
    if data is not None:
        kwargs["data"] = data
    response = client.request(
        verb,
        call.path,
        headers={"Authorization": f"Bearer {token}"} if api else {},
        follow_redirects=False,
        **kwargs,
    )
    assert response.status_code < 500, (verb, call.path, response.text[:300])
    text = response.text + "\n" + "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    leaked = [s for p in _forbidden(role, who) for s in leaks(text, p)]
    assert not leaked, f"{role} {who!r} saw {leaked} in {verb} {call.path}"
