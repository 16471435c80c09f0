"""A layer of the record: a set of moves with their rules, their fold and their state.

The core of a negotiation (parties, parts, stances, the package) is one layer; the
negotiating text, obligations, events on the ground, research coding, walk-outs and
statements are others. Each is a :class:`Layer` value, and :mod:`accords.model.layers`
lists them: nothing registers itself on import, so what the model can do is read in
one place.

A new layer (people in the record, numeric parts) is written as:

1. its commands, frozen dataclasses subclassing :class:`~accords.model.commands.Command`;
   the terms a command gives and the record it makes keeps are declared once, in a
   mixin both subclass (``ConditionTerms`` for ``DefineCondition`` and ``Condition``);
2. a decide handler per command, ``(command, state) -> Event | list[Event]``, built
   with the shared checks of :mod:`accords.model.rules` and recording the command's
   fields with :func:`~accords.model.rules.event_from`;
3. a fold handler per event type it appends, ``(state, payload, on) -> None``;
4. optionally, checks it adds to *other* layers' commands (``checks``), run before
   their own handler: e.g. the text must be clean before the package is confirmed;
5. optionally, a state slice: a mutable dataclass implementing :class:`LayerSlice`
   (subclass :class:`JsonSlice` when its fields are plain JSON data),
   kept in ``state.layers[name]``; read it with :meth:`Layer.peek` (views) and
   change it with :meth:`Layer.slice` (fold handlers only). ``to_json`` and
   ``from_json`` carry it through snapshots; :func:`~accords.model.plain.to_keys` and
   :func:`~accords.model.plain.from_keys` write a typed value as the JSON it keeps
   and read it back;

then a line in :data:`accords.model.layers.LAYERS`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar, cast

from accords.model.commands import Command
from accords.model.events import Event
from accords.model.plain import from_keys

if TYPE_CHECKING:
    from accords.model.state import State

__all__ = [
    "Check",
    "Decider",
    "FoldHandler",
    "JsonSlice",
    "Layer",
    "LayerSlice",
    "NoState",
    "from_keys",
    "ignore",
    "peek_slice",
    "slice_of",
]

#: ``(command, state) -> event(s)``: the rules of one command.
Decider = Callable[[Any, "State"], Event | list[Event]]
#: ``(state, payload, on) -> None``: what one event type changes in the state.
FoldHandler = Callable[["State", Mapping[str, Any], date], None]
#: ``(state, command) -> None``: an extra rule on another layer's command; raises to refuse.
Check = Callable[["State", Any], None]


class LayerSlice(Protocol):
    """The part of the state one layer keeps: JSON in, JSON out, for snapshots."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-able copy of the slice."""
        ...

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The slice :meth:`to_json` wrote."""
        ...


S = TypeVar("S", bound=LayerSlice)
T = TypeVar("T")


def ignore(state: State, payload: Mapping[str, Any], on: date) -> None:
    """Fold handler of an event kept in the log but not folded (notes, statements)."""


@dataclass(frozen=True)
class Layer(Generic[S]):
    """One extension of the record: its moves, rules, fold and (optionally) state slice."""

    name: str
    decide: Mapping[type[Command], Decider] = field(default_factory=dict)
    fold: Mapping[str, FoldHandler] = field(default_factory=dict)
    checks: Mapping[type[Command], tuple[Check, ...]] = field(default_factory=dict)
    #: The class of the layer's state slice; :class:`NoState` for a layer that keeps none.
    state: type[S] = field(default=cast(Any, None))

    @property
    def commands(self) -> tuple[type[Command], ...]:
        """The commands this layer decides."""
        return tuple(self.decide)

    def peek(self, state: State) -> S:
        """The layer's slice of ``state`` to read; an empty one (not stored) if none yet."""
        return peek_slice(state, self.name, self._cls())

    def slice(self, state: State) -> S:
        """The layer's slice of ``state`` to change, created on first use (fold handlers)."""
        return slice_of(state, self.name, self._cls())

    def put(self, state: State, value: S) -> None:
        """Replace the layer's slice of ``state`` (fold handlers of a layer with frozen slices)."""
        state.layers[self.name] = value

    def load(self, data: Mapping[str, Any]) -> S:
        """The slice a snapshot carried."""
        return self._cls().from_json(data)

    def _cls(self) -> type[S]:
        return self.state if self.state is not None else cast(type[S], NoState)


def peek_slice(state: State, name: str, cls: type[S]) -> S:
    """:meth:`Layer.peek` for views defined below their layer's value (clauses)."""
    current = state.layers.get(name)
    # Only the layer called ``name`` writes state.layers[name], always with its own class.
    return cast(S, current) if current is not None else cls.from_json({})


def slice_of(state: State, name: str, cls: type[S]) -> S:
    """:meth:`Layer.slice` for fold handlers defined below their layer's value."""
    current = state.layers.get(name)
    if current is None:
        current = state.layers[name] = cls.from_json({})
    return cast(S, current)


class JsonSlice:
    """Base of a slice dataclass whose fields hold plain JSON data (lists, dicts, strings).

    ``to_json`` and ``from_json`` copy the fields by name, so a layer declares its slice
    as fields with defaults and nothing more; a key the slice does not know is ignored.
    """

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        """A deep copy of the fields, by name."""
        fields = dataclasses.fields(cast(Any, self))
        return copy.deepcopy({f.name: getattr(self, f.name) for f in fields})

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The slice :meth:`to_json` wrote (or an empty one, from ``{}``)."""
        names = {f.name for f in dataclasses.fields(cast(Any, cls))}
        return cls(**copy.deepcopy({k: v for k, v in data.items() if k in names}))


class NoState:
    """The slice of a layer that keeps nothing in the state (walk-outs, statements)."""

    def to_json(self) -> dict[str, Any]:
        """Nothing to carry."""
        return {}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The empty slice."""
        return cls()
