"""The Typer application object and the few helpers every command module shares.

Command modules (``accords.cli.record``, ``accords.cli.analysis`` …) import ``app``
from here and register their commands on it; ``accords.cli`` imports them all.
Heavy libraries are imported inside commands, never at module level, so that
``accords --help`` and quick commands start fast.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

__all__ = ["app", "console", "err_console", "fail", "print_json"]

app = typer.Typer(
    name="accords",
    help="Keep the record of a negotiation over a comprehensive agreement: "
    "nothing is agreed until everything is agreed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit non-zero: how every user mistake ends."""
    from rich.markup import escape

    # The message may quote what the user typed (a path, an id): never read it as markup.
    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, unstyled, for scripts."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


@app.callback()
def _root() -> None:
    # A callback keeps ``accords`` a group of commands even when only one command
    # module is loaded (see accords.cli.load_commands): Typer would otherwise run a
    # lone command as the whole program and read its name as an argument.
    pass
