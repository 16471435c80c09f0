"""The frontier drawn: a scatter for two parties, pairwise panels for more.

matplotlib is an optional extra (``pip install 'accords[plot]'``) and is imported
only here, when a plot is asked for; the non-interactive Agg backend is used so
no display is needed.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from accords.analysis._analysis import Analysis

if TYPE_CHECKING:
    from accords.analysis._scenario import ScenarioProblem

__all__ = ["plot_analysis"]

# marker, colour, label, size: sizes shrink so that markers on one point stay visible
_MARKERS = {
    "nash": ("o", "tab:red", "Nash", 260),
    "kalai_smorodinsky": ("D", "tab:purple", "Kalai–Smorodinsky", 150),
    "egalitarian": ("^", "tab:green", "egalitarian", 90),
    "utilitarian": ("s", "tab:orange", "utilitarian", 40),
}


def _label(context: ScenarioProblem | None, party: str) -> str:
    return context.party_names.get(party, party) if context else party


def _panel(ax: Any, a: Analysis, i: int, j: int, context: ScenarioProblem | None) -> None:
    pr = a.problem
    u = a.frontier.utilities
    order = np.lexsort((u[:, j], u[:, i]))
    if pr.n_parties == 2:
        ax.plot(u[order, i], u[order, j], "-", color="0.6", lw=1, zorder=1)
    ax.scatter(u[:, i], u[:, j], s=14, color="tab:blue", label="frontier", zorder=2)
    res = pr.reservations
    ax.axvline(res[i], color="0.5", ls=":", lw=1)
    ax.axhline(res[j], color="0.5", ls=":", lw=1)
    for z, (rule, sol) in enumerate(a.solutions.items()):
        if sol is None:
            continue
        marker, colour, name, size = _MARKERS[rule]
        ax.scatter(
            sol.utilities[i],
            sol.utilities[j],
            marker=marker,
            s=size,
            color=colour,
            edgecolor="black",
            label=name,
            zorder=3 + z,
        )
    if a.proposal is not None:
        ax.scatter(
            a.proposal.utilities[i],
            a.proposal.utilities[j],
            marker="X",
            s=90,
            color="black",
            label="on the table",
            zorder=8,
        )
    ax.set_xlabel(_label(context, pr.parties[i]))
    ax.set_ylabel(_label(context, pr.parties[j]))
    ax.grid(alpha=0.3)


def plot_analysis(a: Analysis, path: Path, context: ScenarioProblem | None = None) -> None:
    """Write the frontier with the solutions and the proposal marked to a PNG or SVG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pairs = list(combinations(range(a.problem.n_parties), 2))
    cols = min(3, len(pairs))
    rows = -(-len(pairs) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.5 * cols, 4.2 * rows), squeeze=False)
    for ax, (i, j) in zip(axes.flat, pairs, strict=False):
        _panel(ax, a, i, j, context)
    for ax in list(axes.flat)[len(pairs) :]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(6, len(labels)), frameon=False)
    title = context.title if context and context.title else "Pareto frontier"
    fig.suptitle(f"{title}: {a.frontier.size} efficient package(s)")
    fig.tight_layout(rect=(0, 0.06, 1, 0.95))
    fig.savefig(path)
    plt.close(fig)
