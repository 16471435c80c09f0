"""One description of a clause move: the CLI and the scenario file read it from the model.

Each field's help text and the scenario's JSON schema are the one description in
:mod:`accords.model.clause_entry`; a malformed entry is refused with the one sentence
of :func:`accords.model.clause_entry.clause_command` through every door, and nothing
is recorded.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from accords.application import Record
from accords.cli import app
from accords.errors import RefusedMove, ScenarioError
from accords.ledger import open_store
from accords.model import clause_entry as cx
from accords.model.clause_fields import ClauseEntry
from accords.model.moves import When
from accords.scenario.extras import ClauseMove
from accords.scenario.native import parse_scenario
from accords.scenario.schema import Scenario

runner = CliRunner(env={"ACCORDS_DB": None})

#: (clause command, its parameter's flag or argument name, the entry field it gives)
PARAMS: list[tuple[str, str, str]] = [
    ("table", "part", "part"),
    ("table", "clause", "clause"),
    ("table", "--by", "by"),
    ("table", "--text", "text"),
    ("table", "--title", "title"),
    ("table", "--alt", "alternative"),
    ("table", "--round", "round"),
    ("table", "--source", "source"),
    ("amend", "alternative", "alternative"),
    ("amend", "--text", "text"),
    ("bracket", "--alt", "alternative"),
    ("bracket", "--note", "note"),
    ("accept", "alternative", "alternative"),
    ("accept", "--level", "level"),
    ("accept", "--note", "note"),
    ("reserve", "--note", "note"),
    ("withdraw", "--alt", "alternative"),
    ("withdraw", "--note", "note"),
]


def _cli_help(command: str, name: str) -> str:
    group = get_command(app).get_command(typer.Context(get_command(app)), "clause")  # type: ignore[attr-defined]
    click_command = group.get_command(typer.Context(group), command)
    for param in click_command.params:
        if name in param.opts or name == param.name:
            return str(param.help)
    raise AssertionError(name)


@pytest.mark.parametrize(("command", "name", "field"), PARAMS)
def test_help_text_and_scenario_schema_are_one_description(
    command: str, name: str, field: str
) -> None:
    described = cx.CLAUSE_DESCRIPTIONS[field]
    assert ClauseEntry.model_fields[field].description == described
    assert _cli_help(command, name) == described
    schema = Scenario.model_json_schema()["$defs"]["ClauseMove"]["properties"][field]
    assert schema["description"] == described


def test_the_file_entry_is_the_model_entry_with_its_date() -> None:
    assert set(ClauseMove.model_fields) == set(ClauseEntry.model_fields) | {"date"}
    assert next(iter(ClauseMove.model_fields)) == "date"  # files are written date first


SCENARIO: dict[str, Any] = {
    "negotiation": {"id": "t", "title": "T"},
    "parties": [{"id": "us", "name": "US"}, {"id": "tb", "name": "TB"}],
    "framework": {
        "parts": [
            {"id": "w", "title": "W", "signatories": ["us", "tb"], "options": [{"id": "t"}]}
        ]
    },
    "text": {
        "moves": [
            {"date": "2020-01-02", "move": "table", "by": "us", "part": "w", "clause": "c1",
             "text": "Leave in 14 months."}
        ]
    },
}  # fmt: skip

#: Malformed entries (beside date and by), and the same move on the command line.
BAD: list[tuple[dict[str, Any], list[str]]] = [
    (
        {"move": "table", "part": "", "clause": "c2", "text": "x"},
        ["table", "", "c2", "--text", "x"],
    ),
    (
        {"move": "amend", "clause": "c1", "alternative": "A", "text": " "},
        ["amend", "c1", "A", "--text", " "],
    ),
    ({"move": "accept", "clause": "c1", "alternative": ""}, ["accept", "c1", ""]),
    ({"move": "reserve", "clause": "c1", "note": " "}, ["reserve", "c1", "--note", " "]),
]


def _sentence(entry: dict[str, Any]) -> str:
    fields = {k: v for k, v in entry.items() if k != "move"}
    with pytest.raises(RefusedMove) as refused:
        cx.clause_command(
            entry["move"], When(on=date(2020, 1, 3), round=None, source=None), by="tb", **fields
        )
    return str(refused.value)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "talks.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["load", str(path), "--db", db]).exit_code == 0
    return db


def _events(db: str) -> int:
    store = open_store(db)
    try:
        return len(list(Record(store).events("t")))
    finally:
        store.close()


@pytest.mark.parametrize(("entry", "argv"), BAD, ids=lambda v: None)
def test_a_bad_entry_is_refused_with_one_sentence_through_every_door(
    db: str, entry: dict[str, Any], argv: list[str]
) -> None:
    sentence = _sentence(entry)
    before = _events(db)
    # the CLI: one line, the sentence, nothing appended
    result = runner.invoke(app, ["clause", *argv, "--by", "tb", "--on", "2020-01-03", "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {sentence}"
    assert _events(db) == before
    # the scenario file: the file, the entry's path, the sentence
    late = {"date": "2020-01-03", "by": "tb", **entry}
    data = {**SCENARIO, "text": {"moves": [*SCENARIO["text"]["moves"], late]}}
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(json.dumps(data), "talks.json", json_only=True)
    assert str(refused.value) == f"talks.json: text.moves[1]: {sentence}"
