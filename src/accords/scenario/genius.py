"""GENIUS XML and GeniusWeb JSON domains and profiles, read and written.

GENIUS (the ANAC competitions' platform) describes a *domain* (issues and
their values) and one *profile* per party (issue weights, an evaluator per
issue, a reservation value and a discount factor). accords maps an issue to a
part and a value to an option, named exactly as in the files, and a party to
the profile's file name without its extension.

Evaluations follow GENIUS, not the raw numbers in the file:

- discrete issues (``EvaluatorDiscrete``): when the issue's highest evaluation,
  rounded to an integer, exceeds 1, every evaluation is rounded to an integer and
  divided by it (so ``Canon=320 ... max 525`` reads as 320/525); otherwise the
  evaluations are used as written;
- integer issues (``EvaluatorInteger``): ``clamp(slope * (x - lower) + offset, 0, 1)``;
- real issues (``EvaluatorReal``, linear): ``clamp(parameter1 * x + parameter0, 0, 1)``
  (or the integer form when the file gives ``slope`` and ``offset``). A real issue is
  continuous; accords discretises it by its ``step`` attribute, or, when the file has
  none, into 10 equal steps (11 values from lower to upper bound). Its values are
  named by their decimal text. See :mod:`accords.scenario._genius_real`.

Nothing here imports NumPy: the analysis turns these into numbers.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from accords.errors import ScenarioError
from accords.scenario._genius_real import real_evaluator, real_issue, write_real_issue
from accords.scenario._genius_values import (
    Domain,
    Issue,
    LinearEvaluator,
    Profile,
    number,
)
from accords.scenario._geniusweb import read_geniusweb_domain, read_geniusweb_profile

__all__ = [
    "Domain",
    "Issue",
    "LinearEvaluator",
    "Profile",
    "read_domain",
    "read_genius",
    "read_geniusweb_domain",
    "read_geniusweb_profile",
    "read_profile",
    "write_domain",
    "write_profile",
]

# -- GENIUS XML ---------------------------------------------------------------


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "no such file") from None
    except ET.ParseError as exc:
        raise ScenarioError(str(path), "", f"not well-formed XML ({exc})") from None
    except OSError as exc:
        raise ScenarioError(str(path), "", f"cannot be read ({exc.strerror})") from None


def _attr(path: Path, where: str, el: ET.Element, name: str) -> str:
    value = el.get(name)
    if value is None:
        raise ScenarioError(str(path), f"{where}.{name}", "missing attribute")
    return value


def _integer(path: Path, where: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ScenarioError(str(path), where, f"{text!r} is not an integer") from None


def _objective(path: Path, root: ET.Element) -> ET.Element:
    objective = root.find(".//objective")
    if objective is None:
        raise ScenarioError(str(path), "utility_space.objective", "missing: no objective element")
    return objective


def read_domain(path: str | Path) -> Domain:
    """A GENIUS domain file (a ``negotiation_template``, or a profile, which repeats it)."""
    p = Path(path)
    root = _parse_xml(p)
    objective = _objective(p, root)
    issues: list[Issue] = []
    for n, el in enumerate(objective.iter("issue")):
        where = f"objective.issue[{n}]"
        name = _attr(p, where, el, "name")
        kind = el.get("type") or el.get("etype") or "discrete"
        if kind == "discrete":
            values = tuple(
                _attr(p, f"{where}.item[{m}]", item, "value")
                for m, item in enumerate(el.iter("item"))
            )
            if not values:
                raise ScenarioError(str(p), where, f"issue {name!r} has no items")
            if len(set(values)) != len(values):
                raise ScenarioError(str(p), where, f"issue {name!r} lists a value twice")
            issues.append(Issue(name, values))
        elif kind == "integer":
            lo = _integer(p, f"{where}.lowerbound", _attr(p, where, el, "lowerbound"))
            hi = _integer(p, f"{where}.upperbound", _attr(p, where, el, "upperbound"))
            if hi < lo:
                raise ScenarioError(str(p), where, f"upperbound {hi} is below lowerbound {lo}")
            issues.append(Issue(name, tuple(str(x) for x in range(lo, hi + 1)), "integer", lo, hi))
        elif kind == "real":
            issues.append(real_issue(p, where, name, el))
        else:
            raise ScenarioError(
                str(p),
                f"{where}.type",
                f"issue type {kind!r} is not supported (discrete, integer, real)",
            )
    if not issues:
        raise ScenarioError(str(p), "objective", "the domain has no issues")
    if len({i.name for i in issues}) != len(issues):
        raise ScenarioError(str(p), "objective", "two issues share a name")
    return Domain(objective.get("name") or p.stem, tuple(issues))


def read_profile(path: str | Path, domain: Domain) -> Profile:
    """A GENIUS utility-space file over ``domain``; the party is named after the file."""
    p = Path(path)
    root = _parse_xml(p)
    objective = _objective(p, root)
    by_index, discrete, linear = _evaluators(p, objective, domain)
    weights = _weights(p, objective, by_index)
    missing = [i.name for i in domain.issues if i.name not in discrete and i.name not in linear]
    if missing:
        raise ScenarioError(str(p), "objective", f"no evaluator for issue(s) {', '.join(missing)}")
    unweighted = [i.name for i in domain.issues if i.name not in weights]
    if unweighted:
        raise ScenarioError(str(p), "objective", f"no weight for issue(s) {', '.join(unweighted)}")
    reservation = 0.0
    res = root.find("reservation")
    if res is not None:
        reservation = number(p, "reservation.value", _attr(p, "reservation", res, "value"))
    discount = 1.0
    disc = root.find("discount_factor")
    if disc is not None:
        discount = number(p, "discount_factor.value", _attr(p, "discount_factor", disc, "value"))
        if not 0 < discount <= 1:
            raise ScenarioError(str(p), "discount_factor.value", f"{discount} is not in (0, 1]")
    return Profile(p.stem, weights, discrete, linear, reservation, discount)


def _evaluators(
    p: Path, objective: ET.Element, domain: Domain
) -> tuple[dict[str, str], dict[str, dict[str, float]], dict[str, LinearEvaluator]]:
    """Each issue's evaluator (a table for a discrete one, a line for a number), by index."""
    by_index: dict[str, str] = {}
    discrete: dict[str, dict[str, float]] = {}
    linear: dict[str, LinearEvaluator] = {}
    for n, el in enumerate(objective.iter("issue")):
        where = f"objective.issue[{n}]"
        name = _attr(p, where, el, "name")
        try:
            issue = domain.issue(name)
        except KeyError:
            raise ScenarioError(
                str(p), f"{where}.name", f"issue {name!r} is not in the domain"
            ) from None
        if el.get("index") is not None:
            by_index[el.get("index", "")] = name
        if issue.kind == "real":
            linear[name] = real_evaluator(p, where, issue, el)
        elif issue.kind == "integer":
            linear[name] = _integer_evaluator(p, where, issue, el)
        else:
            discrete[name] = _discrete_evaluations(p, where, issue, el)
    return by_index, discrete, linear


def _integer_evaluator(p: Path, where: str, issue: Issue, el: ET.Element) -> LinearEvaluator:
    ev = el.find("evaluator")
    if ev is None:
        raise ScenarioError(str(p), f"{where}.evaluator", "missing linear evaluator")
    lo = el.get("lowerbound")
    hi = el.get("upperbound")
    return LinearEvaluator(
        lower=_integer(p, f"{where}.lowerbound", lo) if lo else int(issue.lower or 0),
        upper=_integer(p, f"{where}.upperbound", hi) if hi else int(issue.upper or 0),
        slope=number(p, f"{where}.evaluator.slope", _attr(p, where, ev, "slope")),
        offset=number(p, f"{where}.evaluator.offset", _attr(p, where, ev, "offset")),
    )


def _discrete_evaluations(p: Path, where: str, issue: Issue, el: ET.Element) -> dict[str, float]:
    """A discrete issue's evaluation of every one of its values, none negative, none missing."""
    evals: dict[str, float] = {}
    for m, item in enumerate(el.iter("item")):
        iw = f"{where}.item[{m}]"
        value = _attr(p, iw, item, "value")
        if value not in issue.values:
            raise ScenarioError(
                str(p), f"{iw}.value", f"{value!r} is not a value of issue {issue.name!r}"
            )
        ev_text = item.get("evaluation")
        if ev_text is None or ev_text == "null":
            raise ScenarioError(str(p), f"{iw}.evaluation", "missing evaluation")
        e = number(p, f"{iw}.evaluation", ev_text)
        if e < 0:
            raise ScenarioError(str(p), f"{iw}.evaluation", f"{e} is negative")
        evals[value] = e
    missing = [v for v in issue.values if v not in evals]
    if missing:
        raise ScenarioError(
            str(p), where, f"issue {issue.name!r} gives no evaluation for {', '.join(missing)}"
        )
    return evals


def _weights(p: Path, objective: ET.Element, by_index: dict[str, str]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for n, el in enumerate(objective.iter("weight")):
        where = f"objective.weight[{n}]"
        index = _attr(p, where, el, "index")
        if index not in by_index:
            raise ScenarioError(str(p), f"{where}.index", f"no issue has index {index}")
        w = number(p, f"{where}.value", _attr(p, where, el, "value"))
        if w < 0:
            raise ScenarioError(str(p), f"{where}.value", f"weight {w} is negative")
        weights[by_index[index]] = w
    return weights


def _issue_xml(parent: ET.Element, index: int, issue: Issue) -> ET.Element:
    el = ET.SubElement(
        parent,
        "issue",
        index=str(index),
        name=issue.name,
        type=issue.kind,
        etype=issue.kind,
        vtype=issue.kind,
    )
    if issue.kind == "integer":
        el.set("lowerbound", str(int(issue.lower or 0)))
        el.set("upperbound", str(int(issue.upper or 0)))
    elif issue.kind == "real":
        write_real_issue(el, issue)
    return el


def write_domain(domain: Domain, path: str | Path) -> None:
    """Write a GENIUS domain file that GENIUS (and :func:`read_domain`) can load."""
    root = ET.Element("negotiation_template")
    space = ET.SubElement(root, "utility_space", number_of_issues=str(len(domain.issues)))
    objective = ET.SubElement(
        space, "objective", index="0", name=domain.name, type="objective", etype="objective"
    )
    for i, issue in enumerate(domain.issues, start=1):
        el = _issue_xml(objective, i, issue)
        if issue.kind == "discrete":
            for j, value in enumerate(issue.values, start=1):
                ET.SubElement(el, "item", index=str(j), value=value, description=value)
    _write(root, path)


def write_profile(profile: Profile, domain: Domain, path: str | Path) -> None:
    """Write a GENIUS utility-space file (raw evaluations as held, so reading it back is exact)."""
    root = ET.Element("utility_space")
    ET.SubElement(root, "discount_factor", value=repr(profile.discount))
    ET.SubElement(root, "reservation", value=repr(profile.reservation))
    objective = ET.SubElement(
        root, "objective", index="0", name=domain.name, type="objective", etype="objective"
    )
    for i, issue in enumerate(domain.issues, start=1):
        el = _issue_xml(objective, i, issue)
        if issue.name in profile.linear:
            ev = profile.linear[issue.name]
            tag = ET.SubElement(
                el, "evaluator", ftype="linear", slope=repr(ev.slope), offset=repr(ev.offset)
            )
            if issue.kind == "real":  # GENIUS's own form too: parameter1 * x + parameter0
                tag.set("parameter1", repr(ev.slope))
                tag.set("parameter0", repr(ev.offset - ev.slope * ev.lower))
        else:
            evals = profile.discrete.get(issue.name, {})
            for j, value in enumerate(issue.values, start=1):
                ET.SubElement(el, "item", index=str(j), value=value, evaluation=repr(evals[value]))
    for i, issue in enumerate(domain.issues, start=1):
        ET.SubElement(objective, "weight", index=str(i), value=repr(profile.weights[issue.name]))
    _write(root, path)


def _write(root: ET.Element, path: str | Path) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


# -- either format ------------------------------------------------------------


def read_genius(
    domain_path: str | Path, profile_paths: Iterable[str | Path]
) -> tuple[Domain, list[Profile]]:
    """A domain and its profiles, GENIUS XML or GeniusWeb JSON (by file extension)."""
    d = Path(domain_path)
    is_json = d.suffix.lower() == ".json"
    domain = read_geniusweb_domain(d) if is_json else read_domain(d)
    profiles = [
        read_geniusweb_profile(pp, domain)
        if Path(pp).suffix.lower() == ".json"
        else read_profile(pp, domain)
        for pp in profile_paths
    ]
    names = [pr.name for pr in profiles]
    if len(set(names)) != len(names):
        raise ScenarioError(
            str(d), "", "two profiles share a file name; parties are named after them"
        )
    return domain, profiles
