"""Who may see what: the one gate for analyses that need every party's preferences."""

from __future__ import annotations

from accords.errors import AccessDenied

__all__ = ["MEDIATOR", "require_mediator"]

MEDIATOR = "mediator"


def require_mediator(viewer: str, what: str) -> None:
    """Refuse, with a message saying who may, what needs other parties' preferences."""
    if viewer != MEDIATOR:
        raise AccessDenied(
            f"{what} needs every party's preferences, which only the mediator may see; "
            f"{viewer!r} sees its own preferences only (run with --as mediator)"
        )
