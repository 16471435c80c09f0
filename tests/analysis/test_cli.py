"""``accords analyze`` through the Typer runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-taliban-2019.yaml"
DATA = ROOT / ".." / "shared" / "data"
runner = CliRunner()


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["analyze", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_example_as_mediator_explains_in_plain_words() -> None:
    code, out, _ = _run(EXAMPLE, "--as", "mediator")
    assert code == 0
    assert "illustrative assumptions, not facts" in out
    assert "better than no agreement for every party" in out
    assert "Nash bargaining solution" in out
    assert "giving up" in out
    assert "package on the table" in out


def test_example_json_has_the_documented_keys() -> None:
    code, out, _ = _run(EXAMPLE, "--as", "mediator", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("outcomes", "frontier", "nash", "kalai_smorodinsky", "egalitarian"):
        assert key in data
    assert "utilitarian" in data and "zopa_size" in data
    entry = data["frontier"][0]
    assert set(entry) >= {"outcome", "utilities", "below_reservation"}
    assert set(entry["outcome"]) == set(data["parts"])
    assert set(data["nash"]) >= {"outcome", "utilities"}
    assert data["outcomes"] == 4  # 8 combinations, the Taliban's red line removes 4
    assert any(e["below_reservation"] for e in data["frontier"])


def test_party_viewer_sees_only_its_own_and_is_refused_the_rest(tmp_path: Path) -> None:
    code, out, _ = _run(EXAMPLE, "--as", "taliban", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["viewer"] == "taliban"
    assert "frontier" not in data and "nash" not in data
    assert "united-states" not in out and "afghan-government" not in out
    code, _, err = _run(EXAMPLE, "--as", "taliban", "--plot", tmp_path / "f.png")
    assert code == 1
    assert "only the mediator" in err
    assert not (tmp_path / "f.png").exists()


def test_viewer_is_required_and_checked() -> None:
    code, _, err = _run(EXAMPLE)
    assert code == 1 and "--as mediator" in err
    code, _, err = _run(EXAMPLE, "--as", "qatar")
    assert code == 1 and "not a negotiating party" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_is_written(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip(
        "matplotlib", reason="plots need the 'plot' extra: pip install accords[plot]"
    )
    target = tmp_path / f"frontier{suffix}"
    code, _, _ = _run(EXAMPLE, "--as", "mediator", "--plot", target)
    assert code == 0
    assert target.stat().st_size > 1000


def test_bad_plot_suffix_and_bad_proposal() -> None:
    code, _, err = _run(EXAMPLE, "--as", "mediator", "--plot", "f.pdf")
    assert code == 1 and ".png or .svg" in err
    code, _, err = _run(EXAMPLE, "--as", "mediator", "--proposal", "ceasefire=never")
    assert code != 0


def test_genius_two_and_more_parties() -> None:
    folder = DATA / "genius" / "group2-politics"
    if not folder.is_dir():
        pytest.skip(f"reference data not found at {DATA}")
    profiles = sorted(folder.glob("Politics_util*.xml"))
    code, out, _ = _run("--genius", folder / "Politics.xml", *profiles, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["parties"] == [p.stem for p in profiles]
    assert data["outcomes"] == 23040
    assert len(data["frontier"]) == data["frontier_size"]


def test_malformed_genius_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "d.xml"
    bad.write_text("<nope", encoding="utf-8")
    code, _, err = _run("--genius", bad, bad)
    assert code == 1
    assert str(bad) in err and "not well-formed" in err
    assert "Traceback" not in err


def test_cli_start_up_does_not_load_numpy() -> None:
    code = "import sys, accords.cli, accords.analysis; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ctrl_c_stops_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    import accords.analysis._analysis as engine

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "analyze", interrupted)
    monkeypatch.delattr("accords.analysis.analyze", raising=False)
    code, _, err = _run(EXAMPLE, "--as", "mediator")
    assert code == 130
    assert "interrupted" in err and "Traceback" not in err
