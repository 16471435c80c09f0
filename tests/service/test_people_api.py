"""People through the API: every viewer reads them (public record); only the mediator adds."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import NID, VIEWERS, World

BASE = f"/api/negotiations/{NID}"

NEW = {
    "id": "naeem-2",
    "name": "Mohammad Naim Wardak",
    "party": "taliban",
    "spellings": ["Muhammad Naim Wardak"],
    "titles": [{"title": "spokesman", "from": "2020-01-01", "source": "https://example.org/s"}],
    "rounds": [6],
    "on": "2019-05-02",
}


def _head(world: World) -> int:
    head: int = world.client.get(f"{BASE}/head", headers=world.as_("mediator")).json()["head"]
    return head


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_viewer_reads_the_people_and_the_delegations(world: World, viewer: str) -> None:
    cl, headers = world.client, world.as_(viewer)
    r = cl.get(f"{BASE}/people", headers=headers)
    assert r.status_code == 200
    people: list[dict[str, Any]] = r.json()
    mujahid = next(p for p in people if p["id"] == "mujahid")
    assert mujahid["party"] == "taliban"
    assert "Zabiullah Mujahid" in mujahid["spellings"]
    one = cl.get(f"{BASE}/people/baradar", headers=headers).json()
    assert one["honorifics"] == ["Mullah"]
    assert [x["round"] for x in one["rounds"]] == [5, 6]
    assert one["titles"][0]["start"] == "2019-01-24"
    rounds = cl.get(f"{BASE}/rounds", headers=headers).json()
    five = next(x for x in rounds if x["number"] == 5)
    assert {"person": "baradar", "name": "Abdul Ghani Baradar", "party": "taliban"} in five[
        "delegates"
    ]
    whole = cl.get(BASE, headers=headers).json()
    assert whole["rounds"][4]["delegates"] == five["delegates"]


def test_an_unknown_person_is_404(world: World) -> None:
    r = world.client.get(f"{BASE}/people/nobody", headers=world.as_("observer"))
    assert r.status_code == 404
    assert "no person 'nobody'" in r.json()["detail"]


@pytest.mark.parametrize("viewer", ["taliban", "united-states", "afghan-government", "observer"])
def test_only_the_mediator_adds_people_titles_and_delegates(world: World, viewer: str) -> None:
    cl, headers = world.client, world.as_(viewer)
    before = _head(world)
    assert cl.post(f"{BASE}/people", json=NEW, headers=headers).status_code == 403
    title = {"title": "envoy", "from": "2019-01-01"}
    assert (
        cl.post(f"{BASE}/people/khalilzad/titles", json=title, headers=headers).status_code == 403
    )
    body = {"person": "pompeo"}
    assert cl.post(f"{BASE}/rounds/1/delegates", json=body, headers=headers).status_code == 403
    assert _head(world) == before


def test_the_mediator_adds_a_person_a_title_and_a_delegate(world: World) -> None:
    cl, headers = world.client, world.as_("mediator")
    r = cl.post(f"{BASE}/people", json=NEW, headers=headers)
    assert r.status_code == 201, r.text
    assert [e["type"] for e in r.json()["events"]] == [
        "person-added",
        "title-added",
        "attendance-recorded",
    ]
    shown = cl.get(f"{BASE}/people/naeem-2", headers=world.as_("observer")).json()
    assert shown["rounds"] == [{"round": 6, "party": "taliban", "source": None}]
    r = cl.post(
        f"{BASE}/people/pompeo/titles",
        json={"title": "CIA Director", "from": "2017-01-23", "to": "2018-04-26"},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    r = cl.post(f"{BASE}/rounds/4/delegates", json={"person": "pompeo"}, headers=headers)
    assert r.status_code == 201, r.text
    four = cl.get(f"{BASE}/rounds", headers=headers).json()[3]
    assert "pompeo" in {d["person"] for d in four["delegates"]}


@pytest.mark.parametrize(
    ("path", "body", "code", "words"),
    [
        ("people", {**NEW, "id": "khalilzad"}, 422, "person 'khalilzad' already exists"),
        ("people", {**NEW, "party": "nobody"}, 422, "unknown party 'nobody'"),
        ("people", {**NEW, "rounds": [99]}, 422, "no round 99"),
        ("people/nobody/titles", {"title": "t"}, 422, "unknown person 'nobody'"),
        (
            "people/pompeo/titles",
            {"title": "t", "from": "2020-01-02", "to": "2020-01-01"},
            422,
            "before from",
        ),
        ("rounds/99/delegates", {"person": "pompeo"}, 404, "no round 99"),
        ("rounds/1/delegates", {"person": "khalilzad"}, 422, "already recorded at round 1"),
    ],
)
def test_refusals_record_nothing(
    world: World, path: str, body: dict[str, Any], code: int, words: str
) -> None:
    before = _head(world)
    r = world.client.post(f"{BASE}/{path}", json=body, headers=world.as_("mediator"))
    assert r.status_code == code, r.text
    assert words in r.json()["detail"]
    assert _head(world) == before


def test_the_dashboards_rounds_panel_names_the_delegates(world: World) -> None:
    from fastapi.testclient import TestClient

    from .conftest import login

    cl = TestClient(world.client.app)
    login(cl, world.tokens["observer"])
    page = cl.get(f"/n/{NID}").text
    panel = page.split('data-testid="timeline"', 1)[1].split("</ol>", 1)[0]
    rounds = panel.split("<strong>Round ")
    assert "Abdul Ghani Baradar (Taliban)" in rounds[5]
    assert "Zalmay Khalilzad (United States)" in rounds[1]
    assert "Baradar" not in rounds[1]
