"""The console entry starts NumPy's OpenBLAS with one thread, unless the user chose a number.

Run as a user runs it (a fresh process through ``accords.cli.main``), since the choice
must be made before NumPy is first imported.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CHOICES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")

#: After ``accords analyze --help``, NumPy loaded: the variable, and OpenBLAS's own thread
#: count where threadpoolctl can read it.
CODE = """
import atexit, os, sys

def report():
    import numpy  # noqa: F401
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threads = None
    else:
        threads = [p["num_threads"] for p in threadpool_info() if p["internal_api"] == "openblas"]
    print(os.environ.get("OPENBLAS_NUM_THREADS"), threads)

atexit.register(report)
sys.argv = ["accords", "analyze", "--help"]
from accords.cli import main
main()
"""


def run(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in CHOICES}
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_one_thread_by_default() -> None:
    variable, threads = run().split(" ", 1)
    assert variable == "1"
    assert threads in ("None", "[]", "[1]")


@pytest.mark.parametrize("name", CHOICES)
def test_a_users_choice_stands(name: str) -> None:
    out = run(**{name: "2"})
    expected = "2" if name == "OPENBLAS_NUM_THREADS" else "None"
    assert out.split(" ", 1)[0] == expected
