"""The dashboard's pages: login, sessions, CSRF, the failed-login limit, forms, live panel."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from accords.service.app import create_app

from .conftest import NID, World, csrf_of, fast_tokens, login, plant


def test_pages_need_a_session(world: World) -> None:
    r = TestClient(world.client.app).get(f"/n/{NID}?round=3", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/login?next=/n/{NID}%3Fround%3D3"


def test_login_sets_a_safe_session_cookie(world: World) -> None:
    cl = TestClient(world.client.app)
    page = cl.get("/login")
    r = cl.post(
        "/login",
        data={"token": world.tokens["taliban"], "csrf": csrf_of(page.text), "next": "/n/" + NID},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/n/{NID}"
    cookie = next(
        v for k, v in r.headers.multi_items() if k == "set-cookie" and "accords_session" in v
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http here; https sets Secure
    assert world.tokens["taliban"] not in cookie
    board = cl.get(f"/n/{NID}")
    assert "delegate of taliban" in board.text


def test_secure_cookie_over_https(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    token, _ = tokens.create("observer")
    cl = TestClient(create_app(db, tokens=tokens), base_url="https://testserver")
    page = cl.get("/login")
    r = cl.post("/login", data={"token": token, "csrf": csrf_of(page.text)}, follow_redirects=False)
    cookie = next(
        v for k, v in r.headers.multi_items() if k == "set-cookie" and "accords_session" in v
    )
    assert "Secure" in cookie
    assert r.headers["strict-transport-security"].startswith("max-age=")


def test_login_refuses_a_forged_form_and_a_bad_token(world: World) -> None:
    cl = TestClient(world.client.app)
    cl.get("/login")
    r = cl.post("/login", data={"token": world.tokens["mediator"], "csrf": "forged"})
    assert r.status_code == 401
    assert "expired" in r.text
    page = cl.get("/login")
    r = cl.post("/login", data={"token": "acc_nope", "csrf": csrf_of(page.text)})
    assert r.status_code == 401
    assert "invalid token" in r.text
    assert "accords_session" not in r.headers.get("set-cookie", "")


def test_next_never_leaves_the_site(world: World) -> None:
    cl = TestClient(world.client.app)
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil"):
        page = cl.get("/login")
        r = cl.post(
            "/login",
            data={"token": world.tokens["observer"], "csrf": csrf_of(page.text), "next": target},
            follow_redirects=False,
        )
        assert r.headers["location"] == "/"


def test_failed_logins_are_rate_limited(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    good, _ = tokens.create("mediator")
    app = create_app(db, tokens=tokens, login_limit=3, login_window=600)
    cl = TestClient(app)
    for _ in range(3):
        page = cl.get("/login")
        assert (
            cl.post("/login", data={"token": "acc_bad", "csrf": csrf_of(page.text)}).status_code
            == 401
        )
    page = cl.get("/login")
    r = cl.post("/login", data={"token": good, "csrf": csrf_of(page.text)})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0
    # the API shares the limit: bad bearer tokens count, and then even a good one waits
    r = cl.get("/api/whoami", headers={"Authorization": f"Bearer {good}"})
    assert r.status_code == 429
    assert r.json()["detail"].startswith("too many failed logins")


def test_record_a_move_through_the_form(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["taliban"])
    page = cl.get(f"/n/{NID}")
    assert 'data-testid="move-form"' in page.text
    csrf = csrf_of(page.text)
    form = {
        "move": "accept",
        "by": "taliban",
        "target": "ceasefire:six-month",
        "level": "principle",
        "csrf": csrf,
    }
    # without the CSRF token: refused, nothing recorded
    r = cl.post(f"/n/{NID}/moves", data={**form, "csrf": ""})
    assert r.status_code == 403
    r = cl.post(f"/n/{NID}/moves", data=form, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert "Recorded: #" in r.text
    assert 'data-testid="stance-ceasefire-taliban">accepts six-month (principle)' in r.text
    # for another party: refused with the reason
    r = cl.post(
        f"/n/{NID}/moves", data={**form, "by": "united-states"}, headers={"HX-Request": "true"}
    )
    assert (
        "Not recorded: a delegate of &#39;taliban&#39; may record moves for &#39;taliban&#39; only"
        in r.text
    )
    # a move the rules refuse: the domain's reason, and a 422 for a plain form post
    r = cl.post(f"/n/{NID}/moves", data={**form, "target": "ceasefire:nope"})
    assert r.status_code == 422
    assert "has no option" in r.text


def test_the_panel_answers_204_when_nothing_changed(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["observer"])
    page = cl.get(f"/n/{NID}")
    head = int(page.text.split('data-head="', 1)[1].split('"', 1)[0])
    assert cl.get(f"/n/{NID}/panel?since={head}").status_code == 204
    move = {"move": "reject", "by": "taliban", "part": "ceasefire"}
    world.client.post(f"/api/negotiations/{NID}/moves", json=move, headers=world.as_("taliban"))
    r = cl.get(f"/n/{NID}/panel?since={head}")
    assert r.status_code == 200
    assert f'data-head="{head + 1}"' in r.text
    assert "rejects" in r.text
    past = cl.get(f"/n/{NID}/panel?round=3&since={head + 1}")
    assert past.status_code == 200
    assert "as of round 3" in past.text
    assert "hx-trigger" not in past.text.split("</section>", 1)[0].split(">", 1)[0]


def test_an_observer_gets_no_move_form_and_no_preferences(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["observer"])
    page = cl.get(f"/n/{NID}")
    assert 'data-testid="move-form"' not in page.text
    assert "/preferences/" not in page.text
    assert cl.get(f"/n/{NID}/preferences/taliban").status_code == 403


def test_a_delegate_keeps_a_private_note(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["united-states"])
    page = cl.get(f"/n/{NID}/preferences/united-states")
    r = cl.post(
        f"/n/{NID}/notes",
        data={"by": "united-states", "text": "ask about prisoners", "csrf": csrf_of(page.text)},
    )
    assert r.status_code == 200
    assert "ask about prisoners" in r.text
    r = cl.post(f"/n/{NID}/notes", data={"by": "taliban", "text": "x", "csrf": csrf_of(page.text)})
    assert r.status_code == 403


def test_logout_ends_the_session(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["mediator"])
    page = cl.get("/")
    assert (
        cl.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False).status_code
        == 303
    )
    assert cl.get("/", follow_redirects=False).status_code == 303


def test_revoking_a_token_ends_its_sessions(world: World) -> None:
    tokens = fast_tokens(world.db)
    token, info = tokens.create("party", "taliban")
    cl = TestClient(world.client.app)
    login(cl, token)
    assert cl.get("/", follow_redirects=False).status_code == 200
    tokens.revoke(info.id)
    assert cl.get("/", follow_redirects=False).status_code == 303
    tokens.close()


def test_the_layout_keeps_places_for_later_modules(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["mediator"])
    page = cl.get(f"/n/{NID}").text
    for key in ("statements", "text", "analysis"):
        assert f'id="area-{key}"' in page
    assert "Nothing is agreed" in page
    assert "/static/htmx-2.0.11.min.js" in page


def test_the_analysis_panel_follows_the_viewer(world: World) -> None:
    mediator = TestClient(world.client.app)
    login(mediator, world.tokens["mediator"])
    page = mediator.get(f"/n/{NID}").text
    assert "Every party&#39;s preferences" in page or "Every party's preferences" in page
    assert 'src="data:image/svg+xml;base64,' in page  # the frontier plot
    observer = TestClient(world.client.app)
    login(observer, world.tokens["observer"])
    page = observer.get(f"/n/{NID}").text
    assert "an observer sees public data" in page
    assert "data:image/svg" not in page


def test_statements_show_on_the_dashboard(world: World) -> None:
    from .test_api import _record_statement

    _record_statement(world.db)
    cl = TestClient(world.client.app)
    login(cl, world.tokens["observer"])
    page = cl.get(f"/n/{NID}").text
    assert "Zabihullah Mujahid" in page
    assert 'class="verdict verdict-contradicted">contradicted</span>' in page
