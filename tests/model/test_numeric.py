"""Numeric parts: the range, the rules of moves on them, and how their status is derived."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accords.errors import RefusedMove
from accords.model import State
from accords.model import commands as c
from accords.model.board import board, missing_for, status_dict
from accords.model.numeric import NumericRange, common_interval
from accords.model.snapshot import dump, load

from .builders import D0, Talks


def talks(**numeric: object) -> Talks:
    """Parties a and b (m mediates); part ``w`` is months 0..36; part ``p`` has options."""
    t = Talks()
    t.do(c.CreateNegotiation(on=D0, id="n", title="Numeric talks"))
    t.do(c.AddParty(on=D0, id="a", name="Alpha"))
    t.do(c.AddParty(on=D0, id="b", name="Beta"))
    t.do(c.AddParty(on=D0, id="m", name="Mediator", role="mediator"))
    spec = {"kind": "integer", "min": 0, "max": 36, "step": 1, "unit": "months", **numeric}
    t.do(c.AddPart(on=D0, id="w", title="Withdrawal", signatories=("a", "b"), numeric=spec))
    t.do(c.AddPart(on=D0, id="p", title="Other", signatories=("a", "b"), options=(("x", ""),)))
    return t


def refused(t: Talks, cmd: c.Command, words: str) -> None:
    """The move is refused with a message holding ``words``, and nothing is appended."""
    before = len(t.events)
    with pytest.raises(RefusedMove, match=words):
        t.do(cmd)
    assert len(t.events) == before


def accept(t: Talks, party: str, value: str, bound: str | None = None, level: str = "confirmed"):
    t.do(c.Accept(on=t.on(), part="w", option=value, party=party, bound=bound, level=level))  # type: ignore[arg-type]


# -- the range -------------------------------------------------------------------------


def test_range_values_are_exact_decimals() -> None:
    r = NumericRange.make("decimal", "0", "1", "0.1")
    assert r.grid() == ("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1")
    assert r.canonical("0.30") == "0.3"
    assert r.canonical(0.3) == "0.3"
    with pytest.raises(ValueError, match="not on"):
        r.canonical("0.25")
    with pytest.raises(ValueError, match="outside"):
        r.canonical("1.1")


def test_range_labels_carry_the_unit_and_thousands() -> None:
    r = NumericRange.make("integer", 0, 10000, 500, "prisoners")
    assert r.label("5000") == "5,000 prisoners"
    assert r.describe() == "0 to 10000 prisoners in steps of 500"
    assert r.canonical("5,000") == "5000"


@pytest.mark.parametrize(
    ("kind", "low", "high", "step", "words"),
    [
        ("integer", 5, 1, 1, "below min"),
        ("integer", 0, 10, 0, "must be positive"),
        ("integer", 0, 10, "0.5", "whole"),
        ("fraction", 0, 10, 1, "unknown numeric kind"),
        ("integer", 0, 10**9, 1, "at most"),
        ("integer", "x", 1, 1, "not a number"),
    ],
)
def test_bad_ranges_are_refused(kind: str, low: object, high: object, step: object, words: str):
    with pytest.raises(ValueError, match=words):
        NumericRange.make(kind, low, high, step)


def test_common_interval_snaps_to_the_grid() -> None:
    r = NumericRange.make("integer", 0, 100, 5)
    assert common_interval(r, [("12", "at-least"), ("33", "at-most")]) == (15, 30)
    assert common_interval(r, [("12", "at-least"), ("14", "at-most")]) is None
    assert common_interval(r, [("20", None), ("20", "at-most")]) == (20, 20)
    assert common_interval(r, [("20", None), ("25", None)]) is None


# -- the rules -------------------------------------------------------------------------


def test_a_numeric_part_is_added_with_its_range() -> None:
    t = talks()
    part = t.state.parts["w"].part
    assert part.numeric is not None and part.numeric.unit == "months"
    assert part.options == () and len(part.choices()) == 37
    assert t.events[4].payload["numeric"] == {
        "kind": "integer",
        "min": "0",
        "max": "36",
        "step": "1",
        "unit": "months",
    }


def test_labelled_parts_record_no_numeric_key() -> None:
    t = talks()
    assert "numeric" not in t.events[5].payload


@pytest.mark.parametrize(
    ("spec", "options", "words"),
    [
        ({"kind": "integer", "min": 0, "max": 3}, (("x", ""),), "takes no labelled options"),
        ({"kind": "integer", "max": 3}, (), "needs a min"),
        ({"kind": "integer", "min": 9, "max": 3}, (), "below min"),
    ],
)
def test_bad_numeric_parts_are_refused(
    spec: dict[str, object], options: tuple[tuple[str, str], ...], words: str
) -> None:
    t = talks()
    refused(
        t,
        c.AddPart(on=D0, id="z", title="Z", signatories=("a",), numeric=spec, options=options),
        words,
    )


def test_moves_name_values_in_the_range() -> None:
    t = talks()
    refused(t, c.Propose(on=D0, part="w", option="40", party="a"), "outside 0 to 36 months")
    refused(t, c.Propose(on=D0, part="w", option="soon", party="a"), "not a number")
    refused(t, c.Propose(on=D0, part="w", option="1.5", party="a"), "not on")
    refused(t, c.AddOption(on=D0, part="w", id="x"), "is numeric")
    refused(
        t,
        c.Accept(on=D0, part="p", option="x", party="a", bound="at-most"),
        "labelled options, not a number",
    )
    refused(t, c.Accept(on=D0, part="w", option="3", party="a", bound="about"), "unknown bound")
    refused(t, c.Accept(on=D0, part="w", option="3", party="m"), "not a signatory")


def test_values_are_recorded_in_canonical_text() -> None:
    t = talks(kind="decimal", step="0.5")
    t.do(c.Propose(on=D0, part="w", option="14.50", party="a"))
    assert t.events[-1].payload["option"] == "14.5"
    refused(t, c.Propose(on=D0, part="w", option="14.5", party="a"), "already tabled w:14.5")


def test_the_same_bound_twice_is_refused() -> None:
    t = talks()
    accept(t, "a", "14", "at-most")
    refused(
        t,
        c.Accept(on=D0, part="w", option="14", party="a", bound="at-most"),
        "already accepts w:at-most 14",
    )
    accept(t, "a", "14")  # the same value without the bound is a different stance


def test_linkages_name_one_value_never_a_range() -> None:
    t = talks()
    t.do(c.AddLinkage(on=D0, kind="requires", from_="p:x", to="w:14.0"))
    assert t.state.linkages[-1].to_ref == "w:14"
    refused(t, c.AddLinkage(on=D0, kind="excludes", from_="p:x", to="w:..14"), "not supported")
    refused(t, c.AddLinkage(on=D0, kind="excludes", from_="p:x", to="w:<=14"), "not supported")
    refused(t, c.AddLinkage(on=D0, kind="excludes", from_="p:x", to="w:99"), "outside")


def test_preference_anchors_must_be_values_of_the_range() -> None:
    t = talks()
    prefs = {"weights": {"w": 1}, "values": {"w": {"40": 1}}}
    refused(t, c.SetPreferences(on=D0, party="a", preferences=prefs), "outside")


# -- the status ------------------------------------------------------------------------


def test_a_value_inside_both_bounds_is_agreed_when_tabled() -> None:
    t = talks()
    accept(t, "a", "18", "at-most")
    accept(t, "b", "12", "at-least")
    st = t.state.part_status("w")
    assert (st.status, st.option) == ("proposed", None)
    assert "the stances admit 12 months to 18 months" in missing_for(t.state, "w")
    t.do(c.Propose(on=t.on(), part="w", option="14", party="m"))
    st = t.state.part_status("w")
    assert (st.status, st.option, st.level) == ("confirmed", "14", "confirmed")
    assert st.backers == ("a", "b")


def test_bounds_that_do_not_meet_are_bracketed() -> None:
    t = talks()
    accept(t, "a", "12", "at-most")
    accept(t, "b", "14", "at-least")
    assert t.state.part_status("w").status == "bracketed"
    assert "no value is admitted by every position" in missing_for(t.state, "w")


def test_different_values_are_bracketed_and_the_text_shows_both() -> None:
    from accords.draft.document import build_document
    from accords.draft.markdown import to_markdown

    t = talks()
    t.do(c.Propose(on=t.on(), part="w", option="14", party="a"))
    t.do(c.Propose(on=t.on(), part="w", option="18", party="b"))
    assert t.state.part_status("w").status == "bracketed"
    assert "[14 months | 18 months]" in to_markdown(build_document(t.state))


def test_the_level_is_the_lowest_of_the_admitting_acceptances() -> None:
    t = talks()
    accept(t, "a", "14", level="principle")
    accept(t, "b", "10", "at-least", level="ad-ref")
    st = t.state.part_status("w")
    assert (st.status, st.option) == ("agreed-in-principle", "14")
    accept(t, "a", "14", level="confirmed")
    assert t.state.part_status("w").status == "agreed-ad-ref"
    rows = {r.id: r for r in board(t.state)}
    assert rows["w"].label == "14 months"
    assert rows["w"].stances["b"] == "accepts at least 10 months (ad-ref)"


def test_a_reservation_holds_a_bound_back() -> None:
    t = talks()
    accept(t, "a", "14")
    accept(t, "b", "10", "at-least")
    t.do(c.Reserve(on=t.on(), part="w", party="b", note="subject to conditions"))
    assert t.state.parts["w"].stances["b"].bound == "at-least"
    assert t.state.part_status("w").status == "proposed"
    assert "holds a reservation" in missing_for(t.state, "w")


def test_the_package_rule_holds_for_numbers() -> None:
    t = talks()
    t.do(c.AddLinkage(on=D0, kind="requires", from_="p:x", to="w:14"))
    for party in ("a", "b"):
        t.do(c.Accept(on=t.on(), part="p", option="x", party=party))
    accept(t, "a", "18")
    accept(t, "b", "12", "at-least")
    assert t.state.package() == {"p": "x", "w": "18"}
    refused(t, c.Confirm(on=t.on(), party="a"), "breaks the linkage p:x requires w:14")
    accept(t, "a", "14")
    t.do(c.Confirm(on=t.on(), party="a"))
    t.do(c.Confirm(on=t.on(), party="b"))
    assert t.state.part_status("w").status == "agreed"
    assert t.state.confirmed_package == {"p": "x", "w": "14"}
    # a change voids the conclusion, on a numeric part as on any other
    accept(t, "b", "13", "at-least")
    assert t.state.agreement() == "not-agreed"


def test_reopening_keeps_the_bound_as_support() -> None:
    t = talks()
    accept(t, "a", "14", "at-most")
    t.do(c.Reopen(on=t.on(), part="w", party="a"))
    s = t.state.parts["w"].stances["a"]
    assert (s.kind, s.option, s.bound) == ("supports", "14", "at-most")


def test_status_json_and_snapshot_keep_the_bound() -> None:
    t = talks()
    accept(t, "a", "14", "at-most", level="principle")
    details = status_dict(t.state)["parts"][0]["stance_details"]["a"]
    assert details["bound"] == "at-most" and details["option"] == "14"
    again = load(dump(t.state))
    assert isinstance(again, State)
    assert again.parts["w"].stances["a"] == t.state.parts["w"].stances["a"]
    assert again.parts["w"].part == t.state.parts["w"].part
    assert again.parts["w"].part.numeric is not None
    assert again.parts["w"].part.numeric.step == Decimal(1)
