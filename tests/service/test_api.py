"""The REST API: every route answers as documented, for each role."""

from __future__ import annotations

from datetime import date

import pytest

from accords.application import Record
from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model import status_dict
from accords.sealing import open_store

from .conftest import NID, SECRETS, World

BASE = f"/api/negotiations/{NID}"


def _status_from_record(db: str, **kw: object) -> dict[str, object]:
    store = open_store(db)
    try:
        return status_dict(Record(store).state(NID, **kw))  # type: ignore[arg-type]
    finally:
        store.close()


def test_every_call_needs_a_valid_token(world: World) -> None:
    cl = world.client
    r = cl.get("/api/whoami")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in r.json()["detail"]
    assert cl.get("/api/whoami", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    bad = world.tokens["mediator"][:-2] + "xx"
    assert cl.get("/api/whoami", headers={"Authorization": f"Bearer {bad}"}).status_code == 401
    r = cl.get("/api/whoami", headers=world.as_("revoked"))
    assert r.status_code == 401
    assert "revoked" in r.json()["detail"]
    assert cl.get(f"{BASE}/status", headers={"Authorization": "Basic abc"}).status_code == 401


def test_whoami(world: World) -> None:
    r = world.client.get("/api/whoami", headers=world.as_("taliban"))
    assert r.json()["role"] == "party"
    assert r.json()["party"] == "taliban"
    assert world.client.get("/api/whoami", headers=world.as_("observer")).json()["party"] is None


def test_negotiations_and_framework(world: World) -> None:
    cl = world.client
    h = world.as_("observer")
    listing = cl.get("/api/negotiations", headers=h).json()
    assert [n["id"] for n in listing] == [NID]
    assert listing[0]["summary"].startswith("Nothing is agreed")
    whole = cl.get(BASE, headers=h).json()
    assert {p["id"] for p in whole["parties"]} >= {"taliban", "united-states", "qatar"}
    assert [p["id"] for p in whole["framework"]["parts"]] == [
        "counter-terrorism",
        "withdrawal",
        "intra-afghan-negotiations",
        "ceasefire",
    ]
    assert len(whole["rounds"]) == 6
    assert cl.get(f"{BASE}/framework", headers=h).json() == whole["framework"]
    assert cl.get(f"{BASE}/parties", headers=h).json() == whole["parties"]
    assert cl.get(f"{BASE}/rounds", headers=h).json() == whole["rounds"]
    assert cl.get("/api/negotiations/nothing-here", headers=h).status_code == 404


@pytest.mark.parametrize(
    ("query", "kw"),
    [
        ("", {}),
        ("?round=3", {"round": 3}),
        ("?round=5", {"round": 5}),
        ("?as_of=2019-02-01", {"as_of": date(2019, 2, 1)}),
    ],
)
def test_status_matches_the_record(world: World, query: str, kw: dict[str, object]) -> None:
    r = world.client.get(f"{BASE}/status{query}", headers=world.as_("observer"))
    assert r.status_code == 200
    got = r.json()
    want = _status_from_record(world.db, **kw)
    assert got["summary"] == want["summary"]
    assert got["agreement"] == want["agreement"]
    assert [(p["id"], p["status"], p["stances"], p["missing"]) for p in got["parts"]] == [
        (p["id"], p["status"], p["stances"], p["missing"])
        for p in want["parts"]  # type: ignore[attr-defined]
    ]
    assert got["view"] == (
        "now" if not kw else f"as of round {kw['round']}" if "round" in kw else "as of 2019-02-01"
    )


def test_status_refuses_both_and_unknown_rounds(world: World) -> None:
    h = world.as_("observer")
    r = world.client.get(f"{BASE}/status?round=2&as_of=2019-01-01", headers=h)
    assert r.status_code == 422
    assert r.json() == {"detail": "give as_of or round, not both"}
    assert world.client.get(f"{BASE}/status?round=99", headers=h).status_code == 404
    assert world.client.get(f"{BASE}/status?round=x", headers=h).status_code == 422


def test_a_delegate_records_moves_for_its_own_party_only(world: World) -> None:
    cl = world.client
    move = {"move": "accept", "by": "taliban", "part": "ceasefire", "option": "six-month"}
    r = cl.post(f"{BASE}/moves", json=move, headers=world.as_("taliban"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["events"][0]["type"] == "option-accepted"
    assert body["head"] == body["events"][-1]["seq"]
    status = cl.get(f"{BASE}/status", headers=world.as_("observer")).json()
    ceasefire = next(p for p in status["parts"] if p["id"] == "ceasefire")
    assert ceasefire["stance_details"]["taliban"]["stance"] == "accepts"
    # the log names who recorded it
    last = cl.get(f"{BASE}/log", headers=world.as_("mediator")).json()[-1]
    assert last["recorded_by"].startswith("party:taliban (token ")
    for viewer in ("united-states", "afghan-government"):
        r = cl.post(f"{BASE}/moves", json=move, headers=world.as_(viewer))
        assert r.status_code == 403
        assert "may record moves for" in r.json()["detail"]
    r = cl.post(f"{BASE}/moves", json=move, headers=world.as_("observer"))
    assert r.status_code == 403
    move_by_us = {**move, "by": "united-states"}
    assert cl.post(f"{BASE}/moves", json=move_by_us, headers=world.as_("mediator")).status_code in (
        201,
        422,
    )


def test_a_refused_move_is_422_with_the_domain_message(world: World) -> None:
    move = {"move": "accept", "by": "taliban", "part": "ceasefire", "option": "nope"}
    before = world.client.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"]
    r = world.client.post(f"{BASE}/moves", json=move, headers=world.as_("taliban"))
    assert r.status_code == 422
    store = open_store(world.db)
    try:
        with pytest.raises(RefusedMove) as exc:
            Record(store).execute(
                NID,
                c.Accept(on=date.today(), part="ceasefire", option="nope", party="taliban"),
            )
    finally:
        store.close()
    assert r.json() == {"detail": str(exc.value)}
    after = world.client.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"]
    assert after == before


def test_a_move_that_fails_the_scenario_rules_is_422(world: World) -> None:
    r = world.client.post(
        f"{BASE}/moves", json={"move": "propose", "by": "taliban"}, headers=world.as_("taliban")
    )
    assert r.status_code == 422
    assert "needs a part" in r.json()["detail"]
    r = world.client.post(
        f"{BASE}/moves", json={"move": "dance", "by": "taliban"}, headers=world.as_("taliban")
    )
    assert r.status_code == 422
    assert r.json()["detail"].startswith("body.move:")


def test_a_stale_expected_seq_is_409_and_records_nothing(world: World) -> None:
    h = world.as_("taliban")
    head = world.client.get(BASE, headers=h).json()["events"]
    move = {"move": "reject", "by": "taliban", "part": "ceasefire", "expected_seq": head}
    assert world.client.post(f"{BASE}/moves", json=move, headers=h).status_code == 201
    r = world.client.post(f"{BASE}/moves", json=move, headers=h)
    assert r.status_code == 409
    assert "conflict" in r.json()["detail"]
    assert world.client.get(BASE, headers=h).json()["events"] == head + 1


def test_framework_writes_are_for_the_mediator(world: World) -> None:
    cl = world.client
    part = {
        "id": "prisoners",
        "title": "Prisoner exchange",
        "signatories": ["taliban", "afghan-government"],
        "options": [{"id": "five-thousand", "text": "5,000 for 1,000"}],
    }
    for viewer in ("taliban", "observer"):
        assert (
            cl.post(f"{BASE}/framework/parts", json=part, headers=world.as_(viewer)).status_code
            == 403
        )
    h = world.as_("mediator")
    assert cl.post(f"{BASE}/framework/parts", json=part, headers=h).status_code == 201
    assert cl.post(f"{BASE}/framework/parts", json=part, headers=h).status_code == 422  # exists
    r = cl.post(f"{BASE}/framework/parts/prisoners/options", json={"id": "none"}, headers=h)
    assert r.status_code == 201
    link = {"kind": "sequenced-after", "from": "prisoners", "to": "intra-afghan-negotiations"}
    assert cl.post(f"{BASE}/framework/linkages", json=link, headers=h).status_code == 201
    fw = cl.get(f"{BASE}/framework", headers=h).json()
    assert [o["id"] for o in fw["parts"][-1]["options"]] == ["five-thousand", "none"]
    assert fw["linkages"][-1]["from"] == "prisoners"
    party = {"id": "norway", "name": "Norway", "role": "facilitator"}
    assert cl.post(f"{BASE}/parties", json=party, headers=world.as_("taliban")).status_code == 403
    assert cl.post(f"{BASE}/parties", json=party, headers=h).status_code == 201
    r = cl.post(
        f"{BASE}/rounds", json={"number": 7, "start": "2019-06-29", "venue": "Doha"}, headers=h
    )
    assert r.status_code == 201
    r = cl.post(f"{BASE}/rounds/7/close", json={"on": "2019-07-09"}, headers=h)
    assert r.status_code == 201
    r = cl.post(
        f"{BASE}/rounds", json={"number": 8, "start": "2019-08-03", "end": "2019-08-12"}, headers=h
    )
    assert [e["type"] for e in r.json()["events"]] == ["round-opened", "round-closed"]
    rounds = cl.get(f"{BASE}/rounds", headers=h).json()
    assert (rounds[-2]["number"], rounds[-2]["end"]) == (7, "2019-07-09")


def test_create_negotiation(world: World) -> None:
    body = {"id": "other-talks", "title": "Other talks", "on": "2020-01-01"}
    assert (
        world.client.post("/api/negotiations", json=body, headers=world.as_("taliban")).status_code
        == 403
    )
    r = world.client.post("/api/negotiations", json=body, headers=world.as_("mediator"))
    assert r.status_code == 201
    assert r.json()["head"] == 1
    r = world.client.post("/api/negotiations", json=body, headers=world.as_("mediator"))
    assert r.status_code == 409


def test_history_lists_the_moves(world: World) -> None:
    h = world.as_("observer")
    moves = world.client.get(f"{BASE}/moves", headers=h).json()
    assert moves[0]["move"] == "propose"
    assert all(
        m["round"] is None or m["round"] <= 3
        for m in world.client.get(f"{BASE}/moves?round=3", headers=h).json()
    )
    assert len(world.client.get(f"{BASE}/moves?round=3", headers=h).json()) < len(moves)


def test_the_log_is_redacted_per_viewer(world: World) -> None:
    def confidential(viewer: str) -> dict[str, bool]:
        log = world.client.get(f"{BASE}/log", headers=world.as_(viewer)).json()
        seen: dict[str, bool] = {}
        for e in log:
            if e["type"] in ("preferences-set", "note-recorded"):
                party = e["payload"]["party"]
                seen[f"{e['type']}:{party}"] = "confidential" not in e["payload"]
        return seen

    assert all(confidential("mediator").values())
    tal = confidential("taliban")
    assert tal["preferences-set:taliban"] and tal["note-recorded:taliban"]
    assert not tal["preferences-set:united-states"] and not tal["note-recorded:united-states"]
    assert not any(confidential("observer").values())
    afg = confidential("afghan-government")
    assert not any(v for k, v in afg.items() if not k.endswith(":afghan-government"))


@pytest.mark.parametrize("what", ["preferences", "notes"])
def test_confidential_routes_answer_403_to_others(world: World, what: str) -> None:
    cl = world.client
    for party, secrets in SECRETS.items():
        for viewer in ("mediator", party):
            r = cl.get(f"{BASE}/{what}/{party}", headers=world.as_(viewer))
            assert r.status_code == 200
            assert any(s in r.text for s in secrets)
        for viewer in ("observer", "afghan-government", *(p for p in SECRETS if p != party)):
            r = cl.get(f"{BASE}/{what}/{party}", headers=world.as_(viewer))
            assert r.status_code == 403
            assert not any(s in r.text for s in secrets)
    assert cl.get(f"{BASE}/{what}/nobody", headers=world.as_("mediator")).status_code == 404
    assert cl.get(f"{BASE}/{what}/nobody", headers=world.as_("observer")).status_code == 403


def test_a_delegate_sets_its_own_preferences_and_notes(world: World) -> None:
    cl = world.client
    prefs = {"reservation": 0.25, "weights": {"ceasefire": 2.0}, "note": "updated"}
    h = world.as_("afghan-government")
    assert cl.put(f"{BASE}/preferences/afghan-government", json=prefs, headers=h).status_code == 201
    assert cl.put(f"{BASE}/preferences/taliban", json=prefs, headers=h).status_code == 403
    got = cl.get(f"{BASE}/preferences/afghan-government", headers=h).json()["preferences"]
    assert got == {"reservation": 0.25, "weights": {"ceasefire": 2.0}, "note": "updated"}
    bad = {"weights": {"no-such-part": 1.0}}
    assert cl.put(f"{BASE}/preferences/afghan-government", json=bad, headers=h).status_code == 422
    note = {"by": "afghan-government", "text": "call Doha", "part": "ceasefire"}
    assert cl.post(f"{BASE}/notes", json=note, headers=h).status_code == 201
    assert cl.post(f"{BASE}/notes", json={**note, "by": "taliban"}, headers=h).status_code == 403
    notes = cl.get(f"{BASE}/notes/afghan-government", headers=h).json()["notes"]
    assert notes[-1]["text"] == "call Doha"


def test_verify(world: World) -> None:
    r = world.client.get(f"{BASE}/verify", headers=world.as_("observer")).json()
    assert r["ok"] is True
    assert r["events"] > 40


def test_errors_carry_no_traceback_and_unknown_routes_are_json(world: World) -> None:
    r = world.client.get("/api/nothing", headers=world.as_("mediator"))
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}
    r = world.client.get("/api/negotiations/bad id!", headers=world.as_("mediator"))
    assert r.status_code == 422


def test_security_headers(world: World) -> None:
    r = world.client.get("/api/whoami", headers=world.as_("mediator"))
    assert r.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_the_api_over_postgres(pg_target: str) -> None:
    from .conftest import build_world

    worlds = build_world(pg_target)
    w = next(worlds)
    try:
        h = w.as_("taliban")
        head = w.client.get(BASE, headers=h).json()["events"]
        move = {"move": "reject", "by": "taliban", "part": "ceasefire", "expected_seq": head}
        assert w.client.post(f"{BASE}/moves", json=move, headers=h).status_code == 201
        assert w.client.post(f"{BASE}/moves", json=move, headers=h).status_code == 409
        assert w.client.get(f"{BASE}/preferences/united-states", headers=h).status_code == 403
        assert w.client.get(f"{BASE}/verify", headers=h).json()["ok"] is True
        status = w.client.get(f"{BASE}/status?round=5", headers=h).json()
        assert status["view"] == "as of round 5"
    finally:
        worlds.close()


def test_analysis_as_each_viewer_may_see_it(world: World) -> None:
    from .conftest import leaks

    cl = world.client
    r = cl.get(f"{BASE}/analysis", headers=world.as_("mediator"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["scope"] == "mediator"
    assert set(body["analysis"]["parties"]) == {"united-states", "taliban", "afghan-government"}
    assert body["summary"]
    r = cl.get(f"{BASE}/analysis", headers=world.as_("taliban"))
    assert r.json()["scope"] == "party"
    assert r.json()["analysis"]["party"] == "taliban"
    assert abs(r.json()["analysis"]["reservation"] - float(SECRETS["taliban"][2])) < 1e-6
    assert not leaks(r.text, "united-states")
    r = cl.get(f"{BASE}/analysis", headers=world.as_("observer"))
    assert r.status_code == 403
    assert (
        cl.get("/api/negotiations/nope/analysis", headers=world.as_("mediator")).status_code == 404
    )


def _record_statement(db: str) -> None:
    from accords.model import Event

    payload = {
        "source": "https://example.org/doha",
        "title": "Taliban say troops will leave",
        "date": "2019-03-12",
        "start": 0,
        "end": 40,
        "text": "The US agreed to pull its troops out.",
        "kind": "direct",
        "cue": "tweeted",
        "speaker": "Zabihullah Mujahid",
        "mention": "Mujahid",
        "party": "taliban",
        "parts": ["withdrawal"],
        "claims": [
            {
                "part": "withdrawal",
                "asserts": "agreed",
                "verdict": "contradicted",
                "reason": "only agreed ad referendum: nothing is agreed until everything is",
            }
        ],
    }
    store = open_store(db)
    try:
        record = Record(store)
        record.append(
            NID,
            [Event("statement-recorded", payload, date(2019, 3, 12))],
            recorded_by="test",
            expected_seq=store.head(NID),
        )
    finally:
        store.close()


def test_statements_are_public_with_their_verdicts(world: World) -> None:
    _record_statement(world.db)
    for viewer in ("observer", "taliban", "mediator"):
        r = world.client.get(f"{BASE}/statements", headers=world.as_(viewer))
        assert r.status_code == 200, r.text
        (article,) = r.json()
        (st,) = article["statements"]
        assert st["speaker"] == "Zabihullah Mujahid"
        assert st["claims"][0]["verdict"] == "contradicted"
    # the log with a statement still folds: the board answers
    assert world.client.get(f"{BASE}/status", headers=world.as_("observer")).status_code == 200
