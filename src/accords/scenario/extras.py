"""Optional scenario sections: the negotiating text, walk-outs, events on the ground,
conditions, obligations, reports of performance, and the PA-X coding.

Each section is validated like the rest of the file (errors name the file, the
field path and the reason) and turns into commands that replay through the same
``decide`` as the CLI (:mod:`accords.scenario.extras_replay`). They interleave
with the history by date: on one day, text moves, walk-outs and events on the
ground come before the history's moves (so a clause can be confirmed before the
package is), obligations and reports after them (so a deadline counted from
signature can be read).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from accords.errors import ScenarioError
from accords.model.clause_fields import ClauseEntry
from accords.model.context import CONTEXT_KINDS
from accords.scenario._spec import Id, Source, Spec

if TYPE_CHECKING:
    from accords.scenario.schema import Scenario

__all__ = [
    "ClauseMove",
    "ConditionSpec",
    "ContextEventSpec",
    "ContextSpec",
    "ObligationSpec",
    "ParticipationMove",
    "PaxSpec",
    "PerformanceSpec",
    "TextSpec",
    "check_extras",
]

_Day = date  # a field named ``date`` shadows the type inside a model body


class _Dated(Spec):
    """The day a move on the text happened: first in the entry, as files are written."""

    date: _Day


class ClauseMove(ClauseEntry, _Dated):
    """A move on the negotiating text: the model's clause-move entry, with its date.

    Its fields, their descriptions and the rules about its shape are the model's
    (:mod:`accords.model.clause_entry`); a malformed entry is refused with the
    mapping's sentence, which the loader reports with the file and the entry's path.
    """


class TextSpec(Spec):
    moves: list[ClauseMove] = Field(default_factory=list)


class ParticipationMove(Spec):
    date: _Day
    move: Literal["leave", "return"]
    by: str
    note: str = ""
    source: Source = None


class ContextEventSpec(Spec):
    date: _Day
    kind: str = Field(description="one of: " + ", ".join(CONTEXT_KINDS))
    id: Id | None = None
    place: str = ""
    actors: list[str] = Field(default_factory=list)
    fatalities: Annotated[int, Field(ge=0)] | None = None
    notes: str = ""
    source: Source = None

    @model_validator(mode="after")
    def _known_kind(self) -> ContextEventSpec:
        if self.kind not in CONTEXT_KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; kinds: {', '.join(CONTEXT_KINDS)}")
        return self


class ConditionSpec(Spec):
    id: Id
    description: str = Field(min_length=1)
    test: Literal["quiet", "occurred"]
    start: _Day
    end: _Day
    kinds: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    max_events: Annotated[int, Field(ge=0)] = 0
    max_fatalities: Annotated[int, Field(ge=0)] | None = None
    gates: Literal["signature"] | None = None
    defined: _Day | None = Field(default=None, description="when set; default: its start")
    source: Source = None

    @model_validator(mode="after")
    def _window(self) -> ConditionSpec:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        for k in self.kinds:
            if k not in CONTEXT_KINDS:
                raise ValueError(f"unknown kind {k!r}; kinds: {', '.join(CONTEXT_KINDS)}")
        return self


class ContextSpec(Spec):
    events: list[ContextEventSpec] = Field(default_factory=list)
    conditions: list[ConditionSpec] = Field(default_factory=list)


class ObligationSpec(Spec):
    id: Id
    date: _Day = Field(description="when the commitment was made (usually the signature)")
    text: str = Field(min_length=1)
    obligors: list[str] = Field(min_length=1)
    beneficiaries: list[str] = Field(default_factory=list)
    part: str | None = None
    measure: str = Field(min_length=1)
    target: float
    direction: Literal["at-least", "at-most"] = "at-least"
    unit: str = ""
    baseline: float | None = None
    deadline: _Day | None = None
    days_after_signature: Annotated[int, Field(ge=0)] | None = None
    condition: str | None = None
    source: Source = None

    @model_validator(mode="after")
    def _due(self) -> ObligationSpec:
        if self.deadline is None and self.days_after_signature is None and not self.condition:
            raise ValueError("needs a deadline, days_after_signature or a condition")
        if self.deadline is not None and self.days_after_signature is not None:
            raise ValueError("give a deadline or days_after_signature, not both")
        return self


class PerformanceSpec(Spec):
    date: _Day
    obligation: str
    value: Annotated[float, Field(ge=0)]
    note: str = ""
    source: Source = None


class PaxSpec(Spec):
    """PA-X codebook fields for the agreement, and which PA-X topic codes each part carries.

    Field names are PA-X's own column names (``Con``, ``Agtp``, ``Stage`` …); values
    written as the codebook writes them. ``topics`` maps a part id to topic codes.
    """

    fields: dict[str, str] = Field(default_factory=dict)
    topics: dict[str, list[str]] = Field(default_factory=dict)
    note: str = ""
    source: Source = None


# -- cross-checks -----------------------------------------------------------------------


def check_extras(s: Scenario, name: str) -> None:
    """References from the optional sections to parties, parts, rounds and conditions."""
    parties = {p.id for p in s.parties}
    parts = {p.id for p in s.framework.parts}
    rounds = {r.number for r in s.rounds}

    def bad(path: str, reason: str) -> ScenarioError:
        return ScenarioError(name, path, reason)

    def party(path: str, pid: str) -> None:
        if pid not in parties:
            raise bad(path, f"unknown party {pid!r}; known parties: {', '.join(sorted(parties))}")

    def part(path: str, pid: str | None) -> None:
        if pid is not None and pid not in parts:
            raise bad(path, f"unknown part {pid!r}; known parts: {', '.join(sorted(parts))}")

    if s.text is not None:
        last: date | None = None
        for i, m in enumerate(s.text.moves):
            party(f"text.moves[{i}].by", m.by)
            part(f"text.moves[{i}].part", m.part)
            if m.round is not None and m.round not in rounds:
                raise bad(f"text.moves[{i}].round", f"no round {m.round} in rounds")
            if last is not None and m.date < last:
                raise bad(f"text.moves[{i}].date", f"moves must be in date order ({m.date})")
            last = m.date
    for i, pm in enumerate(s.participation):
        party(f"participation[{i}].by", pm.by)
    conditions = set()
    if s.context is not None:
        conditions = {x.id for x in s.context.conditions}
    obligations = {o.id for o in s.obligations}
    for i, o in enumerate(s.obligations):
        for j, who in enumerate(o.obligors):
            party(f"obligations[{i}].obligors[{j}]", who)
        for j, who in enumerate(o.beneficiaries):
            party(f"obligations[{i}].beneficiaries[{j}]", who)
        part(f"obligations[{i}].part", o.part)
        if o.condition is not None and o.condition not in conditions:
            raise bad(f"obligations[{i}].condition", f"no condition {o.condition!r} in context")
    for i, r in enumerate(s.performance):
        if r.obligation not in obligations:
            raise bad(f"performance[{i}].obligation", f"no obligation {r.obligation!r}")
    if s.pax is not None:
        for pid in s.pax.topics:
            part(f"pax.topics.{pid}", pid)
