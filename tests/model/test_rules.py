"""One test per rule of DESIGN.md, and one per refused move."""

from __future__ import annotations

import pytest

from accords.errors import RefusedMove, UnknownReference
from accords.model import commands as c
from accords.model import decide, package_line, status_dict
from accords.model.board import missing_for

from .builders import D0, Talks, accept_all, basic, conclude


def status(t: Talks, part: str) -> str:
    return t.state.part_status(part).status


# -- part states ---------------------------------------------------------------------


def test_a_new_part_is_open() -> None:
    t = basic()
    assert status(t, "p0") == "open"
    assert missing_for(t.state, "p0") == "no option tabled"


def test_tabling_an_option_makes_a_part_proposed() -> None:
    t = basic()
    t.do(c.Propose(on=t.on(), part="p0", option="x", party="m"))
    assert status(t, "p0") == "proposed"
    assert t.state.part_status("p0").option == "x"


def test_signatories_backing_different_options_bracket_a_part() -> None:
    t = basic()
    t.do(c.Propose(on=t.on(), part="p0", option="x", party="a"))
    t.do(c.Propose(on=t.on(), part="p0", option="y", party="b"))
    assert status(t, "p0") == "bracketed"


@pytest.mark.parametrize(
    ("level", "word"),
    [
        ("principle", "agreed-in-principle"),
        ("ad-ref", "agreed-ad-ref"),
        ("confirmed", "confirmed"),
    ],
)
def test_status_is_the_highest_level_all_signatories_reached(level: str, word: str) -> None:
    t = basic()
    accept_all(t, "p0", level=level)
    assert status(t, "p0") == word


def test_the_lowest_signatory_level_decides() -> None:
    t = basic()
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="a", level="confirmed"))
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="b", level="principle"))
    assert status(t, "p0") == "agreed-in-principle"
    assert "Beta accepted in principle only" in missing_for(t.state, "p0")


def test_one_signatory_alone_does_not_agree_a_part() -> None:
    t = basic()
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))
    assert status(t, "p0") == "proposed"
    assert "Beta has not accepted" in missing_for(t.state, "p0")


def test_acceptances_on_different_options_bracket() -> None:
    t = basic()
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))
    t.do(c.Accept(on=t.on(), part="p0", option="y", party="b"))
    assert status(t, "p0") == "bracketed"


def test_a_reservation_holds_a_part_back() -> None:
    t = basic()
    accept_all(t, "p0")
    t.do(c.Reserve(on=t.on(), part="p0", party="b", note="subject to parliament"))
    assert status(t, "p0") == "proposed"
    assert "Beta holds a reservation: subject to parliament" in missing_for(t.state, "p0")


def test_a_rejection_holds_a_part_back() -> None:
    t = basic()
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))
    t.do(c.Reject(on=t.on(), part="p0", party="b", option="x"))
    assert status(t, "p0") == "proposed"
    assert "Beta rejects it" in missing_for(t.state, "p0")


def test_withdrawal_takes_a_stance_and_proposal_off_the_table() -> None:
    t = basic()
    t.do(c.Propose(on=t.on(), part="p0", option="x", party="a"))
    t.do(c.Withdraw(on=t.on(), part="p0", party="a"))
    assert status(t, "p0") == "open"


def test_deferred_parts_say_so_and_block_acceptance() -> None:
    t = basic()
    t.do(c.Defer(on=t.on(), part="p0", party="m"))
    assert status(t, "p0") == "deferred"
    with pytest.raises(RefusedMove, match="deferred; reopen it first"):
        t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))
    t.do(c.Reopen(on=t.on(), part="p0", party="a"))
    assert status(t, "p0") == "open"


def test_reopening_turns_acceptances_back_into_proposals() -> None:
    t = basic()
    accept_all(t, "p0")
    t.do(c.Reopen(on=t.on(), part="p0", party="m"))
    assert status(t, "p0") == "proposed"


def test_sufficient_consensus_needs_weight_and_every_community() -> None:
    t = Talks()
    t.do(c.CreateNegotiation(on=D0, id="ni", title="Talks"))
    for pid in ("u1", "u2", "n1", "n2"):
        t.do(c.AddParty(on=D0, id=pid, name=pid.upper()))
    rule = {
        "kind": "sufficient-consensus",
        "weights": {"u1": 30, "u2": 10, "n1": 20, "n2": 15},
        "communities": {"unionist": ["u1", "u2"], "nationalist": ["n1", "n2"]},
    }
    t.do(
        c.AddPart(
            on=D0,
            id="s1",
            title="Strand one",
            signatories=("u1", "u2", "n1", "n2"),
            rule=rule,
            options=(("assembly", ""),),
        )
    )
    for p in ("u2", "n1", "n2"):  # 45 of 75 overall, but only 10 of 40 unionist
        t.do(c.Accept(on=t.on(), part="s1", option="assembly", party=p))
    assert status(t, "s1") == "proposed"
    assert "sufficient consensus" in missing_for(t.state, "s1")
    t.do(c.Accept(on=t.on(), part="s1", option="assembly", party="u1"))
    t.do(c.Withdraw(on=t.on(), part="s1", party="n2"))  # 60/75; unionist 40/40, nationalist 20/35
    assert status(t, "s1") == "confirmed"


# -- the package rule ----------------------------------------------------------------


def test_nothing_is_agreed_until_the_package_is_concluded() -> None:
    t = basic()
    for pid in ("p0", "p1"):
        accept_all(t, pid)
    assert {status(t, p) for p in ("p0", "p1")} == {"confirmed"}
    assert t.state.agreement() == "not-agreed"
    assert "agreed" not in {r["status"] for r in status_dict(t.state)["parts"]}
    assert package_line(t.state).startswith("Nothing is agreed: 2 of 2 parts confirmed")
    t.do(c.Confirm(on=t.on(), party="a"))
    assert t.state.agreement() == "not-agreed"
    assert "awaits confirmation by Beta" in package_line(t.state)
    t.do(c.Confirm(on=t.on(), party="b"))
    assert t.state.agreement() == "concluded"
    assert {status(t, p) for p in ("p0", "p1")} == {"agreed"}
    assert package_line(t.state).startswith("Agreed: the package was concluded on")


def test_confirm_is_refused_naming_the_unconfirmed_parts() -> None:
    t = basic(parts=3)
    accept_all(t, "p0")
    t.do(c.Accept(on=t.on(), part="p1", option="x", party="a"))
    with pytest.raises(RefusedMove) as err:
        decide(t.state, c.Confirm(on=t.on(), party="a"))
    message = str(err.value)
    assert "p1 (x: Beta has not accepted)" in message
    assert "p2 (no option tabled)" in message
    assert "p0" not in message.split("signatories:")[1]


def test_confirm_is_refused_when_the_package_breaks_a_linkage() -> None:
    t = basic(linkages=True)
    accept_all(t, "p0", "x")
    accept_all(t, "p1", "y")
    with pytest.raises(RefusedMove, match=r"breaks the linkage p0:x requires p1:x"):
        decide(t.state, c.Confirm(on=t.on(), party="a"))


def test_excludes_linkage_blocks_conclusion() -> None:
    t = basic()
    t.do(c.AddLinkage(on=D0, kind="excludes", from_="p0:x", to="p1:x"))
    accept_all(t, "p0", "x")
    accept_all(t, "p1", "x")
    with pytest.raises(RefusedMove, match="p0:x excludes p1:x"):
        decide(t.state, c.Confirm(on=t.on(), party="a"))


def test_any_change_voids_every_confirmation() -> None:
    t = basic()
    for pid in ("p0", "p1"):
        accept_all(t, pid)
    t.do(c.Confirm(on=t.on(), party="a"))
    t.do(c.Accept(on=t.on(), part="p1", option="x", party="b", level="ad-ref"))
    assert t.state.confirmations == {}
    t.do(c.Accept(on=t.on(), part="p1", option="x", party="b"))
    t.do(c.Confirm(on=t.on(), party="b"))
    assert t.state.agreement() == "not-agreed"  # a must confirm the new package afresh


def test_withdrawal_after_conclusion_unconcludes() -> None:
    t = basic()
    conclude(t)
    assert t.state.agreement() == "concluded"
    t.do(c.Withdraw(on=t.on(), part="p0", party="a"))
    assert t.state.agreement() == "not-agreed"
    assert status(t, "p0") == "proposed"


def test_reopening_after_conclusion_unconcludes() -> None:
    t = basic()
    conclude(t)
    t.do(c.Reopen(on=t.on(), part="p1", party="b"))
    assert t.state.agreement() == "not-agreed"


def test_signature_needs_conclusion_and_freezes_the_parts() -> None:
    t = basic()
    with pytest.raises(RefusedMove, match="not concluded"):
        decide(t.state, c.Sign(on=t.on(), party="a"))
    conclude(t)
    t.do(c.Initial(on=t.on(), party="a"))
    t.do(c.Initial(on=t.on(), party="b"))
    assert t.state.agreement() == "initialled"
    t.do(c.Sign(on=t.on(), party="a"))
    assert t.state.agreement() == "initialled"
    t.do(c.Sign(on=t.on(), party="b"))
    assert t.state.agreement() == "signed"
    assert status(t, "p0") == "signed"
    with pytest.raises(RefusedMove, match="has been signed by every party"):
        decide(t.state, c.Withdraw(on=t.on(), part="p0", party="b"))
    with pytest.raises(RefusedMove, match="already done so"):
        decide(t.state, c.Sign(on=t.on(), party="b"))


def test_a_withdrawal_before_every_party_signed_voids_the_signatures() -> None:
    t = basic()
    conclude(t)
    t.do(c.Sign(on=t.on(), party="a"))
    t.do(c.Withdraw(on=t.on(), part="p0", party="b"))
    assert t.state.agreement() == "not-agreed"
    assert t.state.signed == {}


def test_sequenced_after_gates_talks_on_a_part() -> None:
    t = basic()
    t.do(c.AddLinkage(on=D0, kind="sequenced-after", from_="p1", to="p0"))
    with pytest.raises(RefusedMove, match="opens only after 'p0'"):
        decide(t.state, c.Propose(on=t.on(), part="p1", option="x", party="a"))
    accept_all(t, "p0", level="principle")
    t.do(c.Propose(on=t.on(), part="p1", option="x", party="a"))
    assert status(t, "p1") == "proposed"


def test_framework_acceptance_is_its_own_move() -> None:
    t = basic()
    t.do(c.AcceptFramework(on=t.on(), party="a"))
    assert "a" in t.state.framework_accepted
    assert status(t, "p0") == "open"
    with pytest.raises(RefusedMove, match="already accepted the framework"):
        decide(t.state, c.AcceptFramework(on=t.on(), party="a"))


def test_rounds_record_attendance_and_refusals() -> None:
    t = basic()
    t.do(c.OpenRound(on=t.on(), number=1, venue="Doha", attended=("a",), refusals=(("a", ("b",)),)))
    t.do(c.Propose(on=t.on(), round=1, part="p0", option="x", party="a"))
    t.do(c.CloseRound(on=t.on(), number=1))
    r = t.state.rounds[1]
    assert (r.venue, r.attended, r.refusals) == ("Doha", ("a",), (("a", ("b",)),))
    assert r.end is not None and r.end > r.start


# -- refused moves -------------------------------------------------------------------

REFUSALS = [
    (c.Accept(on=D0, part="p0", option="x", party="zz"), UnknownReference, "unknown party 'zz'"),
    (c.Accept(on=D0, part="pp", option="x", party="a"), UnknownReference, "unknown part 'pp'"),
    (c.Accept(on=D0, part="p0", option="q", party="a"), UnknownReference, "has no option 'q'"),
    (c.Accept(on=D0, part="p0", option="x", party="m"), RefusedMove, "not a signatory of part"),
    (c.Reserve(on=D0, part="p0", party="a", note=" "), RefusedMove, "needs a note"),
    (c.Withdraw(on=D0, part="p0", party="a"), RefusedMove, "no stance or proposal"),
    (c.Confirm(on=D0, party="m"), RefusedMove, "only parties confirm"),
    (c.Propose(on=D0, part="p0", option="x", party="a", round=9), UnknownReference, "no round 9"),
    (c.AddParty(on=D0, id="a", name="Again"), RefusedMove, "party 'a' already exists"),
    (c.AddParty(on=D0, id="bad id", name="X"), RefusedMove, "is not valid"),
    (c.AddParty(on=D0, id="q", name="Q", role="king"), RefusedMove, "unknown role"),  # type: ignore[arg-type]
    (
        c.AddPart(on=D0, id="p9", title="T", signatories=("m",)),
        RefusedMove,
        "is a mediator, not a party",
    ),
    (c.AddPart(on=D0, id="p9", title="T"), RefusedMove, "at least one signatory"),
    (
        c.AddLinkage(on=D0, kind="requires", from_="p0", to="p1:x"),
        RefusedMove,
        "ties options",
    ),
    (
        c.AddLinkage(on=D0, kind="excludes", from_="p0:x", to="p0:y"),
        RefusedMove,
        "two different parts",
    ),
    (c.CloseRound(on=D0, number=3), UnknownReference, "no round 3"),
    (c.CreateNegotiation(on=D0, id="n2", title="Again"), RefusedMove, "already exists"),
    (c.Initial(on=D0, party="a"), RefusedMove, "not concluded"),
]


@pytest.mark.parametrize(("command", "error", "message"), REFUSALS)
def test_refused_moves_name_what_is_missing_and_append_nothing(
    command: c.Command, error: type[Exception], message: str
) -> None:
    t = basic()
    before = len(t.events)
    with pytest.raises(error, match=message):
        t.do(command)
    assert len(t.events) == before


def test_no_move_before_the_negotiation_exists() -> None:
    with pytest.raises(RefusedMove, match="no negotiation yet"):
        Talks().do(c.AddParty(on=D0, id="a", name="A"))


def test_a_repeated_acceptance_records_nothing_new() -> None:
    t = basic()
    t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))
    with pytest.raises(RefusedMove, match="already accepts"):
        t.do(c.Accept(on=t.on(), part="p0", option="x", party="a"))


def test_preferences_refer_to_known_parts_and_options() -> None:
    t = basic()
    with pytest.raises(UnknownReference, match="has no option 'z'"):
        t.do(c.SetPreferences(on=D0, party="a", preferences={"values": {"p0": {"z": 1}}}))
    t.do(c.SetPreferences(on=D0, party="a", preferences={"values": {"p0": {"x": 1}}}))
    assert t.state.preferences["a"]["values"] == {"p0": {"x": 1}}
