"""Small records built in memory through the same decide/fold path as everything else."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from accords.model import State, decide, fold
from accords.model import clauses as cl
from accords.model import commands as c

D0 = date(2020, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def run(commands: Iterable[c.Command], state: State | None = None) -> State:
    s = state if state is not None else State()
    for cmd in commands:
        fold(decide(s, cmd), s, in_place=True)
    return s


def base(extra_parts: bool = False) -> State:
    """Two parties and a mediator; one part 'withdrawal' with one option."""
    cmds: list[c.Command] = [
        c.CreateNegotiation(on=D0, id="t", title="Test talks"),
        c.AddParty(on=D0, id="us", name="United States"),
        c.AddParty(on=D0, id="tb", name="Taliban"),
        c.AddParty(on=D0, id="med", name="Mediator", role="mediator"),
        c.AddPart(
            on=D0,
            id="withdrawal",
            title="Troop withdrawal",
            signatories=("us", "tb"),
            options=(("timeline", "A timeline"),),
        ),
    ]
    if extra_parts:
        cmds.append(
            c.AddPart(
                on=D0,
                id="ceasefire",
                title="Ceasefire",
                signatories=("us", "tb"),
                options=(("permanent", ""),),
            )
        )
    return run(cmds)


def table(
    clause: str = "c1",
    text: str = "All forces leave within 14 months.",
    by: str = "us",
    part: str = "withdrawal",
    n: int = 1,
) -> cl.TableClause:
    return cl.TableClause(on=day(n), part=part, clause=clause, party=by, text=text)


def accept(
    party: str, level: str = "confirmed", clause: str = "c1", alt: str = "A", n: int = 2
) -> cl.AcceptClause:
    return cl.AcceptClause(
        on=day(n),
        clause=clause,
        alternative=alt,
        party=party,
        level=level,  # type: ignore[arg-type]
    )


def conclude(state: State, n: int = 10) -> State:
    """Confirm the part's option and the package by both parties."""
    return run(
        [
            c.Accept(on=day(n), part="withdrawal", option="timeline", party="us"),
            c.Accept(on=day(n), part="withdrawal", option="timeline", party="tb"),
            c.Confirm(on=day(n + 1), party="us"),
            c.Confirm(on=day(n + 1), party="tb"),
        ],
        state,
    )
