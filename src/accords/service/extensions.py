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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from fastapi import APIRouter

    from accords.ledger.store import StoredEvent
    from accords.model import State
    from accords.service.auth import Viewer

__all__ = ["KNOWN_AREAS", "Area", "Extension", "Panel", "load_extensions"]


@dataclass(frozen=True, slots=True)
class Panel:
    """A section of the dashboard: a title and trusted HTML (the extension escapes its data)."""

    title: str
    html: str


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
)


@dataclass(frozen=True, slots=True)
class Extension:
    """What one module adds: API routes (under /api), page routes, dashboard panels."""

    name: str
    api_router: APIRouter | None = None
    page_router: APIRouter | None = None
    panels: Callable[[Viewer, State], Sequence[tuple[str, Panel]]] | None = field(default=None)
    """Called per dashboard render: ``(area key, panel)`` pairs for this viewer."""
    log_panels: (
        Callable[[Viewer, State, Sequence[StoredEvent]], Sequence[tuple[str, Panel]]] | None
    ) = field(default=None)
    """The same, for panels that read the log (statements): also given its events."""


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
