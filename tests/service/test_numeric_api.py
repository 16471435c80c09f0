"""Numeric parts through the REST API: the part body, moves with values and bounds."""

from __future__ import annotations

from .conftest import NID, World

BASE = f"/api/negotiations/{NID}"
PART = {
    "id": "withdrawal-months",
    "title": "Months to full withdrawal",
    "signatories": ["united-states", "taliban"],
    "numeric": {"kind": "integer", "min": 0, "max": 36, "unit": "months"},
}


def _part(world: World) -> dict[str, object]:
    status = world.client.get(f"{BASE}/status", headers=world.as_("observer")).json()
    return next(p for p in status["parts"] if p["id"] == "withdrawal-months")


def test_numeric_part_and_moves_with_values_and_bounds(world: World) -> None:
    cl = world.client
    r = cl.post(f"{BASE}/framework/parts", json=PART, headers=world.as_("mediator"))
    assert r.status_code == 201, r.text
    framework = cl.get(f"{BASE}", headers=world.as_("observer")).json()["framework"]
    part = next(p for p in framework["parts"] if p["id"] == "withdrawal-months")
    assert part["numeric"] == {"kind": "integer", "min": "0", "max": "36", "step": "1",
                               "unit": "months"}  # fmt: skip
    move = {"move": "propose", "by": "united-states", "part": "withdrawal-months", "value": 14}
    assert (
        cl.post(f"{BASE}/moves", json=move, headers=world.as_("united-states")).status_code == 201
    )
    move = {"move": "accept", "by": "taliban", "part": "withdrawal-months", "at_most": 18}
    r = cl.post(f"{BASE}/moves", json=move, headers=world.as_("taliban"))
    assert r.status_code == 201, r.text
    details = _part(world)["stance_details"]["taliban"]
    assert (details["option"], details["bound"]) == ("18", "at-most")
    move = {"move": "accept", "by": "united-states", "part": "withdrawal-months", "value": "14"}
    assert (
        cl.post(f"{BASE}/moves", json=move, headers=world.as_("united-states")).status_code == 201
    )
    got = _part(world)
    assert (got["status"], got["option"]) == ("confirmed", "14")


def test_a_value_off_the_range_is_422_and_appends_nothing(world: World) -> None:
    cl = world.client
    assert (
        cl.post(f"{BASE}/framework/parts", json=PART, headers=world.as_("mediator")).status_code
        == 201
    )
    head = cl.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"]
    move = {"move": "propose", "by": "taliban", "part": "withdrawal-months", "value": 40}
    r = cl.post(f"{BASE}/moves", json=move, headers=world.as_("taliban"))
    assert r.status_code == 422
    assert "outside 0 to 36 months" in r.json()["detail"]
    bad = {**move, "value": None, "at_least": 3}
    r = cl.post(f"{BASE}/moves", json=bad, headers=world.as_("taliban"))
    assert r.status_code == 422 and "only an accept move" in r.text
    assert cl.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"] == head
    r = cl.post(
        f"{BASE}/framework/parts",
        json={**PART, "id": "x", "numeric": {"min": 5, "max": 1}},
        headers=world.as_("mediator"),
    )
    assert r.status_code == 422 and "below min" in r.text


def test_the_dashboard_form_records_a_bound(world: World) -> None:
    from fastapi.testclient import TestClient

    from .conftest import csrf_of, login

    assert (
        world.client.post(
            f"{BASE}/framework/parts", json=PART, headers=world.as_("mediator")
        ).status_code
        == 201
    )
    browser = TestClient(world.client.app)
    login(browser, world.tokens["taliban"])
    page = browser.get(f"/n/{NID}")
    assert 'name="value"' in page.text and 'name="bound"' in page.text
    form = {
        "csrf": csrf_of(page.text),
        "move": "accept",
        "by": "taliban",
        "target": "withdrawal-months",
        "value": "18",
        "bound": "at-most",
        "level": "principle",
    }
    r = browser.post(f"/n/{NID}/moves", data=form)
    assert r.status_code == 200 and "Recorded:" in r.text, r.text
    details = _part(world)["stance_details"]["taliban"]
    assert (details["option"], details["bound"], details["level"]) == ("18", "at-most", "principle")
    r = browser.post(f"/n/{NID}/moves", data={**form, "value": "99"})
    assert r.status_code == 422 and "outside 0 to 36 months" in r.text
