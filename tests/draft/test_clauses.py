"""The clause lifecycle: every status is reached through moves, and refusals say why."""

from __future__ import annotations

import pytest

from accords.errors import RefusedMove, UnknownReference
from accords.model import clauses as cl
from accords.model import commands as c
from draft.builders import accept, base, conclude, day, run, table


def status(state, clause: str = "c1") -> str:
    return cl.clause_status(state, cl.find_clause(state, clause)).status


def test_heading_is_open_and_tabled_text_is_proposed() -> None:
    s = run(
        [cl.TableClause(on=day(1), part="withdrawal", clause="c1", party="med", title="Bases")],
        base(),
    )
    assert status(s) == "open"
    s = run([table(clause="c2")], s)
    assert status(s, "c2") == "proposed"


def test_alternatives_bracket_and_levels_rise() -> None:
    s = run([table()], base())
    s = run(
        [
            cl.BracketClause(
                on=day(2),
                clause="c1",
                party="tb",
                alternative="B",
                text="All forces leave within 9 months.",
            )
        ],
        s,
    )
    assert status(s) == "bracketed"
    s = run([accept("us", "principle", alt="B", n=3), accept("tb", "principle", alt="B", n=3)], s)
    assert status(s) == "agreed-in-principle"
    s = run([accept("us", "ad-ref", alt="B", n=4), accept("tb", "ad-ref", alt="B", n=4)], s)
    assert status(s) == "agreed-ad-ref"
    s = run([accept("us", alt="B", n=5), accept("tb", alt="B", n=5)], s)
    assert status(s) == "confirmed"


def test_bracket_without_text_contests_the_clause() -> None:
    s = run(
        [table(), cl.BracketClause(on=day(2), clause="c1", party="tb", note="too fast")], base()
    )
    assert status(s) == "bracketed"


def test_amendment_voids_acceptance_of_the_old_wording() -> None:
    s = run([table(), accept("us"), accept("tb")], base())
    assert status(s) == "confirmed"
    s = run(
        [
            cl.AmendClause(
                on=day(3),
                clause="c1",
                alternative="A",
                party="med",
                text="All forces leave within 12 months.",
            )
        ],
        s,
    )
    assert status(s) == "proposed"
    clause = cl.find_clause(s, "c1")
    assert clause.alternative("A").version == 2  # type: ignore[union-attr]


def test_reservation_holds_agreement_back() -> None:
    s = run([table(), accept("us"), accept("tb")], base())
    s = run([cl.ReserveClause(on=day(3), clause="c1", party="tb", note="pending the Emir")], s)
    assert status(s) == "proposed"
    stance = cl.find_clause(s, "c1").stances["tb"]
    assert (stance.kind, stance.alternative, stance.note) == ("reserves", "A", "pending the Emir")


def test_withdrawing_every_alternative_withdraws_the_clause() -> None:
    s = run(
        [table(), cl.WithdrawClause(on=day(2), clause="c1", party="us", alternative="A")], base()
    )
    assert status(s) == "withdrawn"


def test_package_statuses_agreed_initialled_signed() -> None:
    s = run([table(), accept("us", n=2), accept("tb", n=2)], base())
    s = conclude(s)
    assert status(s) == "agreed"
    s = run([c.Initial(on=day(20), party="us"), c.Initial(on=day(20), party="tb")], s)
    assert status(s) == "initialled"
    s = run([c.Sign(on=day(21), party="us"), c.Sign(on=day(21), party="tb")], s)
    assert status(s) == "signed"


def test_deferred_part_defers_its_clauses() -> None:
    s = run([table(), c.Defer(on=day(2), part="withdrawal", party="med")], base())
    assert status(s) == "deferred"


def test_package_cannot_be_confirmed_while_the_text_has_brackets() -> None:
    s = run([table(), accept("us")], base())
    with pytest.raises(RefusedMove, match=r"text still has clauses not confirmed.*c1 \(proposed\)"):
        conclude(s)


def test_clause_moves_void_package_confirmations() -> None:
    s = run(
        [
            table(),
            accept("us"),
            accept("tb"),
            c.Accept(on=day(3), part="withdrawal", option="timeline", party="us"),
            c.Accept(on=day(3), part="withdrawal", option="timeline", party="tb"),
            c.Confirm(on=day(4), party="us"),
        ],
        base(),
    )
    assert s.confirmations
    s = run([table(clause="c2", n=5)], s)
    assert not s.confirmations


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (table(by="ghost"), "unknown party 'ghost'"),
        (table(part="nowhere"), "unknown part 'nowhere'"),
        (accept("us", clause="nope"), "unknown clause 'nope'"),
        (accept("med"), "not a signatory of part 'withdrawal'"),
        (accept("us", alt="Z"), "no alternative 'Z'"),
        (cl.ReserveClause(on=day(2), clause="c1", party="tb", note=" "), "needs a note"),
        (cl.WithdrawClause(on=day(2), clause="c1", party="tb", alternative="A"), "did not table"),
        (
            cl.AmendClause(
                on=day(2),
                clause="c1",
                alternative="A",
                party="us",
                text="All forces leave within 14 months.",
            ),
            "already reads so",
        ),
        (table(), "clause 'c1' already exists"),
    ],
)
def test_refusals_name_what_is_missing(command: c.Command, message: str) -> None:
    s = run([table()], base())
    with pytest.raises((RefusedMove, UnknownReference), match=message):
        run([command], s)


def test_no_changes_after_signature() -> None:
    s = run([table(), accept("us"), accept("tb")], base())
    s = conclude(s)
    s = run([c.Sign(on=day(21), party="us"), c.Sign(on=day(21), party="tb")], s)
    with pytest.raises(RefusedMove, match="has been signed"):
        run([table(clause="late", n=22)], s)


def test_snapshot_round_trip_keeps_the_text() -> None:
    from accords.model.state import State

    s = run(
        [table(), accept("us"), cl.ReserveClause(on=day(3), clause="c1", party="tb", note="n")],
        base(),
    )
    again = State.from_snapshot(s.to_snapshot())
    assert again is not None
    assert cl.clauses(again) == cl.clauses(s)


def test_walk_out_after_the_others_confirmed_concludes_the_package() -> None:
    from accords.model.participation import LeaveTalks, ReturnToTalks

    s = run([c.AddParty(on=day(0), id="third", name="Third party")], base())
    s = run(
        [
            table(),
            accept("us"),
            accept("tb"),
            c.Accept(on=day(3), part="withdrawal", option="timeline", party="us"),
            c.Accept(on=day(3), part="withdrawal", option="timeline", party="tb"),
            c.Confirm(on=day(4), party="us"),
            c.Confirm(on=day(4), party="tb"),
        ],
        s,
    )
    assert s.agreement() == "not-agreed"
    s = run([LeaveTalks(on=day(5), party="third")], s)
    assert (s.agreement(), s.concluded_on) == ("concluded", day(5))
    with pytest.raises(RefusedMove, match="package is concluded"):
        run([LeaveTalks(on=day(6), party="us")], s)
    with pytest.raises(RefusedMove, match="has not left"):
        run([ReturnToTalks(on=day(6), party="us")], s)
