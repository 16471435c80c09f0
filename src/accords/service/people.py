"""The API's people routes: everyone may read them (public record); the mediator adds.

A person, their titles and their rounds go through the same commands as the
scenario file and ``accords person`` (:mod:`accords.scenario.people` builds them),
and through the same ``Record.execute``: a refusal is a 422 with the domain's
message, and nothing is recorded then.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from accords import clock
from accords.model import people as pp
from accords.model.entry import Id
from accords.model.state import State
from accords.scenario.people import (
    PersonSpec,
    TitleSpec,
    person_attendance,
    person_commands,
    title_command,
)
from accords.service.routing import (
    COMMON,
    Nid,
    RoundNo,
    ViewerDep,
    execute,
    load_state,
    reads,
    record_of,
    writes,
)
from accords.service.schemas import ID_PATTERN, ExpectedSeq, On, RecordedOut

__all__ = ["AttendanceIn", "PersonIn", "PersonOut", "TitleIn", "person_out", "router"]

PersonId = Annotated[str, Path(pattern=ID_PATTERN, description="a person id")]

#: Included by the app under /api, beside :data:`accords.service.api.router`.
router = APIRouter(tags=["people"], responses=COMMON)


class _Dated(BaseModel):
    """What a write adds to a scenario file's entry: its date and the head the client read."""

    on: On = None
    expected_seq: ExpectedSeq = None


class PersonIn(_Dated, PersonSpec):
    """A person, with any titles and rounds attended, recorded in one act."""


class TitleIn(_Dated, TitleSpec):
    pass


class AttendanceIn(BaseModel):
    """A person at a round; ``party`` when not the one they spoke for on its first day."""

    model_config = ConfigDict(extra="forbid")
    person: Id
    party: Id | None = None
    source: Annotated[str | None, Field(max_length=pp.MAX_SOURCE)] = None
    expected_seq: ExpectedSeq = None


class TitleOut(BaseModel):
    title: str
    start: str | None = Field(description="held from (YYYY-MM-DD), if known")
    end: str | None = Field(description="held until (YYYY-MM-DD), if known")
    party: str | None
    institution: str
    source: str | None


class AttendedOut(BaseModel):
    round: int
    party: str
    source: str | None


class PersonOut(BaseModel):
    """A public figure of the process: public record, shown to every viewer."""

    id: str
    name: str
    party: str | None = Field(description="the party they speak for (a dated title may differ)")
    spellings: list[str]
    honorifics: list[str]
    titles: list[TitleOut]
    rounds: list[AttendedOut]
    note: str
    source: str | None


def person_out(state: State, p: pp.Person) -> PersonOut:
    return PersonOut(
        id=p.id,
        name=p.name,
        party=p.party,
        spellings=list(p.spellings),
        honorifics=list(p.honorifics),
        titles=[
            TitleOut(
                title=t.title,
                start=t.start.isoformat() if t.start else None,
                end=t.end.isoformat() if t.end else None,
                party=t.party,
                institution=t.institution,
                source=t.source,
            )
            for t in p.titles
        ],
        rounds=[
            AttendedOut(round=a.round, party=a.party, source=a.source)
            for a in pp.rounds_of(state, p.id)
        ],
        note=p.note,
        source=p.source,
    )


@reads(
    router,
    "/negotiations/{nid}/people",
    list[PersonOut],
    "People: who speaks for whom, their titles and rounds (public record)",
)
def people(request: Request, viewer: ViewerDep, nid: Nid) -> list[PersonOut]:
    state = load_state(record_of(request), nid)
    return [person_out(state, p) for p in pp.people(state)]


@reads(router, "/negotiations/{nid}/people/{person}", PersonOut, "One person (public record)")
def person(request: Request, viewer: ViewerDep, nid: Nid, person: PersonId) -> PersonOut:
    state = load_state(record_of(request), nid)
    found = pp.PEOPLE.peek(state).people.get(person)
    if found is None:
        raise HTTPException(404, f"no person {person!r} in {nid!r}")
    return person_out(state, found)


@writes(
    router, "/negotiations/{nid}/people", "Add a person, with their titles and rounds (mediator)"
)
def add_person(request: Request, viewer: ViewerDep, nid: Nid, body: PersonIn) -> RecordedOut:
    viewer.require_mediator("add people")
    state = load_state(record_of(request), nid)
    on = body.on or clock.today()
    starts = {r.number: r.start for r in state.rounds.values()}
    commands = [cmd for _, cmd in person_commands(body, on)]
    commands += person_attendance(body, starts, on)
    return execute(request, viewer, nid, commands, body.expected_seq)


@writes(
    router,
    "/negotiations/{nid}/people/{person}/titles",
    "Record a title a person holds, with its dates (mediator)",
)
def add_title(
    request: Request, viewer: ViewerDep, nid: Nid, person: PersonId, body: TitleIn
) -> RecordedOut:
    viewer.require_mediator("record titles")
    load_state(record_of(request), nid)
    cmd = title_command(body, person, body.on or clock.today())
    return execute(request, viewer, nid, [cmd], body.expected_seq)


@writes(
    router,
    "/negotiations/{nid}/rounds/{number}/delegates",
    "Record a person at a round, in a party's delegation (mediator)",
)
def add_delegate(
    request: Request, viewer: ViewerDep, nid: Nid, number: RoundNo, body: AttendanceIn
) -> RecordedOut:
    viewer.require_mediator("record delegations")
    state = load_state(record_of(request), nid)
    r = state.rounds.get(number)
    if r is None:
        raise HTTPException(404, f"no round {number} in the record of {nid!r}")
    cmd = pp.RecordAttendance(
        on=r.start, source=body.source, person=body.person, number=number, party=body.party
    )
    return execute(request, viewer, nid, [cmd], body.expected_seq)
