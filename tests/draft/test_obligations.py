"""Obligations across their deadlines: on time, met, late, breached; and the flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from accords.errors import RefusedMove
from accords.model import commands as c
from accords.model import context as cx
from accords.model import obligations as ob
from draft.builders import accept, base, conclude, day, run, table


def signed_with(*commands: c.Command):
    s = conclude(run([table(), accept("us"), accept("tb")], base()))
    s = run([c.Sign(on=day(30), party="us"), c.Sign(on=day(30), party="tb")], s)
    return run(commands, s)


def troops(**kw) -> ob.AddObligation:
    args = dict(
        on=day(30),
        id="troops",
        text="Reduce to 8,600.",
        obligors=("us",),
        beneficiaries=("tb",),
        part="withdrawal",
        measure="troops",
        target=8600,
        direction="at-most",
        days_after_signature=135,
    )
    args.update(kw)
    return ob.AddObligation(**args)


def report(value: float, n: int, obligation: str = "troops") -> ob.ReportPerformance:
    return ob.ReportPerformance(on=day(n), obligation=obligation, value=value)


def status(state, as_of: date, oid: str = "troops") -> ob.ObligationStatus:
    return ob.obligation_status(state, next(o for o in ob.obligations(state) if o.id == oid), as_of)


DUE = day(30) + timedelta(days=135)


@pytest.mark.parametrize(
    ("reports", "as_of", "word"),
    [
        ([], DUE, "on time"),  # due today, not yet past
        ([], DUE + timedelta(days=1), "breached"),
        ([(13000, 31)], DUE - timedelta(days=10), "on time"),
        ([(13000, 31), (8600, 120)], DUE + timedelta(days=99), "met"),
        ([(13000, 31), (8600, 165)], DUE, "met"),  # exactly on the due day
        ([(13000, 31), (8600, 166)], DUE + timedelta(days=5), "late"),
        ([(13000, 31), (8600, 166)], DUE, "on time"),  # the late report is not known yet
        ([(9000, 100)], DUE + timedelta(days=1), "breached"),
    ],
)
def test_status_across_the_deadline(reports, as_of, word) -> None:
    s = signed_with(troops(), *[report(v, n) for v, n in reports])
    st = status(s, as_of)
    assert st.status == word
    assert st.due == DUE


def test_days_after_signature_waits_for_the_signature() -> None:
    s = run([troops(on=day(3))], base())
    st = status(s, day(400))
    assert (st.status, st.due) == ("on time", None)
    assert "not yet signed" in st.due_text


def test_at_least_measures_and_fixed_deadlines() -> None:
    s = signed_with(
        ob.AddObligation(
            on=day(30),
            id="prisoners",
            text="Release 5,000.",
            obligors=("tb",),
            measure="released",
            target=5000,
            deadline=day(40),
        ),
        report(1500, 39, "prisoners"),
        report(5000, 50, "prisoners"),
    )
    assert status(s, day(45), "prisoners").status == "breached"
    assert status(s, day(50), "prisoners").status == "late"


def test_obligation_on_a_non_signatory_is_flagged() -> None:
    s = signed_with(
        c.AddParty(on=day(30), id="kabul", name="Afghan government", role="observer"),
        ob.AddObligation(
            on=day(30),
            id="prisoners",
            text="Release 5,000.",
            obligors=("kabul",),
            beneficiaries=("tb",),
            part="withdrawal",
            measure="released",
            target=5000,
            deadline=day(40),
        ),
        troops(),
    )
    assert status(s, day(31), "prisoners").not_signatories == ("kabul",)
    assert status(s, day(31), "prisoners").flagged
    assert not status(s, day(31)).flagged


def test_condition_makes_an_obligation_due_only_once_it_holds() -> None:
    s = signed_with(
        cx.DefineCondition(
            on=day(30),
            id="calm",
            description="No attacks for a week",
            test="quiet",
            start=day(31),
            end=day(37),
            kinds=("attack",),
        ),
        troops(id="after-calm", days_after_signature=None, deadline=day(60), condition="calm"),
    )
    assert status(s, day(33), "after-calm").due is None
    assert status(s, day(61), "after-calm").status == "breached"
    s = run([cx.RecordContextEvent(on=day(35), kind="attack", actors=("tb",))], s)
    st = status(s, day(61), "after-calm")
    assert (st.status, st.due) == ("on time", None)


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (troops(obligors=("ghost",)), "unknown party 'ghost'"),
        (troops(days_after_signature=None), "needs a deadline"),
        (troops(deadline=day(90)), "not both"),
        (troops(condition="nope"), "unknown condition 'nope'"),
        (report(1, 31, "nope"), "unknown obligation 'nope'"),
    ],
)
def test_refusals(command: c.Command, message: str) -> None:
    with pytest.raises(RefusedMove, match=message):
        signed_with(command)
