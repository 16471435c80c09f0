"""The offer history drawn in utility space (matplotlib, from the ``plot`` extra).

Two parties: each package tabled is a point (its utility to the first party
across, to the second up), one colour and line per party that tabled it, with
the Pareto frontier, the Nash point and the agreement marked. More parties: each
party's utility of the packages tabled, round by round.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accords.simulate._run import RunResult, Simulation

__all__ = ["plot_history"]


def plot_history(result: RunResult, sim: Simulation, path: str | Path) -> None:
    """Write the plot of one run's offers to ``path`` (.png or .svg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = result.history
    fig, ax = plt.subplots(figsize=(7, 5.5))
    try:
        if len(result.parties) == 2:
            front = sim.frontier
            order = front[:, 0].argsort()
            ax.plot(
                front[order, 0], front[order, 1], "k-", lw=1, alpha=0.5, label="Pareto frontier"
            )
            for who in dict.fromkeys(h.by):
                idx = [i for i, b in enumerate(h.by) if b == who]
                pts = h.utilities[idx]
                ax.plot(
                    pts[:, 0], pts[:, 1], ".-", ms=4, lw=0.6, alpha=0.8, label=f"offers by {who}"
                )
            nash = sim.nash_point
            if nash is not None:
                ax.plot([nash[0]], [nash[1]], "D", color="gold", mec="k", ms=9, label="Nash point")
            if result.agreement:
                u = [result.utilities[p] for p in result.parties]
                ax.plot([u[0]], [u[1]], "*", color="red", mec="k", ms=16, label="agreement")
            ax.set_xlabel(f"utility to {result.parties[0]}")
            ax.set_ylabel(f"utility to {result.parties[1]}")
        else:
            for k, party in enumerate(result.parties):
                ax.plot(h.rounds + 1, h.utilities[:, k], ".-", ms=3, lw=0.6, label=party)
            ax.set_xlabel("round")
            ax.set_ylabel("utility of the package tabled")
        verdict = f"agreement in round {result.rounds}" if result.agreement else "no agreement"
        ax.set_title(f"{result.scenario}: {' vs '.join(result.negotiators)} ({verdict})")
        ax.legend(fontsize=8, loc="best")
        fig.tight_layout()
        fig.savefig(path)
    finally:
        plt.close(fig)
