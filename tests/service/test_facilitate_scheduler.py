"""The improve route reads the space on the server's own Dask scheduler (ACCORDS_SCHEDULER).

The scheduler is the operator's setting, never the caller's: no query parameter
names one, so a request cannot make the server connect anywhere.
"""

from __future__ import annotations

from typing import Any

import pytest

import accords.elicitation._facilitation as facilitation

from .conftest import NID, World
from .elicit_matrix import A, B

URL = f"/api/negotiations/{NID}/facilitation/improve"


def test_the_route_passes_the_servers_scheduler_and_gives_the_same_packages(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    body = {"comparisons": [{"better": A, "worse": B}]}
    r = world.client.post(
        f"/api/negotiations/{NID}/elicitation/taliban/answers",
        json=body,
        headers=world.as_("taliban"),
    )
    assert r.status_code == 201, r.text
    seen: list[Any] = []
    real = facilitation.improve_on_table

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("scheduler"))
        return real(*args, **{**kwargs, "chunk": 7})  # several chunks, so Dask really runs

    monkeypatch.setattr(facilitation, "improve_on_table", spy)
    here = world.client.get(URL, headers=world.as_("mediator"))
    assert here.status_code == 200, here.text
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        monkeypatch.setenv("ACCORDS_SCHEDULER", cluster.scheduler_address)
        there = world.client.get(
            URL, params={"scheduler": "tcp://elsewhere:1"}, headers=world.as_("mediator")
        )
    assert there.status_code == 200, there.text
    assert seen == [None, cluster.scheduler_address]
    assert there.json() == here.json()
