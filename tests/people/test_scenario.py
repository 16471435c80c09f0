"""The ``people:`` section: loaded, checked with FILE: field.path: reason, and exported back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from accords.application import Record
from accords.errors import ScenarioError
from accords.ledger.store import StoredEvent
from accords.model import State
from accords.model import people as pp
from accords.scenario.load import load_scenario
from accords.scenario.native import dump_scenario, export_scenario, parse_scenario
from accords.sealing import open_store

ROOT = Path(__file__).resolve().parents[2]

SMALL = """
negotiation: {id: talks, title: Talks, started: 2019-01-01}
parties:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
rounds:
  - {number: 1, start: 2019-02-01, attended: [a, b]}
  - {number: 2, start: 2019-03-01, absent: [b]}
people:
  - id: envoy
    name: Zalmay Khalilzad
    party: a
    honorifics: [Ambassador]
    spellings: [Zalmai Khalilzad]
    source: https://example.org/envoy
    titles:
      - {title: envoy, from: 2018-09-04, institution: Foreign Office, source: "https://example.org/t"}
      - {title: adviser to Beta, from: 2019-02-15, party: b}
    rounds: [1, {round: 2, party: a, source: "https://example.org/r2"}]
  - id: spokesman
    name: Suhail Shaheen
    party: b
    rounds: [1]
"""


def _events(db: Path, nid: str) -> list[tuple[str, dict[str, object], date]]:
    store = open_store(db)
    try:
        return [(e.type, dict(e.payload), e.occurred_on) for e in Record(store).events(nid)]
    finally:
        store.close()


def _state(db: Path, nid: str) -> tuple[State, list[StoredEvent]]:
    store = open_store(db)
    try:
        record = Record(store)
        return record.state(nid), list(record.events(nid))
    finally:
        store.close()


def test_people_load_and_export_round_trips_every_event(tmp_path: Path) -> None:
    src = tmp_path / "small.yaml"
    src.write_text(SMALL, encoding="utf-8")
    nid, _ = load_scenario(src, str(tmp_path / "a.db"))
    state, events = _state(tmp_path / "a.db", nid)
    assert [a.person for a in pp.delegations(state, 1)] == ["envoy", "spokesman"]
    assert pp.person(state, "envoy").party_on(date(2019, 3, 1)) == "b"
    exported = export_scenario(state, events)
    data = exported.to_data()
    assert data["people"][0]["titles"][1]["party"] == "b"
    again = tmp_path / "again.yaml"
    again.write_text(dump_scenario(exported), encoding="utf-8")
    load_scenario(again, str(tmp_path / "b.db"))
    assert _events(tmp_path / "b.db", nid) == _events(tmp_path / "a.db", nid)


@pytest.mark.parametrize("name", ["us-taliban-2019.yaml", "us-taliban-2020.yaml"])
def test_the_examples_name_the_people_of_the_talks(tmp_path: Path, name: str) -> None:
    nid, _ = load_scenario(ROOT / "examples" / name, str(tmp_path / "x.db"))
    state, events = _state(tmp_path / "x.db", nid)
    ids = {p.id for p in pp.people(state)}
    assert {"khalilzad", "baradar", "mujahid", "shaheen", "ghani", "abdullah"} <= ids
    assert {"imran-khan", "al-qahtani", "masoom-stanekzai", "abbas-stanikzai"} <= ids
    for p in pp.people(state):
        assert p.source and p.source.startswith("http"), p.id
        assert p.party in state.parties, p.id
    assert pp.person(state, "mujahid").party == "taliban"
    assert "khalilzad" in {a.person for a in pp.delegations(state, 1)}
    exported = tmp_path / "again.yaml"
    everyone = list(state.parties)
    scenario = export_scenario(state, events, include_preferences=everyone)
    exported.write_text(dump_scenario(scenario), encoding="utf-8")
    load_scenario(exported, str(tmp_path / "y.db"))
    assert _events(tmp_path / "y.db", nid) == _events(tmp_path / "x.db", nid)


def _bad(people: str) -> str:
    text = SMALL.split("people:")[0] + "people:\n" + people
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "f.yaml")
    return str(info.value)


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ("  - {id: 'a b', name: X}\n", "f.yaml: people[0].id: String should match pattern"),
        ("  - {id: x, name: ''}\n", "f.yaml: people[0].name: String should have at least 1"),
        ("  - {id: x, name: X, party: zz}\n", "f.yaml: people[0].party: unknown party 'zz'"),
        (
            "  - {id: x, name: X}\n  - {id: x, name: Y}\n",
            "f.yaml: people[1].id: person 'x' appears twice",
        ),
        (
            "  - {id: x, name: X}\n  - {id: y, name: Y, spellings: [x]}\n",
            "f.yaml: people[1].spellings[0]: 'x' already names 'x'",
        ),
        (
            "  - {id: x, name: X, titles: [{title: t, from: 2020-01-02, to: 2020-01-01}]}\n",
            "f.yaml: people[0].titles[0]: to 2020-01-01 is before from 2020-01-02",
        ),
        (
            "  - {id: x, name: X, titles: [{title: t, party: zz}]}\n",
            "f.yaml: people[0].titles[0].party: unknown party 'zz'",
        ),
        (
            "  - {id: x, name: X, party: a, rounds: [7]}\n",
            "f.yaml: people[0].rounds[0]: no round 7",
        ),
        ("  - {id: x, name: X, colour: red}\n", "f.yaml: people[0].colour: Extra inputs"),
        (
            "  - {id: x, name: '" + "n" * 201 + "'}\n",
            "f.yaml: people[0].name: String should have at most 200",
        ),
    ],
)
def test_bad_people_are_named_by_field(people: str, message: str) -> None:
    assert _bad(people).startswith(message)


def test_a_refused_attendance_names_its_place_in_the_file(tmp_path: Path) -> None:
    data = yaml.safe_load(SMALL)
    data["people"] = [{"id": "x", "name": "X", "rounds": [1]}]  # speaks for no party
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"people\[0\]\.rounds\[0\]: 'x' speaks for no party"):
        load_scenario(path, str(tmp_path / "f.db"))
    assert not (tmp_path / "f.db").exists() or _count(tmp_path / "f.db") == 0


def _count(db: Path) -> int:
    store = open_store(db)
    try:
        return sum(store.head(n) for n in store.negotiations())
    finally:
        store.close()


def test_as_of_a_round_or_a_date_people_stay_and_later_attendance_goes(tmp_path: Path) -> None:
    src = tmp_path / "small.yaml"
    src.write_text(SMALL, encoding="utf-8")
    nid, _ = load_scenario(src, str(tmp_path / "a.db"))
    store = open_store(tmp_path / "a.db")
    try:
        record = Record(store)
        first = record.state(nid, round=1)
        early = record.state(nid, as_of=date(2019, 1, 15))
    finally:
        store.close()
    assert [a.round for a in pp.rounds_of(first, "envoy")] == [1]
    assert {p.id for p in pp.people(early)} == {"envoy", "spokesman"}
    assert len(pp.person(early, "envoy").titles) == 2
    assert pp.rounds_of(early, "envoy") == []
