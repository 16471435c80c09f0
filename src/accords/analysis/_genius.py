"""GENIUS and GeniusWeb scenarios as analysis problems.

Issues become parts (named by the issue), values become options (named by the
value), and each profile becomes a party named after its file. Evaluations are
taken as GENIUS computes them (see :mod:`accords.scenario.genius`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from accords.analysis._problem import Preferences, Problem
from accords.analysis._space import OutcomeSpace, Part
from accords.scenario.genius import Domain, Profile, read_genius

__all__ = ["load_genius", "problem_from_genius"]


def problem_from_genius(domain: Domain, profiles: Iterable[Profile]) -> Problem:
    """One problem: a part per issue, a party per profile (reservation values included)."""
    space = OutcomeSpace(tuple(Part(i.name, i.values) for i in domain.issues))
    prefs: dict[str, Preferences] = {}
    for profile in profiles:
        prefs[profile.name] = Preferences(
            weights=tuple(profile.weights[i.name] for i in domain.issues),
            values=tuple(tuple(profile.evaluation(i, v) for v in i.values) for i in domain.issues),
            reservation=profile.reservation,
        )
    return Problem(space, prefs)


def load_genius(domain_path: str | Path, profile_paths: Iterable[str | Path]) -> Problem:
    """Read a GENIUS XML or GeniusWeb JSON domain and profiles into a problem."""
    domain, profiles = read_genius(domain_path, profile_paths)
    return problem_from_genius(domain, profiles)
