"""Pins the public API of ``accords.elicit`` and the CLI's lazy loading."""

from __future__ import annotations

import subprocess
import sys

import accords.elicit

PUBLIC = {
    "Acceptance",
    "Answers",
    "Comparison",
    "Curve",
    "Direct",
    "Fit",
    "Improvement",
    "Issue",
    "Package",
    "Profile",
    "Provenance",
    "Query",
    "Rating",
    "Space",
    "answers_from_json",
    "blind_acceptance",
    "candidate_pairs",
    "direct_profile",
    "fit",
    "improve_on_table",
    "next_query",
    "order_rows",
    "prior_bounds",
    "profile_from_parts",
    "read_answers",
    "refit_ratings",
    "space_from_genius",
}


def test_all_is_pinned() -> None:
    assert set(accords.elicit.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(accords.elicit, name) is not None


def test_elicit_command_loads_only_its_module() -> None:
    code = (
        "import sys; from accords.cli import load_commands; "
        "load_commands(['accords', 'elicit']); "
        "print(sorted(m for m in sys.modules if m.startswith('accords.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['accords.cli._app', 'accords.cli.elicit']"
