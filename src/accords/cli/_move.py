"""One definition of a move command: its own arguments, then the options every move shares.

Each move command took the same five options (``--on --round --source --db
--negotiation``) and ended in the same ``record_command(db, negotiation,
Kind(on=on_or_today(on), round=round, source=source, ...))``. Here a command is
written as the function that *builds* its command from a :class:`When` and its own
arguments; :func:`recorded` makes it a Typer command with the shared options
appended, in the order the commands always listed them, so ``--help`` reads as
before. The builder constructs the command itself, so mypy still checks every field of it
(``**when`` is the model's typed dict, :class:`accords.model.moves.When`, which mypy checks
against the command's fields); a move builder hands its entry to the model's one mapping
(:mod:`accords.cli.moves`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from accords.model.moves import When

if TYPE_CHECKING:
    from accords.model.commands import Command

__all__ = ["When", "recorded"]


def _shared(
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """The shared options, as a signature Typer reads (never called)."""


_SHARED = inspect.signature(_shared, eval_str=True).parameters


def recorded(
    *, rounds: bool = True, sources: bool = True, create: bool = False
) -> Callable[[Callable[..., Command]], Callable[..., None]]:
    """Turn a builder into the Typer command that builds, decides and appends its command.

    The builder's first parameter is the :class:`When`; the command line gives it
    ``--on`` (default today), ``--round`` (left out where ``rounds`` is false) and
    ``--source`` (left out where ``sources`` is false), and the record is chosen by
    ``--db`` and ``--negotiation`` (with ``create``, which starts a record, by ``--db``
    alone: the command names its negotiation). The command is registered where it was
    (``@group.command(NAME)`` above this), so the commands keep their order in ``--help``.
    """

    def wrap(build: Callable[..., Command]) -> Callable[..., None]:
        own = list(inspect.signature(build, eval_str=True).parameters.values())[1:]
        keeps = (("round", rounds and not create), ("source", sources), ("negotiation", not create))
        left_out = {n for n, keep in keeps if not keep}
        shared = [p for n, p in _SHARED.items() if n not in left_out]

        def command(**given: Any) -> None:
            db, negotiation = given.pop("db"), given.pop("negotiation", None)
            when = When(
                on=on_or_today(given.pop("on")),
                round=given.pop("round", None),
                source=given.pop("source", None),
            )
            built = build(when, **given)
            if create:
                record_command(db, None, built, create=True)
            else:
                record_command(db, negotiation, built)

        command.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        command.__doc__ = build.__doc__
        command.__name__ = build.__name__
        return command

    return wrap
