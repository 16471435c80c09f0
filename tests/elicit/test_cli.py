"""``accords elicit fit`` and ``accords elicit next`` through the runner: exact JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accords.cli import app

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = ROOT / ".." / "shared" / "data" / "genius" / "Laptop" / "laptop_domain.xml"
runner = CliRunner()
pytestmark = pytest.mark.skipif(not LAPTOP.exists(), reason="needs ../shared/data/genius")


def _package(laptop: str, disk: str = "60 Gb", monitor: str = "19'' LCD") -> dict[str, str]:
    return {"Laptop": laptop, "Harddisk": disk, "External Monitor": monitor}


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["elicit", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_fit_prints_the_documented_shape(tmp_path: Path) -> None:
    answers = _write(
        tmp_path,
        {
            "comparisons": [
                {"better": _package("HP"), "worse": _package("Dell")},
                {"better": _package("Dell", "120 Gb"), "worse": _package("Macintosh", "60 Gb")},
            ],
            "ratings": [{"package": _package("HP", "120 Gb"), "rating": 90}],
        },
    )
    code, out, err = _run("fit", "--genius", LAPTOP, "--answers", answers, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["consistent"] is True and data["contradictions"] == []
    issues = data["profile"]["issues"]
    assert set(issues) == {"Laptop", "Harddisk", "External Monitor"}
    assert sum(i["weight"] for i in issues.values()) == pytest.approx(1.0)
    for issue in issues.values():
        assert set(issue) == {"weight", "values"}
        assert all(0.0 <= v <= 1.0 for v in issue["values"].values())
    assert issues["Laptop"]["values"]["HP"] > issues["Laptop"]["values"]["Dell"]
    assert data["provenance"]["answers"] == ["comparisons[0]", "comparisons[1]", "ratings[0]"]


def test_fit_reports_a_cycle_by_answer_numbers(tmp_path: Path) -> None:
    cycle = [
        {"better": _package("HP"), "worse": _package("Dell")},
        {"better": _package("Dell"), "worse": _package("Macintosh")},
        {"better": _package("Macintosh"), "worse": _package("HP")},
    ]
    answers = _write(tmp_path, {"comparisons": cycle})
    code, out, _ = _run("fit", "--genius", LAPTOP, "--answers", answers, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["consistent"] is False
    assert data["contradictions"] == [[0, 1, 2]]
    code, out, _ = _run("fit", "--genius", LAPTOP, "--answers", answers)
    assert code == 0 and "contradiction: answers 0, 1, 2" in out


def test_next_prints_exactly_a_query(tmp_path: Path) -> None:
    answers = _write(
        tmp_path, {"comparisons": [{"better": _package("HP"), "worse": _package("Dell")}]}
    )
    code, out, err = _run("next", "--genius", LAPTOP, "--answers", answers, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"query"} and set(data["query"]) == {"a", "b"}
    assert data["query"]["a"] != data["query"]["b"]
    for package in data["query"].values():
        assert set(package) == {"Laptop", "Harddisk", "External Monitor"}


def test_next_with_an_empty_answers_file(tmp_path: Path) -> None:
    code, out, _ = _run("next", "--genius", LAPTOP, "--answers", _write(tmp_path, {}))
    assert code == 0 and "Which would you rather have?" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not JSON"),
        ({"comparisons": [{"better": {"Laptop": "HP"}}]}, "comparisons[0].worse: missing"),
        ({"ratings": [{"package": _package("HP"), "rating": "high"}]}, "ratings[0].rating"),
        (
            {"comparisons": [{"better": _package("Acer"), "worse": _package("HP")}]},
            "comparisons[0].better: 'Acer' is not a value of issue 'Laptop'",
        ),
        (
            {"comparisons": [{"better": {"Laptop": "HP"}, "worse": _package("HP")}]},
            "comparisons[0].better: no value for issue 'Harddisk'",
        ),
    ],
)
def test_bad_answers_end_in_one_line_naming_file_and_field(
    tmp_path: Path, data: object, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    code, out, err = _run("fit", "--genius", LAPTOP, "--answers", path, "--json")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert str(path) in lines[0] and message in lines[0]


def test_missing_files_and_domain(tmp_path: Path) -> None:
    code, _, err = _run("fit", "--genius", LAPTOP, "--answers", tmp_path / "none.json")
    assert code == 1 and "none.json" in err and "cannot be read" in err
    answers = _write(tmp_path, {})
    code, _, err = _run("fit", "--genius", tmp_path / "d.xml", "--answers", answers)
    assert code == 1 and "no such domain file" in err
    code, _, err = _run("fit", "--answers", answers)
    assert code == 1 and "--genius" in err
