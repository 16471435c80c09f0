"""The Typer application object and the few helpers every command module shares.

Command modules (``accords.cli.record``, ``accords.cli.analysis`` …) import ``app``
from here and register their commands on it; ``accords.cli`` imports them all.
Heavy libraries are imported inside commands, never at module level, so that
``accords --help`` and quick commands start fast.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, cast

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "DEFAULT_DB",
    "GLOBAL_OPTIONS",
    "Db",
    "NegotiationOpt",
    "app",
    "command_group",
    "console",
    "err_console",
    "fail",
    "grouped",
    "print_json",
]

#: Options a user may give before the command (``accords --db F status``): parameter -> flags.
GLOBAL_OPTIONS: dict[str, tuple[str, ...]] = {
    "db": ("--db",),
    "negotiation": ("--negotiation", "-n"),
}


class _Group(TyperGroup):
    """The root group: hands the global options to the command that takes them.

    ``accords --db F -n ID COMMAND ARGS`` runs as ``accords COMMAND --db F
    --negotiation ID ARGS``: the options go in front of the command's own, so
    one given again after the command wins (Click keeps the last), and either
    beats ``ACCORDS_DB``, as anything typed beats the environment. A command
    that takes no such option ignores it, so a script may always put ``--db`` first.
    """

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        given = [(key, value) for key, value in ctx.params.items() if value is not None]
        if command is not None and given:
            rest = _splice(ctx, command, rest, given)
        return name, command, rest


def _splice(ctx: Any, command: Any, args: list[str], given: list[tuple[str, Any]]) -> list[str]:
    """``args`` for ``command`` with the global options it takes in front (groups: below).

    Click's classes come vendored inside Typer, so a group is told by its
    ``get_command`` and an option by its ``param_type_name``.
    """
    if hasattr(command, "get_command"):
        if not args or args[0].startswith("-"):
            return args
        sub = command.get_command(ctx, args[0])
        return args if sub is None else [args[0], *_splice(ctx, sub, args[1:], given)]
    takes = {p.name: p.opts[0] for p in command.params if p.param_type_name == "option"}
    front = [item for key, value in given if key in takes for item in (takes[key], str(value))]
    return [*front, *args]


def command_word(argv: Sequence[str]) -> str | None:
    """The command a command line names, past any global options in front of it."""
    flags = {flag for names in GLOBAL_OPTIONS.values() for flag in names}
    words = iter(argv)
    for word in words:
        if word in flags:
            next(words, None)
        elif not any(word.startswith(f"{flag}=") for flag in flags if flag.startswith("--")):
            return word
    return None


app = typer.Typer(
    cls=_Group,
    name="accords",
    help="Keep the record of a negotiation over a comprehensive agreement: "
    "nothing is agreed until everything is agreed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def command_group(name: str, help: str) -> typer.Typer:
    """``accords NAME …``: a group of commands, put on the app as it is made.

    A group is added where its module defines it, so the modules' import order in
    :mod:`accords.cli` is the order ``accords --help`` lists the groups in.
    """
    group = typer.Typer(name=name, help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


class _LazyConsole:
    """A Rich console made on first use: ``--json`` output and quick commands never load Rich.

    Importing ``rich.console`` costs about a tenth of ``accords analyze --json``'s whole
    process; every command module imports these two at module level, so they must be
    cheap until something is printed through them.
    """

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def _get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


console = cast("Console", _LazyConsole(highlight=False))
err_console = cast("Console", _LazyConsole(stderr=True, highlight=False, soft_wrap=True))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit non-zero: how every user mistake ends."""
    from rich.markup import escape

    # The message may quote what the user typed (a path, an id): never read it as markup.
    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code)


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, unstyled, for scripts."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# The record's options. They live here, with the app, because ``accords elicit`` reads
# a record too and loads no command module but its own (start-up counts).

#: The database when neither --db nor ACCORDS_DB names one.
DEFAULT_DB = "accords.db"
Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ACCORDS_DB",
        help="SQLite file or postgresql:// URL (default ./accords.db).",
        show_default=False,
    ),
]
NegotiationOpt = Annotated[
    str | None,
    typer.Option("--negotiation", "-n", help="Which negotiation (default: the only one)."),
]

G = TypeVar("G")


def grouped(group: Callable[..., G]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A command that takes a run of options it shares with others, written once in ``group``.

    ``group``'s parameters are the shared options (the record's ``--db`` and
    ``--negotiation``; the answers and domain of ``elicit fit`` and ``elicit next``)
    and its result is what a command needs of them: usually a frozen dataclass whose
    fields are the options, so the options and the value are declared together. The
    decorated command takes that value as its first parameter; Typer sees the
    command's own options, then the group's, so ``--help`` lists them in the order
    the commands always had.
    """
    shared = inspect.signature(group, eval_str=True).parameters

    def wrap(run: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(run, eval_str=True).parameters.values())[1:]

        def command(**given: Any) -> None:
            value = group(**{name: given.pop(name) for name in shared})
            run(value, **given)

        command.__signature__ = inspect.Signature([*own, *shared.values()])  # type: ignore[attr-defined]
        command.__doc__ = run.__doc__
        command.__name__ = run.__name__
        return command

    return wrap


@app.callback()
def _root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file or postgresql:// URL, for every command that takes --db.",
            show_default=False,
        ),
    ] = None,
    negotiation: Annotated[
        str | None,
        typer.Option("--negotiation", "-n", help="Which negotiation, for every command."),
    ] = None,
) -> None:
    # A callback keeps ``accords`` a group of commands even when only one command
    # module is loaded (see accords.cli.load_commands): Typer would otherwise run a
    # lone command as the whole program and read its name as an argument. Its
    # options are handed on to the command by _Group.
    del db, negotiation
