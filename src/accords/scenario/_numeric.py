"""Numeric parts in scenario files: the cross-checks and the export of their moves.

A numeric part's history moves name a ``value`` (or, for an acceptance, an
``at_most`` / ``at_least`` bound) instead of an ``option``; its linkage ends and its
preference anchors are values of its range. Every error names the file, the field
path and the reason, like the rest of :mod:`accords.scenario.native`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from accords.errors import ScenarioError
from accords.model.framework import split_ref
from accords.model.numeric import NumericRange
from accords.model.state import State
from accords.scenario.schema import PartSpec, Scenario

__all__ = ["check_numeric", "move_fields"]


def _fits(name: str, path: str, rng: NumericRange, value: object) -> None:
    try:
        rng.canonical(value)
    except ValueError as exc:
        raise ScenarioError(name, path, str(exc)) from None


def check_numeric(s: Scenario, name: str) -> None:
    """Values on numeric parts fit their ranges; options and values go to the right parts."""
    parts: dict[str, PartSpec] = {p.id: p for p in s.framework.parts}
    ranges = {pid: p.numeric.range() for pid, p in parts.items() if p.numeric is not None}
    for i, m in enumerate(s.history):
        if m.part is None or m.part not in parts:
            continue
        rng = ranges.get(m.part)
        named = [k for k in ("value", "at_most", "at_least") if getattr(m, k) is not None]
        if rng is None:
            if named:
                raise ScenarioError(
                    name,
                    f"history[{i}].{named[0]}",
                    f"part {m.part!r} has labelled options, not a number: give an option",
                )
            continue
        if m.option is not None:
            raise ScenarioError(
                name,
                f"history[{i}].option",
                f"part {m.part!r} is numeric ({rng.describe()}): give a value "
                "(or at_most / at_least)",
            )
        for k in named:
            _fits(name, f"history[{i}].{k}", rng, getattr(m, k))
    for i, link in enumerate(s.framework.linkages):
        for end, ref in (("from", link.from_), ("to", link.to)):
            pid, oid = split_ref(ref)
            if pid in ranges and oid is not None:
                _fits(name, f"framework.linkages[{i}].{end}", ranges[pid], oid)
    for party, prefs in s.preferences.items():
        for pid, anchors in prefs.values.items():
            if pid in ranges:
                for key in anchors:
                    _fits(name, f"preferences.{party}.values.{pid}.{key}", ranges[pid], key)


def move_fields(state: State, payload: Mapping[str, Any], move: str) -> dict[str, Any]:
    """The ``option`` of an exported move, or on a numeric part its ``value`` or bound."""
    if move not in ("propose", "accept", "reject"):
        return {}
    option = payload.get("option")
    ps = state.parts.get(payload.get("part") or "")
    if option is None or ps is None or ps.part.numeric is None:
        return {"option": option}
    key = {"at-most": "at_most", "at-least": "at_least"}.get(payload.get("bound") or "", "value")
    return {key: Decimal(option)}
