"""Automated negotiators: each speaks for one party and knows only that party's utilities.

A negotiator is built from an :class:`~accords.simulate._view.OwnView` (its own
numbers over the public table) and a random generator, then asked two things
at relative time ``t`` in ``(0, 1]``: :meth:`Negotiator.respond` (accept this
package?) and :meth:`Negotiator.propose` (which package to offer?). Packages
are rows of the public table; a proposal of ``-1`` means "nothing to offer",
which ends the negotiation.

The time-based family uses the same aspiration curve as NegMAS's time-based
negotiators: ``target(t) = best - (best - floor) * t**e``, with ``e = 4`` for
Boulware (concedes late), ``1`` linear and ``0.25`` for a conceder; the offer is
the *least* good package still at the target, found by binary search in the
party's ranked utilities. Per-turn work is a power, a comparison and a bisect.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from math import pow
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from accords.errors import UnknownReference
from accords.simulate._view import OwnView

__all__ = [
    "EXPONENTS",
    "Nash",
    "Negotiator",
    "NegotiatorSpec",
    "RandomBaseline",
    "TimeBased",
    "TitForTat",
    "parse_negotiators",
]

#: Named aspiration curves (the exponent ``e`` of ``t**e``), as in NegMAS.
EXPONENTS = {"boulware": 4.0, "linear": 1.0, "conceder": 0.25}
TOLERANCE = 1e-4  # utilities this close to the target count as reaching it


class Negotiator(ABC):
    """Speaks for one party; sees only :attr:`view` (its own utilities)."""

    def __init__(self, view: OwnView, rng: np.random.Generator) -> None:
        self.view = view
        self.rng = rng
        self.values = view.values
        self.ranked = view.ranked
        self.ranked_utility = view.ranked_utility
        self.best = view.best
        self.floor = view.floor
        self.span = max(0.0, self.best - self.floor)

    @abstractmethod
    def propose(self, t: float) -> int:
        """A package to offer (a table row), or -1 for none."""

    @abstractmethod
    def respond(self, t: float, offer: int, proposer: int) -> bool:
        """Accept ``offer``, made by the party in turn position ``proposer``?"""

    def prefers(self, a: int, b: int) -> bool:
        """Is package ``a`` at least as good as ``b`` for this party (a single-text critique)?"""
        return self.values[a] >= self.values[b]

    def at_least(self, u: float) -> int:
        """The least good acceptable package worth at least ``u`` (the best when none is)."""
        if not self.ranked:
            return -1
        i = bisect_left(self.ranked_utility, u)
        return self.ranked[i] if i < len(self.ranked) else self.ranked[-1]


class TimeBased(Negotiator):
    """Concedes on a clock: ``target(t) = best - (best - floor) * t**exponent``."""

    def __init__(self, view: OwnView, rng: np.random.Generator, exponent: float) -> None:
        super().__init__(view, rng)
        self.exponent = exponent

    def target(self, t: float) -> float:
        return self.best - self.span * pow(t, self.exponent)

    def propose(self, t: float) -> int:
        return self.at_least(self.best - self.span * pow(t, self.exponent) - TOLERANCE)

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        return self.values[offer] >= self.best - self.span * pow(t, self.exponent) - TOLERANCE


class TitForTat(Negotiator):
    """Relative tit-for-tat: concedes the share of its range that the others conceded to it.

    The others' concession is measured in this party's own utility, from each
    one's first offer to its best since; the least concession among them is
    mirrored (reciprocity with the toughest). Movement is reciprocated too: each
    time every other party has tabled a new package, it concedes a further
    ``kindness`` share, so two tit-for-tat negotiators do not stare at each other
    forever while one that never moves gets nothing for free.
    """

    def __init__(self, view: OwnView, rng: np.random.Generator, kindness: float = 0.02) -> None:
        super().__init__(view, rng)
        self.kindness = kindness
        self.first: dict[int, float] = {}
        self.seen: dict[int, float] = {}
        self.moves: dict[int, int] = {}  # how often each other party changed its offer
        self.last: dict[int, int] = {}
        self.share = 0.0

    def _update(self) -> None:
        shares = []
        for k, u0 in self.first.items():
            room = self.best - u0
            shares.append(1.0 if room <= 0 else max(0.0, (self.seen[k] - u0) / room))
        mirrored = min(shares) if shares else 0.0
        moves = min(self.moves.values()) if self.moves else 0
        self.share = min(1.0, max(self.share, mirrored + self.kindness * (1 + moves)))

    def propose(self, t: float) -> int:
        return self.at_least(self.best - self.span * self.share - TOLERANCE)

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        u = self.values[offer]
        if u == float("-inf"):
            return False
        if proposer not in self.first:
            self.first[proposer] = u
            self.seen[proposer] = u
            self.moves[proposer] = 0
            self.last[proposer] = offer
        else:
            if u > self.seen[proposer]:
                self.seen[proposer] = u
            if offer != self.last[proposer]:
                self.moves[proposer] += 1
                self.last[proposer] = offer
        self._update()
        return u >= self.best - self.span * self.share - TOLERANCE


class Nash(Negotiator):
    """Seeks the Nash point from what it can see: its own utility and the others' offers.

    The others' utilities are *estimated* from the options their offers use
    (a frequency model over their distinct offers); among the packages still at
    its own time-based target it offers the one with the largest product of its
    own gain and the estimates. It never sees anyone's preferences.
    """

    REFRESH = 10  # turns between refits of the model (each refit is O(table))

    def __init__(self, view: OwnView, rng: np.random.Generator, exponent: float = 1.0) -> None:
        super().__init__(view, rng)
        self.exponent = exponent
        rows = view.table.rows
        self.rows = rows
        self.counts: dict[int, list[npt.NDArray[np.float64]]] = {}
        self.distinct: dict[int, set[int]] = {}
        self.dirty = False
        self.since = self.REFRESH
        self.ranked_arr = np.asarray(self.ranked, dtype=np.int64)
        self.sub = self.rows[self.ranked_arr]
        self.gain = np.maximum(view.utility[self.ranked_arr] - self.floor, 0.0)
        self.choice: list[int] = self._suffix_best(np.ones(len(self.ranked_arr)))

    def _suffix_best(self, estimate: npt.NDArray[np.float64]) -> list[int]:
        """For each start ``i`` in the ranking, the row maximising gain x estimate from ``i`` on."""
        score = self.gain * estimate
        n = len(score)
        if n == 0:
            return []
        best_at = np.empty(n, dtype=np.int64)
        # a reverse running argmax (first maximum wins towards the better end)
        rev = score[::-1]
        running = np.maximum.accumulate(rev)
        is_new = np.empty(n, dtype=bool)
        is_new[0] = True
        is_new[1:] = rev[1:] > running[:-1]
        idx = np.maximum.accumulate(np.where(is_new, np.arange(n), 0))
        best_at[::-1] = (n - 1) - idx
        return self.ranked_arr[best_at].tolist()  # type: ignore[no-any-return]

    def _refit(self) -> None:
        estimate = np.ones(len(self.ranked_arr))
        sub = self.sub
        for k, counts in self.counts.items():
            est = np.zeros(len(sub))
            for j, c in enumerate(counts):
                est += c[sub[:, j]]
            estimate *= est / (len(counts) * max(1, len(self.distinct[k]))) + 1e-9
        self.choice = self._suffix_best(estimate)
        self.dirty = False
        self.since = 0

    def propose(self, t: float) -> int:
        if not self.ranked:
            return -1
        self.since += 1
        if self.dirty and self.since >= self.REFRESH:
            self._refit()
        i = bisect_left(
            self.ranked_utility, self.best - self.span * pow(t, self.exponent) - TOLERANCE
        )
        return self.choice[min(i, len(self.choice) - 1)]

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        seen = self.distinct.setdefault(proposer, set())
        if offer not in seen:
            seen.add(offer)
            if proposer not in self.counts:
                self.counts[proposer] = [np.zeros(r) for r in self.view.table.radix]
            for j, c in enumerate(self.counts[proposer]):
                c[self.rows[offer, j]] += 1.0
            self.dirty = True
        return self.values[offer] >= self.best - self.span * pow(t, self.exponent) - TOLERANCE


class RandomBaseline(Negotiator):
    """Offers a random package it finds acceptable; accepts one at or above its reservation
    with probability ``p_accept``. A floor to compare strategies against."""

    def __init__(self, view: OwnView, rng: np.random.Generator, p_accept: float = 0.2) -> None:
        super().__init__(view, rng)
        self.p_accept = p_accept
        self.start = bisect_left(self.ranked_utility, view.reservation)

    def propose(self, t: float) -> int:
        n = len(self.ranked) - self.start
        if n <= 0:
            return -1
        return self.ranked[self.start + int(self.rng.integers(n))]

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        if self.values[offer] < self.view.reservation:
            return False
        return bool(self.rng.random() < self.p_accept)


@dataclass(frozen=True, slots=True)
class NegotiatorSpec:
    """A strategy by name with its parameter: picklable, so it travels to workers."""

    name: str
    kind: str
    param: float | None = None

    KINDS: ClassVar[tuple[str, ...]] = (
        "boulware",
        "linear",
        "conceder",
        "time:E",
        "tit-for-tat",
        "nash",
        "random",
    )

    def create(self, view: OwnView, rng: np.random.Generator) -> Negotiator:
        make: Callable[[], Negotiator]
        if self.kind == "time":
            assert self.param is not None
            exponent = self.param
            make = lambda: TimeBased(view, rng, exponent)  # noqa: E731
        elif self.kind == "tit-for-tat":
            make = lambda: TitForTat(view, rng)  # noqa: E731
        elif self.kind == "nash":
            make = lambda: Nash(view, rng)  # noqa: E731
        else:
            make = lambda: RandomBaseline(view, rng)  # noqa: E731
        return make()


def _parse_one(text: str) -> NegotiatorSpec:
    name = text.strip().lower()
    if name in EXPONENTS:
        return NegotiatorSpec(name, "time", EXPONENTS[name])
    if name.startswith(("time:", "time-based:")):
        raw = name.partition(":")[2]
        try:
            e = float(raw)
        except ValueError:
            e = -1.0
        if not (e > 0 and e != float("inf")):
            raise UnknownReference(
                f"{text!r}: the exponent after 'time:' must be a positive number"
            )
        return NegotiatorSpec(f"time:{raw}", "time", e)
    if name in ("tit-for-tat", "tft", "titfortat"):
        return NegotiatorSpec("tit-for-tat", "tit-for-tat")
    if name in ("nash", "nash-seeking"):
        return NegotiatorSpec("nash", "nash")
    if name == "random":
        return NegotiatorSpec("random", "random")
    raise UnknownReference(
        f"unknown negotiator {text.strip()!r}; choose from {', '.join(NegotiatorSpec.KINDS)}"
    )


def parse_negotiators(text: str | list[str] | tuple[str, ...]) -> tuple[NegotiatorSpec, ...]:
    """``"boulware,conceder"`` -> specs, in order (an empty list is refused)."""
    items = text.split(",") if isinstance(text, str) else [x for t in text for x in t.split(",")]
    specs = tuple(_parse_one(x) for x in items if x.strip())
    if not specs:
        raise UnknownReference(f"name at least one negotiator: {', '.join(NegotiatorSpec.KINDS)}")
    return specs
