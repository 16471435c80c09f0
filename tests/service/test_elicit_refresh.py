"""An answer given on the preferences page refreshes the page's recorded preferences too.

Each answer refits the profile and records it as the party's preferences; the page shows
those in a table outside the answering section, so the answer's fragment carries that
table out of band (``hx-swap-oob``) instead of leaving the numbers from before it.
"""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from .conftest import NID, World, csrf_of, login
from .elicit_matrix import A, B

OOB = 'id="recorded-preferences" hx-swap-oob="true"'


def _oob_block(html: str) -> str:
    start = html.index(OOB)
    return html[start : html.index("</div>", start)]


def test_a_recorded_answer_brings_the_recorded_preferences_along(world: World) -> None:
    page = TestClient(world.client.app)
    login(page, world.tokens["taliban"])
    before = page.get(f"/n/{NID}/preferences/taliban").text
    assert 'id="recorded-preferences"' in before and OOB not in before
    hx = {"HX-Request": "true"}
    assert OOB not in page.get(f"/n/{NID}/elicit/taliban", headers=hx).text
    csrf = csrf_of(page.get(f"/n/{NID}/elicit/taliban").text)
    choice = {"csrf": csrf, "a": json.dumps(A), "b": json.dumps(B), "choice": "a"}
    r = page.post(f"/n/{NID}/elicit/taliban/compare", data=choice, headers=hx)
    assert r.status_code == 200
    block = _oob_block(r.text)
    recorded = world.client.get(
        f"/api/negotiations/{NID}/preferences/taliban", headers=world.as_("taliban")
    ).json()["preferences"]
    shown = re.findall(r"<td>([0-9.e-]+)</td>", block)
    assert shown and {float(x) for x in shown} == {float(w) for w in recorded["weights"].values()}
    # the page itself, loaded afresh, shows the same numbers
    assert block.split(">", 1)[1] in page.get(f"/n/{NID}/preferences/taliban").text


def test_a_refused_answer_leaves_the_recorded_preferences_alone(world: World) -> None:
    page = TestClient(world.client.app)
    login(page, world.tokens["taliban"])
    csrf = csrf_of(page.get(f"/n/{NID}/elicit/taliban").text)
    r = page.post(
        f"/n/{NID}/elicit/taliban/rate",
        data={"csrf": csrf, "card-0": json.dumps(A), "rating-0": "140"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 422 and OOB not in r.text
