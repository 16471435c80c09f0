"""Small builders for model tests: a framework in a few lines, moves by name."""

from __future__ import annotations

from datetime import date, timedelta

from accords.model import Event, State, decide, fold
from accords.model import commands as c

D0 = date(2019, 1, 1)


class Talks:
    """A negotiation under test: ``t.do(cmd)`` decides and folds, keeping every event."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.state = State()
        self.day = D0

    def do(self, command: c.Command) -> list[Event]:
        events = decide(self.state, command)
        self.events.extend(events)
        self.state = fold(events, self.state)
        return events

    def on(self) -> date:
        self.day += timedelta(days=1)
        return self.day


def basic(parts: int = 2, *, linkages: bool = False) -> Talks:
    """Parties a, b, c (c is a mediator); parts p0.. with options x and y; a and b sign each."""
    t = Talks()
    t.do(c.CreateNegotiation(on=D0, id="n", title="Test talks"))
    t.do(c.AddParty(on=D0, id="a", name="Alpha"))
    t.do(c.AddParty(on=D0, id="b", name="Beta"))
    t.do(c.AddParty(on=D0, id="m", name="Mediator", role="mediator"))
    for i in range(parts):
        t.do(
            c.AddPart(
                on=D0,
                id=f"p{i}",
                title=f"Part {i}",
                signatories=("a", "b"),
                options=(("x", "option x"), ("y", "option y")),
            )
        )
    if linkages:
        t.do(c.AddLinkage(on=D0, kind="requires", from_="p0:x", to="p1:x"))
    return t


def accept_all(t: Talks, part: str, option: str = "x", level: str = "confirmed") -> None:
    for party in t.state.parts[part].part.signatories:
        t.do(c.Accept(on=t.on(), part=part, option=option, party=party, level=level))  # type: ignore[arg-type]


def conclude(t: Talks, option: str = "x") -> None:
    for pid in list(t.state.parts):
        accept_all(t, pid, option)
    for party in t.state.negotiating_parties():
        t.do(c.Confirm(on=t.on(), party=party))
