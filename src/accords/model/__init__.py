"""The pure domain core: commands are decided against a state, and a state is a fold of events.

Nothing in this package does I/O or reads a clock.

The names below load on first use (:mod:`accords._lazy`), so importing one module of the
model (``accords.model.viewer``, which the analysis needs) does not load the rules, the
layers and the fold. The imports under ``TYPE_CHECKING`` are the one list of exports:
``name as name`` re-exports a name for type checkers, the star takes the commands
module's own ``__all__``, and ``__all__`` and ``dir()`` here are read from the same list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accords._lazy import exports

if TYPE_CHECKING:
    # One import a module, each name re-exported as itself: kept as written.
    # isort: off
    from accords.model.board import (
        PartRow as PartRow,
        board as board,
        missing_for as missing_for,
        package_line as package_line,
        status_dict as status_dict,
    )
    from accords.model.commands import *  # noqa: F403 (every command: commands.__all__)
    from accords.model.decide import decide as decide
    from accords.model.events import (
        CONFIDENTIAL as CONFIDENTIAL,
        PACKAGE_CHANGES as PACKAGE_CHANGES,
        STRUCTURAL as STRUCTURAL,
        Event as Event,
    )
    from accords.model.fold import evolve as evolve, fold as fold
    from accords.model.framework import (
        LEVELS as LEVELS,
        LINKAGE_KINDS as LINKAGE_KINDS,
        ROLES as ROLES,
        Level as Level,
        Linkage as Linkage,
        Option as Option,
        Part as Part,
        Party as Party,
        SignOffRule as SignOffRule,
    )
    from accords.model.layer import Layer as Layer
    from accords.model.layers import LAYERS as LAYERS
    from accords.model.records import (
        PART_STATUSES as PART_STATUSES,
        PartState as PartState,
        PartStatus as PartStatus,
        Round as Round,
        Stance as Stance,
    )
    from accords.model.state import State as State
    # isort: on

__getattr__ = exports(__name__, __file__, globals())
