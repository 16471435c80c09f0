"""Packages that export names without importing the modules behind them until asked.

A package lists its exports once, as imports under ``if TYPE_CHECKING:`` (what type
checkers and readers see). :func:`exports` gives it a module ``__getattr__`` that reads
those imports from the package's own source on the first look-up and imports one module
per name asked for, so ``import accords.model.viewer`` does not load the whole model, and
``accords analyze`` starts without the record's machinery.

A package may also keep a literal ``__all__`` (``accords`` and ``accords.analysis`` do;
tests pin it); one that does not (``accords.model``) writes each import as ``from m
import name as name``, the explicit re-export that strict type checkers read, or ``from m
import *`` for every name of ``m.__all__``, and :func:`exports` answers ``__all__`` and
``dir()`` from the same imports, so each name is written once.

An exported function may share its name with a module of the package
(``accords.model.decide``, the function, in ``accords/model/decide.py``). Importing such
a module binds the module to the package's attribute of that name (the import system
does so for every submodule), which would shadow the function for every later
``from accords.model import decide``. A package that :func:`exports` names therefore
refuses that one binding: an exported name always means the export.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable, Collection
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["exports"]


def _where(source: str | Path) -> dict[str, str]:
    """``{name: "module:attribute"}`` from the ``if TYPE_CHECKING:`` imports of ``source``.

    ``from m import *`` stands for the names of ``m.__all__``, read from ``m``'s source
    (not imported: that would load what the package defers). ``ast`` loads here, on the
    first look-up, not with the package: ``import accords`` stays cheap.
    """
    import ast

    with open(source, encoding="utf-8") as file:
        tree = ast.parse(file.read())
    guard = next(
        n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
    )
    where: dict[str, str] = {}
    for node in guard.body:
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        for alias in node.names:
            names = _all_of(node.module) if alias.name == "*" else [alias.name]
            where |= {alias.asname or name: f"{node.module}:{name}" for name in names}
    return where


def _all_of(module: str) -> list[str]:
    """The literal ``__all__`` of ``module``, read from its source."""
    import ast

    origin = getattr(importlib.util.find_spec(module), "origin", None)
    with open(str(origin), encoding="utf-8") as file:
        tree = ast.parse(file.read())
    names = next(
        n.value
        for n in tree.body
        if isinstance(n, ast.Assign) and any(ast.unparse(t) == "__all__" for t in n.targets)
    )
    return [str(name) for name in ast.literal_eval(names)]


def _exported(package: ModuleType) -> Collection[str]:
    """The literal ``__all__`` where the package keeps one (no parsing), else its imports."""
    listed: Collection[str] | None = package.__dict__.get("__all__")
    return listed if listed is not None else package.__dict__["_lazy_where"]()


class _Package(ModuleType):
    """A lazy package: a submodule never takes the place of an export of the same name."""

    def __setattr__(self, name: str, value: Any) -> None:
        if (
            isinstance(value, ModuleType)
            and value.__name__ == f"{self.__name__}.{name}"
            and name in _exported(self)
        ):
            # The import system binding a submodule: the export keeps the name (it is
            # bound already, or ``__getattr__`` binds it on first use).
            return
        super().__setattr__(name, value)


def exports(package: str, source: str, namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package`` (whose ``__init__`` is at ``source``)."""
    where = functools.cache(lambda: _where(source))

    def __getattr__(name: str) -> Any:
        if name == "__all__":
            return sorted(where())
        target = where().get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attr = target.split(":")
        value = getattr(importlib.import_module(module), attr)
        namespace[name] = value
        return value

    namespace["_lazy_where"] = where
    namespace.setdefault("__dir__", lambda: sorted(namespace.get("__all__") or where()))
    sys.modules[package].__class__ = _Package
    return __getattr__
