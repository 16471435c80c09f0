"""Tournaments: scenarios x negotiator assignments x repetitions, resumable, on any executor.

Every run has a stable id (a hash of the scenario's bytes, the assignment, the
protocol, the deadline, the repetition and the base seed) and its own seed
derived from that id, so a run's result does not depend on which worker ran
it, in which order, or whether the tournament was interrupted. Each finished
run is written to ``OUT/runs/<id>.json`` at once (atomically); a tournament
started again skips the ids already there. At the end the runs are gathered
into tables: ``runs.csv`` (one row per run), ``scores.csv`` (one row per run and
party) and ``summary.csv`` (one row per negotiator), with Parquet copies of the
first two when pyarrow is installed.

Work goes to a :class:`concurrent.futures.Executor`: a process pool by default,
or a Dask cluster's executor (``Client.get_executor()``) — one interface.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from accords.simulate._negotiators import NegotiatorSpec
from accords.simulate._scenarios import ScenarioRef, load

__all__ = [
    "RunTask",
    "Tournament",
    "TournamentOutput",
    "assignments",
    "open_executor",
    "play_batch",
    "run_tournament",
    "summarise",
]

FULL_PRODUCT_LIMIT = 64  # assignments enumerated in full up to this many, else rotations
#: Below this many negotiator turns (rounds x parties, at most) a tournament is played in-process:
#: about half a second of work, less than it takes to start a pool of processes.
SMALL_WORK = 150_000


def assignments(
    specs: Sequence[NegotiatorSpec], n_parties: int
) -> list[tuple[NegotiatorSpec, ...]]:
    """Which negotiator speaks for which party, over a tournament.

    Every ordered combination while there are at most 64 of them (for two
    parties: every pairing, self-play and both seatings); beyond that (many
    parties), the cyclic rotations of the list, so each negotiator sits in every
    seat once and the count stays linear.
    """
    if len(specs) ** n_parties <= FULL_PRODUCT_LIMIT:
        return list(product(specs, repeat=n_parties))
    n = len(specs)
    return [tuple(specs[(s + i) % n] for i in range(n_parties)) for s in range(n)]


@dataclass(frozen=True, slots=True)
class RunTask:
    """One run to play: picklable, and named by a stable id."""

    scenario: ScenarioRef
    negotiators: tuple[NegotiatorSpec, ...]
    repetition: int
    steps: int
    protocol: str
    base_seed: int

    @property
    def key(self) -> str:
        text = json.dumps(
            [
                self.scenario.digest,
                self.scenario.kind,
                self.scenario.given_accepted,
                [s.name for s in self.negotiators],
                self.repetition,
                self.steps,
                self.protocol,
                self.base_seed,
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def run_id(self) -> str:
        return self.key[:20]

    @property
    def seed(self) -> int:
        return int(self.key[20:36], 16) >> 1


def play(task: RunTask) -> dict[str, Any]:
    """Play one run and flatten its result into a record (no offer history)."""
    sim = load(task.scenario)
    result = sim.run(task.negotiators, steps=task.steps, seed=task.seed, protocol=task.protocol)  # type: ignore[arg-type]
    reservations = dict(zip(sim.parties, (float(r) for r in sim.problem.reservations), strict=True))
    return {
        "run_id": task.run_id,
        "scenario": task.scenario.name,
        "protocol": task.protocol,
        "steps": task.steps,
        "repetition": task.repetition,
        "seed": task.seed,
        "negotiators": "|".join(result.negotiators),
        "agreement": result.agreement,
        "rounds": result.rounds,
        "reason": result.reason,
        "outcome": json.dumps(result.outcome, sort_keys=True) if result.outcome else "",
        "welfare": sum(result.utilities.values()),
        "pareto_distance": result.pareto_distance,
        "nash_distance": result.nash_distance,
        "scores": [
            {
                "party": party,
                "negotiator": neg,
                "utility": result.utilities[party],
                "advantage": result.utilities[party] - reservations[party],
            }
            for party, neg in zip(result.parties, result.negotiators, strict=True)
        ],
    }


def play_batch(tasks: Sequence[RunTask]) -> list[dict[str, Any]]:
    """Play several runs in one worker call (amortises the hop to the worker)."""
    return [play(t) for t in tasks]


@dataclass(frozen=True)
class Tournament:
    """What to play."""

    scenarios: tuple[ScenarioRef, ...]
    negotiators: tuple[NegotiatorSpec, ...]
    repetitions: int = 1
    steps: int = 100
    protocol: str = "alternating"
    seed: int = 0

    def turns(self) -> int:
        """The most negotiator turns the tournament can take (every run to its deadline)."""
        return sum(t.steps * len(t.negotiators) for t in self.tasks())

    def tasks(self) -> list[RunTask]:
        out: list[RunTask] = []
        for ref in self.scenarios:
            n_parties = len(load(ref).parties)
            for combo in assignments(self.negotiators, n_parties):
                for rep in range(self.repetitions):
                    out.append(RunTask(ref, combo, rep, self.steps, self.protocol, self.seed))
        return out


@dataclass(frozen=True)
class TournamentOutput:
    """Where the tables went, and what was played now versus found done."""

    runs: list[dict[str, Any]]
    summary: list[dict[str, Any]]
    played: int
    skipped: int
    files: tuple[Path, ...]


def _write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _batches(tasks: Sequence[RunTask], size: int) -> Iterator[list[RunTask]]:
    for s in range(0, len(tasks), size):
        yield list(tasks[s : s + size])


def _leave_interrupts_to_parent() -> None:
    """Workers ignore Ctrl-C: the parent stops handing out work and the batch in hand finishes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def open_executor(
    scheduler: str | None = None, workers: int | None = None, turns: int | None = None
) -> Iterator[Executor | None]:
    """A process pool, or a Dask cluster's executor when ``scheduler`` names one.

    With neither a scheduler nor a number of workers, a tournament of at most
    :data:`SMALL_WORK` ``turns`` gets None: it is played in-process, where it
    finishes before a pool would have started.
    """
    if scheduler is None and workers is None and turns is not None and turns <= SMALL_WORK:
        yield None
        return
    if scheduler is None:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_parent)
        try:
            yield pool
        except BaseException:  # Ctrl-C included: drop what has not started, keep what finished
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return
    try:
        from distributed import Client
    except ModuleNotFoundError:
        from accords.errors import MissingExtra

        raise MissingExtra("--scheduler needs Dask: pip install 'accords[dask]'") from None
    with Client(scheduler) as client, client.get_executor() as executor:  # type: ignore[no-untyped-call]
        yield executor


def run_tournament(
    tournament: Tournament,
    out: str | Path,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int | None = None,
) -> TournamentOutput:
    """Play what is not done yet, then write the tables from every run of this tournament."""
    out_dir = Path(out)
    runs_dir = out_dir / "runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    tasks = tournament.tasks()
    todo = [t for t in tasks if not (runs_dir / f"{t.run_id}.json").exists()]
    done = len(tasks) - len(todo)
    if progress:
        progress(done, len(tasks))
    if todo:
        if executor is None:
            for record in map(play, todo):
                _write_json_atomic(runs_dir / f"{record['run_id']}.json", record)
                done += 1
                if progress:
                    progress(done, len(tasks))
        else:
            for ref in tournament.scenarios:  # scored once here, inherited by forked workers
                sim = load(ref)
                _ = sim.frontier, sim.nash_point
            size = batch or max(1, min(64, math.ceil(len(todo) / (4 * (os.cpu_count() or 1)))))
            futures = [executor.submit(play_batch, b) for b in _batches(todo, size)]
            for future in as_completed(futures):
                for record in future.result():
                    _write_json_atomic(runs_dir / f"{record['run_id']}.json", record)
                    done += 1
                if progress:
                    progress(done, len(tasks))
    records = [
        json.loads((runs_dir / f"{t.run_id}.json").read_text(encoding="utf-8")) for t in tasks
    ]
    summary = summarise(records)
    files = write_tables(records, summary, out_dir)
    return TournamentOutput(records, summary, len(todo), len(tasks) - len(todo), files)


_RUN_COLUMNS = (
    "run_id",
    "scenario",
    "protocol",
    "steps",
    "repetition",
    "seed",
    "negotiators",
    "agreement",
    "rounds",
    "reason",
    "outcome",
    "welfare",
    "pareto_distance",
    "nash_distance",
)
_SCORE_COLUMNS = ("run_id", "scenario", "party", "negotiator", "utility", "advantage", "agreement")
_SUMMARY_COLUMNS = (
    "negotiator",
    "runs",
    "agreements",
    "agreement_rate",
    "mean_utility",
    "mean_advantage",
    "mean_rounds",
    "mean_pareto_distance",
    "mean_nash_distance",
)


def _scores(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "run_id": r["run_id"],
            "scenario": r["scenario"],
            "agreement": r["agreement"],
            **s,
        }
        for r in records
        for s in r["scores"]
    ]


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def summarise(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per negotiator, over every seat it took: agreements, utility, gain, rounds, distances."""
    seats: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for r in records:
        for s in r["scores"]:
            seats.setdefault(s["negotiator"], []).append((r, s))
    rows = []
    for name in sorted(seats):
        pairs = seats[name]
        agreed = [r for r, _ in pairs if r["agreement"]]
        rows.append(
            {
                "negotiator": name,
                "runs": len(pairs),
                "agreements": len(agreed),
                "agreement_rate": len(agreed) / len(pairs),
                "mean_utility": _mean([s["utility"] for _, s in pairs]),
                "mean_advantage": _mean([s["advantage"] for _, s in pairs]),
                "mean_rounds": _mean([float(r["rounds"]) for r, _ in pairs]),
                "mean_pareto_distance": _mean([r["pareto_distance"] for r in agreed]),
                "mean_nash_distance": _mean(
                    [r["nash_distance"] for r in agreed if r["nash_distance"] is not None]
                ),
            }
        )
    return rows


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    return path


def _write_parquet(path: Path, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> Path:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pa.table({c: [row.get(c) for row in rows] for c in columns})
    pq.write_table(table, path)
    return path


def write_tables(
    records: Sequence[dict[str, Any]], summary: Sequence[dict[str, Any]], out_dir: Path
) -> tuple[Path, ...]:
    """CSV always; Parquet too when pyarrow is installed (``accords[tournament]``)."""
    scores = _scores(records)
    files = [
        _write_csv(out_dir / "runs.csv", _RUN_COLUMNS, records),
        _write_csv(out_dir / "scores.csv", _SCORE_COLUMNS, scores),
        _write_csv(out_dir / "summary.csv", _SUMMARY_COLUMNS, summary),
    ]
    try:
        import pyarrow  # noqa: F401
    except ModuleNotFoundError:
        return tuple(files)
    files.append(_write_parquet(out_dir / "runs.parquet", _RUN_COLUMNS, records))
    files.append(_write_parquet(out_dir / "scores.parquet", _SCORE_COLUMNS, scores))
    return tuple(files)
