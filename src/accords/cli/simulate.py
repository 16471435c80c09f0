"""``accords simulate`` and ``accords tournament``: automated negotiators on a scenario.

A simulation uses every party's preferences, so on a native scenario (where
they are confidential) only the mediator may run one: ``--as mediator``. GENIUS
and GeniusWeb files (``--genius DOMAIN PROFILE...``) carry no such rule.

NumPy, the simulator, matplotlib and Dask load inside the commands, never at import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from accords.cli._app import app, console, err_console, fail, print_json
from accords.cli._common import GeniusFlag, JsonFlag, ScenarioFiles, handled
from accords.model.viewer import Mediator, parse_viewer

if TYPE_CHECKING:
    from accords.simulate._run import RunResult, Simulation
    from accords.simulate._scenarios import ScenarioRef
    from accords.simulate._tournament import TournamentOutput

__all__ = ["simulate", "tournament"]

Negotiators = Annotated[
    str,
    typer.Option(
        "--negotiators",
        help="Strategies, comma-separated: boulware, linear, conceder, time:E (exponent E), "
        "tit-for-tat, nash, random. For simulate: one per party in party order (or one for all).",
    ),
]
Protocol = Annotated[
    str,
    typer.Option(
        "--protocol",
        help="alternating (alternating offers; stacked with 3+ parties) or single-text "
        "(a mediator drafts whole packages).",
    ),
]
Steps = Annotated[int, typer.Option("--steps", min=1, help="Deadline, in rounds.")]
Repetitions = Annotated[int, typer.Option("--repetitions", min=1, help="Runs of each setting.")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed (runs are reproducible).")]
ViewerOpt = Annotated[
    str | None,
    typer.Option("--as", help="Who is running it: only the mediator may (native scenarios)."),
]
GivenAccepted = Annotated[
    bool,
    typer.Option(
        "--given-accepted",
        help="Hold fixed the parts provisionally accepted in the record.",
    ),
]


def _check_protocol(protocol: str) -> None:
    if protocol not in ("alternating", "single-text"):
        fail(f"unknown protocol {protocol!r}; choose alternating or single-text")


def _ref_for(
    files: list[Path], genius: bool, viewer: str | None, given_accepted: bool
) -> ScenarioRef:
    from accords.simulate._scenarios import genius as genius_ref
    from accords.simulate._scenarios import native

    if genius:
        if len(files) < 3:
            fail("--genius needs a domain file and a profile per party (at least two)")
        with handled():
            who = Mediator() if viewer is None else parse_viewer(viewer)
        if not isinstance(who, Mediator):
            fail("--as applies to native scenarios; GENIUS profiles are simulated as given")
        if given_accepted:
            fail("--given-accepted needs a native scenario (GENIUS files hold no record)")
        return genius_ref(files[0], list(files[1:]))
    if len(files) != 1:
        fail("give one scenario file (or --genius DOMAIN PROFILE PROFILE...)")
    return native(files[0], viewer, given_accepted)


@app.command("simulate")
def simulate(
    files: ScenarioFiles,
    negotiators: Negotiators = "boulware",
    genius: GeniusFlag = False,
    viewer: ViewerOpt = None,
    protocol: Protocol = "alternating",
    steps: Steps = 100,
    repetitions: Repetitions = 1,
    seed: Seed = 0,
    as_json: JsonFlag = False,
    history: Annotated[
        bool, typer.Option("--history", help="Include every offer in the JSON output.")
    ] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Draw the first run's offers in utility space to FILE."),
    ] = None,
    given_accepted: GivenAccepted = False,
) -> None:
    """Negotiate a scenario with automated negotiators: who agrees on what, how fast,
    and how close to the Pareto frontier and the Nash point."""
    from accords.errors import AccordsError

    _check_protocol(protocol)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        fail(f"cannot plot to {plot}: the file must end in .png or .svg")
    try:
        from accords.simulate._negotiators import parse_negotiators
        from accords.simulate._scenarios import load

        specs = parse_negotiators(negotiators)
        sim = load(_ref_for(files, genius, viewer, given_accepted))
        if len(specs) == 1:
            specs = specs * len(sim.parties)
        if len(specs) != len(sim.parties):
            fail(
                f"{len(specs)} negotiators for {len(sim.parties)} parties "
                f"({', '.join(sim.parties)}): name one per party, or one for all"
            )
        results = [
            sim.run(specs, steps=steps, seed=seed + i, protocol=protocol)  # type: ignore[arg-type]
            for i in range(repetitions)
        ]
    except AccordsError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", code=130)
    if plot is not None:
        _plot(results[0], sim, plot)
    if as_json:
        _print_json_runs(results, sim, history)
        return
    _print_runs(results, sim)
    if plot is not None:
        console.print(f"[green]plotted[/] the offers to {plot}")


def _print_json_runs(results: list[RunResult], sim: Simulation, history: bool) -> None:
    """Each run's summary (and, asked for, every offer) as JSON."""
    runs: list[dict[str, Any]] = []
    for r in results:
        data = r.summary()
        if history:
            data["history"] = r.history_json(sim.table)
        runs.append(data)
    print_json({"scenario": sim.name, "parties": list(sim.parties), "runs": runs})


def _plot(result: RunResult, sim: Simulation, path: Path) -> None:
    from accords.cli._drawing import drawing

    with drawing(path):
        from accords.simulate._plot import plot_history

        plot_history(result, sim, path)


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _print_runs(results: list[RunResult], sim: Simulation) -> None:
    from rich.table import Table

    first = results[0]
    seats = zip(first.parties, first.negotiators, strict=True)
    title = f"{sim.name}: " + ", ".join(f"{p} ({n})" for p, n in seats)
    table = Table(title=title)
    table.add_column("seed", justify="right")
    table.add_column("agreement")
    table.add_column("rounds", justify="right")
    for p in first.parties:
        table.add_column(p, justify="right")
    table.add_column("to frontier", justify="right")
    table.add_column("to Nash", justify="right")
    for r in results:
        table.add_row(
            str(r.seed),
            "yes" if r.agreement else f"no ({r.reason})",
            str(r.rounds),
            *(f"{r.utilities[p]:.3f}" for p in r.parties),
            _num(r.pareto_distance),
            _num(r.nash_distance),
        )
    console.print(table)
    for r in results[:1]:
        if r.outcome:
            console.print(
                "package agreed in the simulation: "
                + ", ".join(f"{k}={v}" for k, v in r.outcome.items()),
                markup=False,
            )
    if len(results) > 1:
        n = sum(r.agreement for r in results)
        console.print(f"{n} of {len(results)} runs reached agreement")


@app.command("tournament")
def tournament(
    scenarios: Annotated[
        list[Path],
        typer.Argument(
            help="Scenario files (.yaml/.json) and GENIUS folders (a domain and its profiles).",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for results (resumable).")],
    negotiators: Negotiators = "boulware,linear,conceder",
    viewer: ViewerOpt = None,
    protocol: Protocol = "alternating",
    steps: Steps = 100,
    repetitions: Repetitions = 1,
    seed: Seed = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler ADDRESS (default: a local process pool, or in-process for a "
            "tournament of under half a second's work).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Processes in the local pool.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    given_accepted: GivenAccepted = False,
) -> None:
    """Every negotiator against every other on every scenario, repeated; results as CSV and
    Parquet with a summary per negotiator. Started again, it skips the runs already done."""
    from accords.errors import AccordsError

    _check_protocol(protocol)
    try:
        from accords.simulate._negotiators import parse_negotiators
        from accords.simulate._scenarios import genius_folder, native
        from accords.simulate._tournament import Tournament, open_executor, run_tournament

        refs = tuple(
            genius_folder(p) if p.is_dir() else native(p, viewer, given_accepted) for p in scenarios
        )
        spec = Tournament(refs, parse_negotiators(negotiators), repetitions, steps, protocol, seed)
        turns = spec.turns()
        with open_executor(scheduler, workers, turns) as executor, _bar(as_json) as progress:
            output = run_tournament(spec, out, executor, progress)
    except AccordsError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        fail(
            f"interrupted; finished runs are kept in {out}/runs and will be skipped next time",
            code=130,
        )
    _print_tournament(output, out, as_json)


def _print_tournament(output: TournamentOutput, out: Path, as_json: bool) -> None:
    """What was played, what was found done, the files written and the summary."""
    if as_json:
        print_json(
            {
                "played": output.played,
                "skipped": output.skipped,
                "files": [str(f) for f in output.files],
                "summary": output.summary,
            }
        )
        return
    _print_summary(output.summary)
    console.print(
        f"{output.played} run(s) played, {output.skipped} found done; "
        f"wrote {', '.join(f.name for f in output.files)} to {out}"
    )


class _bar:
    """A Rich progress bar on stderr (quiet for --json and off a terminal)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not err_console.is_terminal
        self.progress: Any = None

    def __enter__(self) -> Any:
        if self.quiet:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("runs"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        )
        self.progress.__enter__()
        task = self.progress.add_task("runs", total=None)

        def update(done: int, total: int) -> None:
            self.progress.update(task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)


def _print_summary(summary: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="Tournament summary, per negotiator")
    for col in (
        "negotiator",
        "runs",
        "agreement rate",
        "utility",
        "gain",
        "rounds",
        "to frontier",
        "to Nash",
    ):
        table.add_column(col, justify="left" if col == "negotiator" else "right")
    for row in summary:
        table.add_row(
            row["negotiator"],
            str(row["runs"]),
            f"{row['agreement_rate']:.0%}",
            _num(row["mean_utility"]),
            _num(row["mean_advantage"]),
            _num(row["mean_rounds"]),
            _num(row["mean_pareto_distance"]),
            _num(row["mean_nash_distance"]),
        )
    console.print(table)
