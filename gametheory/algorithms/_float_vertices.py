"""Vertices of a best-response polytope found in floating point and proven exactly.

The polytope is ``P = {z in R^d : z >= 0, C z <= 1}`` for a matrix ``C`` (k x d) of positive
integers, as in :mod:`._polytope`. Its vertices are enumerated in floating point by the double
description method of :mod:`._polytope` run on float64 rays (the same adjacency test on the same
bit masks; signs decided with a small tolerance, rays rescaled to a largest entry of 1): several
times faster than the exact one, as fast as qhull on small polytopes and faster on large ones.
Floating point can misclassify a tight constraint, so nothing it finds is trusted: the tight
sets are *proven* to be all the vertices of P, or :func:`certified_tight_sets` returns None and
the caller runs the exact double description (:mod:`._polytope`):

1. Each tight set ``T`` (d constraints) defines one point: the free coordinates
   ``S = {i : z_i >= 0 not in T}`` solve ``C_{J,S} z_S = 1`` (J: the rows of C in T). With an
   approximate inverse ``R`` of ``K = C_{J,S}`` and rigorous bounds on every rounding error
   (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed. 2002, section 3.5:
   ``|fl(A B) - A B| <= gamma_s |A| |B|`` with ``gamma_s = s u / (1 - s u)``),
   ``||I - R K|| < 1`` proves ``K`` nonsingular and bounds ``||K^{-1}||`` (Higham, section
   14.1 / Rump's verification method), hence the error ``|z - z~|`` of the float solution.
   The point is proven a *simple* vertex with tight set exactly ``T`` when every free
   coordinate exceeds the error bound and every other constraint's slack exceeds its bound.
2. Every vertex of a simple polytope has exactly d edges, one per tight constraint dropped;
   the edge's other end has the d - 1 remaining constraints tight. If for every proven vertex
   ``T`` and every ``i in T`` another proven vertex contains ``T - {i}`` (so each "drop one" set
   occurs exactly twice), that vertex is the edge's other end (a point of an edge's relative
   interior is no vertex), so the proven set is closed under adjacency. The graph of a polytope
   is connected (Balinski, 1961), so the set holds every vertex, and every vertex is simple.

The result is then exact: the vertex set, the tight sets and nondegeneracy are proven; only the
coordinates of the vertices an equilibrium needs are then computed, in integers, by the caller.
The rounding-error model holds for any summation order and for fused multiply-add (BLAS), and
every bound is doubled as a margin for the rounding of the bounds' own computation. Degenerate
and near-degenerate polytopes fail the proof (a degenerate vertex has more than d tight
constraints) and take the exact method.
"""

from __future__ import annotations

import numpy as np

from ._verified_solve import slack_signs, verified_solutions

__all__: list[str] = []

#: Entries of C up to this bound are exact floats and keep the rounding analysis far from
#: overflow; larger ones take the exact method.
_MAX_ENTRY = 2**40
#: Tight sets are bit masks in one uint64 word: d + k labels at most.
_MAX_LABELS = 64
#: The float enumeration tests up to this many (inside, outside) pairs of rays at once (a
#: grid of bit masks; cheaper than the exact method's key matching when rays are cheap).
_SMALL_GRID = 65536
#: The float enumeration gives up (the exact one runs) when more rays than this are
#: degenerate at once (on 120 random polytopes of dimension 8 to 12 with entries 1..10 to
#: 1..1000, no simple one was given up with 8; more rays only cost time on degenerate ones).
_DEGENERATE_RAYS = 8
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
        None if the polytope is degenerate, too close to degenerate for the proof, or has more
        than 64 labels or entries above 2**40. The order is the enumeration's.
    """
    k, d = matrix.shape
    if d < 2 or d + k > _MAX_LABELS:
        return None
    if max(int(v) for v in matrix.flat) > _MAX_ENTRY:
        return None
    c = np.asarray(matrix, dtype=np.float64)
    masks = _float_masks(c)
    if masks is None:
        return None
    tight = _tight_sets(masks, d, k)
    if tight is None:
        return None
    bits = np.left_shift(np.uint64(1), tight.astype(np.uint64))
    if len(np.unique(masks)) != len(masks):
        return None
    if not _closed_under_adjacency(masks, bits):
        return None
    if not _all_simple_vertices(c, tight):
        return None
    return masks


def _float_masks(c: np.ndarray) -> np.ndarray | None:
    """The vertices' tight sets (uint64 masks) by the double description method in float64,
    or None once more than :data:`_DEGENERATE_RAYS` rays lie on a constraint's hyperplane
    beyond their d (a degenerate polytope, most likely).

    As :func:`._polytope.enumerate_vertices`, with float rays: a ray's slack counts as zero
    within ``1e-9`` times the size of its terms; rays are rescaled to a largest entry of 1."""
    from ._polytope import adjacent_pairs

    k, d = c.shape
    rays = np.zeros((d + 1, d + 1))
    rays[0, d] = 1.0
    all_zero = (1 << d) - 1
    masks = np.array([[all_zero]] + [[(all_zero & ~(1 << i)) | (1 << d)] for i in range(d)],
                     dtype=np.uint64)
    for i in range(d):
        rays[i + 1, i] = 1.0
        rays[i + 1, d] = c[0, i]
    rays /= np.abs(rays).max(axis=1, keepdims=True)
    for row in range(1, k):
        label = np.uint64(1) << np.uint64(d + row)
        product = rays[:, :d] @ c[row]
        values = rays[:, d] - product
        tolerance = 1e-9 * (np.abs(rays[:, d]) + np.abs(product))
        pos = np.flatnonzero(values > tolerance)
        neg = np.flatnonzero(values < -tolerance)
        zero = np.flatnonzero(np.abs(values) <= tolerance)
        if len(zero):
            # Vertices on the new hyperplane (degenerate so far). A few occur in small
            # integers and may be cut off later; more mean a degenerate polytope, on which
            # the adjacency test is slow and the proof fails: stop then.
            masks[zero] |= label
            if (np.bitwise_count(masks[:, 0]) > d).sum() > _DEGENERATE_RAYS:
                return None
        if len(neg) == 0:
            continue
        pi, qi, common = adjacent_pairs(masks, pos, neg, d, _SMALL_GRID)
        keep = np.concatenate([pos, zero])
        combined = values[pi][:, None] * rays[qi] - values[qi][:, None] * rays[pi]
        combined /= np.abs(combined).max(axis=1, keepdims=True)
        rays = np.concatenate([rays[keep], combined])
        masks = np.concatenate([masks[keep], common | label])
    return masks[:, 0]


def mask_bits(masks: np.ndarray, width: int) -> np.ndarray:
    """Bit masks as a (len, width) boolean array: ``masks`` uint64 of shape (v,), or (v, w)
    for masks of w words (least significant word first)."""
    words = masks.reshape(len(masks), -1)
    shifts = np.arange(64, dtype=np.uint64)
    bits = ((words[:, :, None] >> shifts[None, None, :]) & np.uint64(1)).astype(bool)
    return bits.reshape(len(masks), -1)[:, :width]


def _tight_sets(masks: np.ndarray, d: int, k: int) -> np.ndarray | None:
    """The masks as a (vertices, d) array of sorted constraint indices, or None unless every
    mask has exactly d bits (a degenerate vertex, or a misclassified sign)."""
    bits = mask_bits(masks, d + k)
    if not (bits.sum(axis=1) == d).all():
        return None
    return np.nonzero(bits)[1].reshape(len(masks), d)


def _closed_under_adjacency(masks: np.ndarray, bits: np.ndarray) -> bool:
    """Whether each "drop one tight constraint" set occurs exactly twice (step 2)."""
    drop_one = (masks[:, None] & ~bits).ravel()
    _, counts = np.unique(drop_one, return_counts=True)
    return bool((counts == 2).all())


#: Vertices with fewer free coordinates are checked together with larger ones, padded with an
#: identity block (exact), until a batch holds this many: fewer numpy calls on small polytopes.
_BATCH = 512
#: At most this many systems are checked at once (a few arrays of s x s floats each).
_CHUNK = 16384


def _all_simple_vertices(c: np.ndarray, tight: np.ndarray) -> bool:
    """Whether every tight set defines a simple vertex with exactly that tight set (step 1)."""
    k, d = c.shape
    sizes = (tight >= d).sum(axis=1)  # rows of C in each tight set (= free coordinates)
    # C with a zero row k and a zero column d appended: the padding's index.
    padded = np.zeros((k + 1, d + 1))
    padded[:k, :d] = c
    row_norms = np.append(c.sum(axis=1), 0.0)  # ||C_j||_1 (C is positive), exact
    pending: list[np.ndarray] = []
    count = 0
    levels = [s for s in np.unique(sizes).tolist() if s > 0]  # s = 0: the origin, slack 1
    for at, s in enumerate(levels):
        group = np.flatnonzero(sizes == s)
        pending.append(group)
        count += len(group)
        if count < _BATCH and at + 1 < len(levels):
            continue
        batch = np.concatenate(pending)
        for start in range(0, len(batch), _CHUNK):  # bounded memory on large polytopes
            part = batch[start : start + _CHUNK]
            rows, cols = _padded_systems(tight, sizes, part, s, d, k)
            if not _group_is_simple(padded, row_norms, rows, cols, s):
                return False
        pending, count = [], 0
    return True


def _padded_systems(
    tight: np.ndarray, sizes: np.ndarray, group: np.ndarray, s: int, d: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The rows of C (padded with ``k``) and the free coordinates (padded with ``d``) of the
    tight sets ``group``, each with at most s of each, as two (g, s) index arrays."""
    g = len(group)
    sets = tight[group]  # sorted: the rows of C come last
    own = sizes[group]
    position = np.arange(d)[None, :]
    is_row = position >= (d - own)[:, None]
    rows = np.full((g, s), k)
    cols = np.full((g, s), d)
    # Row r of a tight set with t rows goes to slot r - (d - t) (the first t slots).
    at, where = np.nonzero(is_row)
    rows[at, where - (d - own[at])] = sets[at, where] - d
    free = np.ones((g, d), dtype=bool)
    at, where = np.nonzero(~is_row)
    free[at, sets[at, where]] = False
    at, where = np.nonzero(free)  # row-major: each vertex's free coordinates in order
    slot = np.arange(len(at)) - np.repeat(np.cumsum(own) - own, own)
    cols[at, slot] = where
    return rows, cols


def _group_is_simple(
    padded: np.ndarray, row_norms: np.ndarray, rows: np.ndarray, cols: np.ndarray, s: int
) -> bool:
    """Step 1 for a batch of tight sets, each system padded to size s with an identity block.

    The padded system ``[[K, 0], [0, I]] z = 1`` has the vertex's free coordinates first and
    ones after: its error bound holds for the vertex."""
    k = padded.shape[0] - 1
    z, delta, proven = verified_solutions(padded, rows, cols, s)
    if not proven.all() or not (z.min(axis=1) > 2.0 * delta).all():
        return False
    strict = slack_signs(padded, row_norms, rows, cols, z, delta) > 0
    strict[np.arange(len(rows))[:, None], rows] = True  # the rows of T are tight by construction
    return bool(strict[:, :k].all())


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
        The extreme equilibria as pairs of :data:`._one_sided.Key` (unsorted), or None when
        either polytope's vertex set could not be proven (:func:`certified_tight_sets`), e.g.
        in a degenerate game: the caller then enumerates exactly.

    Both polytopes proven simple means the game is nondegenerate, so a vertex pair is
    completely labelled exactly when Q's labels are the complement of P's (a bit-mask match);
    the coordinates of the matched vertices only are then solved in integers.
    """
    from ._one_sided import _key

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
    from ._lemke_howson import solve_fraction_free

    k, d = matrix.shape
    out: list[list[int] | None] = [None] * len(masks)
    if not len(masks):
        return []
    if len(masks) < _MANY_SYSTEMS:  # one by one: the batch's numpy set-up costs more
        rows_of = matrix.tolist()
        for index, mask in enumerate(masks.tolist()):
            free = [i for i in range(d) if not mask >> i & 1]
            tight = [j for j in range(k) if mask >> (d + j) & 1]
            solved = solve_fraction_free([[rows_of[j][i] for i in free] for j in tight])
            if solved is None or min(solved[0]) <= 0:
                return None
            weights = [0] * d
            for i, w in zip(free, solved[0], strict=True):
                weights[i] = w
            out[index] = weights
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
