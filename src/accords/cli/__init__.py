"""The ``accords`` command line: every capability, with ``--json`` for scripts."""

from __future__ import annotations

import importlib

import typer

from accords.cli._app import app, err_console

__all__ = ["app", "main"]

# Each module registers its commands on ``app`` when imported.
_COMMAND_MODULES = ("record", "draft", "ground", "analysis", "simulate")

for _name in _COMMAND_MODULES:
    importlib.import_module(f"accords.cli.{_name}")


def main() -> None:
    """Entry point: user mistakes end in one line and a non-zero exit, never a traceback."""
    from accords.errors import AccordsError

    try:
        app()
    except AccordsError as exc:  # pragma: no cover - commands catch their own first
        err_console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
