"""Helpers shared by the security suite's attack replays."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.conftest import NID, World


def _head(world: World) -> int:
    r = world.client.get(f"/api/negotiations/{NID}/head", headers=world.as_("mediator"))
    head: int = r.json()["head"]
    return head


def _move(world: World, who: str, **extra: Any) -> Any:
    body = {"move": "reserve", "by": "taliban", "part": "ceasefire", "note": "dated", **extra}
    return world.client.post(f"/api/negotiations/{NID}/moves", json=body, headers=world.as_(who))


def _logged_in(world: World, who: str) -> TestClient:
    from service.test_pages import login

    cl = TestClient(world.client.app)
    login(cl, world.tokens[who])
    return cl
