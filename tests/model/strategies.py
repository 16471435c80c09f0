"""Hypothesis strategies for the model: random frameworks and random move sequences."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from accords.model import commands as c

D0 = date(2020, 1, 1)
LEVELS = ("principle", "ad-ref", "confirmed")


@st.composite
def frameworks(draw: st.DrawFn) -> list[c.Command]:
    """Commands that set up a negotiation: 2-4 parties, a mediator, 1-4 parts, maybe linkages."""
    n_parties = draw(st.integers(2, 4))
    parties = [f"p{i}" for i in range(n_parties)]
    cmds: list[c.Command] = [c.CreateNegotiation(on=D0, id="n", title="Random talks")]
    cmds += [c.AddParty(on=D0, id=p, name=p.upper()) for p in parties]
    cmds.append(c.AddParty(on=D0, id="med", name="Mediator", role="mediator"))
    n_parts = draw(st.integers(1, 4))
    for i in range(n_parts):
        sigs = draw(st.lists(st.sampled_from(parties), min_size=1, max_size=n_parties, unique=True))
        n_opts = draw(st.integers(1, 3))
        cmds.append(
            c.AddPart(
                on=D0,
                id=f"part{i}",
                title=f"Part {i}",
                signatories=tuple(sigs),
                options=tuple((f"o{j}", "") for j in range(n_opts)),
            )
        )
    if n_parts >= 2 and draw(st.booleans()):
        kind = draw(st.sampled_from(["requires", "excludes"]))
        cmds.append(c.AddLinkage(on=D0, kind=kind, from_="part0:o0", to="part1:o0"))
    return cmds


MOVE_KINDS = (
    "settle-all",
    "settle-all",
    "settle",
    "settle",
    "settle",
    "confirm-all",
    "confirm-all",
    "sign-all",
    "accept",
    "accept",
    "accept",
    "propose",
    "reject",
    "reserve",
    "withdraw",
    "reopen",
    "defer",
    "confirm",
    "confirm",
    "confirm",
    "sign",
    "initial",
)


@st.composite
def moves(draw: st.DrawFn, max_moves: int = 40) -> list[tuple[str, int, int, int, str]]:
    """Abstract moves: (kind, part index, option index, party index, level)."""
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(MOVE_KINDS),
                st.integers(0, 3),
                st.integers(0, 2),
                st.integers(0, 4),
                st.sampled_from(LEVELS),
            ),
            min_size=6,
            max_size=max_moves,
        )
    )


def concrete(
    move: tuple[str, int, int, int, str],
    step: int,
    parts: dict[str, tuple[str, ...]],
    parties: list[str],
) -> list[c.Command]:
    """One abstract move as commands on day ``step`` (any of them may well be refused).

    The macro moves ``settle`` (every signatory of a part confirms option o0),
    ``confirm-all`` and ``sign-all`` (every party in turn) make conclusions and
    signatures common enough for the properties to bite.
    """
    kind, pi, oi, who, level = move
    on = D0 + timedelta(days=step + 1)
    part = list(parts)[pi % len(parts)]
    match kind:
        case "settle":
            return [
                c.Accept(on=on, part=part, option="o0", party=p, level="confirmed")
                for p in parts[part]
            ]
        case "settle-all":
            return [
                c.Accept(on=on, part=x, option="o0", party=p, level="confirmed")
                for x, signatories in parts.items()
                for p in signatories
            ]
        case "confirm-all":
            return [c.Confirm(on=on, party=p) for p in parties]
        case "sign-all":
            return [c.Sign(on=on, party=p) for p in parties]
    return [_single(kind, on, part, ([*parties, "med"])[who % (len(parties) + 1)], f"o{oi}", level)]


def _single(kind: str, on: date, part: str, party: str, option: str, level: str) -> c.Command:
    match kind:
        case "accept":
            return c.Accept(on=on, part=part, option=option, party=party, level=level)  # type: ignore[arg-type]
        case "propose":
            return c.Propose(on=on, part=part, option=option, party=party)
        case "reject":
            return c.Reject(on=on, part=part, party=party)
        case "reserve":
            return c.Reserve(on=on, part=part, party=party, note="a reservation")
        case "withdraw":
            return c.Withdraw(on=on, part=part, party=party)
        case "reopen":
            return c.Reopen(on=on, part=part, party=party)
        case "defer":
            return c.Defer(on=on, part=part, party=party)
        case "confirm":
            return c.Confirm(on=on, party=party)
        case "sign":
            return c.Sign(on=on, party=party)
        case _:
            return c.Initial(on=on, party=party)
