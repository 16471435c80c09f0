"""One description of a move: the CLI, the API and the scenario file read it from the model.

Each field's help text, the API's schema and the scenario's JSON schema are the one
description in :mod:`accords.model.moves`; a malformed entry is refused with the one
sentence of :func:`accords.model.moves.move_command` through every door.
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

from accords.cli import app
from accords.errors import RefusedMove, ScenarioError
from accords.model import moves as mv
from accords.model.entry import MoveEntry
from accords.scenario.native import parse_scenario
from accords.scenario.schema import HistoryMove, Scenario
from accords.service.schemas import MoveIn

from .conftest import NID, World

BASE = f"/api/negotiations/{NID}"

#: entry field -> the CLI's flag for it (on ``accords accept``)
FLAGS = {
    "by": "--by",
    "note": "--note",
    "level": "--level",
    "value": "--value",
    "at_most": "--at-most",
    "at_least": "--at-least",
    "round": "--round",
    "source": "--source",
}


def _cli_help(command: str, flag: str) -> str:
    group = get_command(app)
    click_command = group.get_command(typer.Context(group), command)  # type: ignore[attr-defined]
    assert click_command is not None
    for param in click_command.params:
        if flag in param.opts:
            return str(param.help)
    raise AssertionError(flag)


@pytest.mark.parametrize("field", sorted(FLAGS))
def test_help_text_api_schema_and_scenario_schema_are_one_description(field: str) -> None:
    described = MoveEntry.model_fields[field].description
    assert described
    assert _cli_help("accept", FLAGS[field]) == described
    assert MoveIn.model_json_schema()["properties"][field]["description"] == described
    scenario = Scenario.model_json_schema()["$defs"]["HistoryMove"]["properties"][field]
    assert scenario["description"] == described


def test_the_entries_are_the_model_entry() -> None:
    entry = set(MoveEntry.model_fields)
    assert set(HistoryMove.model_fields) == entry | {"date"}
    assert set(MoveIn.model_fields) == entry | {"on", "expected_seq"}
    assert next(iter(HistoryMove.model_fields)) == "date"  # files are written date first


#: Malformed entries (fields of a history entry beside date/move/by), the words their refusal has.
BAD: list[tuple[dict[str, Any], list[str]]] = [
    (
        {"move": "accept", "part": "ceasefire", "at_most": 3, "at_least": 2},
        ["accept", "ceasefire", "--at-most", "3", "--at-least", "2"],
    ),
    ({"move": "propose", "part": "ceasefire"}, ["propose", "ceasefire"]),
    (
        {"move": "accept", "part": "ceasefire", "option": "x", "level": "final"},
        ["accept", "ceasefire", "x", "--level", "final"],
    ),
]


def _sentence(entry: dict[str, Any]) -> str:
    fields = {k: v for k, v in entry.items() if k not in ("move", "part", "level")}
    position = {k: str(v) for k, v in fields.items()}
    with pytest.raises(RefusedMove) as refused:
        mv.move_command(
            entry["move"],
            mv.When(on=date(2019, 5, 1), round=None, source=None),
            by="taliban",
            part=entry.get("part"),
            position=position,
            level=entry.get("level"),
        )
    return str(refused.value)


@pytest.mark.parametrize(("entry", "argv"), BAD, ids=lambda v: None)
def test_a_bad_entry_is_refused_with_one_sentence_through_every_door(
    world: World, tmp_path: Path, entry: dict[str, Any], argv: list[str]
) -> None:
    sentence = _sentence(entry)
    # the API: a 422 whose detail is the sentence, nothing appended
    head = world.client.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"]
    r = world.client.post(
        f"{BASE}/moves", json={**entry, "by": "taliban"}, headers=world.as_("taliban")
    )
    if "level" in entry:  # the API's body is typed: a level is one of three, says pydantic
        assert r.status_code == 422
    else:
        assert (r.status_code, r.json()["detail"]) == (422, sentence)
    assert world.client.get(f"{BASE}/verify", headers=world.as_("mediator")).json()["events"] == (
        head
    )
    # the CLI: one line that starts with the sentence (and adds the flags, where it names one)
    result = CliRunner(env={"ACCORDS_DB": None}).invoke(
        app, [*argv, "--by", "taliban", "--db", world.db]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"error: {sentence}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # the scenario file: the file, the entry's path, the sentence
    if "level" in entry:
        return  # the file's schema, like the API's body, knows the three levels
    data = {
        "negotiation": {"id": "t", "title": "T"},
        "parties": [{"id": "taliban", "name": "Taliban"}],
        "framework": {
            "parts": [{"id": "ceasefire", "title": "C", "signatories": ["taliban"],
                       "options": [{"id": "x"}]}]
        },
        "history": [{"date": "2019-05-01", "by": "taliban", **entry}],
    }  # fmt: skip
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(json.dumps(data), "talks.json", json_only=True)
    assert str(refused.value) == f"talks.json: history[0]: {sentence}"
