"""``accords ingest`` and ``accords claims`` through the CLI runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accords.cli import app

from .support import CORPUS, require_spacy, seed_path

runner = CliRunner()


@pytest.fixture
def db(example_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "record.db"
    shutil.copy(example_db, copy)
    return str(copy)


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_ingest_no_record_needs_no_negotiation(tmp_path: Path) -> None:
    require_spacy()
    nowhere = str(tmp_path / "none.db")
    result = invoke(
        "ingest", str(CORPUS / "wire_doha.txt"), "--no-record", "--json", "--db", nowhere
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    assert set(article) == {"source", "title", "byline", "date", "statements"}
    assert article["date"] == "2019-05-09"
    first = article["statements"][0]
    assert set(first) == {
        "start",
        "end",
        "text",
        "kind",
        "cue",
        "speaker",
        "mention",
        "party",
        "parts",
        "claims",
    }
    assert first["speaker"] == "Zalmay Khalilzad" and first["party"] is None
    assert not Path(nowhere).exists(), "--no-record must not create a database"


def test_ingest_records_and_claims_lists(db: str) -> None:
    require_spacy()
    seed = str(seed_path())
    result = invoke("ingest", seed, "--json", "--db", db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    statements = data["articles"][0]["statements"]
    shaheen = next(s for s in statements if s["speaker"] == "Suhail Shaheenb")
    assert shaheen["claims"][0]["verdict"] == "premature"
    assert shaheen["party"] == "taliban"

    listed = invoke("claims", "--json", "--db", db)
    assert listed.exit_code == 0, listed.output
    recorded = json.loads(listed.stdout)["articles"]
    assert [s["text"] for s in recorded[0]["statements"]] == [s["text"] for s in statements]
    assert recorded[0]["statements"][2]["claims"] == shaheen["claims"]

    # the same file again adds nothing; the board still reads the log
    again = invoke("ingest", seed, "--db", db)
    assert again.exit_code == 0 and "recorded 0 statement" in again.output
    status = invoke("status", "--db", db)
    assert status.exit_code == 0, status.output
    table = invoke("claims", "--db", db)
    assert table.exit_code == 0 and "premature" in table.output

    exported = invoke("export", "--data", "claims", "--format", "json", "--db", db)
    assert exported.exit_code == 0, exported.output
    rows = json.loads(exported.stdout)
    assert any(
        r["speaker"] == "Suhail Shaheenb"
        and r["part"] == "withdrawal"
        and r["verdict"] == "premature"
        for r in rows
    )


def test_bad_file_records_nothing(db: str, tmp_path: Path) -> None:
    require_spacy()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = invoke("ingest", str(seed_path()), str(empty), str(binary), "--db", db)
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert "blob.txt: the file is binary" in result.output
    assert "nothing recorded" in result.output
    assert "Traceback" not in result.output
    listed = invoke("claims", "--json", "--db", db)
    assert json.loads(listed.stdout) == {"articles": []}


def test_no_record_reports_bad_files_and_still_extracts(tmp_path: Path) -> None:
    require_spacy()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke(
        "ingest",
        str(CORPUS / "headline_envoy.txt"),
        str(empty),
        "--no-record",
        "--json",
        "--db",
        str(tmp_path / "none.db"),
    )
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert json.loads(result.stdout)["articles"][0]["statements"]


def test_claims_without_database(tmp_path: Path) -> None:
    result = invoke("claims", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no database" in result.output


def test_ingest_without_negotiation_is_refused(tmp_path: Path) -> None:
    require_spacy()
    result = invoke("ingest", str(CORPUS / "wire_doha.txt"), "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 1
    assert "no negotiation" in result.output
