"""The security suite reuses the service tests' world: the example with planted secrets."""

from __future__ import annotations

import pytest

pytest.importorskip(
    "fastapi", reason="the server needs the service extra: pip install -e '.[service]'"
)

from service.conftest import shared_world, world  # noqa: F401
