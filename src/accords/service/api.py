"""The REST API under /api: the record's commands and views, one viewer at a time.

Writes build the same commands as the scenario loader (``accords.scenario.build``)
and go through the same ``Record.execute``: a refused move is a 422 carrying the
domain's message, a stale ``expected_seq`` or a lost race is a 409, and nothing
is recorded then. Reads never show another party's confidential data: the log
is redacted per viewer, and preferences answer 403 to anyone but that party's
delegates and the mediator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request

from accords import clock
from accords.model import State
from accords.model import commands as c
from accords.scenario.build import (
    linkage_command,
    part_command,
    party_command,
    preferences_command,
    round_commands,
)
from accords.scenario.preferences import PreferencesSpec
from accords.service import board_api, views
from accords.service import record as recording
from accords.service.auth import Viewer
from accords.service.dating import dated
from accords.service.record import validation_message
from accords.service.routing import (
    BAD_BODY,
    COMMON,
    FORBIDDEN,
    NOT_FOUND,
    Nid,
    PartId,
    PartyId,
    RoundNo,
    RoundQ,
    Route,
    ViewerDep,
    api_viewer,
    error_answer,
    execute,
    load_state,
    reads,
    record_of,
    writes,
)
from accords.service.schemas import (
    CloseRoundIn,
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


router = APIRouter(prefix="/api", tags=["api"], responses=COMMON)


def _today() -> date:
    """The server's date: the one clock's (tests pin it through this name)."""
    return clock.today()


_Framed = TypeVar("_Framed", PartIn, PartyIn, LinkageIn)


def _by_mediator(
    request: Request,
    viewer: Viewer,
    nid: str,
    doing: str,
    build: Callable[[_Framed, date], c.Command],
    body: _Framed,
) -> RecordedOut:
    """A change of the framework or the parties: the mediator's alone, built by the scenario
    loader's own ``build`` (so a file and the API make the same command), dated by ``body.on``."""
    viewer.require_mediator(doing)
    cmd = build(body, dated(record_of(request), viewer, nid, body.on))
    return execute(request, viewer, nid, [cmd], body.expected_seq)


# -- who am I ------------------------------------------------------------------------


@router.get("/whoami", response_model=WhoAmIOut, summary="What this token grants")
def whoami(viewer: ViewerDep) -> WhoAmIOut:
    return WhoAmIOut(token=viewer.token, role=viewer.role, party=viewer.party)


# -- negotiations --------------------------------------------------------------------


@router.get("/negotiations", response_model=list[NegotiationSummary], summary="Negotiations")
def negotiations(request: Request, viewer: ViewerDep) -> list[NegotiationSummary]:
    record = record_of(request)
    return [views.summary_out(record.state(n)) for n in record.negotiations() if viewer.may_open(n)]


@writes(
    router,
    "/negotiations",
    "Start a negotiation (mediator)",
    responses={**BAD_BODY, **FORBIDDEN, 409: error_answer("a negotiation with this id exists")},
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
    return execute(request, viewer, body.id, [cmd], 0, exists=False)


@reads(router, "/negotiations/{nid}", NegotiationOut, "A negotiation: parties, framework, rounds")
def negotiation(request: Request, viewer: ViewerDep, nid: Nid) -> NegotiationOut:
    return views.negotiation_out(load_state(record_of(request), nid))


# -- framework -----------------------------------------------------------------------


@reads(
    router, "/negotiations/{nid}/framework", FrameworkOut, "The framework: parts, options, linkages"
)
def framework(request: Request, viewer: ViewerDep, nid: Nid) -> FrameworkOut:
    return views.framework_out(load_state(record_of(request), nid))


@writes(router, "/negotiations/{nid}/framework/parts", "Add a part (mediator)")
def add_part(request: Request, viewer: ViewerDep, nid: Nid, body: PartIn) -> RecordedOut:
    return _by_mediator(request, viewer, nid, "change the framework", part_command, body)


@writes(
    router,
    "/negotiations/{nid}/framework/parts/{part}/options",
    "Add an option to a part (mediator)",
)
def add_option(
    request: Request, viewer: ViewerDep, nid: Nid, part: PartId, body: OptionIn
) -> RecordedOut:
    viewer.require_mediator("change the framework")
    on = dated(record_of(request), viewer, nid, body.on)
    cmd = c.AddOption(on=on, part=part, id=body.id, text=body.text)
    return execute(request, viewer, nid, [cmd], body.expected_seq)


@writes(
    router, "/negotiations/{nid}/framework/linkages", "Tie two parts or options together (mediator)"
)
def add_linkage(request: Request, viewer: ViewerDep, nid: Nid, body: LinkageIn) -> RecordedOut:
    return _by_mediator(request, viewer, nid, "change the framework", linkage_command, body)


# -- parties -------------------------------------------------------------------------


@reads(
    router, "/negotiations/{nid}/parties", list[PartyOut], "Parties, mediators, hosts, observers"
)
def parties(request: Request, viewer: ViewerDep, nid: Nid) -> list[PartyOut]:
    return views.parties_out(load_state(record_of(request), nid))


@writes(router, "/negotiations/{nid}/parties", "Add a party (mediator)")
def add_party(request: Request, viewer: ViewerDep, nid: Nid, body: PartyIn) -> RecordedOut:
    return _by_mediator(request, viewer, nid, "add parties", party_command, body)


# -- rounds --------------------------------------------------------------------------


@reads(router, "/negotiations/{nid}/rounds", list[RoundOut], "Rounds of talks")
def rounds(request: Request, viewer: ViewerDep, nid: Nid) -> list[RoundOut]:
    return views.rounds_out(load_state(record_of(request), nid))


@writes(
    router,
    "/negotiations/{nid}/rounds",
    "Open a round (and close it, when its end is given) (mediator)",
)
def open_round(request: Request, viewer: ViewerDep, nid: Nid, body: RoundIn) -> RecordedOut:
    viewer.require_mediator("open rounds")
    opened, closed = round_commands(body)
    cmds: list[c.Command] = [opened] if closed is None else [opened, closed]
    return execute(request, viewer, nid, cmds, body.expected_seq)


@writes(router, "/negotiations/{nid}/rounds/{number}/close", "Close a round (mediator)")
def close_round(
    request: Request, viewer: ViewerDep, nid: Nid, number: RoundNo, body: CloseRoundIn
) -> RecordedOut:
    viewer.require_mediator("close rounds")
    on = dated(record_of(request), viewer, nid, body.on)
    cmd = c.CloseRound(on=on, number=number, note=body.note)
    return execute(request, viewer, nid, [cmd], body.expected_seq)


# -- moves ---------------------------------------------------------------------------


@reads(
    router,
    "/negotiations/{nid}/moves",
    list[MoveOut],
    "The proposal history: every move, oldest first",
)
def moves(request: Request, viewer: ViewerDep, nid: Nid, round: RoundQ = None) -> list[MoveOut]:
    record = record_of(request)
    load_state(record, nid, round=round)
    return views.history(record.events(nid), upto_round=round)


@writes(
    router,
    "/negotiations/{nid}/moves",
    "Record a move (a delegate for its own party; the mediator for any)",
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


# -- reading the board and the log (the handlers are in board_api) ----------------

_BOARD: list[tuple[str, Any, str, Callable[..., Any]]] = [
    (
        "/negotiations/{nid}/status",
        StatusOut,
        "The board: now, as of a date, or as of a round",
        board_api.status,
    ),
    (
        "/negotiations/{nid}/log",
        list[LogEventOut],
        "The event log, confidential payloads redacted for this viewer",
        board_api.log,
    ),
    (
        "/negotiations/{nid}/head",
        HeadOut,
        "The last event's sequence number and hash (cheap; for expected_seq)",
        board_api.head,
    ),
    ("/negotiations/{nid}/verify", VerifyOut, "Walk the hash chain", board_api.verify),
]
for _path, _model, _summary, _handler in _BOARD:
    reads(router, _path, _model, _summary)(_handler)


# -- confidential --------------------------------------------------------------------


def _confidential(kind: str, what: str, model: Any) -> Callable[[Route], Route]:
    """A GET of one party's ``kind`` (``what`` in the summary): 403 but to that party's
    delegates and the mediator, 404 when the negotiation or the party is unknown."""
    return reads(
        router,
        f"/negotiations/{{nid}}/{kind}/{{party}}",
        model,
        f"A party's {what} (that party's delegates and the mediator only)",
        {**NOT_FOUND, **FORBIDDEN},
    )


def _party_state(request: Request, viewer: Viewer, nid: str, party: str) -> State:
    """The state, once the viewer may see ``party``'s confidential data and the party exists."""
    viewer.require_confidential(party)
    state = load_state(record_of(request), nid)
    if party not in state.parties:
        raise HTTPException(404, f"no party {party!r} in {nid!r}")
    return state


@_confidential("preferences", "preferences", PreferencesOut)
def preferences(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> PreferencesOut:
    prefs = _party_state(request, viewer, nid, party).preferences.get(party)
    return PreferencesOut(negotiation=nid, party=party, preferences=prefs)


@writes(
    router,
    "/negotiations/{nid}/preferences/{party}",
    "Record a party's preferences (that party's delegates and the mediator only)",
    method="PUT",
)
def set_preferences(
    request: Request, viewer: ViewerDep, nid: Nid, party: PartyId, body: PreferencesSpec
) -> RecordedOut:
    viewer.require_confidential(party)
    viewer.require_record_for(party)
    cmd = preferences_command(party, body, _today())
    return execute(request, viewer, nid, [cmd], None)


@_confidential("notes", "private notes", NotesOut)
def notes(request: Request, viewer: ViewerDep, nid: Nid, party: PartyId) -> NotesOut:
    _party_state(request, viewer, nid, party)
    kept = views.notes_of(record_of(request).events(nid), party)
    return NotesOut(negotiation=nid, party=party, notes=kept)


@writes(
    router,
    "/negotiations/{nid}/notes",
    "Keep a private note for a party (its delegates and the mediator only)",
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
    return execute(request, viewer, nid, [cmd], body.expected_seq)
