"""Elicitation and facilitation over HTTP: who may give and see what, bounded bodies, pages."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from .conftest import NID, World, csrf_of, leaks, login
from .elicit_matrix import A, B

E = f"/api/negotiations/{NID}/elicitation"
C = {**A, "withdrawal": "full-withdrawal-timeline"}
#: A rating that exists only in the taliban's answers: a planted secret of the new routes.
PLANTED_RATING = 61.2345678


def _answer(world: World, who: str, party: str, body: object) -> object:
    return world.client.post(f"{E}/{party}/answers", json=body, headers=world.as_(who))


def test_a_delegate_gives_and_reads_its_own_answers_only(world: World) -> None:
    body = {
        "comparisons": [{"better": A, "worse": B}],
        "ratings": [{"package": A, "rating": PLANTED_RATING}, {"package": C, "rating": 10}],
    }
    r = _answer(world, "taliban", "taliban", body)
    assert r.status_code == 201, r.text
    fit = r.json()["fit"]
    assert fit["method"] == "comparisons" and fit["consistent"] is True
    profile = world.client.get(f"{E}/taliban", headers=world.as_("taliban")).json()
    assert profile["elicitation"]["answers"]["ratings"][0]["rating"] == PLANTED_RATING
    assert profile["elicitation"]["provenance"]["answers"][0] == "comparisons[0]"
    assert abs(sum(profile["preferences"]["weights"].values()) - 1) < 1e-9
    # the mediator sees every party's; another delegate and an observer see none
    assert world.client.get(f"{E}/taliban", headers=world.as_("mediator")).status_code == 200
    for who in ("united-states", "observer"):
        for path in (f"{E}/taliban", f"{E}/taliban/fit", f"{E}/taliban/next"):
            r = world.client.get(path, headers=world.as_(who))
            assert r.status_code == 403, (who, path)
            assert str(PLANTED_RATING) not in r.text and not leaks(r.text, "taliban")
        assert _answer(world, who, "taliban", body).status_code == 403
    # the mediator may record for a party
    assert (
        _answer(
            world, "mediator", "united-states", {"comparisons": [{"better": B, "worse": A}]}
        ).status_code
        == 201
    )


def test_fit_and_next_for_the_partys_answers(world: World) -> None:
    _answer(world, "taliban", "taliban", {"comparisons": [{"better": A, "worse": B}]})
    fit = world.client.get(f"{E}/taliban/fit", headers=world.as_("taliban")).json()["fit"]
    assert set(fit["profile"]["issues"]) == set(A)
    nxt = world.client.get(f"{E}/taliban/next", headers=world.as_("taliban")).json()
    assert set(nxt["query"]) == {"a", "b"} and 0 <= nxt["split"] <= 1


def test_bodies_are_bounded_and_refusals_append_nothing(world: World) -> None:
    head = world.client.get(f"/api/negotiations/{NID}/head", headers=world.as_("mediator")).json()
    too_many = {"comparisons": [{"better": A, "worse": B}] * 51}
    for body in (
        too_many,
        {"ratings": [{"package": A, "rating": 101}]},
        {"split": {"ceasefire": 100}, "option_ratings": {}, "extra": 1},
        {"comparisons": [{"better": {**A, "ceasefire": "nope"}, "worse": B}]},
        {"split": {"ceasefire": 60}},
    ):
        r = _answer(world, "taliban", "taliban", body)
        assert r.status_code == 422, (body, r.text)
    after = world.client.get(f"/api/negotiations/{NID}/head", headers=world.as_("mediator")).json()
    assert after["head"] == head["head"]


def test_improve_is_the_mediators_and_blind_reveals_only_the_intersection(world: World) -> None:
    _answer(world, "taliban", "taliban", {"comparisons": [{"better": A, "worse": B}]})
    url = f"/api/negotiations/{NID}/facilitation"
    for who in ("taliban", "observer"):
        assert world.client.get(f"{url}/improve", headers=world.as_(who)).status_code == 403
    r = world.client.get(f"{url}/improve", headers=world.as_("mediator"))
    assert r.status_code == 200, r.text
    assert not leaks(r.text, "taliban") and not leaks(r.text, "united-states")
    assert world.client.get(f"{url}/blind", headers=world.as_("observer")).status_code == 403
    r = world.client.put(f"{E}/taliban/blind", json={"least": 0.1}, headers=world.as_("mediator"))
    assert r.status_code == 403  # each delegation marks for itself
    for party, mark in (("taliban", [A, B]), ("united-states", [B]), ("afghan-government", [A, B])):
        r = world.client.put(
            f"{E}/{party}/blind", json={"packages": mark}, headers=world.as_(party)
        )
        assert r.status_code == 201, r.text
        shown = world.client.get(f"{url}/blind", headers=world.as_("taliban")).json()
        if party != "afghan-government":
            assert shown["intersection"] is None
    assert shown == {"negotiation": NID, "marked": 3, "parties": 3, "intersection": [B]}
    assert "taliban" not in json.dumps(shown["intersection"])
    r = world.client.put(
        f"{E}/taliban/blind", json={"least": 0.5, "packages": [A]}, headers=world.as_("taliban")
    )
    assert r.status_code == 422


def _pages(world: World, who: str) -> TestClient:
    client = TestClient(world.client.app)
    login(client, world.tokens[who])
    return client


def test_the_preferences_page_asks_the_questions(world: World) -> None:
    page = _pages(world, "taliban")
    html = page.get(f"/n/{NID}/preferences/taliban").text
    assert f'hx-get="/n/{NID}/elicit/taliban"' in html
    fragment = page.get(f"/n/{NID}/elicit/taliban", headers={"HX-Request": "true"}).text
    for label in (
        "Points for",
        "Rating of package 1",
        "I would rather have package A",
        "Mark privately",
    ):
        assert label in fragment
    csrf = csrf_of(page.get(f"/n/{NID}/elicit/taliban").text)
    choice = {"csrf": csrf, "a": json.dumps(A), "b": json.dumps(B), "choice": "b"}
    r = page.post(f"/n/{NID}/elicit/taliban/compare", data=choice, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "Recorded; your profile is refitted." in r.text
    assert 'data-testid="weight-ceasefire"' in r.text
    prefs = world.client.get(f"{E}/taliban", headers=world.as_("taliban")).json()
    assert prefs["elicitation"]["answers"]["comparisons"][0]["better"] == B
    # a bad rating is said in the fragment and recorded nowhere
    r = page.post(
        f"/n/{NID}/elicit/taliban/rate",
        data={"csrf": csrf, "card-0": json.dumps(A), "rating-0": "140"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 422 and "Not recorded: rating-0: a number from 0 to 100" in r.text
    # without a CSRF token nothing is recorded; another delegate gets a 403
    assert (
        page.post(f"/n/{NID}/elicit/taliban/compare", data={**choice, "csrf": "x"}).status_code
        == 403
    )
    other = _pages(world, "united-states")
    r = other.get(f"/n/{NID}/elicit/taliban")
    assert r.status_code == 403 and not leaks(r.text, "taliban")


def test_the_mediator_sees_facilitation_on_the_dashboard(world: World) -> None:
    _answer(world, "taliban", "taliban", {"comparisons": [{"better": A, "worse": B}]})
    html = _pages(world, "mediator").get(f"/n/{NID}").text
    assert 'data-testid="improvements"' in html or 'data-testid="improve-none"' in html
    assert 'data-testid="blind-status"' in html
    delegate = _pages(world, "taliban").get(f"/n/{NID}").text
    assert 'data-testid="blind-status"' in delegate and "improvements" not in delegate
    observer = _pages(world, "observer").get(f"/n/{NID}").text
    assert 'data-testid="blind-status"' not in observer
