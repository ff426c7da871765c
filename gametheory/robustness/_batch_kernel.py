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
from functools import cache

import numpy as np

#: Unit roundoff of float64.
_U = 2.0**-53
#: Absolute error allowance for underflow: entries are scaled to at most 2 in absolute value
#: (or are integers, which never underflow), so each operation loses at most 2**-1074 to
#: underflow, later multiplied by differences of at most 4 and summed: for supports up to 30
#: the total stays far below 1e-200.
_UNDERFLOW = 1e-200


@cache
def subsets(size: int, k: int) -> np.ndarray:
    """All k-subsets of range(size), lexicographic, as an int array of shape (C(size, k), k)."""
    rows = list(itertools.combinations(range(size), k))
    return np.array(rows, dtype=np.intp).reshape(len(rows), k)


@cache
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


def error_bound(k: int, spread: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """A bound on the float error of every size-k value of :func:`side_signs`, per game.

    Each value (``D``, a cofactor ``C_i`` or a gain ``T_j``) is a polynomial ``f`` of degree at
    most ``k`` in the payoff differences ``delta``, a sum of products by Laplace expansion.
    Each difference is rounded once, ``fl(a - b) = delta (1 + e)`` with ``|e| <= u``, which
    moves ``f`` by at most ``gamma_k`` times ``f_abs``, the same polynomial with every term in
    absolute value. The evaluation from the rounded differences has at most
    ``k (k + 1) / 2 - 1`` roundings on any path (per Laplace level ``r`` one product and
    ``r - 1`` sums, and ``k`` for the last row), so it errs by at most ``gamma_(k (k+1)/2 - 1)``
    times ``f_abs`` of the rounded differences, itself at most ``(1 + gamma_k)`` times
    ``f_abs(|delta|)`` (Higham 2002, section 3.1, the model of floating-point arithmetic
    without underflow; ``gamma_n = n u / (1 - n u)``, ``u = 2**-53``). Together, as
    ``gamma_a + gamma_b + gamma_a gamma_b <= gamma_(a+b)`` (Higham 2002, Lemma 3.3): at most
    ``gamma_d f_abs(|delta|)`` with ``d = k (k + 1) / 2 + k - 1``.

    ``f_abs`` is a permanent of absolute values, at most the product of its rows' absolute
    sums: a row of differences sums to at most ``k R`` (``R``, the spread, bounds every
    difference of two entries), the row of ones of ``D`` to ``k``, so every ``f_abs`` is at
    most ``V = (k R)^(k-1) k max(R, 1)``. The bound used is ``2 gamma_(d+3) V`` (the factor 2
    and the spare roundings cover the rounding of the bound itself) plus :data:`_UNDERFLOW`;
    it is zero for ``exact`` games (see :func:`exact_games`).
    """
    d = k * (k + 1) // 2 + k + 2
    gamma = 2.0 * d * _U / (1.0 - d * _U)
    return np.where(exact, 0.0, gamma * _largest_value(k, spread) + _UNDERFLOW)


def exact_games(k: int, as_integer: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """Games whose size-k values are computed exactly in floating point.

    Integer entries with ``V < 2^52`` (:func:`error_bound`): every intermediate value is then
    an integer of absolute value at most ``V``, which float64 represents and computes exactly.
    """
    with np.errstate(over="ignore"):
        return as_integer & (_largest_value(k, spread) < 2.0**52)


def _largest_value(k: int, spread: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return (k * spread) ** (k - 1) * k * np.maximum(spread, 1.0)


def side_signs(mt: np.ndarray, k: int, err: np.ndarray) -> tuple[np.ndarray, ...]:
    """Certified sign pattern of every size-k support system of one side.

    Parameters
    ----------
    mt : numpy.ndarray, shape (p, q, G)
        The opponent's payoffs, indexed (own strategy, opponent's strategy, game), each game
        scaled by a power of two (exactly) so that its entries are at most 2 in absolute value
        or are integers.
    k : int
        The support size, ``1 <= k <= min(p, q)``.
    err : numpy.ndarray, shape (G,)
        :func:`error_bound` of each game.

    Returns
    -------
    valid : numpy.ndarray of bool, shape (C(p, k), C(q, k), G)
        Every sign certified and equal: the system is nonsingular, its unique solution is a
        mixed strategy with support exactly ``S`` against which exactly ``T`` are the
        opponent's best replies.
    uncertain : numpy.ndarray of bool, same shape
        Neither certified valid nor certified infeasible (two values certified with opposite
        signs), nor certified singular (``D`` exactly 0 with a zero bound): the basis may be a
        degenerate vertex of the best-response polytope, so the game must go to the exact
        solver.
    cofactors : list of k numpy.ndarray, each of shape (C(p, k), C(q, k), G)
        ``C``; the float solution is ``C / D`` (meaningful where ``valid``).
    det : numpy.ndarray, shape (C(p, k), C(q, k), G)
        ``D``.
    """
    cof, det, losses = _values(mt, k)
    # pos: every value certified with the sign of a positive D; neg: of a negative D;
    # any_pos / any_neg: some value certified on that side.
    pos = det > err
    neg = det < -err
    any_pos, any_neg = pos.copy(), neg.copy()
    for value in (*cof, *losses):
        above, below = value > err, value < -err
        pos &= above
        neg &= below
        any_pos |= above
        any_neg |= below
    valid = pos | neg
    singular = (det == 0) & (err == 0)
    uncertain = ~valid & ~(any_pos & any_neg) & ~singular
    return valid, uncertain, cof, det


def _values(mt: np.ndarray, k: int) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray]]:
    """``C`` (k arrays), ``D`` and the losses ``-T_o`` (one per column outside ``T``)."""
    p, q, _ = mt.shape
    s_tab, t_tab = subsets(p, k), subsets(q, k)
    outside = complements(q, k)
    # blk[r, i, s, t, :] = M[S_s[i], T_t[r], :]
    blk = mt[s_tab.T[None, :, :, None], t_tab.T[:, None, None, :]]
    base = blk[0]  # (k, nS, nT, G): the column t0 of each T
    if k == 1:
        cof = [np.ones(blk.shape[2:])]
    else:
        cof = _cofactors([[blk[r, i] - base[i] for i in range(k)] for r in range(1, k)], k)
    det = sum(cof[1:], cof[0])
    losses = []
    for o in range(q - k):
        # Column outside[t, o] of every pair: the gain T_o, which must have the sign of -D.
        col = mt[s_tab.T[:, :, None], outside[None, :, o][:, None, :]]  # (k, nS, nT, G)
        gain = cof[0] * (col[0] - base[0])
        for i in range(1, k):
            gain += cof[i] * (col[i] - base[i])
        losses.append(np.negative(gain, out=gain))
    return cof, det, losses


def side_vertices(mt: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """The vertices of one side's best-response polytope from its size-k bases, exactly.

    Only for games whose values are computed exactly (:func:`exact_games`, for this ``k``):
    then a basis is *feasible* when ``D != 0`` and every ``C_i`` and loss ``-T_o`` is zero or
    has the sign of ``D``; its solution ``C / D`` is a vertex (scaled to a mixed strategy) of
    the best-response polytope (von Stengel 2007, section 3.5), and every vertex but the
    origin is the solution of some feasible basis (its tight constraints have full rank).
    A vertex's labels, its tight constraints, determine it.

    Returns
    -------
    dict of numpy.ndarray, one entry per feasible basis
        ``s``, ``t``, ``g``: the basis (indices into :func:`subsets` of the own and the
        opponent's strategies) and the game; ``own_zero``: bit mask of the own strategies
        with probability 0; ``opp_tight``: bit mask of the opponent's best replies;
        ``probabilities``: ``C / D``, shape (N, k).
    """
    p, q, _ = mt.shape
    s_tab, t_tab, outside = subsets(p, k), subsets(q, k), complements(q, k)
    cof, det, losses = _values(mt, k)
    sign = np.sign(det)
    feasible = det != 0
    for value in (*cof, *losses):
        feasible &= value * sign >= 0
    s, t, g = np.nonzero(feasible)
    at = (s, t, g)
    bits = np.int64(1) << np.arange(max(p, q), dtype=np.int64)
    own_zero = ((1 << p) - 1) & ~bits[s_tab].sum(axis=1)[s]
    for i in range(k):
        own_zero |= np.where(cof[i][at] == 0, bits[s_tab[s, i]], 0)
    opp_tight = bits[t_tab].sum(axis=1)[t]
    for o, loss in enumerate(losses):
        opp_tight |= np.where(loss[at] == 0, bits[outside[t, o]], 0)
    probabilities = np.stack([c[at] for c in cof], axis=1) / det[at][:, None]
    return {
        "s": s,
        "t": t,
        "g": g,
        "own_zero": own_zero,
        "opp_tight": opp_tight,
        "probabilities": probabilities,
    }
