"""The ledger benchmark runs end to end on a tiny scale and keeps other sections."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "ledger.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ledger_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_it_rewrites_only_its_own_section(bench: ModuleType, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    bench.write_section("first run", results)
    text = results.read_text()
    assert text.startswith("# Benchmark results") and "first run" in text
    results.write_text(
        text + "\n<!-- pareto:start -->\nthe frontier's numbers\n<!-- pareto:end -->\n"
    )
    bench.write_section("second run", results)
    text = results.read_text()
    assert "second run" in text and "first run" not in text
    assert "the frontier's numbers" in text
    assert text.count(bench.START) == 1 and text.count(bench.END) == 1


def test_the_measurements_run(bench: ModuleType, tmp_path: Path) -> None:
    single = bench.single_appends(tmp_path, total=10, rounds=2)
    batch = bench.batch_appends(tmp_path, batches=2, size=5)
    assert single["events"] == 10 and single["store_per_s"] > 0 and single["bare_per_s"] > 0
    assert batch["size"] == 5 and batch["store_per_s"] > 0
    with bench.SQLiteStore(tmp_path / "read.db") as store:
        read = bench.reads(store, count=50)
        assert read["events"] == 50 and store.verify("read-bench").events == 50
    section = bench.report(
        {"when": "now", "machine": "here", "single": single, "batch": batch, "read": read}
    )
    assert "| durable appends, 1 event each (10 appends) |" in section


def test_model_events_are_valid_moves(bench: ModuleType) -> None:
    events = bench.model_events(300)
    assert len(events) == 300
    assert events[0].type != events[-1].type
