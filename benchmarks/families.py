"""The families of bimatrix games that ``bench_solvers.py --families`` times (issue 16).

Each generator returns games as pairs ``(A, B)`` of lists of lists of Python integers, the row
player's and the column player's payoffs, deterministically (numpy's seeded generator for the
random families, exact integer arithmetic for the others).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

__all__ = [
    "coordination",
    "dual_cyclic_game",
    "gale_even",
    "nondegenerate_games",
    "random_games",
    "rectangular",
    "upper_bound_vertices",
]


def random_games(size: int, count: int, seed: int, high: int) -> list:
    """``count`` random size x size games with integer payoffs 0..high (numpy, seeded)."""
    import numpy as np

    rng = np.random.default_rng([seed, size, high])
    return [
        (
            rng.integers(0, high + 1, (size, size)).tolist(),
            rng.integers(0, high + 1, (size, size)).tolist(),
        )
        for _ in range(count)
    ]


def nondegenerate_games(size: int, count: int, seed: int, high: int = 999) -> list:
    """``count`` random size x size games with payoffs 0..high in which no pure strategy has
    two best responses (games with such a tie, about one in four at 12x12 with 0..999, are
    redrawn: they are degenerate). Other degeneracies are left to chance, and are rare."""
    import numpy as np

    rng = np.random.default_rng([seed, size, high, 1])
    out: list = []
    while len(out) < count:
        a = rng.integers(0, high + 1, (size, size))
        b = rng.integers(0, high + 1, (size, size))
        tie = ((b == b.max(axis=1, keepdims=True)).sum(axis=1) > 1).any() or (
            (a == a.max(axis=0, keepdims=True)).sum(axis=0) > 1).any()
        if not tie:
            out.append((a.tolist(), b.tolist()))
    return out


def coordination(size: int) -> list:
    """The coordination game (I, I): 2^size - 1 equilibria, one per non-empty support."""
    eye = [[int(i == j) for j in range(size)] for i in range(size)]
    return [(eye, eye)]


def rectangular(rows: int, cols: int, count: int, seed: int) -> list:
    """``count`` random rows x cols games with payoffs 0..999."""
    import numpy as np

    rng = np.random.default_rng([seed, rows, cols])
    return [
        (rng.integers(0, 1000, (rows, cols)).tolist(), rng.integers(0, 1000, (rows, cols)).tolist())
        for _ in range(count)
    ]


# --------------------------------------------------------------------------- dual cyclic games
def gale_even(positions: frozenset[int] | set[int], n: int) -> bool:
    """Whether a set of positions in 1..n satisfies Gale's evenness condition.

    Between any two positions of 1..n *not* in the set, an even number of positions lie in it
    (Ziegler 1995, Theorem 0.7). For a set of d positions, d even, n > d, this says that the
    d-set is a facet of the cyclic polytope C_d(n), equivalently a vertex of its dual.

    Examples
    --------
    >>> gale_even({1, 2, 4, 5}, 8), gale_even({1, 3, 4, 8}, 8), gale_even({1, 3, 4, 6}, 8)
    (True, True, False)
    """
    outside = [p for p in range(1, n + 1) if p not in positions]
    return all(
        sum(1 for p in positions if low < p < high) % 2 == 0
        for low, high in itertools.pairwise(outside)
    )


def upper_bound_vertices(d: int, n: int) -> int:
    """The number of vertices of the dual cyclic polytope with n facets in dimension d, d even.

    The upper-bound number ``n / (n - d/2) * binom(n - d/2, d/2)`` (McMullen's upper bound
    theorem; Ziegler 1995, Corollary 8.28), the number of facets of the cyclic polytope
    C_d(n).

    Examples
    --------
    >>> [upper_bound_vertices(d, 2 * d) for d in (2, 4, 6, 14)]
    [4, 20, 112, 155040]
    """
    half = d // 2
    count = Fraction(n, n - half) * math.comb(n - half, half)
    assert count.denominator == 1
    return int(count)


def dual_cyclic_game(d: int) -> tuple[list[list[int]], list[list[int]]]:
    """The d x d game whose best-response polytopes are both dual cyclic polytopes.

    Both best-response polytopes P = {x >= 0 : B^T x <= 1} and Q = {y >= 0 : A y <= 1} are
    affine images of the dual cyclic polytope with n = 2d facets in dimension d, so the game is
    nondegenerate and each polytope has the upper-bound number of vertices, the most that a
    d-polytope with 2d facets can have. Construction, in exact integer and rational arithmetic:

    1. Points ``mu(k) = (k, k^2, ..., k^d)`` on the moment curve, k = 1..n; their convex hull is
       the cyclic polytope C_d(n) (Ziegler 1995, Example 0.6).
    2. Its centroid g is interior, so its polar, the dual cyclic polytope, is
       {x : (mu(k) - g) . x <= 1, k = 1..n}, in integers ``a_k . x <= n`` with
       ``a_k = n mu(k) - sum_j mu(j)``. Constraint k is the facet at *position* k; a set of d
       positions is the tight set of a vertex iff it satisfies Gale's evenness condition
       (Ziegler 1995, Theorem 0.7; see :func:`gale_even`).
    3. The Gale-even set F = {1..d} is a vertex. In the coordinates s = slacks of F,
       ``x = A_F^{-1} (n 1 - s)``, the other constraints k = d+1..2d read ``c_k . s <= 1`` with
       ``c_k = -(a_k^T A_F^{-1}) / sigma_k`` and ``sigma_k > 0`` the slack of k at the vertex
       (von Stengel 1999, section 3: an affine map sending d facets through one vertex to the
       coordinate hyperplanes). This gives {s >= 0 : M s <= 1}, row k - d of M being c_k;
       M is multiplied by the lcm L of its denominators (a positive factor common to all
       payoffs, which changes no equilibrium) and then divided by the gcd of its entries.
    4. The game is ``A = M`` and ``B = M^T``. P's facet at position p has label p: x_i >= 0
       (position i) is label i (row i), column j's constraint (position d + j) is label d + j.
       Q is the same polytope with its labels shifted cyclically by d: Q's facet at position p
       has the label that P's facet at position p + d (mod n) has, so y_j >= 0 (position j)
       is label d + j (column j) and row i's constraint (position d + i) is label i. The
       facets y >= 0 of Q sit at the Gale-even positions {1..d}, as the construction needs.

    The payoffs have both signs and grow fast with d (the family is meant to be hard on
    exact arithmetic); P and Q are nevertheless bounded, being affine images of a polytope.
    A vertex of P with tight positions S and one of Q with tight positions T form an
    equilibrium iff S and T + d (mod n) partition 1..n; with both Gale even this holds for
    2 binom(d, d/2) pairs, the pair of origins (the artificial equilibrium) included, so the
    game has ``2 binom(d, d/2) - 1`` Nash equilibria.

    Parameters
    ----------
    d : int
        The number of pure strategies of each player: even, at least 2.

    Returns
    -------
    tuple of (list of list of int, list of list of int)
        The payoff matrices (A, B), each of shape (d, d), with ``B`` the transpose of ``A``.

    Raises
    ------
    ValueError
        If d is not an even integer of at least 2.

    References
    ----------
    G. M. Ziegler, Lectures on Polytopes, Springer (1995), Example 0.6 and Theorem 0.7.
    B. von Stengel, New maximal numbers of equilibria in bimatrix games, Discrete Comput.
    Geom. 21 (1999), 557-568, section 3.
    R. Savani and B. von Stengel, Hard-to-solve bimatrix games, Econometrica 74 (2006),
    397-429 (the same polytopes, labelled for long Lemke-Howson paths).

    Examples
    --------
    >>> a, b = dual_cyclic_game(2)
    >>> a
    [[3, -3], [1, 3]]
    >>> b == [list(column) for column in zip(*a)]
    True
    """
    if isinstance(d, bool) or not isinstance(d, int) or d < 2 or d % 2:
        raise ValueError(f"d must be an even integer of at least 2, got {d!r}")
    n = 2 * d
    mu = [[k**e for e in range(1, d + 1)] for k in range(1, n + 1)]
    total = [sum(column) for column in zip(*mu, strict=True)]
    a = [[n * v - t for v, t in zip(point, total, strict=True)] for point in mu]
    inverse = _inverse([row[:] for row in a[:d]])
    # x at the vertex F = {1..d}: A_F x = n 1.
    vertex = [n * sum(row) for row in inverse]
    rows = []
    for k in range(d, n):
        slack = n - sum(c * x for c, x in zip(a[k], vertex, strict=True))
        if slack <= 0:  # cannot happen: the dual cyclic polytope is simple
            raise ArithmeticError(f"constraint {k + 1} is not slack at the vertex {{1..{d}}}")
        # -(a_k^T A_F^{-1}) / sigma_k, column by column.
        rows.append([-sum(a[k][i] * inverse[i][j] for i in range(d)) / slack for j in range(d)])
    scale = math.lcm(*(v.denominator for row in rows for v in row))
    ints = [[int(v * scale) for v in row] for row in rows]
    common = math.gcd(*(v for row in ints for v in row))
    matrix = [[v // common for v in row] for row in ints]
    return matrix, [list(column) for column in zip(*matrix, strict=True)]


def _inverse(matrix: list[list[int]]) -> list[list[Fraction]]:
    """The inverse of a nonsingular square integer matrix, exactly (sympy's rational inverse)."""
    import sympy

    inverse = sympy.Matrix(matrix).inv()
    return [[Fraction(int(v.p), int(v.q)) for v in inverse.row(i)] for i in range(len(matrix))]
