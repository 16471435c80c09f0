"""Both examples load, tell their story, and survive export and reload unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accords.application import Record
from accords.draft import render_markdown
from accords.ground.timeline import obligation_rows
from accords.model import status_dict
from accords.scenario.load import load_scenario
from accords.scenario.native import dump_scenario, export_scenario
from accords.sealing import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ["us-taliban-2020.yaml", "northern-ireland-1998.yaml"]


def _state(db: Path, nid: str):
    store = open_store(db)
    try:
        record = Record(store)
        return record.state(nid), list(record.events(nid))
    finally:
        store.close()


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_loads_and_round_trips(tmp_path: Path, name: str) -> None:
    nid, count = load_scenario(ROOT / "examples" / name, str(tmp_path / "a.db"))
    assert count > 50
    state, events = _state(tmp_path / "a.db", nid)
    assert state.agreement() == "signed"
    exported = tmp_path / "again.yaml"
    exported.write_text(dump_scenario(export_scenario(state, events)), encoding="utf-8")
    nid2, count2 = load_scenario(exported, str(tmp_path / "b.db"))
    assert (nid2, count2) == (nid, count)
    again, _ = _state(tmp_path / "b.db", nid)
    assert status_dict(again) == status_dict(state)
    assert render_markdown(again) == render_markdown(state)
    day = state.last_on
    assert day is not None
    assert obligation_rows(again, day) == obligation_rows(state, day)


def test_us_taliban_story(tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    load_scenario(ROOT / "examples" / "us-taliban-2020.yaml", str(db))
    store = open_store(db)
    try:
        record = Record(store)
        before = record.state("us-taliban-2020", as_of=date(2019, 9, 3))
        suspended = record.state("us-taliban-2020", round=9)
    finally:
        store.close()
    assert before.part_status("ceasefire").status == "agreed-ad-ref"
    assert suspended.agreement() == "not-agreed"
    text = render_markdown(before)
    assert "Nothing is agreed until everything is agreed" in text
    assert "will be an item on the agenda of the intra-Afghan negotiations" in text
    assert "[" not in text.split("## 4. Ceasefire")[1]  # agreed ad referendum: no brackets
