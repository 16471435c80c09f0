"""Verdicts: each claim against the record as of the statement's date.

``supported``: the record shows what the claim says. ``premature``: the claim calls
agreed what is at most provisionally accepted; under the package rule nothing is
agreed until the whole package is concluded. ``contradicted``: the record shows
otherwise. ``unverifiable``: the record holds nothing either way. The reason is one
line that cites the record: the part, its status, who, and the date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from accords.text._record import PartRecord, RecordView

__all__ = ["AGREED_STATES", "PROVISIONAL", "VERDICTS", "Verdict", "judge"]

VERDICTS = ("supported", "premature", "contradicted", "unverifiable")
#: Part statuses that are agreement on the way, not agreement: the package rule holds them.
PROVISIONAL = ("agreed-in-principle", "agreed-ad-ref", "confirmed")
#: Statuses a part reaches only through the concluded package.
AGREED_STATES = ("agreed", "initialled", "signed", "implementing", "implemented")
_LEVEL_WORDS = {
    "agreed-in-principle": "agreed in principle",
    "agreed-ad-ref": "agreed in draft",
    "confirmed": "confirmed by principals",
}
_STANCE_LEVEL = {
    "in-principle": "agreed-in-principle",
    "principle": "agreed-in-principle",
    "ad-ref": "agreed-ad-ref",
    "ad-referendum": "agreed-ad-ref",
    "confirmed": "confirmed",
}
_CONCLUDED = ("concluded", "signed", "initialled", "implementing", "implemented")


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    reason: str


def _day(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else "an undated event"


def _and(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _progress(
    label: str, rec: PartRecord, name: Callable[[str], str], order: Mapping[str, int]
) -> str:
    """``withdrawal: agreed in draft by US and Taliban on 12 March 2019``."""
    if rec.status in _LEVEL_WORDS:
        backers = sorted(rec.supporters(), key=lambda s: (order.get(s.party, len(order)), s.party))
        who = _and([name(s.party) for s in backers])
        dates = [s.on for s in backers if s.on is not None]
        when = max(dates) if dates else rec.since
        by = f" by {who}" if who else ""
        return f"{label}: {_LEVEL_WORDS[rec.status]}{by} on {_day(when)}"
    if rec.status in ("proposed", "bracketed"):
        what = (
            "proposed, without the backing of every signatory"
            if rec.status == "proposed"
            else ("bracketed: the signatories back different options")
        )
        return f"{label}: {what}"
    return f"{label}: {rec.status}"


def _package(record: RecordView) -> str:
    if record.package in _CONCLUDED:
        return f"the package was {record.package} on {_day(record.package_on)}"
    return "the package is not concluded"


def judge(
    part: str | None,
    asserts: str,
    party: str | None,
    record: RecordView,
    names: Callable[[str], str | None] = str,
    part_title: Callable[[str], str | None] = str,
    order: Mapping[str, int] | None = None,
    level: str | None = None,
) -> Verdict:
    """The verdict on one claim; ``party`` is the party whose move it reports, if named.

    ``level`` is how far a qualified claim says the part got ("agreed in principle":
    ``agreed-in-principle``); it is held against the part's status, not the package.
    """
    order = order or {}

    def name(party: str) -> str:
        return names(party) or party

    if record.events == 0:
        when = f" as of {_day(record.as_of)}" if record.as_of else ""
        return Verdict("unverifiable", f"the record holds no events{when}")
    concluded = record.package in _CONCLUDED
    if asserts == "framework-accepted":
        return _judge_framework(party, record, name)
    if part is None:
        return _judge_package(asserts, record, concluded)
    label = part_title(part) or part
    rec = record.parts.get(part, PartRecord(part))
    if asserts == "agreed":
        if rec.status in AGREED_STATES or concluded:
            return Verdict("supported", f"{label}: {rec.status}; {_package(record)}")
        if rec.status in PROVISIONAL:
            return Verdict("premature", f"{_progress(label, rec, name, order)}; {_package(record)}")
        return Verdict("contradicted", f"{_progress(label, rec, name, order)}; {_package(record)}")
    if asserts == "not-agreed":
        if rec.status in AGREED_STATES or concluded:
            return Verdict("contradicted", f"{label}: {rec.status}; {_package(record)}")
        return Verdict("supported", f"{_progress(label, rec, name, order)}; {_package(record)}")
    if asserts == "accepted" and level in PROVISIONAL:
        return _judge_level(label, rec, level, concluded, record, name, order)
    if party is None and asserts == "accepted":
        # "agreed in draft", "accepted" with no party named: how far the part has got
        if rec.status in PROVISIONAL or rec.status in AGREED_STATES:
            return Verdict("supported", f"{_progress(label, rec, name, order)}; {_package(record)}")
        return Verdict("unverifiable", f"{_progress(label, rec, name, order)}")
    return _judge_stance(label, rec, asserts, party, name)


def _judge_framework(party: str | None, record: RecordView, name: Callable[[str], str]) -> Verdict:
    """A claim that a party accepted the framework, against its acceptances and rejections."""
    who = name(party) if party else "the party"
    if party is not None and party in record.framework_accepted:
        return Verdict(
            "supported",
            f"framework: accepted by {who} on {_day(record.framework_accepted[party])}",
        )
    if party is not None and party in record.framework_rejected:
        return Verdict(
            "contradicted",
            f"framework: rejected by {who} on {_day(record.framework_rejected[party])}",
        )
    return Verdict("unverifiable", f"framework: the record holds no acceptance by {who}")


def _judge_stance(
    label: str, rec: PartRecord, asserts: str, party: str | None, name: Callable[[str], str]
) -> Verdict:
    """A claim about one party's move on a part, against that party's last stance on it."""
    stance = rec.stance_of(party)
    who = name(party) if party else "the party named"
    if stance is None:
        if asserts in ("offered", "demanded") and party in rec.proposed_by:
            return Verdict("supported", f"{label}: proposed by {who}")
        return Verdict("unverifiable", f"{label}: the record holds no stance of {who}")
    level = _LEVEL_WORDS.get(_STANCE_LEVEL.get(stance.level or "", ""), "")
    held = (
        f"{label}: {who} {stance.stance}"
        + (f" ({level})" if level else "")
        + f" since {_day(stance.on)}"
    )
    positive = stance.backs
    if asserts == "rejected":
        if stance.stance == "rejects":
            return Verdict("supported", held)
        return Verdict("contradicted" if positive else "unverifiable", held)
    # accepted, offered, demanded: the party backs the part
    if positive:
        return Verdict("supported", held)
    if stance.stance == "rejects":
        return Verdict("contradicted", held)
    return Verdict("unverifiable", held)


def _judge_package(asserts: str, record: RecordView, concluded: bool) -> Verdict:
    provisional = sorted(p for p, r in record.parts.items() if r.status in PROVISIONAL)
    if asserts == "agreed":
        if concluded:
            return Verdict("supported", _package(record))
        if provisional:
            return Verdict(
                "premature",
                f"package: {len(provisional)} of {len(record.parts)} parts provisionally agreed; "
                f"{_package(record)}",
            )
        return Verdict("contradicted", f"package: no part is agreed; {_package(record)}")
    if asserts == "not-agreed":
        if concluded:
            return Verdict("contradicted", _package(record))
        return Verdict("supported", f"package: {_package(record)}")
    return Verdict("unverifiable", f"package: the record does not track {asserts} for the package")


def _judge_level(
    label: str,
    rec: PartRecord,
    level: str,
    concluded: bool,
    record: RecordView,
    name: Callable[[str], str],
    order: Mapping[str, int],
) -> Verdict:
    """A claim of a level ("agreed in draft"): supported when the part got at least that far.

    "Agreed in principle" of a part the record has at ad-ref is true (ad-ref is further);
    "agreed in draft" of a part only agreed in principle claims more than the record holds.
    """
    progress = f"{_progress(label, rec, name, order)}; {_package(record)}"
    if concluded or rec.status in AGREED_STATES:
        return Verdict("supported", f"{label}: {rec.status}; {_package(record)}")
    if rec.status in PROVISIONAL:
        if PROVISIONAL.index(rec.status) >= PROVISIONAL.index(level):
            return Verdict("supported", progress)
        return Verdict("contradicted", f"{progress} (claimed: {_LEVEL_WORDS[level]})")
    return Verdict("contradicted", f"{progress} (claimed: {_LEVEL_WORDS[level]})")
