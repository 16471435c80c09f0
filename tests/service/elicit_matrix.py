"""The confidentiality matrix's rows for elicitation and facilitation (accords.service.elicit_api).

Kept beside the matrix so that the routes' rows merge without touching its table: the
matrix adds these, and its own test fails when a route has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .conftest import NID

PARTIES = ("taliban", "united-states", "afghan-government", "qatar", "nobody")
A = {
    "counter-terrorism": "guarantees",
    "withdrawal": "conditions-based-drawdown",
    "intra-afghan-negotiations": "after-us-deal",
    "ceasefire": "six-month",
}
B = {**A, "ceasefire": "permanent-comprehensive"}
E = f"/api/negotiations/{NID}/elicitation"


def rows(call: Callable[..., Any]) -> dict[tuple[str, str], Callable[[str], list[Any]]]:
    """The rows, built with the matrix's ``Call``."""
    answer = {"comparisons": [{"better": A, "worse": B}]}
    form = {"csrf": "FORM"}
    return {
        ("GET", "/api/negotiations/{nid}/elicitation/{party}"): lambda v: [
            call("GET", f"{E}/{p}") for p in PARTIES
        ],
        ("GET", "/api/negotiations/{nid}/elicitation/{party}/fit"): lambda v: [
            call("GET", f"{E}/{p}/fit") for p in PARTIES
        ],
        ("GET", "/api/negotiations/{nid}/elicitation/{party}/next"): lambda v: [
            call("GET", f"{E}/{p}/next") for p in PARTIES
        ],
        ("POST", "/api/negotiations/{nid}/elicitation/{party}/answers"): lambda v: [
            call("POST", f"{E}/{p}/answers", answer) for p in PARTIES
        ],
        ("PUT", "/api/negotiations/{nid}/elicitation/{party}/blind"): lambda v: [
            call("PUT", f"{E}/{p}/blind", {"least": 0.5}) for p in PARTIES
        ],
        ("GET", "/api/negotiations/{nid}/facilitation/improve"): lambda v: [
            call("GET", f"/api/negotiations/{NID}/facilitation/improve")
        ],
        ("GET", "/api/negotiations/{nid}/facilitation/blind"): lambda v: [
            call("GET", f"/api/negotiations/{NID}/facilitation/blind")
        ],
        ("GET", "/n/{nid}/elicit/{party}"): lambda v: [
            call("GET", f"/n/{NID}/elicit/{p}") for p in PARTIES
        ],
        ("POST", "/n/{nid}/elicit/{party}/compare"): lambda v: [
            call(
                "POST",
                f"/n/{NID}/elicit/{p}/compare",
                data={**form, "a": _json(A), "b": _json(B), "choice": "a"},
            )
            for p in PARTIES
        ],
        ("POST", "/n/{nid}/elicit/{party}/rate"): lambda v: [
            call(
                "POST",
                f"/n/{NID}/elicit/{p}/rate",
                data={**form, "card-0": _json(A), "rating-0": "70"},
            )
            for p in PARTIES
        ],
        ("POST", "/n/{nid}/elicit/{party}/direct"): lambda v: [
            call("POST", f"/n/{NID}/elicit/{p}/direct", data={**form, "split-ceasefire": "100"})
            for p in PARTIES
        ],
        ("POST", "/n/{nid}/elicit/{party}/blind"): lambda v: [
            call("POST", f"/n/{NID}/elicit/{p}/blind", data={**form, "least": "40"})
            for p in PARTIES
        ],
    }


def _json(package: dict[str, str]) -> str:
    import json

    return json.dumps(package)
