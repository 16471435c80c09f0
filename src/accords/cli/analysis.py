"""``accords analyze``: the frontier, the bargaining solutions and the ZOPA of a scenario.

Preferences are confidential, so a native scenario is analysed *as* someone:
``--as mediator`` sees every party's preferences and gets the whole analysis;
``--as PARTY`` sees only its own and is refused what needs the others'. GENIUS
and GeniusWeb files (``--genius DOMAIN PROFILE...``) carry no such rule: whoever
holds the profiles sees them.

NumPy, the engine and matplotlib load inside the command, never at import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accords.cli._app import app, console, err_console, fail, print_json
from accords.cli._options import GeniusFlag, JsonFlag, ScenarioFiles

if TYPE_CHECKING:
    from accords.analysis import Analysis, Problem, ScenarioProblem
    from accords.analysis._pareto import Progress

__all__ = ["analyze"]

_PROGRESS_FROM = 10**7  # combinations from which a progress bar is worth showing


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr for long runs (only on a terminal)."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("merging parts"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("frontier", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _parse_package(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in text.split(","):
        part, sep, option = item.strip().partition("=")
        if not sep or not part or not option:
            raise typer.BadParameter(f"{item.strip()!r}: write PART=OPTION,PART=OPTION,...")
        out[part.strip()] = option.strip()
    return out


@app.command("analyze")
def analyze(
    files: ScenarioFiles,
    genius: GeniusFlag = False,
    viewer: Annotated[
        str | None,
        typer.Option("--as", help="Who is looking: mediator or a party id (native scenarios)."),
    ] = None,
    as_json: JsonFlag = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Draw the frontier to FILE (.png or .svg).")
    ] = None,
    given_accepted: Annotated[
        bool,
        typer.Option(
            "--given-accepted",
            help="Only completions of what is provisionally accepted in the record.",
        ),
    ] = False,
    proposal: Annotated[
        str | None,
        typer.Option(
            "--proposal", help="A package to assess, PART=OPTION,... (default: what is tabled)."
        ),
    ] = None,
    max_outcomes: Annotated[
        int, typer.Option("--max-outcomes", help="Most frontier packages to list.")
    ] = 100_000,
) -> None:
    """The exact Pareto frontier, Nash, Kalai–Smorodinsky, egalitarian and utilitarian
    packages, the zone of possible agreement, and how the package on the table compares."""
    from accords.errors import AccordsError

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        fail(f"cannot plot to {plot}: the file must end in .png or .svg")
    package = _parse_package(proposal) if proposal else None
    try:
        _run(files, genius, viewer, as_json, plot, given_accepted, package, max_outcomes)
    except AccordsError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; nothing was written", code=130)


def _run(
    files: list[Path],
    genius: bool,
    viewer: str | None,
    as_json: bool,
    plot: Path | None,
    given_accepted: bool,
    package: dict[str, str] | None,
    max_outcomes: int,
) -> None:
    from accords.analysis import require_mediator

    if genius:
        problem, context, who = _genius_problem(files, viewer, given_accepted)
    else:
        problem, context, who = _scenario_problem(files, viewer, given_accepted)
        if package is None and context.proposal is not None:
            package = context.proposal
    if not _is_mediator(who):
        if plot is not None:
            require_mediator(who, "a plot of the frontier")
        _party_answer(problem, who, package, context, as_json)
        return
    _mediator_answer(problem, package, context, as_json, plot, max_outcomes)


def _genius_problem(
    files: list[Path], viewer: str | None, given_accepted: bool
) -> tuple[Problem, None, str]:
    """A GENIUS/GeniusWeb domain and profiles: whoever holds the profiles sees them."""
    from accords.analysis import MEDIATOR, load_genius

    if len(files) < 2:
        fail("--genius needs a domain file and at least one profile")
    if given_accepted:
        fail("--given-accepted needs a native scenario (GENIUS files hold no record)")
    problem = load_genius(files[0], files[1:])
    who = viewer or MEDIATOR
    if not _is_mediator(who):
        fail("--as applies to native scenarios; GENIUS profiles are analysed as given")
    return problem, None, who


def _scenario_problem(
    files: list[Path], viewer: str | None, given_accepted: bool
) -> tuple[Problem, ScenarioProblem, str]:
    """A native scenario, read as the viewer sees it (preferences are confidential)."""
    if len(files) != 1:
        fail("give one scenario file (or --genius DOMAIN PROFILE...)")
    if viewer is None:
        fail("preferences are confidential: say who is looking with --as mediator or --as PARTY")
    from accords.analysis import read_scenario_problem

    context = read_scenario_problem(files[0], viewer, given_accepted=given_accepted)
    return context.problem, context, viewer


def _party_answer(
    problem: Problem,
    who: str,
    package: dict[str, str] | None,
    context: ScenarioProblem | None,
    as_json: bool,
) -> None:
    """What a party's own preferences say (it sees no one else's)."""
    from accords.analysis import explain_party, party_json, party_view

    view = party_view(problem, who, package)
    if as_json:
        print_json(party_json(view, context))
    else:
        for line in explain_party(view, context):
            console.print(line, markup=False)


def _mediator_answer(
    problem: Problem,
    package: dict[str, str] | None,
    context: ScenarioProblem | None,
    as_json: bool,
    plot: Path | None,
    max_outcomes: int,
) -> None:
    """The whole analysis: frontier, solutions, zone of possible agreement, the plot."""
    from accords.analysis import FrontierTooLarge, analysis_json
    from accords.analysis import analyze as run_analysis

    with _progress(problem.space.product_size >= _PROGRESS_FROM) as progress:
        result = run_analysis(problem, proposal=package, progress=progress)
    if plot is not None:
        from accords.analysis._plot import plot_analysis
        from accords.cli._drawing import drawing

        with drawing(plot):
            plot_analysis(result, plot, context)
    if as_json:
        try:
            print_json(analysis_json(result, context, max_outcomes=max_outcomes))
        except FrontierTooLarge as exc:
            fail(f"{exc}; raise --max-outcomes to list them all")
        return
    _print_text(result, context)
    if plot is not None:
        console.print(f"[green]plotted[/] the frontier to {plot}")


def _print_text(result: Analysis, context: ScenarioProblem | None) -> None:
    import numpy as np
    from rich.table import Table

    from accords.analysis import FrontierTooLarge, explain

    pr = result.problem
    f = result.frontier
    table = Table(title=f"Pareto frontier: {f.size} package(s), {len(f)} distinct point(s)")
    fixed = set(pr.space.describe_fixed())
    table.add_column("#", justify="right")
    for part in pr.space.part_ids:
        if part not in fixed:
            table.add_column(part)
    for party in pr.parties:
        table.add_column(party, justify="right")
    shown = np.arange(min(len(f), 20))
    try:
        rows, cls = f.outcomes(shown, limit=200)
    except FrontierTooLarge:  # huge ties: one package per point, the count in the title
        rows = np.array([f.representative(int(c)) for c in shown]).reshape(len(shown), -1)
        cls = shown
    util = f.utilities
    below = f.below_reservation
    for row, c in zip(rows, cls, strict=True):
        d = pr.space.describe(row)
        cells = [str(int(c))] + [d[p] for p in pr.space.part_ids if p not in fixed]
        cells += [
            f"{util[c, k]:.3f}" + (" [red]<res[/]" if below[c, k] else "")
            for k in range(pr.n_parties)
        ]
        table.add_row(*cells)
    console.print(table)
    if len(f) > 20:
        console.print(f"… {len(f) - 20} more distinct point(s): use --json for all of them")
    for line in explain(result, context):
        console.print(line, markup=False)


def _is_mediator(who: str) -> bool:
    """Whether ``--as`` names the mediator; the model is loaded only when asked."""
    from accords.model.viewer import is_mediator_word

    return is_mediator_word(who)
