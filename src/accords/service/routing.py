"""What every route of the REST API shares: answers, path parameters, the viewer, the record.

:mod:`accords.service.api` and the routers beside it (people, statements, analysis)
describe their answers with the same :data:`COMMON`, :data:`NOT_FOUND` and
:data:`WRITE` tables, read the viewer through :data:`ViewerDep`, and load a
negotiation through :func:`load_state`, so that a 404 or a 403 reads the same on
every route. :func:`reads` and :func:`writes` are the two shapes of route the API
has: a read answers a model or 404; a write records events and answers 201.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials

from accords.application import Record
from accords.model import State
from accords.model import commands as c
from accords.model.limits import MAX_ROUND
from accords.service import views
from accords.service.auth import Viewer, bearer_scheme
from accords.service.schemas import ID_PATTERN, ErrorOut, RecordedOut

__all__ = [
    "BAD_BODY",
    "COMMON",
    "FORBIDDEN",
    "NOT_FOUND",
    "WRITE",
    "Nid",
    "PartId",
    "PartyId",
    "RoundNo",
    "RoundQ",
    "Route",
    "ViewerDep",
    "api_viewer",
    "error_answer",
    "execute",
    "load_state",
    "reads",
    "record_of",
    "writes",
]

Route = TypeVar("Route", bound=Callable[..., Any])


def error_answer(description: str) -> dict[str, Any]:
    """One documented error answer: the error body and what it means."""
    return {"model": ErrorOut, "description": description}


#: Answers any route may give.
COMMON: dict[int | str, dict[str, Any]] = {
    401: error_answer("no token, or an invalid or revoked one"),
    413: error_answer("the request body is larger than the server's limit (1 MB by default)"),
    422: error_answer("the request does not validate (or the move is refused)"),
    429: error_answer("too many failed authentications from this address; see Retry-After"),
    503: error_answer("the database cannot be used right now"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: error_answer("no such negotiation, party or round")
}
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: error_answer("this viewer may not see or do this")
}
BAD_BODY: dict[int | str, dict[str, Any]] = {400: error_answer("the body is not valid JSON")}
WRITE: dict[int | str, dict[str, Any]] = {
    **BAD_BODY,
    **NOT_FOUND,
    **FORBIDDEN,
    409: error_answer("the log moved on since expected_seq (or a concurrent write won); re-read"),
    422: error_answer(
        "the move is refused by the rules (the message says why), or does not validate"
    ),
}


def api_viewer(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Viewer:
    """The token's holder; 401 without a valid token, 429 after too many failures."""
    viewer: Viewer = request.app.state.services.sessions.bearer(request)
    return viewer


ViewerDep = Annotated[Viewer, Depends(api_viewer)]
Nid = Annotated[str, Path(pattern=ID_PATTERN, description="the negotiation id")]
PartyId = Annotated[str, Path(pattern=ID_PATTERN, description="a party id")]
PartId = Annotated[str, Path(pattern=ID_PATTERN, description="a part id")]
RoundNo = Annotated[int, Path(ge=1, le=MAX_ROUND)]
RoundQ = Annotated[int | None, Query(ge=1, le=MAX_ROUND, description="as of the end of round N")]


def reads(
    router: APIRouter,
    path: str,
    model: Any,
    summary: str,
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> Callable[[Route], Route]:
    """A GET route answering ``model``, or 404 (``responses`` replaces the 404 alone)."""
    return router.get(path, response_model=model, responses=responses or NOT_FOUND, summary=summary)


def writes(
    router: APIRouter,
    path: str,
    summary: str,
    *,
    method: str = "POST",
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> Callable[[Route], Route]:
    """A route that records events and answers 201 with what it recorded."""
    return router.api_route(
        path,
        methods=[method],
        response_model=RecordedOut,
        status_code=201,
        responses=responses or WRITE,
        summary=summary,
    )


def record_of(request: Request) -> Record:
    """The server's one record."""
    record: Record = request.app.state.services.record
    return record


def load_state(
    record: Record, nid: str, *, as_of: date | None = None, round: int | None = None
) -> State:
    """The negotiation's state, or 404 (a round that is not in the record is a 404 too)."""
    if record.store.head(nid) == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    if round is not None and round not in record.state(nid).rounds:
        raise HTTPException(404, f"no round {round} in the record of {nid!r}")
    return record.state(nid, as_of=as_of, round=round)


def execute(
    request: Request,
    viewer: Viewer,
    nid: str,
    commands: list[c.Command],
    expected_seq: int | None,
    *,
    exists: bool = True,
) -> RecordedOut:
    """Record ``commands`` as ``viewer`` and answer what was recorded (404 unless ``exists``
    is false: the negotiation is being created)."""
    record = record_of(request)
    if exists and record.store.head(nid) == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    events = record.execute_many(
        nid, commands, recorded_by=viewer.recorded_by, expected_seq=expected_seq
    )
    head = events[-1].seq if events else record.store.head(nid)
    return views.recorded_out(nid, events, head)
