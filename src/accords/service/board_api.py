"""The API's reads of the board and the log: status as of a date or round, log, head, verify.

These are the handlers; :mod:`accords.service.api` routes them on its router, in the
order of its other routes, with the answers every read documents. The log is
redacted for the viewer, as every read is.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query, Request

from accords.errors import RefusedMove
from accords.service import views
from accords.service.routing import Nid, RoundQ, ViewerDep, load_state, record_of
from accords.service.schemas import HeadOut, LogEventOut, StatusOut, VerifyOut

__all__ = ["head", "log", "status", "verify"]


def status(
    request: Request,
    viewer: ViewerDep,
    nid: Nid,
    as_of: Annotated[date | None, Query(description="as of a date, YYYY-MM-DD")] = None,
    round: RoundQ = None,
) -> StatusOut:
    if as_of is not None and round is not None:
        raise RefusedMove("give as_of or round, not both")
    state = load_state(record_of(request), nid, as_of=as_of, round=round)
    return views.status_out(state, as_of=as_of, round=round)


def log(request: Request, viewer: ViewerDep, nid: Nid) -> list[LogEventOut]:
    record = record_of(request)
    load_state(record, nid)
    return views.log_out(record.events(nid), viewer.sees_as)


def head(request: Request, viewer: ViewerDep, nid: Nid) -> HeadOut:
    record = record_of(request)
    seq = record.store.head(nid)
    if seq == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    last = next(iter(record.store.read(nid, after=seq - 1, upto=seq)))
    return HeadOut(negotiation=nid, head=last.seq, hash=last.hash)


def verify(request: Request, viewer: ViewerDep, nid: Nid) -> VerifyOut:
    record = record_of(request)
    if record.store.head(nid) == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    return views.verify_out(record.store.verify(nid))
