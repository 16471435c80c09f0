"""Exports for analysts: PA-X agreement-level rows, and the log, the board, the claims,
the obligations and the events on the ground as JSON or CSV.

PA-X (the Peace Agreements Database, University of Edinburgh) codes each agreement
in one row: fields such as ``Con`` (country/entity), ``Agtp`` (agreement type),
``Stage``, ``Part`` and ``ThrdPart`` (parties and third parties), and one column per
topic code. The record supplies what it knows (the agreement's name, date of
signature, parties and third parties); the scenario's ``pax`` section supplies the
codebook values and maps each part to topic codes, and a code carried by any part
of the text is written as 1, others named in the mapping as 0.

Claims come from the statements layer: :func:`statement_claims` asks ``accords.text``'s
reader of ``statement-recorded`` events for them (imported directly, when claims are
exported); :func:`register_claims_provider` adds another reader beside it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

from accords.errors import MissingExtra
from accords.model.coding import pax_coding
from accords.model.state import State

__all__ = [
    "PAX_COLUMNS",
    "ClaimsProvider",
    "board_rows",
    "claims_rows",
    "pax_table",
    "register_claims_provider",
    "statement_claims",
    "to_csv",
    "to_json",
]

#: PA-X agreement-level columns, in the codebook's order, that we write.
PAX_COLUMNS: Final = (
    "AgtId",
    "Reg",
    "Con",
    "Contp",
    "PP",
    "PPName",
    "Agt",
    "Dat",
    "Status",
    "Agtp",
    "Stage",
    "StageSub",
    "Part",
    "ThrdPart",
    "OthAgr",
)

#: ``provider(state, events) -> rows``: the claims found in statements, checked.
ClaimsProvider = Callable[[State, Sequence[Any]], list[dict[str, Any]]]


def statement_claims(state: State, events: Sequence[Any]) -> list[dict[str, Any]]:
    """The statements layer's claims: ``accords.text`` reads its ``statement-recorded`` events.

    Imported here, when claims are exported: the news reader is the heaviest part of the
    package, and an export of the log alone should not load it.
    """
    try:
        from accords.text._events import claims_rows as read_claims
    except ImportError as exc:
        raise MissingExtra(
            "no claims to export: the news reader is not installed (pip install 'accords[text]')"
        ) from exc
    return read_claims(state, events)


#: Who supplies claims: the statements layer, and any reader added beside it.
_CLAIMS: list[ClaimsProvider] = [statement_claims]


def register_claims_provider(provider: ClaimsProvider) -> None:
    """Add a reader of claims beside the statements layer's own (another reader, a test)."""
    if provider not in _CLAIMS:
        _CLAIMS.append(provider)


def claims_rows(state: State, events: Sequence[Any]) -> list[dict[str, Any]]:
    """The claims of the statements in ``events``, each with its verdict, one row each."""
    if not _CLAIMS:
        raise MissingExtra("no claims to export: no reader of statements is configured")
    rows: list[dict[str, Any]] = []
    for provider in _CLAIMS:
        rows.extend(provider(state, events))
    return rows


def _names(state: State, ids: Iterable[str]) -> str:
    return "/".join(state.parties[p].name for p in ids if p in state.parties)


def pax_table(state: State) -> tuple[list[str], dict[str, str]]:
    """The agreement as one PA-X row: its columns, and the values."""
    coding = pax_coding(state)
    row: dict[str, str] = {col: "" for col in PAX_COLUMNS}
    row["Agt"] = state.title
    if state.agreement() == "signed":
        row["Dat"] = max(state.signed.values()).isoformat()
    elif state.concluded_on is not None:
        row["Dat"] = state.concluded_on.isoformat()
    parties = [p.id for p in state.parties.values() if p.negotiates]
    signers = list(state.signed) or parties
    row["Part"] = _names(state, signers)
    row["ThrdPart"] = _names(state, (p.id for p in state.parties.values() if not p.negotiates))
    extra: list[str] = []
    for name, value in coding.fields.items():
        if name not in row:
            extra.append(name)
        if value or name not in ("Agt", "Dat", "Part", "ThrdPart"):
            row[name] = value
    codes = sorted({code for codes in coding.topics.values() for code in codes})
    carried = {code for pid, cs in coding.topics.items() if pid in state.parts for code in cs}
    for code in codes:
        row[code] = "1" if code in carried else "0"
    return [*PAX_COLUMNS, *extra, *codes], row


def board_rows(state: State) -> list[dict[str, Any]]:
    from accords.model import status_dict

    data = status_dict(state)
    return [
        {
            "negotiation": state.id,
            "as_of": data["as_of"],
            "agreement": data["agreement"],
            **part,
        }
        for part in data["parts"]
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV; nested values as JSON in their cell."""
    cols = list(columns) if columns is not None else []
    if columns is None:
        for r in rows:
            cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in cols])
    return buf.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
