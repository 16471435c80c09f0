"""The scenario-file schema of one party's confidential preferences.

Preferences are visible only to their party and the mediator. This module holds
the file format only (pydantic); ``accords.analysis`` turns it into numbers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Interaction", "PreferencesSpec"]


class Interaction(BaseModel):
    """A bonus or penalty when two options of two different parts are chosen together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str = Field(description="an option as PART:OPTION")
    b: str = Field(description="an option of another part, as PART:OPTION")
    value: float


class PreferencesSpec(BaseModel):
    """One party's preferences over the framework's packages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    illustrative: bool = Field(
        default=False, description="true when these numbers are assumptions, not facts"
    )
    note: str = ""
    reservation: float = Field(default=0.0, description="the utility of no agreement")
    weights: dict[str, float] = Field(default_factory=dict, description="part id -> weight")
    values: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="part id -> option id -> value in [0, 1]"
    )
    interactions: list[Interaction] = Field(default_factory=list)
    red_lines: list[list[str]] = Field(
        default_factory=list,
        description="each a list of PART:OPTION that the party will never accept together",
    )
