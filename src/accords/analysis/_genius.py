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
from accords.errors import RefusedMove
from accords.scenario.genius import Domain, Issue, Profile, read_genius

__all__ = ["genius_from_problem", "load_genius", "problem_from_genius"]


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


def genius_from_problem(problem: Problem, name: str = "accords") -> tuple[Domain, list[Profile]]:
    """The problem as a GENIUS domain and one additive profile per party, for
    :func:`accords.scenario.genius.write_domain` and ``write_profile``.

    GENIUS profiles are purely additive over independent issues: interactions,
    red lines, linkages and fixed parts cannot be written, so they are refused
    rather than silently left out.
    """
    space = problem.space
    if space.linkages or space.fixed:
        raise RefusedMove("GENIUS cannot express linkages or fixed parts; nothing was written")
    for party, prefs in problem.preferences.items():
        if prefs.interactions or prefs.red_lines:
            raise RefusedMove(
                f"{party}'s interactions or red lines cannot be expressed in GENIUS; "
                "nothing was written"
            )
    domain = Domain(name, tuple(Issue(p.id, p.options) for p in space.parts))
    profiles = [
        Profile(
            party,
            {p.id: w for p, w in zip(space.parts, prefs.weights, strict=True)},
            {
                p.id: dict(zip(p.options, vals, strict=True))
                for p, vals in zip(space.parts, prefs.values, strict=True)
            },
            reservation=prefs.reservation,
        )
        for party, prefs in problem.preferences.items()
    ]
    return domain, profiles
