"""``accords.model`` exports its names lazily, and a module of the same name never shadows one.

What start-up relies on: importing one module of the model (the analysis imports
``accords.model.viewer``) or running ``accords analyze --genius`` loads neither the rules
(``decide``), the layers nor the fold. What callers rely on: ``from accords.model import
decide`` is the function, whichever of the function and the module ``accords.model.decide``
was imported first. Each check that depends on import order runs in a fresh process.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import accords._lazy
import accords.model as model
import accords.model.commands as commands
from accords._lazy import _where

#: What the rules, the layers and the fold need, and the analysis does not.
RECORD_MACHINERY = (
    "accords.model.decide",
    "accords.model.fold",
    "accords.model.layers",
    "accords.model.board",
    "accords.model.commands",
    "accords.model.clauses",
)
#: Exported functions that share their name with a module of the package.
SHADOWED = ("board", "decide", "fold")


def python(code: str) -> str:
    """Run ``code`` in a fresh interpreter; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def loaded_after(code: str) -> list[str]:
    """The modules of :data:`RECORD_MACHINERY` in ``sys.modules`` once ``code`` has run."""
    report = f"import sys; print(sorted(m for m in sys.modules if m in {RECORD_MACHINERY!r}))"
    return list(ast.literal_eval(python(f"{code}\n{report}")))


def test_importing_the_viewer_loads_no_rules() -> None:
    assert loaded_after("import accords.model.viewer") == []


def test_importing_the_analysis_engine_loads_no_rules() -> None:
    code = "import accords.analysis._analysis, accords.analysis._genius, accords.scenario.genius"
    assert loaded_after(code) == []


def test_analyze_genius_loads_no_rules(tmp_path: Path) -> None:
    """The whole command, as the start-up benchmark runs it, on a small GENIUS domain."""
    from accords.scenario.genius import Domain, Issue, Profile, write_domain, write_profile

    domain = Domain("tiny", (Issue("a", ("x", "y")), Issue("b", ("p", "q", "r"))))
    write_domain(domain, tmp_path / "domain.xml")
    files = [str(tmp_path / "domain.xml")]
    for k, weight in enumerate((0.3, 0.7)):
        values = {"a": {"x": 1.0, "y": 0.2 * k}, "b": {"p": 0.1, "q": 0.5, "r": 1.0 - 0.5 * k}}
        profile = Profile(f"p{k}", {"a": weight, "b": 1 - weight}, values)
        write_profile(profile, domain, tmp_path / f"p{k}.xml")
        files.append(str(tmp_path / f"p{k}.xml"))
    argv = ["accords", "analyze", "--genius", *files, "--json"]
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print([m for m in {RECORD_MACHINERY!r} if m in sys.modules]))\n"
        f"sys.argv = {argv!r}\n"
        "from accords.cli import main\n"
        "main()"
    )
    out = python(code)
    assert '"outcomes": 6' in out
    assert out.splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", SHADOWED)
@pytest.mark.parametrize("module_first", [True, False], ids=["module-first", "function-first"])
def test_an_export_is_never_shadowed_by_its_module(name: str, module_first: bool) -> None:
    steps = [f"import accords.model.{name}", f"from accords.model import {name} as exported"]
    code = "\n".join([*(steps if module_first else steps[::-1]), "import accords.model as m"])
    code += (
        f"\nmodule = sys.modules['accords.model.{name}']"
        f"\nprint(callable(exported), exported is module.{name}, m.{name} is exported)"
    )
    assert python(f"import sys\n{code}") == "True True True"


def test_the_module_stays_importable_by_its_path() -> None:
    code = (
        "from accords.model.decide import decide\n"
        "from accords.model.fold import fold, evolve\n"
        "from accords.model.board import board, missing_for\n"
        "from accords.model import decide as d, fold as f, board as b\n"
        "print(d is decide, f is fold, b is board)"
    )
    assert python(code) == "True True True"


def test_all_is_the_type_checking_imports_and_the_commands() -> None:
    where = _where(Path(str(model.__file__)))
    assert model.__all__ == sorted(where)
    assert set(commands.__all__) <= set(where)
    assert sorted(dir(model)) == model.__all__
    for name in model.__all__:
        module, attr = where[name].split(":")
        assert getattr(model, name) is getattr(sys.modules[module], attr)


def test_star_import_gives_every_export() -> None:
    names: dict[str, object] = {}
    exec("from accords.model import *", names)
    assert set(names) - {"__builtins__"} == set(model.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        model.nonsense  # noqa: B018


def test_the_lazy_helper_imports_nothing_of_accords() -> None:
    """The model may import accords._lazy (tests/test_layers.py) because it stays a leaf."""
    tree = ast.parse(Path(accords._lazy.__file__).read_text(encoding="utf-8"))
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(node.module or "")
    assert "importlib" in imported
    assert not [name for name in imported if name.startswith("accords")]


def test_the_top_package_lazy_names_are_its_type_checking_imports() -> None:
    import accords

    where = _where(Path(str(accords.__file__)))
    eager = {"__version__"} | {n for n in accords.__all__ if n not in where}
    assert set(where) <= set(accords.__all__)
    assert all(isinstance(getattr(accords, n), type) for n in eager - {"__version__"})
    for name, target in where.items():
        module, attr = target.split(":")
        assert getattr(accords, name) is getattr(sys.modules[module], attr)
