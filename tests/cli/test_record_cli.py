"""Every record command of the CLI, through Typer's runner, against a database in tmp_path."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import Result

from accords.application import Record
from accords.model import PART_STATUSES, State
from accords.sealing import open_store

Invoke = Callable[..., Result]

#: The words DESIGN.md gives a party's stance and the agreement as a whole.
STANCE_WORDS = {"supports", "accepts", "reserves", "rejects", "silent"}
AGREEMENT_WORDS = {"not-agreed", "concluded", "initialled", "signed"}

PREFERENCES_SCENARIO = """\
negotiation: {id: prefs, title: With preferences}
parties:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
  - {id: med, name: Mediator, role: mediator}
framework:
  parts:
    - id: p1
      title: Part one
      signatories: [a, b]
      options: [{id: x, text: Option x}, {id: y, text: Option y}]
history:
  - {date: 2024-03-01, move: propose, by: a, part: p1, option: x}
preferences:
  a:
    reservation: 0.25
    weights: {p1: 1.0}
    values: {p1: {x: 1.0, y: 0.0}}
"""


def status(ok: Invoke, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("status", "--json", *args).stdout)
    return data


def part_of(data: dict[str, Any], part: str) -> dict[str, Any]:
    return next(p for p in data["parts"] if p["id"] == part)


def statuses(data: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["status"] for p in data["parts"]}


def state_of(db: str, negotiation: str) -> State:
    store = open_store(db)
    try:
        return Record(store).state(negotiation)
    finally:
        store.close()


def assert_status_shape(data: dict[str, Any]) -> None:
    """``status --json`` as issue 2 pins it, in DESIGN.md's words."""
    assert isinstance(data["negotiation"], str)
    assert data["agreement"] in AGREEMENT_WORDS
    for p in data["parts"]:
        assert {"id", "title", "status", "option", "stances"} <= set(p)
        assert p["status"] in PART_STATUSES
        assert p["option"] is None or isinstance(p["option"], str)
        assert set(p["stances"].values()) <= STANCE_WORDS, p["stances"]


# -- building the framework ------------------------------------------------------------


def test_new_and_party_list_json(small: str, ok: Invoke) -> None:
    rows = json.loads(ok("party", "list", "--json").stdout)
    assert rows == [
        {"id": "a", "name": "Alpha", "role": "party", "aliases": []},
        {"id": "b", "name": "Beta", "role": "party", "aliases": ["B1", "B2"]},
        {"id": "med", "name": "Mediator", "role": "mediator", "aliases": []},
    ]
    human = ok("party", "list").stdout
    assert "Beta" in human and "B1, B2" in human and "mediator" in human


def test_new_refuses_an_existing_id(
    small: str, cli: Invoke, count: Any, db: str, one_line_error: Any
) -> None:
    before = count(db)
    one_line_error(cli("new", "talks", "--title", "Again"), "already exists")
    assert count(db) == before


def test_part_add_options_and_rule(small: str, ok: Invoke, db: str) -> None:
    data = status(ok)
    assert_status_shape(data)
    assert data["negotiation"] == "talks"
    assert data["agreement"] == "not-agreed"
    assert [p["id"] for p in data["parts"]] == ["p1", "p2"]
    p1 = part_of(data, "p1")
    assert (p1["title"], p1["status"], p1["option"]) == ("Part one", "open", None)
    assert p1["stances"] == {"a": "silent", "b": "silent"}
    ok(
        "part", "add", "p3", "--title", "Weighted", "--signatories", "a,b",
        "--rule", "sufficient-consensus", "--weight", "a=2", "--weight", "b=1",
        "--option", "z=Zed=with an equals sign",
    )  # fmt: skip
    part = state_of(db, "talks").parts["p3"].part
    assert part.rule.kind == "sufficient-consensus"
    assert part.signatories == ("a", "b")
    assert [(o.id, o.text) for o in part.options] == [("z", "Zed=with an equals sign")]
    p2 = state_of(db, "talks").parts["p2"].part
    assert p2.rule.kind == "unanimity"
    assert [o.id for o in p2.options] == ["u", "v"]


def test_link_add(small: str, ok: Invoke, db: str) -> None:
    ok("link", "add", "excludes", "p1:y", "p2:u", "--note", "cannot have both")
    links = [(lk.kind, lk.from_ref, lk.to_ref) for lk in state_of(db, "talks").linkages]
    assert links == [("requires", "p1:x", "p2:u"), ("excludes", "p1:y", "p2:u")]


def test_rounds_open_close_list(small: str, ok: Invoke) -> None:
    ok("round", "close", "1", "--on", "2024-02-03")
    ok("round", "open", "2", "--venue", "Doha", "--attended", "a,b,med",
       "--refusal", "a=b", "--on", "2024-03-01")  # fmt: skip
    rows = json.loads(ok("round", "list", "--json").stdout)
    assert [(r["number"], r["start"], r["end"], r["venue"]) for r in rows] == [
        (1, "2024-02-01", "2024-02-03", "Geneva"),
        (2, "2024-03-01", None, "Doha"),
    ]
    assert rows[1]["attended"] == ["a", "b", "med"]
    assert rows[1]["refusals"] == [{"party": "a", "refused_to_meet": ["b"]}]
    human = ok("round", "list").stdout
    assert "a refused to meet b" in human


# -- moves ---------------------------------------------------------------------------


def test_propose_then_accept_at_each_level(small: str, ok: Invoke) -> None:
    ok("propose", "p1", "x", "--by", "a", "--round", "1", "--on", "2024-02-01")
    assert part_of(status(ok), "p1")["status"] == "proposed"
    ok("accept", "p1", "x", "--by", "a", "--level", "principle", "--on", "2024-02-01")
    ok("accept", "p1", "x", "--by", "b", "--level", "principle", "--on", "2024-02-01")
    p1 = part_of(status(ok), "p1")
    assert (p1["status"], p1["option"]) == ("agreed-in-principle", "x")
    ok("accept", "p1", "x", "--by", "a", "--level", "ad-ref", "--on", "2024-02-02")
    assert part_of(status(ok), "p1")["status"] == "agreed-in-principle"
    ok("accept", "p1", "x", "--by", "b", "--level", "ad-ref", "--on", "2024-02-02")
    assert part_of(status(ok), "p1")["status"] == "agreed-ad-ref"
    ok("accept", "p1", "x", "--by", "a", "--on", "2024-02-03")  # default level: confirmed
    ok("accept", "p1", "x", "--by", "b", "--on", "2024-02-03")
    data = status(ok)
    assert_status_shape(data)
    assert part_of(data, "p1")["status"] == "confirmed"
    assert data["agreement"] == "not-agreed"  # p2 is still open: nothing is agreed


def test_bracketed_when_signatories_back_different_options(small: str, ok: Invoke) -> None:
    ok("accept", "p1", "x", "--by", "a")
    ok("accept", "p1", "y", "--by", "b")
    assert part_of(status(ok), "p1")["status"] == "bracketed"


def test_reject_reserve_withdraw_reopen_defer(small: str, ok: Invoke, db: str) -> None:
    ok("propose", "p1", "x", "--by", "a")
    ok("reject", "p1", "x", "--by", "b", "--note", "not this one")
    assert part_of(status(ok), "p1")["stances"]["b"] == "rejects"
    ok("reserve", "p1", "--by", "b", "--note", "subject to parliament")
    assert part_of(status(ok), "p1")["stances"]["b"] == "reserves"
    ok("accept", "p1", "x", "--by", "a")
    ok("withdraw", "p1", "--by", "a", "--note", "changed our mind")
    assert part_of(status(ok), "p1")["stances"]["a"] != "accepts"
    ok("accept", "p2", "u", "--by", "a")
    ok("accept", "p2", "u", "--by", "b")
    ok("reopen", "p2", "--by", "b")
    assert part_of(status(ok), "p2")["status"] != "confirmed"
    ok("defer", "p2", "--by", "med", "--note", "later")
    assert part_of(status(ok), "p2")["status"] == "deferred"
    types = [e["type"] for e in json.loads(ok("log", "--json").stdout)]
    for t in ("option-rejected", "reservation-entered", "stance-withdrawn", "part-reopened",
              "part-deferred"):  # fmt: skip
        assert t in types


def test_framework_accept(small: str, ok: Invoke) -> None:
    ok("framework", "accept", "--by", "b", "--note", "we accept the framework")
    data = status(ok)
    assert data["framework_accepted_by"] == ["b"]
    assert data["agreement"] == "not-agreed"  # accepting the framework agrees no part


def test_confirm_refused_while_parts_unconfirmed_names_them(
    small: str, ok: Invoke, cli: Invoke, db: str, count: Any, one_line_error: Any
) -> None:
    ok("accept", "p1", "x", "--by", "a")
    ok("accept", "p1", "x", "--by", "b", "--level", "ad-ref")
    before = count(db)
    line = one_line_error(cli("confirm", "--by", "a"), "p1", "p2")
    assert "Beta" in line or "b" in line
    assert count(db) == before


def test_confirm_refused_when_a_linkage_is_broken_names_it(
    small: str, ok: Invoke, cli: Invoke, db: str, count: Any, one_line_error: Any
) -> None:
    for who in ("a", "b"):
        ok("accept", "p1", "x", "--by", who)
        ok("accept", "p2", "v", "--by", who)  # p1:x requires p2:u
    before = count(db)
    one_line_error(cli("confirm", "--by", "a"), "p1:x requires p2:u")
    assert count(db) == before


def test_full_scenario_conclusion_withdrawal_reconfirm_sign(
    small: str, ok: Invoke, cli: Invoke, db: str, one_line_error: Any
) -> None:
    one_line_error(cli("sign", "--by", "a"), "not concluded")
    for who in ("a", "b"):
        ok("accept", "p1", "x", "--by", who, "--round", "1")
        ok("accept", "p2", "u", "--by", who, "--round", "1")
    ok("confirm", "--by", "a")
    data = status(ok)
    assert data["agreement"] == "not-agreed"  # b has not confirmed yet
    assert "agreed" not in statuses(data).values()
    ok("confirm", "--by", "b")
    data = status(ok)
    assert_status_shape(data)
    assert data["agreement"] == "concluded"
    assert set(statuses(data).values()) == {"agreed"}
    # A withdrawal before signature un-concludes the package.
    ok("withdraw", "p1", "--by", "b")
    data = status(ok)
    assert data["agreement"] == "not-agreed"
    assert "agreed" not in statuses(data).values()
    one_line_error(cli("sign", "--by", "a"), "not concluded")
    # The parties accept again and confirm the new package afresh.
    ok("accept", "p1", "x", "--by", "b")
    ok("confirm", "--by", "a")
    assert status(ok)["agreement"] == "not-agreed"
    ok("confirm", "--by", "b")
    assert status(ok)["agreement"] == "concluded"
    ok("initial", "--by", "a")
    assert status(ok)["agreement"] == "concluded"
    ok("initial", "--by", "b")
    assert status(ok)["agreement"] == "initialled"
    ok("sign", "--by", "a")
    assert status(ok)["agreement"] == "initialled"
    ok("sign", "--by", "b")
    data = status(ok)
    assert data["agreement"] == "signed"
    assert set(data["signatures"]) == {"a", "b"}
    assert "Signed" in ok("status").stdout


# -- reading -------------------------------------------------------------------------


def test_status_human_board_says_what_is_missing(example_db: str, ok: Invoke) -> None:
    out = ok("status").stdout
    assert "Nothing is agreed" in out
    assert "0 of 4 parts" in out
    assert "Ceasefire" in out and "no option accepted" in out


def test_status_as_of_a_date_and_a_round(example_db: str, ok: Invoke) -> None:
    now = status(ok)
    assert_status_shape(now)
    assert now["negotiation"] == "us-taliban-2019"
    assert statuses(now)["withdrawal"] == "agreed-ad-ref"  # "agreed in draft", March 2019
    round4 = status(ok, "--round", "4")
    assert round4["round"] == 4
    assert statuses(round4)["withdrawal"] == "agreed-in-principle"  # January 2019
    early = status(ok, "--as-of", "2019-02-01")
    assert early["as_of"] == "2019-02-01"
    assert statuses(early) == statuses(round4)
    before = status(ok, "--as-of", "2018-10-01")
    assert "agreed-in-principle" not in statuses(before).values()
    assert "as of round 4" in ok("status", "--round", "4").stdout


def test_log_json_and_human(example_db: str, ok: Invoke, count: Any) -> None:
    rows = json.loads(ok("log", "--json").stdout)
    assert len(rows) == count(example_db)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["type"] == "negotiation-created"
    assert {"seq", "type", "occurred_on", "recorded_at", "recorded_by", "payload", "hash"} <= set(
        rows[0]
    )
    assert "negotiation-created" in ok("log").stdout


def test_log_hides_confidential_preferences_from_others(
    tmp_path: Path, ok: Invoke, cli: Invoke, one_line_error: Any
) -> None:
    scenario = tmp_path / "prefs.yaml"
    scenario.write_text(PREFERENCES_SCENARIO, encoding="utf-8")
    ok("load", str(scenario))

    def prefs(*viewer: str) -> dict[str, Any]:
        rows = json.loads(ok("log", "--json", *viewer).stdout)
        (row,) = [r for r in rows if r["type"] == "preferences-set"]
        payload: dict[str, Any] = row["payload"]
        return payload

    hidden = {"party": "a", "confidential": True}
    assert prefs() == hidden
    assert prefs("--as", "b") == hidden
    assert prefs("--as", "a")["preferences"]["reservation"] == 0.25
    assert prefs("--as", "mediator")["preferences"]["values"] == {"p1": {"x": 1.0, "y": 0.0}}
    assert "0.25" not in ok("log").stdout
    one_line_error(cli("log", "--as", "nobody"), "unknown viewer")
    # The export leaves them out unless asked, and says so.
    plain = ok("export")
    assert "reservation" not in plain.stdout
    assert "confidential preferences of a left out" in plain.stderr
    assert "reservation: 0.25" in ok("export", "--as", "mediator").stdout


def test_verify_ok_then_tampering_is_named(
    example_db: str, ok: Invoke, cli: Invoke, one_line_error: Any
) -> None:
    assert "chain verifies" in ok("verify").stdout
    con = sqlite3.connect(example_db)
    try:
        con.execute("DROP TRIGGER events_no_update")  # a tamperer goes round the guard
        (payload,) = con.execute("SELECT payload FROM events WHERE seq = 7").fetchone()
        forged = payload.replace("Counter-terrorism", "Counter-terrorisn", 1)
        assert forged != payload
        con.execute("UPDATE events SET payload = ? WHERE seq = 7", (forged,))
        con.commit()
    finally:
        con.close()
    one_line_error(cli("verify"), "#7", "us-taliban-2019")


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("UPDATE events SET occurred_on = '2019-01-01' WHERE seq = 20", "#20"),
        ("UPDATE events SET type = 'option-rejected' WHERE seq = 12", "#12"),
        ("UPDATE events SET recorded_by = 'someone else' WHERE seq = 3", "#3"),
        ("UPDATE events SET hash = replace(hash, substr(hash, 1, 1), 'x') WHERE seq = 41", "#41"),
        ("DELETE FROM events WHERE seq = 30", "event 30 is missing"),
    ],
    ids=["date", "type", "recorded-by", "hash", "deleted"],
)
def test_verify_names_each_kind_of_tampering(
    example_db: str, cli: Invoke, one_line_error: Any, sql: str, named: str
) -> None:
    con = sqlite3.connect(example_db)
    try:
        con.execute("DROP TRIGGER events_no_update")
        con.execute("DROP TRIGGER events_no_delete")
        con.execute(sql)
        con.commit()
    finally:
        con.close()
    one_line_error(cli("verify"), named)


# -- files ---------------------------------------------------------------------------


def test_load_reports_what_it_loaded(db: str, ok: Invoke, example_copy: Path, count: Any) -> None:
    out = ok("load", str(example_copy)).stdout
    assert f"loaded us-taliban-2019: {count(db)} events" in out


def test_load_then_export_is_lossless(tmp_path: Path, ok: Invoke, example_db: str) -> None:
    first = ok("export", "--as", "mediator").stdout
    exported = tmp_path / "exported.yaml"
    ok("export", str(exported), "--as", "mediator")
    assert exported.read_text(encoding="utf-8") == first
    fresh = str(tmp_path / "fresh.db")
    ok("load", str(exported), db_path=fresh)
    second = ok("export", "--as", "mediator", db_path=fresh).stdout
    assert second == first
    assert state_of(fresh, "us-taliban-2019") == state_of(example_db, "us-taliban-2019")
    assert ok("status", "--json", db_path=fresh).stdout == ok("status", "--json").stdout


def test_export_of_a_back_filled_record_loads_again(
    tmp_path: Path, ok: Invoke, example_db: str
) -> None:
    """A fact learnt later is recorded with the date it happened, before the last move."""
    ok("reserve", "ceasefire", "--by", "afghan-government", "--note", "back-filled",
       "--on", "2019-01-22", "--round", "4")  # fmt: skip
    ok("propose", "ceasefire", "permanent-comprehensive", "--by", "afghan-government",
       "--on", "2019-06-01")  # fmt: skip
    first = ok("export", "--as", "mediator").stdout
    exported = tmp_path / "exported.yaml"
    exported.write_text(first, encoding="utf-8")
    fresh = str(tmp_path / "fresh.db")
    ok("load", str(exported), db_path=fresh)
    assert ok("export", "--as", "mediator", db_path=fresh).stdout == first
    assert state_of(fresh, "us-taliban-2019") == state_of(example_db, "us-taliban-2019")
    assert ok("status", "--json", "--round", "4", db_path=fresh).stdout == (
        ok("status", "--json", "--round", "4").stdout
    )


def test_export_json_round_trips(tmp_path: Path, ok: Invoke, example_db: str) -> None:
    target = tmp_path / "exported.json"
    ok("export", str(target), "--as", "mediator")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["negotiation"]["id"] == "us-taliban-2019"
    fresh = str(tmp_path / "fresh.db")
    ok("load", str(target), db_path=fresh)
    assert state_of(fresh, "us-taliban-2019") == state_of(example_db, "us-taliban-2019")


def test_preferences_survive_load_and_export(tmp_path: Path, ok: Invoke, db: str) -> None:
    scenario = tmp_path / "prefs.yaml"
    scenario.write_text(PREFERENCES_SCENARIO, encoding="utf-8")
    ok("load", str(scenario))
    first = ok("export", "--as", "mediator").stdout
    again = tmp_path / "again.yaml"
    again.write_text(first, encoding="utf-8")
    fresh = str(tmp_path / "fresh.db")
    ok("load", str(again), db_path=fresh)
    assert ok("export", "--as", "mediator", db_path=fresh).stdout == first
    assert state_of(fresh, "prefs") == state_of(db, "prefs")


def test_schema_is_valid_json_schema(cli: Invoke, example_copy: Path) -> None:
    result = cli("schema", db_path=None)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"negotiation", "parties", "framework", "rounds", "history", "preferences"} <= set(
        schema["properties"]
    )
    import yaml

    # The example validates against the schema it is written to.
    jsonschema.validate(
        json.loads(json.dumps(yaml.safe_load(example_copy.read_text()), default=str)), schema
    )


def test_demo_no_serve(ok: Invoke, count: Any, db: str) -> None:
    out = ok("demo", "--no-serve").stdout
    assert "loaded the example" in out
    assert "Nothing is agreed" in out
    n = count(db)
    again = ok("demo", "--no-serve").stdout
    assert "already in" in again
    assert count(db) == n


# -- which database, which negotiation -----------------------------------------------


def test_two_negotiations_in_one_database(
    small: str, ok: Invoke, cli: Invoke, db: str, count: Any, one_line_error: Any
) -> None:
    ok("new", "other", "--title", "Other talks")
    ok("party", "add", "c", "--name", "Gamma", "--negotiation", "other")
    before = count(db)
    one_line_error(cli("party", "add", "d", "--name", "Delta"), "--negotiation", "talks", "other")
    one_line_error(cli("status"), "--negotiation")
    assert count(db) == before
    assert [r["id"] for r in json.loads(ok("party", "list", "--json", "-n", "other").stdout)] == [
        "c"
    ]
    assert status(ok, "-n", "talks")["negotiation"] == "talks"
    assert status(ok, "--negotiation", "other")["parts"] == []
    one_line_error(cli("status", "-n", "missing"), "no negotiation 'missing'")
    verified = ok("verify").stdout
    assert "ok talks" in verified and "ok other" in verified


def test_accords_db_environment_variable(runner: Any, db: str, count: Any) -> None:
    from accords.cli import app

    env = {"ACCORDS_DB": db}
    result = runner.invoke(app, ["new", "envtalks", "--title", "From the environment"], env=env)
    assert result.exit_code == 0, result.output
    assert count(db, "envtalks") == 1
    result = runner.invoke(app, ["status", "--json"], env=env)
    assert json.loads(result.stdout)["negotiation"] == "envtalks"


def test_default_database_is_accords_db_in_the_working_directory(
    runner: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from accords.cli import app

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "here", "--title", "Here"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "accords.db").is_file()


def test_withdrawal_after_one_signature_but_before_the_package_is_signed(
    small: str, ok: Invoke
) -> None:
    for who in ("a", "b"):
        ok("accept", "p1", "x", "--by", who)
        ok("accept", "p2", "u", "--by", who)
    ok("confirm", "--by", "a")
    ok("confirm", "--by", "b")
    ok("sign", "--by", "a")
    assert status(ok)["agreement"] == "concluded"  # b has not signed: the package is not signed
    ok("withdraw", "p1", "--by", "b")
    assert status(ok)["agreement"] == "not-agreed"


def test_brackets_in_the_users_text_are_shown_not_read_as_markup(
    small: str, ok: Invoke, tmp_path: Path
) -> None:
    """Negotiators bracket text ("[draft]"): the terminal must show it as typed."""
    ok("party", "add", "c", "--name", "[red]Gamma")
    ok("part", "add", "p3", "--title", "[draft] Ceasefire", "--signatories", "a,c",
       "--option", "z=[bracketed] text")  # fmt: skip
    ok("propose", "p3", "z", "--by", "c")
    ok("round", "open", "2", "--note", "[informal] talks")
    ok("note", "add", "watch [bold]this[/bold]", "--by", "a", "--part", "p3")
    board = ok("status").stdout
    assert "[draft] Ceasefire" in board
    assert "[red]Gamma" in board
    assert "[red]Gamma" in ok("party", "list").stdout
    assert "[informal] talks" in ok("round", "list").stdout
    assert "[draft] Ceasefire" in ok("log").stdout
    notes = ok("note", "list", "--as", "a").stdout
    assert "[p3]" in notes and "watch [bold]this[/bold]" in notes
    odd = tmp_path / "[x]" / "out.yaml"
    odd.parent.mkdir()
    assert str(odd) in ok("export", str(odd)).stdout


def test_private_notes_are_confidential(
    small: str, ok: Invoke, cli: Invoke, one_line_error: Any
) -> None:
    ok("note", "add", "our fallback is y", "--by", "a", "--part", "p1")
    rows = [r for r in json.loads(ok("log", "--json").stdout) if r["type"] == "note-recorded"]
    assert [r["payload"] for r in rows] == [{"party": "a", "confidential": True}]
    shown = json.loads(ok("log", "--json", "--as", "a").stdout)
    assert any(r["payload"].get("text") == "our fallback is y" for r in shown)
    assert "fallback" not in ok("log", "--as", "b").stdout
    assert json.loads(ok("note", "list", "--as", "b", "--json").stdout) == {}
    mediator = json.loads(ok("note", "list", "--as", "mediator", "--json").stdout)
    assert [n["text"] for n in mediator["a"]] == ["our fallback is y"]
    one_line_error(cli("note", "list", "--as", "nobody"), "unknown viewer")
