"""GENIUS XML and GeniusWeb JSON: the ANAC scenarios, our own fixtures, malformed files."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from accords.analysis import Problem, load_genius, nash, pareto_frontier, problem_from_genius
from accords.errors import ScenarioError
from accords.scenario.genius import (
    Domain,
    Issue,
    LinearEvaluator,
    Profile,
    read_domain,
    read_genius,
    read_profile,
    write_domain,
    write_profile,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def _scenarios() -> list[tuple[str, Path, list[Path]]]:
    base = DATA / "genius"
    if not base.is_dir():
        return []
    out = []
    for folder in sorted(base.iterdir()):
        files = sorted(folder.glob("*.xml"))
        domains = [f for f in files if "evaluation=" not in f.read_text(encoding="utf-8")]
        out.append((folder.name, domains[0], [f for f in files if f not in domains]))
    return out


def _need_data() -> None:
    if not (DATA / "genius").is_dir():
        pytest.skip(f"reference data not found at {DATA} (the shared ANAC scenarios)")


def _everything(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """Every package and its utilities, scored by the engine's batch API."""
    sizes = [len(p.options) for p in problem.space.parts]
    x = np.array(list(itertools.product(*[range(s) for s in sizes])), dtype=np.int64)
    return x, problem.utility_ints(x)


def _dominated_by(u: np.ndarray, by: np.ndarray) -> np.ndarray:
    """For each row of ``u``: does some row of ``by`` dominate it?"""
    out = np.zeros(len(u), dtype=bool)
    for b in by:
        out |= np.all(b >= u, axis=1) & np.any(b > u, axis=1)
    return out


@pytest.mark.parametrize("name", [s[0] for s in _scenarios()] or ["(no data)"])
def test_anac_scenarios_frontier_and_nash_match_brute_force(name: str) -> None:
    _need_data()
    _, domain, profiles = next(s for s in _scenarios() if s[0] == name)
    problem = load_genius(domain, profiles)
    assert problem.parties == tuple(p.stem for p in profiles)
    assert problem.space.part_ids == tuple(i.name for i in read_domain(domain).issues)
    x, u = _everything(problem)
    f = pareto_frontier(problem)
    rows, _ = f.outcomes()
    got = {tuple(int(v) for v in r) for r in rows}
    on = np.array([tuple(int(v) for v in r) in got for r in x])
    # the frontier is exactly the undominated packages: nothing on it is dominated by any
    # package, and every package left off is dominated by one on it (dominance is transitive)
    assert len(got) == len(rows) == on.sum()
    assert not _dominated_by(u[on], u).any()
    assert _dominated_by(u[~on], u[on]).all()
    # Nash: the largest product of gains among packages no party rates below no agreement
    g = (u - problem.reservation_ints).astype(object)
    ok = np.all(u >= problem.reservation_ints, axis=1)
    s = nash(f)
    if not ok.any():
        assert s is None
        return
    assert s is not None
    best = max(np.prod(row) for row in g[ok])
    mine = problem.utility_ints(s.outcome[None])[0] - problem.reservation_ints
    assert np.prod(mine.astype(object)) == best


def test_camera_discrete_evaluations_are_scaled_as_genius_does() -> None:
    _need_data()
    folder = DATA / "genius" / "Camera"
    domain, (buyer,) = read_genius(
        folder / "camera_domain.xml", [folder / "camera_buyer_utility.xml"]
    )
    maker = domain.issue("Maker")
    assert buyer.evaluation(maker, "Canon") == 320 / 320
    assert buyer.evaluation(maker, "Pentax") == 10 / 320
    assert buyer.discount == pytest.approx(0.890596104)
    problem = problem_from_genius(domain, [buyer])
    best = {"Maker": "Canon", "Body": "Full size", "Lens": "High end model"}
    best |= {"Tripod": "GITZO", "Bag": "Domke", "Accessory": "Battery Grip"}
    assert problem.utilities(problem.encode([best]))[0, 0] == pytest.approx(1.0)


def test_reservation_values_and_multilateral_scenarios() -> None:
    _need_data()
    folder = DATA / "genius" / "group6-tram"
    problem = load_genius(folder / "Tram.xml", sorted(folder.glob("Tram_Profile*.xml")))
    assert problem.n_parties == 9
    assert set(np.round(problem.reservations, 6)) <= {0.1, 0.5, 0.0, 0.2}


def test_geniusweb_profiles_take_the_reservation_bid_utility() -> None:
    _need_data()
    folder = DATA / "geniusweb" / "Party"
    problem = load_genius(folder / "party.json", [folder / "party1.json", folder / "party2.json"])
    assert problem.parties == ("party1", "party2")
    bid = {
        "Food": "Handmade Food",
        "Drinks": "Handmade Cocktails",
        "Location": "Party Tent",
        "Invitations": "Custom, Printed",
        "Music": "Band",
        "Cleanup": "Special Equiment",
    }
    u = problem.utilities(problem.encode([bid]))[0, 0]
    expected = 0.19 * 0.51 + 0.28 * 0.672 + 0.19 * 0.52 + 0.05 * 0.48 + 0.19 * 0.35 + 0.10 * 0.32
    assert u == pytest.approx(expected)
    assert problem.reservations[0] == pytest.approx(expected)


def _fixture() -> tuple[Domain, list[Profile]]:
    domain = Domain(
        "fixture",
        (
            Issue("colour", ("red", "green", "blue")),
            Issue("size", tuple(str(x) for x in range(2, 7)), "integer", 2, 6),
        ),
    )
    alice = Profile(
        "alice",
        {"colour": 0.6, "size": 0.4},
        {"colour": {"red": 10, "green": 5, "blue": 0}},
        {"size": LinearEvaluator(2, 6, 0.3, 0.1)},
        reservation=0.25,
        discount=0.9,
    )
    bob = Profile(
        "bob",
        {"colour": 0.5, "size": 0.5},
        {"colour": {"red": 0.2, "green": 1.0, "blue": 0.7}},
        {"size": LinearEvaluator(2, 6, -0.25, 1.0)},
    )
    return domain, [alice, bob]


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    domain, profiles = _fixture()
    write_domain(domain, tmp_path / "domain.xml")
    for p in profiles:
        write_profile(p, domain, tmp_path / f"{p.name}.xml")
    d2, p2 = read_genius(tmp_path / "domain.xml", [tmp_path / "alice.xml", tmp_path / "bob.xml"])
    assert d2.issues == domain.issues
    assert [(p.weights, p.discrete, p.linear, p.reservation, p.discount) for p in p2] == [
        (p.weights, p.discrete, p.linear, p.reservation, p.discount) for p in profiles
    ]


def test_integer_issues_use_clamped_linear_evaluators() -> None:
    domain, (alice, bob) = _fixture()
    size = domain.issue("size")
    assert alice.evaluation(size, "2") == pytest.approx(0.1)
    assert alice.evaluation(size, "4") == pytest.approx(0.7)
    assert alice.evaluation(size, "6") == 1.0  # 0.3 * 4 + 0.1 = 1.3, clamped
    assert bob.evaluation(size, "6") == 0.0  # -0.25 * 4 + 1 = 0
    colour = domain.issue("colour")
    assert alice.evaluation(colour, "green") == 0.5  # 5 / 10: highest evaluation above 1
    assert bob.evaluation(colour, "blue") == 0.7  # at most 1: used as written


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


DOMAIN = """<negotiation_template><utility_space><objective index="0" name="d">
<issue index="1" name="colour" type="discrete"><item index="1" value="red"/>
<item index="2" value="blue"/></issue></objective></utility_space></negotiation_template>"""


@pytest.mark.parametrize(
    ("profile", "path", "reason"),
    [
        ("<utility_space><objective", "", "not well-formed XML"),
        (
            '<utility_space><objective index="0"><issue index="1" name="colour" type="discrete">'
            '<item value="red" evaluation="1"/><item value="blue" evaluation="x"/></issue>'
            '<weight index="1" value="1"/></objective></utility_space>',
            "objective.issue[0].item[1].evaluation",
            "is not a number",
        ),
        (
            '<utility_space><objective index="0"><issue index="1" name="colour" type="discrete">'
            '<item value="red" evaluation="1"/><item value="green" evaluation="1"/></issue>'
            '<weight index="1" value="1"/></objective></utility_space>',
            "objective.issue[0].item[1].value",
            "is not a value of issue",
        ),
        (
            '<utility_space><objective index="0"><issue index="1" name="colour" type="discrete">'
            '<item value="red" evaluation="1"/><item value="blue" evaluation="2"/></issue>'
            '<weight index="1" value="-1"/></objective></utility_space>',
            "objective.weight[0].value",
            "negative",
        ),
        (
            '<utility_space><objective index="0"><issue index="1" name="shape" type="discrete">'
            "</issue></objective></utility_space>",
            "objective.issue[0].name",
            "not in the domain",
        ),
    ],
)
def test_malformed_profiles_name_file_field_and_reason(
    tmp_path: Path, profile: str, path: str, reason: str
) -> None:
    domain = read_domain(_write(tmp_path, "d.xml", DOMAIN))
    bad = _write(tmp_path, "bad.xml", profile)
    with pytest.raises(ScenarioError) as exc:
        read_profile(bad, domain)
    assert exc.value.file == str(bad)
    assert exc.value.path == path
    assert reason in exc.value.reason


def test_missing_and_malformed_domains(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file"):
        read_domain(tmp_path / "absent.xml")
    empty = _write(tmp_path, "e.xml", "<negotiation_template/>")
    with pytest.raises(ScenarioError, match="no objective"):
        read_domain(empty)
    bad_json = _write(tmp_path, "d.json", "{")
    with pytest.raises(ScenarioError, match="not valid JSON"):
        read_genius(bad_json, [])


def test_an_accords_problem_written_as_genius_reads_back_the_same(tmp_path: Path) -> None:
    from accords.analysis import (
        OutcomeSpace,
        Part,
        Preferences,
        genius_from_problem,
        pareto_frontier,
    )
    from accords.analysis import Problem as P

    space = OutcomeSpace((Part("a", ("x", "y", "z")), Part("b", ("u", "v"))))
    problem = P(
        space,
        {
            "one": Preferences((0.6, 0.4), ((1.0, 0.5, 0.0), (0.0, 1.0)), reservation=0.3),
            "two": Preferences((0.5, 0.5), ((0.0, 0.25, 1.0), (1.0, 0.0))),
        },
    )
    domain, profiles = genius_from_problem(problem)
    write_domain(domain, tmp_path / "d.xml")
    for p in profiles:
        write_profile(p, domain, tmp_path / f"{p.name}.xml")
    again = load_genius(tmp_path / "d.xml", [tmp_path / "one.xml", tmp_path / "two.xml"])
    assert again.parties == problem.parties
    assert (again.reservation_ints == problem.reservation_ints).all()
    assert (pareto_frontier(again).points == pareto_frontier(problem).points).all()
