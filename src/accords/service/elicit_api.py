"""The API of elicitation and facilitation: answers, fit, next question, profile, blind marks.

A delegate gives and reads the answers and the fitted profile of its own party
only; the mediator of every party; an observer nothing (403). Answers are
recorded with the party's preferences (``accords.elicitation``): one
confidential ``preferences-set`` event per step, sealed at rest. Improving on
the table is the mediator's; the blind-acceptance intersection is shown to the
delegates and the mediator once every party has marked, and never says who
accepted what. Bodies are bounded like the other routes' (sizes below).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from accords import clock
from accords.errors import AccessDenied
from accords.model import State
from accords.model.entry import Id
from accords.service.auth import Viewer
from accords.service.extensions import Extension
from accords.service.routing import (
    COMMON,
    FORBIDDEN,
    NOT_FOUND,
    WRITE,
    Nid,
    PartyId,
    Route,
    ViewerDep,
    load_state,
    reads,
    record_of,
)

__all__ = ["extension", "for_itself", "router"]

PackageIn = Annotated[dict[Id, Id], Field(min_length=1, max_length=100)]
Points = Annotated[float, Field(ge=0, le=100)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComparisonIn(_Body):
    better: PackageIn
    worse: PackageIn


class RatingIn(_Body):
    package: PackageIn
    rating: Points


class AnswersIn(_Body):
    """New answers: added to the party's earlier ones (a split or option ratings replace)."""

    comparisons: list[ComparisonIn] = Field(default_factory=list, max_length=50)
    ratings: list[RatingIn] = Field(default_factory=list, max_length=50)
    split: dict[Id, Points] | None = Field(default=None, max_length=100)
    option_ratings: dict[Id, dict[Id, Points]] | None = Field(default=None, max_length=100)
    reservation: Points | None = None


class BlindIn(_Body):
    """A private mark: the packages the party would accept, or its least satisfaction (0–1)."""

    packages: list[PackageIn] | None = Field(default=None, max_length=500)
    least: Annotated[float, Field(ge=0, le=1)] | None = None


class ElicitOut(BaseModel):
    negotiation: str
    party: str
    head: int | None = Field(default=None, description="the log's head after a recorded step")
    fit: dict[str, Any] | None = Field(default=None, description="confidential")


class ProfileOut(BaseModel):
    negotiation: str
    party: str
    preferences: dict[str, Any] | None = Field(description="confidential; the fitted profile")
    elicitation: dict[str, Any] = Field(description="confidential: answers and provenance")


class NextOut(BaseModel):
    query: dict[str, dict[str, str]]
    split: float = Field(description="share of the consistent profiles that prefer a")


class ImproveOut(BaseModel):
    negotiation: str
    table: dict[str, str]
    improvements: list[dict[str, Any]]


class BlindOut(BaseModel):
    negotiation: str
    marked: int = Field(description="how many parties have marked (never which)")
    parties: int
    intersection: list[dict[str, str]] | None = Field(
        description="the packages every party accepts; null until every party has marked"
    )


router = APIRouter(tags=["elicitation"], responses=COMMON)
OWN = {**NOT_FOUND, **FORBIDDEN}


def _own_state(request: Request, viewer: Viewer, nid: str, party: str) -> State:
    """The negotiation's state, for ``party``'s delegates and the mediator only (else 403)."""
    viewer.require_confidential(party)
    return load_state(record_of(request), nid)


def for_itself(viewer: Viewer, party: str) -> None:
    """A blind mark is a delegation's own act: not even the mediator marks for a party."""
    if viewer.role != "party" or viewer.party != party:
        raise AccessDenied(f"only {party}'s delegates mark what {party} would accept")


def _fit_json(state: Any, party: str) -> dict[str, Any]:
    from accords.elicitation import refit

    result, method = refit(state, party)
    return {**result.to_json(), "method": method}


def _record(request: Request, viewer: Viewer, nid: str, party: str, **step: Any) -> ElicitOut:
    """Record one step for ``party`` against the state it was computed from."""
    from accords.elicitation import blind_mark, record_answers

    viewer.require_confidential(party)
    viewer.require_record_for(party)
    record = record_of(request)
    head = record.store.head(nid)
    state = load_state(record, nid)
    blind = step.get("blind")
    if blind is not None:
        for_itself(viewer, party)
    mark = blind_mark(state, blind) if blind is not None else None
    cmd = record_answers(state, party, step.get("answers", {}), clock.today(), blind=mark)
    events = record.execute_many(nid, [cmd], recorded_by=viewer.recorded_by, expected_seq=head)
    state = record.state(nid)
    fit = _fit_json(state, party) if state.preferences[party]["elicitation"].get("method") else None
    return ElicitOut(negotiation=nid, party=party, head=events[-1].seq, fit=fit)


_PARTY = "/negotiations/{nid}/elicitation/{party}"


def _step(method: str, tail: str, summary: str) -> Callable[[Route], Route]:
    """A route under the party that records one step and answers 201 with the refit profile."""
    return router.api_route(
        f"{_PARTY}{tail}",
        methods=[method],
        response_model=ElicitOut,
        status_code=201,
        responses=WRITE,
        summary=summary,
    )


@_step(
    "POST",
    "/answers",
    "Give answers for a party and refit its profile (its delegates and the mediator)",
)
def post_answers(
    request: Request, viewer: ViewerDep, nid: Nid, party: PartyId, body: AnswersIn
) -> ElicitOut:
    answers = body.model_dump(exclude_none=True, exclude_defaults=True)
    return _record(request, viewer, nid, party, answers=answers)


def get_fit(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> ElicitOut:
    state = _own_state(request, viewer, nid, party)
    return ElicitOut(negotiation=nid, party=party, fit=_fit_json(state, party))


def get_next(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> NextOut:
    from accords.elicit import fit, next_query
    from accords.elicitation import answers_of, space_of

    state = _own_state(request, viewer, nid, party)
    answers, _ = answers_of(state, party)
    query = next_query(fit(space_of(state), answers, samples=200, seed=len(answers)))
    return NextOut(query={"a": dict(query.a), "b": dict(query.b)}, split=query.split)


def get_profile(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> ProfileOut:
    from accords.elicitation import elicitation_of

    state = _own_state(request, viewer, nid, party)
    record = elicitation_of(state, party)
    prefs = state.preferences.get(party)
    shown = {k: v for k, v in (prefs or {}).items() if k != "elicitation"} if prefs else None
    return ProfileOut(negotiation=nid, party=party, preferences=shown, elicitation=record)


# The party's own reads (its delegates and the mediator), registered in this order.
for _path, _model, _summary, _handler in (
    (
        f"{_PARTY}/fit",
        ElicitOut,
        "The fit of a party's answers: profile, contradictions, provenance",
        get_fit,
    ),
    (
        f"{_PARTY}/next",
        NextOut,
        "The next most informative 'which would you rather have?' question",
        get_next,
    ),
    (
        _PARTY,
        ProfileOut,
        "A party's fitted profile with its answers, provenance and uncertainty",
        get_profile,
    ),
):
    reads(router, _path, _model, _summary, OWN)(_handler)


@_step("PUT", "/blind", "Mark privately what the party would accept (its own delegates only)")
def put_blind(
    request: Request, viewer: ViewerDep, nid: Nid, party: PartyId, body: BlindIn
) -> ElicitOut:
    return _record(request, viewer, nid, party, blind=body.model_dump(exclude_none=True))


@reads(
    router,
    "/negotiations/{nid}/facilitation/improve",
    ImproveOut,
    "Packages every party weakly prefers to the one on the table (mediator only)",
    OWN,
)
def get_improve(request: Request, viewer: ViewerDep, nid: Nid) -> ImproveOut:
    from accords.elicitation import improvements

    viewer.require_mediator("see the packages that improve on the table")
    state = load_state(record_of(request), nid)
    # the server's own Dask scheduler (the operator's setting, never the caller's)
    table, found = improvements(state, scheduler=os.environ.get("ACCORDS_SCHEDULER") or None)
    return ImproveOut(negotiation=nid, table=table, improvements=[i.to_json() for i in found])


@reads(
    router,
    "/negotiations/{nid}/facilitation/blind",
    BlindOut,
    "The blind-acceptance intersection, once every party has marked",
    OWN,
)
def get_blind(request: Request, viewer: ViewerDep, nid: Nid) -> BlindOut:
    from accords.elicitation import revealed

    if viewer.role == "observer" or (viewer.role == "party" and viewer.party is None):
        raise AccessDenied("blind acceptance is for the parties and the mediator")
    state = load_state(record_of(request), nid)
    marked, parties, together = revealed(state)
    return BlindOut(negotiation=nid, marked=marked, parties=parties, intersection=together)


def _extension() -> Extension | None:
    if importlib.util.find_spec("accords.elicit") is None:  # pragma: no cover
        return None
    from accords.service.elicit_pages import page_router, panels

    return Extension(name="elicitation", api_router=router, page_router=page_router, panels=panels)


extension = _extension()
