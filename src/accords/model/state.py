"""The state of a negotiation, as a pure fold of its events.

``fold(events)`` is the only way a state comes to be: the same events always
give the same state, whether they come from memory, SQLite or PostgreSQL, and a
prefix of them gives the state as it was then. A part's status is derived from
the stances of its signatories under its sign-off rule, never stored; the
package's conclusion is derived from the parties' confirmations.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from accords.model.events import PACKAGE_CHANGES, EventLike
from accords.model.framework import (
    LEVELS,
    Level,
    Linkage,
    Option,
    Part,
    Party,
    SignOffRule,
    level_rank,
    split_ref,
)

__all__ = [
    "PART_STATUSES",
    "SNAPSHOT_VERSION",
    "Agreement",
    "PartState",
    "PartStatus",
    "Round",
    "Stance",
    "State",
    "evolve",
    "fold",
    "register_handler",
]

SNAPSHOT_VERSION: Final = 2

StanceKind = Literal["supports", "accepts", "reserves", "rejects", "silent"]
Agreement = Literal["not-agreed", "concluded", "initialled", "signed"]

PART_STATUSES: Final = (
    "open",
    "proposed",
    "bracketed",
    "agreed-in-principle",
    "agreed-ad-ref",
    "confirmed",
    "agreed",
    "initialled",
    "signed",
    "deferred",
)
_LEVEL_STATUS: Final[dict[str, str]] = {
    "principle": "agreed-in-principle",
    "ad-ref": "agreed-ad-ref",
    "confirmed": "confirmed",
}


@dataclass(frozen=True, slots=True)
class Stance:
    """One party's position on one part: on one option, at a level, with a note."""

    kind: StanceKind
    option: str | None = None
    level: Level | None = None
    note: str = ""
    on: date | None = None


@dataclass(frozen=True, slots=True)
class Round:
    """A round of talks: when, where, who came, who stayed away or refused to meet whom."""

    number: int
    start: date
    end: date | None = None
    venue: str = ""
    attended: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    refusals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The round as plain data: one shape for the CLI's JSON, the API and scenario files."""
        return {
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "venue": self.venue,
            "attended": list(self.attended),
            "absent": list(self.absent),
            "refusals": [{"party": p, "refused_to_meet": list(o)} for p, o in self.refusals],
            "note": self.note,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class PartStatus:
    """A part's derived status: the word, and the option and backers that earned it."""

    status: str
    option: str | None = None
    level: Level | None = None
    backers: tuple[str, ...] = ()


@dataclass(slots=True)
class PartState:
    """A part with its stances and the options tabled on it."""

    part: Part
    stances: dict[str, Stance] = field(default_factory=dict)
    tabled: dict[str, list[str]] = field(default_factory=dict)
    deferred: bool = False
    reopened_on: date | None = None

    def backed_options(self) -> set[str]:
        """Options that some signatory supports, accepts or accepts with a reservation."""
        sig = self.part.signatories
        return {
            s.option
            for p, s in self.stances.items()
            if p in sig and s.option is not None and s.kind in ("supports", "accepts", "reserves")
        }

    def on_table(self) -> set[str]:
        return {o for o, who in self.tabled.items() if who} | self.backed_options()


@dataclass(slots=True)
class State:
    """Everything the record says about one negotiation."""

    id: str = ""
    title: str = ""
    description: str = ""
    source: str | None = None
    parties: dict[str, Party] = field(default_factory=dict)
    parts: dict[str, PartState] = field(default_factory=dict)
    linkages: list[Linkage] = field(default_factory=list)
    rounds: dict[int, Round] = field(default_factory=dict)
    framework_accepted: dict[str, date] = field(default_factory=dict)
    confirmations: dict[str, date] = field(default_factory=dict)
    confirmed_package: dict[str, str] = field(default_factory=dict)
    concluded_on: date | None = None
    initialled: dict[str, date] = field(default_factory=dict)
    signed: dict[str, date] = field(default_factory=dict)
    preferences: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Parties that walked out of the talks, and when: no longer asked to confirm or sign.
    left: dict[str, date] = field(default_factory=dict)
    #: Plain JSON-able data kept by the handlers other layers register (clauses, obligations,
    #: context events), by layer name; each layer reads it through its own typed views.
    layers: dict[str, Any] = field(default_factory=dict)
    events: int = 0
    last_on: date | None = None

    # -- derived views -------------------------------------------------------------

    def negotiating_parties(self) -> list[str]:
        """The parties (role ``party``, still at the table) who confirm and sign the package."""
        return [p.id for p in self.parties.values() if p.negotiates and p.id not in self.left]

    def agreement(self) -> Agreement:
        if self.concluded_on is None:
            return "not-agreed"
        parties = self.negotiating_parties()
        if parties and all(p in self.signed for p in parties):
            return "signed"
        if parties and all(p in self.initialled for p in parties):
            return "initialled"
        return "concluded"

    def part_status(self, part_id: str) -> PartStatus:
        """The status DESIGN.md defines, derived from the signatories' stances."""
        ps = self.parts[part_id]
        raw = self._provisional_status(ps)
        agreement = self.agreement()
        if agreement != "not-agreed":
            word = "agreed" if agreement == "concluded" else agreement
            return PartStatus(word, raw.option, raw.level, raw.backers)
        return raw

    def _provisional_status(self, ps: PartState) -> PartStatus:
        part = ps.part
        if ps.deferred:
            return PartStatus("deferred")
        best: PartStatus | None = None
        for option in part.options:
            for level in reversed(LEVELS):
                rank = level_rank(level)
                backers = tuple(
                    p
                    for p in part.signatories
                    if (s := ps.stances.get(p)) is not None
                    and s.kind == "accepts"
                    and s.option == option.id
                    and s.level is not None
                    and level_rank(s.level) >= rank
                )
                if part.rule.satisfied(backers, part.signatories):
                    if best is None or (best.level is not None and level_rank(best.level) < rank):
                        best = PartStatus(_LEVEL_STATUS[level], option.id, level, backers)
                    break
        if best is not None:
            return best
        backed = ps.backed_options()
        if len(backed) >= 2:
            return PartStatus("bracketed")
        on_table = ps.on_table()
        if on_table:
            only = next(iter(on_table)) if len(on_table) == 1 else None
            return PartStatus("proposed", only)
        return PartStatus("open")

    def package(self) -> dict[str, str]:
        """Each confirmed part's option: the package as it now stands."""
        out: dict[str, str] = {}
        for pid, ps in self.parts.items():
            st = self._provisional_status(ps)
            if st.status == "confirmed" and st.option is not None:
                out[pid] = st.option
        return out

    def broken_linkages(self, package: Mapping[str, str]) -> list[Linkage]:
        """``requires``/``excludes`` linkages that the package's options break."""
        broken: list[Linkage] = []
        for link in self.linkages:
            if link.kind not in ("requires", "excludes"):
                continue
            sp, so = split_ref(link.from_ref)
            tp, to = split_ref(link.to_ref)
            chosen = package.get(sp) == so if so is not None else sp in package
            if not chosen:
                continue
            target_chosen = package.get(tp) == to if to is not None else tp in package
            if (link.kind == "requires" and not target_chosen) or (
                link.kind == "excludes" and target_chosen
            ):
                broken.append(link)
        return broken

    def rounds_in_order(self) -> list[Round]:
        return sorted(self.rounds.values(), key=lambda r: r.number)

    def round_on(self, day: date) -> Round | None:
        """The round in session on ``day``, if any."""
        for r in self.rounds.values():
            if r.start <= day and (r.end is None or day <= r.end):
                return r
        return None

    # -- snapshots -----------------------------------------------------------------

    def to_snapshot(self) -> dict[str, Any]:
        """A JSON-able image of the state, to cache a long fold."""
        from accords.model.snapshot import dump

        return dump(self)

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> State | None:
        """The state cached by :meth:`to_snapshot`, or ``None`` when its format is stale."""
        from accords.model.snapshot import load

        return load(data)


# -- the fold ------------------------------------------------------------------------

_Handler = Callable[[State, Mapping[str, Any], date], None]


def _negotiation_created(s: State, p: Mapping[str, Any], on: date) -> None:
    s.id = p["id"]
    s.title = p.get("title", "")
    s.description = p.get("description", "")
    s.source = p.get("source")


def _party_added(s: State, p: Mapping[str, Any], on: date) -> None:
    s.parties[p["id"]] = Party(
        id=p["id"],
        name=p["name"],
        role=p.get("role", "party"),
        aliases=tuple(p.get("aliases", ())),
        source=p.get("source"),
    )


def _part_added(s: State, p: Mapping[str, Any], on: date) -> None:
    part = Part(
        id=p["id"],
        title=p["title"],
        text=p.get("text", ""),
        signatories=tuple(p.get("signatories", ())),
        rule=SignOffRule.from_dict(p.get("rule")),
        options=tuple(Option(o["id"], o.get("text", "")) for o in p.get("options", ())),
        source=p.get("source"),
    )
    s.parts[part.id] = PartState(part=part)


def _option_added(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    part = ps.part
    ps.part = Part(
        part.id,
        part.title,
        part.text,
        part.signatories,
        part.rule,
        (*part.options, Option(p["id"], p.get("text", ""))),
        part.source,
    )


def _linkage_added(s: State, p: Mapping[str, Any], on: date) -> None:
    s.linkages.append(Linkage(p["kind"], p["from"], p["to"], p.get("note", ""), p.get("source")))


def _round_opened(s: State, p: Mapping[str, Any], on: date) -> None:
    s.rounds[int(p["number"])] = Round(
        number=int(p["number"]),
        start=on,
        end=_date_or_none(p.get("end")),
        venue=p.get("venue", ""),
        attended=tuple(p.get("attended", ())),
        absent=tuple(p.get("absent", ())),
        refusals=tuple((r["party"], tuple(r["refused_to_meet"])) for r in p.get("refusals", ())),
        note=p.get("note", ""),
        source=p.get("source"),
    )


def _round_closed(s: State, p: Mapping[str, Any], on: date) -> None:
    r = s.rounds[int(p["number"])]
    note = p.get("note") or r.note
    s.rounds[r.number] = Round(
        r.number, r.start, on, r.venue, r.attended, r.absent, r.refusals, note, r.source
    )


def _framework_accepted(s: State, p: Mapping[str, Any], on: date) -> None:
    s.framework_accepted[p["party"]] = on


def _option_proposed(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    party, option = p["party"], p["option"]
    who = ps.tabled.setdefault(option, [])
    if party not in who:
        who.append(party)
    if party in ps.part.signatories:
        ps.stances[party] = Stance("supports", option, None, p.get("note", ""), on)


def _option_accepted(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    ps.stances[p["party"]] = Stance("accepts", p["option"], p["level"], p.get("note", ""), on)
    ps.tabled.setdefault(p["option"], [])
    ps.reopened_on = None


def _option_rejected(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    ps.stances[p["party"]] = Stance("rejects", p.get("option"), None, p.get("note", ""), on)


def _reservation_entered(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    old = ps.stances.get(p["party"])
    ps.stances[p["party"]] = Stance(
        "reserves",
        old.option if old else p.get("option"),
        old.level if old else None,
        p.get("note", ""),
        on,
    )


def _stance_withdrawn(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    party = p["party"]
    ps.stances[party] = Stance("silent", None, None, p.get("note", ""), on)
    for who in ps.tabled.values():
        if party in who:
            who.remove(party)


def _part_reopened(s: State, p: Mapping[str, Any], on: date) -> None:
    ps = s.parts[p["part"]]
    ps.deferred = False
    ps.reopened_on = on
    for party, st in list(ps.stances.items()):
        if st.kind in ("accepts", "reserves") and st.option is not None:
            ps.stances[party] = Stance("supports", st.option, None, st.note, st.on)


def _part_deferred(s: State, p: Mapping[str, Any], on: date) -> None:
    s.parts[p["part"]].deferred = True


def _package_confirmed(s: State, p: Mapping[str, Any], on: date) -> None:
    s.confirmations[p["party"]] = on
    s.confirmed_package = dict(p.get("package", {}))
    parties = s.negotiating_parties()
    if parties and all(x in s.confirmations for x in parties):
        s.concluded_on = on


def _package_initialled(s: State, p: Mapping[str, Any], on: date) -> None:
    s.initialled[p["party"]] = on


def _package_signed(s: State, p: Mapping[str, Any], on: date) -> None:
    s.signed[p["party"]] = on


def _preferences_set(s: State, p: Mapping[str, Any], on: date) -> None:
    if "preferences" in p:  # absent from a sealed entry read without the database's key
        s.preferences[p["party"]] = dict(p["preferences"])


def _ignore(s: State, p: Mapping[str, Any], on: date) -> None:
    """Events other layers read (statements, notes) leave the negotiation state as it is."""


_HANDLERS: Final[dict[str, _Handler]] = {
    "negotiation-created": _negotiation_created,
    "party-added": _party_added,
    "part-added": _part_added,
    "option-added": _option_added,
    "linkage-added": _linkage_added,
    "round-opened": _round_opened,
    "round-closed": _round_closed,
    "framework-accepted": _framework_accepted,
    "option-proposed": _option_proposed,
    "option-accepted": _option_accepted,
    "option-rejected": _option_rejected,
    "reservation-entered": _reservation_entered,
    "stance-withdrawn": _stance_withdrawn,
    "part-reopened": _part_reopened,
    "part-deferred": _part_deferred,
    "package-confirmed": _package_confirmed,
    "package-initialled": _package_initialled,
    "package-signed": _package_signed,
    "preferences-set": _preferences_set,
    # Private notes stay in the log: they change no stance, and the state stays small.
    "note-recorded": _ignore,
    # Statements and their verdicts (accords.text) are read from the log, not folded.
    "statement-recorded": _ignore,
}


def register_handler(event_type: str, handler: _Handler | None = None) -> None:
    """Let another layer (statements, clauses) add an event type the fold must accept."""
    _HANDLERS.setdefault(event_type, handler or _ignore)


def _date_or_none(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _apply(state: State, event: EventLike) -> None:
    kind = event.type
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise ValueError(f"unknown event type {kind!r}")
    on = event.occurred_on
    if kind in PACKAGE_CHANGES and (state.confirmations or state.concluded_on is not None):
        # Any change to any part voids every confirmation and un-concludes the package.
        state.confirmations.clear()
        state.confirmed_package = {}
        state.concluded_on = None
        state.initialled.clear()
        state.signed.clear()
    handler(state, event.payload, on)
    state.events += 1
    if state.last_on is None or on > state.last_on:
        state.last_on = on


def fold(
    events: Iterable[EventLike], state: State | None = None, *, in_place: bool = False
) -> State:
    """The state after ``events``, starting from ``state`` or from nothing.

    ``state`` is left untouched unless the caller owns it and says ``in_place``.
    """
    current = State() if state is None else state if in_place else copy.deepcopy(state)
    for event in events:
        _apply(current, event)
    return current


def evolve(state: State, event: EventLike) -> State:
    """The state after one more event; ``state`` itself is left as it was."""
    return fold((event,), state)
