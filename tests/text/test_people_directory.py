"""The news reader links speakers to parties through the people in the record.

``directory_data`` is checked on its own; the ingest tests read articles written
here (modelled on wire copy) and need the reader's people directory
(``accords.text._people``): they skip where it is not installed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.application import Record
from accords.scenario.load import load_scenario
from accords.sealing import open_store
from accords.text._directory import directory_data, state_of

from .support import require_spacy

SCENARIO = """
negotiation: {id: talks, title: Talks on four parts, started: 2019-01-01}
parties:
  - {id: united-states, name: United States, aliases: [U.S., Washington]}
  - {id: taliban, name: Taliban, aliases: [Taleban]}
  - {id: afghan-government, name: Afghan government, aliases: [Kabul]}
framework:
  parts:
    - id: ceasefire
      title: Ceasefire
      signatories: [taliban, afghan-government]
      options: [{id: permanent, text: a permanent and comprehensive ceasefire}]
rounds:
  - {number: 1, start: 2019-02-01, attended: [united-states, taliban]}
"""

PEOPLE = """
people:
  - id: mujahid
    name: Zabihullah Mujahid
    party: taliban
    spellings: [Zabiullah Mujahed]
    titles: [{title: Taliban spokesman, from: 2007-01-01}]
  - id: haqqani
    name: Abdul Hakim Haqqani
    party: taliban
    honorifics: [Mawlawi]
    titles: [{title: head of the negotiating team, from: 2020-09-06}]
  - id: abdullah
    name: Abdullah Abdullah
    party: afghan-government
    honorifics: [Dr.]
    titles:
      - title: Chairman of the High Council for National Reconciliation
        institution: High Council for National Reconciliation
        from: 2020-05-17
  - id: chairman
    name: Karim Hamidi Nazari
    party: afghan-government
    titles:
      - {title: chairman of the High Peace Council, institution: High Peace Council, to: 2020-02-29}
  - id: wanderer
    name: Rahim Wardak Zadran
    titles:
      - {title: adviser to Washington, to: 2019-12-31, party: united-states}
      - {title: adviser to Kabul, from: 2020-01-01, party: afghan-government}
    rounds: [{round: 1, party: united-states}]
"""


def _load(tmp_path: Path, people: bool) -> str:
    path = tmp_path / ("with.yaml" if people else "without.yaml")
    path.write_text(SCENARIO + (PEOPLE if people else ""), encoding="utf-8")
    db = str(tmp_path / f"{path.stem}.db")
    load_scenario(path, db)
    return db


def _state(db: str) -> Any:
    store = open_store(db)
    try:
        return Record(store).state("talks")
    finally:
        store.close()


def test_directory_data_is_the_shape_the_reader_reads(tmp_path: Path) -> None:
    data = directory_data(_state(_load(tmp_path, people=True)))
    by_name = {p["name"]: p for p in data["people"]}
    assert by_name["Zabihullah Mujahid"]["party"] == "taliban"
    assert by_name["Zabihullah Mujahid"]["spellings"] == ["Zabiullah Mujahed"]
    # honorifics the reader may not strip become spellings of their own
    assert "Mawlawi Abdul Hakim Haqqani" in by_name["Abdul Hakim Haqqani"]["spellings"]
    assert "party" not in by_name["Rahim Wardak Zadran"]
    assert by_name["Rahim Wardak Zadran"]["titles"][1] == {
        "title": "adviser to Kabul",
        "from": date(2020, 1, 1),
        "to": None,
        "party": "afghan-government",
    }
    assert data["offices"] == [
        {"words": "High Council for National Reconciliation", "party": "afghan-government"},
        {"words": "High Peace Council", "party": "afghan-government"},
    ]


def test_an_institution_named_for_two_parties_is_no_office(tmp_path: Path) -> None:
    text = PEOPLE + (
        "  - id: other\n    name: Some Other\n    party: taliban\n"
        "    titles: [{title: member, institution: High Council for National Reconciliation}]\n"
    )
    path = tmp_path / "two.yaml"
    path.write_text(SCENARIO + text, encoding="utf-8")
    load_scenario(path, str(tmp_path / "two.db"))
    offices = directory_data(_state(str(tmp_path / "two.db")))["offices"]
    assert [o["words"] for o in offices] == ["High Peace Council"]


def test_state_of_reads_a_record_negotiation_a_state_or_nothing(tmp_path: Path) -> None:
    db = _load(tmp_path, people=True)
    state = _state(db)
    assert state_of(state) is state

    class View:
        def __init__(self, record: Record) -> None:
            self.record, self.id = record, "talks"

    store = open_store(db)
    try:
        found = state_of(View(Record(store)))
    finally:
        store.close()
    assert found is not None and found.id == "talks"
    assert state_of(object()) is None


# -- ingest: needs the reader's people directory ---------------------------------------

ARTICLES = {
    "mujahid.txt": (
        "KABUL (Wire) - Zabihullah Mujahid said on Tuesday that the insurgents would not "
        "agree to a ceasefire before foreign forces leave.\n"
    ),
    "spelling.txt": (
        'DOHA (Wire) - "There will be no ceasefire," Zabiullah Mujahed told reporters on Monday.\n'
    ),
    "honorific.txt": (
        "DOHA (Wire) - Mawlawi Abdul Hakim Haqqani said a permanent ceasefire was not agreed.\n"
    ),
    "institution.txt": (
        "KABUL (Wire) - A spokesman for the High Peace Council said on Sunday that a "
        "permanent ceasefire had been demanded.\n"
    ),
    "dated.txt": (
        "KABUL (Wire) - Rahim Wardak Zadran said on Sunday that no ceasefire had been agreed.\n"
    ),
}


def _ingest(db: str, tmp_path: Path, name: str, day: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(ARTICLES[name], encoding="utf-8")
    from accords.cli import app

    result = CliRunner().invoke(
        app,
        ["ingest", str(path), "--date", day, "--json", "--no-embeddings", "--db", db],
    )
    assert result.exit_code == 0, result.output
    (statement, *_) = json.loads(result.stdout)["articles"][0]["statements"]
    return dict(statement)


@pytest.mark.parametrize(
    ("name", "day", "speaker", "party"),
    [
        ("mujahid.txt", "2020-06-02", "Zabihullah Mujahid", "taliban"),
        ("spelling.txt", "2020-06-01", "Zabihullah Mujahid", "taliban"),
        ("honorific.txt", "2020-10-01", "Abdul Hakim Haqqani", "taliban"),
        ("institution.txt", "2020-06-07", None, "afghan-government"),
        ("dated.txt", "2019-06-02", "Rahim Wardak Zadran", "united-states"),
        ("dated.txt", "2020-06-07", "Rahim Wardak Zadran", "afghan-government"),
    ],
)
def test_ingest_links_speakers_through_the_recorded_people(
    tmp_path: Path, name: str, day: str, speaker: str | None, party: str
) -> None:
    pytest.importorskip("accords.text._people", reason="needs the reader's people directory")
    require_spacy()
    statement = _ingest(_load(tmp_path, people=True), tmp_path, name, day)
    if speaker is not None:
        assert speaker in (statement["speaker"] or ""), statement
    assert statement["party"] == party, statement


def test_without_people_a_name_is_no_party(tmp_path: Path) -> None:
    pytest.importorskip("accords.text._people", reason="needs the reader's people directory")
    require_spacy()
    statement = _ingest(_load(tmp_path, people=False), tmp_path, "mujahid.txt", "2020-06-02")
    assert statement["speaker"] == "Zabihullah Mujahid"
    assert statement["party"] is None
