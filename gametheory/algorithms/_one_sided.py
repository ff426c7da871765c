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

from collections.abc import Callable
from typing import Any

import numpy as np

from ._exact_keys import Key, _key
from ._float_dd import homogeneous_vertex
from ._float_vertices import certified_tight_sets
from ._lemke_howson import solve_fraction_free
from ._polytope import enumerate_vertices
from ._reverse_search import reverse_search_vertices

__all__: list[str] = []

def one_sided_pairs(
    p_matrix: np.ndarray, q_matrix: np.ndarray, float_pass: bool = False
) -> tuple[list[tuple[Key, Key]], bool]:
    """Every completely labelled pair, enumerating only ``P = {x >= 0, p_matrix x <= 1}``.

    Parameters
    ----------
    p_matrix : numpy.ndarray
        ``B^T`` of shape (n, m), positive Python integers (P's constraints).
    q_matrix : numpy.ndarray
        ``A`` of shape (m, n), positive Python integers (Q's constraints).
    float_pass : bool
        Try the certified floating-point vertex enumeration of P first
        (:func:`._float_vertices.certified_tight_sets`); the exact double description runs
        when it cannot prove P's vertices.

    Returns
    -------
    tuple
        ``(pairs, degenerate)``: the extreme equilibria ``(x, y)``, each distribution as its
        integer weights in lowest terms followed by their sum (``x = w / d``), in the order of
        P's vertices, and whether a degenerate vertex was met.
    """
    proven = certified_tight_sets(p_matrix) if float_pass else None
    if proven is not None:  # P is simple: its vertices' coordinates are solved when needed
        labels, points = [int(v) for v in proven], None
    else:
        vertices = enumerate_vertices(p_matrix)
        labels, points = list(vertices.labels), vertices.points
    search = OneSidedSearch(p_matrix, q_matrix)
    outside = proven_outside(q_matrix, labels)
    pairs = []
    for index, mask in enumerate(labels):
        if outside[index]:  # F(x) is one point, proven outside Q: no pair, nothing degenerate
            search.visited += 1
            continue
        pairs.extend(search.pairs_at(points[index] if points is not None else None, mask))
    return pairs, search.degenerate


#: Below this many vertices of P the faces are all solved exactly (:func:`proven_outside`'s
#: numpy set-up costs more than it saves: a 3x40 game has a few dozen).
_FEW_VERTICES = 64

#: How often (in vertices of P) a streamed search reports progress.
PROGRESS_EVERY = 256


def streamed_pairs(
    p_matrix: np.ndarray, q_matrix: np.ndarray,
    progress: Callable[[int, int | None, int], Any] | None = None,
) -> tuple[list[tuple[Key, Key]], bool, bool]:
    """:func:`one_sided_pairs` with P's vertices found by reverse search, in bounded memory.

    Returns ``(pairs, degenerate, interrupted)``. ``progress``, if given, is called as
    ``progress(visited, None, found)`` (vertices of P visited, completely labelled pairs found;
    the total is not known in advance) at the start, every :data:`PROGRESS_EVERY` vertices and
    at the end.
    Ctrl-C (``KeyboardInterrupt``) stops the search: ``interrupted`` is then True and ``pairs``
    holds the pairs found so far.
    """
    search = OneSidedSearch(p_matrix, q_matrix)
    pairs: list[tuple[Key, Key]] = []
    interrupted = False
    try:
        if progress is not None:
            progress(0, None, 0)
        for point, mask in reverse_search_vertices(p_matrix):
            pairs.extend(search.pairs_at(point, mask))
            if progress is not None and search.visited % PROGRESS_EVERY == 0:
                progress(search.visited, None, len(pairs))
        if progress is not None:
            progress(search.visited, None, len(pairs))
    except KeyboardInterrupt:
        interrupted = True
    return pairs, search.degenerate, interrupted


class OneSidedSearch:
    """The matching of :func:`one_sided_pairs`, one vertex of P at a time (for a search that
    streams P's vertices, :mod:`._reverse_search`).

    Attributes
    ----------
    degenerate : bool
        Whether a degenerate vertex of P, or of a face of Q met, was seen so far.
    visited : int
        Vertices of P seen so far.
    """

    def __init__(self, p_matrix: np.ndarray, q_matrix: np.ndarray) -> None:
        self.n, self.m = p_matrix.shape
        self.q_matrix = q_matrix
        self.q_rows = q_matrix.tolist()  # Python integers: the face solves stay out of numpy
        self.p_rows = p_matrix.tolist()
        self.faces: dict[tuple[int, ...], list[tuple[Key, int, int]]] = {}
        self.degenerate = False
        self.visited = 0

    def pairs_at(self, point: np.ndarray | None, mask: int) -> list[tuple[Key, Key]]:
        """The completely labelled pairs ``(x, y)`` of P's vertex ``point`` (labels ``mask``);
        ``point`` None for a proven simple vertex, whose exact coordinates are then solved
        only if it has a pair."""
        m, n = self.m, self.n
        self.visited += 1
        if mask.bit_count() > m:
            self.degenerate = True
        support = [i for i in range(m) if not mask >> i & 1]
        if not support:
            return []  # the origin
        tight = [j for j in range(n) if mask >> (m + j) & 1]
        found = _face_vertices(self.q_matrix, self.q_rows, support, tight, self.faces)
        if not found:
            return []
        if point is None:
            solved = homogeneous_vertex(self.p_rows, mask, m)
            if solved is None:  # pragma: no cover - a proven vertex's system is nonsingular
                raise AssertionError("a proven vertex of P has no exact solution")
            point = np.array(solved[0], dtype=object)
        x = _key(point[:-1].tolist())
        self.degenerate = self.degenerate or any(labels > n for _, labels in found)
        return [(x, y) for y, _ in found]


def _face_vertices(
    q_matrix: np.ndarray,
    q_rows: list[list[int]],
    support: list[int],
    tight: list[int],
    faces: dict[tuple[int, ...], list[tuple[Key, int, int]]],
) -> list[tuple[Key, int]]:
    """The vertices ``y`` of the face F(x) as :data:`Key`, each with its number of labels."""
    n = q_matrix.shape[1]
    if not tight:
        return []
    if len(tight) == len(support):
        solved = solve_fraction_free([[q_rows[i][j] for j in tight] for i in support])
        if solved is not None:
            # y = w / d on the tight columns, d > 0: every test in integers.
            w, d = solved
            if min(w) < 0:
                return []
            slack = [d - sum(row[j] * v for j, v in zip(tight, w, strict=True)) for row in q_rows]
            if min(slack) < 0:
                return []
            labels = (n - len(tight)) + w.count(0) + slack.count(0)
            y = [0] * n
            for j, v in zip(tight, w, strict=True):
                y[j] = v
            return [(_key(y), labels)]
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
            found.append((_key(y), mask >> k, labels))
        faces[key] = found
    need = sum(1 << i for i in support)
    return [(y, labels) for y, rows, labels in faces[key] if rows & need == need]


def proven_outside(q_matrix: np.ndarray, labels: tuple[int, ...] | list[int]) -> list[bool]:
    """For each simple vertex of P (``labels``), whether its face F(x) of Q is proven empty in
    floating point, so that the exact face solve can be skipped.

    A simple vertex with support S has |S| tight columns J; F(x) is the one point solving
    ``A_{SJ} y_J = 1`` when that matrix is nonsingular, and it is empty when a coordinate or
    a row's slack of that point is negative. Both are decided with rigorous error bounds
    (:func:`._verified_solve.verified_solutions`); anything not proven (a singular or
    ill-conditioned system, a sign within the bound, a degenerate vertex, entries above
    2**40) is False and takes the exact path, so the pairs found are exactly those of the
    exact face solves.
    """
    from ._float_dd import CHUNK
    from ._float_vertices import _MAX_ENTRY
    from ._verified_solve import slack_signs, verified_solutions

    m, n = q_matrix.shape
    out = np.zeros(len(labels), dtype=bool)
    if len(labels) < _FEW_VERTICES or max(int(v) for v in q_matrix.flat) > _MAX_ENTRY:
        return out.tolist()  # few vertices: the exact solves are cheaper than the set-up
    bits = _label_bits(labels, m + n)  # (v, m + n) bool
    zero, tight = bits[:, :m], bits[:, m:]
    sizes = m - zero.sum(axis=1)
    # Simple vertices (exactly m labels) other than the origin; the rest take the exact path.
    candidate = (bits.sum(axis=1) == m) & (sizes > 0)
    padded = np.zeros((m + 1, n + 1))
    padded[:m, :n] = np.asarray(q_matrix, dtype=np.float64)
    row_norms = padded.sum(axis=1)
    for s in np.unique(sizes[candidate]).tolist():
        group = np.flatnonzero(candidate & (sizes == s))
        for start in range(0, len(group), CHUNK):  # bounded memory
            indices = group[start : start + CHUNK]
            # Row-major nonzero: each vertex's support (tight columns) in increasing order.
            rows = np.nonzero(~zero[indices])[1].reshape(len(indices), s)
            cols = np.nonzero(tight[indices])[1].reshape(len(indices), s)
            y, delta, proven = verified_solutions(padded, rows, cols, s)
            negative = (y < -2.0 * delta[:, None]).any(axis=1)
            signs = slack_signs(padded, row_norms, rows, cols, y, delta)
            out[indices] = proven & (negative | (signs == -1).any(axis=1))
    return out.tolist()


def _label_bits(labels: tuple[int, ...] | list[int], width: int) -> np.ndarray:
    """Bit masks (Python integers of any width) as a (len, width) boolean array."""
    from ._float_dd import mask_bits

    words = (width + 63) // 64
    raw = np.array([[(mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(words)]
                    for mask in labels], dtype=np.uint64)
    return mask_bits(raw, width)
