"""Move commands: a party proposes, accepts, rejects, reserves, withdraws; the package.

Each command builds one model command from its options and records it through
:func:`accords.cli._common.record_command`; :func:`register` puts them on the app
(``accords.cli.record`` calls it, so the order of ``accords --help`` is kept).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from accords.cli._app import fail
from accords.cli._common import (
    By,
    LevelOpt,
    Note,
    level_of,
)
from accords.cli._move import When, recorded
from accords.model import commands as c

__all__ = ["register"]

OptionArg = Annotated[
    str | None, typer.Argument(help="The option; on a numeric part, a value (or use --value).")
]
ValueOpt = Annotated[str | None, typer.Option("--value", help="A value of a numeric part.")]
AtMostOpt = Annotated[
    str | None, typer.Option("--at-most", help="Accept any value of a numeric part up to this.")
]
AtLeastOpt = Annotated[
    str | None, typer.Option("--at-least", help="Accept any value of a numeric part from this.")
]


def _position(
    option: str | None,
    value: str | None = None,
    at_most: str | None = None,
    at_least: str | None = None,
    *,
    required: bool = True,
) -> tuple[str | None, str | None]:
    """(option or value, bound) from the one of OPTION, --value, --at-most, --at-least given."""
    given = [
        (v, bound, flag)
        for v, bound, flag in (
            (option, None, "OPTION"),
            (value, None, "--value"),
            (at_most, "at-most", "--at-most"),
            (at_least, "at-least", "--at-least"),
        )
        if v is not None
    ]
    if len(given) > 1:
        fail(f"give one of {', '.join(flag for _, _, flag in given)}, not several")
    if not given:
        if required:
            fail("name an OPTION (or, on a numeric part, --value, --at-most or --at-least)")
        return None, None
    return given[0][0], given[0][1]


@recorded()
def framework_accept(
    when: When,
    by: By,
    note: Note = "",
) -> c.AcceptFramework:
    """A party accepts the framework itself (not any of its parts)."""
    return c.AcceptFramework(**when, party=by, note=note)


@recorded()
def propose(
    when: When,
    part: Annotated[str, typer.Argument()],
    by: By,
    option: OptionArg = None,
    value: ValueOpt = None,
    note: Note = "",
) -> c.Propose:
    """Table an option for a part (on a numeric part, a value)."""
    option, _ = _position(option, value)
    return c.Propose(**when, part=part, option=option or "", party=by, note=note)


@recorded()
def accept(
    when: When,
    part: Annotated[str, typer.Argument()],
    by: By,
    option: OptionArg = None,
    value: ValueOpt = None,
    at_most: AtMostOpt = None,
    at_least: AtLeastOpt = None,
    level: LevelOpt = "confirmed",
    note: Note = "",
) -> c.Accept:
    """A signatory accepts an option for a part, at a level (provisional until the package).

    On a numeric part it accepts a value, or any value up to (--at-most) or from
    (--at-least) a bound.
    """
    option, bound = _position(option, value, at_most, at_least)
    return c.Accept(
        **when,
        part=part,
        option=option or "",
        party=by,
        level=level_of(level),
        note=note,
        bound=bound,
    )


@recorded()
def reject(
    when: When,
    part: Annotated[str, typer.Argument()],
    by: By,
    option: Annotated[str | None, typer.Argument()] = None,
    value: ValueOpt = None,
    note: Note = "",
) -> c.Reject:
    """A signatory rejects a part (or one option, or value, of it)."""
    option, _ = _position(option, value, required=False)
    return c.Reject(**when, part=part, party=by, option=option, note=note)


@recorded()
def reserve(
    when: When,
    part: Annotated[str, typer.Argument()],
    by: By,
    note: Annotated[str, typer.Option("--note", help="What is reserved.")],
) -> c.Reserve:
    """A signatory enters a reservation on a part."""
    return c.Reserve(**when, part=part, party=by, note=note)


def _side_move(kind: type[c.Withdraw] | type[c.Reopen] | type[c.Defer], doc: str) -> Any:
    def build(
        when: When, part: Annotated[str, typer.Argument()], by: By, note: Note = ""
    ) -> c.Command:
        return kind(**when, part=part, party=by, note=note)

    build.__doc__ = doc
    return recorded()(build)


withdraw = _side_move(c.Withdraw, "A party withdraws its acceptance or proposal on a part.")
reopen = _side_move(c.Reopen, "Reopen a part: its acceptances fall back to proposals.")
defer = _side_move(c.Defer, "Set a part aside for later (it blocks the package).")


def _package_move(kind: type[c.Confirm] | type[c.Initial] | type[c.Sign], doc: str) -> Any:
    def build(when: When, by: By) -> c.Command:
        return kind(**when, party=by)

    build.__doc__ = doc
    return recorded()(build)


confirm = _package_move(c.Confirm, "A party confirms the whole package as it now stands.")
initial = _package_move(c.Initial, "A party initials the concluded package.")
sign = _package_move(c.Sign, "A party signs the concluded package.")


def register(app: typer.Typer, framework_app: typer.Typer) -> None:
    """Put the move commands on ``app`` (and ``framework accept`` on its group)."""
    framework_app.command("accept")(framework_accept)
    app.command("propose")(propose)
    app.command("accept")(accept)
    app.command("reject")(reject)
    app.command("reserve")(reserve)
    app.command("withdraw")(withdraw)
    app.command("reopen")(reopen)
    app.command("defer")(defer)
    app.command("confirm")(confirm)
    app.command("initial")(initial)
    app.command("sign")(sign)
