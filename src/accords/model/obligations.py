"""Life after signature: obligations, reports of performance, and their status.

An obligation falls on one or more obligors for the benefit of others, is due by
a date (fixed, or so many days after the package is signed) or once a condition
holds, and is measured: *US troops in Afghanistan at most 8,600 within 135 days*,
*prisoners released at least 5,000 by 10 March 2020*. Reports of performance are
events; the status is derived as of a date:

- ``met``: a report reached the target by the due date;
- ``late``: the target was reached, after the due date;
- ``breached``: the due date has passed and no report reached the target;
- ``on time``: not yet due (or due date unknown: awaiting signature or a condition).

An obligation on a party that is not a signatory of its text is *flagged*: the
US–Taliban agreement commits prisoner releases by the Afghan government, which did
not sign it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any, Final, Literal

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.context import condition, context_events, evaluate
from accords.model.events import Event
from accords.model.layer import JsonSlice, Layer, from_keys
from accords.model.rules import event_from, new_id, require_part, require_party
from accords.model.state import State

__all__ = [
    "OBLIGATIONS",
    "OBLIGATION_STATUSES",
    "AddObligation",
    "Measure",
    "Obligation",
    "ObligationSlice",
    "ObligationStatus",
    "ObligationTerms",
    "Report",
    "ReportPerformance",
    "Reported",
    "obligation_status",
    "obligations",
    "reports",
    "signature_date",
]

OBLIGATION_STATUSES: Final = ("on time", "late", "breached", "met")
Direction = Literal["at-least", "at-most"]


@dataclass(frozen=True, slots=True)
class Measure:
    """What is counted (``troops remaining``), in what unit, and the target to reach."""

    name: str
    target: float
    direction: Direction = "at-least"
    unit: str = ""
    baseline: float | None = None

    def reached(self, value: float) -> bool:
        return value >= self.target if self.direction == "at-least" else value <= self.target

    def describe(self) -> str:
        word = "at least" if self.direction == "at-least" else "at most"
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.name}: {word} {self.target:,.0f}{unit}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ObligationTerms:
    """Who owes what to whom, in which part, and when it falls due (a ``deadline``, so
    many days after signature, or once a ``condition`` holds).

    What :class:`AddObligation` gives and :class:`Obligation` keeps, declared once."""

    id: str
    text: str
    obligors: tuple[str, ...]
    beneficiaries: tuple[str, ...] = ()
    part: str | None = None
    deadline: date | None = None
    days_after_signature: int | None = None
    condition: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Obligation(ObligationTerms):
    """An obligation as the record holds it: its terms, its measure, its source."""

    measure: Measure
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Reported:
    """A report of performance: the value the obligation's measure reached, with a note.

    What :class:`ReportPerformance` gives and :class:`Report` keeps, declared once."""

    obligation: str
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report(Reported):
    """A report as the record holds it: the measure's value on a date, from a source."""

    on: date
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class AddObligation(c.Command, ObligationTerms):
    """Record an obligation: its terms, and its measure given field by field."""

    measure: str
    target: float
    direction: Direction = "at-least"
    unit: str = ""
    baseline: float | None = None


#: The fields an ``obligation-added`` event copies from its command.
_RECORDED: Final = (
    *(f.name for f in fields(ObligationTerms)),
    "target",
    "direction",
    "unit",
    "baseline",
)


@dataclass(frozen=True, kw_only=True)
class ReportPerformance(c.Command, Reported):
    """Report the value the obligation's measure reached on ``on``."""


# -- views ------------------------------------------------------------------------------


@dataclass(slots=True)
class ObligationSlice(JsonSlice):
    """The obligations layer's state: obligations and performance reports, as recorded."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    reports: list[dict[str, Any]] = field(default_factory=list)


def _to_obligation(oid: str, d: Mapping[str, Any]) -> Obligation:
    return Obligation(
        id=oid,
        text=d["text"],
        obligors=tuple(d["obligors"]),
        beneficiaries=tuple(d.get("beneficiaries", ())),
        measure=Measure(
            name=d["measure"],
            target=float(d["target"]),
            direction=d.get("direction", "at-least"),
            unit=d.get("unit", ""),
            baseline=d.get("baseline"),
        ),
        part=d.get("part"),
        deadline=date.fromisoformat(d["deadline"]) if d.get("deadline") else None,
        days_after_signature=d.get("days_after_signature"),
        condition=d.get("condition"),
        source=d.get("source"),
    )


def obligations(state: State) -> list[Obligation]:
    return [_to_obligation(k, v) for k, v in OBLIGATIONS.peek(state).items.items()]


def reports(state: State, obligation: str | None = None) -> list[Report]:
    layer = OBLIGATIONS.peek(state)
    out = [
        from_keys(Report, r, on=date.fromisoformat(r["on"]), value=float(r["value"]))
        for r in layer.reports
    ]
    return [r for r in out if obligation is None or r.obligation == obligation]


def signature_date(state: State) -> date | None:
    """The day the last party signed: when the package was signed by all."""
    if state.agreement() != "signed":
        return None
    return max(state.signed.values())


def _due(state: State, ob: Obligation, as_of: date) -> tuple[date | None, str]:
    if ob.condition is not None:
        cond = condition(state, ob.condition)
        result = evaluate(cond, context_events(state), as_of)
        if result.holds is not True:
            return None, f"once {cond.id} holds ({result.word})"
    if ob.deadline is not None:
        return ob.deadline, ob.deadline.isoformat()
    if ob.days_after_signature is not None:
        signed = signature_date(state)
        if signed is None:
            return None, f"{ob.days_after_signature} days after signature (not yet signed)"
        due = signed + timedelta(days=ob.days_after_signature)
        return due, f"{due.isoformat()} ({ob.days_after_signature} days after signature)"
    return None, "no date set"


def text_signatories(state: State, ob: Obligation) -> tuple[str, ...]:
    """The signatories of the text the obligation is in: its part's, or the package's."""
    if ob.part is not None and ob.part in state.parts:
        return state.parts[ob.part].part.signatories
    if state.signed:
        return tuple(state.signed)
    return tuple(p.id for p in state.parties.values() if p.negotiates)


@dataclass(frozen=True, slots=True)
class ObligationStatus:
    """Where an obligation stands on a date (:func:`obligation_status` derives it)."""

    obligation: Obligation
    status: str
    due: date | None
    due_text: str
    latest: Report | None
    met_on: date | None
    not_signatories: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        """Whether it falls on a party who does not sign its text."""
        return bool(self.not_signatories)


def obligation_status(state: State, ob: Obligation, as_of: date) -> ObligationStatus:
    """Where an obligation stands on ``as_of``, from the reports made by then."""
    due, due_text = _due(state, ob, as_of)
    seen = sorted((r for r in reports(state, ob.id) if r.on <= as_of), key=lambda r: r.on)
    latest = seen[-1] if seen else None
    met_on = next((r.on for r in seen if ob.measure.reached(r.value)), None)
    if met_on is not None:
        word = "met" if due is None or met_on <= due else "late"
    elif due is not None and as_of > due:
        word = "breached"
    else:
        word = "on time"
    signers = text_signatories(state, ob)
    outside = tuple(p for p in ob.obligors if p not in signers)
    return ObligationStatus(ob, word, due, due_text, latest, met_on, outside)


# -- decide -----------------------------------------------------------------------------


def decide_add_obligation(cmd: AddObligation, state: State) -> Event:
    new_id("obligation", cmd.id, [o.id for o in obligations(state)])
    if not cmd.text.strip():
        raise RefusedMove(f"obligation {cmd.id!r} needs its text")
    if not cmd.obligors:
        raise RefusedMove(f"obligation {cmd.id!r} needs at least one obligor")
    for p in (*cmd.obligors, *cmd.beneficiaries):
        require_party(state, p)
    if cmd.part is not None:
        require_part(state, cmd.part)
    if not cmd.measure.strip():
        raise RefusedMove(f"obligation {cmd.id!r} needs a measure (what is counted)")
    if cmd.direction not in ("at-least", "at-most"):
        raise RefusedMove("a measure's direction is at-least or at-most")
    if cmd.deadline is None and cmd.days_after_signature is None and cmd.condition is None:
        raise RefusedMove(
            f"obligation {cmd.id!r} needs a deadline, a number of days after signature, "
            "or a condition"
        )
    if cmd.deadline is not None and cmd.days_after_signature is not None:
        raise RefusedMove("give a deadline or days after signature, not both")
    if cmd.days_after_signature is not None and cmd.days_after_signature < 0:
        raise RefusedMove("days after signature cannot be negative")
    if cmd.condition is not None:
        condition(state, cmd.condition)
    text, measure = cmd.text.strip(), cmd.measure.strip()
    return event_from("obligation-added", cmd, *_RECORDED, text=text, measure=measure)


def decide_report_performance(cmd: ReportPerformance, state: State) -> Event:
    known = [o.id for o in obligations(state)]
    if cmd.obligation not in known:
        names = ", ".join(known) or "none yet"
        raise UnknownReference(f"unknown obligation {cmd.obligation!r}; known: {names}")
    if cmd.value < 0:
        raise RefusedMove("a measure's value cannot be negative")
    return event_from("performance-reported", cmd, "obligation", "value", "note")


# -- fold -------------------------------------------------------------------------------


def _added(s: State, p: Mapping[str, Any], on: date) -> None:
    OBLIGATIONS.slice(s).items[p["id"]] = {k: v for k, v in p.items() if k not in ("id", "round")}


def _reported(s: State, p: Mapping[str, Any], on: date) -> None:
    entry = {"obligation": p["obligation"], "on": on.isoformat(), "value": p["value"]}
    for key in ("note", "source"):
        if p.get(key):
            entry[key] = p[key]
    OBLIGATIONS.slice(s).reports.append(entry)


OBLIGATIONS: Final[Layer[ObligationSlice]] = Layer(
    name="obligations",
    decide={
        AddObligation: decide_add_obligation,
        ReportPerformance: decide_report_performance,
    },
    fold={"obligation-added": _added, "performance-reported": _reported},
    state=ObligationSlice,
)
