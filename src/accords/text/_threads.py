"""One BLAS thread for the models' small matrix products.

On a busy machine, BLAS threads spinning for each other cost several times the
work itself; the models here multiply small matrices, which one thread does best.
The controller is built once: building it scans every loaded library.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import Any

__all__ = ["one_blas_thread"]


@cache
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager[Any]:
    limiter: AbstractContextManager[Any] = _controller().limit(limits=1, user_api="blas")
    return limiter
