"""Scripted negotiators and a recorder, to check the protocols' rules from outside."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from accords.simulate import Negotiator, OwnView


class Never(Negotiator):
    """Offers its best package and accepts nothing."""

    def propose(self, t: float) -> int:
        return self.ranked[-1] if self.ranked else -1

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        return False


class Always(Negotiator):
    """Offers its best package and accepts anything."""

    def propose(self, t: float) -> int:
        return self.ranked[-1] if self.ranked else -1

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        return True


@dataclass
class Log:
    """Every turn in order: (position, "offer" | "accept" | "reject", row)."""

    turns: list[tuple[int, str, int]] = field(default_factory=list)


class Recorder(Negotiator):
    """Wraps a negotiator and writes each of its moves to a shared log."""

    def __init__(self, inner: Negotiator, log: Log) -> None:
        super().__init__(inner.view, inner.rng)
        self.inner = inner
        self.log = log
        self.k = inner.view.position

    def propose(self, t: float) -> int:
        row = self.inner.propose(t)
        self.log.turns.append((self.k, "offer", row))
        return row

    def respond(self, t: float, offer: int, proposer: int) -> bool:
        ok = self.inner.respond(t, offer, proposer)
        self.log.turns.append((self.k, "accept" if ok else "reject", offer))
        return ok

    def prefers(self, a: int, b: int) -> bool:
        return self.inner.prefers(a, b)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def make(cls: type[Negotiator], view: OwnView) -> Negotiator:
    return cls(view, rng())
