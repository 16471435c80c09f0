"""Drawing a figure from the command line (``analyze --plot``, ``simulate --plot``).

What can go wrong is the same for every figure, and ends in the same one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from accords.cli._app import fail

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["drawing"]


@contextmanager
def drawing(path: Path) -> Iterator[None]:
    """Draw to ``path`` inside the block: without matplotlib (the ``plot`` extra), or
    where the file cannot be written, the command ends in one clear line."""
    try:
        yield
    except ModuleNotFoundError:
        fail("plotting needs matplotlib: pip install 'accords[plot]'")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
