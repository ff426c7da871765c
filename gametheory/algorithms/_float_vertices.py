"""The certified floating-point pass of the exact method: proven vertex sets, then equilibria.

:func:`certified_tight_sets` gives the tight sets of every vertex of a best-response polytope
``{z >= 0, C z <= 1}`` (C positive integers), found by the double description method in
floating point with every decision proven (:mod:`._float_dd`), or None where the proof does not
go through (a degenerate or near-degenerate polytope, large entries): the caller then runs the
exact double description (:mod:`._polytope`). :func:`float_pass_pairs` matches the proven tight
sets of both polytopes of a nondegenerate game, and :func:`vertex_weights` solves the matched
vertices' coordinates in integers.
"""

from __future__ import annotations

import numpy as np

from ._float_dd import homogeneous_vertex, mask_bits, proven_rays

__all__: list[str] = []

#: Entries of C up to this bound are exact floats and keep the rounding analysis far from
#: overflow; larger ones take the exact method.
_MAX_ENTRY = 2**40
#: Tight sets are bit masks in one uint64 word: d + k labels at most.
_MAX_LABELS = 64
#: From this many matched vertices their coordinates are solved in batches.
_MANY_SYSTEMS = 64


def certified_tight_sets(matrix: np.ndarray) -> np.ndarray | None:
    """The tight sets of every vertex of ``{z >= 0, C z <= 1}``, proven, or None.

    Parameters
    ----------
    matrix : numpy.ndarray
        C, shape (k, d), positive integers (object or integer dtype).

    Returns
    -------
    numpy.ndarray or None
        uint64 bit masks, one per vertex, over the d + k labels of :class:`._polytope.Vertices`
        (bit ``i < d``: ``z_i = 0``; bit ``d + j``: row j of C tight), each with exactly d bits;
        None if the polytope is degenerate, too close to degenerate (or too ill-conditioned)
        for the proof, or has more than 64 labels or entries above 2**40. The order is the
        enumeration's.
    """
    k, d = matrix.shape
    if d < 2 or d + k > _MAX_LABELS:
        return None
    if max(int(v) for v in matrix.flat) > _MAX_ENTRY:
        return None
    c = np.asarray(matrix, dtype=np.float64)
    proven = proven_rays(c)
    if proven is None:
        return None
    masks = proven[0]
    if not (np.bitwise_count(masks) == d).all():  # pragma: no cover - simple by construction
        return None
    return masks


def float_pass_pairs(
    p_matrix: np.ndarray, q_matrix: np.ndarray
) -> list[tuple[tuple[int, ...], tuple[int, ...]]] | None:
    """Every completely labelled pair of a nondegenerate game from the proven tight sets.

    Parameters
    ----------
    p_matrix, q_matrix : numpy.ndarray
        ``B^T`` (n x m) and ``A`` (m x n), positive integers: ``P = {x >= 0, B^T x <= 1}`` and
        ``Q = {y >= 0, A y <= 1}`` as in :mod:`.exact`.

    Returns
    -------
    list or None
        The extreme equilibria as pairs of :data:`._exact_keys.Key` (unsorted), or None when
        either polytope's vertex set could not be proven (:func:`certified_tight_sets`), e.g.
        in a degenerate game: the caller then enumerates exactly.

    Both polytopes proven simple means the game is nondegenerate, so a vertex pair is
    completely labelled exactly when Q's labels are the complement of P's (a bit-mask match);
    the coordinates of the matched vertices only are then solved in integers.
    """
    from ._exact_keys import _key

    n, m = p_matrix.shape
    if m + n > _MAX_LABELS:
        return None
    p_masks = certified_tight_sets(p_matrix)
    if p_masks is None:
        return None
    q_own = certified_tight_sets(q_matrix)
    if q_own is None:
        return None
    # Q's own labels (bit j: y_j = 0, bit n + i: row i tight) to the game's labels.
    low = np.uint64((1 << n) - 1)
    q_masks = (q_own >> np.uint64(n)) | ((q_own & low) << np.uint64(m))
    full = np.uint64((1 << (m + n)) - 1)
    need = full ^ p_masks
    _, at_p, at_q = np.intersect1d(need, q_masks, assume_unique=True, return_indices=True)
    # The pair (0, 0) is completely labelled but no equilibrium.
    real = p_masks[at_p] != np.uint64((1 << m) - 1)
    at_p, at_q = at_p[real], at_q[real]
    xs = vertex_weights(p_matrix, p_masks[at_p])
    ys = vertex_weights(q_matrix, q_own[at_q])
    if xs is None or ys is None:  # pragma: no cover - the systems are proven nonsingular
        return None
    return [(_key(x), _key(y)) for x, y in zip(xs, ys, strict=True)]


def vertex_weights(matrix: np.ndarray, masks: np.ndarray) -> list[list[int]] | None:
    """Exact integer weights proportional to the (simple, nonzero) vertices of
    ``{z >= 0, C z <= 1}`` with tight sets ``masks`` (uint64, d bits each): the free
    coordinates S solve ``C_{J,S} z_S = 1`` (J: the tight rows) by fraction-free elimination,
    all systems of one size at once when there are many
    (:func:`._bareiss.solve_fraction_free_many`). None if a system is singular or a free
    coordinate is not positive (not a simple vertex)."""
    from ._bareiss import solve_fraction_free_many

    k, d = matrix.shape
    out: list[list[int] | None] = [None] * len(masks)
    if not len(masks):
        return []
    if len(masks) < _MANY_SYSTEMS:  # one by one: the batch's numpy set-up costs more
        rows_of = matrix.tolist()
        for index, mask in enumerate(masks.tolist()):
            solved = homogeneous_vertex(rows_of, mask, d)
            if solved is None or min(solved[0][i] for i in solved[1]) <= 0:
                return None
            out[index] = solved[0][:d]
        return out  # type: ignore[return-value]
    if max(int(v) for v in matrix.flat) < 2**62:
        matrix = np.asarray(matrix, dtype=np.int64)  # faster indexing, and Bareiss in int64
    bits = mask_bits(masks, d + k)
    free = ~bits[:, :d]
    sizes = free.sum(axis=1)
    if not (bits[:, d:].sum(axis=1) == sizes).all() or not sizes.all():
        return None
    for s in np.unique(sizes).tolist():
        group = np.flatnonzero(sizes == s)
        cols = np.nonzero(free[group])[1].reshape(len(group), s)
        rows = np.nonzero(bits[group, d:])[1].reshape(len(group), s)
        solved = solve_fraction_free_many(matrix[rows[:, :, None], cols[:, None, :]])
        if solved is None:
            return None
        numerators = solved[0]
        if (numerators <= 0).any():
            return None
        weights = np.zeros((len(group), d), dtype=object)
        np.put_along_axis(weights, cols, numerators, axis=1)
        for index, row in zip(group.tolist(), weights.tolist(), strict=True):
            out[index] = row
    return out  # type: ignore[return-value]
