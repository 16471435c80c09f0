"""``accords elicit … --as PARTY`` on a negotiation in the record, and ``accords elicit ask``.

On a native negotiation the space is the framework's parts with options, and a
party's answers live with its confidential preferences (``accords.elicitation``).
``fit`` and ``next`` print the same JSON shapes as on a GENIUS domain; without
``--answers`` they read the party's recorded answers. ``ask`` puts the
questions in the terminal (Rich prompts: the 100-point split and option
ratings, package cards to rate, "which would you rather have?" pairs chosen by
the engine) or records an answers file, refitting and recording after each step
so that nothing answered is lost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accords.cli._app import fail
from accords.cli._common import handled, open_record

if TYPE_CHECKING:
    from accords.elicit import Answers, Fit, Query, Space

__all__ = ["native_fit", "native_next", "read_answers_file"]

DIRECT = ("split", "option_ratings", "reservation")


def read_answers_file(path: Path) -> dict[str, Any]:
    """An answers file as recorded: comparisons and ratings (checked as on GENIUS domains),
    and the direct answers (``split``, ``option_ratings``, ``reservation``) beside them."""
    from accords.elicit import answers_from_json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot be read ({exc.__class__.__name__})")
    except json.JSONDecodeError as exc:
        fail(f"{path}: not JSON: {exc.msg} at line {exc.lineno}")
    if not isinstance(data, dict):
        fail(f"{path}: expected a JSON object with comparisons and/or ratings")
    with handled():
        answers_from_json({k: v for k, v in data.items() if k not in DIRECT}, str(path))
    return dict(data)


def _load(
    db: str, negotiation: str | None, party: str, path: Path | None
) -> tuple[Space, Answers, dict[str, Any]]:
    """The framework's space, and the answers of ``path`` or else the party's recorded ones."""
    from accords.elicit import answers_from_json
    from accords.elicitation import answers_of, elicitation_of, space_of

    with open_record(db) as record, handled():
        state = record.state(record.resolve(negotiation))
        elicitation_of(state, party)  # refuses an unknown or non-negotiating party
        space = space_of(state)
        if path is None:
            answers, direct = answers_of(state, party)
            return space, answers, direct
    data = read_answers_file(path)
    rest = {k: v for k, v in data.items() if k not in DIRECT}
    with handled():
        answers = answers_from_json(rest, str(path))
        answers.check(space)
    return space, answers, {k: v for k, v in data.items() if k in DIRECT}


def native_fit(
    db: str, negotiation: str | None, party: str, path: Path | None, samples: int, seed: int
) -> tuple[Fit, str]:
    """The party's fit and its method (see :mod:`accords.elicitation`); nothing recorded."""
    from accords.elicitation import fit_of

    space, answers, direct = _load(db, negotiation, party, path)
    with handled():
        return fit_of(space, answers, direct, seed, samples=samples)


def native_next(
    db: str, negotiation: str | None, party: str, path: Path | None, samples: int, seed: int
) -> Query:
    """The most informative next comparison for the party, given its answers."""
    from accords.elicit import fit, next_query

    space, answers, _ = _load(db, negotiation, party, path)
    with handled():
        return next_query(fit(space, answers, samples=samples, seed=seed), seed=seed)
