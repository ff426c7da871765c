"""The vectorised kernel of :mod:`.batch`: certified signs of every support system of one side.

One *side* is one player mixing: the mixing player's strategies index the first axis of ``M``,
the opponent's the second, and ``M`` holds the *opponent's* payoffs (the mixed strategy must make
the opponent indifferent). For every pair of equal-size sets ``S`` (own strategies) and ``T``
(opponent's), with ``t0 = T[0]`` and the difference rows ``d_r = M[S, T[r]] - M[S, t0]``
(``r = 1..k-1``), the cofactor vector ``C`` (``C . w = det[d_1; ...; d_{k-1}; w]``) gives

- ``D = sum(C)``: the support system's determinant (zero iff the system is singular);
- the mixed strategy ``x_S = C / D`` (probabilities positive iff ``C_i`` has the sign of ``D``);
- ``T_j = C . (M[S, j] - M[S, t0])`` for ``j`` outside ``T``: the opponent's gain from ``j``
  over ``T``, times ``D`` (no better reply iff ``-T_j`` has the sign of ``D``).

Each value comes with a rigorous bound on its floating-point error (see :func:`side_signs`).
Arrays put the games on the last axis so that every elementwise operation is contiguous.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

#: Unit roundoff of float64.
_U = 2.0**-53
#: Absolute error allowance for underflow: entries are scaled to at most 2 in absolute value,
#: so each of the (fewer than 10**4) operations loses at most 2**-1074 times a factor below
#: 10**6 to underflow; 1e-290 covers their sum many times over.
_UNDERFLOW = 1e-290


@lru_cache(maxsize=None)
def subsets(size: int, k: int) -> np.ndarray:
    """All k-subsets of range(size), lexicographic, as an int array of shape (C(size, k), k)."""
    rows = list(itertools.combinations(range(size), k))
    return np.array(rows, dtype=np.intp).reshape(len(rows), k)


@lru_cache(maxsize=None)
def complements(size: int, k: int) -> np.ndarray:
    """The complement of each k-subset of :func:`subsets`, shape (C(size, k), size - k)."""
    rows = [sorted(set(range(size)) - set(s)) for s in itertools.combinations(range(size), k)]
    return np.array(rows, dtype=np.intp).reshape(len(rows), size - k)


def _cofactors(rows: list[list[np.ndarray]], k: int) -> list[np.ndarray]:
    """The cofactor vector of k - 1 >= 1 rows of length k (each entry an array), by Laplace.

    ``minors[mask]`` is the determinant of the first ``r`` rows restricted to the columns in
    the bit mask ``mask`` (of ``r`` bits), built row by row along the last row.
    """
    minors: dict[int, np.ndarray] = {1 << c: rows[0][c] for c in range(k)}
    for r in range(1, k - 1):
        nxt: dict[int, np.ndarray] = {}
        for cols in itertools.combinations(range(k), r + 1):
            total = None
            for pos, c in enumerate(cols):
                term = rows[r][c] * minors[sum(1 << d for d in cols if d != c)]
                # Laplace along row r (0-based) of an (r+1)x(r+1) minor: sign (-1)^(r+pos).
                if (r + pos) % 2:
                    total = -term if total is None else total - term
                else:
                    total = term if total is None else total + term
            nxt[sum(1 << c for c in cols)] = total
        minors = nxt
    full = (1 << k) - 1
    return [
        minors[full & ~(1 << i)] if (k - 1 + i) % 2 == 0 else -minors[full & ~(1 << i)]
        for i in range(k)
    ]


def side_signs(mt: np.ndarray, k: int, exact: np.ndarray) -> tuple[np.ndarray, ...]:
    """Certified sign pattern of every size-k support system of one side.

    Parameters
    ----------
    mt : numpy.ndarray, shape (p, q, G)
        The opponent's payoffs, indexed (own strategy, opponent's strategy, game), each game
        scaled by a power of two (exactly) so that its entries are at most 2 in absolute value
        or, for ``exact`` games, are integers.
    k : int
        The support size, ``1 <= k <= min(p, q)``.
    exact : numpy.ndarray of bool, shape (G,)
        Games whose entries are integers with ``(2 k L)^k < 2^52`` (``L`` the largest absolute
        entry): every intermediate value is then an integer below ``2^53``, so the float
        evaluation is exact and the error bounds are zero.

    Returns
    -------
    valid : numpy.ndarray of bool, shape (C(p, k), C(q, k), G)
        Every sign certified and equal: the system is nonsingular, its unique solution is a
        mixed strategy with support exactly ``S`` against which exactly ``T`` are the
        opponent's best replies.
    uncertain : numpy.ndarray of bool, same shape
        Neither certified valid nor certified infeasible (two values certified with opposite
        signs), nor certified singular (``D`` exactly 0): the basis may be a degenerate vertex
        of the best-response polytope, so the game must go to the exact solver.
    probabilities : numpy.ndarray, shape (k, C(p, k), C(q, k), G)
        ``C / D``, the float solution (meaningful where ``valid``).

    Notes
    -----
    Error bound. Each value is a sum of products of the differences, evaluated with at most
    ``d = k (k + 1) / 2`` roundings on any path (one for the difference, then per Laplace level
    ``r`` one product and ``r - 1`` sums), so it errs by at most ``gamma_d`` times the same
    expression in absolute values (Higham 2002, section 3.1), which is a permanent of absolute
    differences and so at most the product of the rows' absolute sums. The bound used is twice
    that (covering the rounding of the bound itself) with ``d + 2`` roundings, plus
    :data:`_UNDERFLOW`.
    """
    p, q, g = mt.shape
    s_tab, t_tab = subsets(p, k), subsets(q, k)
    outside = complements(q, k)
    # blk[r, i, s, t, :] = M[S_s[i], T_t[r], :]
    blk = mt[s_tab.T[None, :, :, None], t_tab.T[:, None, None, :]]
    base = blk[0]  # (k, nS, nT, G): the column t0 of each T
    shape = blk.shape[2:]
    d = k * (k + 1) // 2 + 2
    gamma = 2.0 * d * _U / (1.0 - d * _U)
    coef = np.where(exact, 0.0, gamma)
    absolute = np.where(exact, 0.0, _UNDERFLOW)

    rows = [[blk[r, i] - base[i] for i in range(k)] for r in range(1, k)]
    if k == 1:
        cof = [np.ones(shape)]
        pi = np.ones(shape)
    else:
        cof = _cofactors(rows, k)
        pi = np.ones(shape)
        for row in rows:
            pi = pi * sum(np.abs(v) for v in row)
    det = sum(cof[1:], cof[0])
    e_det = coef * (k * pi) + absolute
    e_cof = coef * pi + absolute

    pos = (det > e_det) & np.logical_and.reduce([c > e_cof for c in cof])
    neg = (det < -e_det) & np.logical_and.reduce([c < -e_cof for c in cof])
    any_pos = (det > e_det) | np.logical_or.reduce([c > e_cof for c in cof])
    any_neg = (det < -e_det) | np.logical_or.reduce([c < -e_cof for c in cof])
    for o in range(q - k):
        # Column outside[t, o] of every pair: the gain T_o, which must have the sign of -D.
        col = mt[s_tab.T[:, :, None], outside[None, :, o][:, None, :]]  # (k, nS, nT, G)
        out = [col[i] - base[i] for i in range(k)]
        gain = sum((c * v for c, v in zip(cof[1:], out[1:], strict=True)), cof[0] * out[0])
        e_gain = coef * (pi * sum(np.abs(v) for v in out)) + absolute
        below, above = gain < -e_gain, gain > e_gain
        pos &= below
        neg &= above
        any_pos |= below
        any_neg |= above
    valid = pos | neg
    singular = (det == 0) & (e_det == 0)
    uncertain = ~valid & ~(any_pos & any_neg) & ~singular
    with np.errstate(divide="ignore", invalid="ignore"):
        probabilities = np.stack(cof) / det
    return valid, uncertain, probabilities
