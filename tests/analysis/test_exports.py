"""The lazy packages name each export in one list of imports; ``__all__`` matches it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import accords.analysis as analysis
import accords.errors
from accords._lazy import _where


@pytest.mark.parametrize("package", [analysis], ids=lambda p: p.__name__)
def test_all_is_the_type_checking_imports(package: ModuleType) -> None:
    where = _where(Path(str(package.__file__)))
    assert set(where) == set(package.__all__)
    assert all(target.startswith("accords.") for target in where.values())
    for name in package.__all__:
        assert getattr(package, name) is not None


def test_the_error_is_the_trees() -> None:
    assert analysis.FrontierTooLarge is accords.errors.FrontierTooLarge


@pytest.mark.parametrize(
    ("module", "heavy"),
    [
        ("accords.analysis", ("numpy", "accords.analysis._")),
        ("accords.cli._options", ("accords.model", "accords.application", "accords.ledger")),
    ],
)
def test_importing_loads_nothing_it_does_not_need(module: str, heavy: tuple[str, ...]) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
