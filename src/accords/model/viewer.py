"""Who is looking: a typed value, never a string compared with party ids.

A viewer is one of three things: the :class:`Mediator` (sees and records
everything), a :class:`Delegate` of one party (sees what is public and that
party's confidential data), or an :class:`Observer` (sees what is public).
Before this module a viewer was a string, ``"mediator"`` or a party id, and a
party registered under the id ``mediator`` was treated as the mediator; with a
typed value the question "is this the mediator?" is answered by the type, so no
party id can ever pass for a role. The role words are also refused as party ids
(:func:`check_party_id`), so the CLI's ``--as WORD`` stays unambiguous.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from accords.errors import AccessDenied, RefusedMove, UnknownReference

if TYPE_CHECKING:
    from accords.model.state import State

__all__ = [
    "RESERVED_IDS",
    "Delegate",
    "Mediator",
    "Observer",
    "Viewer",
    "check_party_id",
    "cli_viewer",
    "is_mediator_word",
    "may_see_confidential",
    "move_date",
    "parse_viewer",
    "viewer_label",
]

#: Words that name a role, a group or an authority; never a party's id (case-insensitive).
RESERVED_IDS: Final = frozenset(
    {
        "mediator",
        "mediators",
        "observer",
        "observers",
        "host",
        "facilitator",
        "party",
        "parties",
        "delegate",
        "all",
        "any",
        "everyone",
        "public",
        "none",
        "null",
        "admin",
        "administrator",
        "root",
        "system",
        "server",
        "operator",
        "anonymous",
    }
)

_PARTY_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


@dataclass(frozen=True, slots=True)
class Mediator:
    """The mediator: every party's confidential data, every move."""


@dataclass(frozen=True, slots=True)
class Delegate:
    """A delegate of ``party``: the public record and that party's confidential data."""

    party: str


@dataclass(frozen=True, slots=True)
class Observer:
    """The public: the record without anyone's confidential data."""


Viewer = Mediator | Delegate | Observer


def check_party_id(party: str) -> None:
    """Refuse an id that is malformed or a reserved word (``mediator``, ``all``, ``admin`` …).

    Called by the model's AddParty rule and by ``accords token create``, so a
    party can never be registered, or a token issued, under a role's name.
    """
    if not _PARTY_ID.match(party):
        raise RefusedMove(
            f"{party!r} is not a party id: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    if party.casefold() in RESERVED_IDS:
        raise RefusedMove(
            f"{party!r} is a reserved word (a role or a group), not a party id; "
            "choose another id, e.g. the party's short name"
        )


def may_see_confidential(viewer: Viewer, owner: str | None) -> bool:
    """Whether ``viewer`` may read the confidential data of the party ``owner``."""
    match viewer:
        case Mediator():
            return True
        case Delegate(party=party):
            return owner is not None and party == owner
        case Observer():
            return False


def viewer_label(viewer: Viewer) -> str:
    """How pages and messages name the viewer."""
    match viewer:
        case Mediator():
            return "mediator"
        case Delegate(party=party):
            return f"delegate of {party}"
        case Observer():
            return "observer"


def cli_viewer(text: str | None, parties: Container[str]) -> Viewer:
    """The viewer of a CLI command's optional ``--as``: the public when it is left out."""
    return Observer() if text is None else parse_viewer(text, parties)


def is_mediator_word(text: str) -> bool:
    """Whether the CLI's ``--as WORD`` names the mediator (parsed, never compared as an id)."""
    try:
        return isinstance(parse_viewer(text), Mediator)
    except RefusedMove:
        return False


def parse_viewer(text: str, parties: Container[str] | None = None) -> Viewer:
    """The viewer a command line's ``--as WORD`` names: ``mediator``, ``observer`` or a party id.

    The role words are reserved (no party may take them), so reading one here is
    unambiguous. ``parties`` (any container of party ids), when given, must hold
    the party a delegate speaks for.
    """
    word = text.strip()
    if word.casefold() == "mediator":
        return Mediator()
    if word.casefold() in ("observer", "public"):
        return Observer()
    if word.casefold() in RESERVED_IDS:
        raise RefusedMove(
            f"unknown viewer {word!r} (a reserved word): use mediator, observer or a party id"
        )
    if parties is not None and word not in parties:
        raise UnknownReference(f"unknown viewer {word!r}: use mediator, observer or a party id")
    return Delegate(word)


def move_date(
    viewer: Viewer,
    asked: date | None,
    *,
    today: date,
    state: State,
    began: date | None,
    round: int | None = None,
) -> date:
    """The date a move made now by ``viewer`` carries, or a refusal saying why not.

    A delegate's move is dated ``today`` (the server's UTC date): a delegate who
    could date moves anywhere could rewrite past views of the board. Only the
    mediator may back-fill, and only inside the negotiation's span (from the day
    it ``began`` to today, never in the future). A move tagged with a round must
    fall inside that round's dates (to today while the round is open).
    """
    on = today if asked is None else asked
    if on != today and not isinstance(viewer, Mediator):
        raise AccessDenied(
            f"a delegate's move is dated today ({today.isoformat()}, UTC); only the mediator "
            f"may record a move on another date (asked: {on.isoformat()})"
        )
    if on > today:
        raise RefusedMove(f"{on.isoformat()} is in the future (today is {today.isoformat()}, UTC)")
    if began is not None and on < began:
        raise RefusedMove(f"{on.isoformat()} is before the negotiation began ({began.isoformat()})")
    if round is not None and round in state.rounds:
        r = state.rounds[round]
        end = r.end or today
        if not r.start <= on <= end:
            span = f"{r.start.isoformat()} to {r.end.isoformat() if r.end else 'now (open)'}"
            raise RefusedMove(
                f"a move in round {round} must be dated within the round ({span}), "
                f"not {on.isoformat()}"
            )
    return on
