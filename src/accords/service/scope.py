"""A token opens the negotiations in its scope and no other, on every route.

Checked once per router (``create_app`` adds these as router dependencies), so
no route, including those the extensions add, can forget it: a path naming a
negotiation ``{nid}`` outside the token's scope is a 403 before the route runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from accords.service.auth import Viewer
from accords.service.routing import api_viewer

__all__ = ["api_scope", "page_scope"]


def _nid(request: Request) -> str | None:
    value = request.path_params.get("nid")
    return value if isinstance(value, str) else None


def api_scope(request: Request, viewer: Annotated[Viewer, Depends(api_viewer)]) -> None:
    """403 when the API path names a negotiation the token does not open."""
    nid = _nid(request)
    if nid is not None:
        viewer.require_open(nid)


def page_scope(request: Request) -> None:
    """The same for the pages; a request without a session goes on to the login redirect."""
    nid = _nid(request)
    if nid is None:
        return
    viewer = request.app.state.services.sessions.page_viewer(request)
    if viewer is not None:
        viewer.require_open(nid)
