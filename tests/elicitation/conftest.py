"""A record of the US–Taliban example, with the sealing the CLI and the server use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accords.application import Record
from accords.scenario.load import example_path, load_scenario
from accords.sealing import open_store

NID = "us-taliban-2019"
A = {
    "counter-terrorism": "guarantees",
    "withdrawal": "conditions-based-drawdown",
    "intra-afghan-negotiations": "after-us-deal",
    "ceasefire": "six-month",
}
B = {**A, "ceasefire": "permanent-comprehensive"}
C = {**A, "withdrawal": "full-withdrawal-timeline"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "talks.db")
    load_scenario(example_path("us-taliban-2019.yaml"), path)
    return path


@pytest.fixture
def record(db: str) -> Iterator[Record]:
    store = open_store(db)
    try:
        yield Record(store)
    finally:
        store.close()
