"""Pins the public API: ``accords.__all__`` changes only on purpose, every name resolves, lazily."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import accords
import accords.errors

ERRORS = {
    "AccessDenied",
    "AccordsError",
    "ConflictError",
    "IntegrityError",
    "RefusedMove",
    "ScenarioError",
    "StoreError",
    "UnknownReference",
}
#: name -> the module that defines it (re-exported lazily).
LAZY = {
    "Record": "accords.application",
    "EventStore": "accords.ledger",
    "NewEvent": "accords.ledger",
    "StoredEvent": "accords.ledger",
    "open_store": "accords.sealing",
    "Event": "accords.model",
    "State": "accords.model",
    "board": "accords.model",
    "decide": "accords.model",
    "fold": "accords.model",
    "package_line": "accords.model",
    "status_dict": "accords.model",
    "load_scenario": "accords.scenario.load",
    "dump_scenario": "accords.scenario.native",
    "export_scenario": "accords.scenario.native",
    "parse_scenario": "accords.scenario.native",
    "read_scenario": "accords.scenario.native",
    "Scenario": "accords.scenario.schema",
}
PUBLIC = ERRORS | set(LAZY) | {"__version__"}


def test_all_is_pinned() -> None:
    assert set(accords.__all__) == PUBLIC
    assert len(accords.__all__) == len(set(accords.__all__)), "a name listed twice"
    assert sorted(dir(accords)) == sorted(accords.__all__)


@pytest.mark.parametrize("name", sorted(LAZY))
def test_lazy_names_are_the_defining_modules_objects(name: str) -> None:
    assert getattr(accords, name) is getattr(importlib.import_module(LAZY[name]), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        accords.nonsense  # noqa: B018


def test_errors_are_the_one_tree() -> None:
    for name in sorted(ERRORS):
        cls = getattr(accords, name)
        assert cls is getattr(accords.errors, name)
        assert issubclass(cls, accords.AccordsError)


def test_import_stays_cheap() -> None:
    """``import accords`` loads neither the model, the ledger, pydantic nor YAML."""
    heavy = ("accords.model", "accords.ledger", "accords.application", "pydantic", "yaml")
    code = f"import sys, accords; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_matches_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert accords.__version__ == version("accords")
