"""Preferences in scenario files: validation, confidentiality, what is on the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from accords.analysis import MEDIATOR, analyze, party_view, read_scenario_problem
from accords.errors import AccessDenied, ScenarioError, UnknownReference

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-taliban-2019.yaml"


def _scenario(**preferences: Any) -> dict[str, Any]:
    return {
        "negotiation": {"id": "t", "title": "Test talks", "started": "2020-01-01"},
        "parties": [
            {"id": "a", "name": "A"},
            {"id": "b", "name": "B"},
            {"id": "m", "name": "M", "role": "mediator"},
        ],
        "framework": {
            "parts": [
                {
                    "id": "x",
                    "title": "X",
                    "signatories": ["a", "b"],
                    "options": [{"id": "x1"}, {"id": "x2"}],
                },
                {
                    "id": "y",
                    "title": "Y",
                    "signatories": ["a", "b"],
                    "options": [{"id": "y1"}, {"id": "y2"}, {"id": "y3"}],
                },
            ],
            "linkages": [{"kind": "excludes", "from": "x:x1", "to": "y:y3"}],
        },
        "history": [
            {"date": "2020-01-02", "move": "propose", "by": "a", "part": "x", "option": "x1"},
            {
                "date": "2020-01-02",
                "move": "accept",
                "by": "a",
                "part": "x",
                "option": "x1",
                "level": "principle",
            },
            {
                "date": "2020-01-02",
                "move": "accept",
                "by": "b",
                "part": "x",
                "option": "x1",
                "level": "principle",
            },
            {"date": "2020-01-03", "move": "propose", "by": "b", "part": "y", "option": "y2"},
        ],
        "preferences": preferences,
    }


A = {
    "reservation": 0.3,
    "weights": {"x": 0.5, "y": 0.5},
    "values": {"x": {"x1": 1, "x2": 0}, "y": {"y1": 1, "y2": 0.5, "y3": 0}},
}
B = {
    "reservation": 0.2,
    "weights": {"x": 0.5, "y": 0.5},
    "values": {"x": {"x1": 0, "x2": 1}, "y": {"y1": 0, "y2": 0.5, "y3": 1}},
    "red_lines": [["y:y1"]],
}


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    p = tmp_path / "s.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    return p


def test_mediator_gets_everything_and_the_table(tmp_path: Path) -> None:
    sp = read_scenario_problem(_write(tmp_path, _scenario(a=A, b=B)), MEDIATOR)
    assert sp.problem.parties == ("a", "b")
    assert sp.accepted == {"x": "x1"}
    assert sp.proposal == {"x": "x1", "y": "y2"}
    result = analyze(sp.problem, proposal=sp.proposal)
    # 2 * 3 = 6 combinations; x1 with y3 is excluded, b's red line removes y1: 3 remain
    assert result.frontier.feasible_count == 3
    assert result.proposal is not None and result.proposal.on_frontier


def test_given_accepted_restricts_to_completions(tmp_path: Path) -> None:
    path = _write(tmp_path, _scenario(a=A, b=B))
    sp = read_scenario_problem(path, MEDIATOR, given_accepted=True)
    assert sp.problem.space.describe_fixed() == {"x": "x1"}
    result = analyze(sp.problem)
    rows, _ = result.frontier.outcomes()
    assert {sp.problem.space.describe(r)["x"] for r in rows} == {"x1"}
    assert result.frontier.feasible_count == 1  # x1 with y2 only


def test_party_viewer_sees_only_its_own_preferences(tmp_path: Path) -> None:
    path = _write(tmp_path, _scenario(a=A, b=B))
    sp = read_scenario_problem(path, "a")
    assert sp.problem.parties == ("a",)
    assert set(sp.problem.preferences) == {"a"}
    # b's red line is b's secret: it does not shape what a sees
    assert sp.problem.red_lines() == []
    with pytest.raises(AccessDenied, match="only the mediator"):
        analyze(sp.problem, viewer="a")
    view = party_view(sp.problem, "a", sp.proposal)
    assert view.proposal_utility == pytest.approx(0.5 + 0.25)


def test_non_parties_and_strangers_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, _scenario(a=A, b=B))
    with pytest.raises(AccessDenied, match="mediator"):
        read_scenario_problem(path, "m")
    with pytest.raises(UnknownReference, match="unknown viewer"):
        read_scenario_problem(path, "zed")


@pytest.mark.parametrize(
    ("prefs", "path", "reason"),
    [
        ({"a": {**A, "weights": {"x": -1, "y": 1}}, "b": B}, "preferences.a.weights", "negative"),
        (
            {"a": {**A, "values": {"x": {"x1": 1.5, "x2": 0}, "y": A["values"]["y"]}}, "b": B},
            "preferences.a.values",
            "[0, 1]",
        ),
        (
            {"a": {**A, "values": {**A["values"], "x": {"x1": 1, "x9": 0}}}, "b": B},
            "preferences.a.values.x.x9",
            "no option",
        ),
        (
            {"a": {**A, "values": {**A["values"], "x": {"x1": 1}}}, "b": B},
            "preferences.a.values.x",
            "no value for option(s) x2",
        ),
        ({"a": {**A, "red_lines": [["y:y9"]]}, "b": B}, "preferences.a.red_lines[0][0]", "y9"),
        (
            {"a": {**A, "interactions": [{"a": "x:x1", "b": "q:q1", "value": 1}]}, "b": B},
            "preferences.a.interactions[0].b",
            "unknown part",
        ),
        ({"a": A}, "preferences", "no preferences for b"),
    ],
)
def test_validation_errors_name_the_field(
    tmp_path: Path, prefs: dict[str, Any], path: str, reason: str
) -> None:
    file = _write(tmp_path, _scenario(**prefs))
    with pytest.raises(ScenarioError) as exc:
        read_scenario_problem(file, MEDIATOR)
    assert exc.value.file == str(file)
    assert exc.value.path.startswith(path)
    assert reason in exc.value.reason


def test_the_example_has_illustrative_preferences_for_every_party() -> None:
    sp = read_scenario_problem(EXAMPLE, MEDIATOR)
    assert set(sp.problem.parties) == {"united-states", "taliban", "afghan-government"}
    assert set(sp.illustrative) == set(sp.problem.parties)
    result = analyze(sp.problem, proposal=sp.proposal)
    assert result.zopa_size is not None and result.zopa_size > 0
    assert result.nash is not None
