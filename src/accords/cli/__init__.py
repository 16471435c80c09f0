"""The ``accords`` command line: every capability, with ``--json`` for scripts.

Command modules register their commands on one Typer app when imported.
``accords.cli.app`` is that app with every command; the console entry point
imports only the module a stand-alone command needs (``accords analyze …``
loads neither the record nor the text commands), because start-up counts in
every benchmark run of the whole process.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer

__all__ = ["app", "load_commands", "main"]

# Each module registers its commands on ``app`` when imported.
_COMMAND_MODULES = (
    "record",
    "people",
    "draft",
    "ground",
    "analysis",
    "simulate",
    "text",
    "service",
    "elicit",
    "facilitate",
    "keys",
)

#: Commands defined wholly in one module, which needs no other.
_STANDALONE = {
    "analyze": "analysis",
    "simulate": "simulate",
    "tournament": "simulate",
    "elicit": "elicit",
    "facilitate": "facilitate",
}


def load_commands(argv: Sequence[str] | None = None) -> typer.Typer:
    """The app with the commands ``argv`` needs: its first word's module, or every module."""
    from accords.cli._app import app, command_word

    first = command_word(argv[1:]) if argv is not None else None
    names = (_STANDALONE[first],) if first in _STANDALONE else _COMMAND_MODULES
    for name in names:
        importlib.import_module(f"accords.cli.{name}")
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    raise AttributeError(f"module 'accords.cli' has no attribute {name!r}")


#: The variables by which a user chooses OpenBLAS's thread count (in the order it reads them).
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _one_blas_thread() -> None:
    """Start NumPy's OpenBLAS with one thread, unless the user chose a number.

    accords multiplies no large matrices (the analysis none at all; the text models and
    the elicitation small ones, already on one thread), and OpenBLAS starting a thread
    a core when NumPy is imported costs more CPU than ``accords analyze`` spends on its
    work (about 60 ms of CPU and 40 ms of wall-clock time a run on two cores). It has to
    be set before NumPy is first imported, hence here, at the entry point.
    """
    if not any(os.environ.get(name) for name in _BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


def main() -> None:
    """Entry point: user mistakes end in one line and a non-zero exit, never a traceback."""
    from accords.cli._app import err_console
    from accords.errors import AccordsError

    _one_blas_thread()
    app = load_commands(sys.argv)
    try:
        app()
    except AccordsError as exc:  # pragma: no cover - commands catch their own first
        err_console.print(f"[bold red]error:[/] {exc}")
        raise SystemExit(1) from None
