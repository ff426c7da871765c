"""The bases of a best-response polyhedron (:func:`gametheory.sensitivity._engine.polyhedron_bases`)
against the direct computation they replaced: each basis's cofactors as separate determinants
(Bareiss elimination, :func:`gametheory.sensitivity._poly.determinant`) and each slack as
``value - sum_i M[i][j] cof_i``. The shared, remembered minors must give the same polynomials,
basis for basis."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.sensitivity import _poly
from gametheory.sensitivity._engine import polyhedron_bases


def _reference(matrix: np.ndarray) -> list:
    own, other = matrix.shape
    out = []
    for r in range(1, min(own, other) + 1):
        for free in itertools.combinations(range(own), r):
            for tight in itertools.combinations(range(other), r):
                rows = [[matrix[i][j] for i in free] + [(-1,)] for j in tight]
                cof = []
                for col in range(r + 1):
                    d = _poly.determinant([row[:col] + row[col + 1 :] for row in rows])
                    cof.append(_poly.neg(d) if col % 2 else d)
                det = _poly.ZERO
                for c in cof[:r]:
                    det = _poly.add(det, c)
                if not det:
                    continue
                slacks = {}
                for j in range(other):
                    if j not in tight:
                        s = cof[r]
                        for i, n in zip(free, cof[:r], strict=True):
                            s = _poly.sub(s, _poly.mul(matrix[i][j], n))
                        slacks[j] = s
                out.append((det, tuple(cof), slacks))
    return out


# Small integer polynomials; many constants and zeros, as in a model's payoffs in one parameter.
polys = st.lists(st.integers(-3, 3), max_size=3).map(_poly.trim)


@st.composite
def matrices(draw: st.DrawFn) -> np.ndarray:
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    matrix = np.empty((m, n), dtype=object)
    for i in range(m):
        for j in range(n):
            matrix[i, j] = draw(polys)
    if draw(st.booleans()) and m > 1:  # a duplicate strategy: many singular bases
        matrix[m - 1] = matrix[0]
    if draw(st.booleans()) and n > 1:  # a duplicate strategy of the other player
        matrix[:, n - 1] = matrix[:, 0]
    return matrix


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_bases_equal_the_direct_determinants(matrix: np.ndarray) -> None:
    found = [(b.det, (*b.coords.values(), b.value), b.slacks) for b in polyhedron_bases(matrix)]
    assert found == _reference(matrix)


def test_five_by_five_with_parameter() -> None:
    rng = np.random.default_rng(4)
    matrix = np.empty((5, 5), dtype=object)
    for i in range(5):
        for j in range(5):
            matrix[i, j] = _poly.trim(rng.integers(-4, 5, size=int(rng.integers(0, 3))).tolist())
    found = [(b.det, (*b.coords.values(), b.value), b.slacks) for b in polyhedron_bases(matrix)]
    assert found == _reference(matrix)
