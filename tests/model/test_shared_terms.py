"""The helpers the layers share (``rules.event_from``, ``layer.from_keys``) and the terms
a command and the record it makes declare once: a field of the terms reaches both, and
what a move gives is what the record keeps."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from accords.model import clauses as cl
from accords.model import commands as c
from accords.model import context as cx
from accords.model import obligations as ob
from accords.model import people as pp
from accords.model.layer import from_keys
from accords.model.rules import event_from
from draft.builders import base, conclude, day, run

D1 = date(2020, 2, 29)


def names(cls: type[Any]) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


# -- event_from ---------------------------------------------------------------------------


def test_event_from_copies_the_named_fields_as_json() -> None:
    cmd = c.AddPart(on=D1, id="p", title="T", signatories=("a", "b"), round=3, source="wire")
    ev = event_from("part-added", cmd, "id", "title", "signatories", "text", note="n")
    # tuples as lists, empty details dropped, the round and source of the command added
    assert ev.payload == {
        "id": "p",
        "title": "T",
        "signatories": ["a", "b"],
        "note": "n",
        "round": 3,
        "source": "wire",
    }
    assert (ev.type, ev.occurred_on) == ("part-added", D1)


def test_event_from_writes_dates_as_iso_text_and_lets_the_payload_win() -> None:
    cmd = pp.AddTitle(on=D1, person="x", title=" envoy ", start=date(2019, 1, 2))
    ev = event_from("title-added", cmd, "person", "title", "start", "end", title="envoy")
    assert ev.payload == {"person": "x", "title": "envoy", "start": "2019-01-02"}


# -- from_keys ----------------------------------------------------------------------------


def test_from_keys_reads_fields_by_name_with_defaults_and_passes_over_other_keys() -> None:
    got = from_keys(pp.Attendance, {"round": 2, "person": "p", "party": "a", "seq": 9})
    assert got == pp.Attendance(2, "p", "a", None)
    read = from_keys(pp.Title, {"title": "t", "from": "2019-01-02"}, start=date(2019, 1, 2))
    assert read == pp.Title("t", date(2019, 1, 2))


def test_from_keys_names_a_missing_required_key() -> None:
    with pytest.raises(KeyError, match="person"):
        from_keys(pp.Attendance, {"round": 2, "party": "a"})


# -- terms declared once ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "command", "record"),
    [
        (cx.ConditionTerms, cx.DefineCondition, cx.Condition),
        (cx.Happening, cx.RecordContextEvent, cx.ContextEvent),
        (ob.ObligationTerms, ob.AddObligation, ob.Obligation),
        (ob.Reported, ob.ReportPerformance, ob.Report),
        (pp.TitleTerms, pp.AddTitle, pp.Title),
    ],
)
def test_the_command_and_its_record_share_the_terms(
    terms: type[Any], command: type[c.Command], record: type[Any]
) -> None:
    assert names(terms) <= names(command) & names(record)
    assert issubclass(command, c.Command) and not issubclass(terms, c.Command)


def test_every_clause_move_names_a_clause_and_a_party() -> None:
    moves = [
        cl.TableClause,
        cl.AmendClause,
        cl.BracketClause,
        cl.AcceptClause,
        cl.ReserveClause,
        cl.WithdrawClause,
    ]
    for move in moves:
        assert issubclass(move, cl.ClauseFields)
        assert {"clause", "party"} <= names(move)


def test_a_condition_is_kept_as_it_was_defined() -> None:
    terms = {
        "id": "riv",
        "description": "Reduction in violence",
        "test": "quiet",
        "start": day(21),
        "end": day(27),
        "kinds": ("attack",),
        "actors": ("tb",),
        "max_events": 1,
        "max_fatalities": 3,
        "gates": "signature",
    }
    state = run([cx.DefineCondition(on=day(20), source="wire", **terms)], base())
    kept = cx.condition(state, "riv")
    assert {name: getattr(kept, name) for name in terms} == terms
    assert kept.source == "wire"


def test_an_event_on_the_ground_is_kept_as_it_was_recorded() -> None:
    given = {"kind": "attack", "place": "Kunduz", "actors": ("tb",), "fatalities": 4}
    state = run([cx.RecordContextEvent(on=day(3), notes="n", **given)], base())
    (kept,) = cx.context_events(state)
    assert (kept.id, kept.on, kept.notes) == ("ev1", day(3), "n")
    assert {name: getattr(kept, name) for name in given} == given


def test_an_obligation_and_its_report_are_kept_as_they_were_given() -> None:
    add = ob.AddObligation(
        on=day(20),
        id="troops",
        text=" Reduce troops ",
        obligors=("us",),
        beneficiaries=("tb",),
        measure="troops remaining",
        target=8600,
        direction="at-most",
        days_after_signature=135,
    )
    report = ob.ReportPerformance(on=day(25), obligation="troops", value=9000, note="n")
    state = run([add, report], conclude(base()))
    (kept,) = ob.obligations(state)
    assert (kept.id, kept.text, kept.obligors, kept.beneficiaries) == (
        "troops",
        "Reduce troops",
        ("us",),
        ("tb",),
    )
    assert (kept.days_after_signature, kept.deadline, kept.part) == (135, None, None)
    assert kept.measure == ob.Measure("troops remaining", 8600, "at-most")
    assert ob.reports(state) == [ob.Report(obligation="troops", value=9000, note="n", on=day(25))]
