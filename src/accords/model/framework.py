"""The framework of a negotiation: parties, parts, options, sign-off rules, linkages.

These are values (frozen dataclasses): the state folds events into them, and
nothing here reads a clock, a file or a database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, get_args

from accords.model.numeric import NumericRange
from accords.model.plain import to_keys

__all__ = [
    "LEVELS",
    "LINKAGE_KINDS",
    "OPTION_LINKAGES",
    "ROLES",
    "Level",
    "Linkage",
    "LinkageKind",
    "Option",
    "Part",
    "Party",
    "Role",
    "SignOffRule",
    "level_rank",
    "split_ref",
]

Role = Literal["party", "mediator", "facilitator", "host", "observer"]
ROLES: Final = get_args(Role)

Level = Literal["principle", "ad-ref", "confirmed"]
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
_LEVEL_RANK: Final[dict[str, int]] = {name: i for i, name in enumerate(LEVELS)}

LinkageKind = Literal["requires", "excludes", "sequenced-after", "conditional-on", "traded-against"]
LINKAGE_KINDS: Final = get_args(LinkageKind)
#: Linkages that bind options (PART:OPTION) rather than whole parts.
OPTION_LINKAGES: Final = ("requires", "excludes")


def level_rank(level: str) -> int:
    """Order of acceptance levels: in principle < ad referendum < confirmed."""
    return _LEVEL_RANK[level]


def split_ref(ref: str) -> tuple[str, str | None]:
    """``"withdrawal:14-months"`` -> ``("withdrawal", "14-months")``; a part -> ``(part, None)``."""
    part, sep, option = ref.partition(":")
    return part, (option if sep else None)


@dataclass(frozen=True, slots=True)
class Party:
    """A party, mediator, facilitator, host or observer, with the names the press uses."""

    id: str
    name: str
    role: Role = "party"
    aliases: tuple[str, ...] = ()
    source: str | None = None

    @property
    def negotiates(self) -> bool:
        """Only parties confirm and sign the package."""
        return self.role == "party"


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate term for a part."""

    id: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class SignOffRule:
    """Who must agree for a part to be agreed.

    ``unanimity``: every signatory. ``sufficient-consensus``: the backers carry more
    than ``threshold`` of the signatories' total weight *and* more than ``threshold``
    of the weight of each community (the Northern Ireland talks' rule: a majority
    of parties that also represents a majority of each community).
    """

    kind: Literal["unanimity", "sufficient-consensus"] = "unanimity"
    weights: Mapping[str, float] = field(default_factory=dict)
    communities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    threshold: float = 0.5

    def satisfied(self, backers: Collection[str], signatories: Collection[str]) -> bool:
        if not signatories:
            return False
        if self.kind == "unanimity":
            return all(s in backers for s in signatories)
        weight = self.weight

        def share(group: Collection[str]) -> tuple[float, float]:
            total = sum(weight(p) for p in group)
            got = sum(weight(p) for p in group if p in backers)
            return got, total

        got, total = share(signatories)
        if total <= 0 or got <= self.threshold * total:
            return False
        for members in self.communities.values():
            c_got, c_total = share([m for m in members if m in signatories])
            if c_total > 0 and c_got <= self.threshold * c_total:
                return False
        return True

    def weight(self, party: str) -> float:
        return float(self.weights.get(party, 1.0)) if self.weights else 1.0

    def describe(self) -> str:
        if self.kind == "unanimity":
            return "unanimity of its signatories"
        pct = f"{self.threshold:.0%}"
        if self.communities:
            names = ", ".join(self.communities)
            return f"sufficient consensus: over {pct} of the weight and of each community ({names})"
        return f"sufficient consensus: over {pct} of the weight"

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "unanimity":
            return {"kind": "unanimity"}
        return {
            "kind": self.kind,
            "weights": dict(self.weights),
            "communities": {k: list(v) for k, v in self.communities.items()},
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> SignOffRule:
        if not data or data.get("kind", "unanimity") == "unanimity":
            return cls()
        return cls(
            kind="sufficient-consensus",
            weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
            communities={
                str(k): tuple(str(m) for m in v) for k, v in (data.get("communities") or {}).items()
            },
            threshold=float(data.get("threshold", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Part:
    """One of the inter-connected parts of the agreement.

    A part either holds labelled ``options`` or is ``numeric``: a number in a range,
    whose options are the range's values named by their canonical text (see
    :mod:`accords.model.numeric`).
    """

    id: str
    title: str
    text: str = ""
    signatories: tuple[str, ...] = ()
    rule: SignOffRule = field(default_factory=SignOffRule)
    options: tuple[Option, ...] = ()
    source: str | None = None
    numeric: NumericRange | None = None

    def option(self, option_id: str) -> Option | None:
        """The option (or, on a numeric part, the value) named ``option_id``, if the part has it."""
        if self.numeric is not None:
            try:
                value = self.numeric.canonical(option_id)
            except ValueError:
                return None
            return Option(value, self.numeric.label(value)) if value == option_id else None
        for o in self.options:
            if o.id == option_id:
                return o
        return None

    def choices(self) -> tuple[str, ...]:
        """Every option id: the labelled options, or a numeric part's values in order."""
        if self.numeric is not None:
            return self.numeric.grid()
        return tuple(o.id for o in self.options)

    def label(self, option_id: str) -> str:
        """An option as a reader sees it: its id, or a value with its unit (``14 months``)."""
        return option_id if self.numeric is None else self.numeric.label(option_id)

    def to_dict(self) -> dict[str, Any]:
        """The part as plain data: what a scenario file writes and the API answers alike."""
        return to_keys(
            self,
            rule=self.rule.to_dict(),
            options=[to_keys(o) for o in self.options],
            numeric=None if self.numeric is None else self.numeric.to_dict(),
        )


@dataclass(frozen=True, slots=True)
class Linkage:
    """An explicit tie between two parts or two options (``PART`` or ``PART:OPTION``)."""

    kind: LinkageKind
    from_ref: str
    to_ref: str
    note: str = ""
    source: str | None = None

    def describe(self) -> str:
        verb = {
            "requires": "requires",
            "excludes": "excludes",
            "sequenced-after": "opens only after",
            "conditional-on": "is conditional on",
            "traded-against": "is traded against",
        }[self.kind]
        return f"{self.from_ref} {verb} {self.to_ref}"
