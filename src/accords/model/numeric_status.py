"""The status of a numeric part, derived from its signatories' values and bounds.

The rule is stated in :mod:`accords.model.numeric`; this module applies it to a
:class:`~accords.model.records.PartState`. Pure, like the rest of the model.
"""

from __future__ import annotations

from accords.model.framework import LEVELS, level_rank
from accords.model.numeric import Bound, NumericRange, admits, common_interval, position_label
from accords.model.records import LEVEL_STATUS, PartState, PartStatus

__all__ = ["candidates", "competing", "numeric_missing", "numeric_status", "positions"]

_POSITION_KINDS = ("supports", "accepts", "reserves")


def candidates(ps: PartState) -> list[str]:
    """The values on the table, first tabled first: proposals and values accepted as such."""
    out = list(ps.tabled)
    for party in ps.part.signatories:
        s = ps.stances.get(party)
        if s is None or s.option is None or s.bound is not None or s.option in out:
            continue
        if s.kind in _POSITION_KINDS:
            out.append(s.option)
    return out


def positions(ps: PartState) -> dict[str, tuple[str, Bound | None]]:
    """Each signatory's position (a value and an optional bound), where it holds one."""
    out: dict[str, tuple[str, Bound | None]] = {}
    for party in ps.part.signatories:
        s = ps.stances.get(party)
        if s is not None and s.option is not None and s.kind in _POSITION_KINDS:
            out[party] = (s.option, s.bound)
    return out


def _backers(ps: PartState, value: str, rank: int) -> tuple[str, ...]:
    """Signatories whose acceptance at level ``rank`` or higher admits ``value``."""
    return tuple(
        p
        for p in ps.part.signatories
        if (s := ps.stances.get(p)) is not None
        and s.kind == "accepts"
        and s.option is not None
        and s.level is not None
        and level_rank(s.level) >= rank
        and admits(s.option, s.bound, value)
    )


def numeric_status(ps: PartState) -> PartStatus:
    """A numeric part's provisional status (before the package rule applies)."""
    rng = ps.part.numeric
    assert rng is not None, "numeric_status is for numeric parts"
    best: PartStatus | None = None
    for value in candidates(ps):
        for level in reversed(LEVELS):
            rank = level_rank(level)
            backers = _backers(ps, value, rank)
            if ps.part.rule.satisfied(backers, ps.part.signatories):
                if best is None or (best.level is not None and level_rank(best.level) < rank):
                    best = PartStatus(LEVEL_STATUS[level], value, level, backers)
                break
    if best is not None:
        return best
    held = positions(ps)
    if len(held) >= 2 and common_interval(rng, held.values()) is None:
        return PartStatus("bracketed")
    tabled = [v for v, who in ps.tabled.items() if who]
    on_table = sorted({*tabled, *(v for v, b in held.values() if b is None)})
    if on_table or held:
        return PartStatus("proposed", on_table[0] if len(on_table) == 1 else None)
    return PartStatus("open")


def competing(ps: PartState) -> list[str]:
    """The distinct positions in words, in signatory order: what the brackets hold."""
    rng: NumericRange | None = ps.part.numeric
    assert rng is not None
    out: list[str] = []
    for value, bound in positions(ps).values():
        text = position_label(rng, value, bound)
        if text not in out:
            out.append(text)
    for value, who in ps.tabled.items():
        text = rng.label(value)
        if who and text not in out:
            out.append(text)
    return out


def _leading(ps: PartState) -> str | None:
    """The tabled value the most acceptances admit (weighted by level), first tabled first."""
    best: tuple[int, str] | None = None
    for value in candidates(ps):
        score = sum(
            1 + level_rank(s.level)
            for p in ps.part.signatories
            if (s := ps.stances.get(p)) is not None
            and s.kind == "accepts"
            and s.level is not None
            and s.option is not None
            and admits(s.option, s.bound, value)
        )
        if best is None or score > best[0]:
            best = (score, value)
    return best[1] if best else None


def _gap(ps: PartState, party: str, name: str, value: str | None) -> str | None:
    """What one signatory still owes ``value``, or ``None`` when it has confirmed it."""
    rng = ps.part.numeric
    assert rng is not None
    s = ps.stances.get(party)
    if s is None or s.kind == "silent" or s.option is None:
        return f"{name} has not accepted" if s is None or s.kind != "rejects" else f"{name} rejects"
    where = position_label(rng, s.option, s.bound)
    fits = value is not None and admits(s.option, s.bound, value)
    if s.kind == "rejects":
        return f"{name} rejects {where}"
    if s.kind == "reserves":
        return f"{name} holds a reservation: {s.note}" if s.note else f"{name} reserves"
    if not fits:
        return f"{name} {'accepts' if s.kind == 'accepts' else 'supports'} {where} instead"
    if s.kind == "supports":
        return f"{name} has tabled it but not accepted"
    if s.level != "confirmed":
        return f"{name} accepted {where} {_LEVEL_WORDS.get(s.level or '', s.level)} only"
    return None


_LEVEL_WORDS = {"principle": "in principle", "ad-ref": "ad referendum"}


def numeric_missing(ps: PartState, names: dict[str, str]) -> str:
    """What a numeric part still needs before every signatory has confirmed one value."""
    rng = ps.part.numeric
    assert rng is not None
    held = positions(ps)
    if not held and not any(ps.tabled.values()):
        return "no value tabled"
    value = _leading(ps)
    gaps = [
        g for p in ps.part.signatories if (g := _gap(ps, p, names.get(p, p), value)) is not None
    ]
    head = ", ".join(gaps)
    if value is None:
        zone = common_interval(rng, held.values())
        if zone is None:
            head = f"no value is admitted by every position; {head}"
        else:
            lo, hi = (rng.label(x) for x in zone)
            span = lo if zone[0] == zone[1] else f"{lo} to {hi}"
            head = f"no value tabled; the stances admit {span}; {head}"
    if ps.part.rule.kind != "unanimity":
        head = f"{head}; needs {ps.part.rule.describe()}"
    return f"{rng.label(value)}: {head}" if value is not None else head
