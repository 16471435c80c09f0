"""Fixtures for CLI tests: a database in tmp_path, a runner, and ready-made records."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from accords.cli import app
from accords.sealing import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "us-taliban-2019.yaml"

Invoke = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "accords.db")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"ACCORDS_DB": None, "COLUMNS": "200"})


@pytest.fixture
def cli(runner: CliRunner, db: str) -> Invoke:
    """Run one command against ``db`` (``--db`` appended unless ``db=None``)."""

    def invoke(*args: str, db_path: str | None = db, env: dict[str, str] | None = None) -> Result:
        argv = list(args) + (["--db", db_path] if db_path is not None else [])
        return runner.invoke(app, argv, env=env)

    return invoke


@pytest.fixture
def ok(cli: Invoke) -> Invoke:
    """Like ``cli`` but the command must succeed."""

    def invoke(*args: str, **kw: object) -> Result:
        result = cli(*args, **kw)
        assert result.exit_code == 0, (args, result.output)
        return result

    return invoke


def _event_count(db: str, negotiation: str | None = None) -> int:
    """How many events the store at ``db`` holds (for one negotiation, or all)."""
    if not Path(db).exists():
        return 0
    store = open_store(db)
    try:
        ids = [negotiation] if negotiation else store.negotiations()
        return sum(store.head(nid) for nid in ids)
    finally:
        store.close()


def _assert_one_line_error(result: Result, *needles: str) -> str:
    """A user's mistake: non-zero exit, one line on stderr naming what is wrong, no traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def small(ok: Invoke, db: str) -> str:
    """Two parties, a mediator and two linked parts, one round open: the negotiation id."""
    steps: Sequence[Sequence[str]] = (
        ("new", "talks", "--title", "Small talks", "--on", "2024-01-01"),
        ("party", "add", "a", "--name", "Alpha", "--on", "2024-01-01"),
        ("party", "add", "b", "--name", "Beta", "--alias", "B1", "--alias", "B2"),
        ("party", "add", "med", "--name", "Mediator", "--role", "mediator"),
        ("part", "add", "p1", "--title", "Part one", "--signatories", "a,b",
         "--option", "x=Option x", "--option", "y=Option y"),
        ("part", "add", "p2", "--title", "Part two", "--signatories", "a, b",
         "--rule", "unanimity", "--option", "u=Option u", "--option", "v=Option v"),
        ("link", "add", "requires", "p1:x", "p2:u"),
        ("round", "open", "1", "--venue", "Geneva", "--attended", "a,b", "--on", "2024-02-01"),
    )  # fmt: skip
    for step in steps:
        ok(*step)
    return "talks"


@pytest.fixture
def example_db(db: str, ok: Invoke) -> str:
    """The US–Taliban example loaded into ``db``."""
    ok("load", str(EXAMPLE))
    return db


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    target = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, target)
    return target


@pytest.fixture
def count() -> Callable[..., int]:
    """``count(db, negotiation=None)``: the number of events stored."""
    return _event_count


@pytest.fixture
def one_line_error() -> Callable[..., str]:
    """``one_line_error(result, *needles)``: assert a clean refusal; returns its line."""
    return _assert_one_line_error
