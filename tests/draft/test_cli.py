"""The commands of this area through the CLI runner, on both examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app

ROOT = Path(__file__).resolve().parents[2]
US = ROOT / "examples" / "us-taliban-2020.yaml"
NI = ROOT / "examples" / "northern-ireland-1998.yaml"
runner = CliRunner()


def invoke(*args: str, ok: bool = True):
    result = runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "a.db")
    invoke("load", str(US), "--db", path)
    invoke("load", str(NI), "--db", path)
    return path


def test_text_markdown_as_of_a_round_and_a_date(db: str) -> None:
    out = invoke("text", "--db", db, "-n", "us-taliban-2020", "--round", "5").stdout
    assert "[A comprehensive and permanent ceasefire.]\n\n_backed by United States._" in out
    out = invoke("text", "--db", db, "-n", "us-taliban-2020", "--round", "9").stdout
    assert "**4.1 Ceasefire** — _agreed at negotiators' level, ad referendum_" in out
    assert "prisoners" not in out  # tabled only at signature
    out = invoke("text", "--db", db, "-n", "northern-ireland-1998", "--as-of", "1998-04-08").stdout
    assert "A backed by George Mitchell; B backed by Ulster Unionist Party" in out
    out = invoke("text", "--db", db, "-n", "northern-ireland-1998").stdout
    assert "[" not in out.split("## 1.")[1]


def test_text_diff_between_rounds(db: str) -> None:
    out = invoke("text", "--db", db, "-n", "us-taliban-2020", "--diff", "5", "10").stdout
    assert "Changes from round 5 to round 10:" in out
    assert "fourteen-months): agreed-ad-ref → signed" in out
    assert "(ceasefire-agenda): proposed → signed" in out
    assert "(prisoner-release): new, signed" in out
    assert "+A permanent and comprehensive ceasefire will be an item" in out


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_text_files(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"draft.{fmt}"
    invoke("text", "--db", db, "-n", "northern-ireland-1998", "--format", fmt, "--out", str(out))
    assert out.stat().st_size > 500
    if fmt == "html":
        assert "North/South Ministerial Council" in out.read_text(encoding="utf-8")


def test_text_refusals(db: str) -> None:
    r = invoke("text", "--db", db, "-n", "us-taliban-2020", "--format", "pdf", ok=False)
    assert r.exit_code == 1 and "--out" in r.stderr
    r = invoke("text", "--db", db, "-n", "us-taliban-2020", "--round", "99", ok=False)
    assert r.exit_code == 1 and "no round 99" in r.stderr


def test_obligations_json(db: str) -> None:
    out = invoke(
        "obligations", "--db", db, "-n", "us-taliban-2020", "--as-of", "2020-12-31", "--json"
    ).stdout
    rows = {r["id"]: r for r in json.loads(out)["obligations"]}
    assert rows["us-forces-8600"]["status"] == "met"
    assert rows["us-forces-8600"]["due"] == "2020-07-13"
    assert rows["taliban-prisoners-released"]["status"] == "late"
    assert "afghan-government, not a signatory" in rows["taliban-prisoners-released"]["flag"]
    assert rows["other-side-prisoners-released"]["flag"] is None
    out = invoke(
        "obligations", "--db", db, "-n", "northern-ireland-1998", "--as-of", "1998-06-01", "--json"
    ).stdout
    assert json.loads(out)["obligations"][0]["status"] == "met"


def test_conditions(db: str) -> None:
    out = invoke("condition", "check", "--db", db, "-n", "us-taliban-2020", "--json").stdout
    assert json.loads(out)[0]["verdict"] == "holds"
    out = invoke(
        "condition",
        "check",
        "reduction-in-violence",
        "--as-of",
        "2020-02-24",
        "--db",
        db,
        "-n",
        "us-taliban-2020",
    ).stdout
    assert "pending" in out
    out = invoke("condition", "check", "--db", db, "-n", "northern-ireland-1998").stdout
    assert "holds ceasefire-before-entry" in out


def test_events_add_import_list_and_a_failing_condition(tmp_path: Path) -> None:
    path = str(tmp_path / "e.db")
    invoke("load", str(US), "--db", path)
    invoke(
        "event",
        "add",
        "attack",
        "--on",
        "2020-02-24",
        "--actors",
        "taliban",
        "--place",
        "Kunduz",
        "--fatalities",
        "2",
        "--db",
        path,
    )
    csv_file = tmp_path / "events.csv"
    csv_file.write_text(
        "event_date,event_type,actor1,actor2,location,fatalities,source,notes\n"
        "2020-03-02,Battles,taliban,Military Forces of Afghanistan,Helmand,5,ACLED,\n"
        "2020-03-03,Abduction,unknown,,Kabul,,ACLED,\n",
        encoding="utf-8",
    )
    out = invoke("event", "import", str(csv_file), "--db", path).stdout
    assert "imported 2 events" in out and "'Abduction' recorded as kind 'other'" in out
    rows = json.loads(
        invoke("event", "list", "--json", "--from", "2020-02-01", "--db", path).stdout
    )
    assert [r["kind"] for r in rows] == [
        "ceasefire-announced",
        "attack",
        "battle",
        "other",
        "strategic-development",
        "strategic-development",
    ]
    r = invoke("condition", "check", "reduction-in-violence", "--db", path, ok=False)
    assert r.exit_code == 1 and "fails" in r.stdout


def test_export_pax_row(db: str) -> None:
    out = invoke("export", "--format", "pax", "--db", db, "-n", "us-taliban-2020").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    row = rows[0]
    header = out.splitlines()[0].split(",")
    assert header[:15] == [
        "AgtId",
        "Reg",
        "Con",
        "Contp",
        "PP",
        "PPName",
        "Agt",
        "Dat",
        "Status",
        "Agtp",
        "Stage",
        "StageSub",
        "Part",
        "ThrdPart",
        "OthAgr",
    ]
    assert (row["AgtId"], row["Dat"], row["Stage"]) == ("2271", "2020-02-29", "SubPar")
    assert row["Part"] == "United States/Taliban"
    assert row["SsrFf"] == "1" and row["SsrCf"] == "1"


@pytest.mark.parametrize("data", ["log", "board", "obligations", "events"])
def test_export_data_as_json_and_csv(db: str, data: str, tmp_path: Path) -> None:
    out = invoke(
        "export", "--data", data, "--format", "json", "--db", db, "-n", "northern-ireland-1998"
    ).stdout
    rows = json.loads(out)
    assert rows
    target = tmp_path / f"{data}.csv"
    invoke("export", str(target), "--data", data, "--db", db, "-n", "northern-ireland-1998")
    parsed = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(parsed) == len(rows)


def test_export_claims_without_a_provider_says_so(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from accords import exports

    monkeypatch.setattr(exports, "_CLAIMS", type(exports._CLAIMS)())
    r = invoke("export", "--data", "claims", "--db", db, "-n", "us-taliban-2020", ok=False)
    assert r.exit_code == 1 and "no claims to export" in r.stderr


def test_timeline_json_and_plot(db: str, tmp_path: Path) -> None:
    rows = json.loads(invoke("timeline", "--json", "--db", db, "-n", "us-taliban-2020").stdout)
    lanes = {r["lane"] for r in rows}
    assert lanes == {"talks", "ground", "package", "obligations"}
    pytest.importorskip(
        "matplotlib", reason="the plot needs matplotlib: pip install 'accords[plot]'"
    )
    out = tmp_path / "timeline.png"
    invoke("timeline", "--out", str(out), "--db", db, "-n", "us-taliban-2020")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_clause_commands_and_party_walkout(tmp_path: Path) -> None:
    path = str(tmp_path / "c.db")
    invoke("new", "t", "--title", "T", "--on", "2020-01-01", "--db", path)
    for pid in ("us", "tb"):
        invoke("party", "add", pid, "--name", pid.upper(), "--on", "2020-01-01", "--db", path)
    invoke(
        "part",
        "add",
        "w",
        "--title",
        "Withdrawal",
        "--signatories",
        "us,tb",
        "--option",
        "t=Timeline",
        "--on",
        "2020-01-01",
        "--db",
        path,
    )
    invoke(
        "clause",
        "table",
        "w",
        "c1",
        "--by",
        "us",
        "--text",
        "Leave in 14 months.",
        "--on",
        "2020-01-02",
        "--db",
        path,
    )
    invoke(
        "clause",
        "bracket",
        "c1",
        "--by",
        "tb",
        "--alt",
        "B",
        "--text",
        "Leave in 9 months.",
        "--on",
        "2020-01-03",
        "--db",
        path,
    )
    invoke(
        "clause",
        "accept",
        "c1",
        "B",
        "--by",
        "us",
        "--level",
        "ad-ref",
        "--on",
        "2020-01-04",
        "--db",
        path,
    )
    invoke(
        "clause",
        "reserve",
        "c1",
        "--by",
        "tb",
        "--note",
        "pending",
        "--on",
        "2020-01-04",
        "--db",
        path,
    )
    invoke(
        "clause",
        "amend",
        "c1",
        "A",
        "--by",
        "us",
        "--text",
        "Leave in 12 months.",
        "--on",
        "2020-01-05",
        "--db",
        path,
    )
    invoke(
        "clause", "withdraw", "c1", "--by", "us", "--alt", "A", "--on", "2020-01-06", "--db", path
    )
    rows = json.loads(invoke("clause", "list", "--json", "--db", path).stdout)
    assert rows[0]["status"] == "proposed"
    assert [a["withdrawn"] for a in rows[0]["alternatives"]] == [True, False]
    r = invoke("clause", "accept", "c1", "Z", "--by", "us", "--db", path, ok=False)
    assert r.exit_code == 1 and "no alternative 'Z'" in r.stderr
    invoke("party", "leave", "tb", "--on", "2020-01-07", "--db", path)
    r = invoke("party", "leave", "tb", "--db", path, ok=False)
    assert "left the talks on 2020-01-07" in r.stderr
    invoke("party", "return", "tb", "--on", "2020-01-08", "--db", path)


def test_help_documents_the_commands() -> None:
    for args in (["text"], ["condition"], ["event", "import"], ["obligations"], ["export"]):
        out = invoke(*args, "--help").stdout
        assert "Usage" in out
    assert "quiet" in invoke("condition", "--help").stdout
    assert "[brackets]" in invoke("text", "--help").stdout


def test_export_scenario_as_csv_is_refused(db: str) -> None:
    r = invoke("export", "--format", "csv", "--db", db, "-n", "us-taliban-2020", ok=False)
    assert r.exit_code == 1 and "csv is for --data" in r.stderr
