"""Where later modules plug into the server: statements and claims, negotiating text, analysis.

A module that wants a place in the API or on the dashboard defines a module-level
``extension = Extension(...)`` in ``accords.<area>.service`` (for example
``accords.text.service``). The app includes its routers and shows its panels when
the module is installed, and shows an empty, labelled place for it when not.
Every router must guard confidential data itself with the :class:`Viewer` it gets
from :func:`accords.service.api.api_viewer` or the page session.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from fastapi import APIRouter

    from accords.ledger.store import StoredEvent
    from accords.model import State
    from accords.service.auth import Viewer

__all__ = [
    "KNOWN_AREAS",
    "NOW",
    "Area",
    "Extension",
    "LogPanels",
    "Panel",
    "Panels",
    "View",
    "load_extensions",
]


@dataclass(frozen=True, slots=True)
class Panel:
    """A section of the dashboard: a title and trusted HTML (the extension escapes its data)."""

    title: str
    html: str


@dataclass(frozen=True, slots=True)
class View:
    """The moment the dashboard shows, so that every panel shows the same one as the board.

    ``as_of`` is what goes after "as of" ("now", or "round 4 (Doha, 2019-01-21 – 2019-01-26)");
    ``on`` the last day whose events the view holds (``None``: now, everything).
    """

    round: int | None = None
    on: date | None = None
    as_of: str = "now"

    @property
    def is_now(self) -> bool:
        return self.round is None

    @property
    def words(self) -> str:
        """The view in words, as the board's heading says it: "now" or "as of round 4 (…)"."""
        return "now" if self.is_now else f"as of {self.as_of}"


#: The live view: the record as it stands.
NOW: Final = View()


class Panels(Protocol):
    """Called per dashboard render: ``(area key, panel)`` pairs for this viewer, as of ``view``
    (``state`` is already the state as of that view)."""

    def __call__(
        self, viewer: Viewer, state: State, view: View = ...
    ) -> Sequence[tuple[str, Panel]]: ...


class LogPanels(Protocol):
    """The same, for panels that read the log (statements): also given the events up to the
    view (those that happened by its day and, as of a round, were recorded in it or before)."""

    def __call__(
        self, viewer: Viewer, state: State, events: Sequence[StoredEvent], view: View = ...
    ) -> Sequence[tuple[str, Panel]]: ...


@dataclass(frozen=True, slots=True)
class Area:
    """A place on the dashboard reserved for a later module."""

    key: str
    title: str
    module: str
    blurb: str


#: The places the dashboard keeps, in order, whether or not their module is installed.
KNOWN_AREAS: Final = (
    Area(
        "statements",
        "Statements and claims",
        "accords.service.statements",
        "Public statements, the claims they make about parts, and each claim's verdict "
        "against the record as of the statement's date.",
    ),
    Area(
        "text",
        "Negotiating text",
        "accords.draft.service",
        "The draft text, with square brackets around what is not agreed.",
    ),
    Area(
        "analysis",
        "Analysis",
        "accords.service.analysis",
        "The outcome space, the frontier and the zone of possible agreement, "
        "computed only from the preferences this viewer may see.",
    ),
    Area(
        "facilitation",
        "Facilitation",
        "accords.service.elicit_api",
        "Packages every party prefers to the one on the table (for the mediator), and what "
        "every party accepts blind, once all have marked.",
    ),
)


@dataclass(frozen=True, slots=True)
class Extension:
    """What one module adds: API routes (under /api), page routes, dashboard panels."""

    name: str
    api_router: APIRouter | None = None
    page_router: APIRouter | None = None
    panels: Panels | None = field(default=None)
    log_panels: LogPanels | None = field(default=None)


def load_extensions(modules: Sequence[str]) -> list[Extension]:
    """The extensions of the modules that are installed; a missing module is skipped."""
    found: list[Extension] = []
    for name in dict.fromkeys(modules):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # that area is not built (yet)
            raise
        ext = getattr(module, "extension", None)
        if isinstance(ext, Extension):
            found.append(ext)
    return found
