"""The analysis as JSON for scripts and as plain words for people.

Packages are written ``{part: option}`` and utilities ``{party: u}``; tied
packages on the frontier are listed one by one, next to each other, sharing a
``tie_group``. Nothing is dropped for falling below a reservation value: the
parties it falls short for are listed under ``below_reservation``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from accords.analysis._analysis import Analysis, PartyView
from accords.analysis._problem import Problem
from accords.analysis._solutions import Solution

if TYPE_CHECKING:
    from accords.analysis._scenario import ScenarioProblem

__all__ = ["analysis_json", "explain", "explain_party", "party_json"]

_RULE_WORDS = {
    "nash": "Nash bargaining solution (largest product of gains over no agreement)",
    "kalai_smorodinsky": "Kalai–Smorodinsky solution (equal shares of each party's best gain)",
    "egalitarian": "egalitarian solution (the worst-off party gains most)",
    "utilitarian": "utilitarian solution (largest total utility)",
}


def _u(problem: Problem, u: npt.NDArray[np.float64]) -> dict[str, float]:
    """Utilities for people and scripts: 12 decimals hide the last bits of fixed point."""
    return {p: round(float(x), 12) for p, x in zip(problem.parties, u, strict=True)}


def _solution_json(problem: Problem, s: Solution | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "outcome": problem.space.describe(s.outcome),
        "utilities": _u(problem, s.utilities),
        "equivalent_packages": s.equivalent_packages,
        "tied_points": len(s.tied_points),
    }


def analysis_json(
    a: Analysis, context: ScenarioProblem | None = None, *, max_outcomes: int = 100_000
) -> dict[str, Any]:
    """The mediator's analysis as plain data (raises FrontierTooLarge past ``max_outcomes``)."""
    pr = a.problem
    f = a.frontier
    rows, cls = f.outcomes(limit=max_outcomes)
    below = f.below_reservation
    util = f.utilities
    frontier = [
        {
            "outcome": pr.space.describe(row),
            "utilities": _u(pr, util[c]),
            "below_reservation": [p for p, b in zip(pr.parties, below[c], strict=True) if b],
            "tie_group": int(c),
        }
        for row, c in zip(rows, cls, strict=True)
    ]
    out: dict[str, Any] = {
        "viewer": "mediator",
        "parties": list(pr.parties),
        "parts": list(pr.space.part_ids),
        "combinations": pr.space.product_size,
        "outcomes": f.feasible_count,
        "reservation": _u(pr, pr.reservations),
        "frontier_size": f.size,
        "frontier": frontier,
        **{rule: _solution_json(pr, s) for rule, s in a.solutions.items()},
        "zopa_size": a.zopa_size,
        "zopa_on_frontier": int(
            sum(int(f.counts[c]) for c in np.flatnonzero(np.all(f.points > pr.reservation_ints, 1)))
        ),
    }
    if a.proposal is not None:
        p = a.proposal
        out["proposal"] = {
            "outcome": pr.space.describe(p.outcome),
            "utilities": _u(pr, p.utilities),
            "feasible": p.feasible,
            "on_frontier": p.on_frontier,
            "distance_to_frontier": p.distance,
            "below_reservation": list(p.below_reservation),
            "improved_for_everyone_by": [
                {"outcome": pr.space.describe(f.representative(c)), "utilities": _u(pr, util[c])}
                for c in p.improving_points
            ],
        }
    if context is not None:
        out["given"] = dict(context.problem.space.describe_fixed())
        out["open_parts"] = list(context.open_parts)
        out["illustrative"] = list(context.illustrative)
    return out


def party_json(v: PartyView, context: ScenarioProblem | None = None) -> dict[str, Any]:
    pr = v.problem
    rows, _ = v.best.outcomes(limit=1000)
    best_u = float(v.best.utilities[0, 0]) if len(v.best) else None
    return {
        "viewer": v.party,
        "party": v.party,
        "parts": list(pr.space.part_ids),
        "outcomes": v.best.feasible_count,
        "reservation": float(pr.reservations[0]),
        "best_utility": best_u,
        "best_packages": [pr.space.describe(r) for r in rows],
        "acceptable_packages": v.acceptable,
        "proposal_utility": v.proposal_utility,
        "cheapest_concessions": [{"part": p, "at_most": c} for p, c in v.cheapest_concessions],
        "refused": "the frontier, bargaining solutions and zone of possible agreement need "
        "every party's preferences; only the mediator may see them",
        **({"illustrative": list(context.illustrative)} if context else {}),
    }


# -- plain words ---------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x != 0 else "0"


def _package(problem: Problem, outcome: npt.NDArray[np.int64], skip: set[str]) -> str:
    d = problem.space.describe(outcome)
    shown = [f"{part}: {opt}" for part, opt in d.items() if part not in skip]
    return "; ".join(shown) if shown else "(everything already fixed)"


def _name(context: ScenarioProblem | None, party: str) -> str:
    if context is not None:
        return context.party_names.get(party, party)
    return party


def _gives_up(a: Analysis, s: Solution, context: ScenarioProblem | None) -> list[str]:
    """For each party: how far the package is from the party's own best feasible package,
    and on which parts they differ (weight times value lost there, interactions aside)."""
    pr = a.problem
    f = a.frontier
    lines = []
    for k, party in enumerate(pr.parties):
        best_point = int(np.argmax(f.points[:, k]))
        best = f.representative(best_point)
        prefs = pr.preferences[party]
        losses = []
        for j, part in enumerate(pr.space.parts):
            chosen, wanted = int(s.outcome[j]), int(best[j])
            if chosen == wanted:
                continue
            loss = prefs.weights[j] * (prefs.values[j][wanted] - prefs.values[j][chosen])
            if loss > 1e-12:
                losses.append(
                    (
                        loss,
                        f"{part.id}: {part.options[chosen]} rather than "
                        f"{part.options[wanted]} (-{_fmt(loss)})",
                    )
                )
        losses.sort(reverse=True)
        top = float(f.utilities[best_point, k])
        gap = top - float(s.utilities[k])
        if gap <= 1e-12:
            lines.append(f"  {_name(context, party)} gets its best feasible package ({_fmt(top)}).")
            continue
        parts_text = [t for _, t in losses]
        residual = gap - sum(x for x, _ in losses)
        if abs(residual) > 1e-9:
            parts_text.append(f"{_fmt(residual)} through interactions between parts")
        detail = "; ".join(parts_text)
        lines.append(
            f"  {_name(context, party)} gets {_fmt(float(s.utilities[k]))} where its best feasible "
            f"package gives {_fmt(top)}, giving up {_fmt(gap)}: {detail}."
        )
    return lines


def explain(a: Analysis, context: ScenarioProblem | None = None, *, shown: int = 10) -> list[str]:
    """The analysis in plain words, for a mediator."""
    fixed = set(a.problem.space.describe_fixed())
    out = _scope_lines(a, context)
    if a.frontier.feasible_count == 0:
        out.append("No package satisfies the linkages and every party's red lines.")
        return out
    out.extend(_zopa_lines(a, context, fixed, shown))
    out.extend(_solution_lines(a, context, fixed))
    out.extend(_proposal_lines(a, context, fixed))
    return out


def _scope_lines(a: Analysis, context: ScenarioProblem | None) -> list[str]:
    """What the numbers rest on: assumed preferences, what is fixed, what is feasible."""
    pr = a.problem
    f = a.frontier
    out: list[str] = []
    if context is not None and context.illustrative:
        who = ", ".join(_name(context, p) for p in context.illustrative)
        out.append(
            f"Note: the preferences of {who} are illustrative assumptions, not facts; "
            "read the numbers as a way to think, not as findings."
        )
    if pr.space.describe_fixed():
        out.append(
            "Given what is provisionally accepted ("
            + "; ".join(f"{p}: {o}" for p, o in pr.space.describe_fixed().items())
            + "), only its completions are considered."
        )
    ruled_out = pr.space.product_size - f.feasible_count
    out.append(
        f"{f.feasible_count} feasible package(s) of {pr.space.product_size} combination(s)"
        + (f"; linkages and red lines rule out {ruled_out}." if ruled_out else ".")
    )
    return out


def _zopa_lines(
    a: Analysis, context: ScenarioProblem | None, fixed: set[str], shown: int
) -> list[str]:
    """The zone of possible agreement, its efficient packages, and those below a reservation."""
    pr = a.problem
    f = a.frontier
    out: list[str] = []
    zopa_pts = np.flatnonzero(np.all(f.points > pr.reservation_ints, axis=1))
    if a.zopa_size is None:
        out.append("The zone of possible agreement is too large to count exactly here.")
    elif a.zopa_size == 0:
        out.append(
            "No package is better than no agreement for every party: there is no zone of "
            "possible agreement with these preferences."
        )
    else:
        out.append(
            f"{a.zopa_size} package(s) are better than no agreement for every party (the zone "
            f"of possible agreement); {int(sum(int(f.counts[c]) for c in zopa_pts))} of them "
            "are efficient (no other package is better for someone and worse for no one):"
        )
        for c in zopa_pts[:shown]:
            us = ", ".join(
                f"{_name(context, p)} {_fmt(float(u))}"
                for p, u in zip(pr.parties, f.utilities[c], strict=True)
            )
            same = int(f.counts[c])
            also = f"; one of {same} equally good packages" if same > 1 else ""
            out.append(f"  - {_package(pr, f.representative(int(c)), fixed)}  ({us}{also})")
        if len(zopa_pts) > shown:
            out.append(f"  … and {len(zopa_pts) - shown} more (see --json)")
    below_any = int(np.any(f.below_reservation, axis=1).sum())
    if below_any:
        out.append(
            f"{below_any} efficient utility point(s) leave some party below its reservation "
            "value; they are kept and marked, since an efficient package is not necessarily "
            "acceptable."
        )
    return out


def _solution_lines(a: Analysis, context: ScenarioProblem | None, fixed: set[str]) -> list[str]:
    """Each bargaining solution's package (rules that agree said once) and who gives up what."""
    out: list[str] = []
    chosen: dict[int, list[str]] = {}
    for rule, sol in a.solutions.items():
        if sol is None:
            out.append(
                f"No {_RULE_WORDS[rule]}: no efficient package gives every party at least "
                "its reservation value."
            )
        else:
            chosen.setdefault(sol.point, []).append(rule)
    for rules in chosen.values():
        sol = a.solutions[rules[0]]
        assert sol is not None
        names = [_RULE_WORDS[r] for r in rules]
        which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "chooses" if len(names) == 1 else "all choose"
        ties = f" (tied with {len(sol.tied_points)} other point(s))" if sol.tied_points else ""
        if sol.equivalent_packages > 1:
            ties += f" (one of {sol.equivalent_packages} packages worth exactly the same)"
        out.append(f"The {which} {verb}: {_package(a.problem, sol.outcome, fixed)}{ties}.")
        out.extend(_gives_up(a, sol, context))
    return out


def _proposal_lines(a: Analysis, context: ScenarioProblem | None, fixed: set[str]) -> list[str]:
    """How the package on the table scores, or which parts have nothing tabled."""
    pr = a.problem
    if a.proposal is None:
        if context is not None and context.open_parts:
            return [
                "No complete package is on the table: nothing is tabled on "
                + ", ".join(context.open_parts)
                + "."
            ]
        return []
    p = a.proposal
    us = ", ".join(
        f"{_name(context, q)} {_fmt(float(u))}"
        for q, u in zip(pr.parties, p.utilities, strict=True)
    )
    out = [f"The package on the table ({_package(pr, p.outcome, fixed)}) scores {us}."]
    if not p.feasible:
        out.append("  It breaks a linkage or a party's red line.")
    if p.below_reservation:
        out.append(
            "  It is worse than no agreement for "
            + ", ".join(_name(context, q) for q in p.below_reservation)
            + "."
        )
    if p.on_frontier:
        out.append("  It is efficient: no package is better for one party without costing another.")
    else:
        out.append(f"  Its distance from the frontier is {_fmt(p.distance)}.")
        if p.improving_points:
            out.append(
                f"  {len(p.improving_points)} efficient point(s) are better for every party, "
                f"e.g. {_package(pr, a.frontier.representative(p.improving_points[0]), fixed)}."
            )
    return out


def explain_party(v: PartyView, context: ScenarioProblem | None = None) -> list[str]:
    """What a party's own preferences say, in plain words."""
    pr = v.problem
    out = []
    if context is not None and v.party in context.illustrative:
        out.append("Note: these preferences are marked illustrative: assumptions, not facts.")
    if len(v.best) == 0:
        return [*out, "No feasible package."]
    rows, _ = v.best.outcomes(limit=1000)
    out.append(
        f"Your best package(s), worth {_fmt(float(v.best.utilities[0, 0]))} to you "
        f"(no agreement is worth {_fmt(float(pr.reservations[0]))}):"
    )
    for r in rows[:10]:
        out.append(f"  - {_package(pr, r, set())}")
    if v.acceptable is not None:
        out.append(
            f"{v.acceptable} of {v.best.feasible_count} feasible packages are better for you "
            "than no agreement."
        )
    if v.proposal_utility is not None:
        out.append(f"The package on the table is worth {_fmt(v.proposal_utility)} to you.")
    trade = [f"{p} (at most {_fmt(c)})" for p, c in v.cheapest_concessions]
    out.append("Parts that cost you least to concede, first: " + ", ".join(trade) + ".")
    out.append(
        "The frontier, the bargaining solutions and the zone of possible agreement need every "
        "party's preferences: only the mediator may see them."
    )
    return out
