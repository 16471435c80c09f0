"""Tournaments: the same results on a process pool, a Dask cluster and in-process; resumable."""

from __future__ import annotations

import csv
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from accords.simulate import parse_negotiators
from accords.simulate._scenarios import ScenarioRef, genius_folder, native
from accords.simulate._tournament import Tournament, assignments, open_executor, run_tournament

from .conftest import EXAMPLE

NEGS = "boulware,conceder,tit-for-tat,random"


def _spec(refs: tuple[ScenarioRef, ...], **kw: object) -> Tournament:
    return Tournament(refs, parse_negotiators(NEGS), repetitions=2, steps=40, seed=7, **kw)  # type: ignore[arg-type]


def _strip(records: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(records, key=lambda r: str(r["run_id"]))


def test_assignments_cover_every_seating_or_rotate() -> None:
    specs = parse_negotiators("boulware,conceder,nash")
    two = assignments(specs, 2)
    assert len(two) == 9 and len(set(two)) == 9
    many = assignments(specs, 9)
    assert len(many) == 3
    for seat in range(9):
        assert {combo[seat].name for combo in many} == {"boulware", "conceder", "nash"}


def test_pool_and_in_process_agree_and_a_rerun_skips_what_is_done(tmp_path: Path) -> None:
    refs = (native(EXAMPLE, "mediator"),)
    spec = _spec(refs)
    serial = run_tournament(spec, tmp_path / "serial")
    assert serial.played == 4**3 * 2 and serial.skipped == 0  # every seating of 4 in 3 seats
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = run_tournament(spec, tmp_path / "pool", pool, batch=5)
    assert _strip(pooled.runs) == _strip(serial.runs)
    # interrupted: lose some finished runs, start again, only those are played
    runs = sorted((tmp_path / "pool" / "runs").glob("*.json"))
    for f in runs[:5]:
        f.unlink()
    seen: list[tuple[int, int]] = []
    again = run_tournament(spec, tmp_path / "pool", None, progress=lambda d, t: seen.append((d, t)))
    assert (again.played, again.skipped) == (5, len(runs) - 5)
    assert seen[0] == (len(runs) - 5, len(runs)) and seen[-1] == (len(runs), len(runs))
    assert _strip(again.runs) == _strip(serial.runs)


def test_tables_hold_every_run_and_a_summary_per_negotiator(tmp_path: Path) -> None:
    out = run_tournament(_spec((native(EXAMPLE, "mediator"),)), tmp_path)
    with (tmp_path / "runs.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(out.runs) == 128
    assert {r["run_id"] for r in rows} == {r["run_id"] for r in out.runs}
    with (tmp_path / "scores.csv").open() as fh:
        scores = list(csv.DictReader(fh))
    assert len(scores) == 3 * len(rows)
    summary = {r["negotiator"]: r for r in out.summary}
    assert set(summary) == {"boulware", "conceder", "tit-for-tat", "random"}
    for name, row in summary.items():
        seats = [s for s in scores if s["negotiator"] == name]
        assert row["runs"] == len(seats)
        mean = sum(float(s["utility"]) for s in seats) / len(seats)
        assert row["mean_utility"] == pytest.approx(mean)
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet needs pyarrow: accords[tournament]")
    table = pq.read_table(tmp_path / "runs.parquet").to_pylist()
    assert _strip(table) == _strip(
        [{k: v for k, v in r.items() if k != "scores"} for r in out.runs]
    )


def test_a_changed_scenario_gets_new_run_ids(tmp_path: Path) -> None:
    copy = tmp_path / "example.yaml"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = {t.run_id for t in _spec((native(copy, "mediator"),)).tasks()}
    copy.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("reservation: 0.55", "reservation: 0.5"),
        encoding="utf-8",
    )
    assert first.isdisjoint({t.run_id for t in _spec((native(copy, "mediator"),)).tasks()})


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_process_pool_results(
    tmp_path: Path, genius_dir: Path
) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask tests need accords[dask]")
    from typer.testing import CliRunner

    from accords.cli import app

    refs = (genius_folder(genius_dir / "Laptop"), native(EXAMPLE, "mediator"))
    spec = _spec(refs)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = run_tournament(spec, tmp_path / "pool", pool)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        # the library path: one executor interface for a pool and a cluster
        with open_executor(cluster.scheduler_address) as executor:
            dasked = run_tournament(spec, tmp_path / "dask", executor)
        # the command line: --scheduler ADDRESS
        cli = CliRunner().invoke(
            app,
            [
                "tournament",
                *(str(p) for p in (genius_dir / "Laptop", EXAMPLE)),
                "--as",
                "mediator",
                "--negotiators",
                NEGS,
                "--repetitions",
                "2",
                "--steps",
                "40",
                "--seed",
                "7",
                "--scheduler",
                cluster.scheduler_address,
                "--out",
                str(tmp_path / "cli"),
                "--json",
            ],
        )
    assert dasked.played == pooled.played == (4**2 + 4**3) * 2
    assert _strip(dasked.runs) == _strip(pooled.runs)
    assert json.loads(json.dumps(dasked.summary)) == json.loads(json.dumps(pooled.summary))
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["summary"] == json.loads(json.dumps(pooled.summary))
    assert (tmp_path / "cli" / "runs.csv").read_text() == (
        tmp_path / "pool" / "runs.csv"
    ).read_text()


def test_folders_of_genius_xml_and_geniusweb_json_are_recognised(genius_dir: Path) -> None:
    camera = genius_folder(genius_dir / "Camera")
    assert [Path(p).name for p in camera.paths] == [
        "camera_domain.xml",
        "camera_buyer_utility.xml",
        "camera_seller_utility.xml",
    ]
    web = genius_dir.parent / "geniusweb" / "Party"
    if not web.is_dir():
        pytest.skip(f"GeniusWeb scenarios not found at {web}")
    party = genius_folder(web)
    assert [Path(p).name for p in party.paths] == ["party.json", "party1.json", "party2.json"]
