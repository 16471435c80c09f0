"""Issue 11, replayed: each attack a determined delegate or observer tried, and that it fails.

Bounded input and dated moves: items 3, 4, 5 and the round of item 8.
(The hash-oracle replay belongs with the encryption at rest.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accords.application import Record
from accords.model import commands as c
from accords.model.limits import MAX_ROUND
from accords.sealing import open_store
from accords.service.app import create_app
from service.conftest import NID, World, fast_tokens, plant

from ._helpers import _head, _logged_in, _move

TODAY = datetime.now(UTC).date()


# -- 3. one delegate can break everyone's dashboard --------------------------------------------


def _prefs(weight: float, reservation: float = 0.0) -> dict[str, Any]:
    return {
        "reservation": reservation,
        "weights": {"ceasefire": weight},
        "values": {"ceasefire": {"six-month": 0.25, "permanent-comprehensive": 1.0}},
    }


def test_weights_of_1e308_are_refused_with_a_clear_422(world: World) -> None:
    before = _head(world)
    for body in (_prefs(1e308), _prefs(1.0, reservation=-1e308), _prefs(1e6 + 1)):
        r = world.client.put(
            f"/api/negotiations/{NID}/preferences/taliban", json=body, headers=world.as_("taliban")
        )
        assert r.status_code == 422, r.text
        assert "must lie within" in r.json()["detail"]
    assert _head(world) == before


def test_the_largest_accepted_weights_keep_every_page_up(world: World) -> None:
    r = world.client.put(
        f"/api/negotiations/{NID}/preferences/taliban",
        json=_prefs(1e6, reservation=-1e6),
        headers=world.as_("taliban"),
    )
    assert r.status_code == 201, r.text
    for who in ("mediator", "taliban"):
        assert (
            world.client.get(
                f"/api/negotiations/{NID}/analysis", headers=world.as_(who)
            ).status_code
            == 200
        )


def test_an_overflowing_record_gives_a_sentence_not_a_500(world: World) -> None:
    """Preferences stored before the bounds (straight into the log) cannot break a page."""
    store = open_store(world.db)
    try:
        Record(store).execute(
            NID,
            c.SetPreferences(on=date(2019, 6, 2), party="taliban", preferences=_prefs(1e308)),
            recorded_by="an older accords",
        )
    finally:
        store.close()
    for who in ("mediator", "taliban"):
        r = world.client.get(f"/api/negotiations/{NID}/analysis", headers=world.as_(who))
        assert r.status_code == 422
        assert "Traceback" not in r.text
        cl = TestClient(world.client.app)
        from service.test_pages import login

        login(cl, world.tokens[who])
        page = cl.get(f"/n/{NID}")
        assert page.status_code == 200
        assert "What the preferences say" in page.text


# -- 4. no bound on a request --------------------------------------------------------------------


async def _call(
    app: Any, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[int, int]:
    """Drive the ASGI app by hand: the status it answers, and how many chunks it read."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        if read > len(chunks):
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": f"/api/negotiations/{NID}/notes",
        "raw_path": f"/api/negotiations/{NID}/notes".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("203.0.113.9", 4000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    return sent[0]["status"], read


def _run(coro: Any) -> Any:
    """Run ``coro`` on a fresh loop in its own thread (a browser test may hold this one's)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_a_20_mb_body_without_a_token_is_refused_before_it_is_read(world: World) -> None:
    app = world.client.app
    status, read = _run(_call(app, [(b"content-length", b"20000000")], [b"x" * 1000]))
    assert (status, read) == (413, 0)  # not a byte read, and no 401 first
    # sent without a length (chunked): cut off once it passes the limit
    chunk = b"x" * 65536
    status, read = _run(_call(app, [], [chunk] * 320))  # 20 MB
    assert status == 413
    assert read <= 1_000_000 // len(chunk) + 2


def test_a_5_mb_note_is_413_and_a_long_note_is_422(world: World) -> None:
    before = _head(world)
    big = {"by": "taliban", "text": "x" * 5_000_000}
    r = world.client.post(f"/api/negotiations/{NID}/notes", json=big, headers=world.as_("taliban"))
    assert r.status_code == 413
    long = {"by": "taliban", "text": "x" * 10_001}
    r = world.client.post(f"/api/negotiations/{NID}/notes", json=long, headers=world.as_("taliban"))
    assert r.status_code == 422
    assert "the most is 10,000" in r.json()["detail"]
    assert _head(world) == before


def test_a_5_mb_note_is_422_under_a_larger_body_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    plant(db)
    tokens = fast_tokens(db)
    token, _ = tokens.create("party", "taliban")
    with TestClient(create_app(db, tokens=tokens, max_body=20_000_000)) as cl:
        auth = {"Authorization": f"Bearer {token}"}
        for body in (
            {"by": "taliban", "text": "x" * 5_000_000},
            {"move": "reserve", "by": "taliban", "part": "ceasefire", "note": "y" * 1_000_000},
        ):
            path = "notes" if "text" in body else "moves"
            r = cl.post(f"/api/negotiations/{NID}/{path}", json=body, headers=auth)
            assert r.status_code == 422, r.text[:200]
            assert "characters long" in r.json()["detail"]


# -- 5. moves dated anywhere ---------------------------------------------------------------------


@pytest.mark.parametrize("on", ["2017-01-01", "2099-12-31", "2019-01-25"])
def test_a_delegate_cannot_date_a_move(world: World, on: str) -> None:
    before = _head(world)
    r = _move(world, "taliban", on=on)
    assert r.status_code == 403
    assert "dated today" in r.json()["detail"]
    assert _head(world) == before


def test_a_delegates_move_is_dated_today(world: World) -> None:
    r = _move(world, "taliban")
    assert r.status_code == 201, r.text
    assert r.json()["events"][0]["occurred_on"] == TODAY.isoformat()


def test_the_mediator_back_fills_inside_the_span_only(world: World) -> None:
    before = _head(world)
    for on, words in (
        ("2017-01-01", "before the negotiation began"),
        ((TODAY + timedelta(days=1)).isoformat(), "in the future"),
        ("2099-12-31", "in the future"),
    ):
        r = _move(world, "mediator", on=on)
        assert r.status_code == 422 and words in r.json()["detail"], (on, r.text)
    rounds = world.client.get(f"/api/negotiations/{NID}/rounds", headers=world.as_("mediator"))
    second = next(x for x in rounds.json() if x["number"] == 2)
    late = (date.fromisoformat(second["end"]) + timedelta(days=90)).isoformat()
    r = _move(world, "mediator", on=late, round=2)
    assert r.status_code == 422
    assert "within the round" in r.json()["detail"]
    assert _head(world) == before
    r = _move(world, "mediator", on=second["start"], round=2)
    assert r.status_code == 201, r.text
    history = world.client.get(f"/api/negotiations/{NID}/moves", headers=world.as_("observer"))
    last = history.json()[-1]
    assert last["backfilled"] is True
    assert last["recorded_by"].startswith("mediator (token ")
    assert last["recorded_at"][:10] == TODAY.isoformat()


def test_round_numbers_have_one_bound_on_every_route(world: World) -> None:
    before = _head(world)
    huge = 10**30
    med = world.as_("mediator")
    r = world.client.post(
        f"/api/negotiations/{NID}/rounds", json={"number": huge, "start": "2019-07-01"}, headers=med
    )
    assert r.status_code == 422
    r = world.client.post(
        f"/api/negotiations/{NID}/rounds",
        json={"number": MAX_ROUND + 1, "start": "2019-07-01"},
        headers=med,
    )
    assert r.status_code == 422
    assert f"from 1 to {MAX_ROUND}" in r.json()["detail"]
    assert (
        world.client.post(
            f"/api/negotiations/{NID}/rounds/{huge}/close", json={}, headers=med
        ).status_code
        == 422
    )
    assert (
        world.client.get(f"/api/negotiations/{NID}/moves?round={huge}", headers=med).status_code
        == 422
    )
    assert _move(world, "mediator", round=huge).status_code == 422
    assert _head(world) == before
    # the bound itself is open to every route alike
    r = world.client.post(
        f"/api/negotiations/{NID}/rounds",
        json={"number": MAX_ROUND, "start": TODAY.isoformat()},
        headers=med,
    )
    assert r.status_code == 201, r.text
    r = world.client.post(f"/api/negotiations/{NID}/rounds/{MAX_ROUND}/close", json={}, headers=med)
    assert r.status_code == 201, r.text


def test_the_move_form_dates_a_delegates_move_today(world: World) -> None:
    from service.test_pages import csrf_of

    delegate = _logged_in(world, "taliban")
    page = delegate.get(f"/n/{NID}").text
    assert 'data-testid="dated-today"' in page and 'id="m-on"' not in page
    assert 'id="m-on"' in _logged_in(world, "mediator").get(f"/n/{NID}").text
    before = _head(world)
    form = {
        "move": "reserve",
        "by": "taliban",
        "target": "ceasefire",
        "note": "dated",
        "on": "2017-01-01",
        "csrf": csrf_of(page),
    }
    r = delegate.post(f"/n/{NID}/moves", data=form)
    assert r.status_code == 403
    assert "dated today" in r.text
    assert _head(world) == before
