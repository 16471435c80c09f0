"""The rules of the core moves: the framework, rounds, stances and the package.

One named decide handler per command, ``(command, state) -> Event``; :data:`DECIDE`
maps the commands to them and :data:`accords.model.layers.CORE` carries the table.
A move the rules refuse raises :class:`~accords.errors.RefusedMove` naming what is
missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.events import Event
from accords.model.framework import LEVELS, LINKAGE_KINDS, OPTION_LINKAGES, ROLES, split_ref
from accords.model.layer import Decider
from accords.model.numeric_rules import (
    check_bound,
    check_linkage_end,
    numeric_range,
    refuse_labelled_option,
)
from accords.model.records import PartState
from accords.model.rules import (
    event,
    event_from,
    gate,
    negotiating,
    new_id,
    not_deferred,
    open_for_changes,
    require_option,
    require_part,
    require_party,
    require_signatory,
)
from accords.model.state import State
from accords.model.viewer import check_party_id

__all__ = ["DECIDE"]


def decide_create_negotiation(cmd: c.CreateNegotiation, state: State) -> Event:
    if state.id:
        raise RefusedMove(f"negotiation {state.id!r} already exists")
    new_id("negotiation", cmd.id, [])
    if not cmd.title.strip():
        raise RefusedMove("a negotiation needs a title")
    return event_from("negotiation-created", cmd, "id", "title", "description")


def decide_add_party(cmd: c.AddParty, state: State) -> Event:
    new_id("party", cmd.id, state.parties)
    check_party_id(cmd.id)  # no party may take a role's name (accords.model.viewer)
    if cmd.role not in ROLES:
        raise RefusedMove(f"unknown role {cmd.role!r}; roles: {', '.join(ROLES)}")
    if not cmd.name.strip():
        raise RefusedMove(f"party {cmd.id!r} needs a name")
    return event_from("party-added", cmd, "id", "name", "role", "aliases")


def decide_add_part(cmd: c.AddPart, state: State) -> Event:
    new_id("part", cmd.id, state.parts)
    if not cmd.title.strip():
        raise RefusedMove(f"part {cmd.id!r} needs a title")
    if not cmd.signatories:
        raise RefusedMove(f"part {cmd.id!r} needs at least one signatory")
    for s in cmd.signatories:
        require_party(state, s)
        if state.parties[s].role != "party":
            raise RefusedMove(
                f"{s!r} is a {state.parties[s].role}, not a party, and cannot be a signatory"
            )
    if len(set(cmd.signatories)) != len(cmd.signatories):
        raise RefusedMove(f"part {cmd.id!r} names a signatory twice")
    numeric = numeric_range(cmd.id, cmd.numeric, len(cmd.options))
    seen: list[str] = []
    for oid, _text in cmd.options:
        new_id("option", oid, seen)
        seen.append(oid)
    rule = dict(cmd.rule)
    kind = rule.get("kind", "unanimity")
    if kind not in ("unanimity", "sufficient-consensus"):
        raise RefusedMove(f"unknown sign-off rule {kind!r}; use unanimity or sufficient-consensus")
    if kind == "sufficient-consensus":
        for who in rule.get("weights", {}):
            if who not in cmd.signatories:
                raise RefusedMove(f"rule weight for {who!r}, who is not a signatory of {cmd.id!r}")
        for name, members in rule.get("communities", {}).items():
            for who in members:
                if who not in cmd.signatories:
                    raise RefusedMove(
                        f"community {name!r} names {who!r}, who is not a signatory of {cmd.id!r}"
                    )
        threshold = float(rule.get("threshold", 0.5))
        if not 0 <= threshold < 1:
            raise RefusedMove("a sufficient-consensus threshold lies in [0, 1)")
    return event_from(
        "part-added",
        cmd,
        "id",
        "title",
        "text",
        "signatories",
        rule=rule if kind != "unanimity" else None,
        options=[{"id": o, "text": t} if t else {"id": o} for o, t in cmd.options],
        numeric=numeric,
    )


def decide_add_option(cmd: c.AddOption, state: State) -> Event:
    ps = require_part(state, cmd.part)
    refuse_labelled_option(ps)
    new_id("option", cmd.id, [o.id for o in ps.part.options])
    open_for_changes(state, ps)
    return event_from("option-added", cmd, "part", "id", "text")


def decide_add_linkage(cmd: c.AddLinkage, state: State) -> Event:
    if cmd.kind not in LINKAGE_KINDS:
        raise RefusedMove(f"unknown linkage {cmd.kind!r}; kinds: {', '.join(LINKAGE_KINDS)}")
    ends, refs = [], []
    for ref in (cmd.from_, cmd.to):
        part, option = split_ref(ref)
        ps = require_part(state, part)
        if option is not None:
            check_linkage_end(ps, ref, option)
            ref = f"{part}:{require_option(ps, option)}"
        elif cmd.kind in OPTION_LINKAGES:
            raise RefusedMove(
                f"a {cmd.kind} linkage ties options: write {ref}:OPTION (got {ref!r})"
            )
        ends.append(part)
        refs.append(ref)
    if ends[0] == ends[1]:
        raise RefusedMove(f"a linkage ties two different parts; both ends are {ends[0]!r}")
    for link in state.linkages:
        if (link.kind, link.from_ref, link.to_ref) == (cmd.kind, *refs):
            raise RefusedMove(f"linkage {link.describe()} already exists")
    return event(
        "linkage-added",
        cmd,
        **{"kind": cmd.kind, "from": refs[0], "to": refs[1], "note": cmd.note},
    )


def decide_open_round(cmd: c.OpenRound, state: State) -> Event:
    if cmd.number < 1:
        raise RefusedMove("round numbers start at 1")
    if cmd.number in state.rounds:
        raise RefusedMove(f"round {cmd.number} is already in the record")
    for p in (*cmd.attended, *cmd.absent):
        require_party(state, p)
    refusals = []
    for who, refused in cmd.refusals:
        require_party(state, who)
        for other in refused:
            require_party(state, other)
        refusals.append({"party": who, "refused_to_meet": list(refused)})
    return event(
        "round-opened",
        c.Command(on=cmd.on, source=cmd.source),
        number=cmd.number,
        venue=cmd.venue,
        attended=list(cmd.attended),
        absent=list(cmd.absent),
        refusals=refusals,
        note=cmd.note,
    )


def decide_close_round(cmd: c.CloseRound, state: State) -> Event:
    r = state.rounds.get(cmd.number)
    if r is None:
        raise UnknownReference(f"no round {cmd.number} in the record")
    if r.end is not None:
        raise RefusedMove(f"round {cmd.number} was closed on {r.end.isoformat()}")
    if cmd.on < r.start:
        raise RefusedMove(
            f"round {cmd.number} cannot close on {cmd.on.isoformat()}, before it opened "
            f"({r.start.isoformat()})"
        )
    return event(
        "round-closed", c.Command(on=cmd.on, source=cmd.source), number=cmd.number, note=cmd.note
    )


def decide_accept_framework(cmd: c.AcceptFramework, state: State) -> Event:
    require_party(state, cmd.party)
    if state.parties[cmd.party].role != "party":
        raise RefusedMove(f"{cmd.party!r} is not a party and does not accept the framework")
    if cmd.party in state.framework_accepted:
        raise RefusedMove(f"{cmd.party!r} already accepted the framework")
    return event_from("framework-accepted", cmd, "party", "note")


def decide_propose(cmd: c.Propose, state: State) -> Event:
    ps = require_part(state, cmd.part)
    require_party(state, cmd.party)
    option = require_option(ps, cmd.option)
    if state.parties[cmd.party].role in ("host", "observer"):
        raise RefusedMove(
            f"{cmd.party!r} is a {state.parties[cmd.party].role} and does not table proposals"
        )
    open_for_changes(state, ps)
    not_deferred(ps)
    gate(state, ps)
    if cmd.party in ps.tabled.get(option, ()):
        raise RefusedMove(f"{cmd.party!r} has already tabled {cmd.part}:{option}")
    return event_from("option-proposed", cmd, "part", "party", "note", option=option)


def decide_accept(cmd: c.Accept, state: State) -> Event:
    ps = require_part(state, cmd.part)
    require_signatory(state, ps, cmd.party, "accept")
    option = require_option(ps, cmd.option)
    check_bound(ps, cmd.bound)
    if cmd.level not in LEVELS:
        raise RefusedMove(f"unknown level {cmd.level!r}; levels: {', '.join(LEVELS)}")
    open_for_changes(state, ps)
    not_deferred(ps)
    gate(state, ps)
    old = ps.stances.get(cmd.party)
    same = old and (old.kind, old.option, old.level, old.bound) == (
        "accepts",
        option,
        cmd.level,
        cmd.bound,
    )
    if same:
        what = f"{cmd.bound} {option}" if cmd.bound else option
        raise RefusedMove(f"{cmd.party!r} already accepts {cmd.part}:{what} at level {cmd.level}")
    fields = ("part", "party", "level", "note", "bound")
    return event_from("option-accepted", cmd, *fields, option=option)


def decide_reject(cmd: c.Reject, state: State) -> Event:
    ps = require_part(state, cmd.part)
    require_signatory(state, ps, cmd.party, "reject")
    option = require_option(ps, cmd.option) if cmd.option is not None else None
    open_for_changes(state, ps)
    return event_from("option-rejected", cmd, "part", "party", "note", option=option)


def decide_reserve(cmd: c.Reserve, state: State) -> Event:
    ps = require_part(state, cmd.part)
    require_signatory(state, ps, cmd.party, "enter a reservation on")
    if not cmd.note.strip():
        raise RefusedMove("a reservation needs a note saying what is reserved")
    open_for_changes(state, ps)
    return event_from("reservation-entered", cmd, "part", "party", "note")


def _part_move(cmd: c.Withdraw | c.Reopen | c.Defer, state: State) -> PartState:
    """The part a move names, made by a party in the record while parts can still change."""
    ps = require_part(state, cmd.part)
    require_party(state, cmd.party)
    open_for_changes(state, ps)
    return ps


def _signatory_or_mediator(state: State, ps: PartState, party: str, verb: str) -> None:
    """Reopening and deferring a part are for its signatories and the mediator."""
    if party not in ps.part.signatories and state.parties[party].role != "mediator":
        raise RefusedMove(f"only a signatory of {ps.part.id!r} or the mediator can {verb} it")


def decide_withdraw(cmd: c.Withdraw, state: State) -> Event:
    ps = _part_move(cmd, state)
    stance = ps.stances.get(cmd.party)
    tabled = any(cmd.party in who for who in ps.tabled.values())
    if (stance is None or stance.kind == "silent") and not tabled:
        raise RefusedMove(f"{cmd.party!r} has no stance or proposal on {cmd.part!r} to withdraw")
    return event_from("stance-withdrawn", cmd, "part", "party", "note")


def decide_reopen(cmd: c.Reopen, state: State) -> Event:
    ps = _part_move(cmd, state)
    _signatory_or_mediator(state, ps, cmd.party, "reopen")
    return event_from("part-reopened", cmd, "part", "party", "note")


def decide_defer(cmd: c.Defer, state: State) -> Event:
    ps = _part_move(cmd, state)
    if ps.deferred:
        raise RefusedMove(f"part {cmd.part!r} is already deferred")
    _signatory_or_mediator(state, ps, cmd.party, "defer")
    return event_from("part-deferred", cmd, "part", "party", "note")


def decide_confirm(cmd: c.Confirm, state: State) -> Event:
    negotiating(state, cmd.party, "confirm")
    if state.concluded_on is not None:
        raise RefusedMove(f"the package was already concluded on {state.concluded_on.isoformat()}")
    if cmd.party in state.confirmations:
        raise RefusedMove(f"{cmd.party!r} has already confirmed the package as it stands")
    if not state.parts:
        raise RefusedMove("the framework has no parts to confirm")
    missing = [pid for pid in state.parts if pid not in state.package()]
    if missing:
        from accords.model.board import missing_for

        details = "; ".join(f"{pid} ({missing_for(state, pid)})" for pid in missing)
        raise RefusedMove(
            "cannot confirm the package: not every part is confirmed by all its signatories: "
            + details
        )
    package = state.package()
    broken = state.broken_linkages(package)
    if broken:
        names = "; ".join(link.describe() for link in broken)
        raise RefusedMove(f"cannot confirm the package: it breaks the linkage {names}")
    return event_from("package-confirmed", cmd, "party", package=package)


def _after_conclusion(kind: str, attr: Callable[[State], Mapping[str, Any]]) -> Any:
    def handler(cmd: c.Initial | c.Sign, state: State) -> Event:
        verb = "initial" if kind == "package-initialled" else "sign"
        negotiating(state, cmd.party, verb)
        if state.concluded_on is None:
            raise RefusedMove(
                f"the package is not concluded; nothing is agreed until everything is agreed, "
                f"so there is nothing to {verb}"
            )
        if cmd.party in attr(state):
            raise RefusedMove(f"{cmd.party!r} has already done so")
        return event_from(kind, cmd, "party")

    return handler


decide_initial = _after_conclusion("package-initialled", lambda s: s.initialled)
decide_sign = _after_conclusion("package-signed", lambda s: s.signed)


def decide_record_note(cmd: c.RecordNote, state: State) -> Event:
    require_party(state, cmd.party)
    if cmd.part is not None:
        require_part(state, cmd.part)
    if not cmd.text.strip():
        raise RefusedMove("a note needs some text")
    return event_from("note-recorded", cmd, "party", "part", "text")


def decide_set_preferences(cmd: c.SetPreferences, state: State) -> Event:
    negotiating(state, cmd.party, "hold preferences over")
    prefs = dict(cmd.preferences)
    for part in prefs.get("weights", {}):
        require_part(state, part)
    for part, values in prefs.get("values", {}).items():
        ps = require_part(state, part)
        for option in values:
            require_option(ps, option)
    return event_from("preferences-set", cmd, "party", preferences=prefs)


#: The core rules, by command.
DECIDE: Final[dict[type[c.Command], Decider]] = {
    c.CreateNegotiation: decide_create_negotiation,
    c.AddParty: decide_add_party,
    c.AddPart: decide_add_part,
    c.AddOption: decide_add_option,
    c.AddLinkage: decide_add_linkage,
    c.OpenRound: decide_open_round,
    c.CloseRound: decide_close_round,
    c.AcceptFramework: decide_accept_framework,
    c.Propose: decide_propose,
    c.Accept: decide_accept,
    c.Reject: decide_reject,
    c.Reserve: decide_reserve,
    c.Withdraw: decide_withdraw,
    c.Reopen: decide_reopen,
    c.Defer: decide_defer,
    c.Confirm: decide_confirm,
    c.RecordNote: decide_record_note,
    c.SetPreferences: decide_set_preferences,
    c.Initial: decide_initial,
    c.Sign: decide_sign,
}
