"""GENIUS real issues: a continuous range, read as a numeric part discretised by a step.

GENIUS writes a real issue as ``<issue type="real" lowerbound=".." upperbound="..">``
(or with a ``<range lowerbound upperbound>`` child) and its linear evaluator as
``<evaluator ftype="linear" parameter0=".." parameter1=".."/>``, worth
``parameter1 * x + parameter0``, clamped to [0, 1]. The analysis needs a finite
outcome space, so the range is discretised: by the issue's ``step`` attribute when
it has one (accords writes it), else into :data:`DEFAULT_STEPS` equal steps. The
values between the steps are not in the space; that is the one approximation, and
it is said wherever real issues are documented.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from accords.errors import ScenarioError
from accords.model.numeric import NumericRange, to_decimal
from accords.scenario._genius_values import Issue, LinearEvaluator, number

__all__ = ["DEFAULT_STEPS", "real_evaluator", "real_issue", "write_real_issue"]

#: How many equal steps a real issue without a ``step`` attribute is cut into.
DEFAULT_STEPS = 10


def _bound(path: Path, where: str, el: ET.Element, name: str) -> str:
    text = el.get(name)
    rng = el.find("range")
    if text is None and rng is not None:
        text = rng.get(name)
    if text is None:
        raise ScenarioError(str(path), f"{where}.{name}", "missing attribute")
    number(path, f"{where}.{name}", text)
    return text


def real_issue(path: Path, where: str, name: str, el: ET.Element) -> Issue:
    """A real issue with its values: lower bound to upper bound by the step."""
    lo = _bound(path, where, el, "lowerbound")
    hi = _bound(path, where, el, "upperbound")
    step = el.get("step")
    try:
        if step is None:
            span = to_decimal(hi) - to_decimal(lo)
            step = str(span / DEFAULT_STEPS) if span > 0 else "1"
        rng = NumericRange.make("decimal", lo, hi, step)
    except ValueError as exc:
        raise ScenarioError(str(path), where, f"real issue {name!r}: {exc}") from None
    return Issue(name, rng.grid(), "real", float(rng.min), float(rng.max), rng.to_dict()["step"])


def real_evaluator(path: Path, where: str, issue: Issue, el: ET.Element) -> LinearEvaluator:
    """The linear evaluator of a real issue, in either of the two forms."""
    ev = el.find("evaluator")
    if ev is None:
        raise ScenarioError(str(path), f"{where}.evaluator", "missing linear evaluator")
    ftype = ev.get("ftype", "linear")
    if ftype != "linear":
        raise ScenarioError(
            str(path), f"{where}.evaluator.ftype", f"{ftype!r} is not supported (linear)"
        )
    upper = float(issue.upper or 0.0)
    if ev.get("slope") is not None and ev.get("offset") is not None:
        slope = number(path, f"{where}.evaluator.slope", ev.get("slope", ""))
        offset = number(path, f"{where}.evaluator.offset", ev.get("offset", ""))
        return LinearEvaluator(float(issue.lower or 0.0), upper, slope, offset)
    p1 = ev.get("parameter1")
    p0 = ev.get("parameter0")
    if p1 is None or p0 is None:
        raise ScenarioError(
            str(path), f"{where}.evaluator", "a linear evaluator needs parameter0 and parameter1"
        )
    slope = number(path, f"{where}.evaluator.parameter1", p1)
    intercept = number(path, f"{where}.evaluator.parameter0", p0)
    # held as slope * (x - 0) + intercept: GENIUS's own arithmetic, to the last bit
    return LinearEvaluator(0.0, upper, slope, intercept)


def write_real_issue(el: ET.Element, issue: Issue) -> None:
    """A real issue's bounds and step, as :func:`real_issue` reads them back."""
    el.set("lowerbound", issue.values[0])
    el.set("upperbound", issue.values[-1] if issue.upper is None else repr(issue.upper))
    if issue.step is not None:
        el.set("step", issue.step)
