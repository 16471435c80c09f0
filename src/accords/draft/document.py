"""The negotiating text as a document: what every renderer (Markdown, HTML, DOCX, PDF) draws.

Building the document is where the drafting conventions live, once: agreed text
clean; unagreed text in square brackets, alternatives side by side ``[A][B]`` with
who backs each; each passage labelled in words (never colour alone) after the legend
real drafts use; each party's reservations as numbered footnotes. Before the
package is concluded nothing is called "agreed": a passage says how far it has got.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from accords.model.clauses import (
    Clause,
    ClauseStatus,
    backers,
    clause_status,
    clauses,
)
from accords.model.numeric_status import competing
from accords.model.state import State

__all__ = [
    "LEGEND",
    "Alternative",
    "ClauseBlock",
    "Document",
    "Footnote",
    "Section",
    "build_document",
]

#: Each status, in words, as the legend and the passages say it.
LEGEND: Final[dict[str, str]] = {
    "confirmed": "agreed at negotiators' level and confirmed by principals (provisional)",
    "agreed-ad-ref": "agreed at negotiators' level, ad referendum",
    "agreed-in-principle": "agreed in principle; wording not agreed",
    "proposed": "proposed",
    "bracketed": "alternatives contested",
    "open": "text to come",
    "withdrawn": "withdrawn",
    "deferred": "deferred",
    "agreed": "agreed",
    "initialled": "agreed and initialled",
    "signed": "agreed and signed",
}

#: The legend of a draft always explains these, as real drafts' legends do.
_CORE_LEGEND: Final = frozenset({"agreed-ad-ref", "agreed-in-principle", "proposed", "bracketed"})

#: Statuses whose wording stands clean (no brackets).
CLEAN: Final = frozenset({"confirmed", "agreed-ad-ref", "agreed", "initialled", "signed"})


@dataclass(frozen=True, slots=True)
class Alternative:
    label: str
    text: str
    backed_by: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class ClauseBlock:
    """One clause as drawn: ``clean`` text, ``bracketed`` alternatives, or a bare heading."""

    id: str
    number: str
    title: str
    status: str
    label: str
    layout: str  # "clean", "bracketed", "heading", "struck"
    alternatives: tuple[Alternative, ...]
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    id: str
    title: str
    status: str
    clauses: tuple[ClauseBlock, ...]


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    as_of: str
    headline: str
    legend: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = field(default=())


def _names(state: State, ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(state.parties[p].name if p in state.parties else p for p in ids)


def _headline(state: State) -> str:
    agreement = state.agreement()
    if agreement == "signed":
        last = max(state.signed.values()).isoformat()
        return f"Signed by every party at the table (last signature {last})."
    if agreement in ("concluded", "initialled"):
        assert state.concluded_on is not None
        return f"Agreed: the package was concluded on {state.concluded_on.isoformat()}."
    return (
        "Draft. Nothing is agreed until everything is agreed: every passage below is "
        "provisional, and says how far it has got."
    )


def _block(
    state: State, clause: Clause, number: str, st: ClauseStatus, notes: list[Footnote]
) -> ClauseBlock:
    refs: list[int] = []
    for party, s in clause.stances.items():
        if s.kind == "reserves":
            n = len(notes) + 1
            who = state.parties[party].name if party in state.parties else party
            on = f" ({s.on.isoformat()})" if s.on else ""
            notes.append(Footnote(n, f"{who} reserves its position{on}: {s.note}"))
            refs.append(n)
        elif s.kind == "brackets" and st.status == "bracketed":
            n = len(notes) + 1
            who = state.parties[party].name if party in state.parties else party
            why = f": {s.note}" if s.note else ""
            notes.append(Footnote(n, f"{who} does not accept this text{why}"))
            refs.append(n)
    label = LEGEND[st.status]
    if st.status in CLEAN and st.alternative is not None:
        alt = clause.alternative(st.alternative)
        assert alt is not None
        alts: tuple[Alternative, ...] = (Alternative("", alt.text, _names(state, st.backers)),)
        return ClauseBlock(
            clause.id, number, clause.title, st.status, label, "clean", alts, tuple(refs)
        )
    if st.status == "open" or not clause.alternatives:
        return ClauseBlock(clause.id, number, clause.title, st.status, label, "heading", ())
    if st.status == "withdrawn":
        alts = tuple(
            Alternative(a.id, a.text, _names(state, a.tabled_by)) for a in clause.alternatives
        )
        return ClauseBlock(clause.id, number, clause.title, st.status, label, "struck", alts)
    alts = tuple(
        Alternative(
            a.id if len(clause.live()) > 1 else "",
            a.text,
            _names(state, backers(state, clause, a)),
            _stale_note(state, clause, a.id, a.version),
        )
        for a in clause.live()
    )
    return ClauseBlock(
        clause.id, number, clause.title, st.status, label, "bracketed", alts, tuple(refs)
    )


def _stale_note(state: State, clause: Clause, alt_id: str, version: int) -> str:
    """Say who accepted an earlier wording: their acceptance no longer counts."""
    old = [
        state.parties[p].name if p in state.parties else p
        for p, s in clause.stances.items()
        if s.kind == "accepts" and s.alternative == alt_id and s.version != version
    ]
    return f"an earlier wording was accepted by {', '.join(old)}" if old else ""


def _part_block(state: State, pid: str, number: str, notes: list[Footnote]) -> ClauseBlock | None:
    """A part with no clauses drafted: its options on the table stand for its text."""
    ps = state.parts[pid]
    st = state.part_status(pid)
    on_table = ps.on_table()
    if not on_table and not (ps.part.numeric is not None and competing(ps)):
        return None
    refs: list[int] = []
    for party, stance in ps.stances.items():
        if stance.kind == "reserves":
            n = len(notes) + 1
            on = f" ({stance.on.isoformat()})" if stance.on else ""
            notes.append(
                Footnote(
                    n, f"{_names(state, (party,))[0]} reserves its position{on}: {stance.note}"
                )
            )
            refs.append(n)

    def backing(option: str) -> tuple[str, ...]:
        who = [
            p
            for p, x in ps.stances.items()
            if x.option == option and x.kind in ("supports", "accepts", "reserves")
        ]
        who += [p for p in ps.tabled.get(option, ()) if p not in who]
        return _names(state, tuple(who))

    label = LEGEND.get(st.status, st.status)
    if ps.part.numeric is not None and not (st.status in CLEAN and st.option is not None):
        # one bracket holds the competing values: [14 months | 18 months]
        who = tuple(p for p, x in ps.stances.items() if x.option is not None)
        who += tuple(p for ws in ps.tabled.values() for p in ws if p not in who)
        alt = Alternative("", " | ".join(competing(ps)), _names(state, who))
        return ClauseBlock(pid, number, "", st.status, label, "bracketed", (alt,), tuple(refs))
    if st.status in CLEAN and st.option is not None:
        option = ps.part.option(st.option)
        text = option.text if option is not None and option.text else st.option
        alts: tuple[Alternative, ...] = (Alternative("", text, _names(state, st.backers)),)
        return ClauseBlock(pid, number, "", st.status, label, "clean", alts, tuple(refs))
    live = [o for o in ps.part.options if o.id in on_table]
    alts = tuple(
        Alternative(o.id if len(live) > 1 else "", o.text or o.id, backing(o.id)) for o in live
    )
    return ClauseBlock(pid, number, "", st.status, label, "bracketed", alts, tuple(refs))


def build_document(state: State, as_of: str = "now") -> Document:
    """The whole draft, part by part, as of the state given."""
    notes: list[Footnote] = []
    sections = []
    used: set[str] = set()
    by_part: dict[str, list[Clause]] = {}
    for clause in clauses(state):
        by_part.setdefault(clause.part, []).append(clause)
    concluded = state.agreement() != "not-agreed"
    for i, (pid, ps) in enumerate(state.parts.items(), start=1):
        blocks: list[ClauseBlock] = []
        for cl in by_part.get(pid, ()):
            st = clause_status(state, cl)
            if concluded and st.status == "withdrawn":
                continue  # the agreed text no longer shows what was dropped on the way
            used.add(st.status)
            blocks.append(_block(state, cl, f"{i}.{len(blocks) + 1}", st, notes))
        if not blocks and (block := _part_block(state, pid, f"{i}.1", notes)) is not None:
            used.add(block.status)
            blocks.append(block)
        sections.append(
            Section(i, pid, ps.part.title, state.part_status(pid).status, tuple(blocks))
        )
    shown = used if state.agreement() != "not-agreed" else used | _CORE_LEGEND
    legend = tuple((k, v) for k, v in LEGEND.items() if k in shown)
    return Document(
        title=state.title or state.id,
        as_of=as_of,
        headline=_headline(state),
        legend=legend,
        sections=tuple(sections),
        footnotes=tuple(notes),
    )
