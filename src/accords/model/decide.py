"""``decide(state, command) -> events``: where the rules live.

A command the rules allow becomes one or more events; any other raises
:class:`~accords.errors.RefusedMove` naming what is missing, and nothing is
appended. Pure: the state and the command are all it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import singledispatch
from typing import Any

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model.events import Event
from accords.model.framework import (
    LEVELS,
    LINKAGE_KINDS,
    OPTION_LINKAGES,
    ROLES,
    split_ref,
)
from accords.model.limits import check_command
from accords.model.state import PartState, State
from accords.model.viewer import check_party_id

__all__ = ["decide", "register_check"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_GATE_STATUSES = ("agreed-in-principle", "agreed-ad-ref", "confirmed")


def decide(state: State, command: c.Command) -> list[Event]:
    """The events that record ``command``, or a :class:`RefusedMove` saying why not."""
    check_command(command)  # text lengths and round numbers (accords.model.limits)
    if not state.id and not isinstance(command, c.CreateNegotiation):
        raise RefusedMove("no negotiation yet: create one first (accords new ID --title T)")
    if (
        command.round is not None
        and command.round not in state.rounds
        and not (isinstance(command, c.OpenRound) and command.number == command.round)
    ):
        raise UnknownReference(
            f"no round {command.round} in the record; open it first "
            f"(accords round open {command.round})"
        )
    for check in _CHECKS.get(type(command), ()):
        check(state, command)
    payload = _decide(command, state)
    events = payload if isinstance(payload, list) else [payload]
    return events


#: Extra rules other model modules add to an existing command (e.g. the text must be clean
#: before the package is confirmed); each raises RefusedMove or returns None.
_CHECKS: dict[type[c.Command], list[Callable[[State, Any], None]]] = {}


def register_check(command_type: type[c.Command], check: Callable[[State, Any], None]) -> None:
    """Add a rule to ``command_type``, run before its own; used by clauses and conditions."""
    _CHECKS.setdefault(command_type, []).append(check)


def _event(event_type: str, command: c.Command, /, **payload: Any) -> Event:
    body = {k: v for k, v in payload.items() if v not in (None, "", (), [])}
    if command.round is not None:
        body["round"] = command.round
    if command.source:
        body["source"] = command.source
    return Event(event_type, body, command.on)


# -- lookups that name what is missing ----------------------------------------------


def _known(what: str, ids: Any) -> str:
    names = ", ".join(sorted(ids)) or "none yet"
    return f"known {what}: {names}"


def _party(state: State, party: str) -> None:
    if party not in state.parties:
        raise UnknownReference(f"unknown party {party!r}; {_known('parties', state.parties)}")


def _part(state: State, part: str) -> PartState:
    ps = state.parts.get(part)
    if ps is None:
        raise UnknownReference(f"unknown part {part!r}; {_known('parts', state.parts)}")
    return ps


def _option(ps: PartState, option: str) -> None:
    if ps.part.option(option) is None:
        ids = [o.id for o in ps.part.options]
        raise UnknownReference(
            f"part {ps.part.id!r} has no option {option!r}; {_known('options', ids)}"
        )


def _new_id(kind: str, value: str, taken: Mapping[str, Any] | list[str]) -> None:
    if not _ID.match(value):
        raise RefusedMove(
            f"{kind} id {value!r} is not valid: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    if value in taken:
        raise RefusedMove(f"{kind} {value!r} already exists")


def _signatory(state: State, ps: PartState, party: str, doing: str) -> None:
    _party(state, party)
    if party not in ps.part.signatories:
        sig = ", ".join(ps.part.signatories)
        raise RefusedMove(
            f"{party!r} is not a signatory of part {ps.part.id!r} and cannot {doing} it "
            f"(signatories: {sig})"
        )


def _open_for_changes(state: State, ps: PartState) -> None:
    """Parts can change until every party has signed; a change before then voids the
    confirmations, the conclusion and any signature already given."""
    if state.agreement() == "signed":
        raise RefusedMove(
            "the package has been signed by every party; its parts can no longer change: "
            "record implementation instead"
        )


def _gate(state: State, ps: PartState) -> None:
    """A ``sequenced-after`` linkage: talks on a part open only after another is agreed."""
    for link in state.linkages:
        if link.kind != "sequenced-after" or split_ref(link.from_ref)[0] != ps.part.id:
            continue
        gate = split_ref(link.to_ref)[0]
        status = state.part_status(gate).status
        if status not in _GATE_STATUSES and status not in ("agreed", "initialled", "signed"):
            raise RefusedMove(
                f"part {ps.part.id!r} opens only after {gate!r} is agreed at least in principle "
                f"(linkage {link.describe()}); {gate!r} is {status}"
            )


def _not_deferred(ps: PartState) -> None:
    if ps.deferred:
        raise RefusedMove(f"part {ps.part.id!r} is deferred; reopen it first")


# -- one function per command --------------------------------------------------------


@singledispatch
def _decide(command: c.Command, state: State) -> Event | list[Event]:
    raise RefusedMove(f"unknown command {type(command).__name__}")


@_decide.register
def _(cmd: c.CreateNegotiation, state: State) -> Event:
    if state.id:
        raise RefusedMove(f"negotiation {state.id!r} already exists")
    _new_id("negotiation", cmd.id, [])
    if not cmd.title.strip():
        raise RefusedMove("a negotiation needs a title")
    return _event(
        "negotiation-created", cmd, id=cmd.id, title=cmd.title, description=cmd.description
    )


@_decide.register
def _(cmd: c.AddParty, state: State) -> Event:
    _new_id("party", cmd.id, state.parties)
    check_party_id(cmd.id)  # no party may take a role's name (accords.model.viewer)
    if cmd.role not in ROLES:
        raise RefusedMove(f"unknown role {cmd.role!r}; roles: {', '.join(ROLES)}")
    if not cmd.name.strip():
        raise RefusedMove(f"party {cmd.id!r} needs a name")
    return _event(
        "party-added", cmd, id=cmd.id, name=cmd.name, role=cmd.role, aliases=list(cmd.aliases)
    )


@_decide.register
def _(cmd: c.AddPart, state: State) -> Event:
    _new_id("part", cmd.id, state.parts)
    if not cmd.title.strip():
        raise RefusedMove(f"part {cmd.id!r} needs a title")
    if not cmd.signatories:
        raise RefusedMove(f"part {cmd.id!r} needs at least one signatory")
    for s in cmd.signatories:
        _party(state, s)
        if state.parties[s].role != "party":
            raise RefusedMove(
                f"{s!r} is a {state.parties[s].role}, not a party, and cannot be a signatory"
            )
    if len(set(cmd.signatories)) != len(cmd.signatories):
        raise RefusedMove(f"part {cmd.id!r} names a signatory twice")
    seen: list[str] = []
    for oid, _text in cmd.options:
        _new_id("option", oid, seen)
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
    return _event(
        "part-added",
        cmd,
        id=cmd.id,
        title=cmd.title,
        text=cmd.text,
        signatories=list(cmd.signatories),
        rule=rule if kind != "unanimity" else None,
        options=[{"id": o, "text": t} if t else {"id": o} for o, t in cmd.options],
    )


@_decide.register
def _(cmd: c.AddOption, state: State) -> Event:
    ps = _part(state, cmd.part)
    _new_id("option", cmd.id, [o.id for o in ps.part.options])
    _open_for_changes(state, ps)
    return _event("option-added", cmd, part=cmd.part, id=cmd.id, text=cmd.text)


@_decide.register
def _(cmd: c.AddLinkage, state: State) -> Event:
    if cmd.kind not in LINKAGE_KINDS:
        raise RefusedMove(f"unknown linkage {cmd.kind!r}; kinds: {', '.join(LINKAGE_KINDS)}")
    ends = []
    for ref in (cmd.from_, cmd.to):
        part, option = split_ref(ref)
        ps = _part(state, part)
        if option is not None:
            _option(ps, option)
        elif cmd.kind in OPTION_LINKAGES:
            raise RefusedMove(
                f"a {cmd.kind} linkage ties options: write {ref}:OPTION (got {ref!r})"
            )
        ends.append(part)
    if ends[0] == ends[1]:
        raise RefusedMove(f"a linkage ties two different parts; both ends are {ends[0]!r}")
    for link in state.linkages:
        if (link.kind, link.from_ref, link.to_ref) == (cmd.kind, cmd.from_, cmd.to):
            raise RefusedMove(f"linkage {link.describe()} already exists")
    return _event(
        "linkage-added",
        cmd,
        **{"kind": cmd.kind, "from": cmd.from_, "to": cmd.to, "note": cmd.note},
    )


@_decide.register
def _(cmd: c.OpenRound, state: State) -> Event:
    if cmd.number < 1:
        raise RefusedMove("round numbers start at 1")
    if cmd.number in state.rounds:
        raise RefusedMove(f"round {cmd.number} is already in the record")
    for p in (*cmd.attended, *cmd.absent):
        _party(state, p)
    refusals = []
    for who, refused in cmd.refusals:
        _party(state, who)
        for other in refused:
            _party(state, other)
        refusals.append({"party": who, "refused_to_meet": list(refused)})
    return _event(
        "round-opened",
        c.Command(on=cmd.on, source=cmd.source),
        number=cmd.number,
        venue=cmd.venue,
        attended=list(cmd.attended),
        absent=list(cmd.absent),
        refusals=refusals,
        note=cmd.note,
    )


@_decide.register
def _(cmd: c.CloseRound, state: State) -> Event:
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
    return _event(
        "round-closed", c.Command(on=cmd.on, source=cmd.source), number=cmd.number, note=cmd.note
    )


@_decide.register
def _(cmd: c.AcceptFramework, state: State) -> Event:
    _party(state, cmd.party)
    if state.parties[cmd.party].role != "party":
        raise RefusedMove(f"{cmd.party!r} is not a party and does not accept the framework")
    if cmd.party in state.framework_accepted:
        raise RefusedMove(f"{cmd.party!r} already accepted the framework")
    return _event("framework-accepted", cmd, party=cmd.party, note=cmd.note)


@_decide.register
def _(cmd: c.Propose, state: State) -> Event:
    ps = _part(state, cmd.part)
    _party(state, cmd.party)
    _option(ps, cmd.option)
    if state.parties[cmd.party].role in ("host", "observer"):
        raise RefusedMove(
            f"{cmd.party!r} is a {state.parties[cmd.party].role} and does not table proposals"
        )
    _open_for_changes(state, ps)
    _not_deferred(ps)
    _gate(state, ps)
    if cmd.party in ps.tabled.get(cmd.option, ()):
        raise RefusedMove(f"{cmd.party!r} has already tabled {cmd.part}:{cmd.option}")
    return _event(
        "option-proposed", cmd, part=cmd.part, option=cmd.option, party=cmd.party, note=cmd.note
    )


@_decide.register
def _(cmd: c.Accept, state: State) -> Event:
    ps = _part(state, cmd.part)
    _signatory(state, ps, cmd.party, "accept")
    _option(ps, cmd.option)
    if cmd.level not in LEVELS:
        raise RefusedMove(f"unknown level {cmd.level!r}; levels: {', '.join(LEVELS)}")
    _open_for_changes(state, ps)
    _not_deferred(ps)
    _gate(state, ps)
    old = ps.stances.get(cmd.party)
    if old and old.kind == "accepts" and old.option == cmd.option and old.level == cmd.level:
        raise RefusedMove(
            f"{cmd.party!r} already accepts {cmd.part}:{cmd.option} at level {cmd.level}"
        )
    return _event(
        "option-accepted",
        cmd,
        part=cmd.part,
        option=cmd.option,
        party=cmd.party,
        level=cmd.level,
        note=cmd.note,
    )


@_decide.register
def _(cmd: c.Reject, state: State) -> Event:
    ps = _part(state, cmd.part)
    _signatory(state, ps, cmd.party, "reject")
    if cmd.option is not None:
        _option(ps, cmd.option)
    _open_for_changes(state, ps)
    return _event(
        "option-rejected", cmd, part=cmd.part, option=cmd.option, party=cmd.party, note=cmd.note
    )


@_decide.register
def _(cmd: c.Reserve, state: State) -> Event:
    ps = _part(state, cmd.part)
    _signatory(state, ps, cmd.party, "enter a reservation on")
    if not cmd.note.strip():
        raise RefusedMove("a reservation needs a note saying what is reserved")
    _open_for_changes(state, ps)
    return _event("reservation-entered", cmd, part=cmd.part, party=cmd.party, note=cmd.note)


@_decide.register
def _(cmd: c.Withdraw, state: State) -> Event:
    ps = _part(state, cmd.part)
    _party(state, cmd.party)
    _open_for_changes(state, ps)
    stance = ps.stances.get(cmd.party)
    tabled = any(cmd.party in who for who in ps.tabled.values())
    if (stance is None or stance.kind == "silent") and not tabled:
        raise RefusedMove(f"{cmd.party!r} has no stance or proposal on {cmd.part!r} to withdraw")
    return _event("stance-withdrawn", cmd, part=cmd.part, party=cmd.party, note=cmd.note)


@_decide.register
def _(cmd: c.Reopen, state: State) -> Event:
    ps = _part(state, cmd.part)
    _party(state, cmd.party)
    _open_for_changes(state, ps)
    if cmd.party not in ps.part.signatories and state.parties[cmd.party].role != "mediator":
        raise RefusedMove(f"only a signatory of {cmd.part!r} or the mediator can reopen it")
    return _event("part-reopened", cmd, part=cmd.part, party=cmd.party, note=cmd.note)


@_decide.register
def _(cmd: c.Defer, state: State) -> Event:
    ps = _part(state, cmd.part)
    _party(state, cmd.party)
    _open_for_changes(state, ps)
    if ps.deferred:
        raise RefusedMove(f"part {cmd.part!r} is already deferred")
    if cmd.party not in ps.part.signatories and state.parties[cmd.party].role != "mediator":
        raise RefusedMove(f"only a signatory of {cmd.part!r} or the mediator can defer it")
    return _event("part-deferred", cmd, part=cmd.part, party=cmd.party, note=cmd.note)


def _negotiating(state: State, party: str, doing: str) -> None:
    _party(state, party)
    if not state.parties[party].negotiates:
        raise RefusedMove(
            f"{party!r} is a {state.parties[party].role}; only parties {doing} the package"
        )


@_decide.register
def _(cmd: c.Confirm, state: State) -> Event:
    _negotiating(state, cmd.party, "confirm")
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
    return _event("package-confirmed", cmd, party=cmd.party, package=package)


def _after_conclusion(kind: str, attr: Callable[[State], Mapping[str, Any]]) -> Any:
    def handler(cmd: c.Initial | c.Sign, state: State) -> Event:
        verb = "initial" if kind == "package-initialled" else "sign"
        _negotiating(state, cmd.party, verb)
        if state.concluded_on is None:
            raise RefusedMove(
                f"the package is not concluded; nothing is agreed until everything is agreed, "
                f"so there is nothing to {verb}"
            )
        if cmd.party in attr(state):
            raise RefusedMove(f"{cmd.party!r} has already done so")
        return _event(kind, cmd, party=cmd.party)

    return handler


_decide.register(c.Initial, _after_conclusion("package-initialled", lambda s: s.initialled))
_decide.register(c.Sign, _after_conclusion("package-signed", lambda s: s.signed))


@_decide.register
def _(cmd: c.RecordNote, state: State) -> Event:
    _party(state, cmd.party)
    if cmd.part is not None:
        _part(state, cmd.part)
    if not cmd.text.strip():
        raise RefusedMove("a note needs some text")
    return _event("note-recorded", cmd, party=cmd.party, part=cmd.part, text=cmd.text)


@_decide.register
def _(cmd: c.SetPreferences, state: State) -> Event:
    _negotiating(state, cmd.party, "hold preferences over")
    prefs = dict(cmd.preferences)
    for part in prefs.get("weights", {}):
        _part(state, part)
    for part, values in prefs.get("values", {}).items():
        ps = _part(state, part)
        for option in values:
            _option(ps, option)
    return _event("preferences-set", cmd, party=cmd.party, preferences=prefs)
