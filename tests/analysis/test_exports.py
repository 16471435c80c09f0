"""The analysis package names each export in one list of imports; ``__all__`` matches it."""

from __future__ import annotations

import subprocess
import sys

import accords.analysis as analysis
import accords.errors


def test_all_is_the_type_checking_imports() -> None:
    where = analysis._where()
    assert set(where) == set(analysis.__all__)
    assert all(module.startswith("accords.") for module in where.values())


def test_the_error_is_the_trees() -> None:
    assert analysis.FrontierTooLarge is accords.errors.FrontierTooLarge


def test_importing_the_package_loads_neither_numpy_nor_the_engine() -> None:
    code = (
        "import sys, accords.analysis; "
        "print(sorted(m for m in sys.modules if m.startswith(('numpy', 'accords.analysis._'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
