"""Let pytest explain failed asserts in the shared conformance suite too."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite(f"{__name__.rpartition('.')[0]}.conformance")
