"""``accords elicit ask --as PARTY``: a delegation gives its preferences in the terminal.

The questions come in the order of a hybrid conjoint: the 100-point split over
the parts and a 0–100 rating of each option (skipped with ``--no-split``, or
kept when given before), then package cards to rate, then "which would you
rather have?" pairs chosen by the engine. Each step is recorded at once with
the refitted profile (a ``preferences-set`` move: confidential, sealed at
rest); ``--answers FILE`` records a file's answers instead of asking. An empty
answer skips a card or ends the comparisons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accords import clock
from accords.cli._app import console, fail, print_json
from accords.cli._common import handled, open_record

if TYPE_CHECKING:
    from accords.application import Record
    from accords.cli.elicit import AskOptions
    from accords.model import State

__all__ = ["run_ask"]


def _record(record: Record, nid: str, party: str, answers: dict[str, Any]) -> State:
    """Record ``answers`` for ``party`` with its refitted profile; the state after it."""
    from accords.elicitation import record_answers

    with handled():
        state = record.state(nid)
        cmd = record_answers(state, party, answers, clock.today())
        record.execute(nid, cmd, recorded_by=f"party:{party} (cli)")
        return record.state(nid)


def _number(prompt: str, default: float | None = None) -> float | None:
    """A number from 0 to 100, asked until given; empty gives ``default``."""
    from rich.prompt import Prompt

    while True:
        raw = Prompt.ask(prompt, default="" if default is None else f"{default:g}", console=console)
        if not raw.strip():
            return default
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if 0 <= value <= 100:
            return value
        console.print("[red]a number from 0 to 100[/]")


def _split(state: State) -> dict[str, Any]:
    """The point split (until it sums to 100) and each option's rating."""
    from accords.elicitation import space_of

    space = space_of(state)
    console.print("[bold]Split 100 points over the parts[/] (more points: matters more to you)")
    while True:
        split = {i.name: _number(f"  points for {i.name}", 0.0) or 0.0 for i in space.issues}
        if abs(sum(split.values()) - 100) < 1e-6:
            break
        console.print(f"[red]the points add up to {sum(split.values()):g}, not 100: again[/]")
    console.print("[bold]Rate each option from 0 (worst) to 100 (best)[/]")
    ratings = {
        i.name: {v: _number(f"  {i.name}: {v}", 0.0) or 0.0 for v in i.values} for i in space.issues
    }
    least = _number("Least satisfaction (0–100) worth agreeing to", 0.0) or 0.0
    return {"split": split, "option_ratings": ratings, "reservation": least}


def _show(package: dict[str, str], title: str) -> None:
    from rich.table import Table

    table = Table(title=title, show_header=False)
    for part, option in package.items():
        table.add_row(part, option)
    console.print(table)


def _cards(state: State, count: int) -> list[dict[str, Any]]:
    import numpy as np

    from accords.elicitation import space_of

    space = space_of(state)
    rows = space.random_packages(np.random.default_rng(count + 7), count)
    out = []
    for k, row in enumerate(rows):
        package = space.decode(row)
        _show(package, f"Package card {k + 1}")
        rating = _number("  your rating (0–100; empty: skip)")
        if rating is not None:
            out.append({"package": package, "rating": rating})
    return out


def _compare(record: Record, nid: str, party: str, count: int) -> None:
    from rich.prompt import Prompt

    from accords.elicit import fit, next_query
    from accords.elicitation import answers_of, space_of

    for k in range(count):
        state = record.state(nid)
        answers, _ = answers_of(state, party)
        with handled():
            query = next_query(fit(space_of(state), answers, samples=200, seed=k), seed=k)
        console.print(f"[bold]Which would you rather have?[/] ({k + 1} of {count})")
        _show(dict(query.a), "a")
        _show(dict(query.b), "b")
        choice = Prompt.ask(
            "a or b (empty: stop)", choices=["a", "b", ""], default="", console=console
        )
        if not choice:
            return
        better, worse = (query.a, query.b) if choice == "a" else (query.b, query.a)
        _record(
            record, nid, party, {"comparisons": [{"better": dict(better), "worse": dict(worse)}]}
        )


def run_ask(options: AskOptions) -> None:
    """``accords elicit ask`` (its options are in :mod:`accords.cli.elicit`)."""
    from accords.cli.elicit_native import read_answers_file
    from accords.elicitation import elicitation_of, refit

    party = options.party
    with open_record(options.db) as record:
        with handled():
            nid = record.resolve(options.negotiation)
            state = record.state(nid)
            elicitation_of(state, party)
        if options.answers is not None:
            state = _record(record, nid, party, read_answers_file(options.answers))
        else:
            if options.split:
                state = _record(record, nid, party, _split(state))
            rated = _cards(state, options.cards) if options.cards else []
            if rated:
                state = _record(record, nid, party, {"ratings": rated})
            _compare(record, nid, party, options.questions)
            state = record.state(nid)
        if not elicitation_of(state, party).get("method"):
            fail("nothing answered: no profile was fitted")
        with handled():
            result, method = refit(state, party)
    if options.as_json:
        print_json({**result.to_json(), "method": method})
        return
    from accords.cli.elicit import _show_fit

    console.print(f"Recorded for {party} (confidential); profile fitted by {method}.")
    _show_fit(result)
