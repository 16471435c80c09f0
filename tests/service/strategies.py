"""Hypothesis strategies for the server's tests: moves as an API client would send them."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

PARTIES = ("taliban", "united-states", "afghan-government", "qatar")
PARTS = {
    "counter-terrorism": ("guarantees",),
    "withdrawal": ("full-withdrawal-timeline", "conditions-based-drawdown"),
    "intra-afghan-negotiations": ("after-us-deal", "direct-now"),
    "ceasefire": ("six-month", "permanent-comprehensive"),
}
PART_MOVES = ("propose", "accept", "reject", "reserve", "withdraw", "reopen", "defer")
PACKAGE_MOVES = ("confirm", "accept-framework")


@st.composite
def moves(draw: st.DrawFn) -> dict[str, Any]:
    """One move body for POST /moves, valid in shape; the rules may still refuse it."""
    kind = draw(st.sampled_from(PART_MOVES + PACKAGE_MOVES))
    body: dict[str, Any] = {"move": kind, "by": draw(st.sampled_from(PARTIES))}
    if kind in PART_MOVES:
        part = draw(st.sampled_from(sorted(PARTS)))
        body["part"] = part
        if kind in ("propose", "accept") or (kind == "reject" and draw(st.booleans())):
            body["option"] = draw(st.sampled_from(PARTS[part] + ("nope",)))
        if kind == "accept":
            body["level"] = draw(st.sampled_from(("principle", "ad-ref", "confirmed")))
    if kind == "reserve" or draw(st.booleans()):
        body["note"] = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12))
    if draw(st.integers(0, 4)) == 0:
        body["round"] = draw(st.integers(1, 8))
    return body
