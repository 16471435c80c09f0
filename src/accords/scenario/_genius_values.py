"""The values GENIUS domains and profiles are read into, shared by both file formats.

See :mod:`accords.scenario.genius` for how the files map onto them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from accords.errors import ScenarioError

__all__ = ["Domain", "Issue", "LinearEvaluator", "Profile", "java_round", "number"]


def java_round(x: float) -> int:
    """Java's Math.round: halves go up (Python's round() goes to even)."""
    return math.floor(x + 0.5)


@dataclass(frozen=True, slots=True)
class Issue:
    """A negotiation issue: discrete values, an integer range lower..upper, or a real
    range lower..upper discretised by ``step`` (its values are the steps' texts)."""

    name: str
    values: tuple[str, ...]
    kind: Literal["discrete", "integer", "real"] = "discrete"
    lower: float | None = None
    upper: float | None = None
    step: str | None = None


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    issues: tuple[Issue, ...]

    def issue(self, name: str) -> Issue:
        for issue in self.issues:
            if issue.name == name:
                return issue
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class LinearEvaluator:
    """GENIUS's integer (and real) evaluator: clamp(slope * (x - lower) + offset, 0, 1)."""

    lower: float
    upper: float
    slope: float
    offset: float

    def evaluate(self, x: float) -> float:
        return min(1.0, max(0.0, self.slope * (x - self.lower) + self.offset))


@dataclass(frozen=True, slots=True)
class Profile:
    """One party's additive profile over a domain, as the file states it.

    ``discrete`` holds the raw evaluations of discrete issues; :meth:`evaluation`
    applies GENIUS's scaling.
    """

    name: str
    weights: Mapping[str, float]
    discrete: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    linear: Mapping[str, LinearEvaluator] = field(default_factory=dict)
    reservation: float = 0.0
    discount: float = 1.0

    def evaluation(self, issue: Issue, value: str) -> float:
        """The value's evaluation in [0, 1], as GENIUS computes it."""
        if issue.name in self.linear:
            x = int(value) if issue.kind == "integer" else float(value)
            return self.linear[issue.name].evaluate(x)
        evals = self.discrete.get(issue.name, {})
        raw = evals.get(value, 0.0)
        top = java_round(max(evals.values(), default=0.0))
        if top > 1:
            return java_round(raw) / top
        return raw

    def utility(self, domain: Domain, bid: Mapping[str, str]) -> float:
        return sum(
            self.weights.get(i.name, 0.0) * self.evaluation(i, bid[i.name]) for i in domain.issues
        )


def number(path: Path, where: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ScenarioError(str(path), where, f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ScenarioError(str(path), where, f"{text!r} is not a finite number")
    return value
