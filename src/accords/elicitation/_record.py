"""A party's answers and fitted profile, kept as its confidential preferences.

Nothing here is a new kind of event: the answers, the fitted profile, its
provenance and its uncertainty all travel in one ``preferences-set`` payload
(a confidential event, sealed at rest and shown only to the party and the
mediator). The payload keeps the analysis' shape (``weights``, ``values``,
``reservation``) and adds ``elicitation``::

    {"answers": {"split": {PART: POINTS}, "option_ratings": {PART: {OPTION: 0..100}},
                 "reservation": 0..100, "comparisons": [...], "ratings": [...]},
     "method": "direct" | "hybrid" | "comparisons" | null,
     "fitted_at": ISO-DATE | null,
     "provenance": {"answers": [LABEL, ...], "given_at": [...], "source": ...},
     "uncertainty": {"samples": N, "consistent": BOOL, "contradictions": [[...]],
                     "disagreeing": [...], "weight_interval": {PART: [LO, HI]}},
     "blind": {"packages": [PACKAGE, ...]} | {"least": 0..1}}

The method follows the answers: comparisons (with any package ratings) are
fitted on the polytope of consistent profiles; a point split with option
ratings alone is taken as stated (``direct``), and refitted to package ratings
when there are some (``hybrid``, Inspire's conjoint).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from accords.elicit import (
    Answers,
    Direct,
    Fit,
    Issue,
    Provenance,
    Space,
    answers_from_json,
    direct_profile,
    fit,
    profile_from_parts,
    refit_ratings,
)
from accords.errors import AnswersError, RefusedMove, UnknownReference
from accords.model import commands as c

if TYPE_CHECKING:
    from accords.model import State

__all__ = [
    "MAX_ANSWERS",
    "answers_of",
    "elicitation_of",
    "fit_of",
    "preferences_with",
    "record_answers",
    "refit",
    "space_of",
]

#: Most comparisons and package ratings one party may hold (bounded input, bounded fits).
MAX_ANSWERS = 200
#: The direct answers' keys in the stored answers (``direct_at``: when they were last given).
DIRECT = ("split", "option_ratings", "reservation", "direct_at")
#: Samples of the consistent set drawn per fit.
SAMPLES = 400


def space_of(state: State) -> Space:
    """The packages of the framework's parts with options: part ids as issues, option ids as
    values. Parts without options cannot be asked about and are left out, by name."""
    issues = tuple(
        Issue(pid, tuple(o.id for o in ps.part.options))
        for pid, ps in state.parts.items()
        if ps.part.options
    )
    if not issues:
        raise RefusedMove("the framework has no part with options to ask about")
    return Space(issues)


def _party(state: State, party: str) -> None:
    if party not in state.parties:
        raise UnknownReference(f"no party {party!r} in {state.id!r}")
    if not state.parties[party].negotiates:
        raise RefusedMove(f"{party!r} is not a negotiating party: it holds no preferences")


def elicitation_of(state: State, party: str) -> dict[str, Any]:
    """The party's stored elicitation record (empty when it has answered nothing)."""
    _party(state, party)
    prefs = state.preferences.get(party) or {}
    record = prefs.get("elicitation")
    return dict(record) if isinstance(record, Mapping) else {}


def answers_of(state: State, party: str) -> tuple[Answers, dict[str, Any]]:
    """The party's comparisons and ratings, and its direct answers (split, ratings, reservation)."""
    stored = elicitation_of(state, party).get("answers") or {}
    answers = answers_from_json(
        {k: stored.get(k, []) for k in ("comparisons", "ratings")}, f"answers of {party}"
    )
    return answers, {k: stored[k] for k in DIRECT if k in stored}


def _merge(stored: Mapping[str, Any], new: Mapping[str, Any], on: date) -> dict[str, Any]:
    """Stored answers with ``new`` added: lists extended (each answer dated), direct replaced."""
    known = {"comparisons", "ratings", "split", "option_ratings", "reservation"}
    unknown = set(new) - known
    if unknown:
        raise RefusedMove(
            f"unknown kind of answer {sorted(unknown)[0]!r} ({', '.join(sorted(known))})"
        )
    out = dict(stored)
    for key in ("comparisons", "ratings"):
        items = new.get(key) or []
        if not isinstance(items, list):
            raise RefusedMove(f"{key}: expected a list")
        dated = [
            {**i, "at": i.get("at") or on.isoformat()} if isinstance(i, Mapping) else i
            for i in items
        ]
        out[key] = [*stored.get(key, []), *dated]
    if len(out.get("comparisons", [])) + len(out.get("ratings", [])) > MAX_ANSWERS:
        raise RefusedMove(f"a party keeps at most {MAX_ANSWERS} comparisons and ratings")
    for key in ("split", "option_ratings", "reservation"):
        if key in new:
            out[key] = new[key]
            out["direct_at"] = on.isoformat()
    return out


def _direct(space: Space, direct: Mapping[str, Any]) -> Direct | None:
    if "split" not in direct:
        return None
    try:
        split = {str(k): float(v) for k, v in dict(direct["split"]).items()}
        ratings = {
            str(p): {str(o): float(s) for o, s in dict(vs).items()}
            for p, vs in dict(direct.get("option_ratings") or {}).items()
        }
        reservation = float(direct.get("reservation", 0.0))
    except (TypeError, ValueError):
        raise RefusedMove("a point split and option ratings are numbers") from None
    numbers = [*split.values(), *(x for vs in ratings.values() for x in vs.values())]
    if not all(math.isfinite(x) for x in numbers):
        raise RefusedMove("a point split and option ratings are finite numbers")
    if not 0 <= reservation <= 100:
        raise RefusedMove("the reservation runs from 0 to 100")
    unknown = set(split) - set(space.names)
    if unknown:
        raise UnknownReference(
            f"the point split names no part with options: {sorted(unknown)[0]!r}"
        )
    return Direct(split=split, ratings=ratings, reservation=reservation)


def fit_of(
    space: Space,
    answers: Answers,
    direct: Mapping[str, Any],
    seed: int = 0,
    samples: int = SAMPLES,
) -> tuple[Fit, str]:
    """The fit of a party's answers and the method that gave its profile (see the module)."""
    answers.check(space)
    stated = _direct(space, direct)
    sampled = fit(space, answers, samples=samples, seed=seed)
    if answers.comparisons or stated is None:
        if not len(answers):
            raise RefusedMove(
                "no answers yet: give a point split and option ratings, or compare packages"
            )
        return sampled, "comparisons"
    profile = direct_profile(space, stated)
    at = direct.get("direct_at")
    stated_prov = Provenance(("split", "option_ratings"), (at, at), answers.source)
    if not answers.ratings:
        one = profile.parts(space)[None, :]
        return _replace(sampled, profile, one, stated_prov), "direct"
    x = space.features(np.array([space.encode(r.package) for r in answers.ratings]))
    y = np.array([r.rating / 100.0 for r in answers.ratings])
    parts = refit_ratings(space, x, y, profile.parts(space))[:-1]
    refitted = profile_from_parts(space, np.maximum(parts, 0.0), profile.reservation)
    both = Provenance(
        stated_prov.answers + sampled.provenance.answers,
        stated_prov.given_at + sampled.provenance.given_at,
        answers.source,
    )
    return _replace(sampled, refitted, sampled.samples, both), "hybrid"


def _replace(base: Fit, profile: Any, samples: Any, provenance: Provenance) -> Fit:
    return Fit(
        space=base.space,
        profile=profile,
        samples=samples,
        consistent=base.consistent,
        contradictions=base.contradictions,
        disagreeing=base.disagreeing,
        used=base.used,
        provenance=provenance,
    )


def _uncertainty(result: Fit) -> dict[str, Any]:
    """What the consistent set says about each part's weight: its 5–95 % interval."""
    interval: dict[str, list[float]] = {}
    if result.samples.shape[0] > 1:
        weights = np.array(
            [[p.weights[i.name] for i in result.space.issues] for p in result.profiles()]
        )
        lo, hi = np.percentile(weights, [5, 95], axis=0)
        interval = {
            i.name: [round(float(a), 4), round(float(b), 4)]
            for i, a, b in zip(result.space.issues, lo, hi, strict=True)
        }
    return {
        "samples": int(result.samples.shape[0]),
        "consistent": result.consistent,
        "contradictions": [list(x) for x in result.contradictions],
        "disagreeing": list(result.disagreeing),
        "weight_interval": interval,
    }


def preferences_with(
    state: State, party: str, new_answers: Mapping[str, Any], on: date, *, blind: Any = None
) -> dict[str, Any]:
    """The party's preferences payload after ``new_answers`` (and a blind mark, if given),
    refitted: the profile, its method, provenance and uncertainty, and the answers. An
    answer that does not fit the framework is a refused move (its field path said)."""
    try:
        return _preferences_with(state, party, new_answers, on, blind)
    except AnswersError as exc:
        raise RefusedMove(str(exc)) from None


def _preferences_with(
    state: State, party: str, new_answers: Mapping[str, Any], on: date, blind: Any
) -> dict[str, Any]:
    record = elicitation_of(state, party)
    stored = _merge(record.get("answers") or {}, new_answers, on)
    space = space_of(state)
    answers = answers_from_json(
        {k: stored.get(k, []) for k in ("comparisons", "ratings")}, f"answers of {party}"
    )
    direct: dict[str, Any] = {k: stored[k] for k in DIRECT if k in stored}
    previous = dict(state.preferences.get(party) or {})
    elicitation: dict[str, Any] = {"answers": stored, "method": None, "fitted_at": None}
    if len(answers) or "split" in direct:
        result, method = fit_of(space, answers, direct)
        prov = result.provenance
        elicitation.update(
            method=method,
            fitted_at=on.isoformat(),
            provenance={
                "answers": list(prov.answers),
                "given_at": list(prov.given_at),
                "source": prov.source,
            },
            uncertainty=_uncertainty(result),
        )
        previous.update(
            weights=dict(result.profile.weights),
            values={k: dict(v) for k, v in result.profile.values.items()},
        )
        if "reservation" in direct:  # comparisons say nothing about it: keep the one stated
            previous["reservation"] = float(direct["reservation"]) / 100.0
    mark = blind if blind is not None else record.get("blind")
    if mark is not None:
        elicitation["blind"] = mark
    previous["elicitation"] = elicitation
    return previous


def record_answers(
    state: State, party: str, new_answers: Mapping[str, Any], on: date, *, blind: Any = None
) -> c.SetPreferences:
    """The move recording ``new_answers`` with the refitted profile (a refusal appends nothing)."""
    return c.SetPreferences(
        on=on, party=party, preferences=preferences_with(state, party, new_answers, on, blind=blind)
    )


def refit(state: State, party: str, seed: int = 0) -> tuple[Fit, str]:
    """The fit of the party's stored answers (nothing recorded)."""
    answers, direct = answers_of(state, party)
    return fit_of(space_of(state), answers, direct, seed)
