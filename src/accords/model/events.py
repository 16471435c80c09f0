"""Event types and the event value the model produces.

The model speaks in events: ``decide`` returns them, ``fold`` consumes them. The
ledger adds sequence numbers, recording metadata and the hash chain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Protocol

from accords.model.viewer import Observer, Viewer, may_see_confidential, parse_viewer

__all__ = [
    "CONFIDENTIAL",
    "EVENT_TYPES",
    "PACKAGE_CHANGES",
    "STRUCTURAL",
    "Event",
    "EventLike",
    "redact",
]


@dataclass(frozen=True, slots=True)
class Event:
    """What happened, on which real-world date, with its details."""

    type: str
    payload: Mapping[str, Any]
    occurred_on: date


class EventLike(Protocol):
    """Anything the fold can read: a model :class:`Event` or a ledger ``StoredEvent``."""

    @property
    def type(self) -> str: ...
    @property
    def payload(self) -> Mapping[str, Any]: ...
    @property
    def occurred_on(self) -> date: ...


#: Events that define the framework; an as-of view keeps them whatever their date.
STRUCTURAL: Final = frozenset(
    {
        "negotiation-created",
        "party-added",
        "part-added",
        "option-added",
        "linkage-added",
        "pax-coded",
        # people in the record (accords.model.people): their titles carry their own dates
        "person-added",
        "title-added",
    }
)

#: Events that change a part's terms or stances, and so void every package confirmation.
PACKAGE_CHANGES: Final = frozenset(
    {
        "option-proposed",
        "option-accepted",
        "option-rejected",
        "reservation-entered",
        "stance-withdrawn",
        "part-reopened",
        "part-deferred",
        # the negotiating text (accords.model.clauses)
        "clause-tabled",
        "clause-amended",
        "clause-bracketed",
        "clause-accepted",
        "clause-reserved",
        "clause-withdrawn",
    }
)

#: Events whose payload only their party and the mediator may see.
CONFIDENTIAL: Final = frozenset({"preferences-set", "note-recorded"})

EVENT_TYPES: Final = (
    STRUCTURAL
    | PACKAGE_CHANGES
    | CONFIDENTIAL
    | {
        "round-opened",
        "round-closed",
        "framework-accepted",
        "package-confirmed",
        "package-initialled",
        "package-signed",
    }
)


def redact(
    event_type: str, payload: Mapping[str, Any], viewer: Viewer | str | None
) -> dict[str, Any]:
    """A payload as ``viewer`` may see it: confidential ones only for owner or mediator.

    ``viewer`` is a typed :data:`accords.model.viewer.Viewer`. (A string is read
    as the CLI's ``--as`` word: ``mediator``, ``observer`` or a party id, which
    may never be a role's name; ``None`` is the public.) Every reader of the log
    (the CLI, the API, the pages) goes through here.
    """
    if event_type not in CONFIDENTIAL:
        return dict(payload)
    who = _typed(viewer)
    owner = payload.get("party")
    if may_see_confidential(who, owner if isinstance(owner, str) else None):
        return dict(payload)
    return {"party": owner, "confidential": True}


def _typed(viewer: Viewer | str | None) -> Viewer:
    if viewer is None:
        return Observer()
    if isinstance(viewer, str):
        return parse_viewer(viewer)
    return viewer
