"""Facilitation on a native negotiation: improve on the table, and blind acceptance.

*Improve on the table* takes every negotiating party's profile: a party that
answered questions brings the samples of its consistent set (its
uncertainty); a party whose preferences were typed in brings that one profile.
The package on the table is the analysis' (the option most signatories back on
each part). Packages that break a ``requires`` or ``excludes`` linkage are left
out. Only packages and probabilities come out.

*Blind acceptance*: each party's mark (the packages it would accept, or its
least satisfaction under its own profile) is kept in its confidential
preferences; the intersection is revealed only once every negotiating party
has marked, and it never says who accepted what.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from accords.elicit import (
    Acceptance,
    Fit,
    Improvement,
    Package,
    Provenance,
    Space,
    blind_acceptance,
    improve_on_table,
)
from accords.elicitation._record import elicitation_of, refit, space_of
from accords.errors import RefusedMove

if TYPE_CHECKING:
    from accords.model import State

__all__ = ["blind_mark", "improvements", "revealed", "table_of"]


def table_of(state: State) -> dict[str, str]:
    """The package on the table, as the analysis reads it (the option most signatories back
    on each part); refused while a part has nothing on it or a party has no preferences."""
    from accords.analysis import problem_from_state

    context = problem_from_state(state, "mediator")
    if context.proposal is None:
        raise RefusedMove(
            "nothing is on the table for "
            + ", ".join(context.open_parts)
            + ": propose an option first"
        )
    return dict(context.proposal)


def _profile_fit(state: State, space: Space, party: str) -> Fit:
    """The party's fit: refitted from its answers, or its typed-in profile as one sample."""
    from accords.elicit import Profile

    prefs = state.preferences.get(party)
    if prefs is None:
        raise RefusedMove(f"no preferences recorded for {party!r}: it has answered nothing yet")
    if elicitation_of(state, party).get("method"):
        return refit(state, party)[0]
    weights = {i.name: float(prefs.get("weights", {}).get(i.name, 0.0)) for i in space.issues}
    total = sum(weights.values()) or 1.0
    values = {
        i.name: {v: float(prefs.get("values", {}).get(i.name, {}).get(v, 0.0)) for v in i.values}
        for i in space.issues
    }
    profile = Profile({k: w / total for k, w in weights.items()}, values)
    return Fit(
        space, profile, profile.parts(space)[None, :], True, (), (), (), Provenance((), (), "typed")
    )


def _breaks_linkage(state: State, package: Package) -> bool:
    for link in state.linkages:
        refs = (link.from_ref, link.to_ref)
        if link.kind not in ("requires", "excludes") or not all(":" in r for r in refs):
            continue
        (pa, oa), (pb, ob) = (r.split(":", 1) for r in refs)
        has_a, has_b = package.get(pa) == oa, package.get(pb) == ob
        if has_a and (has_b if link.kind == "excludes" else not has_b and pb in package):
            return True
    return False


def improvements(
    state: State, limit: int = 50, scheduler: object = None
) -> tuple[dict[str, str], list[Improvement]]:
    """The table and the packages that improve on it for every negotiating party;
    ``scheduler`` (a Dask address, ``"local"`` or a Client) reads the space on Dask."""
    space = space_of(state)
    table = {k: v for k, v in table_of(state).items() if k in space.names}
    fits = {p: _profile_fit(state, space, p) for p in state.negotiating_parties()}
    draws = max(f.samples.shape[0] for f in fits.values())
    for p, f in fits.items():  # a typed-in profile is certain: repeat it for every draw
        if f.samples.shape[0] == 1:
            fits[p] = Fit(
                f.space,
                f.profile,
                np.repeat(f.samples, draws, axis=0),
                True,
                (),
                (),
                (),
                f.provenance,
            )
    found = improve_on_table(space, fits, table, limit=limit * 4, scheduler=scheduler)
    kept = [i for i in found if not _breaks_linkage(state, i.package)][:limit]
    return table, kept


def blind_mark(state: State, mark: Mapping[str, Any]) -> dict[str, Any]:
    """A mark checked against the framework: ``{"packages": [...]}`` or ``{"least": 0..1}``."""
    space = space_of(state)
    if set(mark) == {"least"}:
        least = mark["least"]
        if isinstance(least, bool) or not isinstance(least, int | float) or not 0 <= least <= 1:
            raise RefusedMove("least: a satisfaction from 0 to 1")
        return {"least": float(least)}
    if set(mark) == {"packages"} and isinstance(mark["packages"], list):
        packages = [dict(p) for p in mark["packages"] if isinstance(p, Mapping)]
        if len(packages) != len(mark["packages"]) or len(packages) > 500:
            raise RefusedMove("packages: a list of at most 500 packages, each PART: OPTION")
        for k, p in enumerate(packages):
            space.encode(p, f"packages[{k}]")
        return {"packages": packages}
    raise RefusedMove("a mark is either {packages: [...]} or {least: 0..1}")


def revealed(state: State) -> tuple[int, int, list[dict[str, str]] | None]:
    """(parties that marked, parties in all, the intersection once all have marked)."""
    parties = state.negotiating_parties()
    marks: dict[str, Acceptance] = {}
    for p in parties:
        mark = elicitation_of(state, p).get("blind")
        if not mark:
            continue
        if "least" in mark:
            fit = _profile_fit(state, space_of(state), p)
            marks[p] = Acceptance(least=float(mark["least"]), profile=fit.profile)
        else:
            marks[p] = Acceptance(packages=list(mark["packages"]))
    if len(marks) < len(parties) or len(parties) < 2:
        return len(marks), len(parties), None
    return len(marks), len(parties), blind_acceptance(space_of(state), marks)
