"""The NegMAS side of ``benchmarks/simulate.py``: run in NegMAS's own virtualenv, never in ours.

Usage: python negmas_simulate_peer.py MODE FOLDER [FOLDER...] --steps N --count N

- ``one``/``many``: ``--count`` negotiations in a row, Boulware against Boulware
  (``BoulwareTBNegotiator``), alternating offers (``SAOMechanism``), on the first folder;
- ``tournament``: ``cartesian_tournament`` with Boulware, Linear and Conceder on every
  folder, ``--count`` repetitions.

Prints one JSON object: what was agreed (so the caller can check the two
implementations played the same negotiation) and the in-process seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from negmas.inout import Scenario
from negmas.sao import SAOMechanism
from negmas.sao.negotiators import (
    BoulwareTBNegotiator,
    ConcederTBNegotiator,
    LinearTBNegotiator,
)


def _scenario(folder: str) -> Scenario:
    scenario = Scenario.from_genius_folder(folder, ignore_discount=True)
    if scenario is None:
        sys.exit(f"NegMAS could not read {folder}")
    return scenario


def run_many(folder: str, steps: int, count: int) -> dict[str, object]:
    scenario = _scenario(folder)
    start = time.perf_counter()
    runs = []
    for _ in range(count):
        mechanism = SAOMechanism(outcome_space=scenario.outcome_space, n_steps=steps)
        for ufun in scenario.ufuns:
            mechanism.add(BoulwareTBNegotiator(), ufun=ufun)
        state = mechanism.run()
        utilities = (
            [float(u(state.agreement)) for u in scenario.ufuns]
            if state.agreement is not None
            else None
        )
        runs.append(
            {"rounds": state.step, "agreement": state.agreement is not None, "utilities": utilities}
        )
    seconds = time.perf_counter() - start
    return {"runs": runs, "seconds": seconds, "rounds": sum(int(r["rounds"]) for r in runs)}  # type: ignore[call-overload]


def run_tournament(folders: list[str], steps: int, count: int) -> dict[str, object]:
    from negmas.tournaments.neg.simple.cartesian import cartesian_tournament

    scenarios = [_scenario(f) for f in folders]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = cartesian_tournament(
            competitors=[BoulwareTBNegotiator, LinearTBNegotiator, ConcederTBNegotiator],
            scenarios=scenarios,
            n_repetitions=count,
            n_steps=steps,
            path=Path(tmp),
            verbosity=0,
            save_scenario_figs=False,
            plot_fraction=0.0,
        )
        n = len(results.details)
        rounds = int(results.details["step"].sum()) if "step" in results.details else None
    return {"negotiations": n, "rounds": rounds, "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["one", "many", "tournament"])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "tournament":
        out = run_tournament(args.folders, args.steps, args.count)
    else:
        out = run_many(args.folders[0], args.steps, args.count)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
