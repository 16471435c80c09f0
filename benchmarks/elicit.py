"""Benchmark: preferences from answers, with a simulated delegate on the ANAC domains.

A simulated delegate answers "which would you rather have?" from a known
GENIUS profile (every profile of every domain in ``../shared/data/genius``, at
most three per domain). Measured, as medians over profiles and seeds:

- Kendall tau between fitted and true utilities over all packages, after 10, 20
  and 30 random comparisons (pairs of random packages whose true utilities
  differ) and after 10, 20 and 30 chosen ones (:func:`accords.elicit.next_query`);
  the baseline is a plain L2-regularised logistic fit on the same random answers;
- the share of the true Pareto frontier (of a domain's first two profiles) that
  the frontier of the fitted profiles (30 chosen answers each) finds;
- the time to fit 30 answers and to choose the next question on the largest
  domain (Travel, 188,160 packages).

Run: ``python benchmarks/elicit.py [--seeds 2]``; it rewrites the ``elicit``
section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.stats import kendalltau

from accords.elicit import (
    Answers,
    Comparison,
    Space,
    fit,
    next_query,
    order_rows,
    space_from_genius,
)
from accords.scenario.genius import Domain, Profile, read_genius
from accords.simulate._scenarios import genius_folder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "genius"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- elicit:start -->", "<!-- elicit:end -->"
COUNTS = (10, 20, 30)
#: The split: methods were chosen on these domains ("develop") and confirmed on
#: the rest ("confirm"); the targets are checked by others on yet other domains.
DEVELOP = frozenset({"Amsterdam", "Coffee", "Grocery", "Laptop", "group2-politics"})
Array = np.ndarray


@dataclass
class Case:
    domain: str
    space: Space
    true: Array  # true part-worths
    packages: Array  # every package, index rows


def true_parts(space: Space, domain: Domain, profile: Profile) -> Array:
    return np.array(
        [
            profile.weights[i.name] * profile.evaluation(di, v)
            for i, di in zip(space.issues, domain.issues, strict=True)
            for v in i.values
        ]
    )


def cases(per_domain: int, only: frozenset[str] | None = None) -> list[Case]:
    out = []
    for folder in sorted(DATA.iterdir()):
        if only is not None and folder.name not in only:
            continue
        ref = genius_folder(folder)
        domain, profiles = read_genius(ref.paths[0], ref.paths[1:])
        space = space_from_genius(domain)
        packages = space.all_packages()
        for profile in profiles[:per_domain]:
            out.append(Case(folder.name, space, true_parts(space, domain, profile), packages))
    return out


def answer(case: Case, a: Array, b: Array) -> Comparison | None:
    """The simulated delegate: prefers the package its true profile rates higher."""
    ua, ub = case.space.utilities(case.true, np.stack([a, b]))
    if abs(ua - ub) < 1e-12:
        return None
    better, worse = (a, b) if ua > ub else (b, a)
    return Comparison(case.space.decode(better), case.space.decode(worse))


def tau(case: Case, parts: Array) -> float:
    truth = case.space.utilities(case.true, case.packages)
    return float(kendalltau(truth, case.space.utilities(parts, case.packages))[0])


def random_answers(case: Case, rng: np.random.Generator, count: int) -> Answers:
    comparisons: list[Comparison] = []
    while len(comparisons) < count:
        a, b = case.space.random_packages(rng, 2)
        c = answer(case, a, b)
        if c is not None:
            comparisons.append(c)
    return Answers(tuple(comparisons))


def chosen_answers(case: Case, seed: int, count: int) -> list[Answers]:
    """Answers after each chosen question (index k holds k + 1 answers)."""
    answers = Answers()
    history: list[Answers] = []
    rng = np.random.default_rng(seed)
    while len(history) < count:
        query = next_query(fit(case.space, answers, seed=seed + len(history)), seed=seed)
        c = answer(case, case.space.encode(query.a), case.space.encode(query.b))
        if c is None:  # a true tie: ask a random pair instead
            c = random_answers(case, rng, 1).comparisons[0]
        answers = answers.with_comparison(c)
        history.append(answers)
    return history


def logistic(space: Space, answers: Answers, ridge: float = 0.1) -> Array:
    """The baseline: L2-regularised logistic regression on the answers' difference rows."""
    rows, _ = order_rows(space, answers)

    def loss(p: Array) -> tuple[float, Array]:
        z = rows @ p
        value = float(np.logaddexp(0, -z).sum() + ridge * p @ p)
        return value, -rows.T @ (1 / (1 + np.exp(z))) + 2 * ridge * p

    return np.asarray(minimize(loss, np.zeros(space.dimension), jac=True).x)


def frontier(u1: Array, u2: Array) -> set[int]:
    """Indices of the exact two-party Pareto frontier (ties on both utilities all kept)."""
    order = np.lexsort((-u2, -u1))
    out: set[int] = set()
    best = -np.inf  # highest u2 among packages with a strictly higher u1
    k = 0
    while k < len(order):
        j = k
        while j < len(order) and u1[order[j]] == u1[order[k]]:
            j += 1
        top = u2[order[k]]
        if top > best:
            out.update(int(order[m]) for m in range(k, j) if u2[order[m]] == top)
        best = max(best, top)
        k = j
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def half(case: Case) -> str:
    return "develop" if case.domain in DEVELOP else "confirm"


def measure_tau(all_cases: list[Case], seeds: int) -> dict[str, list[float]]:
    """Taus by key ``"{method} {count}"``, and by ``"{method} {count} {half}"`` for the split."""
    out: dict[str, list[float]] = {}

    def add(key: str, value: float, case: Case) -> None:
        out.setdefault(key, []).append(value)
        out.setdefault(f"{key} {half(case)}", []).append(value)

    for n, case in enumerate(all_cases):
        for seed in range(seeds):
            rng = np.random.default_rng(1000 * seed + n)
            answers = random_answers(case, rng, max(COUNTS))
            chosen = chosen_answers(case, seed, max(COUNTS))
            for count in COUNTS:
                some = Answers(answers.comparisons[:count])
                fitted = fit(case.space, some, seed=seed).profile.parts(case.space)
                add(f"random {count}", tau(case, fitted), case)
                add(f"logistic {count}", tau(case, logistic(case.space, some)), case)
                picked = fit(case.space, chosen[count - 1], seed=seed).profile.parts(case.space)
                add(f"chosen {count}", tau(case, picked), case)
        last = {k: round(v[-1], 3) for k, v in out.items() if k.endswith(" 30")}
        print(case.domain, last, file=sys.stderr)
    return out


def measure_frontier(all_cases: list[Case]) -> list[tuple[str, int, float]]:
    by_domain: dict[str, list[Case]] = {}
    for case in all_cases:
        by_domain.setdefault(case.domain, []).append(case)
    out = []
    for name, pair in by_domain.items():
        if len(pair) < 2:
            continue
        a, b = pair[:2]
        true = frontier(*(c.space.utilities(c.true, c.packages) for c in (a, b)))
        fitted_parts = [
            fit(c.space, chosen_answers(c, 0, 30)[-1]).profile.parts(c.space) for c in (a, b)
        ]
        found = frontier(
            *(c.space.utilities(p, c.packages) for c, p in zip((a, b), fitted_parts, strict=True))
        )
        out.append((name, len(true), len(true & found) / len(true)))
    return out


@dataclass
class Timing:
    """Seconds per step on the largest domain, medians: wall clock and this process's CPU."""

    packages: int
    fit_wall: float
    next_wall: float
    fit_cpu: float
    next_cpu: float
    load: float  # the one-minute load average when measured (a busy machine inflates wall time)


def measure_time(all_cases: list[Case], repeats: int = 5) -> Timing:
    case = max(all_cases, key=lambda c: c.space.size)
    answers = random_answers(case, np.random.default_rng(7), 30)
    fit(case.space, answers)  # warm up imports and caches
    walls: list[tuple[float, float]] = []
    cpus: list[tuple[float, float]] = []
    for r in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fitted = fit(case.space, answers, seed=r)
        w1, c1 = time.perf_counter(), time.process_time()
        next_query(fitted, seed=r)
        w2, c2 = time.perf_counter(), time.process_time()
        walls.append((w1 - w0, w2 - w1))
        cpus.append((c1 - c0, c2 - c1))
    return Timing(
        case.space.size,
        statistics.median(w[0] for w in walls),
        statistics.median(w[1] for w in walls),
        statistics.median(c[0] for c in cpus),
        statistics.median(c[1] for c in cpus),
        os.getloadavg()[0],
    )


def write(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + section.rstrip("\n") + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


METHODS = (
    ("random", "random comparisons, posterior mean (accords)"),
    ("chosen", "chosen comparisons (`next`), posterior mean (accords)"),
    ("logistic", "random comparisons, L2 logistic baseline"),
)


def table(taus: dict[str, list[float]]) -> list[str]:
    """One row per method and half of the split (all, develop, confirm)."""
    rows = []
    for key, label in METHODS:
        for suffix, which in (("", "all"), (" develop", "develop"), (" confirm", "confirm")):
            cells = [f"{median(taus.get(f'{key} {c}{suffix}', [])):.3f}" for c in COUNTS]
            rows.append(f"| {label} | {which} | " + " | ".join(cells) + " |")
    return rows


def verdict(taus: dict[str, list[float]]) -> str:
    """Say plainly whether each target is met, on every half of the split."""
    out = []
    for key, target in (("random", 0.78), ("chosen", 0.88)):
        for suffix in ("", " develop", " confirm"):
            value = median(taus.get(f"{key} 30{suffix}", []))
            where = suffix.strip() or "all"
            mark = "met" if value >= target else "NOT met"
            out.append(f"{key} 30 ({where}): {value:.3f}, {mark}")
    return "; ".join(out) + "."


def report(
    taus: dict[str, list[float]],
    fronts: list[tuple[str, int, float]],
    timing: Timing,
    n_cases: int,
    seeds: int,
) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        START,
        "## Elicitation (`python benchmarks/elicit.py`)",
        "",
        f"Measured {when} on {platform.machine()} {platform.system()}, Python "
        f"{platform.python_version()}; a simulated delegate answering from each of {n_cases} "
        f"GENIUS profiles of the ANAC domains in `../shared/data/genius` (at most three per "
        f"domain), {seeds} seeds each; Kendall tau over all packages, median.",
        "",
        "| answers | domains | 10 | 20 | 30 |",
        "|---|---|---:|---:|---:|",
        *table(taus),
        "",
        "Targets: ≥ 0.78 after 30 random, ≥ 0.88 after 30 chosen. " + verdict(taus),
        "",
        "The fit is the posterior mean of the canonical profile under a prior shaped like "
        "additive profiles: centred part-worths, Gaussian within each issue, one scale per "
        "issue from an inverse-gamma prior, each scale divided by the expected range of its "
        "issue's values (so no issue is favoured for its number of values); sampled by Gibbs "
        "sweeps of hit-and-run (truncated normal on each chord) and exact scale draws. "
        "Methods were chosen on the *develop* domains (Amsterdam, Coffee, Grocery, Laptop, "
        "group2-politics) and confirmed unchanged on the *confirm* ones; nothing is tuned per "
        "domain. Measured on the develop half, against the first engine (a uniform box over "
        "part-worths, one seed): the Gaussian prior alone matched the logistic baseline, the "
        "per-issue scales added about 0.02 after 30 random answers; twice the sweeps gave "
        "0.808 against 0.785 after 30 chosen ones, but four times gave 0.771, so the gain is "
        "within the ±0.03 that reruns move a median of 11 profiles; choosing questions by "
        "expected posterior variance instead of the even split, from pairs that differ in at "
        "most three issues only, or from 16,000 candidates instead of 4,000 measured no "
        "better either.",
        "",
        "| domain | true frontier packages | share found from fitted profiles (30 chosen each) |",
        "|---|---:|---:|",
        *[f"| {name} | {size:,} | {share:.0%} |" for name, size, share in fronts],
        "",
        f"Time on the largest domain ({timing.packages:,} packages), 30 answers, median of 5, "
        f"CPU time of this process (wall clock in brackets; the machine's load average was "
        f"{timing.load:.1f} on {os.cpu_count()} cores): fit (LP, contradictions, 400 posterior "
        f"samples) {timing.fit_cpu * 1000:.0f} ms ({timing.fit_wall * 1000:.0f} ms); choosing the "
        f"next question from 4,000 candidate pairs {timing.next_cpu * 1000:.0f} ms "
        f"({timing.next_wall * 1000:.0f} ms); `next` in all "
        f"{(timing.fit_cpu + timing.next_cpu) * 1000:.0f} ms "
        f"({(timing.fit_wall + timing.next_wall) * 1000:.0f} ms); target < 500 ms.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--per-domain", type=int, default=3)
    parser.add_argument("--half", choices=("develop", "confirm"), help="only these domains")
    parser.add_argument("--dry", action="store_true", help="print, do not write RESULTS.md")
    args = parser.parse_args()
    only = None
    if args.half:
        names = {f.name for f in DATA.iterdir()}
        only = frozenset(DEVELOP if args.half == "develop" else names - DEVELOP)
    all_cases = cases(args.per_domain, only)
    timing = measure_time(all_cases)
    taus = measure_tau(all_cases, args.seeds)
    fronts = measure_frontier(all_cases)
    section = report(taus, fronts, timing, len(all_cases), args.seeds)
    print(section)
    if not args.dry:
        write(section)
        print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
