"""Option types shared by the stand-alone commands (``analyze``, ``simulate``, ``elicit``).

They live apart from :mod:`accords.cli._common` so that a stand-alone command imports
Typer and nothing of the record: ``accords analyze --genius`` starts without the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["GeniusFlag", "JsonFlag", "ScenarioFiles"]

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
ScenarioFiles = Annotated[
    list[Path],
    typer.Argument(
        help="SCENARIO.yaml, or with --genius: DOMAIN PROFILE PROFILE... "
        "(GENIUS .xml or GeniusWeb .json).",
        show_default=False,
    ),
]
GeniusFlag = Annotated[
    bool, typer.Option("--genius", help="Read a GENIUS/GeniusWeb domain and profiles.")
]
