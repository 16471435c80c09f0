"""The scenario file: one schema (pydantic) for YAML and JSON alike.

A scenario describes a negotiation — parties, framework, rounds, history and
each party's confidential preferences — and is how users start. ``accords
schema`` prints this schema as JSON Schema.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from accords.errors import RefusedMove
from accords.model.entry import Id, MoveEntry, Number, Source
from accords.model.framework import LinkageKind, Role
from accords.model.moves import MoveKind
from accords.model.numeric import NumericKind, NumericRange
from accords.scenario._spec import Spec as _Spec
from accords.scenario.extras import (
    ContextSpec,
    ObligationSpec,
    ParticipationMove,
    PaxSpec,
    PerformanceSpec,
    TextSpec,
)
from accords.scenario.people import PersonSpec
from accords.scenario.preferences import PreferencesSpec

__all__ = [
    "HistoryMove",
    "Id",
    "LinkageSpec",
    "MoveKind",
    "NegotiationSpec",
    "Number",
    "NumericSpec",
    "OptionSpec",
    "PartSpec",
    "PartySpec",
    "RefusalSpec",
    "RoundSpec",
    "RuleSpec",
    "Scenario",
    "Source",
]


class NegotiationSpec(_Spec):
    id: Id
    title: Annotated[str, Field(min_length=1)]
    description: str = ""
    started: date | None = Field(
        default=None, description="when the record begins; default: the earliest date in the file"
    )
    source: Source = None


class PartySpec(_Spec):
    id: Id
    name: Annotated[str, Field(min_length=1)]
    role: Role = "party"
    aliases: list[str] = Field(default_factory=list)
    source: Source = None


class OptionSpec(_Spec):
    id: Id
    text: str = ""


class RuleSpec(_Spec):
    kind: Literal["unanimity", "sufficient-consensus"] = "unanimity"
    weights: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    communities: dict[str, list[str]] = Field(default_factory=dict)
    threshold: Annotated[float, Field(ge=0, lt=1)] = 0.5


class NumericSpec(_Spec):
    """A numeric part's range: its values are min, min + step, ... up to max."""

    kind: NumericKind = "integer"
    min: Number
    max: Number
    step: Number = Decimal(1)
    unit: str = Field(default="", description="months, troops, prisoners, days ...")

    @model_validator(mode="after")
    def _a_range(self) -> NumericSpec:
        NumericRange.make(self.kind, self.min, self.max, self.step, self.unit)
        return self

    def range(self) -> NumericRange:
        return NumericRange.make(self.kind, self.min, self.max, self.step, self.unit)


class PartSpec(_Spec):
    id: Id
    title: Annotated[str, Field(min_length=1)]
    text: str = ""
    signatories: Annotated[list[str], Field(min_length=1)]
    rule: RuleSpec = Field(default_factory=RuleSpec)
    options: list[OptionSpec] = Field(default_factory=list)
    numeric: NumericSpec | None = Field(
        default=None, description="a number in a range instead of labelled options"
    )
    source: Source = None

    @model_validator(mode="after")
    def _options_or_numeric(self) -> PartSpec:
        if self.numeric is not None and self.options:
            raise ValueError("a numeric part takes no labelled options; give one or the other")
        return self


class LinkageSpec(_Spec):
    kind: LinkageKind
    from_: str = Field(alias="from", description="PART or PART:OPTION")
    to: str = Field(description="PART or PART:OPTION")
    note: str = ""
    source: Source = None


class FrameworkSpec(_Spec):
    parts: list[PartSpec] = Field(default_factory=list)
    linkages: list[LinkageSpec] = Field(default_factory=list)


class RefusalSpec(_Spec):
    party: str
    refused_to_meet: list[str] = Field(min_length=1)


class RoundSpec(_Spec):
    number: Annotated[int, Field(ge=1)]
    start: date
    end: date | None = None
    venue: str = ""
    attended: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    refusals: list[RefusalSpec] = Field(default_factory=list)
    note: str = ""
    source: Source = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> RoundSpec:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class _Dated(_Spec):
    """The day a history entry happened: first in the entry, as files are written."""

    date: date


class HistoryMove(MoveEntry, _Dated):
    """One move in the record, as it happened: the model's move entry, with its date."""

    @model_validator(mode="after")
    def _a_whole_move(self) -> HistoryMove:
        try:
            self.command(self.date)
        except RefusedMove as exc:
            raise PydanticCustomError("refused_move", "{reason}", {"reason": str(exc)}) from None
        return self


class Scenario(_Spec):
    """A whole negotiation: start a record from it, or write one back with ``accords export``."""

    negotiation: NegotiationSpec
    parties: list[PartySpec] = Field(default_factory=list)
    framework: FrameworkSpec = Field(default_factory=FrameworkSpec)
    rounds: list[RoundSpec] = Field(default_factory=list)
    history: list[HistoryMove] = Field(default_factory=list)
    preferences: dict[str, PreferencesSpec] = Field(
        default_factory=dict,
        description="confidential: each party's own, visible to that party and the mediator",
    )
    # Optional sections of accords.scenario.extras: the text, walk-outs, events on the
    # ground, obligations and their performance, and the PA-X coding.
    text: TextSpec | None = None
    participation: list[ParticipationMove] = Field(default_factory=list)
    context: ContextSpec | None = None
    obligations: list[ObligationSpec] = Field(default_factory=list)
    performance: list[PerformanceSpec] = Field(default_factory=list)
    pax: PaxSpec | None = None
    # Public figures, their titles and the rounds they attended (accords.scenario.people).
    people: list[PersonSpec] = Field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        """The scenario as plain data, without defaults, in file order."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
