"""Options written once: cli/_app.grouped, the record's RecordRef and StateView, drawing()."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from accords.cli._app import DEFAULT_DB, app, command_group, grouped
from accords.cli._drawing import drawing
from accords.cli._ref import RecordRef, StateView, on_record, shows_state

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-taliban-2019.yaml"


@dataclass(frozen=True)
class _Shared:
    """Two options several test commands share."""

    size: Annotated[int, typer.Option("--size", help="How many.")] = 3
    label: Annotated[str, typer.Option("--label")] = ""


def _two_commands(command: Callable[..., None]) -> typer.Typer:
    """A Typer app with ``command`` as ``run`` (and a second, so the first word names it)."""
    test_app = typer.Typer()
    test_app.command("run")(command)
    test_app.command("other")(lambda: None)
    return test_app


def test_the_groups_options_follow_the_commands_own_in_order() -> None:
    def run(shared: _Shared, name: Annotated[str, typer.Argument()], loud: bool = False) -> None:
        """Run it."""

    command = grouped(_Shared)(run)
    assert list(inspect.signature(command).parameters) == ["name", "loud", "size", "label"]
    assert (command.__doc__, command.__name__) == ("Run it.", "run")


def test_the_command_gets_the_groups_value_and_its_own_arguments() -> None:
    seen: list[tuple[_Shared, str]] = []

    @grouped(_Shared)
    def run(shared: _Shared, name: Annotated[str, typer.Argument()]) -> None:
        seen.append((shared, name))

    result = CliRunner().invoke(_two_commands(run), ["run", "x", "--size", "7"])
    assert result.exit_code == 0, result.output
    assert seen == [(_Shared(size=7, label=""), "x")]


def test_the_record_options_are_appended_where_they_always_stood() -> None:
    @on_record
    def show(ref: RecordRef, json_out: bool = False) -> None:
        """Show it."""

    assert list(inspect.signature(show).parameters) == ["json_out", "db", "negotiation"]
    assert inspect.signature(show).parameters["db"].default == DEFAULT_DB


def test_a_state_view_reads_the_state_as_of_a_date(tmp_path: Path) -> None:
    from accords.scenario.load import load_scenario

    db = str(tmp_path / "t.db")
    load_scenario(EXAMPLE, db)
    ref = RecordRef(db, None)
    early = StateView(as_of="2018-10-13", db=db)
    assert early.day == date(2018, 10, 13)
    assert len(early.state().rounds) < len(ref.state().rounds)


def test_a_missing_database_is_one_line_through_the_record_ref(tmp_path: Path) -> None:
    @shows_state
    def show(view: StateView) -> None:
        view.state()

    result = CliRunner().invoke(_two_commands(show), ["run", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "no.db").exists()


def test_a_command_group_is_on_the_app_under_its_name() -> None:
    group = command_group("grouped-test", "A group made for this test.")
    try:
        assert any(
            g.typer_instance is group and g.name == "grouped-test" for g in app.registered_groups
        )
    finally:
        app.registered_groups[:] = [
            g for g in app.registered_groups if g.typer_instance is not group
        ]


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (ModuleNotFoundError("No module named 'matplotlib'"), "pip install 'accords[plot]'"),
        (PermissionError(13, "Permission denied"), "cannot write out.png: Permission denied"),
    ],
)
def test_drawing_ends_what_goes_wrong_in_one_line(error: Exception, said: str) -> None:
    def run() -> None:
        with drawing(Path("out.png")):
            raise error

    result = CliRunner().invoke(_two_commands(run), ["run"])
    assert result.exit_code == 1
    assert said in result.output
    assert "Traceback" not in result.output
