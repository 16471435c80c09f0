"""The scenario-file schema of one party's confidential preferences.

Preferences are visible only to their party and the mediator. This module holds
the file format only (pydantic); ``accords.analysis`` turns it into numbers and
checks it against the framework (unknown parts or options, missing values).

A party's utility for a package is::

    sum over parts of weights[part] * values[part][chosen option]
      + the value of every interaction whose two options are both chosen

and a package that contains every option of one of its red lines is one the
party never accepts (it leaves the outcome space). ``reservation`` is what no
agreement is worth to the party, on the same scale.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["Interaction", "PreferencesSpec"]

_REF = r"^[^:]+:.+$"


class Interaction(BaseModel):
    """A bonus (positive) or penalty (negative) when two options of two parts go together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str = Field(pattern=_REF, description="an option as PART:OPTION")
    b: str = Field(pattern=_REF, description="an option of another part, as PART:OPTION")
    value: float = Field(description="added to the utility when both are chosen")

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    @model_validator(mode="after")
    def _two_parts(self) -> Interaction:
        if self.a.partition(":")[0] == self.b.partition(":")[0]:
            raise ValueError("an interaction joins options of two different parts")
        return self


class PreferencesSpec(BaseModel):
    """One party's preferences over the framework's packages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    illustrative: bool = Field(
        default=False, description="true when these numbers are assumptions, not facts"
    )
    note: str = ""
    reservation: float = Field(default=0.0, description="the utility of no agreement")
    weights: dict[str, float] = Field(
        default_factory=dict, description="part id -> weight (>= 0); a part left out weighs 0"
    )
    values: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="part id -> option id -> value in [0, 1]"
    )
    interactions: list[Interaction] = Field(default_factory=list)
    elicitation: dict[str, Any] | None = Field(
        default=None,
        description="the answers this profile was fitted to, with its method, provenance and "
        "uncertainty (written by accords.elicitation; confidential like the rest)",
    )
    red_lines: list[list[str]] = Field(
        default_factory=list,
        description="each a list of PART:OPTION that the party will never accept together",
    )

    @field_validator("reservation")
    @classmethod
    def _finite_reservation(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v

    @field_validator("weights")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        for part, w in v.items():
            if not math.isfinite(w):
                raise ValueError(f"weight of {part!r} must be a finite number, not {w}")
            if w < 0:
                raise ValueError(f"weight of {part!r} cannot be negative ({w})")
        return v

    @field_validator("values")
    @classmethod
    def _values(cls, v: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for part, options in v.items():
            for option, x in options.items():
                if not (math.isfinite(x) and 0.0 <= x <= 1.0):
                    raise ValueError(f"value of {part}:{option} must be in [0, 1], not {x}")
        return v

    @field_validator("red_lines")
    @classmethod
    def _red_lines(cls, v: list[list[str]]) -> list[list[str]]:
        for i, line in enumerate(v):
            if not line:
                raise ValueError(f"red line {i} names no option")
            parts = [ref.partition(":")[0] for ref in line]
            for ref in line:
                if ":" not in ref:
                    raise ValueError(f"red line {i}: {ref!r} is not PART:OPTION")
            if len(set(parts)) != len(parts):
                raise ValueError(f"red line {i} names two options of one part")
        return v
