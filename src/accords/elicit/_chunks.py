"""Improve on the table over a space of any size: chunks by index range, in process or on Dask.

A package's *index* is its rank in the space's lexicographic order (the order of
:meth:`Space.all_packages`): a mixed-radix number whose digits are the value
indices, the first issue most significant. A chunk is a range of indices; its
packages are decoded from the range alone, so the whole space is never held.

Inside a chunk, packages go through in *blocks*: their utilities under every
party's point profile (NumPy, one gather per party) keep the ones that improve
on the table; those go, in *batches* sized to a memory budget, through every
party's sampled profiles for their probability. Each chunk keeps only its best
``limit`` (most probable first, then lowest index: the order the one-process
enumeration gives), and the chunks' bests are merged under the same order, so
the result is the same whatever the chunking and wherever the chunks ran.

Utilities are computed by :meth:`Space.utilities` row by row, exactly as for the
whole space, and the weak/strict tests are the same, so every probability is
bit for bit the one the whole enumeration gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from accords.elicit._space import FloatArray, IntArray, Space
from accords.errors import InvalidArgument, MissingExtra, SpaceTooLarge

__all__ = [
    "CHUNK",
    "MEMORY",
    "Job",
    "Scheduler",
    "best_of",
    "decode_indices",
    "decode_range",
    "local_cluster",
    "merge",
    "run_job",
]

#: Packages per chunk (one Dask task, or one step of the in-process loop).
CHUNK = 1 << 20
#: Packages whose point utilities are computed at once inside a chunk.
BLOCK = 1 << 16
#: Bytes the sampled utilities of one batch may take (the bound on working memory).
MEMORY = 32 << 20
#: Largest index a space may have (int64 arithmetic on mixed-radix indices).
MAX_INDEX = (1 << 62) - 1

#: A Dask scheduler: an address, ``"local"`` (a LocalCluster here), or a ``distributed.Client``.
Scheduler = Any

#: Seconds to wait for a Dask scheduler given by address.
CONNECT_SECONDS = 10

_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a chunk needs, small enough to ship to a worker: no packages in it.

    ``points`` is parties × dimension (each party's point profile); ``samples`` is
    parties × draws × dimension; ``at_table`` and ``sampled_table`` are the
    utilities of the package on the table under them.
    """

    space: Space
    points: FloatArray
    at_table: FloatArray
    samples: FloatArray
    sampled_table: FloatArray
    limit: int
    memory: int = MEMORY

    @property
    def batch(self) -> int:
        """Packages whose sampled utilities fit the memory budget at once."""
        parties, draws, _ = self.samples.shape
        per_package = 8 * draws * (len(self.space.issues) + parties + 1)
        return max(1, int(self.memory // per_package))


def decode_indices(space: Space, index: IntArray) -> IntArray:
    """Packages by index (their rank in the space's order), as value-index rows."""
    sizes = space.sizes
    strides = np.r_[np.cumprod(sizes[::-1])[::-1][1:], 1].astype(np.int64)
    return np.asarray((np.asarray(index, dtype=np.int64)[:, None] // strides) % sizes)


def decode_range(space: Space, start: int, stop: int) -> IntArray:
    """The packages with indices ``start`` to ``stop - 1``, as value-index rows."""
    return decode_indices(space, np.arange(start, stop, dtype=np.int64))


def merge(index: IntArray, probability: FloatArray, limit: int) -> tuple[IntArray, FloatArray]:
    """The best ``limit``: most probable first, ties by lowest index (the enumeration order)."""
    order = np.lexsort((index, -probability))[:limit]
    return index[order], probability[order]


def _improving(job: Job, rows: IntArray, sampled: bool) -> npt.NDArray[np.bool_]:
    """Which rows improve on the table for every party: under the point profiles (rows),
    or under each draw of the paired samples (draws × rows): weakly better for every
    party (gain >= -1e-12), strictly for one (gain > 1e-12). Party by party, so no array
    grows with the number of parties (and no reduction runs over a short last axis,
    which NumPy does slowly: this is the hot loop)."""
    weak: npt.NDArray[np.bool_] | None = None
    strict: npt.NDArray[np.bool_] | None = None
    for p in range(job.points.shape[0]):
        if sampled:
            gain = job.space.utilities(job.samples[p], rows) - job.sampled_table[:, p, None]
        else:
            gain = job.space.utilities(job.points[p], rows) - job.at_table[p]
        if weak is None or strict is None:
            weak, strict = gain >= -_EPS, gain > _EPS
        else:
            weak &= gain >= -_EPS
            strict |= gain > _EPS
    assert weak is not None and strict is not None
    return weak & strict


def _probabilities(job: Job, rows: IntArray) -> FloatArray:
    """The share of paired samples under which each row improves on the table for all
    (a count over the draws, divided once: the mean of the 0/1 tests, bit for bit)."""
    hits = np.count_nonzero(_improving(job, rows, sampled=True), axis=0)
    return np.asarray(hits / job.samples.shape[1], dtype=np.float64)


def run_job(job: Job, start: int, stop: int) -> tuple[IntArray, FloatArray]:
    """The best ``job.limit`` improvements with indices in ``[start, stop)``, and their
    probabilities; memory stays within a block and a batch whatever the range."""
    best_index = np.empty(0, dtype=np.int64)
    best_probability = np.empty(0, dtype=np.float64)
    for low in range(start, stop, BLOCK):
        rows = decode_range(job.space, low, min(stop, low + BLOCK))
        keep = np.flatnonzero(_improving(job, rows, sampled=False))
        for b in range(0, keep.shape[0], job.batch):
            picked = keep[b : b + job.batch]
            probability = _probabilities(job, rows[picked])
            best_index, best_probability = merge(
                np.concatenate((best_index, picked + low)),
                np.concatenate((best_probability, probability)),
                job.limit,
            )
    return best_index, best_probability


def ranges(size: int, chunk: int) -> list[tuple[int, int]]:
    """The space's index range cut into chunks of ``chunk`` packages (the last may be short)."""
    if size > MAX_INDEX:
        raise SpaceTooLarge(
            f"the space has {size:,} packages; at most {MAX_INDEX:,} can be indexed"
        )
    if chunk < 1:
        raise InvalidArgument(f"a chunk holds at least one package, not {chunk}")
    return [(low, min(size, low + chunk)) for low in range(0, size, chunk)]


@contextmanager
def local_cluster(workers: int | None = None) -> Iterator[Any]:
    """A LocalCluster of worker processes (one thread each) whose allocator keeps its heap.

    Dask starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also pins glibc's
    mmap threshold: every batch array is then mapped and unmapped afresh, and a chunk
    takes about twice as long in page faults (measured: 425,000 minor faults and 0.7 s
    of system time per 2^20 packages, against 9,000 and 0.02 s). Clusters started
    elsewhere keep their own settings; set the variable there the same way.
    """
    import dask
    import distributed

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with (
        dask.config.set({"distributed.nanny.pre-spawn-environ": environ}),
        distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        yield cluster


@contextmanager
def _client(scheduler: Scheduler) -> Iterator[Any]:
    """A ``distributed.Client`` for the scheduler; one given is used as it is, and kept open."""
    try:
        import distributed
    except ModuleNotFoundError:
        raise MissingExtra("a Dask scheduler needs Dask: pip install 'accords[dask]'") from None
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler == "local":
        with (
            local_cluster() as cluster,
            distributed.Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, ValueError, TypeError) as exc:
        raise InvalidArgument(
            f"no Dask scheduler answers at {scheduler!r} ({exc.__class__.__name__}): give a "
            "scheduler's address (tcp://HOST:PORT) or 'local'"
        ) from None
    with client:
        yield client


def _on_dask(
    job: Job, chunks: list[tuple[int, int]], scheduler: Scheduler
) -> list[tuple[IntArray, FloatArray]]:
    from distributed import as_completed

    out: list[tuple[IntArray, FloatArray]] = []
    with _client(scheduler) as client:
        shipped = client.scatter(job, broadcast=True, hash=False)  # a key of its own
        futures = [client.submit(run_job, shipped, lo, hi, pure=False) for lo, hi in chunks]
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            out.append(future.result())
    return out


def best_of(
    job: Job, size: int, chunk: int = CHUNK, scheduler: Scheduler = None
) -> tuple[IntArray, FloatArray]:
    """The best ``job.limit`` improvements over the whole space: chunk by chunk in process
    (``scheduler`` None, or a space of one chunk), else one Dask task per chunk."""
    chunks = ranges(size, chunk)
    if scheduler is None or len(chunks) == 1:
        results: Iterable[tuple[IntArray, FloatArray]] = (run_job(job, *c) for c in chunks)
    else:
        results = _on_dask(job, chunks, scheduler)
    index = np.empty(0, dtype=np.int64)
    probability = np.empty(0, dtype=np.float64)
    for i, p in results:
        index, probability = merge(
            np.concatenate((index, i)), np.concatenate((probability, p)), job.limit
        )
    return index, probability
