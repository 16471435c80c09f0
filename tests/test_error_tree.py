"""One error tree: every exception accords raises on purpose is a leaf of ``accords.errors``.

The tree is drawn in the module's docstring; these tests keep the drawing and the
classes in step, and scan the source so a bare builtin exception cannot creep back.
"""

from __future__ import annotations

import ast
import builtins
import inspect
from pathlib import Path

import pytest

import accords.errors as errors

SRC = Path(errors.__file__).parent

#: Builtin raises that are a Python protocol, not an error of accords: (file, exception).
PROTOCOL = {
    ("__init__.py", "AttributeError"),  # module __getattr__ of lazy packages
    ("_lazy.py", "AttributeError"),  # the module __getattr__ it makes for lazy packages
    ("cli/__init__.py", "AttributeError"),
    ("cli/__init__.py", "SystemExit"),  # the entry point's exit status
    ("simulate/__init__.py", "AttributeError"),
    ("draft/service.py", "AttributeError"),
    ("model/state.py", "AttributeError"),  # module __getattr__: fold and evolve moved
    ("sealing/_store.py", "AttributeError"),  # __getattr__ delegating to the wrapped store
    ("scenario/build.py", "AssertionError"),  # unreachable branches
    ("scenario/extras.py", "AssertionError"),
    ("scenario/extras_replay.py", "AssertionError"),
    ("scenario/genius.py", "KeyError"),  # a mapping-like look-up, caught by its callers
    ("scenario/_genius_values.py", "KeyError"),  # the same look-up, since the split
    ("service/testing.py", "RuntimeError"),  # a test helper, not the package's API
}
#: pydantic validators must raise ValueError: pydantic turns it into a ScenarioError.
VALIDATORS = {
    "scenario/extras.py",
    "scenario/people.py",
    "scenario/preferences.py",
    "scenario/schema.py",
}
#: Known and owned elsewhere (issue 10, item 2, the model's layers): the fold's unknown type.
KNOWN: set[tuple[str, str]] = set()


def _classes() -> list[type[errors.AccordsError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.AccordsError) and cls.__module__ == errors.__name__
    ]


def test_every_error_is_in_all_and_in_the_drawing() -> None:
    doc = errors.__doc__ or ""
    names = {cls.__name__ for cls in _classes()}
    assert names == set(errors.__all__)
    for name in names:
        assert f" {name}" in doc, f"{name} is not drawn in the tree"


@pytest.mark.parametrize(
    ("name", "builtin"),
    [
        ("RefusedMove", ValueError),
        ("UnknownReference", LookupError),
        ("ScenarioError", ValueError),
        ("ArticleError", ValueError),
        ("InvalidArgument", ValueError),
        ("InvalidType", TypeError),
        ("SpaceTooLarge", ValueError),
        ("FrontierTooLarge", ValueError),
        ("MissingExtra", ImportError),
        ("AccessDenied", PermissionError),
    ],
)
def test_leaves_subclass_the_right_builtin(name: str, builtin: type[Exception]) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, errors.AccordsError) and issubclass(cls, builtin)


def test_the_analysis_and_simulation_errors_are_the_trees() -> None:
    from accords.analysis import FrontierTooLarge
    from accords.simulate import SpaceTooLarge

    assert FrontierTooLarge is errors.FrontierTooLarge
    assert SpaceTooLarge is errors.SpaceTooLarge


def _builtin_raises() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if not isinstance(exc, ast.Name):
                continue
            obj = getattr(builtins, exc.id, None)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                found.add((rel, exc.id))
    return found


def test_no_bare_builtin_exception_is_raised() -> None:
    stray = {
        (rel, name)
        for rel, name in _builtin_raises()
        if (rel, name) not in PROTOCOL | KNOWN and not (rel in VALIDATORS and name == "ValueError")
    }
    assert not stray, f"raise an accords.errors leaf instead: {sorted(stray)}"


def test_a_missing_extra_is_not_a_refused_move() -> None:
    assert not issubclass(errors.MissingExtra, errors.RefusedMove)
    err = errors.MissingExtra("PDF output needs fpdf2: pip install 'accords[docs]'")
    assert str(err) == "PDF output needs fpdf2: pip install 'accords[docs]'"
