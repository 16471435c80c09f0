"""Facilitation on a negotiation in the record, checked against brute force."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from accords.application import Record
from accords.elicitation import (
    blind_mark,
    improvements,
    record_answers,
    refit,
    revealed,
    space_of,
    table_of,
)
from accords.errors import RefusedMove

from .conftest import NID, A, B, C

DAY = date(2019, 6, 2)


def _give(record: Record, party: str, answers: dict[str, object], blind: object = None) -> None:
    state = record.state(NID)
    mark = blind_mark(state, blind) if blind is not None else None
    cmd = record_answers(state, party, answers, DAY, blind=mark)
    record.execute(NID, cmd, recorded_by="test")


def _all(record: Record) -> list[dict[str, str]]:
    space = space_of(record.state(NID))
    return [space.decode(r) for r in space.all_packages()]


def test_improvements_improve_for_every_party_under_the_fitted_profiles(record: Record) -> None:
    _give(
        record, "taliban", {"comparisons": [{"better": A, "worse": B}, {"better": A, "worse": C}]}
    )
    state = record.state(NID)
    table, found = improvements(state)
    assert table == {k: v for k, v in table_of(state).items() if k in table}
    fits = {p: refit(state, p)[0] for p in ["taliban"]}
    assert found, "the taliban's answers leave room to improve on the table"
    for item in found:
        assert 0 < item.probability <= 1
        mine = fits["taliban"].profile
        assert mine.utility(item.package) >= mine.utility(table) - 1e-12
    probabilities = [i.probability for i in found]
    assert probabilities == sorted(probabilities, reverse=True)

    # brute force under the mean profiles (typed-in ones as they stand): the same packages
    def utility(party: str, package: dict[str, str]) -> float:
        if party == "taliban":
            return fits["taliban"].profile.utility(package)
        prefs = state.preferences[party]
        return sum(
            w * prefs["values"].get(part, {}).get(package[part], 0.0)
            for part, w in prefs["weights"].items()
            if part in package
        )

    parties = state.negotiating_parties()
    expected = []
    for package in _all(record):
        gains = [utility(p, package) - utility(p, table) for p in parties]
        if all(g >= -1e-12 for g in gains) and any(g > 1e-12 for g in gains):
            expected.append(package)
    assert sorted(map(str, (dict(i.package) for i in found))) == sorted(map(str, expected))


def test_improvements_need_a_full_table(record: Record) -> None:
    from accords.model import commands as c

    record.execute(
        NID,
        c.AddPart(on=DAY, id="prisoners", title="Prisoners", signatories=("taliban",)),
        recorded_by="t",
    )
    record.execute(NID, c.AddOption(on=DAY, part="prisoners", id="5000"), recorded_by="t")
    with pytest.raises(RefusedMove, match="nothing is on the table for prisoners"):
        improvements(record.state(NID))


def test_blind_acceptance_reveals_only_the_intersection_once_all_have_marked(
    record: Record,
) -> None:
    everything = _all(record)
    _give(record, "taliban", {}, {"packages": [A, B]})
    assert revealed(record.state(NID)) == (1, 3, None)
    _give(record, "united-states", {}, {"packages": [B, C]})
    assert revealed(record.state(NID))[2] is None
    _give(record, "afghan-government", {}, {"least": 0.0})  # accepts everything
    marked, total, together = revealed(record.state(NID))
    assert (marked, total) == (3, 3)
    assert together == [p for p in everything if p == B]


def test_a_least_satisfaction_mark_is_read_with_the_partys_own_profile(record: Record) -> None:
    _give(record, "taliban", {"comparisons": [{"better": A, "worse": B}]}, {"least": 0.5})
    _give(record, "united-states", {}, {"least": 0.0})
    _give(record, "afghan-government", {}, {"least": 0.0})
    state = record.state(NID)
    profile = refit(state, "taliban")[0].profile
    _, _, together = revealed(state)
    assert together == [p for p in _all(record) if profile.utility(p) >= 0.5 - 1e-12]


@pytest.mark.parametrize(
    "mark",
    [{"least": 2}, {"least": True}, {"packages": "A"}, {"packages": [{"ceasefire": "x"}]}, {}],
)
def test_a_bad_mark_is_refused(record: Record, mark: dict[str, object]) -> None:
    with pytest.raises(RefusedMove):
        blind_mark(record.state(NID), mark)


def test_the_marks_stay_in_the_confidential_preferences(record: Record) -> None:
    _give(record, "taliban", {}, {"packages": [A]})
    assert record.state(NID).preferences["taliban"]["elicitation"]["blind"] == {"packages": [A]}
    assert not list(itertools.islice((e for e in record.events(NID) if e.type == "blind"), 1))


def test_improvements_on_dask_in_chunks_equal_those_in_process(record: Record) -> None:
    distributed = pytest.importorskip("distributed")
    from accords.elicit import improve_on_table
    from accords.elicitation._facilitation import _profile_fit

    _give(
        record, "taliban", {"comparisons": [{"better": A, "worse": B}, {"better": A, "worse": C}]}
    )
    state = record.state(NID)
    space = space_of(state)
    table = {k: v for k, v in table_of(state).items() if k in space.names}
    fits = {"taliban": _profile_fit(state, space, "taliban")}
    here = improve_on_table(space, fits, table, limit=100)
    assert here
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        there = improve_on_table(space, fits, table, limit=100, scheduler=client, chunk=5)
        _, via = improvements(state, scheduler=client)
    assert there == here
    assert via == improvements(state)[1]
