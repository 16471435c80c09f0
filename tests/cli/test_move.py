"""cli/_move.py: a move command is its builder plus the shared options, written once."""

from __future__ import annotations

import inspect
from datetime import date
from typing import Annotated, Any

import pytest
import typer
from typer.testing import CliRunner

from accords.cli import _move
from accords.cli._move import When, recorded
from accords.model import commands as c


def _builder(when: When, by: Annotated[str, typer.Option("--by")], note: str = "") -> c.Command:
    """A party accepts the framework (a builder for the tests)."""
    return c.AcceptFramework(**when, party=by, note=note)


def test_the_shared_options_follow_the_builders_own_in_order() -> None:
    command = recorded()(_builder)
    names = list(inspect.signature(command).parameters)
    assert names == ["by", "note", "on", "round", "source", "db", "negotiation"]
    assert command.__doc__ == _builder.__doc__
    assert command.__name__ == "_builder"


def test_a_command_without_rounds_takes_no_round_option() -> None:
    names = list(inspect.signature(recorded(rounds=False)(_builder)).parameters)
    assert names == ["by", "note", "on", "source", "db", "negotiation"]


def test_a_command_without_sources_takes_no_source_option() -> None:
    names = list(inspect.signature(recorded(sources=False)(_builder)).parameters)
    assert names == ["by", "note", "on", "round", "db", "negotiation"]


def test_the_built_command_is_recorded_in_the_named_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str | None, Any]] = []
    monkeypatch.setattr(_move, "record_command", lambda *args: seen.append(args))
    app = typer.Typer()
    app.command("accept")(recorded()(_builder))
    app.command("other")(lambda: None)  # two commands: the first word names one
    argv = ["accept", "--by", "us", "--on", "2019-03-01", "--round", "5", "--db", "x.db"]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    [(db, negotiation, command)] = seen
    assert (db, negotiation) == ("x.db", None)
    assert command == c.AcceptFramework(on=date(2019, 3, 1), round=5, party="us")


def test_a_bad_date_is_one_clear_line() -> None:
    app = typer.Typer()
    app.command("accept")(recorded()(_builder))
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["accept", "--by", "us", "--on", "1 March"])
    assert result.exit_code == 1
    assert "is not a date" in result.output
    assert "Traceback" not in result.output
