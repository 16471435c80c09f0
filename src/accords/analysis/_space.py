"""The outcome space: which packages the framework and its linkages allow.

A package (an outcome) picks one option for every part. The space is the
cartesian product of the parts' options minus what ``requires`` and
``excludes`` linkages rule out, optionally restricted to the completions of
what is provisionally accepted (parts fixed to one option).

Outcomes travel as integer index arrays of shape ``(n, parts)``: entry ``[i, j]``
is the index of the option chosen for part ``j`` in outcome ``i``. That layout
keeps every check vectorised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from math import prod
from typing import TYPE_CHECKING, Literal

from accords.errors import InvalidArgument, UnknownReference

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Linkage", "OptionRef", "OutcomeSpace", "Part"]

LinkageKind = Literal["requires", "excludes"]


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the framework and its candidate options, in a fixed order."""

    id: str
    options: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.options:
            raise InvalidArgument(f"part {self.id!r} has no options")
        if len(set(self.options)) != len(self.options):
            raise InvalidArgument(f"part {self.id!r} lists an option twice")


@dataclass(frozen=True, slots=True, order=True)
class OptionRef:
    """An option of a part as indices: ``(part, option)``."""

    part: int
    option: int


@dataclass(frozen=True, slots=True)
class Linkage:
    """``requires``: choosing ``a`` forces ``b``; ``excludes``: ``a`` and ``b`` never together."""

    kind: LinkageKind
    a: OptionRef
    b: OptionRef


@dataclass(frozen=True, slots=True)
class OutcomeSpace:
    """Parts, linkages between their options, and the parts already fixed.

    ``fixed`` maps a part index to the option index provisionally accepted for it;
    only completions of that partial package are in the space.
    """

    parts: tuple[Part, ...]
    linkages: tuple[Linkage, ...] = ()
    fixed: Mapping[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [p.id for p in self.parts]
        if not ids:
            raise InvalidArgument("an outcome space needs at least one part")
        if len(set(ids)) != len(ids):
            raise InvalidArgument("two parts share an id")
        for link in self.linkages:
            for ref in (link.a, link.b):
                self._check(ref)
            if link.a.part == link.b.part:
                raise InvalidArgument("a linkage must join options of two different parts")
        for part, option in self.fixed.items():
            self._check(OptionRef(part, option))

    def _check(self, ref: OptionRef) -> None:
        if not 0 <= ref.part < len(self.parts):
            raise InvalidArgument(f"no part number {ref.part}")
        if not 0 <= ref.option < len(self.parts[ref.part].options):
            raise InvalidArgument(
                f"part {self.parts[ref.part].id!r} has no option number {ref.option}"
            )

    # -- names <-> indices -------------------------------------------------

    @property
    def part_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parts)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Options per part, counting a fixed part as one."""
        return tuple(1 if j in self.fixed else len(p.options) for j, p in enumerate(self.parts))

    @property
    def product_size(self) -> int:
        """The number of packages before linkages and red lines (exact, any size)."""
        return prod(self.sizes)

    def part_index(self, part_id: str) -> int:
        for j, p in enumerate(self.parts):
            if p.id == part_id:
                return j
        raise UnknownReference(f"unknown part {part_id!r}; parts are {', '.join(self.part_ids)}")

    def ref(self, text: str) -> OptionRef:
        """Parse ``PART:OPTION`` (the part id is everything before the first colon)."""
        part_id, sep, option_id = text.partition(":")
        if not sep:
            raise UnknownReference(f"{text!r} is not PART:OPTION")
        j = self.part_index(part_id)
        options = self.parts[j].options
        if option_id not in options:
            raise UnknownReference(
                f"part {part_id!r} has no option {option_id!r}; options are {', '.join(options)}"
            )
        return OptionRef(j, options.index(option_id))

    def name(self, ref: OptionRef) -> str:
        return f"{self.parts[ref.part].id}:{self.parts[ref.part].options[ref.option]}"

    def describe(self, outcome: Sequence[int] | npt.NDArray[np.integer]) -> dict[str, str]:
        """One outcome as ``{part: option}``."""
        return {p.id: p.options[int(o)] for p, o in zip(self.parts, outcome, strict=True)}

    def describe_fixed(self) -> dict[str, str]:
        """The fixed parts as ``{part: option}``."""
        return {self.parts[j].id: self.parts[j].options[o] for j, o in sorted(self.fixed.items())}

    def encode(self, package: Mapping[str, str]) -> list[int]:
        """``{part: option}`` naming every part, as option indices."""
        missing = [p for p in self.part_ids if p not in package]
        if missing:
            raise UnknownReference(f"the package names no option for {', '.join(missing)}")
        out = [0] * len(self.parts)
        for part_id, option_id in package.items():
            ref = self.ref(f"{part_id}:{option_id}")
            out[ref.part] = ref.option
        return out

    def restrict(self, fixed: Mapping[int, int]) -> OutcomeSpace:
        """The completions of a partial package (added to what is already fixed)."""
        merged = dict(self.fixed)
        for part, option in fixed.items():
            if merged.get(part, option) != option:
                raise InvalidArgument(f"part {self.parts[part].id!r} is already fixed otherwise")
            merged[part] = option
        return OutcomeSpace(self.parts, self.linkages, merged)

    # -- feasibility -------------------------------------------------------

    def allowed_options(self, part: int) -> list[int]:
        """Option indices a part may take given what is fixed."""
        if part in self.fixed:
            return [self.fixed[part]]
        return list(range(len(self.parts[part].options)))

    def feasible(self, outcomes: npt.NDArray[np.integer]) -> npt.NDArray[np.bool_]:
        """Which outcomes the linkages and fixed parts allow (vectorised)."""
        import numpy as np

        x = np.asarray(outcomes)
        ok = np.ones(x.shape[0], dtype=bool)
        for part, option in self.fixed.items():
            ok &= x[:, part] == option
        for link in self.linkages:
            has_a = x[:, link.a.part] == link.a.option
            has_b = x[:, link.b.part] == link.b.option
            if link.kind == "requires":
                ok &= ~has_a | has_b
            else:
                ok &= ~(has_a & has_b)
        return ok
