"""The layer contracts: the shape DESIGN.md draws, kept by import-linter (``make lint``).

The contracts live in ``pyproject.toml``; one test runs them, and a second checks the
purest of them (the model) with nothing but the standard library, so it holds even
where import-linter is not installed.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "accords"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_four_layer_contracts_are_written() -> None:
    names = {str(c["name"]) for c in _contracts()}
    assert names == {
        "model imports nothing outside itself and the errors module",
        "ledger knows no model, web or terminal",
        "analysis and text know no ledger, web or terminal",
        "cli and service on top: nothing below imports them",
    }


def test_the_contracts_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists() and shutil.which("lint-imports") is None:
        pytest.skip("import-linter is not installed: pip install -e '.[dev]'")
    command = [str(lint) if lint.exists() else "lint-imports", "--no-cache"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout


def _accords_imports(path: Path) -> set[str]:
    """The ``accords.*`` modules a file imports at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(n) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "accords":
                found |= {f"accords.{alias.name}" for alias in node.names}
            elif node.module.startswith("accords."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("accords")}
    return found


#: Leaves of the standard library only, which the model may use: the error tree, and the
#: lazy exports of its ``__init__`` (accords._lazy imports nothing of accords).
MODEL_MAY_IMPORT = {"accords.errors", "accords._lazy"}


def test_the_model_imports_only_itself_and_the_errors() -> None:
    stray = {
        (path.relative_to(SRC).as_posix(), module)
        for path in sorted((SRC / "model").rglob("*.py"))
        for module in _accords_imports(path)
        if not (module.startswith("accords.model") or module in MODEL_MAY_IMPORT)
    }
    assert not stray, f"the model must stay pure: {sorted(stray)}"
