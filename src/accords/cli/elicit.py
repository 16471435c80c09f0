"""``accords elicit fit`` and ``accords elicit next``: preferences from answers, for researchers.

Both read a GENIUS XML or GeniusWeb JSON domain (``--genius DOMAIN``) and an
answers file (``--answers ANSWERS.json``: comparisons and/or ratings, see
:mod:`accords.elicit`). ``fit`` prints the fitted profile, whether the answers
are consistent, the minimal sets of answers that contradict each other and
the ratings that disagree with the rest; ``next`` prints the comparison to ask
next. Answers are numbered comparisons first, then ratings. With ``--as PARTY``
instead of ``--genius`` both work on the negotiation in ``--db``
(:mod:`accords.cli.elicit_native`), and ``ask`` records a party's answers
(:mod:`accords.cli.elicit_ask`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accords.cli._app import app, console, fail, print_json

if TYPE_CHECKING:
    from accords.elicit import Answers, Fit, Space

__all__ = ["elicit_app"]

elicit_app = typer.Typer(
    name="elicit",
    help="Preferences from answers: fit a profile to comparisons and ratings, "
    "and choose the next question.",
    no_args_is_help=True,
)
app.add_typer(elicit_app, name="elicit")

_Genius = Annotated[
    Path | None,
    typer.Option("--genius", help="A GENIUS .xml or GeniusWeb .json domain file."),
]
_AnswersOpt = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="ANSWERS.json: {comparisons: [...], ratings: [...]} (with --as: default, the "
        "party's recorded answers).",
    ),
]
_As = Annotated[
    str | None,
    typer.Option("--as", help="A party of the negotiation in --db (instead of --genius)."),
]
# The record's options, as ``accords.cli._common`` spells them (not imported: ``accords
# elicit`` loads only this module until a command on the record runs).
DEFAULT_DB = "accords.db"
Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="ACCORDS_DB",
        help="SQLite file or postgresql:// URL (default ./accords.db).",
        show_default=False,
    ),
]
NegotiationOpt = Annotated[
    str | None,
    typer.Option("--negotiation", "-n", help="Which negotiation (default: the only one)."),
]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
_Samples = Annotated[
    int, typer.Option("--samples", min=20, max=20_000, help="Consistent profiles to sample.")
]
_Seed = Annotated[int, typer.Option("--seed", help="Random seed (results are reproducible).")]


def _load(genius: Path | None, answers_path: Path | None) -> tuple[Space, Answers]:
    from accords.elicit import read_answers, space_from_genius
    from accords.scenario.genius import read_domain, read_geniusweb_domain

    if genius is None:
        fail("give --genius DOMAIN (a GENIUS .xml or GeniusWeb .json domain file)")
    if not genius.is_file():
        fail(f"{genius}: no such domain file")
    if answers_path is None:
        fail("give --answers ANSWERS.json (the comparisons and ratings to fit)")
    domain = read_geniusweb_domain(genius) if genius.suffix == ".json" else read_domain(genius)
    space = space_from_genius(domain)
    answers = read_answers(answers_path)
    answers.check(space)
    return space, answers


def _fit(genius: Path | None, answers_path: Path | None, samples: int, seed: int) -> Fit:
    from accords.elicit import fit as run_fit

    space, answers = _load(genius, answers_path)
    return run_fit(space, answers, samples=samples, seed=seed)


@elicit_app.command("fit")
def fit(
    answers: _AnswersOpt = None,
    genius: _Genius = None,
    as_json: _Json = False,
    samples: _Samples = 400,
    seed: _Seed = 0,
    party: _As = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Fit a profile (weights summing to 1, values in [0, 1]) to the answers."""
    from accords.errors import AccordsError

    extra: dict[str, object] = {}
    try:
        if party is not None:
            from accords.cli.elicit_native import native_fit

            result, extra["method"] = native_fit(db, negotiation, party, answers, samples, seed)
        else:
            result = _fit(genius, answers, samples, seed)
    except AccordsError as exc:
        fail(str(exc))
    if as_json:
        print_json({**result.to_json(), **extra})
        return
    _show_fit(result)


def _show_fit(result: Fit) -> None:
    from rich.table import Table

    table = Table(title="Fitted profile (mean of the consistent profiles)")
    table.add_column("issue")
    table.add_column("weight", justify="right")
    table.add_column("values")
    for name, weight in result.profile.weights.items():
        values = ", ".join(f"{v} {s:.2f}" for v, s in result.profile.values[name].items())
        table.add_row(name, f"{weight:.3f}", values)
    console.print(table)
    labels = result.provenance.answers
    console.print(f"{len(labels)} answers used; {result.samples.shape[0]} consistent profiles.")
    for conflict in result.contradictions:
        console.print(f"[red]contradiction:[/] answers {', '.join(map(str, conflict))}")
    for k in result.disagreeing:
        console.print(f"[yellow]disagrees with the rest:[/] answer {k}")


@elicit_app.command("next")
def next_question(
    answers: _AnswersOpt = None,
    genius: _Genius = None,
    as_json: _Json = False,
    samples: _Samples = 400,
    seed: _Seed = 0,
    party: _As = None,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """The comparison to ask next: the one that best splits the consistent profiles."""
    from accords.elicit import next_query
    from accords.errors import AccordsError

    try:
        if party is not None:
            from accords.cli.elicit_native import native_next

            query = native_next(db, negotiation, party, answers, samples, seed)
        else:
            query = next_query(_fit(genius, answers, samples, seed), seed=seed)
    except AccordsError as exc:
        fail(str(exc))
    if as_json:
        print_json({"query": {"a": dict(query.a), "b": dict(query.b)}})
        return
    console.print("Which would you rather have?")
    for label, package in (("a", query.a), ("b", query.b)):
        console.print(f"  {label}: " + ", ".join(f"{k}={v}" for k, v in package.items()))
    console.print(f"({query.split:.0%} of the consistent profiles prefer a)")


@elicit_app.command("ask")
def ask(
    party: Annotated[str, typer.Option("--as", help="The party whose preferences these are.")],
    answers: Annotated[
        Path | None, typer.Option("--answers", help="Record this answers file instead of asking.")
    ] = None,
    split: Annotated[bool, typer.Option("--split/--no-split", help="Ask the point split.")] = True,
    cards: Annotated[
        int, typer.Option("--cards", min=0, max=20, help="Package cards to rate.")
    ] = 3,
    questions: Annotated[
        int, typer.Option("--questions", min=0, max=100, help="Comparisons to ask at most.")
    ] = 8,
    as_json: _Json = False,
    db: Db = DEFAULT_DB,
    negotiation: NegotiationOpt = None,
) -> None:
    """Give a party's preferences by answering questions; each step is recorded and refitted."""
    from accords.cli.elicit_ask import run_ask

    run_ask(party, answers, split, cards, questions, as_json, db, negotiation)
