"""Shared fixtures: the example scenario and the GENIUS data folder (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-taliban-2019.yaml"
GENIUS = ROOT.parent / "shared" / "data" / "genius"


@pytest.fixture
def genius_dir() -> Path:
    if not GENIUS.is_dir():
        pytest.skip(
            f"GENIUS scenarios not found at {GENIUS} (the shared data folder beside the repo)"
        )
    return GENIUS
