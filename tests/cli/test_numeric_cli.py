"""Numeric parts through the CLI runner: adding them, stances with values and bounds,
the board, the text, scenario files (load, export round trip, bad input)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

Invoke = Callable[..., Result]

SCENARIO = """\
negotiation: {id: nums, title: Numbers}
parties:
  - {id: us, name: United States}
  - {id: tb, name: Taliban}
  - {id: med, name: Mediator, role: mediator}
framework:
  parts:
    - id: withdrawal
      title: Withdrawal of foreign forces
      signatories: [us, tb]
      numeric: {kind: integer, min: 0, max: 36, step: 1, unit: months}
    - id: prisoners
      title: Prisoner release
      signatories: [us, tb]
      numeric: {min: 0, max: 5000, step: 500, unit: prisoners}
    - id: ceasefire
      title: Ceasefire
      signatories: [us, tb]
      options: [{id: full}, {id: reduced}]
    - id: fuel
      title: A decimal part
      signatories: [us, tb]
      numeric: {kind: decimal, min: 0, max: 2, step: 0.25, unit: units}
  linkages:
    - {kind: requires, from: "ceasefire:full", to: "withdrawal:14"}
history:
  - {date: 2019-03-01, move: propose, by: us, part: withdrawal, value: 24}
  - {date: 2019-03-02, move: propose, by: tb, part: withdrawal, value: 9}
  - {date: 2019-03-03, move: accept, by: tb, part: prisoners, at_least: 5000, level: principle}
  - {date: 2019-03-04, move: accept, by: us, part: prisoners, at_most: 5000, level: principle}
  - {date: 2019-03-05, move: propose, by: us, part: fuel, value: 0.75}
preferences:
  us:
    weights: {withdrawal: 0.5, prisoners: 0.3, ceasefire: 0.2}
    values:
      withdrawal: {12: 0.0, 24: 1.0}
      prisoners: {0: 1, 5000: 0}
      ceasefire: {full: 1, reduced: 0.5}
  tb:
    weights: {withdrawal: 0.6, prisoners: 0.4}
    values:
      withdrawal: {0: 1.0, 36: 0.0}
      prisoners: {1000: 0.0, 5000: 1.0}
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "nums.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.fixture
def refused(cli: Invoke, db: str, count: Any, one_line_error: Any) -> Callable[..., str]:
    def run(*args: str, needles: tuple[str, ...] = ()) -> str:
        before = count(db)
        line: str = one_line_error(cli(*args), *needles)
        assert count(db) == before
        return line

    return run


def _small(ok: Invoke) -> None:
    ok("new", "t", "--title", "T", "--on", "2024-01-01")
    ok("party", "add", "a", "--name", "Alpha")
    ok("party", "add", "b", "--name", "Beta")
    ok(
        "part", "add", "w", "--title", "Withdrawal", "--signatories", "a,b",
        "--numeric", "--min", "0", "--max", "36", "--unit", "months",
    )  # fmt: skip


def test_part_add_numeric_and_moves_with_values_and_bounds(ok: Invoke) -> None:
    _small(ok)
    ok("propose", "w", "14", "--by", "a")
    ok("propose", "w", "--value", "18", "--by", "b")
    board = json.loads(ok("status", "--json").stdout)["parts"][0]
    assert board["status"] == "bracketed"
    assert "[14 months | 18 months]" in ok("text").stdout
    ok("accept", "w", "--at-least", "12", "--by", "b")
    ok("accept", "w", "--value", "14", "--by", "a")
    board = json.loads(ok("status", "--json").stdout)["parts"][0]
    assert (board["status"], board["option"]) == ("confirmed", "14")
    assert board["stance_details"]["b"]["bound"] == "at-least"
    table = ok("status").stdout
    assert "on 14 months" in table and "accepts at least 12 months" in table


def test_a_decimal_part_from_the_cli(ok: Invoke) -> None:
    _small(ok)
    ok(
        "part", "add", "d", "--title", "Decimal", "--signatories", "a,b",
        "--numeric", "--min", "0", "--max", "1", "--step", "0.1",
    )  # fmt: skip
    ok("propose", "d", "0.30", "--by", "a")
    assert json.loads(ok("log", "--json").stdout)[-1]["payload"]["option"] == "0.3"


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("propose", "w", "40", "--by", "a"), ("outside 0 to 36 months",)),
        (("propose", "w", "--value", "soon", "--by", "a"), ("not a number",)),
        (("accept", "w", "--at-most", "4", "--at-least", "2", "--by", "a"), ("not several",)),
        (("accept", "w", "--by", "a"), ("--at-most",)),
        (("part", "add", "x", "--title", "X", "--signatories", "a", "--numeric"), ("--min",)),
        (("part", "add", "x", "--title", "X", "--signatories", "a", "--min", "1"), ("--numeric",)),
        (
            ("part", "add", "x", "--title", "X", "--signatories", "a", "--numeric",
             "--min", "0", "--max", "5", "--step", "0"),
            ("must be positive",),
        ),
        (("option", "add", "w", "soon"), ("is numeric",)),
    ],
)  # fmt: skip
def test_bad_numeric_moves_are_one_line_and_append_nothing(
    ok: Invoke, refused: Callable[..., str], args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    _small(ok)
    refused(*args, needles=needles)


def test_scenario_with_numeric_parts_loads_and_exports_losslessly(
    tmp_path: Path, ok: Invoke, scenario: Path
) -> None:
    ok("load", str(scenario))
    board = {p["id"]: p for p in json.loads(ok("status", "--json").stdout)["parts"]}
    assert board["withdrawal"]["status"] == "bracketed"
    assert (board["prisoners"]["status"], board["prisoners"]["option"]) == ("proposed", None)
    assert "the stances admit 5,000 prisoners" in board["prisoners"]["missing"]
    first = ok("export", "--as", "mediator").stdout
    data = yaml.safe_load(first)
    parts = {p["id"]: p for p in data["framework"]["parts"]}
    assert parts["withdrawal"]["numeric"] == {"min": 0, "max": 36, "unit": "months"}
    assert parts["fuel"]["numeric"]["step"] == 0.25
    moves = data["history"]
    assert moves[0]["value"] == 24 and moves[2]["at_least"] == 5000
    assert moves[4]["value"] == 0.75
    assert data["preferences"]["us"]["values"]["withdrawal"] == {"12": 0.0, "24": 1.0}
    exported = tmp_path / "again.yaml"
    exported.write_text(first, encoding="utf-8")
    fresh = str(tmp_path / "fresh.db")
    ok("load", str(exported), db_path=fresh)
    assert ok("export", "--as", "mediator", db_path=fresh).stdout == first


def test_analysis_runs_on_numeric_parts(ok: Invoke, scenario: Path) -> None:
    out = json.loads(
        ok("analyze", str(scenario), "--as", "mediator", "--json", db_path=None).stdout
    )
    assert out["outcomes"] == 37 * 11 * 2 * 9 - 36 * 11 * 9  # ceasefire:full needs 14 months
    assert out["frontier_size"] == len(out["frontier"]) >= 1


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            lambda d: d["history"][0].update(value=40),
            ("history[0].value", "outside 0 to 36 months"),
        ),
        (
            lambda d: d["history"][0].update(value=None, option="soon"),
            ("history[0].option", "is numeric"),
        ),
        (
            lambda d: d["history"].append(
                {"date": "2019-04-01", "move": "accept", "by": "us", "part": "ceasefire",
                 "value": 3}
            ),
            ("history[5].value", "labelled options"),
        ),
        (
            lambda d: d["history"][0].update(at_most=3),
            ("history[0]: ", "one of option, value"),
        ),
        (
            lambda d: d["history"][0].update(value=None, at_most=3),
            ("history[0]: ", "only an accept move"),
        ),
        (
            lambda d: d["framework"]["parts"][0]["numeric"].update(min=50),
            ("framework.parts[0].numeric", "below min"),
        ),
        (
            lambda d: d["framework"]["parts"][0].update(options=[{"id": "x"}]),
            ("framework.parts[0]", "takes no labelled options"),
        ),
        (
            lambda d: d["framework"]["linkages"][0].update(to="withdrawal:14.5"),
            ("framework.linkages[0].to", "not on"),
        ),
        (
            lambda d: d["preferences"]["us"]["values"]["withdrawal"].update({99: 1}),
            ("preferences.us.values.withdrawal.99", "outside"),
        ),
    ],
    ids=[
        "value-out-of-range",
        "option-on-numeric",
        "value-on-labelled",
        "two-positions",
        "bound-on-propose",
        "bad-range",
        "options-and-range",
        "linkage-off-grid",
        "anchor-out-of-range",
    ],
)  # fmt: skip
def test_bad_numeric_scenarios_name_file_field_and_reason(
    scenario: Path,
    refused: Callable[..., str],
    change: Callable[[dict[str, Any]], None],
    needles: tuple[str, ...],
) -> None:
    _edit(scenario, change)
    refused("load", str(scenario), needles=(str(scenario), *needles))


def test_the_2020_example_holds_the_numbers_of_the_record(ok: Invoke) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "us-taliban-2020.yaml"
    ok("load", str(example))
    parts = {
        p["id"]: p
        for p in json.loads(ok("status", "-n", "us-taliban-2020", "--json").stdout)["parts"]
    }
    got = {pid: parts[pid]["option"] for pid in parts if parts[pid]["status"] == "signed"}
    assert {
        "troops-after-135-days": "8600",
        "withdrawal-months": "14",
        "taliban-prisoner-release": "5000",
        "other-side-prisoner-release": "1000",
        "reduced-violence-days": "7",
    }.items() <= got.items()
    us = parts["taliban-prisoner-release"]["stance_details"]["united-states"]
    assert (us["option"], us["bound"]) == ("5000", "at-most")
    before = json.loads(
        ok("status", "-n", "us-taliban-2020", "--as-of", "2019-09-03", "--json").stdout
    )["parts"]
    troops = next(p for p in before if p["id"] == "troops-after-135-days")
    assert (troops["status"], troops["option"]) == ("agreed-ad-ref", "8600")
    text = ok("text", "-n", "us-taliban-2020").stdout
    assert "8,600 troops" in text and "14 months" in text and "5,000 prisoners" in text
