"""People in the record: the rules refuse what is wrong and append nothing; the fold is typed."""

from __future__ import annotations

from datetime import date

import pytest

from accords.errors import RefusedMove, UnknownReference
from accords.model import State, decide
from accords.model import commands as c
from accords.model import people as pp
from accords.model.layers import LAYERS

from .builders import D0, Talks, basic


def _talks() -> Talks:
    t = basic()
    t.do(c.OpenRound(on=date(2019, 2, 1), number=1, venue="Doha", attended=("a", "b")))
    t.do(c.OpenRound(on=date(2019, 3, 1), number=2, absent=("b",)))
    return t


def _envoy(t: Talks) -> None:
    t.do(
        pp.AddPerson(
            on=D0,
            id="envoy",
            name="Zalmay Khalilzad",
            party="a",
            spellings=("Zalmai Khalilzad",),
            honorifics=("Ambassador",),
            source="https://example.org/envoy",
        )
    )


def _refused(t: Talks, command: c.Command, words: str) -> None:
    before = (t.state.events, len(t.events))
    with pytest.raises(RefusedMove, match=words):
        decide(t.state, command)
    assert (t.state.events, len(t.events)) == before


def test_a_person_their_titles_and_rounds_fold_into_the_typed_slice() -> None:
    t = _talks()
    _envoy(t)
    t.do(
        pp.AddTitle(
            on=D0,
            person="envoy",
            title="Special Representative for Afghanistan Reconciliation",
            start=date(2018, 9, 4),
            institution="State Department",
        )
    )
    t.do(pp.RecordAttendance(on=date(2019, 2, 1), person="envoy", number=1))
    assert isinstance(t.state.layers["people"], pp.PeopleSlice)
    envoy = pp.person(t.state, "envoy")
    assert envoy.names() == ("Zalmay Khalilzad", "Zalmai Khalilzad")
    assert envoy.titles[0].institution == "State Department"
    assert [x.title for x in envoy.titles_on(date(2018, 1, 1))] == []
    assert pp.delegations(t.state, 1) == [pp.Attendance(1, "envoy", "a")]
    assert pp.delegations(t.state, 2) == []
    assert [a.round for a in pp.rounds_of(t.state, "envoy")] == [1]


def test_a_dated_title_with_its_own_party_decides_whom_they_speak_for() -> None:
    t = _talks()
    t.do(pp.AddPerson(on=D0, id="x", name="Some One", party="a"))
    t.do(pp.AddTitle(on=D0, person="x", title="adviser", start=date(2019, 2, 15), party="b"))
    who = pp.person(t.state, "x")
    assert who.party_on(date(2019, 2, 1)) == "a"
    assert who.party_on(date(2019, 3, 1)) == "b"
    # attendance takes the party of the round's first day when none is named
    t.do(pp.RecordAttendance(on=D0, person="x", number=1))
    assert pp.delegations(t.state, 1)[0].party == "a"


def test_the_snapshot_round_trips_the_people_layer() -> None:
    t = _talks()
    _envoy(t)
    t.do(
        pp.AddTitle(
            on=D0, person="envoy", title="envoy", start=date(2018, 9, 4), end=date(2021, 10, 18)
        )
    )
    t.do(pp.RecordAttendance(on=D0, person="envoy", number=1, source="https://example.org/r1"))
    restored = State.from_snapshot(t.state.to_snapshot())
    assert restored is not None
    assert restored.layers["people"] == t.state.layers["people"]
    assert pp.people(restored) == pp.people(t.state)


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (pp.AddPerson(on=D0, id="bad id", name="X"), "person id 'bad id' is not valid"),
        (pp.AddPerson(on=D0, id="envoy", name="X"), "person 'envoy' already exists"),
        (pp.AddPerson(on=D0, id="y", name="  "), "name of person 'y' is empty"),
        (pp.AddPerson(on=D0, id="y", name="X" * 201), "too long"),
        (pp.AddPerson(on=D0, id="y", name="Y", party="zz"), "unknown party 'zz'"),
        (pp.AddPerson(on=D0, id="y", name="Zalmai Khalilzad"), "already names person 'envoy'"),
        (pp.AddPerson(on=D0, id="y", name="Y", spellings=("Y",)), "given twice"),
        (pp.AddPerson(on=D0, id="y", name="Y", spellings=("s",) * 31), "too many spellings"),
        (pp.AddPerson(on=D0, id="y", name="Y", note="n" * 2001), "note is too long"),
        (pp.AddTitle(on=D0, person="nobody", title="t"), "unknown person 'nobody'"),
        (pp.AddTitle(on=D0, person="envoy", title=""), "is empty"),
        (
            pp.AddTitle(
                on=D0, person="envoy", title="t", start=date(2020, 1, 2), end=date(2020, 1, 1)
            ),
            "ends \\(2020-01-01\\) before it starts",
        ),
        (pp.AddTitle(on=D0, person="envoy", title="t", party="zz"), "unknown party"),
        (pp.RecordAttendance(on=D0, person="envoy", number=9), "no round 9"),
        (pp.RecordAttendance(on=D0, person="nobody", number=1), "unknown person"),
        (pp.RecordAttendance(on=D0, person="envoy", number=2, party="b"), "absent from round 2"),
    ],
)
def test_refusals_name_what_is_wrong_and_append_nothing(command: c.Command, words: str) -> None:
    t = _talks()
    _envoy(t)
    _refused(t, command, words)


def test_attendance_twice_and_without_a_party_are_refused() -> None:
    t = _talks()
    _envoy(t)
    t.do(pp.RecordAttendance(on=D0, person="envoy", number=1))
    _refused(t, pp.RecordAttendance(on=D0, person="envoy", number=1), "already recorded")
    t.do(pp.AddPerson(on=D0, id="journalist", name="A Reporter"))
    _refused(t, pp.RecordAttendance(on=D0, person="journalist", number=1), "name the party")
    with pytest.raises(UnknownReference):
        pp.person(t.state, "nobody")


def test_the_people_layer_is_listed_once() -> None:
    assert [layer.name for layer in LAYERS].count("people") == 1
    assert pp.PEOPLE.commands == (pp.AddPerson, pp.AddTitle, pp.RecordAttendance)
