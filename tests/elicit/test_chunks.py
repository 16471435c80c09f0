"""Improve on the table in chunks, in process and on Dask, against the whole enumeration.

The reference below is the one-process enumeration as it was before chunking:
every package at once, the point filter, then the paired samples. The chunked
result must equal it exactly (same packages, same order, same probabilities)
whatever the chunk size and wherever the chunks run.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Mapping

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accords.elicit import Fit, Issue, Provenance, Space, improve_on_table, profile_from_parts
from accords.elicit._chunks import BLOCK, Job, decode_indices, decode_range, run_job
from accords.errors import InvalidArgument, SpaceTooLarge

from .strategies import spaces


def _reference(
    space: Space, fits: Mapping[str, Fit], table: Mapping[str, str], limit: int
) -> list[tuple[dict[str, str], float]]:
    """The whole space in one process (the implementation chunking replaced)."""
    packages = space.all_packages()
    where = space.encode(table)[None, :]
    parts = [f.profile.parts(space) for f in fits.values()]

    def improves(u: np.ndarray, t: np.ndarray) -> np.ndarray:
        gain = u - t
        ok = np.all(gain >= -1e-12, axis=-1) & np.any(gain > 1e-12, axis=-1)
        return np.asarray(ok, dtype=np.float64)

    point = np.stack([space.utilities(q, packages) for q in parts], axis=-1)
    at_table = np.array([space.utilities(q, where)[0] for q in parts])
    chosen = packages[improves(point, at_table) > 0]
    if chosen.shape[0] == 0:
        return []
    draws = min(f.samples.shape[0] for f in fits.values())
    sampled = np.stack([space.utilities(f.samples[:draws], chosen) for f in fits.values()], -1)
    sampled_table = np.stack(
        [space.utilities(f.samples[:draws], where)[:, 0] for f in fits.values()], axis=-1
    )
    probability = improves(sampled, sampled_table[:, None, :]).mean(axis=0)
    order = np.argsort(-probability, kind="stable")[:limit]
    return [(space.decode(chosen[k]), float(probability[k])) for k in order]


def _fit(space: Space, samples: np.ndarray) -> Fit:
    profile = profile_from_parts(space, samples.mean(axis=0))
    return Fit(space, profile, samples, True, (), (), (), Provenance((), (), "test"))


def _fits(space: Space, parties: int, draws: int, seed: int, grid: int = 0) -> dict[str, Fit]:
    """Random sampled profiles; on a coarse ``grid`` (values k/grid) ties and equal
    utilities are common, which is where the weak and strict tests matter."""
    rng = np.random.default_rng(seed)
    out = {}
    for p in range(parties):
        samples = rng.random((draws, space.dimension))
        if grid:
            samples = np.round(samples * grid) / grid
        out[f"p{p}"] = _fit(space, samples)
    return out


def _pairs(found: list) -> list[tuple[dict[str, str], float]]:  # type: ignore[type-arg]
    return [(dict(i.package), i.probability) for i in found]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    space=spaces(max_issues=4, max_values=5),
    parties=st.integers(1, 3),
    draws=st.integers(1, 12),
    seed=st.integers(0, 2**16),
    grid=st.sampled_from([0, 2, 3]),
    chunk=st.integers(1, 700),
    limit=st.integers(1, 40),
    table_seed=st.integers(0, 2**16),
)
def test_chunks_equal_the_whole_enumeration_exactly(
    space: Space,
    parties: int,
    draws: int,
    seed: int,
    grid: int,
    chunk: int,
    limit: int,
    table_seed: int,
) -> None:
    fits = _fits(space, parties, draws, seed, grid)
    table = space.decode(space.random_packages(np.random.default_rng(table_seed), 1)[0])
    expected = _reference(space, fits, table, limit)
    assert _pairs(improve_on_table(space, fits, table, limit)) == expected
    assert _pairs(improve_on_table(space, fits, table, limit, chunk=chunk)) == expected


@given(space=spaces(max_issues=5, max_values=6))
def test_indices_decode_to_the_enumeration_order(space: Space) -> None:
    every = space.all_packages()
    assert np.array_equal(decode_range(space, 0, space.size), every)
    picks = np.array([space.size - 1, 0, space.size // 2], dtype=np.int64)
    assert np.array_equal(decode_indices(space, picks), every[picks])


def test_a_chunk_never_runs_past_its_range_or_its_limit() -> None:
    space = Space(tuple(Issue(f"i{k}", tuple("abcd")) for k in range(4)))
    fits = _fits(space, 2, 5, seed=3)
    table = {f"i{k}": "b" for k in range(4)}
    whole = improve_on_table(space, fits, table, limit=1000)
    job = Job(
        space,
        np.zeros((1, space.dimension)),
        np.full(1, -1.0),
        np.zeros((1, 1, 16)),
        np.full((1, 1), -1.0),
        limit=7,
    )  # everything improves, with probability 1
    index, probability = run_job(job, 100, 140)
    assert index.tolist() == list(range(100, 107)) and probability.tolist() == [1.0] * 7
    assert whole and improve_on_table(space, fits, table, limit=0) == []


def test_an_empty_chunk_and_an_unindexable_space_are_refused() -> None:
    space = Space((Issue("i", ("a", "b")),))
    fits = _fits(space, 1, 2, seed=1)
    with pytest.raises(InvalidArgument):
        improve_on_table(space, fits, {"i": "a"}, chunk=0)
    huge = Space(tuple(Issue(f"i{k}", ("a", "b")) for k in range(63)))
    with pytest.raises(SpaceTooLarge):
        improve_on_table(huge, _fits(huge, 1, 2, seed=1), {f"i{k}": "a" for k in range(63)})


def test_a_scheduler_that_does_not_answer_is_one_clear_error() -> None:
    pytest.importorskip("distributed")
    space = Space(tuple(Issue(f"i{k}", ("a", "b")) for k in range(4)))
    fits = _fits(space, 1, 2, seed=1)
    with pytest.raises(InvalidArgument, match="no Dask scheduler answers"):
        improve_on_table(
            space, fits, {f"i{k}": "a" for k in range(4)}, chunk=4, scheduler="not an address"
        )


def test_a_space_over_two_million_packages_is_read_in_chunks_with_bounded_memory() -> None:
    """2,097,152 packages: the whole index array alone would take 117 MB; the chunks stay
    within a few blocks and batches."""
    space = Space(tuple(Issue(f"i{k}", tuple(f"v{j}" for j in range(8))) for k in range(7)))
    assert space.size > 2_000_000
    fits = _fits(space, 2, 16, seed=5)
    table = {f"i{k}": "v3" for k in range(7)}
    tracemalloc.start()
    try:
        found = improve_on_table(space, fits, table, limit=25, chunk=1 << 19)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(found) == 25
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert BLOCK * 7 * 8 < 40 * 2**20
    encoded = space.encode(table)[None, :]
    for item in found:  # each one improves at the point and counts its samples right
        x = space.encode(item.package)[None, :]
        gains = [
            space.utilities(f.profile.parts(space), x)[0]
            - space.utilities(f.profile.parts(space), encoded)[0]
            for f in fits.values()
        ]
        assert min(gains) >= -1e-12 and max(gains) > 1e-12
        g = np.stack(
            [
                space.utilities(f.samples, x)[:, 0] - space.utilities(f.samples, encoded)[:, 0]
                for f in fits.values()
            ],
            axis=-1,
        )
        count = np.sum(np.all(g >= -1e-12, axis=-1) & np.any(g > 1e-12, axis=-1))
        assert item.probability == count / 16
    probabilities = [i.probability for i in found]
    assert probabilities == sorted(probabilities, reverse=True)
    again = improve_on_table(space, fits, table, limit=25, chunk=300_001)
    assert _pairs(again) == _pairs(found)


def test_on_a_local_dask_cluster_the_result_is_the_same() -> None:
    distributed = pytest.importorskip("distributed")
    space = Space(tuple(Issue(f"i{k}", tuple("abcde")) for k in range(5)))
    fits = _fits(space, 3, 10, seed=9, grid=3)
    table = {f"i{k}": "c" for k in range(5)}
    expected = _pairs(improve_on_table(space, fits, table, limit=30))
    assert expected
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        by_client = improve_on_table(space, fits, table, limit=30, scheduler=client, chunk=97)
        by_address = improve_on_table(
            space, fits, table, limit=30, scheduler=cluster.scheduler_address, chunk=500
        )
        assert client.status == "running"  # a client given is left open
    assert _pairs(by_client) == expected
    assert _pairs(by_address) == expected


def _trim_threshold() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_the_local_cluster_keeps_the_allocator_heap_and_gives_the_same_result() -> None:
    distributed = pytest.importorskip("distributed")
    from accords.elicit._chunks import local_cluster

    space = Space(tuple(Issue(f"i{k}", tuple("abcd")) for k in range(4)))
    fits = _fits(space, 2, 6, seed=4, grid=2)
    table = {f"i{k}": "b" for k in range(4)}
    expected = _pairs(improve_on_table(space, fits, table, limit=20))
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        assert list(client.run(_trim_threshold).values()) == [None]
        assert _pairs(improve_on_table(space, fits, table, 20, scheduler=client, chunk=50)) == (
            expected
        )
    assert _pairs(improve_on_table(space, fits, table, 20, scheduler="local", chunk=64)) == (
        expected
    )
