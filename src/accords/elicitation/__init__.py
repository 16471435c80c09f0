"""Elicitation on the record: answers and fitted profiles as a party's confidential preferences,
and facilitation on a native negotiation.

:mod:`accords.elicit` fits profiles to answers on any space; this package puts
that to work on a negotiation: the framework's parts with options are the
space, a party's answers and its fitted profile (with provenance and
uncertainty) are recorded with the ordinary ``preferences-set`` move (sealed at
rest, shown to the party and the mediator only), and the facilitation tools
read every party's profile from the record. The CLI, the API and the pages all
go through here.
"""

from accords.elicitation._facilitation import blind_mark, improvements, revealed, table_of
from accords.elicitation._record import (
    MAX_ANSWERS,
    answers_of,
    elicitation_of,
    fit_of,
    preferences_with,
    record_answers,
    refit,
    space_of,
)

__all__ = [
    "MAX_ANSWERS",
    "answers_of",
    "blind_mark",
    "elicitation_of",
    "fit_of",
    "improvements",
    "preferences_with",
    "record_answers",
    "refit",
    "revealed",
    "space_of",
    "table_of",
]
