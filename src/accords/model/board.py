"""The status board in words: where each part stands, and what is still missing.

Pure functions of the state, shared by the CLI, the JSON output and the pages,
so every path says the same thing. Before conclusion nothing here calls a part
"agreed": it says how far the part has got.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accords.model.framework import level_rank
from accords.model.numeric import position_label
from accords.model.numeric_status import numeric_missing
from accords.model.state import PartState, State

__all__ = ["PartRow", "board", "missing_for", "package_line", "status_dict"]

_LEVEL_WORDS = {"principle": "in principle", "ad-ref": "ad referendum", "confirmed": "confirmed"}


@dataclass(frozen=True, slots=True)
class PartRow:
    id: str
    title: str
    status: str
    option: str | None
    stances: dict[str, str]
    missing: str
    #: The option as a reader sees it: a numeric part's value with its unit (``14 months``).
    label: str | None = None


def _name(state: State, party: str) -> str:
    p = state.parties.get(party)
    return p.name if p else party


def stance_word(ps: PartState, party: str) -> str:
    """A stance as one short phrase: ``accepts withdrawal:14-months (ad-ref)``."""
    s = ps.stances.get(party)
    if s is None or s.kind == "silent":
        return "silent"
    what = s.option
    if ps.part.numeric is not None and s.option is not None:
        what = position_label(ps.part.numeric, s.option, s.bound)
    if s.kind == "accepts":
        return f"accepts {what} ({s.level})"
    if s.kind == "reserves":
        return f"reserves on {what}" if s.option else "reserves"
    if s.kind == "rejects":
        return f"rejects {what}" if s.option else "rejects"
    return f"supports {what}"


def _leading_option(ps: PartState) -> str | None:
    """The option closest to agreement: most acceptances, weighted by level, then most backers."""
    score: dict[str, tuple[int, int]] = {}
    for party, s in ps.stances.items():
        if party not in ps.part.signatories or s.option is None:
            continue
        acc, back = score.get(s.option, (0, 0))
        if s.kind == "accepts" and s.level is not None:
            acc += 1 + level_rank(s.level)
        if s.kind in ("accepts", "supports", "reserves"):
            back += 1
        score[s.option] = (acc, back)
    for option, who in ps.tabled.items():
        if who:
            acc, back = score.get(option, (0, 0))
            score[option] = (acc, back + len(who))
    if not score:
        return None
    return max(sorted(score), key=lambda o: score[o])


def missing_for(state: State, part_id: str) -> str:
    """What the part still needs before every signatory has confirmed one option."""
    ps = state.parts[part_id]
    status = state.part_status(part_id)
    if status.status in ("agreed", "initialled", "signed"):
        return ""
    if ps.deferred:
        return "deferred"
    if status.status == "confirmed":
        return ""
    if ps.part.numeric is not None:
        return numeric_missing(ps, {p: _name(state, p) for p in ps.part.signatories})
    if not ps.on_table():
        return "no option tabled"
    option = _leading_option(ps)
    gaps: list[str] = []
    holdouts: list[str] = []
    for party in ps.part.signatories:
        s = ps.stances.get(party)
        name = _name(state, party)
        if s is None or (s.kind in ("silent", "supports") and s.option != option):
            gaps.append(f"{name} has not accepted")
        elif s.kind == "supports":
            gaps.append(f"{name} has tabled it but not accepted")
        elif s.kind == "rejects":
            gaps.append(f"{name} rejects it")
        elif s.kind == "reserves":
            gaps.append(f"{name} holds a reservation: {s.note}" if s.note else f"{name} reserves")
        elif s.option != option:
            gaps.append(f"{name} accepts {s.option} instead")
        elif s.level != "confirmed":
            gaps.append(f"{name} accepted {_LEVEL_WORDS.get(s.level or '', s.level)} only")
        else:
            continue
        holdouts.append(party)
    accepted_any = any(s.kind == "accepts" for s in ps.stances.values())
    if not accepted_any and len(gaps) == len(ps.part.signatories):
        head = "no option accepted"
    else:
        head = ", ".join(gaps)
    if ps.part.rule.kind != "unanimity":
        head = f"{head}; needs {ps.part.rule.describe()}"
    if option and accepted_any:
        return f"{option}: {head}"
    return head


def board(state: State) -> list[PartRow]:
    rows = []
    for pid, ps in state.parts.items():
        st = state.part_status(pid)
        rows.append(
            PartRow(
                id=pid,
                title=ps.part.title,
                status=st.status,
                option=st.option,
                stances={p: stance_word(ps, p) for p in ps.part.signatories},
                missing=missing_for(state, pid),
                label=ps.part.label(st.option) if st.option is not None else None,
            )
        )
    return rows


def package_line(state: State) -> str:
    """One sentence on the package, e.g. ``Nothing is agreed: 2 of 4 parts confirmed …``."""
    agreement = state.agreement()
    parties = state.negotiating_parties()
    if agreement == "signed":
        last = max(state.signed.values())
        return f"Signed: every party signed the package (last signature {last.isoformat()})."
    if agreement in ("concluded", "initialled"):
        assert state.concluded_on is not None
        pending = [_name(state, p) for p in parties if p not in state.signed]
        verb = "initialled" if agreement == "initialled" else "concluded"
        return (
            f"Agreed: the package was concluded on {state.concluded_on.isoformat()}"
            f"{' and initialled' if verb == 'initialled' else ''}; "
            f"not yet signed by {', '.join(pending)}."
        )
    total = len(state.parts)
    if total == 0:
        return "Nothing is agreed: the framework has no parts yet."
    package = state.package()
    done = len(package)
    head = f"Nothing is agreed: {done} of {total} parts confirmed by all their signatories"
    if done < total:
        missing = []
        for pid, ps in state.parts.items():
            if pid not in package:
                missing.append(f"{ps.part.title} ({missing_for(state, pid)})")
        return f"{head}; missing: {'; '.join(missing)}."
    broken = state.broken_linkages(package)
    if broken:
        return f"{head}, but the package breaks {'; '.join(b.describe() for b in broken)}."
    waiting = [_name(state, p) for p in parties if p not in state.confirmations]
    return f"{head}; the package awaits confirmation by {', '.join(waiting)}."


def _stance_detail(ps: PartState, party: str) -> dict[str, Any]:
    s = ps.stances.get(party)
    if s is None:
        return {"stance": "silent"}
    out: dict[str, Any] = {
        "stance": s.kind,
        "option": s.option,
        "level": s.level,
        "bound": s.bound,
    }
    if s.note:
        out["note"] = s.note
    if s.on is not None:
        out["on"] = s.on.isoformat()
    return {k: v for k, v in out.items() if v is not None}


def status_dict(state: State) -> dict[str, Any]:
    """The machine-readable board, as ``accords status --json`` prints it."""
    return {
        "negotiation": state.id,
        "title": state.title,
        "agreement": state.agreement(),
        "summary": package_line(state),
        "as_of": state.last_on.isoformat() if state.last_on else None,
        "events": state.events,
        "concluded_on": state.concluded_on.isoformat() if state.concluded_on else None,
        "confirmations": {p: d.isoformat() for p, d in state.confirmations.items()},
        "signatures": {p: d.isoformat() for p, d in state.signed.items()},
        "framework_accepted_by": sorted(state.framework_accepted),
        "parts": [
            {
                "id": row.id,
                "title": row.title,
                "status": row.status,
                "option": row.option,
                "stances": {
                    p: (s.kind if (s := state.parts[row.id].stances.get(p)) else "silent")
                    for p in row.stances
                },
                "stance_details": {p: _stance_detail(state.parts[row.id], p) for p in row.stances},
                "missing": row.missing,
            }
            for row in board(state)
        ],
    }
