"""``accords --db PATH --negotiation ID COMMAND …``: the options before the command.

Scripts and users put ``--db`` first; it works as well as after the command, and
the one after the command wins when both are given. ``ACCORDS_DB`` is read as before,
and anything typed beats it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app
from accords.cli._app import command_word


def _invoke(runner: CliRunner, *argv: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(argv), env=env)
    return result.exit_code, result.output


@pytest.fixture
def two(tmp_path: Path, runner: CliRunner) -> tuple[str, str]:
    """Two databases, each with one negotiation of its own title."""
    paths = []
    for name in ("one", "two"):
        path = str(tmp_path / f"{name}.db")
        code, out = _invoke(runner, "--db", path, "new", name, "--title", name.upper())
        assert code == 0, out
        paths.append(path)
    return paths[0], paths[1]


def _title(runner: CliRunner, *argv: str, env: dict[str, str] | None = None) -> str:
    code, out = _invoke(runner, *argv, "status", "--json", env=env)
    assert code == 0, out
    return str(json.loads(out)["title"])


def test_db_before_the_command(runner: CliRunner, two: tuple[str, str]) -> None:
    one, other = two
    assert _title(runner, "--db", one) == "ONE"
    assert _title(runner, f"--db={other}") == "TWO"


def test_the_option_after_the_command_wins(runner: CliRunner, two: tuple[str, str]) -> None:
    one, other = two
    code, out = _invoke(runner, "--db", one, "status", "--json", "--db", other)
    assert code == 0, out
    assert json.loads(out)["title"] == "TWO"


def test_typed_options_beat_the_environment(runner: CliRunner, two: tuple[str, str]) -> None:
    one, other = two
    assert _title(runner, env={"ACCORDS_DB": other}) == "TWO"  # as now
    assert _title(runner, "--db", one, env={"ACCORDS_DB": other}) == "ONE"


def test_negotiation_before_the_command(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "both.db")
    for name in ("alpha", "beta"):
        assert _invoke(runner, "--db", db, "new", name, "--title", name.upper())[0] == 0
    assert _title(runner, "--db", db, "--negotiation", "beta") == "BETA"
    assert _title(runner, "--db", db, "-n", "alpha") == "ALPHA"
    code, out = _invoke(runner, "--db", db, "-n", "alpha", "status", "--json", "-n", "beta")
    assert code == 0 and json.loads(out)["title"] == "BETA"
    code, out = _invoke(runner, "--db", db, "-n", "gamma", "status")
    assert code == 1 and "no negotiation 'gamma'" in out


def test_a_nested_command_gets_the_global_options(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    assert _invoke(runner, "--db", db, "new", "talks", "--title", "T")[0] == 0
    code, out = _invoke(runner, "--db", db, "party", "add", "us", "--name", "United States")
    assert code == 0, out
    code, out = _invoke(runner, "--db", db, "status", "--json")
    assert code == 0 and json.loads(out)["events"] == 2


def test_a_command_without_the_option_ignores_it(runner: CliRunner, tmp_path: Path) -> None:
    code, out = _invoke(runner, "--db", str(tmp_path / "x.db"), "analyze", "--help")
    assert code == 0, out
    assert not (tmp_path / "x.db").exists()


def test_the_command_word_skips_global_options() -> None:
    assert command_word(["--db", "x.db", "-n", "t", "analyze", "--genius"]) == "analyze"
    assert command_word(["--db=x.db", "status"]) == "status"
    assert command_word(["--db", "x.db"]) is None


def test_in_a_fresh_process(tmp_path: Path) -> None:
    code = "import sys; from accords.cli import main; sys.argv = sys.argv[1:]; main()"
    env = {k: v for k, v in os.environ.items() if k != "ACCORDS_DB"}
    db = str(tmp_path / "fresh.db")

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, "accords", *argv],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=env,
            cwd=tmp_path,
        )

    assert run("--db", db, "new", "talks", "--title", "Talks").returncode == 0
    result = run("--db", db, "--negotiation", "talks", "status", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Talks"
    assert not (tmp_path / "accords.db").exists()
