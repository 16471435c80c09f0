"""scenario/_refs.py: each bad reference between sections is refused at its field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from accords.errors import ScenarioError
from accords.scenario.native import parse_scenario

BASE: dict[str, Any] = {
    "negotiation": {"id": "t", "title": "T"},
    "parties": [
        {"id": "a", "name": "A"},
        {"id": "b", "name": "B"},
        {"id": "q", "name": "Q", "role": "mediator"},
    ],
    "framework": {
        "parts": [
            {"id": "p1", "title": "P1", "signatories": ["a", "b"], "options": [{"id": "x"}]},
            {"id": "p2", "title": "P2", "signatories": ["a", "b"], "options": [{"id": "y"}]},
        ],
        "linkages": [{"kind": "requires", "from": "p1:x", "to": "p2:y"}],
    },
    "rounds": [{"number": 1, "start": "2019-01-01"}],
    "history": [{"date": "2019-01-02", "move": "propose", "by": "a", "part": "p1", "option": "x"}],
    "preferences": {"a": {"weights": {"p1": 1}, "values": {"p1": {"x": 1}}}},
}


def _refused(change: Any) -> ScenarioError:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(json.dumps(data), "s.json", json_only=True)
    return info.value


def test_the_base_scenario_passes() -> None:
    assert parse_scenario(json.dumps(BASE), "s.json", json_only=True).negotiation.id == "t"


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (lambda d: d["parties"].append({"id": "a", "name": "A2"}), "parties[3].id", "twice"),
        (
            lambda d: d["framework"]["parts"][0]["signatories"].append("zz"),
            "framework.parts[0].signatories[2]",
            "unknown party 'zz'",
        ),
        (
            lambda d: d["framework"]["parts"][0]["signatories"].append("q"),
            "framework.parts[0].signatories[2]",
            "cannot be a signatory",
        ),
        (
            lambda d: d["framework"]["parts"][1].update(id="p1"),
            "framework.parts[1].id",
            "part 'p1' appears twice",
        ),
        (
            lambda d: d["framework"]["linkages"][0].update(to="p2"),
            "framework.linkages[0].to",
            "PART:OPTION",
        ),
        (
            lambda d: d["framework"]["linkages"][0].update({"from": "p1:nope"}),
            "framework.linkages[0].from",
            "has no option 'nope'",
        ),
        (lambda d: d["history"][0].update(round=7), "history[0].round", "no round 7"),
        (lambda d: d["history"][0].update(part="p9"), "history[0].part", "unknown part 'p9'"),
        (
            lambda d: d["preferences"]["a"]["values"]["p1"].update(z=1),
            "preferences.a.values.p1.z",
            "has no option 'z'",
        ),
    ],
)
def test_a_bad_reference_is_refused_at_its_field(change: Any, where: str, reason: str) -> None:
    err = _refused(change)
    assert where in str(err) and reason in str(err)


def test_an_unknown_part_of_a_text_move_lists_the_known_parts_in_order() -> None:
    """The list was a set's iteration order, different from one run to the next."""

    def change(data: dict[str, Any]) -> None:
        parts = data["framework"]["parts"]
        parts += [{**parts[0], "id": f"z{i}", "options": []} for i in range(9, 0, -1)]
        data["text"] = {
            "moves": [
                {"date": "2019-01-02", "move": "table", "by": "q", "part": "nope"}
                | {"clause": "c1", "title": "C", "text": "T"}
            ]
        }

    message = str(_refused(change))
    known = message.split("known parts: ", 1)[1].split(", ")
    assert known == sorted(known) and "p1" in known and "z9" in known
