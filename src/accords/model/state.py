"""The state of a negotiation and what it derives: part statuses, the package, its linkages.

A state comes to be only as a fold of events (:func:`accords.model.fold.fold`): the
same events always give the same state, whether they come from memory, SQLite or
PostgreSQL, and a prefix of them gives the state as it was then. A part's status is
derived from the stances of its signatories under its sign-off rule, never stored;
the package's conclusion is derived from the parties' confirmations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from accords.model.framework import LEVELS, Linkage, Party, level_rank, split_ref
from accords.model.numeric_status import numeric_status
from accords.model.records import (
    LEVEL_STATUS,
    PART_STATUSES,
    SNAPSHOT_VERSION,
    Agreement,
    PartState,
    PartStatus,
    Round,
    Stance,
)

if TYPE_CHECKING:
    from accords.model.layer import LayerSlice

# The values of accords.model.records stay importable from here, as before the split.
__all__ = [
    "PART_STATUSES",
    "SNAPSHOT_VERSION",
    "PartState",
    "PartStatus",
    "Round",
    "Stance",
    "State",
]


@dataclass(slots=True)
class State:
    """Everything the record says about one negotiation."""

    id: str = ""
    title: str = ""
    description: str = ""
    source: str | None = None
    parties: dict[str, Party] = field(default_factory=dict)
    parts: dict[str, PartState] = field(default_factory=dict)
    linkages: list[Linkage] = field(default_factory=list)
    rounds: dict[int, Round] = field(default_factory=dict)
    framework_accepted: dict[str, date] = field(default_factory=dict)
    confirmations: dict[str, date] = field(default_factory=dict)
    confirmed_package: dict[str, str] = field(default_factory=dict)
    concluded_on: date | None = None
    initialled: dict[str, date] = field(default_factory=dict)
    signed: dict[str, date] = field(default_factory=dict)
    preferences: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Parties that walked out of the talks, and when: no longer asked to confirm or sign.
    left: dict[str, date] = field(default_factory=dict)
    #: Each layer's own slice (clauses, obligations, context events, coding), by layer
    #: name; read and changed only through its :class:`~accords.model.layer.Layer`.
    layers: dict[str, LayerSlice] = field(default_factory=dict)
    events: int = 0
    last_on: date | None = None

    # -- derived views -------------------------------------------------------------

    def negotiating_parties(self) -> list[str]:
        """The parties (role ``party``, still at the table) who confirm and sign the package."""
        return [p.id for p in self.parties.values() if p.negotiates and p.id not in self.left]

    def agreement(self) -> Agreement:
        if self.concluded_on is None:
            return "not-agreed"
        parties = self.negotiating_parties()
        if parties and all(p in self.signed for p in parties):
            return "signed"
        if parties and all(p in self.initialled for p in parties):
            return "initialled"
        return "concluded"

    def part_status(self, part_id: str) -> PartStatus:
        """The status DESIGN.md defines, derived from the signatories' stances."""
        ps = self.parts[part_id]
        raw = self._provisional_status(ps)
        agreement = self.agreement()
        if agreement != "not-agreed":
            word = "agreed" if agreement == "concluded" else agreement
            return PartStatus(word, raw.option, raw.level, raw.backers)
        return raw

    def _provisional_status(self, ps: PartState) -> PartStatus:
        part = ps.part
        if ps.deferred:
            return PartStatus("deferred")
        if part.numeric is not None:
            return numeric_status(ps)
        best: PartStatus | None = None
        for option in part.options:
            for level in reversed(LEVELS):
                rank = level_rank(level)
                backers = tuple(
                    p
                    for p in part.signatories
                    if (s := ps.stances.get(p)) is not None
                    and s.kind == "accepts"
                    and s.option == option.id
                    and s.level is not None
                    and level_rank(s.level) >= rank
                )
                if part.rule.satisfied(backers, part.signatories):
                    if best is None or (best.level is not None and level_rank(best.level) < rank):
                        best = PartStatus(LEVEL_STATUS[level], option.id, level, backers)
                    break
        if best is not None:
            return best
        backed = ps.backed_options()
        if len(backed) >= 2:
            return PartStatus("bracketed")
        on_table = ps.on_table()
        if on_table:
            only = next(iter(on_table)) if len(on_table) == 1 else None
            return PartStatus("proposed", only)
        return PartStatus("open")

    def package(self) -> dict[str, str]:
        """Each confirmed part's option: the package as it now stands."""
        out: dict[str, str] = {}
        for pid, ps in self.parts.items():
            st = self._provisional_status(ps)
            if st.status == "confirmed" and st.option is not None:
                out[pid] = st.option
        return out

    def broken_linkages(self, package: Mapping[str, str]) -> list[Linkage]:
        """``requires``/``excludes`` linkages that the package's options break."""
        broken: list[Linkage] = []
        for link in self.linkages:
            if link.kind not in ("requires", "excludes"):
                continue
            sp, so = split_ref(link.from_ref)
            tp, to = split_ref(link.to_ref)
            chosen = package.get(sp) == so if so is not None else sp in package
            if not chosen:
                continue
            target_chosen = package.get(tp) == to if to is not None else tp in package
            if (link.kind == "requires" and not target_chosen) or (
                link.kind == "excludes" and target_chosen
            ):
                broken.append(link)
        return broken

    def rounds_in_order(self) -> list[Round]:
        return sorted(self.rounds.values(), key=lambda r: r.number)

    def round_on(self, day: date) -> Round | None:
        """The round in session on ``day``, if any."""
        for r in self.rounds.values():
            if r.start <= day and (r.end is None or day <= r.end):
                return r
        return None

    # -- snapshots -----------------------------------------------------------------

    def to_snapshot(self) -> dict[str, Any]:
        """A JSON-able image of the state, to cache a long fold."""
        from accords.model.snapshot import dump

        return dump(self)

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> State | None:
        """The state cached by :meth:`to_snapshot`, or ``None`` when its format is stale."""
        from accords.model.snapshot import load

        return load(data)


def __getattr__(name: str) -> Any:
    """``fold`` and ``evolve`` moved to :mod:`accords.model.fold`; old imports still work."""
    if name in ("fold", "evolve"):
        import importlib  # the package re-exports the function ``fold`` under the same name

        return getattr(importlib.import_module("accords.model.fold"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
