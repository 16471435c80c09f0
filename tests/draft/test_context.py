"""Events on the ground, conditions evaluated from them, the signature gate, CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accords.errors import RefusedMove
from accords.ground.acled import parse_events_csv
from accords.model import commands as c
from accords.model import context as cx
from draft.builders import accept, base, conclude, day, run, table

RIV = cx.DefineCondition(
    on=day(20),
    id="riv",
    description="Reduction in violence",
    test="quiet",
    start=day(21),
    end=day(27),
    kinds=("attack",),
    actors=("tb",),
    gates="signature",
)


def _event(n: int, kind: str = "attack", actors=("tb",), deaths=None) -> cx.RecordContextEvent:
    return cx.RecordContextEvent(on=day(n), kind=kind, actors=actors, fatalities=deaths)


def concluded(*commands: c.Command):
    return run(commands, conclude(run([table(), accept("us"), accept("tb")], base())))


def verdict(state, as_of) -> str:
    cond = cx.condition(state, "riv")
    return cx.evaluate(cond, cx.context_events(state), as_of).word


def test_quiet_condition_pending_then_holds() -> None:
    s = concluded(RIV, _event(19), _event(28), _event(23, actors=("us",)))
    assert verdict(s, day(20)) == "pending"
    assert verdict(s, day(24)) == "pending"
    assert verdict(s, day(27)) == "holds"


def test_an_attack_in_the_window_fails_it_and_blocks_signature() -> None:
    s = concluded(RIV, _event(23, deaths=4))
    assert verdict(s, day(23)) == "fails"
    with pytest.raises(RefusedMove, match=r"cannot sign.*'riv'.*fails"):
        run([c.Sign(on=day(29), party="us")], s)


def test_signature_waits_for_the_window_to_close() -> None:
    s = concluded(RIV)
    with pytest.raises(RefusedMove, match="pending"):
        run([c.Sign(on=day(25), party="us")], s)
    s = run([c.Sign(on=day(28), party="us"), c.Sign(on=day(28), party="tb")], s)
    assert s.agreement() == "signed"


def test_fatality_limit_and_occurred_test() -> None:
    s = run(
        [
            cx.DefineCondition(
                on=day(1),
                id="low",
                description="Few deaths",
                test="quiet",
                start=day(1),
                end=day(10),
                max_events=5,
                max_fatalities=10,
            ),
            cx.DefineCondition(
                on=day(1),
                id="fire",
                description="A ceasefire observed",
                test="occurred",
                start=day(1),
                end=day(10),
                kinds=("ceasefire-observed",),
            ),
            _event(2, deaths=6),
            _event(3, deaths=6, actors=("us",)),
        ],
        base(),
    )
    events = cx.context_events(s)
    assert cx.evaluate(cx.condition(s, "low"), events, day(10)).word == "fails"
    assert cx.evaluate(cx.condition(s, "fire"), events, day(5)).word == "pending"
    assert cx.evaluate(cx.condition(s, "fire"), events, day(10)).word == "fails"
    s = run([_event(4, kind="ceasefire-observed")], s)
    assert cx.evaluate(cx.condition(s, "fire"), cx.context_events(s), day(5)).word == "holds"


@given(
    st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from(("attack", "protest")),
            st.sampled_from(("tb", "us")),
            st.integers(0, 5),
        ),
        max_size=12,
    ),
    st.integers(0, 40),
)
def test_quiet_verdict_matches_counting_by_hand(rows, as_of_n) -> None:
    s = run([RIV] + [_event(n, k, (a,), d) for n, k, a, d in rows], base())
    seen = [
        r
        for r in rows
        if 21 <= r[0] <= 27 and r[0] <= as_of_n and r[1] == "attack" and r[2] == "tb"
    ]
    expected = (
        "pending" if as_of_n < 21 else "fails" if seen else "holds" if as_of_n >= 27 else "pending"
    )
    assert verdict(s, day(as_of_n)) == expected


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(RefusedMove, match="unknown kind 'raid'"):
        run([_event(1, kind="raid")], base())


CSV = (Path(__file__).parent / "data" / "acled-sample.csv").read_text(encoding="utf-8")


def test_csv_import_maps_acled_types_and_reports_unknown_ones() -> None:
    result = parse_events_csv(CSV)
    kinds = [cmd.kind for cmd in result.commands]
    assert kinds == ["battle", "explosion", "protest", "ceasefire-observed", "other"]
    first = result.commands[0]
    assert (first.id, first.on, first.place, first.fatalities) == ("AFG1", day(53), "Kunduz", 3)
    assert first.actors == ("Taliban", "Military Forces of Afghanistan")
    assert result.commands[1].on == day(54)
    assert result.unknown_types == {"Kidnapping": 1}
    assert "event type in the file: Kidnapping" in result.commands[4].notes
    s = run(result.commands, base())
    assert [e.id for e in cx.context_events(s)] == ["AFG1", "AFG2", "AFG3", "AFG4", "AFG5"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("date,type\n2020-01-01,Battles\n", "lacks the column"),
        ("event_date,event_type\nyesterday,Battles\n", "line 2: event_date 'yesterday'"),
        ("event_date,event_type,fatalities\n2020-01-01,Battles,many\n", "line 2: fatalities"),
    ],
)
def test_csv_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(RefusedMove, match=message):
        parse_events_csv(text)
