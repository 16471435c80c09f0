"""Fixtures for the text tests: readers (the model loads once) and the example negotiation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .support import EXAMPLE, PARTIES, PARTS, require_spacy


@pytest.fixture(scope="session")
def reader() -> Any:
    """A reader of the hand-made negotiation (the model loads once for the session)."""
    require_spacy()
    from accords.text import TextReader

    return TextReader(PARTIES, PARTS)


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database holding the example negotiation; tests copy it before writing."""
    if not EXAMPLE.is_file():
        pytest.skip("examples/us-taliban-2019.yaml is absent")
    from accords.scenario.load import load_scenario

    db = str(tmp_path_factory.mktemp("example") / "example.db")
    load_scenario(EXAMPLE, db)
    yield db


@pytest.fixture(scope="session")
def example_view(example_db: str) -> Iterator[Any]:
    from accords.application import Record
    from accords.sealing import open_store
    from accords.text._adapter import RecordNegotiation

    store = open_store(example_db)
    record = Record(store)
    view = RecordNegotiation(record, record.resolve(None))
    yield view
    store.close()


@pytest.fixture(scope="session")
def example_reader(example_view: Any) -> Any:
    require_spacy()
    from accords.text import TextReader

    return TextReader(example_view.parties, example_view.parts)
