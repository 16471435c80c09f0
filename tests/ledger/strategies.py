"""Hypothesis strategies for the ledger's tests, gathered in one place."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from accords.ledger import NewEvent

# Any Unicode scalar value: no lone surrogates, which UTF-8 cannot hold.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
)

json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)

payloads: st.SearchStrategy[dict[str, Any]] = st.dictionaries(text, json_values, max_size=5)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))

new_events: st.SearchStrategy[NewEvent] = st.builds(
    NewEvent,
    # NUL is refused in names: PostgreSQL text cannot hold it.
    type=st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=12
    ),
    payload=payloads,
    occurred_on=dates,
    recorded_by=st.sampled_from(["cli", "mediator", "Délégation", "ingest:news"]),
)

# Every column a store keeps for an event, all of them covered by the chain.
COLUMNS = (
    "negotiation",
    "seq",
    "type",
    "payload",
    "recorded_by",
    "occurred_on",
    "recorded_at",
    "prev_hash",
    "hash",
)
