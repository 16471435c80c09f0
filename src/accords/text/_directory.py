"""The news reader's people directory, built from the people in the record.

:mod:`accords.model.people` holds the public figures of a negotiation (name, other
spellings, honorifics, the party spoken for, titles with dates and institutions).
The reader's :class:`~accords.text._people.Directory` links a speaker to a party
through them: "Zabihullah Mujahid" (or "Zabiullah Mujahed", or "Mujahid" alone
where only one person bears the name) → the Taliban; a person whose party changes
with a dated title speaks for the title's party then; an institution a title names
("the Taliban political office", "the High Council for National Reconciliation")
speaks for that title's party wherever the text names it. People's names never
become party aliases.

:func:`directory_data` writes the directory as the plain data
:meth:`Directory.from_mapping` reads (``people:`` and ``offices:``), so the model
and the reader meet in one documented shape; :func:`directory_for` is the seam
``accords ingest`` and the benchmarks call with the negotiation they read against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accords.model import people as pp
from accords.text._people import Directory

if TYPE_CHECKING:
    from accords.model.state import State

__all__ = ["directory_data", "directory_for", "state_of"]


def _spellings(p: pp.Person) -> list[str]:
    """Every other spelling, and the name with each honorific ("Mawlawi Abdul Hakim Haqqani"):
    the reader strips a fixed list of honorifics, and the record may use others."""
    out = list(p.spellings)
    for h in p.honorifics:
        for name in p.names():
            if not name.casefold().startswith(h.casefold() + " "):
                out.append(f"{h} {name}")
    seen: set[str] = {p.name.casefold()}
    unique = []
    for s in out:
        if s.casefold() not in seen:
            seen.add(s.casefold())
            unique.append(s)
    return unique


def _titles(p: pp.Person) -> list[dict[str, Any]]:
    out = []
    for t in p.titles:
        entry: dict[str, Any] = {"title": t.title, "from": t.start, "to": t.end}
        if t.party:
            entry["party"] = t.party
        out.append(entry)
    return out


def _offices(people: list[pp.Person]) -> list[dict[str, str]]:
    """Institutions the titles name, each with the party it speaks for; one named for two
    parties says nothing about either, and is left out."""
    found: dict[str, set[str]] = {}
    words: dict[str, str] = {}
    for p in people:
        for t in p.titles:
            party = t.party or p.party
            if t.institution and party:
                key = t.institution.casefold()
                words.setdefault(key, t.institution)
                found.setdefault(key, set()).add(party)
    return [
        {"words": words[key], "party": next(iter(parties))}
        for key, parties in found.items()
        if len(parties) == 1
    ]


def directory_data(state: State) -> dict[str, Any]:
    """The record's people as ``{"people": [...], "offices": [...]}`` for
    :meth:`~accords.text._people.Directory.from_mapping`."""
    people = pp.people(state)
    entries = []
    for p in people:
        entry: dict[str, Any] = {"name": p.name, "spellings": _spellings(p), "titles": _titles(p)}
        if p.party:
            entry["party"] = p.party
        entries.append(entry)
    return {"people": entries, "offices": _offices(people)}


def state_of(negotiation: object) -> State | None:
    """The folded state behind what the reader was given: a
    :class:`~accords.text._adapter.RecordNegotiation` (its record and id), a state, or
    anything else (no record: no people)."""
    from accords.model.state import State

    if isinstance(negotiation, State):
        return negotiation
    record, nid = getattr(negotiation, "record", None), getattr(negotiation, "id", None)
    if record is not None and isinstance(nid, str):
        state = record.state(nid)
        return state if isinstance(state, State) else None
    return None


def directory_for(negotiation: object) -> Directory:
    """The reader's people directory for ``negotiation`` (empty where it has no record)."""
    state = state_of(negotiation)
    if state is None:
        return Directory()
    return Directory.from_mapping(directory_data(state), source=f"record of {state.id}")
