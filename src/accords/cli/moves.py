"""Move commands: a party proposes, accepts, rejects, reserves, withdraws; the package.

Each command gathers its arguments into a flat move entry and hands it to the model's
one mapping (:func:`accords.model.moves.move_command`), which the API and the scenario
loader use too: the entry's rules and their sentences are the model's, and the help
text of every argument is the description the model gives the field. Only the names
of the flags are the command line's: a refused entry ends in one line that adds them.
:func:`register` puts the commands on the app (``accords.cli.record`` calls it, so the
order of ``accords --help`` is kept).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Final

import typer

from accords.cli._app import fail
from accords.cli._common import By, LevelOpt, Note
from accords.cli._move import When, recorded
from accords.errors import RefusedMove
from accords.model import moves as mv
from accords.model.commands import Command

__all__ = ["register"]

PartArg = Annotated[str, typer.Argument(help=mv.DESCRIPTIONS["part"], show_default=False)]
OptionArg = Annotated[
    str | None, typer.Argument(help=mv.DESCRIPTIONS["option"], show_default=False)
]
ValueOpt = Annotated[str | None, typer.Option("--value", help=mv.DESCRIPTIONS["value"])]
AtMostOpt = Annotated[str | None, typer.Option("--at-most", help=mv.DESCRIPTIONS["at_most"])]
AtLeastOpt = Annotated[str | None, typer.Option("--at-least", help=mv.DESCRIPTIONS["at_least"])]
Reservation = Annotated[str, typer.Option("--note", help=mv.DESCRIPTIONS["note"])]

#: How the command line spells the position fields of an entry.
_FLAGS: Final = {
    "option": "OPTION",
    "value": "--value",
    "at_most": "--at-most",
    "at_least": "--at-least",
}


def _entry(
    move: mv.MoveKind,
    when: When,
    by: str,
    part: str | None = None,
    level: str | None = None,
    note: str = "",
    **position: str | None,
) -> Command:
    """The model's command for this entry, or one line: the model's sentence, then the
    flags that give what it names (``accept`` takes OPTION, --value, --at-most, --at-least)."""
    given: dict[str, str | Decimal] = {k: v for k, v in position.items() if v is not None}
    try:
        return mv.move_command(move, when, by=by, part=part, position=given, level=level, note=note)
    except RefusedMove as exc:
        if exc.field not in mv.POSITION_FIELDS:
            fail(str(exc))
        flags = [_FLAGS[k] for k in mv.POSITION_FIELDS if k in position]
        fail(f"{exc} (on the command line: {', '.join(flags[:-1])} or {flags[-1]})")


@recorded()
def framework_accept(when: When, by: By, note: Note = "") -> Command:
    """A party accepts the framework itself (not any of its parts)."""
    return _entry("accept-framework", when, by, note=note)


@recorded()
def reserve(when: When, part: PartArg, by: By, note: Reservation) -> Command:
    """A signatory enters a reservation on a part."""
    return _entry("reserve", when, by, part, note=note)


_ACCEPT_ONLY: Final = ("at_most", "at_least", "level")


def _positioned(move: mv.MoveKind, doc: str) -> Callable[..., None]:
    """A move on a part that names an option or (on a numeric part) a value; an
    acceptance also a bound instead (--at-most, --at-least) and a level. The other moves'
    commands leave those three options out, so ``--help`` lists only what they take."""

    def build(
        when: When,
        part: PartArg,
        by: By,
        option: OptionArg = None,
        value: ValueOpt = None,
        at_most: AtMostOpt = None,
        at_least: AtLeastOpt = None,
        level: LevelOpt = "confirmed",
        note: Note = "",
    ) -> Command:
        if move != "accept":
            return _entry(move, when, by, part, note=note, option=option, value=value)
        bounds = {"at_most": at_most, "at_least": at_least}
        return _entry(move, when, by, part, level, note, option=option, value=value, **bounds)

    build.__doc__ = doc
    if move != "accept":
        signature = inspect.signature(build, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name not in _ACCEPT_ONLY]
        build.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
    return recorded()(build)


def _part_move(move: mv.MoveKind, doc: str) -> Callable[..., None]:
    """A move on a part that takes nothing but the party and a note."""

    def build(when: When, part: PartArg, by: By, note: Note = "") -> Command:
        return _entry(move, when, by, part, note=note)

    build.__doc__ = doc
    return recorded()(build)


def _package_move(move: mv.MoveKind, doc: str) -> Callable[..., None]:
    """A move on the whole package, by a party."""

    def build(when: When, by: By) -> Command:
        return _entry(move, when, by)

    build.__doc__ = doc
    return recorded()(build)


_COMMANDS: Final[tuple[tuple[str, Callable[..., Any]], ...]] = (
    ("propose", _positioned("propose", "Table an option for a part (on a numeric part, a value).")),
    (
        "accept",
        _positioned(
            "accept",
            "A signatory accepts an option for a part, at a level (provisional until the "
            "package).\n\nOn a numeric part it accepts a value, or any value up to "
            "(--at-most) or from\n(--at-least) a bound.",
        ),
    ),
    (
        "reject",
        _positioned("reject", "A signatory rejects a part (or one option, or value, of it)."),
    ),
    ("reserve", reserve),
    ("withdraw", _part_move("withdraw", "A party withdraws its acceptance or proposal on a part.")),
    ("reopen", _part_move("reopen", "Reopen a part: its acceptances fall back to proposals.")),
    ("defer", _part_move("defer", "Set a part aside for later (it blocks the package).")),
    ("confirm", _package_move("confirm", "A party confirms the whole package as it now stands.")),
    ("initial", _package_move("initial", "A party initials the concluded package.")),
    ("sign", _package_move("sign", "A party signs the concluded package.")),
)


def register(app: typer.Typer, framework_app: typer.Typer) -> None:
    """Put the move commands on ``app`` (and ``framework accept`` on its group)."""
    framework_app.command("accept")(framework_accept)
    for name, command in _COMMANDS:
        app.command(name)(command)
