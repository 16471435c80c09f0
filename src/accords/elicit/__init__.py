"""Preferences from answers: elicitation, its uncertainty, and facilitation on it.

A delegate states preferences by answering questions; this package turns the
answers into a fitted additive profile (issue weights summing to 1, value
scores in [0, 1]) with its uncertainty and provenance, and uses fitted
profiles to help the parties:

- :func:`fit` — comparisons ("a over b") and holistic ratings (0–100) cut
  part-worth space down to the *consistent set*; :class:`Fit` holds samples
  from it under a prior shaped like real additive profiles (Gibbs and
  hit-and-run, see :mod:`accords.elicit._posterior`), their mean as the
  profile, the minimal sets of answers that contradict each other, ratings that
  disagree with the rest, and which answers were used when;
- :func:`next_query` — the comparison that best splits the consistent set;
- :func:`direct_profile` — a point split, option ratings, piecewise-linear
  curves, red lines and a reservation value, stated outright;
  :func:`refit_ratings` refits part-worths to rated packages (hybrid conjoint);
- :func:`improve_on_table` and :func:`blind_acceptance` — facilitation.

It works on any :class:`Space` of discrete issues (numeric issues as their
grid of values, scored by a :class:`Curve`); :func:`space_from_genius` builds
one from a GENIUS domain.
"""

from accords.elicit._active import Query, candidate_pairs, next_query
from accords.elicit._answers import Answers, Comparison, Rating, answers_from_json, read_answers
from accords.elicit._direct import Curve, Direct, direct_profile
from accords.elicit._facilitate import Acceptance, Improvement, blind_acceptance, improve_on_table
from accords.elicit._fit import Fit, Provenance, fit, order_rows, prior_bounds, refit_ratings
from accords.elicit._profile import Profile, profile_from_parts
from accords.elicit._space import Issue, Package, Space, space_from_genius

__all__ = [
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
]
