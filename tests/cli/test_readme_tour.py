"""The README's tour of the CLI runs as written: its plain output lines are what accords prints."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from accords.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"
_BOX = set("┃│┏┓┗┛┡┩└┘╭╮╰╯├┤┼━─…")


def _tour() -> list[tuple[str, list[str]]]:
    """(command, printed lines) for every ``$ `` line in the README's console blocks."""
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
    return steps


def _plain(lines: list[str]) -> list[str]:
    """Lines that do not depend on the terminal's width: no tables, no centred titles."""
    return [x for x in lines if x.strip() and not (_BOX & set(x)) and not x.startswith(" ")]


def test_the_readme_tour_runs_as_written(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = _tour()
    assert [s.split()[1] for s, _ in steps if s.startswith("accords")][:5] == [
        "load", "status", "status", "round", "log",
    ]  # fmt: skip
    (tmp_path / "examples").mkdir()
    shutil.copy(README.parent / "examples" / "us-taliban-2019.yaml", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for command, shown in steps:
        argv = shlex.split(command)
        if argv[0] == "head":
            count, path = int(argv[1].lstrip("-")), Path(argv[2])
            printed = path.read_text(encoding="utf-8").splitlines()[:count]
        else:
            assert argv[0] == "accords", command
            result = runner.invoke(app, argv[1:])
            expect_error = any(x.startswith("error:") for x in shown)
            assert (result.exit_code != 0) == expect_error, (command, result.output)
            printed = result.output.splitlines()
        actual = {x.rstrip() for x in printed}
        for line in _plain(shown):
            assert line.rstrip() in actual, (command, line, printed)
