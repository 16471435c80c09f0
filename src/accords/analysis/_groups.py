"""Folding parts that do not add up independently into combined parts.

Preferences are additive across parts except where an interaction term, a
linkage or a multi-part red line ties two parts together. Joining every such
pair (union-find) splits the parts into *groups* that are independent of each
other: the utility of a package is the sum of its groups' contributions, and a
package is feasible iff every group's local choice is. Each group is then one
combined part whose options are its feasible local combinations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from math import prod

import numpy as np
import numpy.typing as npt

from accords.analysis._problem import Problem
from accords.analysis._space import Linkage, OptionRef

__all__ = ["Group", "fold", "pack"]

CHUNK_ROWS = 1 << 18
PACK_ROWS = 256  # small groups are enumerated together: fewer, cheaper merge steps


@dataclass
class Group:
    """A set of parts that must be enumerated together, and what constrains them."""

    parts: tuple[int, ...]
    allowed: tuple[tuple[int, ...], ...]
    problem: Problem
    linkages: list[Linkage] = field(default_factory=list)
    red_lines: list[tuple[OptionRef, ...]] = field(default_factory=list)
    # per party: (local position a, option a, local position b, option b, fixed-point value)
    interactions: list[list[tuple[int, int, int, int, int]]] = field(default_factory=list)

    @property
    def product_size(self) -> int:
        return prod(len(a) for a in self.allowed)

    def join(self, other: Group) -> Group:
        """One group enumerating both (for independent groups: exactness is unaffected)."""
        shift = len(self.parts)
        return Group(
            parts=self.parts + other.parts,
            allowed=self.allowed + other.allowed,
            problem=self.problem,
            linkages=self.linkages + other.linkages,
            red_lines=self.red_lines + other.red_lines,
            interactions=[
                mine + [(pa + shift, oa, pb + shift, ob, v) for pa, oa, pb, ob, v in theirs]
                for mine, theirs in zip(self.interactions, other.interactions, strict=True)
            ],
        )

    def local(self, ref: OptionRef) -> int:
        return self.parts.index(ref.part)

    def decode(self, flat: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Flat indices in the mixed-radix product of allowed options -> option indices."""
        out = np.empty((len(flat), len(self.parts)), dtype=np.int64)
        rest = flat.copy()
        for pos in range(len(self.parts) - 1, -1, -1):
            radix = len(self.allowed[pos])
            digit = rest % radix
            rest //= radix
            out[:, pos] = np.asarray(self.allowed[pos], dtype=np.int64)[digit]
        return out

    def feasible(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        ok = np.ones(len(rows), dtype=bool)
        for link in self.linkages:
            has_a = rows[:, self.local(link.a)] == link.a.option
            has_b = rows[:, self.local(link.b)] == link.b.option
            ok &= (~has_a | has_b) if link.kind == "requires" else ~(has_a & has_b)
        for line in self.red_lines:
            hit = np.ones(len(rows), dtype=bool)
            for ref in line:
                hit &= rows[:, self.local(ref)] == ref.option
            ok &= ~hit
        return ok

    def score(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Each party's fixed-point contribution of the group's local choices, ``(n, parties)``."""
        out = np.zeros((len(rows), self.problem.n_parties), dtype=np.int64)
        for k, tables in enumerate(self.problem.tables):
            col = out[:, k]
            for pos, part in enumerate(self.parts):
                col += tables[part][rows[:, pos]]
            for pa, oa, pb, ob, value in self.interactions[k]:
                col += value * ((rows[:, pa] == oa) & (rows[:, pb] == ob))
        return out

    def chunks(
        self, rows_per_chunk: int = CHUNK_ROWS
    ) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]:
        """Feasible local choices and their scores, a bounded number of rows at a time."""
        total = self.product_size
        for start in range(0, total, rows_per_chunk):
            flat = np.arange(start, min(total, start + rows_per_chunk), dtype=np.int64)
            rows = self.decode(flat)
            rows = rows[self.feasible(rows)]
            if len(rows):
                yield rows, self.score(rows)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def fold(problem: Problem) -> list[Group]:
    """Split the parts into independent groups (in order of their first part)."""
    space = problem.space
    n = len(space.parts)
    uf = _UnionFind(n)
    allowed = [set(space.allowed_options(j)) for j in range(n)]
    multi_lines: list[tuple[OptionRef, ...]] = []
    for line in problem.red_lines():
        if len(line) == 1:
            allowed[line[0].part].discard(line[0].option)
        else:
            multi_lines.append(line)
            for ref in line[1:]:
                uf.join(line[0].part, ref.part)
    for link in space.linkages:
        uf.join(link.a.part, link.b.part)
    for k in range(problem.n_parties):
        for a, b, value in problem.interaction_ints[k]:
            if value != 0:
                uf.join(a.part, b.part)
    members: dict[int, list[int]] = {}
    for j in range(n):
        members.setdefault(uf.find(j), []).append(j)
    groups: dict[int, Group] = {}
    for root, parts in members.items():
        groups[root] = Group(
            parts=tuple(parts),
            allowed=tuple(tuple(sorted(allowed[j])) for j in parts),
            problem=problem,
            interactions=[[] for _ in range(problem.n_parties)],
        )
    for link in space.linkages:
        groups[uf.find(link.a.part)].linkages.append(link)
    for line in multi_lines:
        groups[uf.find(line[0].part)].red_lines.append(line)
    for k in range(problem.n_parties):
        for a, b, value in problem.interaction_ints[k]:
            if value != 0:
                g = groups[uf.find(a.part)]
                g.interactions[k].append((g.local(a), a.option, g.local(b), b.option, value))
    return sorted(groups.values(), key=lambda g: g.parts[0])


def pack(groups: list[Group], limit: int | None = None) -> list[Group]:
    """Join consecutive small groups while their joint enumeration stays under ``limit``.

    Each merge step costs a fixed overhead however small its operands; enumerating a
    few thousand combinations at once is cheaper than several tiny merges.
    """
    cap = PACK_ROWS if limit is None else limit
    out: list[Group] = []
    for g in groups:
        if out and out[-1].product_size * g.product_size <= cap:
            out[-1] = out[-1].join(g)
        else:
            out.append(g)
    return out
