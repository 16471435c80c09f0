"""Cross-checks of a native scenario: the references between its sections.

The schema checks each section alone; these checks follow the references from one
section into another (a signatory into the parties, a linkage into the options, a move
into the rounds) and put each error at the field that holds the bad reference, so a
user can find it in the file. One small function per section keeps each rule readable.
"""

from __future__ import annotations

from collections.abc import Mapping

from accords.errors import ScenarioError
from accords.model.framework import split_ref
from accords.scenario.schema import PartSpec, PartySpec, Scenario

__all__ = ["cross_check"]


class _Refs:
    """What a scenario names (parties, parts, rounds) and how to refuse a bad reference."""

    def __init__(self, s: Scenario, name: str) -> None:
        self.name = name
        self.parties: Mapping[str, PartySpec] = {p.id: p for p in s.parties}
        self.parts: Mapping[str, PartSpec] = {p.id: p for p in s.framework.parts}
        self.rounds: set[int] = set()

    def bad(self, path: str, reason: str) -> ScenarioError:
        return ScenarioError(self.name, path, reason)

    def party(self, path: str, pid: str) -> None:
        if pid not in self.parties:
            known = ", ".join(self.parties)
            raise self.bad(path, f"unknown party {pid!r}; known parties: {known}")

    def part(self, path: str, pid: str) -> None:
        if pid not in self.parts:
            raise self.bad(path, f"unknown part {pid!r}; known parts: {', '.join(self.parts)}")

    def option(self, path: str, pid: str, oid: str) -> None:
        """A named option of a part with options (a numeric part takes any value)."""
        part = self.parts[pid]
        if part.numeric is None and oid not in {o.id for o in part.options}:
            raise self.bad(path, f"part {pid!r} has no option {oid!r}")


def cross_check(s: Scenario, name: str) -> None:
    """References between sections, each error at the field that holds the bad reference."""
    refs = _Refs(s, name)
    _unique_ids(refs, [p.id for p in s.parties], "parties", "party")
    for i, part in enumerate(s.framework.parts):
        _check_part(refs, i, part)
    _unique_ids(refs, [p.id for p in s.framework.parts], "framework.parts", "part")
    _check_linkages(refs, s)
    _check_rounds(refs, s)
    _check_history(refs, s)
    _check_preferences(refs, s)


def _unique_ids(refs: _Refs, ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for i, one in enumerate(ids):
        if one in seen:
            raise refs.bad(f"{where}[{i}].id", f"{what} {one!r} appears twice")
        seen.add(one)


def _check_part(refs: _Refs, i: int, part: PartSpec) -> None:
    at = f"framework.parts[{i}]"
    for j, sig in enumerate(part.signatories):
        refs.party(f"{at}.signatories[{j}]", sig)
        role = refs.parties[sig].role
        if role != "party":
            raise refs.bad(
                f"{at}.signatories[{j}]",
                f"{sig!r} is a {role}, not a party, and cannot be a signatory",
            )
    ids = [o.id for o in part.options]
    for j, oid in enumerate(ids):
        if oid in ids[:j]:
            raise refs.bad(f"{at}.options[{j}].id", f"option {oid!r} appears twice")
    for who in part.rule.weights:
        if who not in part.signatories:
            raise refs.bad(f"{at}.rule.weights.{who}", "not a signatory of this part")
    for community, members in part.rule.communities.items():
        for j, who in enumerate(members):
            if who not in part.signatories:
                raise refs.bad(
                    f"{at}.rule.communities.{community}[{j}]",
                    f"{who!r} is not a signatory of this part",
                )


def _check_linkages(refs: _Refs, s: Scenario) -> None:
    for i, link in enumerate(s.framework.linkages):
        need = link.kind in ("requires", "excludes")
        _linkage_end(refs, f"framework.linkages[{i}].from", link.from_, need)
        _linkage_end(refs, f"framework.linkages[{i}].to", link.to, need)


def _linkage_end(refs: _Refs, path: str, value: str, need_option: bool) -> None:
    pid, oid = split_ref(value)
    refs.part(path, pid)
    if oid is None and need_option:
        raise refs.bad(path, "this linkage ties options: write PART:OPTION")
    if oid is not None:
        refs.option(path, pid, oid)


def _check_rounds(refs: _Refs, s: Scenario) -> None:
    for i, r in enumerate(s.rounds):
        if r.number in refs.rounds:
            raise refs.bad(f"rounds[{i}].number", f"round {r.number} appears twice")
        refs.rounds.add(r.number)
        for field in ("attended", "absent"):
            for j, pid in enumerate(getattr(r, field)):
                refs.party(f"rounds[{i}].{field}[{j}]", pid)
        for j, refusal in enumerate(r.refusals):
            refs.party(f"rounds[{i}].refusals[{j}].party", refusal.party)
            for k, other in enumerate(refusal.refused_to_meet):
                refs.party(f"rounds[{i}].refusals[{j}].refused_to_meet[{k}]", other)


def _check_history(refs: _Refs, s: Scenario) -> None:
    for i, m in enumerate(s.history):
        refs.party(f"history[{i}].by", m.by)
        if m.part is not None:
            refs.part(f"history[{i}].part", m.part)
            if m.option is not None:
                refs.option(f"history[{i}].option", m.part, m.option)
        if m.round is not None and m.round not in refs.rounds:
            raise refs.bad(f"history[{i}].round", f"no round {m.round} in rounds")


def _check_preferences(refs: _Refs, s: Scenario) -> None:
    for pid, prefs in s.preferences.items():
        at = f"preferences.{pid}"
        refs.party(at, pid)
        for part_id, w in prefs.weights.items():
            if part_id not in refs.parts:
                raise refs.bad(f"{at}.weights.{part_id}", "unknown part")
            if w < 0:
                raise refs.bad(f"{at}.weights.{part_id}", "weights cannot be negative")
        for part_id, values in prefs.values.items():
            if part_id not in refs.parts:
                raise refs.bad(f"{at}.values.{part_id}", "unknown part")
            if refs.parts[part_id].numeric is not None:
                continue  # anchors of a value curve: checked by check_numeric
            for oid in values:
                refs.option(f"{at}.values.{part_id}.{oid}", part_id, oid)
