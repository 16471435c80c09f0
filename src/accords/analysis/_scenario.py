"""From the record (a scenario file or a negotiation's state) to an analysis problem.

The framework gives the parts and options, its ``requires``/``excludes``
linkages the constraints, and each negotiating party's preferences the numbers.
The state also says what is on the table: the current proposal (a package) and
what is provisionally accepted (parts whose signatories accepted one option),
whose completions are "what can still be reached".

Confidentiality is enforced here by construction: a party viewer's problem is
built from that party's preferences alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from accords import clock
from accords.analysis._curves import curve_values
from accords.analysis._problem import Interaction, Preferences, Problem
from accords.analysis._space import Linkage, OptionRef, OutcomeSpace, Part
from accords.analysis._viewer import MEDIATOR
from accords.errors import AccessDenied, ScenarioError, UnknownReference
from accords.model.numeric import NumericRange
from accords.model.state import State
from accords.model.viewer import Delegate, Mediator, Viewer, parse_viewer
from accords.scenario.preferences import PreferencesSpec

__all__ = [
    "MEDIATOR",
    "ScenarioProblem",
    "problem_from_state",
    "read_scenario_problem",
    "state_from_scenario_file",
]

_ACCEPTED = ("agreed-in-principle", "agreed-ad-ref", "confirmed", "agreed")


@dataclass
class ScenarioProblem:
    """A problem with what the record says around it."""

    problem: Problem
    viewer: str
    title: str = ""
    party_names: dict[str, str] = field(default_factory=dict)
    proposal: dict[str, str] | None = None  # the package on the table, if every part has one
    open_parts: tuple[str, ...] = ()  # parts with nothing on the table
    accepted: dict[str, str] = field(default_factory=dict)  # provisionally accepted options
    illustrative: tuple[str, ...] = ()  # parties whose preferences are marked illustrative
    notes: dict[str, str] = field(default_factory=dict)


def state_from_scenario_file(path: str | Path) -> State:
    """Replay a scenario file into a state, in memory (no database)."""
    from accords.errors import RefusedMove
    from accords.model.decide import decide
    from accords.model.state import fold
    from accords.scenario.native import commands_for, read_scenario

    scenario = read_scenario(path)
    state = State()
    for where, cmd in commands_for(scenario, clock.today()):
        try:
            events = decide(state, cmd)
        except RefusedMove as exc:
            raise ScenarioError(str(path), where, str(exc)) from None
        state = fold(events, state, in_place=True)
    return state


def _spec(file: str, party: str, raw: Any) -> PreferencesSpec:
    if isinstance(raw, PreferencesSpec):
        return raw
    try:
        return PreferencesSpec.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise ScenarioError(file, f"preferences.{party}.{loc}".rstrip("."), err["msg"]) from None


def _ref(file: str, where: str, space: OutcomeSpace, text: str) -> OptionRef:
    try:
        return space.ref(text)
    except UnknownReference as exc:
        raise ScenarioError(file, where, str(exc)) from None


def preferences_from_spec(
    spec: PreferencesSpec,
    space: OutcomeSpace,
    party: str,
    file: str = "<record>",
    numeric: Mapping[str, NumericRange] | None = None,
) -> Preferences:
    """Check a party's preferences against the framework and turn them into numbers.

    On the parts named in ``numeric`` the values are a value curve's anchors
    (:mod:`accords.analysis._curves`), spread over every value of the part's range.
    """
    base = f"preferences.{party}"
    numeric = numeric or {}
    for part_id in spec.weights:
        if part_id not in space.part_ids:
            raise ScenarioError(file, f"{base}.weights.{part_id}", "unknown part")
    curves: dict[str, dict[str, float]] = {}
    for part_id, vals in spec.values.items():
        if part_id not in space.part_ids:
            raise ScenarioError(file, f"{base}.values.{part_id}", "unknown part")
        options = space.parts[space.part_index(part_id)].options
        if part_id in numeric:
            curves[part_id] = _curve(file, f"{base}.values.{part_id}", numeric[part_id], vals)
            continue
        for option in vals:
            if option not in options:
                raise ScenarioError(
                    file,
                    f"{base}.values.{part_id}.{option}",
                    f"part {part_id!r} has no option {option!r}",
                )
    weights: list[float] = []
    values: list[tuple[float, ...]] = []
    for part in space.parts:
        w = spec.weights.get(part.id, 0.0)
        given = curves.get(part.id) or spec.values.get(part.id, {})
        missing = [o for o in part.options if o not in given]
        if w > 0 and missing:
            raise ScenarioError(
                file,
                f"{base}.values.{part.id}",
                f"no value for option(s) {', '.join(missing)} of a part weighted {w}",
            )
        weights.append(w)
        values.append(tuple(given.get(o, 0.0) for o in part.options))
    interactions = tuple(
        Interaction(
            _ref(file, f"{base}.interactions[{i}].a", space, t.a),
            _ref(file, f"{base}.interactions[{i}].b", space, t.b),
            t.value,
        )
        for i, t in enumerate(spec.interactions)
    )
    red_lines = tuple(
        tuple(_ref(file, f"{base}.red_lines[{i}][{j}]", space, ref) for j, ref in enumerate(line))
        for i, line in enumerate(spec.red_lines)
    )
    return Preferences(tuple(weights), tuple(values), interactions, red_lines, spec.reservation)


def _curve(
    file: str, where: str, rng: NumericRange, anchors: Mapping[str, float]
) -> dict[str, float]:
    """A numeric part's anchors spread over its values; an empty curve stays empty."""
    if not anchors:
        return {}
    try:
        return dict(zip(rng.grid(), curve_values(rng, anchors), strict=True))
    except ValueError as exc:
        raise ScenarioError(file, where, str(exc)) from None


def _space(state: State, file: str) -> OutcomeSpace:
    parts = []
    for ps in state.parts.values():
        if not ps.part.choices():
            raise ScenarioError(
                file,
                f"framework.parts.{ps.part.id}.options",
                "a part without options cannot be analysed; give it at least one option",
            )
        parts.append(Part(ps.part.id, ps.part.choices()))
    if not parts:
        raise ScenarioError(file, "framework.parts", "the framework has no parts")
    space = OutcomeSpace(tuple(parts))
    links = []
    for link in state.linkages:
        if link.kind in ("requires", "excludes"):
            links.append(Linkage(link.kind, space.ref(link.from_ref), space.ref(link.to_ref)))
    return OutcomeSpace(space.parts, tuple(links))


def _table(state: State) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(provisionally accepted options, the package on the table, parts with nothing on it)."""
    accepted: dict[str, str] = {}
    table: dict[str, str] = {}
    open_parts: list[str] = []
    for pid, ps in state.parts.items():
        st = state.part_status(pid)
        if st.status in _ACCEPTED and st.option is not None:
            accepted[pid] = st.option
            table[pid] = st.option
            continue
        on_table = ps.on_table()
        if not on_table:
            open_parts.append(pid)
            continue
        # the option most signatories back, then most tabled; framework order breaks ties
        order = list(ps.part.choices())

        def support(option: str, ps: Any = ps) -> tuple[int, int]:
            backers = sum(1 for s in ps.stances.values() if s.option == option)
            return backers, len(ps.tabled.get(option, ()))

        table[pid] = max(sorted(on_table, key=order.index), key=support)
    return accepted, table, open_parts


def _visible_parties(state: State, who: Viewer, file: str) -> list[str]:
    """Whose preferences ``who`` may analyse: every negotiating party's, or one's own.

    Refuses a viewer who may see none (an observer, a non-negotiating party, an
    unknown id) and a problem missing the preferences the analysis needs.
    """
    negotiating = state.negotiating_parties()
    match who:
        case Mediator():
            parties = list(negotiating)
            missing = [p for p in parties if p not in state.preferences]
            if missing:
                raise ScenarioError(
                    file,
                    "preferences",
                    f"no preferences for {', '.join(missing)}; the analysis needs every "
                    "negotiating party's preferences",
                )
        case Delegate(party=party) if party in negotiating:
            if party not in state.preferences:
                raise ScenarioError(file, f"preferences.{party}", "this party has no preferences")
            parties = [party]
        case Delegate(party=party) if party in state.parties:
            raise AccessDenied(
                f"{party!r} is a {state.parties[party].role}, not a negotiating party: "
                "preferences are visible only to their party and the mediator (--as mediator)"
            )
        case Delegate(party=party):
            raise UnknownReference(
                f"unknown viewer {party!r}; say --as mediator or --as one of "
                f"{', '.join(negotiating)}"
            )
        case _:
            raise AccessDenied(
                "analysis uses preferences, which are confidential: an observer sees public "
                "data only"
            )
    return parties


def problem_from_state(
    state: State,
    viewer: Viewer | str,
    *,
    file: str = "<record>",
    given_accepted: bool = False,
) -> ScenarioProblem:
    """The problem a viewer may analyse: every party's for the mediator, one's own for a party.

    ``viewer`` is a typed :data:`accords.model.viewer.Viewer` (a string is read as
    the CLI's ``--as`` word); the type decides, so no party id passes for a role.
    """
    space = _space(state, file)
    who = parse_viewer(viewer) if isinstance(viewer, str) else viewer
    parties = _visible_parties(state, who, file)
    viewer = MEDIATOR if isinstance(who, Mediator) else parties[0]
    specs = {p: _spec(file, p, state.preferences[p]) for p in parties}
    accepted, table, open_parts = _table(state)
    if given_accepted and accepted:
        space = space.restrict(
            {space.part_index(p): space.ref(f"{p}:{o}").option for p, o in accepted.items()}
        )
    numeric = {pid: ps.part.numeric for pid, ps in state.parts.items() if ps.part.numeric}
    prefs = {p: preferences_from_spec(specs[p], space, p, file, numeric) for p in parties}
    return ScenarioProblem(
        problem=Problem(space, prefs),
        viewer=viewer,
        title=state.title,
        party_names={p: state.parties[p].name for p in parties},
        proposal=None if open_parts else table,
        open_parts=tuple(open_parts),
        accepted=accepted,
        illustrative=tuple(p for p in parties if specs[p].illustrative),
        notes={p: specs[p].note for p in parties if specs[p].note},
    )


def read_scenario_problem(
    path: str | Path, viewer: str, *, given_accepted: bool = False
) -> ScenarioProblem:
    """Read a scenario file and build the problem ``viewer`` may analyse."""
    state = state_from_scenario_file(path)
    return problem_from_state(state, viewer, file=str(path), given_accepted=given_accepted)
