"""What every entry of a scenario file is built from: one base and the field types they share.

The sections of a scenario (the core in :mod:`accords.scenario.schema`, people,
the optional sections) are validated alike: no unknown field (a typo is named,
not ignored), fields by name or alias, ids of one pattern (the model's own
:data:`~accords.model.rules.ID_PATTERN`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from accords.model.entry import Id, Source

__all__ = ["Id", "Source", "Spec"]


class Spec(BaseModel):
    """An entry of a scenario file: an unknown field is refused, an alias is accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
