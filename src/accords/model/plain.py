"""Typed values and the plain data they are kept as: one reading, one writing, by field name.

Events, snapshots, scenario files and API answers carry the record's values as plain
JSON whose keys are the dataclasses' field names. :func:`to_keys` writes a value that
way and :func:`from_keys` reads it back, so a value's JSON is declared by its fields
alone and only what needs converting (dates, nested values) is spelled out.
A leaf of the model: it imports nothing from it, so every model module may use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar, cast

__all__ = ["from_keys", "to_keys"]

T = TypeVar("T")


def to_keys(value: Any, /, **written: Any) -> dict[str, Any]:
    """The dataclass ``value`` as plain data, its fields in order: tuples become lists,
    and ``written`` gives the fields whose JSON needs writing (nested values)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        v = written[f.name] if f.name in written else getattr(value, f.name)
        out[f.name] = list(v) if isinstance(v, tuple) else v
    return out


def from_keys(cls: type[T], data: Mapping[str, Any], /, **read: Any) -> T:
    """The dataclass ``cls`` from the keys of ``data`` named like its fields: one reading
    of the JSON that ``to_json`` methods and event payloads write with those names.

    ``read`` gives the fields whose JSON needs reading (dates, tuples, nested values);
    a key ``data`` lacks takes the field's default, and a required one is a
    :class:`KeyError`; keys that are no field (``round`` in a payload) are passed over.
    """
    values = {}
    for f in dataclasses.fields(cast(Any, cls)):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if f.name not in read and (required or f.name in data):
            values[f.name] = data[f.name]
    return cls(**values, **read)
