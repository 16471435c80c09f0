"""``accords elicit fit|next|ask --as PARTY`` and ``accords facilitate`` through the runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app

from .conftest import A, B, C

runner = CliRunner()


def _run(*args: str | Path, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


def _write(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_fit_and_next_on_a_native_negotiation_print_the_genius_shapes(
    db: str, tmp_path: Path
) -> None:
    answers = _write(tmp_path, {"comparisons": [{"better": A, "worse": B}]})
    code, out, err = _run(
        "elicit", "fit", "--as", "taliban", "--answers", answers, "--db", db, "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    issues = data["profile"]["issues"]
    assert set(issues) == set(A)
    assert abs(sum(i["weight"] for i in issues.values()) - 1) < 1e-9
    assert all(0 <= v <= 1 for i in issues.values() for v in i["values"].values())
    assert data["consistent"] is True and data["contradictions"] == []
    assert data["method"] == "comparisons"
    code, out, err = _run(
        "elicit", "next", "--as", "taliban", "--answers", answers, "--db", db, "--json"
    )
    assert code == 0, err
    query = json.loads(out)
    assert set(query) == {"query"} and set(query["query"]) == {"a", "b"}
    assert set(query["query"]["a"]) == set(A) and query["query"]["a"] != query["query"]["b"]


def test_ask_records_an_answers_file_and_fit_reads_it_back(db: str, tmp_path: Path) -> None:
    answers = _write(
        tmp_path, {"comparisons": [{"better": A, "worse": B}, {"better": B, "worse": A}]}
    )
    code, out, err = _run(
        "elicit", "ask", "--as", "taliban", "--answers", answers, "--db", db, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["contradictions"] == [[0, 1]]
    code, out, err = _run("elicit", "fit", "--as", "taliban", "--db", db, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["consistent"] is False
    assert data["provenance"]["answers"] == ["comparisons[0]"]


def test_ask_in_the_terminal_records_each_step(db: str) -> None:
    # split (4 parts), option ratings (1 + 2 + 2 + 2), reservation, one card, two comparisons
    typed = [
        "10",
        "50",
        "10",
        "30",
        "100",
        "0",
        "100",
        "100",
        "0",
        "100",
        "20",
        "40",
        "70",
        "a",
        "b",
    ]
    code, out, err = _run(
        "elicit",
        "ask",
        "--as",
        "taliban",
        "--db",
        db,
        "--cards",
        "1",
        "--questions",
        "2",
        "--json",
        input="\n".join(typed) + "\n",
    )
    assert code == 0, err
    fitted = json.loads(out[out.index('{\n  "profile"') :])
    assert fitted["method"] == "comparisons"
    assert fitted["provenance"]["answers"] == ["comparisons[0]", "comparisons[1]", "ratings[0]"]


def test_a_points_split_that_does_not_add_up_is_asked_again(db: str) -> None:
    typed = ["10", "10", "10", "10"] + ["10", "50", "10", "30"] + ["50"] * 7 + ["0"]
    code, out, err = _run(
        "elicit",
        "ask",
        "--as",
        "taliban",
        "--db",
        db,
        "--cards",
        "0",
        "--questions",
        "0",
        "--json",
        input="\n".join(typed) + "\n",
    )
    assert code == 0, err
    assert "add up to 40, not 100" in out
    assert json.loads(out[out.index('{\n  "profile"') :])["method"] == "direct"


def test_mistakes_end_in_one_line(db: str, tmp_path: Path) -> None:
    bad = _write(tmp_path, {"comparisons": [{"better": {**A, "ceasefire": "x"}, "worse": B}]})
    for args in (
        ("elicit", "fit", "--as", "taliban", "--answers", bad, "--db", db),
        ("elicit", "fit", "--as", "nobody", "--db", db),
        ("elicit", "fit", "--as", "taliban", "--db", db),  # nothing answered yet
        ("elicit", "ask", "--as", "qatar", "--answers", bad, "--db", db),
        ("facilitate", "improve", "--as", "taliban", "--db", db),
        ("facilitate", "blind", "--as", "mediator", "--least", "50", "--db", db),
    ):
        code, out, err = _run(*args)
        assert code == 1, (args, out)
        assert err.startswith("error:") and len(err.strip().splitlines()) == 1, (args, err)
        assert "Traceback" not in err


def test_facilitate_improve_and_blind(db: str, tmp_path: Path) -> None:
    answers = _write(
        tmp_path, {"comparisons": [{"better": A, "worse": B}, {"better": A, "worse": C}]}
    )
    assert _run("elicit", "ask", "--as", "taliban", "--answers", answers, "--db", db)[0] == 0
    code, out, err = _run("facilitate", "improve", "--as", "mediator", "--db", db, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"table", "improvements"}
    assert all(0 < i["probability"] <= 1 for i in data["improvements"])
    marks = _write(tmp_path, [A, B], "marks.json")
    code, out, _ = _run(
        "facilitate", "blind", "--as", "taliban", "--packages", marks, "--db", db, "--json"
    )
    assert json.loads(out) == {"marked": 1, "parties": 3, "intersection": None}
    _run("facilitate", "blind", "--as", "united-states", "--packages", marks, "--db", db)
    _run("facilitate", "blind", "--as", "afghan-government", "--least", "0", "--db", db)
    code, out, err = _run("facilitate", "blind", "--as", "mediator", "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out) == {"marked": 3, "parties": 3, "intersection": [A, B]}


def test_facilitate_improve_on_a_dask_scheduler_gives_the_same_packages(
    db: str, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    answers = _write(
        tmp_path, {"comparisons": [{"better": A, "worse": B}, {"better": A, "worse": C}]}
    )
    assert _run("elicit", "ask", "--as", "taliban", "--answers", answers, "--db", db)[0] == 0
    code, here, err = _run("facilitate", "improve", "--as", "mediator", "--db", db, "--json")
    assert code == 0, err
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        code, there, err = _run(
            "facilitate", "improve", "--as", "mediator", "--db", db, "--json",
            "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert code == 0, err
    assert json.loads(there) == json.loads(here)
    code, local, err = _run(
        "facilitate", "improve", "--as", "mediator", "--db", db, "--json", "--scheduler", "local"
    )
    assert code == 0, err
    assert json.loads(local) == json.loads(here)
