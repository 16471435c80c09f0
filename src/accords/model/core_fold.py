"""How the core events change the state: parties, parts, rounds, stances, the package.

One fold handler per event type, ``(state, payload, on) -> None``; :data:`FOLD` maps
the event types to them and :data:`accords.model.layers.CORE` carries the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from accords.model.framework import Linkage, Option, Part, Party, SignOffRule
from accords.model.layer import FoldHandler, ignore
from accords.model.numeric import NumericRange
from accords.model.records import PartState, Round, Stance
from accords.model.state import State

__all__ = ["FOLD"]


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
        numeric=NumericRange.from_dict(p["numeric"]) if p.get("numeric") else None,
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
        part.numeric,
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
    bound = p.get("bound")
    ps.stances[p["party"]] = Stance(
        "accepts", p["option"], p["level"], p.get("note", ""), on, bound
    )
    if bound is None:
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
        old.bound if old else None,
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
            ps.stances[party] = Stance("supports", st.option, None, st.note, st.on, st.bound)


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


def _date_or_none(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


FOLD: Final[dict[str, FoldHandler]] = {
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
    "note-recorded": ignore,
}
