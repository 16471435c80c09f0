"""The board and the log as a person reads them in a terminal."""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from accords.cli._app import console
from accords.model import State, board, package_line
from accords.model.events import redact

__all__ = ["STATUS_STYLE", "print_board", "redact"]

#: Colour carries the same meaning as the word beside it, never alone.
STATUS_STYLE = {
    "open": "dim",
    "proposed": "cyan",
    "bracketed": "magenta",
    "agreed-in-principle": "yellow",
    "agreed-ad-ref": "dark_orange",
    "confirmed": "bold yellow",
    "agreed": "bold green",
    "initialled": "bold green",
    "signed": "bold green",
    "deferred": "dim italic",
}


def print_board(state: State, label: str) -> None:
    table = Table(
        "part",
        "status",
        "stances of its signatories",
        "missing before it can be agreed",
        title=f"{escape(state.title)} — {label}",
        show_lines=True,
        expand=True,
    )
    for row in board(state):
        style = STATUS_STYLE.get(row.status, "")
        # Titles, names and options are the user's text, where brackets are common
        # ("[draft]"): escape them so Rich never reads them as markup.
        stances = escape(
            "\n".join(
                f"{state.parties[p].name if p in state.parties else p}: {w}"
                for p, w in row.stances.items()
            )
        )
        option = f"\n[dim]on {escape(row.label or row.option)}[/]" if row.option else ""
        table.add_row(
            f"{escape(row.title)}\n[dim]{escape(row.id)}[/]",
            f"[{style}]{row.status}[/]{option}",
            stances,
            escape(row.missing or "—"),
        )
    console.print(table)
    line = package_line(state)
    colour = "green" if state.agreement() != "not-agreed" else "red"
    console.print(Panel(escape(line), border_style=colour, title="package"))
