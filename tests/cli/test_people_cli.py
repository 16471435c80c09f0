"""``accords person add|title|attend|list|show`` through the runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from typer.testing import Result

Invoke = Callable[..., Result]


def test_add_a_person_with_a_title_attend_and_read_back(
    ok: Invoke, small: str, db: str, count: Callable[..., int]
) -> None:
    before = count(db)
    out = ok(
        "person", "add", "envoy", "--name", "Zalmay Khalilzad", "--party", "a",
        "--spelling", "Zalmai Khalilzad", "--honorific", "Ambassador",
        "--title", "special envoy", "--from", "2018-09-04", "--institution", "Foreign Office",
        "--source", "https://example.org/envoy", "--on", "2024-01-02",
    ).stdout  # fmt: skip
    assert "person-added" in out and "title-added" in out
    ok("person", "title", "envoy", "adviser to Beta", "--from", "2024-03-01", "--party", "b")
    ok("person", "attend", "envoy", "--round", "1")
    assert count(db) == before + 4
    shown: dict[str, Any] = json.loads(ok("person", "show", "envoy", "--json").stdout)
    assert shown["name"] == "Zalmay Khalilzad"
    assert shown["spellings"] == ["Zalmai Khalilzad"]
    assert shown["titles"][0] == {
        "title": "special envoy",
        "from": "2018-09-04",
        "institution": "Foreign Office",
        "source": "https://example.org/envoy",
    }
    assert shown["rounds"] == [{"round": 1, "person": "envoy", "party": "a"}]
    listed = json.loads(ok("person", "list", "--json").stdout)
    assert [p["id"] for p in listed] == ["envoy"]
    # as of a date, whom they speak for follows the dated title
    later = json.loads(ok("person", "list", "--as-of", "2024-04-01", "--json").stdout)
    assert later[0]["speaks_for"] == "b"
    assert json.loads(ok("person", "list", "--round", "1", "--json").stdout)[0]["id"] == "envoy"
    text = ok("person", "show", "envoy").stdout
    assert "Ambassador" in text and "rounds attended: 1 (a)" in text
    assert "Zalmay Khalilzad" in ok("person", "list").stdout


def test_refusals_are_one_line_and_append_nothing(
    cli: Invoke, ok: Invoke, small: str, db: str, count: Callable[..., int], one_line_error: Any
) -> None:
    ok("person", "add", "x", "--name", "Some One", "--party", "a")
    before = count(db)
    one_line_error(cli("person", "add", "x", "--name", "Other"), "person 'x' already exists")
    one_line_error(cli("person", "add", "y", "--name", "Y", "--party", "zz"), "unknown party 'zz'")
    one_line_error(
        cli("person", "add", "y", "--name", "Y", "--title", "t", "--from", "2020-02-01",
            "--to", "2020-01-01"),
        "ends (2020-01-01) before it starts",
    )  # fmt: skip
    one_line_error(cli("person", "title", "nobody", "t"), "unknown person 'nobody'")
    one_line_error(cli("person", "attend", "x", "--round", "7"), "no round 7", "round open 7")
    one_line_error(cli("person", "show", "nobody"), "unknown person 'nobody'; known people: x")
    one_line_error(cli("person", "list", "--round", "9"), "no round 9")
    one_line_error(cli("person", "title", "x", "t", "--from", "soon"), "'soon' is not a date")
    # the person with a refused title was not added either: the pair is one act
    assert count(db) == before


def test_the_example_lists_its_people(ok: Invoke, example_db: str) -> None:
    rows = json.loads(ok("person", "list", "--json").stdout)
    mujahid = next(r for r in rows if r["id"] == "mujahid")
    assert mujahid["speaks_for"] == "taliban"
    assert "Zabiullah Mujahid" in mujahid["spellings"]
    at_five = {r["id"] for r in json.loads(ok("person", "list", "--round", "5", "--json").stdout)}
    assert {"khalilzad", "baradar"} <= at_five
