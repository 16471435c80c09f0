"""Move commands: a party proposes, accepts, rejects, reserves, withdraws; the package.

Each command builds one model command from its options and records it through
:func:`accords.cli._common.record_command`; :func:`register` puts them on the app
(``accords.cli.record`` calls it, so the order of ``accords --help`` is kept).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from accords.cli._common import (
    DEFAULT_DB,
    By,
    Db,
    LevelOpt,
    NegotiationOpt,
    Note,
    On,
    RoundOpt,
    SourceOpt,
    level_of,
    on_or_today,
    record_command,
)
from accords.model import commands as c

__all__ = ["register"]


def framework_accept(
    by: By,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A party accepts the framework itself (not any of its parts)."""
    record_command(
        db,
        negotiation,
        c.AcceptFramework(on=on_or_today(on), round=round, source=source, party=by, note=note),
    )


def propose(
    part: Annotated[str, typer.Argument()],
    option: Annotated[str, typer.Argument()],
    by: By,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Table an option for a part."""
    record_command(
        db,
        negotiation,
        c.Propose(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            option=option,
            party=by,
            note=note,
        ),
    )


def accept(
    part: Annotated[str, typer.Argument()],
    option: Annotated[str, typer.Argument()],
    by: By,
    level: LevelOpt = "confirmed",
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory accepts an option for a part, at a level (provisional until the package)."""
    record_command(
        db,
        negotiation,
        c.Accept(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            option=option,
            party=by,
            level=level_of(level),
            note=note,
        ),
    )


def reject(
    part: Annotated[str, typer.Argument()],
    by: By,
    option: Annotated[str | None, typer.Argument()] = None,
    note: Note = "",
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory rejects a part (or one option of it)."""
    record_command(
        db,
        negotiation,
        c.Reject(
            on=on_or_today(on),
            round=round,
            source=source,
            part=part,
            party=by,
            option=option,
            note=note,
        ),
    )


def reserve(
    part: Annotated[str, typer.Argument()],
    by: By,
    note: Annotated[str, typer.Option("--note", help="What is reserved.")],
    on: On = None,
    round: RoundOpt = None,
    source: SourceOpt = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """A signatory enters a reservation on a part."""
    record_command(
        db,
        negotiation,
        c.Reserve(on=on_or_today(on), round=round, source=source, part=part, party=by, note=note),
    )


def _side_move(kind: type[c.Withdraw] | type[c.Reopen] | type[c.Defer], doc: str) -> Any:
    def command(
        part: Annotated[str, typer.Argument()],
        by: By,
        note: Note = "",
        on: On = None,
        round: RoundOpt = None,
        source: SourceOpt = None,
        db: Db = DEFAULT_DB,
        negotiation: NegotiationOpt = None,
    ) -> None:
        record_command(
            db,
            negotiation,
            kind(on=on_or_today(on), round=round, source=source, part=part, party=by, note=note),
        )

    command.__doc__ = doc
    return command


withdraw = _side_move(c.Withdraw, "A party withdraws its acceptance or proposal on a part.")
reopen = _side_move(c.Reopen, "Reopen a part: its acceptances fall back to proposals.")
defer = _side_move(c.Defer, "Set a part aside for later (it blocks the package).")


def _package_move(kind: type[c.Confirm] | type[c.Initial] | type[c.Sign], doc: str) -> Any:
    def command(
        by: By,
        on: On = None,
        round: RoundOpt = None,
        source: SourceOpt = None,
        db: Db = DEFAULT_DB,
        negotiation: NegotiationOpt = None,
    ) -> None:
        record_command(
            db, negotiation, kind(on=on_or_today(on), round=round, source=source, party=by)
        )

    command.__doc__ = doc
    return command


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
