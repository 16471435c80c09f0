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
    # issue 11: the address is locked for guesses, but a valid token from it still logs in
    page = cl.get("/login")
    r = cl.post("/login", data={"token": "acc_bad", "csrf": csrf_of(page.text)})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0
    page = cl.get("/login")
    r = cl.post("/login", data={"token": good, "csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    # the API shares the limit: a bad bearer token waits, a good one does not
    r = cl.get("/api/whoami", headers={"Authorization": "Bearer acc_bad"})
    assert r.status_code == 429
    assert r.json()["detail"].startswith("too many failed logins")
    assert cl.get("/api/whoami", headers={"Authorization": f"Bearer {good}"}).status_code == 200


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


ROUND4 = "as of round 4 (Doha, 2019-01-21 – 2019-01-26)"


def _area(html: str, key: str) -> str:
    """One area of the dashboard (the draft nests its own sections, so cut at the next area)."""
    start = html.index(f'id="area-{key}"')
    end = html.find('<section class="card area"', start)
    return html[start : end if end != -1 else len(html)]


def test_the_text_panel_follows_the_slider(shared_world: World) -> None:
    cl = TestClient(shared_world.client.app)
    login(cl, shared_world.tokens["observer"])
    past = cl.get(f"/n/{NID}/panel?round=4")
    now = cl.get(f"/n/{NID}/panel")
    assert past.status_code == now.status_code == 200
    # the slider's answer carries the areas out of band, as of the same view as the board
    assert f'<div id="areas" class="areas" data-view="{ROUND4}" hx-swap-oob="true">' in past.text
    assert '<div id="areas" class="areas" data-view="now" hx-swap-oob="true">' in now.text
    text4, text_now = _area(past.text, "text"), _area(now.text, "text")
    assert f'data-testid="area-view-text">{ROUND4}</span>' in text4
    assert 'data-testid="area-view-text">now</span>' in text_now
    assert "<em>As of round 4 (Doha, 2019-01-21 – 2019-01-26).</em>" in text4
    assert "<em>As of now.</em>" in text_now
    # counter-terrorism: agreed in principle as of round 4, ad referendum from round 5
    clause = 'id="clause-counter-terrorism"'
    assert f'class="clause status-agreed-in-principle" {clause}' in text4
    assert "[Taliban guarantees, with enforcement mechanisms" in text4
    assert f'class="clause status-agreed-ad-ref" {clause}' in text_now
    assert "[Taliban guarantees" not in text_now
    assert f'class="clause status-agreed-ad-ref" {clause}' in _area(
        cl.get(f"/n/{NID}/panel?round=5").text, "text"
    )
    # the full page (the slider without JavaScript) shows the same past text, not out of band
    page = cl.get(f"/n/{NID}?round=4").text
    assert f'<div id="areas" class="areas" data-view="{ROUND4}">' in page
    assert f'class="clause status-agreed-in-principle" {clause}' in _area(page, "text")
    # a poll with nothing new keeps what is shown; the board and the panels do not diverge
    head = int(now.text.split('data-head="', 1)[1].split('"', 1)[0])
    assert cl.get(f"/n/{NID}/panel?since={head}").status_code == 204


def test_statements_follow_the_slider(world: World) -> None:
    from .test_api import _record_statement

    _record_statement(world.db)  # made on 2019-03-12, the last day of round 5
    cl = TestClient(world.client.app)
    login(cl, world.tokens["observer"])
    past = _area(cl.get(f"/n/{NID}/panel?round=4").text, "statements")
    assert "Zabihullah Mujahid" not in past
    assert f"No statements recorded {ROUND4}." in past
    for query in ("?round=5", ""):
        shown = _area(cl.get(f"/n/{NID}/panel{query}").text, "statements")
        assert "Zabihullah Mujahid" in shown, query
    assert "Zabihullah Mujahid" in _area(cl.get(f"/n/{NID}?round=5").text, "statements")


def test_the_analysis_follows_the_slider_for_the_mediator_only(shared_world: World) -> None:
    mediator = TestClient(shared_world.client.app)
    login(mediator, shared_world.tokens["mediator"])
    past = _area(mediator.get(f"/n/{NID}/panel?round=4").text, "analysis")
    now = _area(mediator.get(f"/n/{NID}/panel").text, "analysis")
    assert f'data-testid="area-view-analysis">{ROUND4}</span>' in past
    assert "the package on the table then, weighed with the preferences recorded by then" in past
    assert 'data-testid="analysis-view"' not in now
    # the planted preferences were set after round 6: as of round 4 the example's apply
    table = "The package on the table (counter-terrorism: guarantees; withdrawal: full-withdrawal-"
    package = "timeline; intra-afghan-negotiations: after-us-deal; ceasefire: six-month) scores"
    assert f"{table}{package} United States 0.7, Taliban 0.89," in past
    assert f"{table}{package} United States 0.068, Taliban 0.079," in now
    assert 'src="data:image/svg+xml;base64,' in past
    observer = TestClient(shared_world.client.app)
    login(observer, shared_world.tokens["observer"])
    seen = _area(observer.get(f"/n/{NID}/panel?round=4").text, "analysis")
    assert f'data-testid="area-view-analysis">{ROUND4}</span>' in seen
    assert "an observer sees public data" in seen
    assert "data:image/svg" not in seen
    assert "package on the table" not in seen
