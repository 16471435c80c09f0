"""Scenarios to simulate, named so that a worker process can load them again.

A :class:`ScenarioRef` is small and picklable: it travels to process-pool and
Dask workers, which load the scenario once and keep it (:func:`load`). Its
``digest`` is a hash of the files' bytes, so a tournament's run ids change when
a scenario file changes and stay put when it does not.

Native scenarios hold confidential preferences: a simulation needs every
party's, so only the mediator may run one (the same gate as ``accords analyze``).
GENIUS and GeniusWeb files carry no such rule.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from accords.errors import ScenarioError

if TYPE_CHECKING:
    from accords.simulate._run import Simulation

__all__ = ["ScenarioRef", "genius", "genius_folder", "load", "native"]

_CACHE: dict[ScenarioRef, Simulation] = {}


@dataclass(frozen=True, slots=True)
class ScenarioRef:
    """A scenario file (``native``) or a GENIUS domain and its profiles (``genius``)."""

    kind: str
    paths: tuple[str, ...]
    name: str
    digest: str
    viewer: str = "mediator"
    given_accepted: bool = False


def _digest(paths: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for p in paths:
        try:
            h.update(Path(p).read_bytes())
        except OSError as exc:
            raise ScenarioError(p, "", f"cannot read it: {exc.strerror or exc}") from None
        h.update(b"\0")
    return h.hexdigest()[:16]


def native(path: str | Path, viewer: str | None, given_accepted: bool = False) -> ScenarioRef:
    """A native scenario, simulated as ``viewer`` (who must be the mediator)."""
    from accords.analysis import require_mediator

    if viewer is None:
        raise ScenarioError(
            str(path),
            "preferences",
            "preferences are confidential: a simulation uses every party's, so run it "
            "as the mediator (--as mediator)",
        )
    require_mediator(viewer, "a simulation")
    p = str(path)
    return ScenarioRef("native", (p,), Path(p).stem, _digest((p,)), viewer, given_accepted)


def genius(domain: str | Path, profiles: list[str] | list[Path]) -> ScenarioRef:
    """A GENIUS XML or GeniusWeb JSON domain with one profile per party."""
    if not profiles:
        raise ScenarioError(str(domain), "", "give the domain and at least two profiles")
    paths = (str(domain), *(str(p) for p in profiles))
    return ScenarioRef("genius", paths, Path(domain).stem, _digest(paths))


def _root_tag(path: Path) -> str:
    try:
        for _, el in ET.iterparse(path, events=("start",)):
            return str(el.tag)
    except (ET.ParseError, OSError) as exc:
        raise ScenarioError(str(path), "", f"not a GENIUS XML file: {exc}") from None
    return ""


def _json_keys(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScenarioError(str(path), "", f"not a GeniusWeb JSON file: {exc}") from None
    return set(data) if isinstance(data, dict) else set()


def genius_folder(folder: str | Path) -> ScenarioRef:
    """A folder holding one domain and its profiles: GENIUS XML (``negotiation_template``
    and ``utility_space`` files) or, when it has no XML, GeniusWeb JSON."""
    root = Path(folder)
    files = sorted(root.glob("*.xml"))
    if files:
        domains = [f for f in files if _root_tag(f) == "negotiation_template"]
        profiles = [f for f in files if f not in domains and _root_tag(f) == "utility_space"]
    else:
        files = sorted(root.glob("*.json"))
        keys = {f: _json_keys(f) for f in files}
        domains = [f for f in files if "issuesValues" in keys[f]]
        profiles = [f for f in files if f not in domains and "issuesValues" not in keys[f]]
    if len(domains) != 1 or len(profiles) < 2:
        raise ScenarioError(
            str(root),
            "",
            f"a GENIUS or GeniusWeb folder needs one domain and at least two profiles; found "
            f"{len(domains)} domain(s) and {len(profiles)} profile(s)",
        )
    ref = genius(domains[0], profiles)
    return ScenarioRef(ref.kind, ref.paths, root.name, ref.digest)


def load(ref: ScenarioRef) -> Simulation:
    """The simulation for ``ref``, built once per process and kept."""
    sim = _CACHE.get(ref)
    if sim is None:
        from accords.simulate._run import Simulation

        if ref.kind == "native":
            from accords.analysis import read_scenario_problem

            context = read_scenario_problem(
                ref.paths[0], ref.viewer, given_accepted=ref.given_accepted
            )
            sim = Simulation(context.problem, ref.name)
            sim.start_from(context.proposal)
        else:
            from accords.analysis import load_genius

            sim = Simulation(load_genius(ref.paths[0], ref.paths[1:]), ref.name)
        _CACHE[ref] = sim
    return sim
