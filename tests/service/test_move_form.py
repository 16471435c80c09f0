"""The dashboard's move form: what the browser posts becomes the move's fields, or a refusal."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from accords.errors import RefusedMove
from accords.service.pages import MoveForm

from .conftest import NID, World, csrf_of, login


def test_the_form_becomes_the_moves_fields() -> None:
    form = MoveForm(
        move="accept",
        by="taliban",
        target="ceasefire:six-month",
        level="principle",
        note="n",
        round="3",
        on="2019-03-01",
    )
    assert form.fields() == {
        "move": "accept",
        "by": "taliban",
        "part": "ceasefire",
        "option": "six-month",
        "value": None,
        "level": "principle",
        "note": "n",
        "round": 3,
        "date": date(2019, 3, 1),
    }


def test_a_bound_names_the_value_and_only_an_acceptance_keeps_a_level() -> None:
    fields = MoveForm(move="propose", target="troops", value=" 50 ", bound="at-most", level="x")
    assert fields.fields()["at_most"] == "50"
    assert "value" not in fields.fields()
    assert fields.fields()["level"] is None
    assert fields.fields()["part"] == "troops" and fields.fields()["option"] is None


@pytest.mark.parametrize("bad", [{"round": "three"}, {"on": "1 March"}])
def test_a_bad_round_or_date_is_refused_in_words(bad: dict[str, str]) -> None:
    with pytest.raises(RefusedMove, match="the round must be a number and the date YYYY-MM-DD"):
        MoveForm(move="reject", by="taliban", target="ceasefire", **bad).fields()


def test_a_bad_round_through_the_page_records_nothing(world: World) -> None:
    cl = TestClient(world.client.app)
    login(cl, world.tokens["taliban"])
    page = cl.get(f"/n/{NID}")
    head = world.client.get(f"/api/negotiations/{NID}/head", headers=world.as_("taliban"))
    form = {"move": "reject", "by": "taliban", "target": "ceasefire", "round": "x"}
    r = cl.post(f"/n/{NID}/moves", data={**form, "csrf": csrf_of(page.text)})
    assert r.status_code == 422
    assert "Not recorded: the round must be a number and the date YYYY-MM-DD" in r.text
    after = world.client.get(f"/api/negotiations/{NID}/head", headers=world.as_("taliban"))
    assert after.json() == head.json()
