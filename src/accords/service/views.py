"""The record as the API and the pages show it, one viewer at a time.

Pure functions from the model's state and the stored events to response models;
the API returns them as JSON and the pages render them, so the two never differ.
Nothing here reads preferences except :func:`preferences_for`, which the caller
guards.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from accords.ledger.store import StoredEvent, Verification
from accords.model import State, status_dict
from accords.model.events import redact
from accords.model.viewer import Viewer
from accords.scenario.build import EVENT_MOVES
from accords.service.schemas import (
    FrameworkOut,
    LinkageOut,
    LogEventOut,
    MoveOut,
    NegotiationOut,
    NegotiationSummary,
    NoteOut,
    PartOut,
    PartStatusOut,
    PartyOut,
    RecordedEvent,
    RecordedOut,
    RoundOut,
    StatusOut,
    VerifyOut,
)

__all__ = [
    "framework_out",
    "history",
    "log_out",
    "negotiation_out",
    "notes_of",
    "parties_out",
    "recorded_out",
    "rounds_out",
    "status_out",
    "summary_out",
    "verify_out",
]


def summary_out(state: State) -> NegotiationSummary:
    data = status_dict(state)
    return NegotiationSummary(
        id=state.id,
        title=state.title,
        events=state.events,
        agreement=data["agreement"],
        summary=data["summary"],
    )


def parties_out(state: State) -> list[PartyOut]:
    return [
        PartyOut(id=p.id, name=p.name, role=p.role, aliases=list(p.aliases))
        for p in state.parties.values()
    ]


def framework_out(state: State) -> FrameworkOut:
    return FrameworkOut(
        parts=[PartOut.model_validate(ps.part.to_dict()) for ps in state.parts.values()],
        linkages=[
            LinkageOut(
                kind=link.kind,
                from_=link.from_ref,
                to=link.to_ref,
                note=link.note,
                describe=link.describe(),
            )
            for link in state.linkages
        ],
        accepted_by=dict(state.framework_accepted),
    )


def rounds_out(state: State) -> list[RoundOut]:
    """The rounds, each with the delegates who sat at it (people are public record)."""
    from accords.model.people import PEOPLE

    book = PEOPLE.peek(state)
    return [
        RoundOut.model_validate(
            {
                **r.to_dict(),
                "delegates": [
                    {"person": a.person, "name": book.people[a.person].name, "party": a.party}
                    for a in book.attendance
                    if a.round == r.number
                ],
            }
        )
        for r in state.rounds_in_order()
    ]


def negotiation_out(state: State) -> NegotiationOut:
    """The summary (id, title, head, where the agreement stands) and everything else public."""
    return NegotiationOut(
        **summary_out(state).model_dump(),
        description=state.description,
        source=state.source,
        parties=parties_out(state),
        framework=framework_out(state),
        rounds=rounds_out(state),
    )


def status_out(state: State, *, as_of: date | None = None, round: int | None = None) -> StatusOut:
    data = status_dict(state)
    view = (
        f"as of round {round}"
        if round is not None
        else f"as of {as_of.isoformat()}"
        if as_of is not None
        else "now"
    )
    return StatusOut(
        negotiation=data["negotiation"],
        title=data["title"],
        view=view,
        round=round,
        agreement=data["agreement"],
        summary=data["summary"],
        as_of=as_of.isoformat() if as_of is not None else data["as_of"],
        events=data["events"],
        concluded_on=data["concluded_on"],
        confirmations=data["confirmations"],
        signatures=data["signatures"],
        framework_accepted_by=data["framework_accepted_by"],
        parts=[PartStatusOut(**p) for p in data["parts"]],
    )


def history(events: Iterable[StoredEvent], upto_round: int | None = None) -> list[MoveOut]:
    """The moves (proposals, acceptances, reservations …), oldest first; all public."""
    out: list[MoveOut] = []
    for e in events:
        move = EVENT_MOVES.get(e.type)
        if move is None:
            continue
        p = e.payload
        tagged = p.get("round")
        if upto_round is not None and tagged is not None and int(tagged) > upto_round:
            continue
        out.append(
            MoveOut(
                seq=e.seq,
                on=e.occurred_on,
                move=move,
                by=p.get("party"),
                part=p.get("part"),
                option=p.get("option"),
                level=p.get("level"),
                note=str(p.get("note", "")),
                round=int(tagged) if tagged is not None else None,
                recorded_at=e.recorded_at,
                recorded_by=e.recorded_by,
                backfilled=e.occurred_on.isoformat() < e.recorded_at[:10],
            )
        )
    return out


def log_out(events: Iterable[StoredEvent], viewer: Viewer) -> list[LogEventOut]:
    """The event log as ``viewer`` (typed: mediator, a delegate, an observer) may read it."""
    return [
        LogEventOut(
            seq=e.seq,
            type=e.type,
            occurred_on=e.occurred_on,
            recorded_at=e.recorded_at,
            recorded_by=e.recorded_by,
            payload=redact(e.type, e.payload, viewer),
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in events
    ]


def notes_of(events: Iterable[StoredEvent], party: str) -> list[NoteOut]:
    """A party's private notes, oldest first (confidential: the caller checks who asks)."""
    return [
        NoteOut(
            on=e.occurred_on.isoformat(), text=str(e.payload["text"]), part=e.payload.get("part")
        )
        for e in events
        if e.type == "note-recorded" and e.payload.get("party") == party
    ]


def verify_out(v: Verification) -> VerifyOut:
    """The ledger's verdict on a chain, field for field (the answer names them alike)."""
    return VerifyOut.model_validate(v, from_attributes=True)


def recorded_out(negotiation: str, events: list[StoredEvent], head: int) -> RecordedOut:
    return RecordedOut(
        negotiation=negotiation,
        head=head,
        events=[
            RecordedEvent(seq=e.seq, type=e.type, occurred_on=e.occurred_on, hash=e.hash)
            for e in events
        ],
    )
