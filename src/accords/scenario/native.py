"""Reading and writing native scenario files (YAML or JSON).

Every error names the file, the field path (``framework.parts[2].signatories[1]``)
and the reason. Loading turns the file into commands and replays them through the
same ``decide`` as the CLI, so a history that breaks a rule is refused with the
move's position in the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from accords.errors import ScenarioError
from accords.model import commands as c
from accords.model.state import State
from accords.scenario._numeric import check_numeric, move_fields
from accords.scenario._refs import cross_check
from accords.scenario.build import (
    EVENT_MOVES,
    linkage_command,
    move_command,
    part_command,
    party_command,
    preferences_command,
    round_commands,
)
from accords.scenario.extras import check_extras
from accords.scenario.extras_replay import extras_from_events, framework_commands, timed_commands
from accords.scenario.people import (
    attendance_commands,
    check_people,
    people_commands,
    people_from_events,
)
from accords.scenario.preferences import PreferencesSpec
from accords.scenario.schema import (
    FrameworkSpec,
    HistoryMove,
    LinkageSpec,
    NegotiationSpec,
    PartSpec,
    PartySpec,
    RoundSpec,
    Scenario,
)

if TYPE_CHECKING:
    from accords.ledger.store import StoredEvent

__all__ = ["commands_for", "dump_scenario", "export_scenario", "parse_scenario", "read_scenario"]

MAX_BYTES = 20 * 1024 * 1024


def _path(loc: Sequence[int | str]) -> str:
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out


def read_scenario(path: str | Path) -> Scenario:
    """Read, parse and cross-check a scenario file, or raise :class:`ScenarioError`."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise ScenarioError(name, "", "no such file")
    if p.is_dir():
        raise ScenarioError(name, "", "is a directory, not a scenario file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScenarioError(name, "", f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError(name, "", f"is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in raw:
        raise ScenarioError(name, "", "is a binary file, not YAML or JSON")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(name, "", f"is not UTF-8 text (byte {exc.start})") from None
    return parse_scenario(text, name, json_only=p.suffix.lower() == ".json")


def parse_scenario(text: str, name: str = "<scenario>", *, json_only: bool = False) -> Scenario:
    if not text.strip():
        raise ScenarioError(name, "", "is empty")
    try:
        data = json.loads(text) if json_only else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(name, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(name, where, f"invalid YAML: {problem}") from None
    if data is None:
        raise ScenarioError(name, "", "is empty (it holds no YAML or JSON data)")
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ScenarioError(name, "", f"must hold a mapping at the top level, not {kind}")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        reason = err["msg"]
        if reason.startswith("Value error, "):
            reason = reason[len("Value error, ") :]
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ScenarioError(name, _path(loc), reason + suffix) from None
    cross_check(scenario, name)
    check_numeric(scenario, name)
    check_extras(scenario, name)
    check_people(scenario, name)
    return scenario


def _start(s: Scenario, today: date) -> date:
    if s.negotiation.started is not None:
        return s.negotiation.started
    dates = [r.start for r in s.rounds] + [m.date for m in s.history]
    return min(dates) if dates else today


def commands_for(s: Scenario, today: date) -> list[tuple[str, c.Command]]:
    """The scenario as commands, each with the field path it came from, in replay order."""
    on = _start(s, today)
    n = s.negotiation
    out: list[tuple[str, c.Command]] = [
        (
            "negotiation",
            c.CreateNegotiation(
                on=on, id=n.id, title=n.title, description=n.description, source=n.source
            ),
        )
    ]
    out.extend((f"parties[{i}]", party_command(p, on)) for i, p in enumerate(s.parties))
    out.extend(
        (f"framework.parts[{i}]", part_command(part, on))
        for i, part in enumerate(s.framework.parts)
    )
    out.extend(
        (f"framework.linkages[{i}]", linkage_command(link, on))
        for i, link in enumerate(s.framework.linkages)
    )
    out.extend(
        (f"preferences.{pid}", preferences_command(pid, prefs, on))
        for pid, prefs in s.preferences.items()
    )
    out.extend(framework_commands(s, on))
    out.extend(people_commands(s, on))
    # Moves replay in file order, which is the order they were recorded: a back-filled
    # move may carry an earlier date than the one before it. Rounds merge in by date: a
    # round opens before the day's moves and closes after them.
    timed: list[tuple[date, int, int, str, c.Command]] = []
    for i, r in enumerate(s.rounds):
        opened, closed = round_commands(r)
        timed.append((r.start, 0, i, f"rounds[{i}]", opened))
        if closed is not None:
            timed.append((closed.on, 2, i, f"rounds[{i}].end", closed))
    timed.extend(timed_commands(s))
    timed.extend(attendance_commands(s))
    timed.sort(key=lambda t: (t[0], t[1], t[2]))
    pending = iter(timed)
    nxt = next(pending, None)
    for i, m in enumerate(s.history):
        while nxt is not None and (nxt[0], nxt[1], nxt[2]) < (m.date, 1, 0):
            out.append((nxt[3], nxt[4]))
            nxt = next(pending, None)
        out.append((f"history[{i}]", move_command(m)))
    while nxt is not None:
        out.append((nxt[3], nxt[4]))
        nxt = next(pending, None)
    return out


# -- export -------------------------------------------------------------------------


def export_scenario(
    state: State, events: Iterable[StoredEvent], *, include_preferences: Iterable[str] = ()
) -> Scenario:
    """The record written back as a scenario; with the same events, load then export is lossless.

    Preferences are confidential: only those of the parties named in
    ``include_preferences`` are written.
    """
    events = list(events)
    history, started = _history(state, events)
    wanted = set(include_preferences)
    scenario = Scenario(
        negotiation=NegotiationSpec(
            id=state.id,
            title=state.title,
            description=state.description,
            started=started,
            source=state.source,
        ),
        parties=[
            PartySpec(id=p.id, name=p.name, role=p.role, aliases=list(p.aliases), source=p.source)
            for p in state.parties.values()
        ],
        framework=_framework_spec(state),
        rounds=[RoundSpec.model_validate(r.to_dict()) for r in state.rounds_in_order()],
        history=history,
        preferences={
            k: PreferencesSpec.model_validate(v)
            for k, v in state.preferences.items()
            if k in wanted
        },
    )
    extras = extras_from_events(events)
    people = people_from_events(events, state)
    if people:
        extras["people"] = people
    if not extras:
        return scenario
    return Scenario.model_validate(
        {**scenario.model_dump(by_alias=True, exclude_defaults=True), **extras}
    )


def _history(state: State, events: list[StoredEvent]) -> tuple[list[HistoryMove], date | None]:
    """The moves of the log as history entries, and the day the negotiation was created."""
    history: list[HistoryMove] = []
    started: date | None = None
    for e in events:
        p: Mapping[str, Any] = e.payload
        if e.type == "negotiation-created":
            started = e.occurred_on
        move = EVENT_MOVES.get(e.type)
        if move is None:
            continue
        history.append(
            HistoryMove(
                date=e.occurred_on,
                move=move,
                by=p["party"],
                part=p.get("part"),
                **move_fields(state, p, move),
                level=p.get("level"),
                note=p.get("note", ""),
                round=p.get("round"),
                source=p.get("source"),
            )
        )
    return history, started


def _framework_spec(state: State) -> FrameworkSpec:
    """The framework as it stands: its parts (with options or a numeric range) and linkages."""
    return FrameworkSpec(
        parts=[PartSpec.model_validate(ps.part.to_dict()) for ps in state.parts.values()],
        linkages=[
            LinkageSpec(
                kind=lk.kind, from_=lk.from_ref, to=lk.to_ref, note=lk.note, source=lk.source
            )
            for lk in state.linkages
        ],
    )


def dump_scenario(scenario: Scenario, fmt: str = "yaml") -> str:
    data = scenario.to_data()
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
