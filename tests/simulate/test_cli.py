"""``accords simulate`` and ``accords tournament`` through the runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app

from .conftest import EXAMPLE

runner = CliRunner()


def _genius_args(folder: Path) -> list[str]:
    from accords.simulate._scenarios import genius_folder

    return ["--genius", *genius_folder(folder).paths]


def test_simulate_the_example_as_mediator_in_json() -> None:
    result = runner.invoke(
        app,
        [
            "simulate",
            str(EXAMPLE),
            "--as",
            "mediator",
            "--negotiators",
            "boulware,conceder,linear",
            "--steps",
            "50",
            "--repetitions",
            "3",
            "--seed",
            "4",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["parties"] == ["united-states", "taliban", "afghan-government"]
    assert [r["seed"] for r in data["runs"]] == [4, 5, 6]
    for run in data["runs"]:
        assert isinstance(run["agreement"], bool)
        assert set(run["utilities"]) == set(data["parties"])
        assert run["rounds"] <= 50
        if run["agreement"]:
            assert set(run["outcome"]) == {
                "counter-terrorism",
                "withdrawal",
                "intra-afghan-negotiations",
                "ceasefire",
            }
            # the Taliban's red line: never a conditions-based drawdown
            assert run["outcome"]["withdrawal"] != "conditions-based-drawdown"
        assert "history" not in run
    again = runner.invoke(
        app,
        [
            "simulate",
            str(EXAMPLE),
            "--as",
            "mediator",
            "--negotiators",
            "boulware,conceder,linear",
            "--steps",
            "50",
            "--repetitions",
            "3",
            "--seed",
            "4",
            "--json",
        ],
    )
    assert again.stdout == result.stdout


def test_simulate_with_history_and_single_text() -> None:
    result = runner.invoke(
        app,
        [
            "simulate",
            str(EXAMPLE),
            "--as",
            "mediator",
            "--protocol",
            "single-text",
            "--steps",
            "30",
            "--json",
            "--history",
        ],
    )
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)["runs"][0]
    assert len(run["history"]) == run["offers"] >= 1
    assert {h["by"] for h in run["history"]} == {"mediator"}
    assert run["history"][0]["round"] == 1


def test_simulate_is_refused_to_a_party_and_without_a_viewer() -> None:
    as_party = runner.invoke(app, ["simulate", str(EXAMPLE), "--as", "taliban"])
    assert as_party.exit_code == 1
    assert "only the mediator" in as_party.output
    assert "Traceback" not in as_party.output
    nobody = runner.invoke(app, ["simulate", str(EXAMPLE)])
    assert nobody.exit_code == 1 and "--as mediator" in nobody.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--negotiators", "sneaky"], "unknown negotiator"),
        (["--negotiators", "boulware,conceder"], "2 negotiators for 3 parties"),
        (["--protocol", "shouting"], "unknown protocol"),
        (["--plot", "out.pdf"], "must end in .png or .svg"),
    ],
)
def test_simulate_mistakes_end_in_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["simulate", str(EXAMPLE), "--as", "mediator", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_simulate_genius_scenarios_and_plot(genius_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="plots need accords[plot]")
    for name in ("Laptop", "ItexvsCypress", "group2-politics"):
        plot = tmp_path / f"{name}.png"
        result = runner.invoke(
            app,
            [
                "simulate",
                *_genius_args(genius_dir / name),
                "--negotiators",
                "conceder",
                "--steps",
                "200",
                "--plot",
                str(plot),
            ],
        )
        assert result.exit_code == 0, result.output
        assert plot.stat().st_size > 1000
        assert "plotted the offers" in result.output


def test_tournament_on_the_example_and_genius_folders(genius_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "t"
    args = [
        "tournament",
        str(EXAMPLE),
        str(genius_dir / "Laptop"),
        str(genius_dir / "Coffee"),
        "--as",
        "mediator",
        "--negotiators",
        "boulware,conceder",
        "--steps",
        "30",
        "--repetitions",
        "2",
        "--workers",
        "2",
        "--out",
        str(out),
    ]
    first = runner.invoke(app, [*args, "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert (data["played"], data["skipped"]) == ((8 + 4 + 4) * 2, 0)
    assert {r["negotiator"] for r in data["summary"]} == {"boulware", "conceder"}
    assert (out / "runs.csv").exists() and (out / "summary.csv").exists()
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 run(s) played, 32 found done" in second.output
    assert "Tournament summary" in second.output


def test_tournament_refuses_a_party_viewer(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["tournament", str(EXAMPLE), "--as", "taliban", "--out", str(tmp_path / "t")]
    )
    assert result.exit_code == 1 and "only the mediator" in result.output


def test_simulate_holds_provisionally_accepted_parts_fixed() -> None:
    result = runner.invoke(
        app,
        [
            "simulate",
            str(EXAMPLE),
            "--as",
            "mediator",
            "--given-accepted",
            "--negotiators",
            "conceder",
            "--repetitions",
            "3",
            "--json",
            "--history",
        ],
    )
    assert result.exit_code == 0, result.output
    held = {"counter-terrorism": "guarantees", "withdrawal": "full-withdrawal-timeline"}
    for run in json.loads(result.stdout)["runs"]:
        for offer in run["history"]:
            assert offer["package"].items() >= held.items()
        if run["agreement"]:
            assert run["outcome"].items() >= held.items()


def test_simulate_runs_on_every_genius_scenario(genius_dir: Path) -> None:
    folders = sorted(p for p in genius_dir.iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        result = runner.invoke(
            app,
            [
                "simulate",
                *_genius_args(folder),
                "--negotiators",
                "linear",
                "--steps",
                "60",
                "--json",
            ],
        )
        assert result.exit_code == 0, (folder.name, result.output)
        run = json.loads(result.stdout)["runs"][0]
        assert run["rounds"] <= 60
        assert len(run["utilities"]) == len(_genius_args(folder)) - 2


@pytest.mark.parametrize(
    ("make", "args", "needle"),
    [
        (None, ["simulate", "/nonexistent/scenario.yaml", "--as", "mediator"], "cannot read it"),
        ("bad.yaml", ["simulate", "{file}", "--as", "mediator"], "invalid YAML"),
        ("empty-dir", ["tournament", "{file}", "--out", "{tmp}/out"], "needs one domain"),
        ("bad.xml", ["simulate", "--genius", "{file}", "{file}", "{file}"], "XML"),
        (
            None,
            ["simulate", str(EXAMPLE), "--as", "mediator", "--plot", "/no/such/dir/x.png"],
            "cannot write",
        ),
    ],
    ids=["missing-file", "bad-yaml", "not-a-scenario-folder", "bad-xml", "unwritable-plot"],
)
def test_bad_input_ends_in_one_line(
    tmp_path: Path, make: str | None, args: list[str], needle: str
) -> None:
    file = tmp_path / (make or "unused")
    if make == "bad.yaml":
        file.write_text("negotiation: {id: x, title: [unclosed\n", encoding="utf-8")
    elif make == "bad.xml":
        file.write_text("<negotiation_template><unclosed>", encoding="utf-8")
    elif make == "empty-dir":
        file.mkdir()
    argv = [a.format(file=file, tmp=tmp_path) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert needle in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 2  # one line (Rich may wrap it)
