"""Property tests of a numeric part's status (the rule in accords.model.numeric's docstring).

Random move sequences on one numeric part are played through ``decide`` and ``fold``;
the derived status is checked against brute force over every value of the range,
and, where every stance names a value, against a labelled twin part whose options
are those values.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from accords.errors import RefusedMove
from accords.model import State, decide, fold
from accords.model import commands as c
from accords.model.framework import level_rank
from accords.model.numeric import NumericRange
from accords.model.records import PartState

from .strategies import D0, LEVELS

PARTIES = ("a", "b", "c")
RULES: list[dict[str, Any]] = [
    {"kind": "unanimity"},
    {"kind": "sufficient-consensus", "threshold": 0.5},
    {"kind": "sufficient-consensus", "weights": {"a": 2.0}, "threshold": 0.6},
]


@st.composite
def ranges(draw: st.DrawFn) -> NumericRange:
    if draw(st.booleans()):
        return NumericRange.make("integer", 0, draw(st.integers(1, 6)), 1, "days")
    step = draw(st.sampled_from(["0.5", "0.25", "0.1"]))
    return NumericRange.make("decimal", "1", str(1 + 6 * Decimal(step)), step, "km")


@st.composite
def moves(draw: st.DrawFn, rng: NumericRange, exact: bool) -> list[tuple[str, ...]]:
    """(move, party, value, bound, level) tuples; ``exact``: no bounds."""
    values = rng.grid()
    out = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["propose", "accept", "accept", "reject", "withdraw"]))
        bound = "" if exact else draw(st.sampled_from(["", "", "at-most", "at-least"]))
        out.append(
            (
                kind,
                draw(st.sampled_from(PARTIES)),
                draw(st.sampled_from(values)),
                bound,
                draw(st.sampled_from(LEVELS)),
            )
        )
    return out


def play(rng: NumericRange | None, rule: dict[str, Any], script: list[tuple[str, ...]]) -> State:
    """Replay ``script`` on part ``w``: numeric over ``rng``, or labelled by its values."""
    s = State()
    options: tuple[tuple[str, str], ...] = ()
    setup: list[c.Command] = [c.CreateNegotiation(on=D0, id="n", title="T")]
    setup += [c.AddParty(on=D0, id=p, name=p.upper()) for p in PARTIES]
    if rng is None:
        values = sorted({m[2] for m in script}, key=Fraction) or ["0"]
        options = tuple((v.replace(".", "_"), "") for v in values)
    setup.append(
        c.AddPart(
            on=D0,
            id="w",
            title="W",
            signatories=PARTIES,
            rule=rule,
            options=options,
            numeric=None if rng is None else rng.to_dict(),
        )
    )
    for cmd in setup:
        s = fold(decide(s, cmd), s)
    day = D0
    for kind, party, value, bound, level in script:
        day += timedelta(days=1)
        option = value if rng is not None else value.replace(".", "_")
        cmd: c.Command
        if kind == "propose":
            cmd = c.Propose(on=day, part="w", option=option, party=party)
        elif kind == "accept":
            cmd = c.Accept(
                on=day,
                part="w",
                option=option,
                party=party,
                bound=bound or None,
                level=level,  # type: ignore[arg-type]
            )
        elif kind == "reject":
            cmd = c.Reject(on=day, part="w", option=option, party=party)
        else:
            cmd = c.Withdraw(on=day, part="w", party=party)
        try:
            s = fold(decide(s, cmd), s)
        except RefusedMove:
            continue
    return s


def admitted(rng: NumericRange, ps: PartState, party: str) -> set[Fraction]:
    """Every value of the range a signatory's position admits, by enumeration."""
    s = ps.stances.get(party)
    if s is None or s.option is None or s.kind not in ("supports", "accepts", "reserves"):
        return set()
    v = Fraction(s.option)
    grid = {Fraction(x) for x in rng.grid()}
    if s.bound == "at-most":
        return {x for x in grid if x <= v}
    if s.bound == "at-least":
        return {x for x in grid if x >= v}
    return {v}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_agreed_value_is_tabled_and_admitted_by_a_backing_that_satisfies_the_rule(
    data: st.DataObject,
) -> None:
    rng = data.draw(ranges())
    rule = data.draw(st.sampled_from(RULES))
    s = play(rng, rule, data.draw(moves(rng, exact=False)))
    ps = s.parts["w"]
    st_ = s.part_status("w")
    if st_.level is not None:
        assert st_.option in ps.tabled or any(
            x.option == st_.option and x.bound is None for x in ps.stances.values()
        )
        assert ps.part.rule.satisfied(st_.backers, ps.part.signatories)
        for p in st_.backers:
            stance = ps.stances[p]
            assert stance.kind == "accepts" and stance.level is not None
            assert level_rank(stance.level) >= level_rank(st_.level)
            assert Fraction(st_.option or "nan") in admitted(rng, ps, p)
        # no tabled value reaches a higher level
        for value in ps.tabled:
            for level in LEVELS[level_rank(st_.level) + 1 :]:
                backers = [
                    p
                    for p in PARTIES
                    if (x := ps.stances.get(p)) is not None
                    and x.kind == "accepts"
                    and level_rank(x.level or "principle") >= level_rank(level)
                    and Fraction(value) in admitted(rng, ps, p)
                ]
                assert not ps.part.rule.satisfied(backers, ps.part.signatories)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_bracketed_means_no_value_is_admitted_by_every_position(data: st.DataObject) -> None:
    rng = data.draw(ranges())
    s = play(rng, {"kind": "unanimity"}, data.draw(moves(rng, exact=False)))
    ps = s.parts["w"]
    holding = [p for p in PARTIES if admitted(rng, ps, p)]
    common = set.intersection(*(admitted(rng, ps, p) for p in holding)) if holding else set()
    status = s.part_status("w").status
    if status == "bracketed":
        assert len(holding) >= 2 and not common
    elif status in ("proposed", "open"):
        assert len(holding) < 2 or common
        assert (status == "open") == (not holding and not any(ps.tabled.values()))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_with_values_only_a_numeric_part_is_its_labelled_twin(data: st.DataObject) -> None:
    rng = data.draw(ranges())
    rule = data.draw(st.sampled_from(RULES))
    script = data.draw(moves(rng, exact=True))
    numeric = play(rng, rule, script).part_status("w")
    labelled = play(None, rule, script).part_status("w")
    assert numeric.status == labelled.status
    assert numeric.level == labelled.level
    assert numeric.backers == labelled.backers
    if labelled.option is not None and numeric.status != "proposed":
        assert numeric.option is not None
        assert numeric.option.replace(".", "_") == labelled.option
