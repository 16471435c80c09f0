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

On a **numeric part** (a number in a range) ``values[part]`` maps *anchor values* to
their value, and the value curve is piecewise linear between the anchors and flat
beyond the first and the last (``{12: 1.0, 24: 0.0}``: 12 months or fewer is worth 1,
18 months 0.5, 24 months or more 0). Anchor keys may be written as numbers.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["MAX_MAGNITUDE", "Interaction", "PreferencesSpec"]

#: The largest weight, reservation or interaction value accepted (in absolute value).
#: Bounded so that no sum the analysis forms (at most MAX_ITEMS parts and
#: MAX_ITEMS interactions, each a product of two bounded numbers) can overflow a
#: float or lose every digit: one delegate's numbers must not break everyone's
#: dashboard. Utilities are compared, not added up across parties, so 10^6 is
#: ample for any real scale (points, percentages, money in thousands).
MAX_MAGNITUDE: Final = 1e6
#: The most parts, options per part, interactions or red lines one party may list.
MAX_ITEMS: Final = 1000
#: The longest note kept with preferences, and the longest reference (PART:OPTION).
MAX_NOTE: Final = 10_000
_MAX_REF: Final = 200

_Key = Annotated[str, Field(min_length=1, max_length=_MAX_REF)]

_REF = r"^[^:]+:.+$"


class Interaction(BaseModel):
    """A bonus (positive) or penalty (negative) when two options of two parts go together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str = Field(pattern=_REF, max_length=_MAX_REF, description="an option as PART:OPTION")
    b: str = Field(
        pattern=_REF, max_length=_MAX_REF, description="an option of another part, as PART:OPTION"
    )
    value: float = Field(description="added to the utility when both are chosen")

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        return _bounded(v, "the value")

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
    note: str = Field(default="", max_length=MAX_NOTE)
    reservation: float = Field(default=0.0, description="the utility of no agreement")
    weights: dict[_Key, float] = Field(
        default_factory=dict,
        max_length=MAX_ITEMS,
        description=f"part id -> weight in [0, {MAX_MAGNITUDE:g}]; a part left out weighs 0",
    )
    values: dict[_Key, dict[_Key, float]] = Field(
        default_factory=dict,
        max_length=MAX_ITEMS,
        description="part id -> option id -> value in [0, 1]",
    )
    interactions: list[Interaction] = Field(default_factory=list, max_length=MAX_ITEMS)
    elicitation: dict[str, Any] | None = Field(
        default=None,
        description="the answers this profile was fitted to, with its method, provenance and "
        "uncertainty (written by accords.elicitation; confidential like the rest)",
    )
    red_lines: list[list[Annotated[str, Field(max_length=_MAX_REF)]]] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="each a list of PART:OPTION that the party will never accept together",
    )

    @field_validator("reservation")
    @classmethod
    def _finite_reservation(cls, v: float) -> float:
        return _bounded(v, "the reservation")

    @field_validator("weights")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        for part, w in v.items():
            if not math.isfinite(w):
                raise ValueError(f"weight of {part!r} must be a finite number, not {w}")
            if w < 0:
                raise ValueError(f"weight of {part!r} cannot be negative ({w})")
            _bounded(w, f"weight of {part!r}")
        return v

    @field_validator("values", mode="before")
    @classmethod
    def _number_keys(cls, v: object) -> object:
        """YAML reads ``12: 1.0`` with a number as the key: a numeric part's anchor."""
        if not isinstance(v, dict):
            return v
        return {
            part: ({str(k): x for k, x in opts.items()} if isinstance(opts, dict) else opts)
            for part, opts in v.items()
        }

    @field_validator("values")
    @classmethod
    def _values(cls, v: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for part, options in v.items():
            if len(options) > MAX_ITEMS:
                raise ValueError(f"part {part!r} lists more than {MAX_ITEMS} options")
            for option, x in options.items():
                if not (math.isfinite(x) and 0.0 <= x <= 1.0):
                    raise ValueError(f"value of {part}:{option} must be in [0, 1], not {x}")
        return v

    @field_validator("red_lines")
    @classmethod
    def _red_lines(cls, v: list[list[str]]) -> list[list[str]]:
        for i, line in enumerate(v):
            if len(line) > MAX_ITEMS:
                raise ValueError(f"red line {i} names more than {MAX_ITEMS} options")
            if not line:
                raise ValueError(f"red line {i} names no option")
            parts = [ref.partition(":")[0] for ref in line]
            for ref in line:
                if ":" not in ref:
                    raise ValueError(f"red line {i}: {ref!r} is not PART:OPTION")
            if len(set(parts)) != len(parts):
                raise ValueError(f"red line {i} names two options of one part")
        return v


def _bounded(x: float, what: str) -> float:
    """``x`` when finite and within ±MAX_MAGNITUDE; otherwise a message naming ``what``."""
    if not math.isfinite(x):
        raise ValueError(f"{what} must be a finite number, not {x}")
    if abs(x) > MAX_MAGNITUDE:
        raise ValueError(f"{what} must lie within ±{MAX_MAGNITUDE:g}, not {x:g}")
    return x
