"""The NegMAS side of the analysis benchmark; runs inside ``benchmarks/.venv-negmas`` only.

NegMAS (AGPL) is never imported by accords: ``benchmarks/analysis.py`` runs this
script as a separate process with the NegMAS virtualenv's Python and reads one
JSON line from its stdout. Usage::

    negmas_peer.py frontier DOMAIN.xml PROFILE.xml [PROFILE.xml ...]
    negmas_peer.py mobanos DOMAIN.xml PROFILE1.xml PROFILE2.xml
    negmas_peer.py solutions DOMAIN.xml PROFILE.xml [PROFILE.xml ...]

Times are measured inside the process (loading and computing apart), the peak
resident memory from ``getrusage``; the caller times the whole process too.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import warnings


def _load(domain: str, profiles: list[str]) -> tuple[object, list[object], float]:
    from negmas.inout import Scenario

    t = time.perf_counter()
    scenario = Scenario.from_genius_files(domain, profiles, ignore_discount=True)
    if scenario is None:
        raise SystemExit(f"NegMAS could not load {domain}")
    return scenario, list(scenario.ufuns), time.perf_counter() - t


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def frontier(domain: str, profiles: list[str]) -> dict[str, object]:
    from negmas.preferences.ops import pareto_frontier

    scenario, ufuns, load_s = _load(domain, profiles)
    t = time.perf_counter()
    points, _ = pareto_frontier(ufuns, issues=scenario.outcome_space.issues)
    return {
        "load_s": load_s,
        "compute_s": time.perf_counter() - t,
        "points": [list(p) for p in points],
        "reservations": [u.reserved_value for u in ufuns],
        "peak_rss_mb": _rss_mb(),
    }


def solutions(domain: str, profiles: list[str]) -> dict[str, object]:
    from negmas.preferences.ops import nash_points, pareto_frontier

    scenario, ufuns, _ = _load(domain, profiles)
    points, _ = pareto_frontier(ufuns, issues=scenario.outcome_space.issues)
    nash = nash_points(ufuns, points, outcome_space=scenario.outcome_space)
    return {
        "points": [list(p) for p in points],
        "nash": [list(p) for p, _ in nash],
        "reservations": [u.reserved_value for u in ufuns],
    }


def mobanos(domain: str, profiles: list[str]) -> dict[str, object]:
    from negmas.preferences.pareto_sampler.mobanos import MOBANOSParetoSampler

    _, ufuns, load_s = _load(domain, profiles)
    compute_s = float("inf")
    spent = 0.0
    for _ in range(5):  # fastest of a few runs, as on the accords side: warm-up excluded
        sampler = MOBANOSParetoSampler(max_pareto_size=10**9)
        t = time.perf_counter()
        sampler.init(ufuns[0], ufuns[1])
        outcomes = sampler.pareto_outcomes()
        took = time.perf_counter() - t
        compute_s, spent = min(compute_s, took), spent + took
        if spent > 2.0:
            break
    return {
        "load_s": load_s,
        "compute_s": compute_s,
        "points": [[float(u(o)) for u in ufuns] for o in outcomes],
        "peak_rss_mb": _rss_mb(),
    }


def main() -> None:
    warnings.simplefilter("ignore")
    command, domain, *profiles = sys.argv[1:]
    run = {"frontier": frontier, "mobanos": mobanos, "solutions": solutions}[command]
    sys.stdout.write(json.dumps(run(domain, profiles)) + "\n")


if __name__ == "__main__":
    main()
