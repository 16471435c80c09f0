"""Benchmark the analysis engine against NegMAS 0.16, in one run, and write RESULTS.md.

    python benchmarks/analysis.py            # everything but 10^7 outcomes against NegMAS
    python benchmarks/analysis.py --with-10m # also 10^7 (NegMAS needs minutes there)
    python benchmarks/analysis.py --no-negmas

NegMAS runs in its own virtualenv (``benchmarks/.venv-negmas``, created here with
``pip install 'negmas==0.16.*'``), as a separate process (``negmas_peer.py``):
it is never a dependency of accords. Both sides read the same GENIUS files,
written here from seeded random additive preferences, and their frontiers are
compared point by point. accords' own runs also go through subprocesses so that
each peak memory is its own (``getrusage`` maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv-negmas"
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- analysis:start -->", "<!-- analysis:end -->"
DATA = ROOT / ".." / "shared" / "data" / "genius"


# -- scenarios ---------------------------------------------------------------------


def write_additive(
    folder: Path, parties: int, parts: int, options: int, seed: int, shared: float = 0.0
) -> tuple[Path, list[Path]]:
    """GENIUS files for random additive preferences (evaluations in [0, 1], weights sum to 1).

    ``shared`` mixes a common component into every party's evaluations (0: independent).
    """
    import numpy as np

    from accords.scenario.genius import Domain, Issue, Profile, write_domain, write_profile

    rng = np.random.default_rng(seed)
    domain = Domain(
        f"bench{parts}x{options}",
        tuple(Issue(f"i{j}", tuple(f"v{o}" for o in range(options))) for j in range(parts)),
    )
    folder.mkdir(parents=True, exist_ok=True)
    write_domain(domain, folder / "domain.xml")
    common = rng.random((parts, options))
    paths = []
    for k in range(parties):
        w = rng.random(parts) + 0.1
        w = np.round(w / w.sum(), 6)
        profile = Profile(
            f"party{k + 1}",
            {i.name: float(x) for i, x in zip(domain.issues, w, strict=True)},
            {
                i.name: {
                    v: float(round(shared * common[j, o] + (1 - shared) * rng.random(), 4))
                    for o, v in enumerate(i.values)
                }
                for j, i in enumerate(domain.issues)
            },
        )
        path = folder / f"party{k + 1}.xml"
        write_profile(profile, domain, path)
        paths.append(path)
    return folder / "domain.xml", paths


def spec(parts: int, options: int) -> str:
    return f"{options}^{parts}" if options > 1 else "1"


# -- running both sides --------------------------------------------------------------


def ensure_negmas() -> Path | None:
    """The NegMAS virtualenv's Python, created on first use; None when it cannot be had."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print("creating benchmarks/.venv-negmas with negmas 0.16 ...", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            for requirement in ("negmas==0.16.*", "negmas>=0.16,<0.17"):
                done = subprocess.run(
                    [str(python), "-m", "pip", "install", "-q", requirement], check=False
                )
                if done.returncode == 0:
                    break
            else:
                return None
        except (OSError, subprocess.CalledProcessError):
            return None
    probe = subprocess.run(
        [str(python), "-c", "import negmas; print(negmas.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return python if probe.returncode == 0 else None


@dataclass
class Run:
    ok: bool
    wall_s: float
    data: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def run_json(cmd: list[str], timeout: float) -> Run:
    t = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(False, time.perf_counter() - t, error=f"timeout after {timeout:.0f} s")
    wall = time.perf_counter() - t
    if done.returncode != 0:
        return Run(False, wall, error=(done.stderr.strip().splitlines() or ["failed"])[-1])
    lines = done.stdout.strip().splitlines()
    return Run(True, wall, json.loads(lines[-1]) if lines else {})


def accords_side(mode: str, domain: Path, profiles: list[Path], timeout: float) -> Run:
    """This script in a child process: one measurement with its own peak memory."""
    cmd = [sys.executable, str(Path(__file__)), f"--child={mode}", str(domain)]
    return run_json(cmd + [str(p) for p in profiles], timeout)


def child(mode: str, domain: str, profiles: list[str]) -> None:
    """Measure accords in this (fresh) process and print one JSON line."""
    from accords.analysis import load_genius, nash, pareto_frontier, zopa_size

    t = time.perf_counter()
    problem = load_genius(domain, profiles)
    load_s = time.perf_counter() - t
    compute_s, f = _best_of(lambda: pareto_frontier(problem))
    out: dict[str, Any] = {
        "load_s": load_s,
        "compute_s": compute_s,
        "points": len(f),
        "packages": f.size,
        "outcomes": f.feasible_count,
    }
    if mode == "points":
        out["utilities"] = f.utilities.tolist()
    if mode == "solutions":
        s = nash(f)
        out["utilities"] = f.utilities.tolist()
        out["nash"] = None if s is None else s.utilities.tolist()
        out["reservations"] = problem.reservations.tolist()
        out["zopa"] = zopa_size(problem)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(out) + "\n")


def _best_of(run: Any, budget_s: float = 2.0, times: int = 5) -> tuple[float, Any]:
    """Fastest of a few runs (only the first when one run is slow): warm-up excluded."""
    best, result, spent = float("inf"), None, 0.0
    for _ in range(times):
        t = time.perf_counter()
        result = run()
        took = time.perf_counter() - t
        best, spent = min(best, took), spent + took
        if spent > budget_s:
            break
    return best, result


def same_points(a: list[list[float]], b: list[list[float]], tol: float = 1e-9) -> tuple[int, int]:
    """(points of a with no point of b within tol, and the other way round)."""
    import numpy as np

    def unmatched(x: np.ndarray, y: np.ndarray) -> int:
        if len(y) == 0:
            return len(x)
        missing = 0
        for s in range(0, len(x), 256):
            d = np.abs(x[s : s + 256, None, :] - y[None, :, :]).max(axis=2)
            missing += int((d.min(axis=1) > tol).sum())
        return missing

    xa = np.array(a, dtype=float).reshape(len(a), -1)
    xb = np.array(b, dtype=float).reshape(len(b), -1)
    return unmatched(xa, xb), unmatched(xb, xa)


# -- the benchmark sections ------------------------------------------------------------


def fmt_s(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def fmt_n(n: int) -> str:
    return f"10^{len(str(n)) - 1}" if str(n).strip("0") == "1" else f"{n:,}"


def vs_negmas(
    work: Path, negmas: Path | None, with_10m: bool, timeout: float
) -> tuple[list[str], list[str]]:
    """Frontier vs NegMAS pareto_frontier; whole processes for >= 10^6 outcomes."""
    rows = [
        "| parties | outcomes | accords frontier | NegMAS `pareto_frontier` | ratio | accords "
        "peak | NegMAS peak | same frontier |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    whole = [
        "| parties | outcomes | `accords analyze --genius ... --json` | NegMAS script (load + "
        "frontier) | ratio |",
        "|---:|---:|---:|---:|---:|",
    ]
    for parties in (2, 3):
        # 10^7 against NegMAS takes it minutes (and GBs) per run: 2 parties only, on request
        for e in [3, 4, 5, 6] + ([7] if with_10m and parties == 2 else []):
            domain, profiles = write_additive(work / f"nm{parties}_{e}", parties, e, 10, seed=e)
            ours = accords_side("points", domain, profiles, timeout)
            peer = (
                run_json(
                    [str(negmas), str(HERE / "negmas_peer.py"), "frontier", str(domain)]
                    + [str(p) for p in profiles],
                    timeout * 4,
                )
                if negmas
                else Run(False, 0.0, error="NegMAS not available")
            )
            if not ours.ok:
                rows.append(f"| {parties} | 10^{e} | {ours.error} | | | | | |")
                continue
            a_t = ours.data["compute_s"]
            if peer.ok:
                n_t = peer.data["compute_s"]
                only_a, only_n = same_points(ours.data["utilities"], peer.data["points"])
                same = "yes" if only_a == only_n == 0 else f"no ({only_a} / {only_n} differ)"
                rows.append(
                    f"| {parties} | 10^{e} | {fmt_s(a_t)} | {fmt_s(n_t)} | {n_t / a_t:,.0f}x | "
                    f"{ours.data['peak_rss_mb']:.0f} MB | {peer.data['peak_rss_mb']:.0f} MB | "
                    f"{same} |"
                )
            else:
                rows.append(
                    f"| {parties} | 10^{e} | {fmt_s(a_t)} | {peer.error} | | "
                    f"{ours.data['peak_rss_mb']:.0f} MB | | |"
                )
            print(rows[-1], flush=True)
            if e >= 6 and peer.ok:
                cli = [str(Path(sys.executable).parent / "accords"), "analyze", "--genius"]
                t = time.perf_counter()
                done = subprocess.run(
                    cli + [str(domain)] + [str(p) for p in profiles] + ["--json"],
                    capture_output=True,
                    timeout=timeout,
                    check=False,
                )
                cli_s = time.perf_counter() - t
                status = "" if done.returncode == 0 else " (failed)"
                whole.append(
                    f"| {parties} | 10^{e} | {fmt_s(cli_s)}{status} | {fmt_s(peer.wall_s)} | "
                    f"{peer.wall_s / cli_s:,.0f}x |"
                )
                print(whole[-1], flush=True)
    return rows, whole


def vs_mobanos(work: Path, negmas: Path | None, timeout: float) -> list[str]:
    rows = [
        "| outcomes | accords frontier | MOBANOS | ratio | same frontier |",
        "|---:|---:|---:|---:|---|",
    ]
    if negmas is None:
        return [*rows, "| | | NegMAS not available | | |"]
    for parts in (3, 6, 9, 12, 20):
        domain, profiles = write_additive(work / f"mb{parts}", 2, parts, 10, seed=100 + parts)
        ours = accords_side("points", domain, profiles, timeout)
        peer = run_json(
            [str(negmas), str(HERE / "negmas_peer.py"), "mobanos", str(domain)]
            + [str(p) for p in profiles],
            timeout,
        )
        if not (ours.ok and peer.ok):
            rows.append(f"| 10^{parts} | {ours.error or 'ok'} | {peer.error or 'ok'} | | |")
            continue
        a_t, m_t = ours.data["compute_s"], peer.data["compute_s"]
        only_a, only_m = same_points(ours.data["utilities"], peer.data["points"])
        same = "yes" if only_a == only_m == 0 else f"no ({only_a} / {only_m} differ)"
        rows.append(f"| 10^{parts} | {fmt_s(a_t)} | {fmt_s(m_t)} | {m_t / a_t:,.1f}x | {same} |")
        print(rows[-1], flush=True)
    return rows


def huge(work: Path, timeout: float) -> list[str]:
    rows = [
        "| parties | preferences | outcomes | frontier (distinct points) | time (load + frontier) "
        "| peak |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    plan = [
        (2, 0.0, (8, 12, 16, 20)),
        (3, 0.0, (8, 12, 16, 20)),
        (5, 0.0, (6, 7, 8, 9)),
        (5, 0.8, (8, 12, 16, 20)),
    ]
    for parties, shared, sizes in plan:
        label = "independent" if shared == 0 else f"{shared:.0%} shared"
        for parts in sizes:
            domain, profiles = write_additive(
                work / f"h{parties}_{parts}_{shared}",
                parties,
                parts,
                10,
                seed=7 * parts + parties,
                shared=shared,
            )
            ours = accords_side("count", domain, profiles, timeout)
            if not ours.ok:
                rows.append(f"| {parties} | {label} | 10^{parts} | {ours.error} | | |")
                print(rows[-1], flush=True)
                break  # larger spaces with as many parties would not finish either
            d = ours.data
            rows.append(
                f"| {parties} | {label} | 10^{parts} | {d['points']:,} | "
                f"{fmt_s(d['load_s'] + d['compute_s'])} | {d['peak_rss_mb']:.0f} MB |"
            )
            print(rows[-1], flush=True)
    return rows


def structured(timeout: float) -> list[str]:
    """Interactions, linkages and red lines: accords alone, checked by enumeration."""
    import numpy as np

    from accords.analysis import (
        Interaction,
        Linkage,
        OptionRef,
        OutcomeSpace,
        Part,
        Preferences,
        Problem,
        pareto_frontier,
        pareto_mask,
    )

    rows = [
        "| parties | outcomes | structure | groups after folding | frontier points | time | "
        "checked by enumeration |",
        "|---:|---:|---|---:|---:|---:|---|",
    ]
    for parties, parts, n_inter, n_link, check in (
        (3, 6, 4, 2, True),
        (3, 12, 6, 4, False),
        (5, 5, 4, 2, True),
        (2, 20, 8, 6, False),
    ):
        rng = np.random.default_rng(parts * 10 + parties)
        space_parts = tuple(Part(f"p{j}", tuple(f"o{o}" for o in range(10))) for j in range(parts))
        pairs = [(2 * i, 2 * i + 1) for i in range(parts // 2)]
        links = tuple(
            Linkage(
                "requires" if i % 2 else "excludes",
                OptionRef(pairs[i % len(pairs)][0], int(rng.integers(10))),
                OptionRef(pairs[i % len(pairs)][1], int(rng.integers(10))),
            )
            for i in range(n_link)
        )
        space = OutcomeSpace(space_parts, links)
        prefs = {}
        for k in range(parties):
            inter = tuple(
                Interaction(
                    OptionRef(pairs[i % len(pairs)][0], int(rng.integers(10))),
                    OptionRef(pairs[i % len(pairs)][1], int(rng.integers(10))),
                    float(rng.normal(0, 0.05)),
                )
                for i in range(n_inter)
            )
            red = ((OptionRef(0, int(rng.integers(10))),),) if k == 0 else ()
            w = rng.random(parts) + 0.1
            prefs[f"q{k}"] = Preferences(
                tuple(w / w.sum()),
                tuple(tuple(rng.random(10)) for _ in range(parts)),
                inter,
                red,
            )
        problem = Problem(space, prefs)
        from accords.analysis._groups import fold

        groups = len(fold(problem))
        t = time.perf_counter()
        f = pareto_frontier(problem)
        took = time.perf_counter() - t
        verdict = "—"
        if check:
            x = np.array(np.unravel_index(np.arange(10**parts), (10,) * parts)).T
            x = x[problem.feasible(x)]
            u = problem.utility_ints(x)
            expected = {tuple(r) for r in x[pareto_mask(u)]}
            got = {tuple(int(v) for v in r) for r in f.outcomes()[0]}
            verdict = "exact" if got == expected else "DIFFERS"
        what = f"{n_inter} interactions/party, {n_link} linkages, 1 red line"
        rows.append(
            f"| {parties} | 10^{parts} | {what} | {groups} | {len(f):,} | {fmt_s(took)} | "
            f"{verdict} |"
        )
        print(rows[-1], flush=True)
    return rows


def _scaled_copy(folder: Path, domain: Path, profiles: list[Path], work: Path) -> list[Path]:
    """The same profiles with GENIUS's per-issue scaling written out (evaluations <= 1)."""
    from dataclasses import replace

    from accords.scenario.genius import read_domain, read_profile, write_domain, write_profile

    d = read_domain(domain)
    out = work / f"scaled-{folder.name}"
    out.mkdir(parents=True, exist_ok=True)
    write_domain(d, out / domain.name)
    paths = [out / domain.name]
    for p in profiles:
        prof = read_profile(p, d)
        scaled = {
            i.name: {v: prof.evaluation(i, v) for v in i.values}
            for i in d.issues
            if i.name in prof.discrete
        }
        write_profile(replace(prof, discrete=scaled), d, out / p.name)
        paths.append(out / p.name)
    return paths


def _compare(negmas: Path | None, domain: Path, profiles: list[Path], timeout: float) -> tuple:
    ours = accords_side("solutions", domain, profiles, timeout)
    peer = (
        run_json(
            [str(negmas), str(HERE / "negmas_peer.py"), "solutions", str(domain)]
            + [str(p) for p in profiles],
            timeout,
        )
        if negmas
        else Run(False, 0.0, error="NegMAS not available")
    )
    return ours, peer


def anac(work: Path, negmas: Path | None, timeout: float) -> list[str]:
    rows = [
        "| scenario | parties | outcomes | files | accords frontier (points / packages) | "
        "NegMAS frontier points | same frontier | Nash agrees | why they differ |",
        "|---|---:|---:|---|---:|---:|---|---|---|",
    ]
    if not DATA.is_dir():
        return [*rows, f"| (no data at {DATA}) | | | | | | | | |"]
    for folder in sorted(DATA.iterdir()):
        files = sorted(folder.glob("*.xml"))
        domains = [f for f in files if "evaluation=" not in f.read_text(encoding="utf-8")]
        profiles = [f for f in files if f not in domains]
        scaled = _scaled_copy(folder, domains[0], profiles, work)
        for label, dom, profs in (
            ("as distributed", domains[0], profiles),
            ("GENIUS-scaled", scaled[0], scaled[1:]),
        ):
            ours, peer = _compare(negmas, dom, profs, timeout)
            if not (ours.ok and peer.ok):
                rows.append(f"| {folder.name} | | | {label} | {ours.error} | {peer.error} | | | |")
                continue
            d, n = ours.data, peer.data
            only_a, only_n = same_points(d["utilities"], n["points"])
            nash_same = (
                d["nash"] is not None
                and bool(n["nash"])
                and same_points([d["nash"]], n["nash"][:1]) == (0, 0)
            )
            same = only_a == only_n == 0
            why = (
                ""
                if same and nash_same
                else _why(d, n, raw=label == "as distributed", nash_same=nash_same)
            )
            rows.append(
                f"| {folder.name} | {len(profs)} | {d['outcomes']:,} | {label} | {d['points']} / "
                f"{d['packages']} | {len(n['points'])} | "
                f"{'yes' if same else f'no ({only_a} / {only_n})'} | "
                f"{'yes' if nash_same else 'no'} | {why} |"
            )
            print(rows[-1], flush=True)
    return rows


def _why(ours: dict[str, Any], peer: dict[str, Any], *, raw: bool, nash_same: bool) -> str:
    """Name the cause of a difference from what the files and the outputs show."""
    import numpy as np

    causes = []
    if raw:
        causes.append(
            "NegMAS 0.16 reads raw evaluations; GENIUS and accords divide each discrete "
            "issue's evaluations by its highest when that exceeds 1"
        )
    res = np.array(ours["reservations"])
    util = np.array(ours["utilities"])
    below = int(np.any(util < res, axis=1).sum()) if len(util) else 0
    if below:
        causes.append(
            f"NegMAS drops frontier points below a reservation value ({below} of ours are "
            "below one); accords keeps and marks them"
        )
    if not nash_same and not raw:
        causes.append(
            "NegMAS's Nash point maximises the product over its rational-only frontier "
            "with its own tie-breaking"
        )
    return "; ".join(causes) or "tolerance: NegMAS merges points closer than eps=1e-12"


def write_results(sections: dict[str, list[str]], negmas_version: str) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpus = os.cpu_count()
    body = [
        START,
        "## Analysis engine (`python benchmarks/analysis.py`)",
        "",
        f"Measured {now} on {platform.machine()} {platform.system()}, {cpus} CPUs (shared with "
        f"other jobs), Python {platform.python_version()}; {negmas_version}. Random additive "
        "preferences (10 options per part, evaluations in [0, 1], weights summing to 1, seeded), "
        "written as GENIUS files that both sides load. Times are the frontier computation in "
        "a fresh process (the fastest of up to 5 runs where one run takes under 2 s, on both "
        "sides); 'peak' is that process's maximum resident memory (Python and NumPy "
        "included, about 30 MB).",
        "",
        "### Frontier vs NegMAS `pareto_frontier` (2 and 3 parties)",
        "",
        *sections["negmas"],
        "",
        "### Whole processes, 10^6 outcomes and more (start-up, imports, loading included)",
        "",
        *sections["whole"],
        "",
        "`accords analyze` also computes the bargaining solutions, the exact ZOPA count and "
        "writes the JSON report; the NegMAS script only loads the files and computes the "
        "frontier.",
        "",
        "The whole-process ratio is bounded by start-up: most of `accords analyze`'s time is "
        "Python, Typer/Rich, the analysis command module and NumPy being imported (the "
        "console entry loads only the command module a stand-alone command needs); the "
        "frontier itself takes milliseconds. NegMAS enumerates every outcome, so the ratio "
        "grows with the space: compare 10^6 with 10^7. At 10^6 outcomes the 100x target "
        "would need the whole accords process to finish in under a twentieth of a second, "
        "less than Python and NumPy take to start.",
        "",
        "### 2 parties vs NegMAS's MOBANOS sampler",
        "",
        *sections["mobanos"],
        "",
        "### Additive spaces up to 10^20 outcomes (accords only)",
        "",
        *sections["huge"],
        "",
        "With independent random preferences the frontier itself grows fast with the number "
        "of parties (5 parties: tens of thousands of distinct points at 10^8 outcomes, over "
        "10^5 at 10^10), and listing it exactly is what takes the time; where the parties' "
        "preferences share a common component, as real ones often do, 5 parties reach 10^20 "
        "outcomes.",
        "",
        "### Interactions, linkages, red lines (accords only)",
        "",
        *sections["structured"],
        "",
        "Interacting or linked parts are folded into one combined part before merging; the "
        "smaller spaces are checked package by package against full enumeration.",
        "",
        "### The ANAC scenarios in `../shared/data` vs NegMAS",
        "",
        *sections["anac"],
        "",
        "Differences from NegMAS and their causes: (1) NegMAS 0.16 loads GENIUS profiles "
        "without GENIUS's per-issue scaling of discrete evaluations, so where a profile's "
        "evaluations exceed 1 (Camera, Coffee, Grocery, EnglandZimbabwe, ...) its utilities, "
        "frontier and Nash point differ; accords follows GENIUS's `EvaluatorDiscrete`. "
        "(2) NegMAS's `pareto_frontier` silently drops outcomes below a reservation value; "
        "accords keeps them on the frontier and marks them `below_reservation`. (3) NegMAS "
        "collapses tied packages into one point and compares with a tolerance; accords lists "
        "every tied package (equal fixed-point utilities) together. On the generated "
        "scenarios (evaluations at most 1, reservation 0) the frontiers are identical point "
        "for point.",
        END,
    ]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = "\n".join(body)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def replace_table(heading: str, rows: list[str]) -> None:
    """Swap the table under ``heading`` inside this benchmark's section of RESULTS.md."""
    text = RESULTS.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    block, tail = rest.split(END, 1)
    lines = block.split("\n")
    at = lines.index(heading)
    first = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("|"))
    last = first
    while last < len(lines) and lines[last].startswith("|"):
        last += 1
    # an earlier note of a re-measurement goes too
    while last < len(lines) and (not lines[last] or lines[last].startswith("(This table")):
        last += 1
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    note = f"(This table re-measured alone on {now}, the fastest of up to 5 runs on both sides.)"
    lines[first:last] = [*rows, "", note, ""]
    RESULTS.write_text(head + START + "\n".join(lines) + END + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--with-10m", action="store_true", help="also 10^7 against NegMAS")
    parser.add_argument("--no-negmas", action="store_true", help="accords only")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument(
        "--only-mobanos",
        action="store_true",
        help="rerun only the MOBANOS comparison and replace its table in RESULTS.md",
    )
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.files[0], args.files[1:])
        return
    negmas = None if args.no_negmas else ensure_negmas()
    version = "NegMAS not run"
    if negmas is not None:
        version = (
            "NegMAS "
            + subprocess.run(
                [str(negmas), "-c", "import negmas; print(negmas.__version__)"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    if args.only_mobanos:
        with tempfile.TemporaryDirectory(prefix="accords-bench-") as tmp:
            rows = vs_mobanos(Path(tmp), negmas, args.timeout)
        replace_table("### 2 parties vs NegMAS's MOBANOS sampler", rows)
        print(f"updated the MOBANOS table in {RESULTS.relative_to(ROOT)}", flush=True)
        return
    with tempfile.TemporaryDirectory(prefix="accords-bench-") as tmp:
        work = Path(tmp)
        sections: dict[str, list[str]] = {}
        print("== frontier vs NegMAS", flush=True)
        sections["negmas"], sections["whole"] = vs_negmas(work, negmas, args.with_10m, args.timeout)
        print("== vs MOBANOS", flush=True)
        sections["mobanos"] = vs_mobanos(work, negmas, args.timeout)
        print("== huge additive spaces", flush=True)
        sections["huge"] = huge(work, args.timeout)
        print("== interactions and linkages", flush=True)
        sections["structured"] = structured(args.timeout)
        print("== ANAC scenarios", flush=True)
        sections["anac"] = anac(work, negmas, args.timeout)
    write_results(sections, version)
    print(f"wrote {RESULTS.relative_to(ROOT)}", flush=True)


if __name__ == "__main__":
    main()
