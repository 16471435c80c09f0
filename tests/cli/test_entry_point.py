"""The console entry point, run as a user runs it: a fresh process, only the modules it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "genius" / "Laptop"


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from accords.cli import main; sys.argv = sys.argv[1:]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "accords", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", ["analyze", "simulate", "tournament"])
def test_a_standalone_command_is_still_a_command_of_the_group(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"Usage: accords {command}" in " ".join(result.stdout.split())


def test_analyze_genius_through_the_entry_point() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent: the ANAC scenarios are not here")
    files = [str(SHARED / n) for n in ("laptop_domain.xml", "laptop_buyer_utility.xml")]
    result = run("analyze", "--genius", *files, str(SHARED / "laptop_seller_utility.xml"), "--json")
    assert result.returncode == 0, result.stderr
    assert '"outcomes": 27' in result.stdout


def test_the_whole_group_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("status", "analyze", "simulate", "ingest", "serve", "text"):
        assert command in result.stdout
