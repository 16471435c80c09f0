"""Who may see what: the one gate for analyses that need every party's preferences."""

from __future__ import annotations

from accords.errors import AccessDenied
from accords.model.viewer import Mediator, Viewer, parse_viewer

__all__ = ["MEDIATOR", "require_mediator"]

#: The CLI's ``--as`` word for the mediator (a reserved word: no party may take it).
MEDIATOR = "mediator"


def require_mediator(viewer: Viewer | str, what: str) -> None:
    """Refuse, with a message saying who may, what needs other parties' preferences.

    The type decides (a string is read as the CLI's ``--as`` word), so no party
    id can pass for the mediator.
    """
    who = parse_viewer(viewer) if isinstance(viewer, str) else viewer
    if not isinstance(who, Mediator):
        shown = viewer if isinstance(viewer, str) else type(viewer).__name__.lower()
        raise AccessDenied(
            f"{what} needs every party's preferences, which only the mediator may see; "
            f"{shown!r} sees its own preferences only (run with --as mediator)"
        )
