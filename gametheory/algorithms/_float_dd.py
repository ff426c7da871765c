"""The double description method in floating point with every decision proven.

The polytope is ``P = {z in R^d : z >= 0, C z <= 1}`` for a matrix ``C`` (k x d) of positive
integers, as in :mod:`._polytope`. The double description method (Motzkin et al. 1953; Fukuda
and Prodon 1996) adds C's rows one at a time to the cone over P; each step sorts the rays by the
*sign* of their slack for the new row and combines adjacent (positive, negative) pairs, where
adjacency is a test on the rays' zero sets (bit masks, :func:`._polytope.adjacent_pairs`).
Everything but the signs is combinatorial. :func:`proven_rays` runs the method on float64 rays
and *proves* every sign it uses, so it takes exactly the decisions of the exact method and
returns exactly its tight sets, or returns None (the caller then runs the exact method).

**Signs in floating point.** Each float ray ``r`` carries a bound ``e`` with
``r_i = lam r*_i (1 + t_i)``, ``|t_i| <= e``, for the exact ray ``r*`` and some ``lam > 0``
(a componentwise relative error; all rays are non-negative). For a row ``c`` the float slack
``v = r_d - c . r`` then differs from ``lam v*`` by at most ``(e / (1 - e) + g) (r_d + c . r)``
with ``g = gamma_{d+2}`` (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.
2002, section 3.5: ``|fl(x . y) - x . y| <= gamma_n |x| . |y|``, for any summation order and
for fused multiply-add), which proves the sign of ``v*`` when ``|v|`` exceeds it. A new ray
``v_p r_q - v_q r_p`` (``v_p > 0 > v_q``) is a sum of two non-negative terms, so its
componentwise relative error is at most the larger of the two terms' plus the rounding of the
sum and the rescaling. The bounds grow with each combination; a ray whose bound becomes too
large for its sign (``bound > |v| / 4``) is re-derived from its tight set: the free coordinates
solve ``C_{J,S} z_S = 1``, in floating point with a rigorous error bound
(:mod:`._verified_solve`: an approximate inverse R with ``||I - R K|| < 1/2``; Higham, section
14.1), which gives a fresh componentwise bound. Every gamma is doubled and every computed bound
inflated by 1% to cover the rounding of the bounds' own few operations.

**Signs in integers, and zeros.** A slack still too small for its bound, or a ray the verified
solve cannot re-derive (an ill-conditioned system, or a zero coordinate), is decided exactly:
the ray's vertex is solved by fraction-free elimination. An exact zero (a vertex of the polytope cut
by the first rows lies on a later row's hyperplane: common with small integers, e.g. two equal
entries in one column) is decided by a lexicographic perturbation of the right-hand sides,
``C_j z <= 1 + eps^(k - j)`` (Charnes 1952; Chvatal, *Linear Programming*, 1983, ch. 3): the
perturbed polytopes are simple, and as each row's term is of lower order than those of the rows
before it, a zero slack for the row being added is always positive: the ray stays. The float
rays stand for the perturbed vertices' limits (a ray combined from one with a zero slack has
that ray's limit). Each ray also records the labels that are zero at its limit without being
in its tight set; the result is returned only if no final vertex has one. Then every final
limit is a simple vertex of the unperturbed P with exactly the ray's tight set, and every
vertex of P (simple) is such a limit: the tight sets are exactly P's. A degenerate P, or more
than :data:`_EXACT_DECISIONS` exact decisions, returns None.

Only a simple polytope passes. The vertices' coordinates are not needed for the tight sets: the
caller solves, in integers, only those an equilibrium needs. Every vertex coordinate is a ratio
of minors of ``[C 1]``; C's size is bounded up front (Hadamard's bound below 2**500) so that no
float in the method comes near underflow, where relative error bounds would fail.
"""

from __future__ import annotations

import numpy as np

from ._verified_solve import _U, _gamma, verified_solutions

__all__: list[str] = []

#: A ray whose sign bound exceeds ``|v| / _REFRESH`` is re-derived from its tight set; after
#: that every sign decided in floating point has a bound of at most a quarter of ``|v|``.
_REFRESH = 4.0
#: More exact sign decisions than this return None: a degenerate or ill-conditioned polytope,
#: most likely (random polytopes of dimension 6 to 12 with entries up to 30 that pass need at
#: most 5; the dual cyclic ones would need dozens, each a fraction-free solve).
_EXACT_DECISIONS = 8
#: The float enumeration tests up to this many (inside, outside) pairs of rays at once (a
#: grid of bit masks; cheaper than the exact method's key matching when rays are cheap).
_SMALL_GRID = 262144
#: At most this many rays are re-derived at once (a few arrays of s x s floats each).
CHUNK = 16384


def proven_rays(c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The vertices of ``{z >= 0, C z <= 1}`` by the double description method in float64
    with every sign proven (module docstring).

    Parameters
    ----------
    c : numpy.ndarray
        C as float64, shape (k, d): positive integers up to 2**40, d + k <= 64.

    Returns
    -------
    (masks, rays, error) or None
        The vertices' tight sets (uint64 bit masks over the d + k labels of
        :class:`._polytope.Vertices`, d bits each), their float rays (v, d + 1; the last
        entry homogenises) and each ray's componentwise relative error bound. None if the
        polytope is degenerate or a sign cannot be proven (module docstring).
    """
    from ._polytope import adjacent_pairs

    k, d = c.shape
    # Hadamard: every minor of [C 1] is below H = (sqrt(d + 1) max |C|)^(d + 1), so a non-zero
    # coordinate or slack of a vertex is at least 1 / H; with H below 2**500 a product of two
    # stays above float underflow (2**-1022), where relative error bounds would fail.
    if (d + 1) * (0.5 * np.log2(d + 1) + np.log2(max(float(c.max()), 1.0))) > 500:
        return None
    padded = np.zeros((k + 1, d + 1))  # C with a zero row and column: padded_systems' index
    padded[:k, :d] = c
    rays = np.zeros((d + 1, d + 1))
    rays[0, d] = 1.0
    all_zero = (1 << d) - 1
    masks = np.array([all_zero] + [(all_zero & ~(1 << i)) | (1 << d) for i in range(d)],
                     dtype=np.uint64)
    for i in range(d):
        rays[i + 1, i] = 1.0
        rays[i + 1, d] = c[0, i]
    rays /= rays.max(axis=1, keepdims=True)
    error = np.full(d + 1, 2.0 * _U)  # one rounded division each
    # Labels zero at a ray's limit beyond its tight set; None until a zero slack occurs.
    extra: np.ndarray | None = None
    gamma, gamma_sum = _gamma(d + 2), _gamma(3)
    decided = 0
    for row in range(1, k):
        values, bound = _signed_slacks(rays, error, c[row], gamma)
        stale = np.flatnonzero(~(bound * _REFRESH < np.abs(values)))
        zero = None  # the exact zeros (kept: their perturbed slack is positive)
        if len(stale):
            # Re-derived in floating point where the verified solve proves a fresh bound
            # (not where the limit has a zero coordinate, or the system is ill-conditioned).
            failed = _rederive(padded, rays, masks, error, stale)
            fresh = stale[~np.isin(stale, failed)]
            values[fresh], bound[fresh] = _signed_slacks(
                rays[fresh], error[fresh], c[row], gamma)
            undecided = np.concatenate(
                [failed, fresh[~(bound[fresh] * _REFRESH < np.abs(values[fresh]))]])
            decided += len(undecided)
            if decided > _EXACT_DECISIONS:
                return None
            for i in undecided.tolist():
                exact = _exact_slack(c, row, int(masks[i]), d)
                if exact is None:  # pragma: no cover - a proven simple system is nonsingular
                    return None
                rays[i], error[i], values[i] = exact
                bound[i] = 2.0 * _U * abs(values[i])
                if values[i] == 0.0:
                    zero = np.zeros(len(rays), dtype=bool) if zero is None else zero
                    zero[i] = True
        label = np.uint64(1) << np.uint64(d + row)
        if zero is None:
            pos = np.flatnonzero(values > 0)
        else:
            pos = np.flatnonzero((values > 0) | zero)
            if extra is None:
                extra = np.zeros(len(rays), dtype=np.uint64)
            extra[zero] |= label  # on the hyperplane, not in the tight set
        neg = np.flatnonzero(values < 0)
        if len(neg) == 0:
            continue
        pi, qi, common = adjacent_pairs(masks[:, None], pos, neg, d, _SMALL_GRID)
        common = common[:, 0]
        # Each term's relative error: its slack's (rho <= 1/4; 0 for an exact zero, whose
        # term vanishes: the new ray is the zero one's) and its ray's (e' <= rho).
        if zero is None:
            rho = bound / np.abs(values)
        else:
            rho = np.where(zero, 0.0, bound / np.where(zero, 1.0, np.abs(values)))
        combined = values[pi][:, None] * rays[qi] - values[qi][:, None] * rays[pi]
        combined /= combined.max(axis=1, keepdims=True)
        rel = error / (1.0 - error)
        eta = np.maximum(rho[pi] + rel[qi] + rho[pi] * rel[qi],
                         rho[qi] + rel[pi] + rho[qi] * rel[pi]) * 1.01
        new_error = ((1.0 + gamma_sum) / (1.0 - eta) - 1.0) * 1.01
        new_masks = common | label
        if extra is not None:
            # The new limit's zero labels: those of both ends, or those of the end with a
            # zero slack (the limit is that end's; its extra labels hold the new row).
            at_p, at_q = masks[pi] | extra[pi], masks[qi] | extra[qi]
            limit = at_p & at_q if zero is None else np.where(zero[pi], at_p, at_p & at_q)
            extra = np.concatenate([extra[pos], limit & ~new_masks])
        rays = np.concatenate([rays[pos], combined])
        masks = np.concatenate([masks[pos], new_masks])
        error = np.concatenate([error[pos], new_error])
    if extra is not None and extra.any():
        return None  # a vertex with more than d tight constraints: P is degenerate
    return masks, rays, error


def _signed_slacks(
    rays: np.ndarray, error: np.ndarray, row: np.ndarray, gamma: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each ray's float slack ``v = r_d - c . r`` for a row c, and a bound on
    ``|v - lam v*|`` (infinite for a ray whose error bound has reached 1)."""
    product = rays[:, :-1] @ row
    values = rays[:, -1] - product
    size = (rays[:, -1] + product) * (1.0 + gamma)  # >= r_d + c . r, exactly
    with np.errstate(divide="ignore"):
        rel = np.where(error < 1.0, error / (1.0 - error), np.inf)
    return values, (rel + gamma) * size * 1.01


def _exact_slack(
    c: np.ndarray, row: int, mask: int, d: int
) -> tuple[np.ndarray, float, float] | None:
    """A ray's vertex and slack for ``row`` in integers: ``(ray, error, value)``, the ray
    rounded from the exact vertex (error 2u) and the slack rounded on the same scale (0.0
    exactly for a zero, and only then); None if the tight set's system is singular or its
    determinant too large for normal floats."""
    rows = c.astype(np.int64).tolist()  # integers up to 2**40: exact
    solved = homogeneous_vertex(rows, mask, d)
    if solved is None:
        return None
    point, free = solved
    top = max(point)
    if top.bit_length() > 960:  # pragma: no cover - then v / top could be subnormal
        return None
    ray = np.array([v / top for v in point])  # int / int: correctly rounded, normal
    slack = point[d] - sum(rows[row][i] * point[i] for i in free)
    return ray, 2.0 * _U, slack / top


def homogeneous_vertex(
    rows: list[list[int]], mask: int, d: int
) -> tuple[list[int], list[int]] | None:
    """The point of ``{z >= 0, C z <= 1}`` (C as integer ``rows``) with tight set ``mask``, in
    integers: ``(point, free)``, ``point = (w_1, ..., w_d, t)`` with ``z = w / t`` and
    ``t = |det|`` of the tight system, and ``free`` its coordinates not set to zero by the mask
    (they solve ``C_{J,S} z_S = 1``, J the tight rows, by fraction-free elimination). None if
    that system is singular."""
    from ._lemke_howson import solve_fraction_free

    free = [i for i in range(d) if not mask >> i & 1]
    tight = [j for j in range(len(rows)) if mask >> (d + j) & 1]
    solved = solve_fraction_free([[rows[j][i] for i in free] for j in tight])
    if solved is None:
        return None
    numerators, denominator = solved
    point = [0] * (d + 1)
    for i, w in zip(free, numerators, strict=True):
        point[i] = w
    point[d] = denominator
    return point, free


def _rederive(
    padded: np.ndarray, rays: np.ndarray, masks: np.ndarray, error: np.ndarray,
    stale: np.ndarray,
) -> np.ndarray:
    """Replace the rays ``stale`` (in place) by verified solutions of their tight sets, with
    fresh error bounds. Returns the rays left unchanged: those whose system could not be
    proven nonsingular or whose free coordinates could not all be proven positive (an
    ill-conditioned system, or a limit with a zero coordinate); they are decided exactly."""
    k, d = padded.shape[0] - 1, padded.shape[1] - 1
    failed = []
    for start in range(0, len(stale), CHUNK):  # bounded memory on large polytopes
        part = stale[start : start + CHUNK]
        tight = tight_sets(masks[part], d, k)
        if tight is None:  # pragma: no cover - rays of the perturbed polytope are simple
            failed.append(part)
            continue
        sizes = (tight >= d).sum(axis=1)  # rows of C in each tight set (= free coordinates)
        # One padded system per ray, all of the largest size (an identity block pads the
        # smaller ones, exactly): one batched solve instead of one per size.
        s = max(int(sizes.max()), 1)
        rows, cols = padded_systems(tight, sizes, np.arange(len(part)), s, d, k)
        z, delta, proven = verified_solutions(padded, rows, cols, s)
        low = z.min(axis=1)
        good = proven & (low > 2.0 * delta)
        failed.append(part[~good])
        ray = np.zeros((int(good.sum()), d + 1))
        np.put_along_axis(ray, cols[good], z[good], axis=1)  # column d: the padding's...
        ray[:, d] = 1.0  # ... then the homogenising coordinate, exactly 1
        ray /= ray.max(axis=1, keepdims=True)
        rays[part[good]] = ray
        # |z_i - z*_i| <= delta gives z_i = z*_i (1 + t), |t| <= delta / (z_i - delta); the
        # rescaling adds one rounding.
        delta, low = delta[good], low[good]
        error[part[good]] = (delta / (low - delta) * (1.0 + 4 * _U) + 4 * _U) * 1.01
    return np.concatenate(failed) if failed else np.empty(0, dtype=np.intp)


def mask_bits(masks: np.ndarray, width: int) -> np.ndarray:
    """Bit masks as a (len, width) boolean array: ``masks`` uint64 of shape (v,), or (v, w)
    for masks of w words (least significant word first)."""
    words = masks.reshape(len(masks), -1)
    shifts = np.arange(64, dtype=np.uint64)
    bits = ((words[:, :, None] >> shifts[None, None, :]) & np.uint64(1)).astype(bool)
    return bits.reshape(len(masks), -1)[:, :width]


def tight_sets(masks: np.ndarray, d: int, k: int) -> np.ndarray | None:
    """The masks as a (vertices, d) array of sorted constraint indices, or None unless every
    mask has exactly d bits (a degenerate vertex)."""
    bits = mask_bits(masks, d + k)
    if not (bits.sum(axis=1) == d).all():
        return None
    return np.nonzero(bits)[1].reshape(len(masks), d)


def padded_systems(
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
