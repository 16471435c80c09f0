"""Numeric parts in the analysis: value curves, the frontier against brute force, and
GENIUS integer and real issues read, written and scored exactly."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.analysis import pareto_frontier
from accords.analysis._curves import curve_values
from accords.analysis._scenario import problem_from_state
from accords.errors import ScenarioError
from accords.model import State, decide, fold
from accords.model import commands as c
from accords.model.numeric import NumericRange
from accords.scenario.genius import read_domain, read_profile, write_domain, write_profile

_CALM = [HealthCheck.too_slow, HealthCheck.data_too_large]
D0 = date(2020, 1, 1)


# -- value curves ----------------------------------------------------------------------


def _exact(anchors: dict[str, float], x: Fraction) -> Fraction:
    """The curve by its definition: flat outside the anchors, straight lines between."""
    pts = sorted((Fraction(k), Fraction(v)) for k, v in anchors.items())
    if x <= pts[0][0]:
        return pts[0][1]
    if x >= pts[-1][0]:
        return pts[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    raise AssertionError("unreachable")


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_curve_values_are_the_nearest_floats_to_the_exact_interpolation(
    data: st.DataObject,
) -> None:
    step = data.draw(st.sampled_from(["1", "0.1", "0.25", "3"]))
    kind = "integer" if step in ("1", "3") else "decimal"
    rng = NumericRange.make(kind, "0", 30 * Decimal(step), step)
    grid = rng.grid()
    keys = data.draw(st.lists(st.sampled_from(grid), min_size=1, max_size=5, unique=True))
    anchors = {k: data.draw(st.floats(0, 1)) for k in keys}
    got = curve_values(rng, anchors)
    assert got == tuple(float(_exact(anchors, Fraction(x))) for x in grid)


def test_a_curve_refuses_anchors_off_the_range() -> None:
    rng = NumericRange.make("integer", 0, 10, 1)
    with pytest.raises(ValueError, match="outside"):
        curve_values(rng, {"11": 1.0})
    with pytest.raises(ValueError, match="twice"):
        curve_values(rng, {"2": 1.0, "2.0": 0.5})


# -- the frontier against brute force -----------------------------------------------------


@st.composite
def numeric_records(draw: st.DrawFn) -> tuple[State, dict[str, Any]]:
    """A record of 1-3 numeric parts (plus maybe one labelled) and 1-3 parties' curves.

    Anchor values are eighths and anchor gaps powers of two steps, so every value of
    every curve is a dyadic fraction and the brute-force sums below are exact.
    """
    parties = [f"q{k}" for k in range(draw(st.integers(1, 3)))]
    cmds: list[c.Command] = [c.CreateNegotiation(on=D0, id="n", title="T")]
    cmds += [c.AddParty(on=D0, id=p, name=p) for p in parties]
    ranges: dict[str, NumericRange] = {}
    for j in range(draw(st.integers(1, 3))):
        step = draw(st.sampled_from(["1", "0.5", "2"]))
        kind = "integer" if step != "0.5" else "decimal"
        size = draw(st.integers(1, 5))
        high = Decimal(step) * (size - 1) + 10
        rng = NumericRange.make(kind, "10", high, step)
        assert len(rng.grid()) == size
        ranges[f"n{j}"] = rng
        cmds.append(
            c.AddPart(
                on=D0, id=f"n{j}", title="N", signatories=tuple(parties), numeric=rng.to_dict()
            )
        )
    labelled = draw(st.booleans())
    if labelled:
        cmds.append(
            c.AddPart(
                on=D0, id="l", title="L", signatories=tuple(parties), options=(("x", ""), ("y", ""))
            )
        )
    oracle: dict[str, Any] = {"ranges": ranges, "labelled": labelled, "prefs": {}}
    for p in parties:
        weights = {pid: draw(st.integers(0, 4)) / 4 for pid in ranges}
        values: dict[str, dict[str, float]] = {}
        for pid, rng in ranges.items():
            grid = rng.grid()
            idx, anchors = 0, {}
            while True:
                anchors[grid[idx]] = draw(st.integers(0, 8)) / 8
                gap = draw(st.sampled_from([1, 2, 4]))
                if idx + gap >= len(grid) or draw(st.integers(0, 3)) == 0:
                    break
                idx += gap
            values[pid] = anchors
        if labelled:
            weights["l"] = draw(st.integers(0, 4)) / 4
            values["l"] = {"x": draw(st.integers(0, 8)) / 8, "y": draw(st.integers(0, 8)) / 8}
        prefs = {"weights": weights, "values": values}
        cmds.append(c.SetPreferences(on=D0, party=p, preferences=prefs))
        oracle["prefs"][p] = prefs
    s = State()
    for cmd in cmds:
        s = fold(decide(s, cmd), s)
    return s, oracle


def _brute(oracle: dict[str, Any]) -> dict[tuple[str, ...], tuple[Fraction, ...]]:
    """Every package (values as text) with each party's exact utility, by enumeration."""
    ranges: dict[str, NumericRange] = oracle["ranges"]
    axes = [[str(x) for x in r.grid()] for r in ranges.values()]
    if oracle["labelled"]:
        axes.append(["x", "y"])
    ids = [*ranges, *(["l"] if oracle["labelled"] else [])]
    out = {}
    for combo in itertools.product(*axes):
        us = []
        for prefs in oracle["prefs"].values():
            u = Fraction(0)
            for pid, chosen in zip(ids, combo, strict=True):
                w = Fraction(prefs["weights"][pid])
                if pid == "l":
                    u += w * Fraction(prefs["values"]["l"][chosen])
                else:
                    u += w * _exact(prefs["values"][pid], Fraction(chosen))
            us.append(u)
        out[combo] = tuple(us)
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=_CALM)
@given(numeric_records())
def test_the_frontier_of_numeric_parts_is_the_brute_force_frontier(
    record: tuple[State, dict[str, Any]],
) -> None:
    state, oracle = record
    problem = problem_from_state(state, "mediator").problem
    scored = _brute(oracle)
    frontier = {
        x
        for x, u in scored.items()
        if not any(
            all(a >= b for a, b in zip(v, u, strict=True)) and v != u for v in scored.values()
        )
    }
    f = pareto_frontier(problem)
    rows, cls = f.outcomes()
    ids = problem.space.part_ids
    got = {tuple(problem.space.describe(r)[pid] for pid in ids) for r in rows}
    assert got == frontier
    assert f.feasible_count == len(scored)
    for r, k in zip(rows, cls, strict=True):
        x = tuple(problem.space.describe(r)[pid] for pid in ids)
        assert tuple(Fraction(float(u)) for u in f.utilities[k]) == scored[x]


# -- GENIUS integer and real issues -------------------------------------------------------

_DOMAIN = """<negotiation_template><utility_space>
<objective index="0" name="t" type="objective" etype="objective">
<issue index="1" name="price" type="real" etype="real" vtype="real" {real}>{child}</issue>
<issue index="2" name="units" type="integer" etype="integer" vtype="integer"
 lowerbound="1" upperbound="9"/>
</objective></utility_space></negotiation_template>"""
_PROFILE = """<utility_space><objective index="0" name="t" type="objective" etype="objective">
<issue index="1" name="price" type="real" etype="real" vtype="real" {real}>
<evaluator ftype="linear" parameter0="{p0}" parameter1="{p1}"/></issue>
<issue index="2" name="units" type="integer" etype="integer" vtype="integer"
 lowerbound="1" upperbound="9"><evaluator ftype="linear" slope="{slope}" offset="{offset}"/>
</issue><weight index="1" value="0.375"/><weight index="2" value="0.625"/>
</objective><reservation value="0.25"/></utility_space>"""


def _files(tmp: Path, real: str, child: str = "", **ev: float) -> tuple[Path, Path]:
    (tmp / "d.xml").write_text(_DOMAIN.format(real=real, child=child), encoding="utf-8")
    (tmp / "a.xml").write_text(_PROFILE.format(real=real, **ev), encoding="utf-8")
    return tmp / "d.xml", tmp / "a.xml"


def test_a_real_issue_is_discretised_by_its_step_or_into_ten(tmp_path: Path) -> None:
    ev = {"p0": 1.0, "p1": -0.125, "slope": 0.25, "offset": -0.5}
    d, _ = _files(tmp_path, 'lowerbound="0" upperbound="8" step="2"', **ev)
    assert read_domain(d).issues[0].values == ("0", "2", "4", "6", "8")
    d, _ = _files(tmp_path, "", '<range lowerbound="0" upperbound="1"/>', **ev)
    assert read_domain(d).issues[0].values == tuple(f"{x / 10:g}" for x in range(11))


def test_genius_integer_and_real_evaluations_and_round_trip(tmp_path: Path) -> None:
    d, a = _files(
        tmp_path,
        'lowerbound="0" upperbound="8" step="0.5"',
        p0=1.0,
        p1=-0.125,
        slope=0.25,
        offset=-0.5,
    )
    domain = read_domain(d)
    profile = read_profile(a, domain)
    price, units = domain.issues
    assert [profile.evaluation(price, v) for v in ("0", "4", "8")] == [1.0, 0.5, 0.0]
    # clamp(0.25 * (x - 1) - 0.5, 0, 1): 0 up to 3, then a quarter a unit
    assert [profile.evaluation(units, v) for v in ("1", "3", "4", "9")] == [0.0, 0.0, 0.25, 1.0]
    write_domain(domain, tmp_path / "d2.xml")
    write_profile(profile, domain, tmp_path / "a2.xml")
    again = read_domain(tmp_path / "d2.xml")
    assert again == domain
    back = read_profile(tmp_path / "a2.xml", again)
    for issue in domain.issues:
        for v in issue.values:
            assert back.evaluation(issue, v) == profile.evaluation(issue, v)


def test_bad_real_issues_name_the_field(tmp_path: Path) -> None:
    ev = {"p0": 1.0, "p1": -0.125, "slope": 0.25, "offset": -0.5}
    d, _ = _files(tmp_path, 'lowerbound="0"', **ev)
    with pytest.raises(ScenarioError, match="upperbound: missing attribute"):
        read_domain(d)
    d, _ = _files(tmp_path, 'lowerbound="0" upperbound="8" step="-1"', **ev)
    with pytest.raises(ScenarioError, match="must be positive"):
        read_domain(d)


@settings(max_examples=100, deadline=None, suppress_health_check=_CALM)
@given(
    st.integers(-8, 8).map(lambda x: x / 8),
    st.integers(-8, 8).map(lambda x: x / 8),
    st.integers(-16, 16).map(lambda x: x / 16),
    st.integers(-8, 16).map(lambda x: x / 8),
)
def test_a_numeric_part_with_the_evaluators_kinks_as_anchors_scores_as_genius(
    p1: float, p0: float, slope: float, offset: float
) -> None:
    """GENIUS's clamped linear evaluators, written as value curves over the same values,
    give every package the utility GENIUS gives it."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        d, a = _files(
            Path(tmp),
            'lowerbound="0" upperbound="4" step="0.5"',
            p0=p0,
            p1=p1,
            slope=slope,
            offset=offset,
        )
        domain = read_domain(d)
        profile = read_profile(a, domain)
    cmds: list[c.Command] = [
        c.CreateNegotiation(on=D0, id="n", title="T"),
        c.AddParty(on=D0, id="a", name="A"),
    ]
    values: dict[str, dict[str, float]] = {}
    for issue, kind in zip(domain.issues, ("decimal", "integer"), strict=True):
        rng = NumericRange.make(
            kind, issue.values[0], issue.values[-1], "0.5" if kind == "decimal" else 1
        )
        cmds.append(
            c.AddPart(
                on=D0, id=issue.name, title=issue.name, signatories=("a",), numeric=rng.to_dict()
            )
        )
        # anchors: the ends, and the values on either side of each kink of the clamp
        ys = [profile.evaluation(issue, v) for v in issue.values]
        keep = {0, len(ys) - 1}
        for i in range(1, len(ys) - 1):
            if ys[i] - ys[i - 1] != ys[i + 1] - ys[i]:
                keep.add(i)
        values[issue.name] = {issue.values[i]: ys[i] for i in sorted(keep)}
    weights = {i.name: profile.weights[i.name] for i in domain.issues}
    cmds.append(
        c.SetPreferences(on=D0, party="a", preferences={"weights": weights, "values": values})
    )
    s = State()
    for cmd in cmds:
        s = fold(decide(s, cmd), s)
    problem = problem_from_state(s, "mediator").problem
    outcomes = list(itertools.product(*(range(len(p.options)) for p in problem.space.parts)))
    got = problem.utility("a", outcomes)
    for row, u in zip(outcomes, got, strict=True):
        bid = problem.space.describe(row)
        assert abs(float(u) - profile.utility(domain, bid)) < 1e-12
