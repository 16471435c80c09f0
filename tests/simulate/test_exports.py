"""Pins ``accords.simulate``'s public API: every name resolves, lazily, to its defining module."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import accords.simulate as simulate

PUBLIC = {
    "EXPONENTS": "_negotiators",
    "MAX_OUTCOMES": "_table",
    "PROTOCOLS": "_run",
    "DrafterView": "_view",
    "Ending": "_protocols",
    "History": "_run",
    "Nash": "_negotiators",
    "Negotiator": "_negotiators",
    "NegotiatorSpec": "_negotiators",
    "OutcomeTable": "_table",
    "OwnView": "_view",
    "RandomBaseline": "_negotiators",
    "RunResult": "_run",
    "Simulation": "_run",
    "SingleTextDrafter": "_mediator",
    "SpaceTooLarge": "_table",
    "TimeBased": "_negotiators",
    "TitForTat": "_negotiators",
    "Trace": "_protocols",
    "alternating_offers": "_protocols",
    "own_view": "_view",
    "parse_negotiators": "_negotiators",
    "single_text": "_protocols",
}


def test_all_is_pinned() -> None:
    assert set(simulate.__all__) == set(PUBLIC)
    assert sorted(dir(simulate)) == sorted(simulate.__all__)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_names_are_the_defining_modules_objects(name: str) -> None:
    module = importlib.import_module(f"accords.simulate.{PUBLIC[name]}")
    assert getattr(simulate, name) is getattr(module, name)


def test_importing_the_package_loads_no_numpy() -> None:
    code = "import sys, accords.simulate; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        simulate.nonsense  # noqa: B018
