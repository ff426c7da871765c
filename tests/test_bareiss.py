"""Batched fraction-free elimination (:mod:`gametheory.algorithms._bareiss`) against the
one-system solver and against Fractions (Gauss-Jordan by hand), on int64 and big-integer
stacks, with singular systems refused."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.algorithms._bareiss import solve_fraction_free_many
from gametheory.algorithms._lemke_howson import solve_fraction_free


def _fraction_solve(matrix: list[list[int]]) -> list[Fraction] | None:
    """M v = 1 by Gauss-Jordan in Fractions; None if singular."""
    s = len(matrix)
    rows = [[Fraction(v) for v in row] + [Fraction(1)] for row in matrix]
    for c in range(s):
        pivot = next((r for r in range(c, s) if rows[r][c] != 0), None)
        if pivot is None:
            return None
        rows[c], rows[pivot] = rows[pivot], rows[c]
        head = rows[c]
        rows[c] = [v / head[c] for v in head]
        for r in range(s):
            if r != c and rows[r][c] != 0:
                factor = rows[r][c]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[c], strict=True)]
    return [row[s] for row in rows]


@given(
    st.integers(1, 7), st.integers(1, 12), st.sampled_from([1, 3, 1000, 10**12, 10**30]),
    st.integers(0, 2**32),
)
@settings(max_examples=120, deadline=None)
def test_batch_equals_fractions(size, count, high, seed):
    rng = np.random.default_rng(seed)
    stack = [[[int(v) for v in row] for row in rng.integers(-1000, 1001, (size, size))]
             for _ in range(count)]
    # Scale some entries up to reach the Python-integer path.
    scale = high // 1000 or 1
    stack = [[[v * scale + (v % 7) for v in row] for row in m] for m in stack]
    expected = [_fraction_solve(m) for m in stack]
    array = np.empty((count, size, size), dtype=object)
    array[:] = stack
    got = solve_fraction_free_many(array)
    if any(e is None for e in expected):
        assert got is None
        return
    numerators, denominators = got
    for e, w, d, m in zip(expected, numerators.tolist(), denominators.tolist(), stack,
                          strict=True):
        assert d > 0 and isinstance(d, int) and all(isinstance(v, int) for v in w)
        assert [Fraction(v, d) for v in w] == e
        assert (w, d) == solve_fraction_free(m)  # |det| and the same numerators


def test_int64_and_object_paths_agree():
    rng = np.random.default_rng(4)
    # Diagonally dominant, so nonsingular; small entries: the int64 path.
    small = rng.integers(1, 3, (50, 6, 6)) + 12 * np.eye(6, dtype=np.int64)
    as_object = np.empty(small.shape, dtype=object)
    as_object[:] = [[[int(v) * 10**20 for v in row] for row in m] for m in small.tolist()]
    a = solve_fraction_free_many(small)
    b = solve_fraction_free_many(as_object)
    assert a is not None and b is not None
    for wa, da, wb, db in zip(a[0].tolist(), a[1].tolist(), b[0].tolist(), b[1].tolist(),
                              strict=True):
        assert [Fraction(v, da) for v in wa] == [Fraction(v, db) * 10**20 for v in wb]


def test_a_singular_system_is_refused():
    assert solve_fraction_free_many(np.array([[[1, 2], [2, 4]], [[1, 0], [0, 1]]])) is None
