"""Exact polish of a floating-point equilibrium candidate on its supports (private helper).

A candidate from a floating-point method (nashpy) that fails the exact check once rounded to
fractions is usually right about *which* strategies are played, and wrong only in the last
digits of the probabilities (payoffs with many decimals make the exact denominators far larger
than floats can resolve). Given the supports, the equilibrium conditions are linear: on its
support each player's strategies earn the same payoff against the other's mixture (the
equal-payoff, or indifference, conditions of support enumeration, Algorithm 3.4 in von Stengel,
2007), and the probabilities sum to one. They are solved here in rational arithmetic, and the
solution is kept only if it certifies exactly (non-negative probabilities, regret zero) and
lies within :data:`POLISH_TOLERANCE` of the float candidate: a candidate is made exact, never
moved onto a different equilibrium.

References
----------
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, ch. 3 of *Algorithmic Game Theory*, Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..game import Game
from ..result import Equilibrium, certify

#: Probabilities at most this are read as "not played" when taking a float candidate's support;
#: several thresholds are tried, as the float noise is not known in advance.
_THRESHOLDS = (1e-9, 1e-6, 1e-3)
#: The exact solution must lie this close to the float candidate, entry by entry: far more than
#: floating-point error, far less than the distance between distinct simple equilibria.
POLISH_TOLERANCE = 1e-6


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """A solution of ``rows @ z = rhs`` (free variables 0), or None if there is none."""
    size = len(rows[0])
    matrix = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    pivots: list[int] = []
    r = 0
    for c in range(size):
        pivot = next((k for k in range(r, len(matrix)) if matrix[k][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        head = matrix[r][c]
        matrix[r] = [v / head for v in matrix[r]]
        for k in range(len(matrix)):
            if k != r and matrix[k][c] != 0:
                factor = matrix[k][c]
                matrix[k] = [a - factor * b for a, b in zip(matrix[k], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(matrix):
            break
    if any(all(v == 0 for v in row[:size]) and row[size] != 0 for row in matrix[r:]):
        return None
    z = [Fraction(0)] * size
    for k, c in enumerate(pivots):
        z[c] = matrix[k][size]
    return z


def _mixture(
    own: Sequence[int], other: Sequence[int], matrix: np.ndarray, size: int
) -> tuple[Fraction, ...] | None:
    """The mixture over ``own`` that makes the other player indifferent over ``other``.

    ``matrix[i, j]`` is the other player's payoff when this player plays ``i`` and the other
    ``j``. Unknowns: the probabilities on ``own`` and the other player's payoff ``u``.
    """
    rows = [[Fraction(matrix[i, j]) for i in own] + [Fraction(-1)] for j in other]
    rows.append([Fraction(1)] * len(own) + [Fraction(0)])
    solution = _solve(rows, [Fraction(0)] * len(other) + [Fraction(1)])
    if solution is None:
        return None
    out = [Fraction(0)] * size
    for i, p in zip(own, solution, strict=False):
        out[i] = p
    return tuple(out)


def polish(game: Game, x: Sequence[float], y: Sequence[float]) -> Equilibrium | None:
    """The exact equilibrium on the supports of the float candidate ``(x, y)``, if one certifies.

    Parameters
    ----------
    game : Game
        A two-player game.
    x, y : sequence of float
        The candidate's mixed strategies (as a floating-point method returned them).

    Returns
    -------
    Equilibrium or None
        Certified exactly, or None if no support read from the candidate gives one.

    Examples
    --------
    The game of ``tests/data/inputs/eight_decimals.nfg``: the float candidate's rounding is not
    an equilibrium, its polish is.

    >>> g = Game.from_arrays([["31.41592653", "12.71828182"], ["14.14213562", "27.18281828"]],
    ...                      [["11.7320508", "26.45751311"], ["22.36067977", "13.1662479"]])
    >>> eq = polish(g, [0.3843843037436046, 0.6156156962563955],
    ...             [0.45574350189834845, 0.5442564981016516])
    >>> g.is_nash(eq.profile), eq.profile[0][0]
    (True, Fraction(70726399, 183999186))
    >>> polish(g, [0.5, 0.5], [0.5, 0.5]) is None  # too far from the exact point: not moved
    True
    """
    a, b = game.matrices()
    m, n = game.shape
    tried: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for threshold in _THRESHOLDS:
        sx = tuple(i for i in range(m) if x[i] > threshold)
        sy = tuple(j for j in range(n) if y[j] > threshold)
        if not sx or not sy or (sx, sy) in tried:
            continue
        tried.add((sx, sy))
        # x makes the column player indifferent on sy (payoffs B); y the row player on sx.
        px = _mixture(sx, sy, b, m)
        py = _mixture(sy, sx, a.T, n)
        if px is None or py is None or min(px) < 0 or min(py) < 0:
            continue
        # Probabilities are at most 1: float() cannot overflow.
        pairs = zip((*px, *py), (*x, *y), strict=True)
        if any(abs(float(p) - v) > POLISH_TOLERANCE for p, v in pairs):
            continue
        equilibrium = certify(game, (px, py))
        if equilibrium is not None:
            return equilibrium
    return None
