"""The REST API under /api: the record's commands and views, one viewer at a time.

Writes build the same commands as the scenario loader (``accords.scenario.build``)
and go through the same ``Record.execute``: a refused move is a 422 carrying the
domain's message, a stale ``expected_seq`` or a lost race is a 409, and nothing
is recorded then. Reads never show another party's confidential data: the log
is redacted per viewer, and preferences answer 403 to anyone but that party's
delegates and the mediator.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials

from accords import clock
from accords.application import Record
from accords.errors import RefusedMove
from accords.model import State
from accords.model import commands as c
from accords.model.limits import MAX_ROUND
from accords.scenario.build import (
    linkage_command,
    part_command,
    party_command,
    preferences_command,
    round_commands,
)
from accords.scenario.preferences import PreferencesSpec
from accords.service import record as recording
from accords.service import views
from accords.service.auth import Viewer, bearer_scheme
from accords.service.dating import dated
from accords.service.record import validation_message
from accords.service.schemas import (
    ID_PATTERN,
    CloseRoundIn,
    ErrorOut,
    FrameworkOut,
    HeadOut,
    LinkageIn,
    LogEventOut,
    MoveIn,
    MoveOut,
    NegotiationIn,
    NegotiationOut,
    NegotiationSummary,
    NoteIn,
    NotesOut,
    OptionIn,
    PartIn,
    PartyIn,
    PartyOut,
    PreferencesOut,
    RecordedOut,
    RoundIn,
    RoundOut,
    StatusOut,
    VerifyOut,
    WhoAmIOut,
)

__all__ = ["api_viewer", "load_state", "record_of", "router", "validation_message"]


def _err(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


#: Answers any route may give.
COMMON: dict[int | str, dict[str, Any]] = {
    401: _err("no token, or an invalid or revoked one"),
    413: _err("the request body is larger than the server's limit (1 MB by default)"),
    422: _err("the request does not validate (or the move is refused)"),
    429: _err("too many failed authentications from this address; see Retry-After"),
    503: _err("the database cannot be used right now"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _err("no such negotiation, party or round")}
FORBIDDEN: dict[int | str, dict[str, Any]] = {403: _err("this viewer may not see or do this")}
BAD_BODY: dict[int | str, dict[str, Any]] = {400: _err("the body is not valid JSON")}
WRITE: dict[int | str, dict[str, Any]] = {
    **BAD_BODY,
    **NOT_FOUND,
    **FORBIDDEN,
    409: _err("the log moved on since expected_seq (or a concurrent write won); re-read"),
    422: _err("the move is refused by the rules (the message says why), or does not validate"),
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

router = APIRouter(prefix="/api", tags=["api"], responses=COMMON)


def record_of(request: Request) -> Record:
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


def _today() -> date:
    return clock.today()


def _execute(
    request: Request,
    viewer: Viewer,
    nid: str,
    commands: list[c.Command],
    expected_seq: int | None,
    *,
    exists: bool = True,
) -> RecordedOut:
    record = record_of(request)
    if exists and record.store.head(nid) == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    events = record.execute_many(
        nid, commands, recorded_by=viewer.recorded_by, expected_seq=expected_seq
    )
    head = events[-1].seq if events else record.store.head(nid)
    return views.recorded_out(nid, events, head)


# -- who am I ------------------------------------------------------------------------


@router.get("/whoami", response_model=WhoAmIOut, summary="What this token grants")
def whoami(viewer: ViewerDep) -> WhoAmIOut:
    return WhoAmIOut(token=viewer.token, role=viewer.role, party=viewer.party)


# -- negotiations --------------------------------------------------------------------


@router.get("/negotiations", response_model=list[NegotiationSummary], summary="Negotiations")
def negotiations(request: Request, viewer: ViewerDep) -> list[NegotiationSummary]:
    record = record_of(request)
    return [views.summary_out(record.state(n)) for n in record.negotiations() if viewer.may_open(n)]


@router.post(
    "/negotiations",
    response_model=RecordedOut,
    status_code=201,
    responses={**BAD_BODY, **FORBIDDEN, 409: _err("a negotiation with this id exists")},
    summary="Start a negotiation (mediator)",
)
def create_negotiation(request: Request, viewer: ViewerDep, body: NegotiationIn) -> RecordedOut:
    viewer.require_mediator("start a negotiation")
    viewer.require_open(body.id)
    cmd = c.CreateNegotiation(
        on=dated(record_of(request), viewer, body.id, body.on),
        id=body.id,
        title=body.title,
        description=body.description,
        source=body.source,
    )
    return _execute(request, viewer, body.id, [cmd], 0, exists=False)


@router.get(
    "/negotiations/{nid}",
    response_model=NegotiationOut,
    responses=NOT_FOUND,
    summary="A negotiation: parties, framework, rounds",
)
def negotiation(request: Request, viewer: ViewerDep, nid: Nid) -> NegotiationOut:
    return views.negotiation_out(load_state(record_of(request), nid))


# -- framework -----------------------------------------------------------------------


@router.get(
    "/negotiations/{nid}/framework",
    response_model=FrameworkOut,
    responses=NOT_FOUND,
    summary="The framework: parts, options, linkages",
)
def framework(request: Request, viewer: ViewerDep, nid: Nid) -> FrameworkOut:
    return views.framework_out(load_state(record_of(request), nid))


@router.post(
    "/negotiations/{nid}/framework/parts",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Add a part (mediator)",
)
def add_part(request: Request, viewer: ViewerDep, nid: Nid, body: PartIn) -> RecordedOut:
    viewer.require_mediator("change the framework")
    cmd = part_command(body, dated(record_of(request), viewer, nid, body.on))
    return _execute(request, viewer, nid, [cmd], body.expected_seq)


@router.post(
    "/negotiations/{nid}/framework/parts/{part}/options",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Add an option to a part (mediator)",
)
def add_option(
    request: Request, viewer: ViewerDep, nid: Nid, part: PartId, body: OptionIn
) -> RecordedOut:
    viewer.require_mediator("change the framework")
    on = dated(record_of(request), viewer, nid, body.on)
    cmd = c.AddOption(on=on, part=part, id=body.id, text=body.text)
    return _execute(request, viewer, nid, [cmd], body.expected_seq)


@router.post(
    "/negotiations/{nid}/framework/linkages",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Tie two parts or options together (mediator)",
)
def add_linkage(request: Request, viewer: ViewerDep, nid: Nid, body: LinkageIn) -> RecordedOut:
    viewer.require_mediator("change the framework")
    cmd = linkage_command(body, dated(record_of(request), viewer, nid, body.on))
    return _execute(request, viewer, nid, [cmd], body.expected_seq)


# -- parties -------------------------------------------------------------------------


@router.get(
    "/negotiations/{nid}/parties",
    response_model=list[PartyOut],
    responses=NOT_FOUND,
    summary="Parties, mediators, hosts, observers",
)
def parties(request: Request, viewer: ViewerDep, nid: Nid) -> list[PartyOut]:
    return views.parties_out(load_state(record_of(request), nid))


@router.post(
    "/negotiations/{nid}/parties",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Add a party (mediator)",
)
def add_party(request: Request, viewer: ViewerDep, nid: Nid, body: PartyIn) -> RecordedOut:
    viewer.require_mediator("add parties")
    cmd = party_command(body, dated(record_of(request), viewer, nid, body.on))
    return _execute(request, viewer, nid, [cmd], body.expected_seq)


# -- rounds --------------------------------------------------------------------------


@router.get(
    "/negotiations/{nid}/rounds",
    response_model=list[RoundOut],
    responses=NOT_FOUND,
    summary="Rounds of talks",
)
def rounds(request: Request, viewer: ViewerDep, nid: Nid) -> list[RoundOut]:
    return views.rounds_out(load_state(record_of(request), nid))


@router.post(
    "/negotiations/{nid}/rounds",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Open a round (and close it, when its end is given) (mediator)",
)
def open_round(request: Request, viewer: ViewerDep, nid: Nid, body: RoundIn) -> RecordedOut:
    viewer.require_mediator("open rounds")
    opened, closed = round_commands(body)
    cmds: list[c.Command] = [opened] if closed is None else [opened, closed]
    return _execute(request, viewer, nid, cmds, body.expected_seq)


@router.post(
    "/negotiations/{nid}/rounds/{number}/close",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Close a round (mediator)",
)
def close_round(
    request: Request, viewer: ViewerDep, nid: Nid, number: RoundNo, body: CloseRoundIn
) -> RecordedOut:
    viewer.require_mediator("close rounds")
    on = dated(record_of(request), viewer, nid, body.on)
    cmd = c.CloseRound(on=on, number=number, note=body.note)
    return _execute(request, viewer, nid, [cmd], body.expected_seq)


# -- moves ---------------------------------------------------------------------------


@router.get(
    "/negotiations/{nid}/moves",
    response_model=list[MoveOut],
    responses=NOT_FOUND,
    summary="The proposal history: every move, oldest first",
)
def moves(request: Request, viewer: ViewerDep, nid: Nid, round: RoundQ = None) -> list[MoveOut]:
    record = record_of(request)
    load_state(record, nid, round=round)
    return views.history(record.events(nid), upto_round=round)


@router.post(
    "/negotiations/{nid}/moves",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Record a move (a delegate for its own party; the mediator for any)",
)
def record_move(request: Request, viewer: ViewerDep, nid: Nid, body: MoveIn) -> RecordedOut:
    record = record_of(request)
    events = recording.record_move(
        record,
        viewer,
        nid,
        {**body.model_dump(exclude={"on", "expected_seq"}), "date": body.on},
        expected_seq=body.expected_seq,
        missing=lambda nid: HTTPException(404, f"no negotiation {nid!r}"),
    )
    head = events[-1].seq if events else record.store.head(nid)
    return views.recorded_out(nid, events, head)


# -- reading the board and the log ---------------------------------------------------


@router.get(
    "/negotiations/{nid}/status",
    response_model=StatusOut,
    responses=NOT_FOUND,
    summary="The board: now, as of a date, or as of a round",
)
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


@router.get(
    "/negotiations/{nid}/log",
    response_model=list[LogEventOut],
    responses=NOT_FOUND,
    summary="The event log, confidential payloads redacted for this viewer",
)
def log(request: Request, viewer: ViewerDep, nid: Nid) -> list[LogEventOut]:
    record = record_of(request)
    load_state(record, nid)
    return views.log_out(record.events(nid), viewer.sees_as)


@router.get(
    "/negotiations/{nid}/head",
    response_model=HeadOut,
    responses=NOT_FOUND,
    summary="The last event's sequence number and hash (cheap; for expected_seq)",
)
def head(request: Request, viewer: ViewerDep, nid: Nid) -> HeadOut:
    record = record_of(request)
    seq = record.store.head(nid)
    if seq == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    last = next(iter(record.store.read(nid, after=seq - 1, upto=seq)))
    return HeadOut(negotiation=nid, head=last.seq, hash=last.hash)


@router.get(
    "/negotiations/{nid}/verify",
    response_model=VerifyOut,
    responses=NOT_FOUND,
    summary="Walk the hash chain",
)
def verify(request: Request, viewer: ViewerDep, nid: Nid) -> VerifyOut:
    record = record_of(request)
    if record.store.head(nid) == 0:
        raise HTTPException(404, f"no negotiation {nid!r}")
    return views.verify_out(record.store.verify(nid))


# -- confidential --------------------------------------------------------------------


@router.get(
    "/negotiations/{nid}/preferences/{party}",
    response_model=PreferencesOut,
    responses={**NOT_FOUND, **FORBIDDEN},
    summary="A party's preferences (that party's delegates and the mediator only)",
)
def preferences(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> PreferencesOut:
    viewer.require_confidential(party)
    state = load_state(record_of(request), nid)
    if party not in state.parties:
        raise HTTPException(404, f"no party {party!r} in {nid!r}")
    prefs = state.preferences.get(party)
    return PreferencesOut(negotiation=nid, party=party, preferences=prefs)


@router.put(
    "/negotiations/{nid}/preferences/{party}",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Record a party's preferences (that party's delegates and the mediator only)",
)
def set_preferences(
    request: Request, viewer: ViewerDep, nid: Nid, party: PartyId, body: PreferencesSpec
) -> RecordedOut:
    viewer.require_confidential(party)
    viewer.require_record_for(party)
    cmd = preferences_command(party, body, _today())
    return _execute(request, viewer, nid, [cmd], None)


@router.get(
    "/negotiations/{nid}/notes/{party}",
    response_model=NotesOut,
    responses={**NOT_FOUND, **FORBIDDEN},
    summary="A party's private notes (that party's delegates and the mediator only)",
)
def notes(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> NotesOut:
    viewer.require_confidential(party)
    record = record_of(request)
    state = load_state(record, nid)
    if party not in state.parties:
        raise HTTPException(404, f"no party {party!r} in {nid!r}")
    return NotesOut(negotiation=nid, party=party, notes=views.notes_of(record.events(nid), party))


@router.post(
    "/negotiations/{nid}/notes",
    response_model=RecordedOut,
    status_code=201,
    responses=WRITE,
    summary="Keep a private note for a party (its delegates and the mediator only)",
)
def add_note(request: Request, viewer: ViewerDep, nid: Nid, body: NoteIn) -> RecordedOut:
    viewer.require_record_for(body.by)
    cmd = c.RecordNote(
        on=dated(record_of(request), viewer, nid, body.on, body.round),
        round=body.round,
        party=body.by,
        text=body.text,
        part=body.part,
    )
    return _execute(request, viewer, nid, [cmd], body.expected_seq)
