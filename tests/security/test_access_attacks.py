"""Issue 11, replayed: each attack a determined delegate or observer tried, and that it fails.

Roles, scopes, sessions and logins: items 2, 6, 7 and the token message of item 8.
(The hash-oracle replay belongs with the encryption at rest.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accords.application import Record
from accords.cli import app as cli_app
from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model.viewer import RESERVED_IDS
from accords.sealing import open_store
from accords.service.app import create_app
from accords.service.tokens import INVALID
from service.conftest import NID, SECRETS, World, fast_tokens, leaks, plant

from ._helpers import _head, _logged_in

# -- 2. a party id can be a role -------------------------------------------------------------


@pytest.mark.parametrize("word", ["mediator", "Mediator", "observer", "all", "admin", "host"])
def test_a_party_called_by_a_role_is_refused(world: World, word: str) -> None:
    before = _head(world)
    r = world.client.post(
        f"/api/negotiations/{NID}/parties",
        json={"id": word, "name": "Impostor", "role": "party"},
        headers=world.as_("mediator"),
    )
    assert r.status_code == 422
    assert "reserved word" in r.json()["detail"]
    assert _head(world) == before  # nothing appended


def test_a_token_for_a_party_called_mediator_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    r = CliRunner().invoke(
        cli_app, ["token", "create", "--role", "party", "--party", "mediator", "--db", db]
    )
    assert r.exit_code == 1
    assert "reserved word" in r.output
    assert "Traceback" not in r.output
    tokens = fast_tokens(db)
    for word in sorted(RESERVED_IDS):
        with pytest.raises(RefusedMove, match="reserved word"):
            tokens.create("party", word)
    assert tokens.list() == []


def test_a_scoped_token_opens_its_negotiation_only(world: World) -> None:
    tokens = fast_tokens(world.db)
    elsewhere, _ = tokens.create("party", "taliban", scope=["another-negotiation"])
    mine, _ = tokens.create("party", "taliban", scope=[NID])
    other = {"Authorization": f"Bearer {elsewhere}"}
    for path in ("", "/log", "/notes/taliban", "/preferences/taliban", "/analysis", "/status"):
        r = world.client.get(f"/api/negotiations/{NID}{path}", headers=other)
        assert r.status_code == 403, path
        assert not leaks(r.text, "taliban")
    assert world.client.get("/api/negotiations", headers=other).json() == []
    r = world.client.get(
        f"/api/negotiations/{NID}/notes/taliban", headers={"Authorization": f"Bearer {mine}"}
    )
    assert r.status_code == 200
    assert SECRETS["taliban"][1] in r.text


def test_a_cookie_replayed_after_logout_opens_nothing(world: World) -> None:
    from service.test_pages import csrf_of

    cl = _logged_in(world, "taliban")
    page = f"/n/{NID}/preferences/taliban"
    assert cl.get(page).status_code == 200
    cookie = cl.cookies.get("accords_session")
    assert cookie
    r = cl.post("/logout", data={"csrf": csrf_of(cl.get(f"/n/{NID}").text)}, follow_redirects=False)
    assert r.status_code == 303
    replay = TestClient(world.client.app)
    replay.cookies.set("accords_session", cookie)
    r = replay.get(page, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert not leaks(r.text, "taliban")


def test_revoking_a_token_ends_its_sessions(world: World) -> None:
    tokens = fast_tokens(world.db)
    token, info = tokens.create("party", "taliban")
    cl = TestClient(world.client.app)
    from service.test_pages import login

    login(cl, token)
    assert cl.get(f"/n/{NID}/preferences/taliban").status_code == 200
    tokens.revoke(info.id)
    r = cl.get(f"/n/{NID}/preferences/taliban", follow_redirects=False)
    assert r.status_code == 303


def test_sessions_end_when_idle_and_when_old(world: World) -> None:
    from accords.service.session_store import SessionStore

    now = [1000.0]
    tokens = fast_tokens(world.db)
    store = SessionStore(tokens, idle_timeout=60, lifetime=600, clock=lambda: now[0])
    sid, _ = store.open("abc")
    now[0] += 59
    assert store.get(sid) is not None
    now[0] += 61
    assert store.get(sid) is None  # idle
    sid, _ = store.open("abc")
    for _ in range(13):  # 650 s, each request within the idle timeout
        now[0] += 50
        alive = store.get(sid)
    assert alive is None  # busy, but older than the lifetime
    sid, _ = store.open("abc")
    store.end(sid)
    assert store.get(sid) is None


# -- 7. the login limit and X-Forwarded-For ------------------------------------------------------


def test_rotating_x_forwarded_for_does_not_escape_the_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    good, _ = tokens.create("observer")
    with TestClient(create_app(db, tokens=tokens, login_limit=3, login_window=600)) as cl:
        codes = [
            cl.get(
                "/api/whoami",
                headers={"Authorization": "Bearer acc_bad", "X-Forwarded-For": f"198.51.100.{i}"},
            ).status_code
            for i in range(6)
        ]
        assert codes == [401, 401, 401, 429, 429, 429]
        # a valid token from the locked-out address is not locked out
        assert cl.get("/api/whoami", headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_x_forwarded_for_is_believed_from_a_configured_proxy(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    app = create_app(
        db, tokens=tokens, login_limit=2, login_window=600, forwarded_allow_ips=("testclient",)
    )
    with TestClient(app) as cl:
        bad = {"Authorization": "Bearer acc_bad"}
        for _ in range(2):
            cl.get("/api/whoami", headers={**bad, "X-Forwarded-For": "198.51.100.1"})
        r = cl.get("/api/whoami", headers={**bad, "X-Forwarded-For": "198.51.100.1"})
        assert r.status_code == 429
        # behind the proxy, another client is another address
        r = cl.get("/api/whoami", headers={**bad, "X-Forwarded-For": "198.51.100.2"})
        assert r.status_code == 401


def test_guessing_a_known_ids_secret_is_limited_per_id_and_address(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    good, _ = tokens.create("observer")
    wrong = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    with TestClient(create_app(db, tokens=tokens, login_limit=3, login_window=600)) as cl:
        codes = [
            cl.get("/api/whoami", headers={"Authorization": f"Bearer {wrong}"}).status_code
            for _ in range(5)
        ]
        assert codes == [401, 401, 401, 429, 429]


# -- 8. small leaks ------------------------------------------------------------------------------


def test_every_bad_token_gets_the_same_message(world: World) -> None:
    tokens = fast_tokens(world.db)
    good, _ = tokens.create("observer")
    unknown = "acc_000000000000_" + "A" * 43
    wrong = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    answers = set()
    for token in (world.tokens["revoked"], unknown, wrong, "acc_nonsense"):
        r = world.client.get("/api/whoami", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401
        answers.add(r.json()["detail"])
    assert answers == {INVALID}


def test_a_scoped_token_opens_no_other_negotiations_pages(world: World) -> None:
    from service.test_pages import login

    tokens = fast_tokens(world.db)
    elsewhere, _ = tokens.create("party", "taliban", scope=["another-negotiation"])
    cl = TestClient(world.client.app)
    login(cl, elsewhere)
    for page in (f"/n/{NID}", f"/n/{NID}/panel", f"/n/{NID}/preferences/taliban"):
        r = cl.get(page)
        assert r.status_code == 403, page
        assert not leaks(r.text, "taliban")
    assert NID not in cl.get("/").text


def test_token_create_scopes_to_the_one_negotiation_or_asks(tmp_path: Path) -> None:
    import json

    db = str(tmp_path / "t.db")
    plant(db)
    runner = CliRunner()
    r = runner.invoke(
        cli_app, ["token", "create", "--role", "party", "--party", "taliban", "--json", "--db", db]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["negotiations"] == [NID]
    r = runner.invoke(
        cli_app, ["token", "create", "--role", "observer", "--global", "--json", "--db", db]
    )
    assert json.loads(r.stdout)["negotiations"] is None
    store = open_store(db)
    try:
        Record(store).execute(
            "second",
            c.CreateNegotiation(on=date(2020, 1, 1), id="second", title="Another"),
            recorded_by="test",
        )
    finally:
        store.close()
    r = runner.invoke(cli_app, ["token", "create", "--role", "observer", "--db", db])
    assert r.exit_code == 1
    assert "--negotiation ID" in r.output and "Traceback" not in r.output
    r = runner.invoke(
        cli_app,
        ["token", "create", "--role", "observer", "--negotiation", "second", "--json", "--db", db],
    )
    assert json.loads(r.stdout)["negotiations"] == ["second"]
