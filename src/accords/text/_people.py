"""The people directory: who speaks for whom, as the news reader takes it.

A speaker is linked to a party in three ways, and only these:

- through a **person** the directory knows ("Zabihullah Mujahid", spelt "Zabiullah
  Mujahed", "Mullah Baradar" → the Taliban), whose party may change with the dates of
  their titles (an envoy who later speaks for someone else);
- through a **title** that implies a party ("a Taliban spokesman", "the U.S. envoy",
  "Kabul's negotiating team"): a role word with a party named in the same phrase, which
  :mod:`accords.text._speakers` reads, or an office the directory lists;
- through a named **institution** ("the State Department", "the Kremlin"): the
  directory's offices, plus a few well-known ones built in, each mapped to a party by
  the party's *name*, so they work with any negotiation that names that party.

People's names are never read as party aliases: a name the directory does not hold
keeps the name and gets a party only where the text says it.

The directory is plain data (:meth:`Directory.from_mapping` reads the ``people:`` and
``offices:`` lists of a YAML or JSON file); :func:`directory_for` is the seam that will
build it from the negotiation's record once people are part of it, and returns an
empty directory today.

    people:
      - name: Zabihullah Mujahid
        party: taliban
        spellings: [Zabiullah Mujahed, Zabihullah Mujahed]
        titles:
          - {title: Taliban spokesman, from: 2007-01-01}
    offices:
      - {words: State Department, party: united-states}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accords.errors import ScenarioError
from accords.model.people import Title
from accords.text._parties import PartyMatcher

__all__ = [
    "BUILT_IN_OFFICES",
    "DEMONYMS",
    "Directory",
    "Linker",
    "Office",
    "PersonRef",
    "Title",
    "directory_for",
    "load_directory",
]

_HONORIFICS = r"(?:Mr|Mrs|Ms|Dr|Gen|General|Mullah|Maulvi|Sheikh|Sir|President|Minister)\.?"

#: Institutions whose party is plain from the name of the state they belong to. Mapped
#: to a party *name*: they apply only where the negotiation has a party of that name.
BUILT_IN_OFFICES: tuple[tuple[str, str], ...] = (
    ("State Department", "United States"),
    ("Pentagon", "United States"),
    ("White House", "United States"),
    ("Kremlin", "Russia"),
    ("Downing Street", "United Kingdom"),
    ("Foreign Office", "United Kingdom"),
    ("Elysee", "France"),
    ("Arg Palace", "Afghan government"),
    ("Presidential Palace", "Afghan government"),
)

#: Adjectives of states: "the Turkish President" speaks for Turkey, "the Afghan
#: President" for the Afghan government. Tried as "<adjective> government", then the state.
DEMONYMS: tuple[tuple[str, str], ...] = (
    ("American", "United States"),
    ("Afghan", "Afghanistan"),
    ("British", "United Kingdom"),
    ("Chinese", "China"),
    ("Colombian", "Colombia"),
    ("Eritrean", "Eritrea"),
    ("Ethiopian", "Ethiopia"),
    ("French", "France"),
    ("German", "Germany"),
    ("Indian", "India"),
    ("Iranian", "Iran"),
    ("Israeli", "Israel"),
    ("Pakistani", "Pakistan"),
    ("Palestinian", "Palestine"),
    ("Qatari", "Qatar"),
    ("Russian", "Russia"),
    ("Saudi", "Saudi Arabia"),
    ("Sudanese", "Sudan"),
    ("Turkish", "Turkey"),
    ("Ukrainian", "Ukraine"),
)
_STATE_OFFICE = re.compile(
    r"\b(?:president|prime minister|minister|ministry|foreign minister|government|"
    r"army|military|forces|spokes(?:man|woman|person)|envoy|ambassador|official|officials|"
    r"negotiator|delegation|chief of staff|secretary|embassy|authorities)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A public figure: name, other spellings, the party spoken for, titles with dates."""

    name: str
    party: str | None = None
    spellings: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()

    def party_on(self, day: date | None) -> str | None:
        """The party spoken for on ``day``: a dated title's own party, else the person's."""
        return next((t.party for t in self.titles if t.party and t.holds_on(day)), self.party)

    def titles_on(self, day: date | None) -> list[str]:
        return [t.title for t in self.titles if t.holds_on(day)]


@dataclass(frozen=True, slots=True)
class Office:
    """Words naming a title or an institution that speaks for one party."""

    words: str
    party: str


def _key(name: str) -> str:
    """A name folded for lookup: no honorific, no possessive, lower case, one space."""
    name = re.sub(r"['\u2019]s?$", "", name.strip())
    name = re.sub(rf"^(?:{_HONORIFICS}\s+)+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).lower()


@dataclass(frozen=True)
class Directory:
    """People and offices the reader links speakers through; empty means none known."""

    people: tuple[PersonRef, ...] = ()
    offices: tuple[Office, ...] = ()
    _names: dict[str, PersonRef] = field(default_factory=dict, init=False, repr=False)
    _surnames: dict[str, list[PersonRef]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for person in self.people:
            for spelling in (person.name, *person.spellings):
                key = _key(spelling)
                if not key:
                    continue
                self._names.setdefault(key, person)
                self._surnames.setdefault(key.split()[-1], []).append(person)

    def __bool__(self) -> bool:
        return bool(self.people or self.offices)

    def person(self, name: str) -> PersonRef | None:
        """The person a name (full, a known spelling, or a surname alone) refers to.

        A surname alone answers only when one person in the directory bears it: two
        people called Abdullah make "Abdullah" nobody in particular.
        """
        key = _key(name)
        if not key:
            return None
        if key in self._names:
            return self._names[key]
        words = key.split()
        # the record's people and a --people file may list one person twice: one name
        found = {_key(p.name): p for p in self._surnames.get(words[-1], [])}
        if len(found) == 1:
            (only,) = found.values()
            return only
        return None

    def office_party(self, text: str) -> str | None:
        """The party of the first office listed whose words occur in ``text``."""
        low = text.lower()
        for office in self.offices:
            if re.search(rf"\b{re.escape(office.words.lower())}\b", low):
                return office.party
        return None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "people") -> Directory:
        """A directory from parsed YAML/JSON; a bad entry names the file and the field."""
        people = tuple(
            _person(p, source, f"people[{i}]") for i, p in enumerate(_list(data, "people", source))
        )
        offices = tuple(
            _office(o, source, f"offices[{i}]")
            for i, o in enumerate(_list(data, "offices", source))
        )
        return cls(people, offices)


def _list(data: Mapping[str, Any], key: str, source: str) -> Sequence[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ScenarioError(source, key, "must be a list")
    return value


def _text(entry: Mapping[str, Any], key: str, source: str, path: str, need: bool) -> str | None:
    value = entry.get(key)
    if value is None and not need:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(source, f"{path}.{key}", "must be a non-empty string")
    return value.strip()


def _day(value: Any, source: str, path: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ScenarioError(source, path, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _person(entry: Any, source: str, path: str) -> PersonRef:
    if not isinstance(entry, Mapping):
        raise ScenarioError(source, path, "must be a mapping with a name")
    spellings = entry.get("spellings") or []
    if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
        raise ScenarioError(source, f"{path}.spellings", "must be a list of names")
    titles = []
    for j, t in enumerate(entry.get("titles") or []):
        where = f"{path}.titles[{j}]"
        if isinstance(t, str):
            t = {"title": t}
        if not isinstance(t, Mapping):
            raise ScenarioError(source, where, "must be a title or a mapping with one")
        titles.append(
            Title(
                _text(t, "title", source, where, True) or "",
                _day(t.get("from"), source, f"{where}.from"),
                _day(t.get("to"), source, f"{where}.to"),
                _text(t, "party", source, where, False),
            )
        )
    return PersonRef(
        _text(entry, "name", source, path, True) or "",
        _text(entry, "party", source, path, False),
        tuple(spellings),
        tuple(titles),
    )


def _office(entry: Any, source: str, path: str) -> Office:
    if not isinstance(entry, Mapping):
        raise ScenarioError(source, path, "must be a mapping with words and a party")
    return Office(
        _text(entry, "words", source, path, True) or "",
        _text(entry, "party", source, path, True) or "",
    )


def load_directory(path: str | Path) -> Directory:
    """A directory from a YAML or JSON file with ``people:`` and ``offices:`` lists."""
    import yaml

    source = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(source, "", f"cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ScenarioError(source, "", f"is not valid YAML or JSON: {exc}") from None
    if data is None:
        return Directory()
    if not isinstance(data, Mapping):
        raise ScenarioError(source, "", "must hold a mapping with people: and offices:")
    return Directory.from_mapping(data, source)


def directory_for(negotiation: object) -> Directory:
    """The people directory of a negotiation's record: the seam for people in the record.

    The record's people (name, spellings, titles with dates, the party spoken for)
    become the directory in :mod:`accords.text._directory`; a negotiation with no record
    (a bare party list) gives an empty one.
    """
    from accords.text._directory import directory_for as from_record

    return from_record(negotiation)


class Linker:
    """Links a speaker to a party for one negotiation: person, then title, then institution.

    Built once per reader from the directory and the party matcher (the built-in
    institutions resolve to a party by the party's name, so "the Kremlin" means nothing
    in a negotiation without Russia).
    """

    def __init__(self, directory: Directory, parties: PartyMatcher) -> None:
        self.directory = directory
        self._parties = parties
        first_party = parties.first
        self._first_party = first_party
        offices = [(o.words, o.party) for o in directory.offices]
        adjectives: list[tuple[str, str]] = []
        for adjective, state in DEMONYMS:
            party = first_party(f"{adjective} government") or first_party(state)
            if party is not None:
                adjectives.append((adjective, party))
        governments = [p.id for p in parties.parties.values() if "government" in p.name.lower()]
        if len(governments) == 1:
            # "the chief government negotiator": the one party that is a government
            adjectives.append(("government", governments[0]))
        self._adjectives = [
            (re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE), party) for w, party in adjectives
        ]
        for words, party_name in BUILT_IN_OFFICES:
            party = first_party(party_name)
            if party is not None:
                offices.append((words, party))
        self._offices = [
            (re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE), party) for w, party in offices
        ]

    def person(self, name: str) -> PersonRef | None:
        return self.directory.person(name) if self.directory else None

    def office(self, text: str) -> str | None:
        """The party of an institution or listed office named in ``text``, or of a state
        office qualified by a state's adjective ("the Turkish President")."""
        for pattern, party in self._offices:
            if pattern.search(text):
                return party
        if _STATE_OFFICE.search(text):
            for pattern, party in self._adjectives:
                if pattern.search(text):
                    return party
        return None

    def party(self, name: str, titles: Sequence[str], day: date | None) -> str | None:
        """The party a person speaks for: the directory's, else their titles' (a party or
        an institution named in them); never the name read as a party alias."""
        known = self.person(name)
        if known is not None:
            party = known.party_on(day)
            if party is not None:
                return party
            titles = [*titles, *known.titles_on(day)]
        for title in titles:
            found = self._first_party(title) or self.office(title)
            if found is not None:
                return str(found)
        return None
