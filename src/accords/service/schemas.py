"""What the API reads and returns: pydantic models, so the OpenAPI document is true.

Request bodies reuse the scenario file's specs (a party, a part, a linkage, a
round, preferences): what a file may say, a client may send, validated the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from accords.model.entry import Id, MoveEntry, On, RoundNumber
from accords.model.rules import ID_PATTERN
from accords.scenario.schema import LinkageSpec, OptionSpec, PartSpec, PartySpec, RoundSpec

__all__ = [
    "ID_PATTERN",
    "CloseRoundIn",
    "DelegateOut",
    "ErrorOut",
    "FrameworkOut",
    "HeadOut",
    "LinkageIn",
    "LinkageOut",
    "LogEventOut",
    "MoveIn",
    "MoveOut",
    "NegotiationIn",
    "NegotiationOut",
    "NegotiationSummary",
    "NoteIn",
    "NoteOut",
    "NotesOut",
    "On",
    "OptionIn",
    "OptionOut",
    "PartIn",
    "PartOut",
    "PartStatusOut",
    "PartyIn",
    "PartyOut",
    "PreferencesOut",
    "RecordedEvent",
    "RecordedOut",
    "RefusalOut",
    "RoundIn",
    "RoundOut",
    "StanceDetailOut",
    "StatusOut",
    "VerifyOut",
    "WhoAmIOut",
    "Written",
]

ExpectedSeq = Annotated[
    int | None,
    Field(
        default=None,
        ge=0,
        le=2**53,
        description="the sequence number of the last event the client read; "
        "a stale one is refused with 409 and nothing is recorded",
    ),
]


class ErrorOut(BaseModel):
    """Every error: one line written for the person who made the mistake."""

    detail: str


# -- requests ------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Written(BaseModel):
    """What every write adds to its entry: the day (default today, UTC) and the head the
    client read (a stale one is refused with 409). First in the bases, last in the body."""

    on: On = None
    expected_seq: ExpectedSeq = None


class NegotiationIn(_In):
    id: Id
    title: Annotated[str, Field(min_length=1, max_length=500)]
    description: str = ""
    on: On = None
    source: str | None = None


class PartyIn(Written, PartySpec):
    pass


class PartIn(Written, PartSpec):
    pass


class OptionIn(Written, OptionSpec):
    pass


class LinkageIn(Written, LinkageSpec):
    pass


class RoundIn(RoundSpec):
    expected_seq: ExpectedSeq = None


class CloseRoundIn(_In):
    on: On = None
    note: str = ""
    expected_seq: ExpectedSeq = None


class MoveIn(Written, MoveEntry):
    """A move, as in a scenario's history but with ``on`` for its date; ``by`` must be the
    caller's party unless mediator."""


# -- responses -----------------------------------------------------------------------


class WhoAmIOut(BaseModel):
    token: str = Field(description="the token's public id")
    role: Literal["mediator", "party", "observer"]
    party: str | None


class NegotiationSummary(BaseModel):
    id: str
    title: str
    events: int
    agreement: str
    summary: str


class PartyOut(BaseModel):
    id: str
    name: str
    role: str
    aliases: list[str]


class OptionOut(BaseModel):
    id: str
    text: str


class PartOut(BaseModel):
    id: str
    title: str
    text: str
    signatories: list[str]
    rule: dict[str, Any]
    options: list[OptionOut]
    numeric: dict[str, Any] | None = Field(
        default=None, description="a numeric part's range: kind, min, max, step, unit"
    )


class LinkageOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    kind: str
    from_: str = Field(alias="from")
    to: str
    note: str
    describe: str


class RefusalOut(BaseModel):
    party: str
    refused_to_meet: list[str]


class DelegateOut(BaseModel):
    """A person at a round (public record: :mod:`accords.model.people`)."""

    person: str
    name: str
    party: str


class RoundOut(BaseModel):
    number: int
    start: date
    end: date | None
    venue: str
    attended: list[str]
    absent: list[str]
    refusals: list[RefusalOut]
    note: str
    source: str | None
    delegates: list[DelegateOut] = Field(
        default_factory=list, description="who sat at the round, and for whom"
    )


class FrameworkOut(BaseModel):
    parts: list[PartOut]
    linkages: list[LinkageOut]
    accepted_by: dict[str, date] = Field(description="party -> the day it accepted the framework")


class NegotiationOut(BaseModel):
    id: str
    title: str
    description: str
    source: str | None
    events: int = Field(description="the sequence number of the last event (send as expected_seq)")
    agreement: str
    summary: str
    parties: list[PartyOut]
    framework: FrameworkOut
    rounds: list[RoundOut]


class StanceDetailOut(BaseModel):
    stance: str = Field(description="supports, accepts, reserves, rejects or silent")
    option: str | None = None
    level: str | None = None
    bound: str | None = Field(default=None, description="at-most or at-least (numeric parts)")
    note: str | None = None
    on: str | None = None


class PartStatusOut(BaseModel):
    id: str
    title: str
    status: str
    option: str | None
    stances: dict[str, str] = Field(description="signatory -> its stance word")
    stance_details: dict[str, StanceDetailOut]
    missing: str


class StatusOut(BaseModel):
    negotiation: str
    title: str
    view: str = Field(description='"now", "as of round N" or "as of YYYY-MM-DD"')
    round: int | None
    agreement: str
    summary: str = Field(description='the package line, e.g. "Nothing is agreed: …"')
    as_of: str | None = Field(description="the date of the latest event in this view")
    events: int
    concluded_on: str | None
    confirmations: dict[str, str]
    signatures: dict[str, str]
    framework_accepted_by: list[str]
    parts: list[PartStatusOut]


class MoveOut(BaseModel):
    """One move in the proposal history."""

    seq: int
    on: date
    move: str
    by: str | None
    part: str | None
    option: str | None
    level: str | None
    note: str
    round: int | None
    recorded_at: str = Field(description="when it was recorded (UTC timestamp)")
    recorded_by: str = Field(description="who recorded it (the role and token id)")
    backfilled: bool = Field(description="dated before the day it was recorded")


class LogEventOut(BaseModel):
    seq: int
    type: str
    occurred_on: date
    recorded_at: str
    recorded_by: str
    payload: dict[str, Any] = Field(description="confidential payloads only for their party")
    prev_hash: str
    hash: str


class VerifyOut(BaseModel):
    negotiation: str
    events: int
    ok: bool
    first_bad_seq: int | None
    reason: str
    head_hash: str


class HeadOut(BaseModel):
    """The end of the log: what a writer sends back as ``expected_seq``."""

    negotiation: str
    head: int
    hash: str


class RecordedEvent(BaseModel):
    seq: int
    type: str
    occurred_on: date
    hash: str


class RecordedOut(BaseModel):
    negotiation: str
    head: int = Field(description="the sequence number of the last event now")
    events: list[RecordedEvent]


class NoteIn(_In):
    """A private note: confidential to its party (and the mediator)."""

    by: Id
    text: Annotated[str, Field(min_length=1)]
    part: Id | None = None
    round: RoundNumber = None
    on: On = None
    expected_seq: ExpectedSeq = None


class NoteOut(BaseModel):
    on: str
    text: str
    part: str | None = None


class NotesOut(BaseModel):
    negotiation: str
    party: str
    notes: list[NoteOut] = Field(description="confidential")


class PreferencesOut(BaseModel):
    negotiation: str
    party: str
    preferences: dict[str, Any] | None = Field(
        description="confidential; null when none are recorded"
    )
