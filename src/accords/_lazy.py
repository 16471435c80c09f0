"""Packages that export names without importing the modules behind them until asked.

A package lists its exports once, as imports under ``if TYPE_CHECKING:`` (what type
checkers and readers see), and repeats them in ``__all__`` (strict type checkers need a
literal list; tests pin the two equal). :func:`exports` gives it a module ``__getattr__``
that reads those imports from the package's own source on the first look-up and imports
one module per name asked for, so ``import accords.model.viewer`` does not load the whole
model, and ``accords analyze`` starts without the record's machinery.
"""

from __future__ import annotations

import ast
import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["exports"]


def _where(source: Path) -> dict[str, str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    guard = next(
        n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
    )
    return {
        alias.asname or alias.name: f"{node.module}:{alias.name}"
        for node in guard.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }


def exports(package: str, source: str, namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package`` (whose ``__init__`` is at ``source``)."""
    where = functools.cache(lambda: _where(Path(source)))

    def __getattr__(name: str) -> Any:
        target = where().get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attr = target.split(":")
        value = getattr(importlib.import_module(module), attr)
        namespace[name] = value
        return value

    return __getattr__
