"""A scenario file's entry as the command it replays, field by field.

The entries of a scenario file and the commands of the model name their fields
alike (``id``, ``source``, ``kinds``, ``note`` …), so the copy from one to the
other is written once, here, and each caller names only what differs: the date,
a renamed field (``by`` becomes ``party``), or a default the file may leave out.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel

from accords.model import commands as c

__all__ = ["command_from"]

C = TypeVar("C", bound=c.Command)


def command_from(kind: type[C], entry: BaseModel, **given: Any) -> C:
    """``kind`` built from ``entry``'s fields of the same names, then ``given``.

    A list becomes a tuple, as the frozen commands hold sequences. A field of the
    command that neither the entry nor ``given`` has keeps its default (a required
    one is a ``TypeError``: the caller's bug); a name in ``given`` that the
    command lacks is a ``TypeError`` too.
    """
    names = type(entry).model_fields
    copied = {
        f.name: _frozen(getattr(entry, f.name))
        for f in dataclasses.fields(kind)
        if f.name in names and f.name not in given
    }
    return kind(**copied, **given)


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
