"""The checks every layer's rules share: lookups that name what is missing, and the event.

A decide handler (in :mod:`accords.model.core` or any :class:`~accords.model.layer.Layer`)
reads the state through these helpers so that every refusal reads the same way: an
unknown party lists the known ones, a bad id says what an id may hold, a gated part
names the linkage that gates it. Each raises :class:`~accords.errors.RefusedMove` (or
its :class:`~accords.errors.UnknownReference` leaf) or returns what it looked up.
Pure, like the rest of the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from accords.errors import RefusedMove, UnknownReference
from accords.model.commands import Command
from accords.model.events import Event
from accords.model.framework import split_ref
from accords.model.records import PART_STATUSES, PartState
from accords.model.state import State

__all__ = [
    "GATE_STATUSES",
    "ID_PATTERN",
    "ID_RE",
    "event",
    "event_from",
    "gate",
    "known",
    "negotiating",
    "new_id",
    "not_deferred",
    "open_for_changes",
    "require_option",
    "require_part",
    "require_party",
    "require_signatory",
]

#: What an id of a negotiation, party, part, option, clause or obligation may hold: the
#: one definition the scenario files, the API and the tokens check against too.
ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"
#: :data:`ID_PATTERN`, compiled.
ID_RE: Final = re.compile(ID_PATTERN)

#: The statuses that open a part gated by a ``sequenced-after`` linkage: agreed in
#: principle or further along (``PART_STATUSES`` is in lifecycle order).
GATE_STATUSES: Final = PART_STATUSES[
    PART_STATUSES.index("agreed-in-principle") : PART_STATUSES.index("signed") + 1
]


def event(event_type: str, command: Command, /, **payload: Any) -> Event:
    """The event recording ``command``: empty details dropped, its round and source added."""
    body = {k: v for k, v in payload.items() if v not in (None, "", (), [])}
    if command.round is not None:
        body["round"] = command.round
    if command.source:
        body["source"] = command.source
    return Event(event_type, body, command.on)


def event_from(event_type: str, command: Command, /, *fields: str, **payload: Any) -> Event:
    """:func:`event` whose payload copies the command's named ``fields`` under their own
    names, then ``payload`` (the details a rule computed or cleaned, which win over a copy).

    Most moves record their own fields under the same names; naming them, rather than
    writing ``part=cmd.part, party=cmd.party, ...`` again in every handler, keeps the
    event in step with its command. A copied value is written as JSON holds it: a tuple
    as a list, a date as ISO text.
    """
    copied = {name: _as_json(getattr(command, name)) for name in fields}
    return event(event_type, command, **(copied | payload))


def _as_json(value: Any) -> Any:
    """A command's field as its event's payload holds it (what the fold reads back)."""
    if isinstance(value, tuple):
        return list(value)
    return value.isoformat() if isinstance(value, date) else value


def known(what: str, ids: Iterable[str]) -> str:
    """``known parties: a, b`` (or ``none yet``): the tail of an unknown-reference refusal."""
    names = ", ".join(sorted(ids)) or "none yet"
    return f"known {what}: {names}"


def require_party(state: State, party: str) -> None:
    """Refuse a move naming a party the record does not hold."""
    if party not in state.parties:
        raise UnknownReference(f"unknown party {party!r}; {known('parties', state.parties)}")


def require_part(state: State, part: str) -> PartState:
    """The part's state, or a refusal listing the known parts."""
    ps = state.parts.get(part)
    if ps is None:
        raise UnknownReference(f"unknown part {part!r}; {known('parts', state.parts)}")
    return ps


def require_option(ps: PartState, option: str) -> str:
    """The option's id (a numeric part's value in canonical text), or a refusal saying
    what the part holds."""
    rng = ps.part.numeric
    if rng is not None:
        try:
            return rng.canonical(option)
        except ValueError as exc:
            raise RefusedMove(
                f"part {ps.part.id!r} takes a number, {rng.describe()}: {exc}"
            ) from None
    if ps.part.option(option) is None:
        ids = [o.id for o in ps.part.options]
        raise UnknownReference(
            f"part {ps.part.id!r} has no option {option!r}; {known('options', ids)}"
        )
    return option


def new_id(kind: str, value: str, taken: Iterable[str]) -> None:
    """Refuse an id that is malformed (see :data:`ID_PATTERN`) or already taken."""
    if not ID_RE.match(value):
        raise RefusedMove(
            f"{kind} id {value!r} is not valid: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    if value in taken:
        raise RefusedMove(f"{kind} {value!r} already exists")


def require_signatory(state: State, ps: PartState, party: str, doing: str) -> None:
    """Refuse a stance from a party who does not sign the part."""
    require_party(state, party)
    if party not in ps.part.signatories:
        sig = ", ".join(ps.part.signatories)
        raise RefusedMove(
            f"{party!r} is not a signatory of part {ps.part.id!r} and cannot {doing} it "
            f"(signatories: {sig})"
        )


def open_for_changes(state: State, ps: PartState) -> None:
    """Parts can change until every party has signed; a change before then voids the
    confirmations, the conclusion and any signature already given."""
    if state.agreement() == "signed":
        raise RefusedMove(
            "the package has been signed by every party; its parts can no longer change: "
            "record implementation instead"
        )


def gate(state: State, ps: PartState) -> None:
    """A ``sequenced-after`` linkage: talks on a part open only after another is agreed."""
    for link in state.linkages:
        if link.kind != "sequenced-after" or split_ref(link.from_ref)[0] != ps.part.id:
            continue
        gated_by = split_ref(link.to_ref)[0]
        status = state.part_status(gated_by).status
        if status not in GATE_STATUSES:
            raise RefusedMove(
                f"part {ps.part.id!r} opens only after {gated_by!r} is agreed at least in "
                f"principle (linkage {link.describe()}); {gated_by!r} is {status}"
            )


def not_deferred(ps: PartState) -> None:
    """Refuse a move on a deferred part."""
    if ps.deferred:
        raise RefusedMove(f"part {ps.part.id!r} is deferred; reopen it first")


def negotiating(state: State, party: str, doing: str) -> None:
    """Refuse a package move (confirm, initial, sign) from anyone but a party."""
    require_party(state, party)
    if not state.parties[party].negotiates:
        raise RefusedMove(
            f"{party!r} is a {state.parties[party].role}; only parties {doing} the package"
        )
