"""The dashboard panels, against a stand-in for the service's extension types."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from accords.model import State, decide, fold
from accords.scenario.native import commands_for, read_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-taliban-2020.yaml"


@dataclass(frozen=True)
class Panel:
    title: str
    html: str


@dataclass(frozen=True)
class Extension:
    name: str
    panels: object = None


@pytest.fixture
def fake_service(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import accords.service.extensions  # noqa: F401

        return  # the real service is installed: use it
    except ImportError:
        pass
    pkg = types.ModuleType("accords.service")
    mod = types.ModuleType("accords.service.extensions")
    mod.Panel = Panel  # type: ignore[attr-defined]
    mod.Extension = Extension  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "accords.service", pkg)
    monkeypatch.setitem(sys.modules, "accords.service.extensions", mod)


def test_panels_show_the_text_and_the_obligations(fake_service: None) -> None:
    import accords.draft.service as svc

    state = State()
    for _, cmd in commands_for(read_scenario(EXAMPLE), date(2021, 1, 1)):
        fold(decide(state, cmd), state, in_place=True)
    ext = svc.extension
    assert ext.name == "draft"
    got = ext.panels(None, state)
    assert [key for key, _ in got] == ["text", "text"]
    assert got[0][1].title == "Negotiating text"
    assert '<article class="accords-draft">' in got[0][1].html
    assert "not a signatory of its text" in got[1][1].html
    assert "late" in got[1][1].html
