"""Exact vertex enumeration of the polytopes {z >= 0, C z <= 1} by the double description method.

Written by hand because no exact, pip-installable enumerator exists: pycddlib's exact mode needs
GMP and cddlib to compile, lrslib is a C program, and scipy's qhull works in floating point,
which misclassifies the tight constraints of degenerate games (the normal case for payoffs typed
by hand). Here every ray is a primitive integer vector (Python integers, so no overflow), signs
are exact, and adjacency is decided combinatorially, which is exact for an exact ray set.

The method (Motzkin et al., 1953; Fukuda and Prodon, 1996) starts from the simplex cut off by the
first inequality and adds the others one at a time. Rays strictly inside a new half-space are
kept, those on its boundary are kept and gain the new label, those outside are dropped, and each
pair (inside, outside) of *adjacent* rays gives one new ray on the boundary. Two rays are
adjacent when no third ray's zero set contains the intersection of their zero sets. The work is
vectorised with numpy: zero sets are bit masks in ``uint64`` words, coordinates are object
arrays of Python integers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Vertices", "enumerate_vertices"]

_WORD = 64
# Largest number of (candidate pair x ray) containment tests done at once, to bound memory.
_BLOCK = 1 << 21
# Up to this many (inside, outside) pairs the grid of pairs is tested at once (a few numpy
# calls) instead of matching "drop one zero" keys (sorting, more calls, less work).
_SMALL_GRID = 4096


@dataclass(frozen=True)
class Vertices:
    """The vertices of {z in R^d : z >= 0, C z <= 1}.

    Attributes
    ----------
    points : numpy.ndarray
        Object array of shape (v, d + 1) of Python integers: row r is the primitive integer
        vector ``(w_1, ..., w_d, t)`` with ``t > 0``, and the vertex is ``w / t``.
    labels : tuple of int
        The zero set of each vertex as a bit mask over ``d + k`` labels: bit ``i < d`` means
        ``z_i = 0``, bit ``d + j`` means the ``j``-th row of C is tight.
    """

    points: np.ndarray
    labels: tuple[int, ...]


def _bit(label: int, words: int) -> np.ndarray:
    mask = np.zeros(words, dtype=np.uint64)
    mask[label // _WORD] = np.uint64(1) << np.uint64(label % _WORD)
    return mask


def _normalise(rays: np.ndarray) -> np.ndarray:
    """Divide each (non-negative, non-zero) integer row by the gcd of its entries."""
    g = np.gcd.reduce(rays, axis=1)
    return rays // g[:, None]


def enumerate_vertices(
    matrix: np.ndarray, progress: Callable[[int, int], Any] | None = None
) -> Vertices:
    """All vertices of the polytope {z >= 0, C z <= 1} for a matrix C of positive integers.

    Parameters
    ----------
    matrix : numpy.ndarray
        Integer matrix C of shape (k, d), every entry positive (so the polytope is bounded).
    progress : callable, optional
        Called as ``progress(added, k)`` after each of the k constraints is added.

    Returns
    -------
    Vertices
        In a deterministic order (that of the enumeration).

    Examples
    --------
    The unit square scaled by 1/2, {z >= 0, 2 z_1 <= 1, 2 z_2 <= 1}, has only the first
    constraint's rows positive in both coordinates; with C = [[2, 1], [1, 2]] the polytope is
    a quadrilateral:

    >>> v = enumerate_vertices(np.array([[2, 1], [1, 2]], dtype=object))
    >>> sorted(tuple(int(c) for c in row) for row in v.points)
    [(0, 0, 1), (0, 1, 2), (1, 0, 2), (1, 1, 3)]
    """
    matrix = np.asarray(matrix, dtype=object)
    k, d = matrix.shape
    words = (d + k + _WORD - 1) // _WORD

    # The simplex {z >= 0, C_0 z <= 1}: the origin and z = e_i / C_0i, homogenised as (w, t).
    rays = np.zeros((d + 1, d + 1), dtype=object)
    rays[0, d] = 1
    full = (1 << d) - 1
    initial = [full] + [(full & ~(1 << i)) | (1 << d) for i in range(d)]
    masks = np.array(
        [[(mask >> (_WORD * w)) & (2**_WORD - 1) for w in range(words)] for mask in initial],
        dtype=np.uint64,
    )
    for i in range(d):
        rays[i + 1, i] = 1
        rays[i + 1, d] = matrix[0, i]
    rays = _normalise(rays)

    if progress is not None:
        progress(1, k)
    for row in range(1, k):
        if progress is not None and row > 1:
            progress(row, k)
        label = _bit(d + row, words)
        # Slack of the new inequality C_row w <= t at every ray, exactly.
        values = rays[:, d] - rays[:, :d].dot(matrix[row])
        signs = np.array([(v > 0) - (v < 0) for v in values], dtype=np.int8)
        pos = np.flatnonzero(signs > 0)
        zero = np.flatnonzero(signs == 0)
        neg = np.flatnonzero(signs < 0)
        if len(neg) == 0:
            masks[zero] |= label
            continue
        new_rays, new_masks = _new_rays(rays, masks, values, pos, neg, d)
        masks[zero] |= label
        keep = np.concatenate([pos, zero])
        if len(new_rays):
            new_masks |= label
            rays = np.concatenate([rays[keep], new_rays])
            masks = np.concatenate([masks[keep], new_masks])
        else:
            rays, masks = rays[keep], masks[keep]

    if progress is not None and k > 1:
        progress(k, k)
    if words == 1:
        labels = tuple(masks[:, 0].tolist())
    else:
        labels = tuple(sum(int(w) << (_WORD * i) for i, w in enumerate(m)) for m in masks)
    return Vertices(points=rays, labels=labels)


def _new_rays(
    rays: np.ndarray,
    masks: np.ndarray,
    values: np.ndarray,
    pos: np.ndarray,
    neg: np.ndarray,
    d: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The rays on the new hyperplane from adjacent (inside, outside) pairs."""
    pi, qi, common = adjacent_pairs(masks, pos, neg, d)
    if len(pi) == 0:
        return np.empty((0, d + 1), dtype=object), np.empty((0, masks.shape[1]), np.uint64)
    # v_p > 0 > v_q: the combination v_p r_q - v_q r_p has zero slack and non-negative entries.
    vp = values[pi][:, None]
    vq = values[qi][:, None]
    combined = vp * rays[qi] - vq * rays[pi]
    return _normalise(combined), common


def adjacent_pairs(
    masks: np.ndarray, pos: np.ndarray, neg: np.ndarray, d: int, small_grid: int = _SMALL_GRID
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The adjacent (inside, outside) pairs of rays, as two index arrays, and the zero set
    they share (the new ray's labels before the new constraint's). Up to ``small_grid``
    (inside, outside) pairs the whole grid is tested at once."""
    counts = np.bitwise_count(masks).sum(axis=1)
    # A ray with exactly d zeros is simple: its d tight constraints are independent, so a pair
    # with a simple member spans an edge exactly when it shares d - 1 zeros. Only pairs of two
    # degenerate rays need the combinatorial test (no third ray's zero set contains the common
    # zero set).
    if masks.shape[1] == 1 and len(pos) * len(neg) > small_grid:
        pi, qi = _pairs_single_word(masks[:, 0], counts, pos, neg, d)
    elif masks.shape[1] == 1:  # few pairs: the whole grid in one step is cheaper
        grid = np.bitwise_count(masks[pos, 0][:, None] & masks[neg, 0][None, :])
        a, b = np.nonzero(grid >= d - 1)
        pi, qi = pos[a], neg[b]
    else:
        pi, qi = _pairs_grid(masks, pos, neg, d)
    common = masks[pi] & masks[qi]
    doubtful = np.flatnonzero((counts[pi] > d) & (counts[qi] > d))
    if len(doubtful):
        adjacent = np.ones(len(pi), dtype=bool)
        step = max(1, _BLOCK // max(1, len(masks)))
        for start in range(0, len(doubtful), step):
            rows = doubtful[start : start + step]
            block = common[rows]
            contains = ((masks[None, :, :] & block[:, None, :]) == block[:, None, :]).all(axis=2)
            adjacent[rows] = contains.sum(axis=1) == 2
        pi, qi, common = pi[adjacent], qi[adjacent], common[adjacent]
    return pi, qi, common


def _pairs_grid(
    masks: np.ndarray, pos: np.ndarray, neg: np.ndarray, d: int
) -> tuple[np.ndarray, np.ndarray]:
    """(pos, neg) pairs sharing at least d - 1 zeros, by testing the grid block by block.

    Each block holds at most ``_BLOCK`` (pos, neg) pairs, so memory stays bounded however many
    rays there are (a whole grid of a large game needs terabytes).
    """
    step = max(1, _BLOCK // max(1, len(neg) * masks.shape[1]))
    neg_masks = masks[neg][None, :, :]
    a_parts, b_parts = [], []
    for start in range(0, len(pos), step):
        grid = masks[pos[start : start + step]][:, None, :] & neg_masks
        a, b = np.nonzero(np.bitwise_count(grid).sum(axis=2) >= d - 1)
        a_parts.append(pos[start + a])
        b_parts.append(neg[b])
    if not a_parts:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty
    return np.concatenate(a_parts), np.concatenate(b_parts)


def _pairs_single_word(
    masks: np.ndarray, counts: np.ndarray, pos: np.ndarray, neg: np.ndarray, d: int
) -> tuple[np.ndarray, np.ndarray]:
    """(pos, neg) pairs sharing at least d - 1 zeros, for masks in one word.

    Two simple rays share d - 1 zeros exactly when dropping one zero from each gives the same
    set, so those pairs are found by matching the d "drop one zero" keys of every simple ray
    (sorting, O(r d log r)) instead of testing all |pos| x |neg| pairs. Pairs with a degenerate
    ray are tested on their (small) part of the grid.
    """
    simple_pos, simple_neg = pos[counts[pos] == d], neg[counts[neg] == d]
    deg_pos, deg_neg = pos[counts[pos] > d], neg[counts[neg] > d]
    pi_parts, qi_parts = [], []
    if len(simple_pos) and len(simple_neg):
        width = int(masks[np.concatenate([simple_pos, simple_neg])].max()).bit_length()
        kp, rp = _drop_one_keys(masks[simple_pos], simple_pos, width)
        kn, rn = _drop_one_keys(masks[simple_neg], simple_neg, width)
        # A key (d - 1 independent constraints: one 2-face) is shared by at most two simple
        # rays, so after one stable sort the matches are neighbours, one from each side.
        keys = np.concatenate([kp, kn])
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        first = np.flatnonzero((ordered[1:] == ordered[:-1]) & (order[:-1] < len(kp))
                               & (order[1:] >= len(kp)))
        pi_parts.append(rp[order[first]])
        qi_parts.append(rn[order[first + 1] - len(kp)])
    for left, right in ((deg_pos, neg), (simple_pos, deg_neg)):
        if len(left) and len(right):
            a, b = _pairs_grid(masks[:, None], left, right, d)
            pi_parts.append(a)
            qi_parts.append(b)
    if not pi_parts:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty
    return np.concatenate(pi_parts), np.concatenate(qi_parts)


def _drop_one_keys(
    masks: np.ndarray, index: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """For rays with exactly d zeros: every mask with one zero removed, and its ray's index
    (``width``: the labels in use, at most one word)."""
    bits = np.arange(width, dtype=np.uint64)
    present = ((masks[:, None] >> bits[None, :]) & np.uint64(1)).astype(bool)
    rows, cols = np.nonzero(present)  # d entries per row, in row order
    keys = masks[rows] & ~(np.uint64(1) << cols.astype(np.uint64))
    return keys, index[rows]
