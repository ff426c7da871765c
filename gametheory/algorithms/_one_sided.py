"""Extreme equilibria of a rectangular game from one best-response polytope.

Method (Avis, Rosenberg, Savani and von Stengel, 2010, section 5, as lrsnash does)
-------------------------------------------------------------------------------
In an m x n game with m < n the polytope ``P`` of the row player (dimension m) has far fewer
vertices than ``Q`` (dimension n). Only ``P`` is enumerated. A vertex ``x`` of ``P`` with
support ``S`` and best-response columns ``J`` (its tight columns) is completely labelled with
exactly the vertices of the face

.. math::

    F(x) = \\{y \\in Q : y_j = 0 \\ (j \\notin J),\\ (A y)_i = 1 \\ (i \\in S)\\}

of ``Q``. When ``|S| = |J|`` and ``A_{SJ}`` is nonsingular, ``F(x)`` is at most one point,
solved exactly (fraction-free elimination). Otherwise (a degenerate vertex, or a singular
system) the vertices of ``F(x)`` are those of the small polytope
``{z in R^J : z >= 0, A_{.J} z <= 1}`` that make every row of ``S`` tight, enumerated exactly by
:mod:`._polytope` (once per set ``J``). Either way the pairs are exactly those that
enumerating both polytopes finds; degeneracy of ``Q`` is seen only where it meets an
equilibrium.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ._lemke_howson import _solve_integer
from ._polytope import enumerate_vertices

__all__: list[str] = []

Vector = tuple[Fraction, ...]


def _distribution(values: list) -> Vector:
    total = sum(values)
    return tuple(Fraction(v) / total for v in values)


def one_sided_pairs(
    p_matrix: np.ndarray, q_matrix: np.ndarray
) -> tuple[list[tuple[Vector, Vector]], bool]:
    """Every completely labelled pair, enumerating only ``P = {x >= 0, p_matrix x <= 1}``.

    Parameters
    ----------
    p_matrix : numpy.ndarray
        ``B^T`` of shape (n, m), positive Python integers (P's constraints).
    q_matrix : numpy.ndarray
        ``A`` of shape (m, n), positive Python integers (Q's constraints).

    Returns
    -------
    tuple
        ``(pairs, degenerate)``: the extreme equilibria as probability vectors ``(x, y)``, in
        the order of P's vertices, and whether a degenerate vertex was met.
    """
    n, m = p_matrix.shape
    vertices = enumerate_vertices(p_matrix)
    degenerate = False
    faces: dict[tuple[int, ...], list[tuple[Vector, int]]] = {}
    pairs: list[tuple[Vector, Vector]] = []
    for point, mask in zip(vertices.points, vertices.labels, strict=True):
        if mask.bit_count() > m:
            degenerate = True
        support = [i for i in range(m) if not mask >> i & 1]
        if not support:
            continue  # the origin
        tight = [j for j in range(n) if mask >> (m + j) & 1]
        x = _distribution([int(v) for v in point[:-1]])
        for y, labels in _face_vertices(q_matrix, support, tight, faces):
            degenerate = degenerate or labels > n
            pairs.append((x, y))
    return pairs, degenerate


def _face_vertices(
    q_matrix: np.ndarray,
    support: list[int],
    tight: list[int],
    faces: dict[tuple[int, ...], list[tuple[Vector, int]]],
) -> list[tuple[Vector, int]]:
    """The vertices ``y`` of the face F(x) as distributions, each with its number of labels."""
    m, n = q_matrix.shape
    if not tight:
        return []
    if len(tight) == len(support):
        solved = _solve_integer([[int(q_matrix[i, j]) for j in tight] for i in support])
        if solved is not None:
            if any(v < 0 for v in solved):
                return []
            y = [Fraction(0)] * n
            for j, v in zip(tight, solved, strict=True):
                y[j] = v
            slack = [1 - sum(q_matrix[i, j] * y[j] for j in tight) for i in range(m)]
            if any(s < 0 for s in slack):
                return []
            labels = sum(v == 0 for v in y) + sum(s == 0 for s in slack)
            return [(_distribution(y), labels)]
    key = tuple(tight)
    if key not in faces:
        sub = enumerate_vertices(np.ascontiguousarray(q_matrix[:, tight]))
        k = len(tight)
        found = []
        for point, mask in zip(sub.points, sub.labels, strict=True):
            if not any(point[:-1]):
                continue
            y = [0] * n
            for j, v in zip(tight, point[:-1], strict=True):
                y[j] = int(v)
            # Zeros outside J, zeros inside J, tight rows.
            labels = (n - k) + (mask & ((1 << k) - 1)).bit_count() + (mask >> k).bit_count()
            found.append((_distribution(y), mask >> k, labels))
        faces[key] = found
    need = sum(1 << i for i in support)
    return [(y, labels) for y, rows, labels in faces[key] if rows & need == need]
