"""``accords ingest --people FILE``: a people directory links speakers the record cannot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.cli import app

from .support import require_spacy

runner = CliRunner()
STORY = (
    "KABUL, March 1, 2020 - The government has made no commitment to free prisoners "
    "before the talks, President Mohammad Karimi said on Sunday.\n"
)


@pytest.fixture
def db(example_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "record.db"
    shutil.copy(example_db, copy)
    return str(copy)


def ingest(db: str, tmp_path: Path, *extra: str) -> Any:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    return runner.invoke(app, ["ingest", str(story), "--no-record", "--json", "--db", db, *extra])


def speakers(result: Any) -> list[tuple[str, str | None]]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [(s["speaker"], s["party"]) for s in data["articles"][0]["statements"]]


def test_people_file_gives_the_party(db: str, tmp_path: Path) -> None:
    require_spacy()
    assert speakers(ingest(db, tmp_path)) == [("Mohammad Karimi", None)]
    people = tmp_path / "people.yaml"
    people.write_text(
        "people:\n  - {name: Mohammad Karimi, party: afghan-government}\n", encoding="utf-8"
    )
    found = speakers(ingest(db, tmp_path, "--people", str(people)))
    assert found == [("Mohammad Karimi", "afghan-government")]


def test_bad_people_file_is_one_line(db: str, tmp_path: Path) -> None:
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - {party: taliban}\n", encoding="utf-8")
    result = ingest(db, tmp_path, "--people", str(people))
    assert result.exit_code != 0
    assert "people[0].name: must be a non-empty string" in result.output
    assert "Traceback" not in result.output
