"""Pins the public API: ``accords.__all__`` changes only on purpose, and every name resolves."""

from __future__ import annotations

import accords
import accords.errors

PUBLIC = {
    "AccessDenied",
    "AccordsError",
    "ConflictError",
    "IntegrityError",
    "RefusedMove",
    "ScenarioError",
    "StoreError",
    "UnknownReference",
    "__version__",
}


def test_all_is_pinned() -> None:
    assert set(accords.__all__) == PUBLIC
    assert len(accords.__all__) == len(set(accords.__all__)), "a name listed twice"


def test_every_exported_name_resolves() -> None:
    for name in accords.__all__:
        assert hasattr(accords, name), name


def test_errors_are_the_one_tree() -> None:
    for name in sorted(PUBLIC - {"__version__"}):
        cls = getattr(accords, name)
        assert cls is getattr(accords.errors, name)
        assert issubclass(cls, accords.AccordsError)


def test_version_matches_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert accords.__version__ == version("accords")
