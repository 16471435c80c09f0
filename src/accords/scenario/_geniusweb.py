"""GeniusWeb JSON domains and profiles, read (see :mod:`accords.scenario.genius`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accords.errors import ScenarioError
from accords.scenario._genius_values import (
    Domain,
    Issue,
    Profile,
    number,
)

__all__ = ["read_geniusweb_domain", "read_geniusweb_profile"]


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "no such file") from None
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            str(path), "", f"not valid JSON ({exc.msg}, line {exc.lineno})"
        ) from None


def _mapping(path: Path, where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ScenarioError(str(path), where, "expected an object")
    return value


def _domain_from_json(path: Path, data: Any, where: str) -> Domain:
    d = _mapping(path, where, data)
    issues_values = _mapping(path, f"{where}.issuesValues", d.get("issuesValues"))
    issues: list[Issue] = []
    for name, spec in issues_values.items():
        iw = f"{where}.issuesValues.{name}"
        values = _mapping(path, iw, spec).get("values")
        if not isinstance(values, list) or not values:
            raise ScenarioError(
                str(path),
                f"{iw}.values",
                "expected a non-empty list of values (number ranges are not supported)",
            )
        if not all(isinstance(v, str) for v in values):
            raise ScenarioError(str(path), f"{iw}.values", "values must be strings")
        issues.append(Issue(name, tuple(values)))
    if not issues:
        raise ScenarioError(str(path), f"{where}.issuesValues", "the domain has no issues")
    return Domain(str(d.get("name", path.stem)), tuple(issues))


def read_geniusweb_domain(path: str | Path) -> Domain:
    """A GeniusWeb domain JSON file (``{"name", "issuesValues"}``)."""
    p = Path(path)
    return _domain_from_json(p, _load_json(p), "")


def read_geniusweb_profile(path: str | Path, domain: Domain | None = None) -> Profile:
    """A GeniusWeb ``LinearAdditiveUtilitySpace`` JSON profile (discrete issues).

    The reservation value is the utility of the profile's ``reservationBid`` (0
    without one). The profile embeds its domain; ``domain``, when given, must match.
    """
    p = Path(path)
    data = _mapping(p, "", _load_json(p))
    space = _mapping(p, "LinearAdditiveUtilitySpace", data.get("LinearAdditiveUtilitySpace"))
    where = "LinearAdditiveUtilitySpace"
    own = _domain_from_json(p, space.get("domain"), f"{where}.domain")
    if domain is not None and [(i.name, i.values) for i in own.issues] != [
        (i.name, i.values) for i in domain.issues
    ]:
        raise ScenarioError(str(p), f"{where}.domain", "does not match the domain file")
    dom = domain or own
    utilities = _mapping(p, f"{where}.issueUtilities", space.get("issueUtilities"))
    weights_raw = _mapping(p, f"{where}.issueWeights", space.get("issueWeights"))
    discrete: dict[str, dict[str, float]] = {}
    weights: dict[str, float] = {}
    for issue in dom.issues:
        discrete[issue.name] = _value_utilities(
            p, f"{where}.issueUtilities.{issue.name}", utilities, issue
        )
        at = f"{where}.issueWeights.{issue.name}"
        if issue.name not in weights_raw:
            raise ScenarioError(str(p), at, "missing weight")
        w = number(p, at, str(weights_raw[issue.name]))
        if w < 0:
            raise ScenarioError(str(p), at, f"weight {w} is negative")
        weights[issue.name] = w
    profile = Profile(p.stem, weights, discrete)
    reservation = 0.0
    bid = space.get("reservationBid")
    if bid is not None:
        reservation = profile.utility(dom, _reservation_bid(p, f"{where}.reservationBid", bid, dom))
    return Profile(p.stem, weights, discrete, {}, reservation, 1.0)


def _value_utilities(p: Path, iw: str, utilities: dict[str, Any], issue: Issue) -> dict[str, float]:
    """An issue's ``discreteutils``: a utility in [0, 1] for each of its values."""
    spec = _mapping(p, iw, utilities.get(issue.name))
    vu = _mapping(
        p,
        f"{iw}.discreteutils.valueUtilities",
        _mapping(p, f"{iw}.discreteutils", spec.get("discreteutils")).get("valueUtilities"),
    )
    evals: dict[str, float] = {}
    for value in issue.values:
        if value not in vu:
            raise ScenarioError(
                str(p), f"{iw}.discreteutils.valueUtilities", f"no utility for {value!r}"
            )
        u = number(p, f"{iw}.discreteutils.valueUtilities.{value}", str(vu[value]))
        if not 0 <= u <= 1:
            raise ScenarioError(
                str(p), f"{iw}.discreteutils.valueUtilities.{value}", f"{u} is not in [0, 1]"
            )
        evals[value] = u
    return evals


def _reservation_bid(p: Path, at: str, bid: Any, dom: Domain) -> dict[str, Any]:
    """The profile's ``reservationBid``: a value of each issue."""
    values = _mapping(p, f"{at}.issuevalues", _mapping(p, at, bid).get("issuevalues"))
    for issue in dom.issues:
        if values.get(issue.name) not in issue.values:
            raise ScenarioError(
                str(p),
                f"{at}.issuevalues.{issue.name}",
                f"{values.get(issue.name)!r} is not a value of issue {issue.name!r}",
            )
    return values
