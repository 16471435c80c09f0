"""One definition of a move command: its own arguments, then the options every move shares.

Each move command took the same five options (``--on --round --source --db
--negotiation``) and ended in the same ``record_command(db, negotiation,
Kind(on=on_or_today(on), round=round, source=source, ...))``. Here a command is
written as the function that *builds* its command from a :class:`When` and its own
arguments; :func:`move_command` registers it with the shared options appended, in
the order the commands always listed them, so ``--help`` reads as before. The
builder constructs the command itself, so mypy still checks every field of it
(``**when`` is a typed dict, which mypy checks against the command's fields).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

import typer

from accords.cli._common import (
    DEFAULT_DB,
    Db,
    NegotiationOpt,
    On,
    RoundOpt,
    SourceOpt,
    on_or_today,
    record_command,
)

if TYPE_CHECKING:
    from datetime import date

    from accords.model.commands import Command

__all__ = ["When", "move_command"]

K = TypeVar("K", bound="Command")


class When(TypedDict):
    """The fields every command shares: the day, the round, and where it is known from."""

    on: date
    round: int | None
    source: str | None


def _shared(
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """The shared options, as a signature Typer reads (never called)."""


_SHARED = inspect.signature(_shared, eval_str=True).parameters


def move_command(
    group: typer.Typer, name: str, *, rounds: bool = True
) -> Callable[[Callable[..., K]], Callable[..., K]]:
    """Register the builder as the command ``name`` of ``group``: build, decide, append.

    The builder's first parameter is the :class:`When`; the command line gives it
    ``--on`` (default today), ``--round`` (left out where ``rounds`` is false) and
    ``--source``, and the record is chosen by ``--db`` and ``--negotiation``.
    """

    def register(build: Callable[..., K]) -> Callable[..., K]:
        own = list(inspect.signature(build, eval_str=True).parameters.values())[1:]
        shared = [p for n, p in _SHARED.items() if rounds or n != "round"]

        def command(**given: Any) -> None:
            db, negotiation = given.pop("db"), given.pop("negotiation")
            when = When(
                on=on_or_today(given.pop("on")),
                round=given.pop("round", None),
                source=given.pop("source"),
            )
            record_command(db, negotiation, build(when, **given))

        command.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        command.__doc__ = build.__doc__
        command.__name__ = build.__name__
        group.command(name)(command)
        return build

    return register
