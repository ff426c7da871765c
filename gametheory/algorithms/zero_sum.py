"""Value and optimal strategies of two-player zero-sum and constant-sum games, exactly.

Definitions
-----------
In a *constant-sum* game the payoffs satisfy :math:`u_1 + u_2 = c` at every pure profile; a
zero-sum game has :math:`c = 0`. With the row player's matrix :math:`A`, the row player's
*guarantee* of a mixed strategy :math:`x` is :math:`\\min_j (x^\\top A)_j` and the *ceiling* of a
column strategy :math:`y` is :math:`\\max_i (A y)_i`. Always guarantee :math:`\\le` ceiling; by
the minimax theorem some pair has guarantee = ceiling = :math:`v`, the *value* of the game (for
the row player; the column player's is :math:`c - v`), and such strategies are *optimal*. The
Nash equilibria of the game are exactly the pairs of optimal strategies.

Method
------
Each player's optimal strategy solves a linear program (von Neumann's maximin LP), solved in
floating point by scipy's HiGHS. Its basic solution is made exact by solving the active
constraints in rational arithmetic (see :mod:`._exact_lp`). The pair is then *certified*
exactly: the row strategy's guarantee must equal the column strategy's ceiling, which proves
both optimal and gives the exact value. If that fails (a floating-point failure), the exact
enumeration of :mod:`.exact` supplies an equilibrium, which is a pair of optimal strategies.
No uncertified value is ever returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction, to_fraction
from ..result import SolveResult, certify
from ._exact_lp import exact_vertex

__all__ = ["ZeroSumSolution", "solve_matrix_game", "zero_sum_equilibrium", "zero_sum_value"]


@dataclass(frozen=True)
class ZeroSumSolution:
    """The exact value of a matrix game and a certified pair of optimal strategies.

    Attributes
    ----------
    value : Fraction
        The value of the game for the row player (who receives the matrix entries).
    row_strategy : tuple of Fraction
        An optimal strategy of the row player: it guarantees at least ``value`` against every
        column.
    column_strategy : tuple of Fraction
        An optimal strategy of the column player: it holds the row player to at most ``value``
        against every row.
    """

    value: Fraction
    row_strategy: tuple[Fraction, ...]
    column_strategy: tuple[Fraction, ...]


def _exact_matrix(matrix: Any) -> np.ndarray:
    array = np.array(matrix, dtype=object)
    if array.ndim != 2 or array.size == 0:
        raise GameValueError("a matrix game needs a non-empty two-dimensional payoff matrix")
    flat = [to_fraction(v, where="matrix") for v in array.reshape(-1)]
    return np.array(flat, dtype=object).reshape(array.shape)


def _guarantee(matrix: np.ndarray, x: tuple[Fraction, ...]) -> Fraction:
    """min_j (x^T M)_j, exactly."""
    return min(
        sum((p * v for p, v in zip(x, column, strict=True) if p), Fraction(0))
        for column in matrix.T
    )


def _maximin_strategy(matrix: np.ndarray) -> tuple[Fraction, ...] | None:
    """An exact optimal strategy of the maximising (row) player, or None if not recovered.

    LP in the variables (x_1..x_m, v): maximise v subject to v <= (x^T M)_j for every column j,
    x >= 0 and sum(x) = 1.
    """
    m, n = matrix.shape
    low = min(matrix.reshape(-1))
    high = max(matrix.reshape(-1))
    # A positive affine image in [0, 1] has the same optimal strategies and a better
    # conditioned LP; it is computed exactly so the exact vertex is one of the original LP.
    scaled = (matrix - low) / (high - low)
    one, zero = Fraction(1), Fraction(0)
    a_ub = [[-scaled[i, j] for i in range(m)] + [one] for j in range(n)]
    a_ub += [[-one if k == i else zero for k in range(m)] + [zero] for i in range(m)]
    b_ub = [zero] * (n + m)
    c = [zero] * m + [-one]
    vertex = exact_vertex(c, a_ub, b_ub, [[one] * m + [zero]], [one])
    if vertex is None:
        return None
    x = vertex[:m]
    if any(p < 0 for p in x) or sum(x) != 1:
        return None
    return x


def _first_pure(size: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(k == 0)) for k in range(size))


def solve_matrix_game(matrix: Any) -> ZeroSumSolution:
    """Value and optimal strategies of the zero-sum game with the row player's matrix, exactly.

    Parameters
    ----------
    matrix : array_like
        The row player's payoffs (rows: the row player's strategies); the column player
        receives their negatives. Entries are exact numbers (see
        :func:`gametheory.numbers.to_fraction`).

    Returns
    -------
    ZeroSumSolution
        Certified: the row strategy guarantees ``value`` and the column strategy holds the row
        player to ``value``, both checked in rational arithmetic.

    Raises
    ------
    GameValueError
        For an empty, non-numeric or not two-dimensional matrix.

    References
    ----------
    J. von Neumann (1928), Zur Theorie der Gesellschaftsspiele, *Math. Annalen* 100, 295-320;
    G. B. Dantzig (1951), A proof of the equivalence of the programming problem and the game
    problem.

    Examples
    --------
    Rock-paper-scissors:

    >>> s = solve_matrix_game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> s.value, s.row_strategy
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    matrix = _exact_matrix(matrix)
    m, n = matrix.shape
    low = min(matrix.reshape(-1))
    if low == max(matrix.reshape(-1)):
        # Every strategy is optimal; take the first of each player's.
        return ZeroSumSolution(low, _first_pure(m), _first_pure(n))
    x = _maximin_strategy(matrix)
    y = _maximin_strategy(-matrix.T)
    if x is not None and y is not None:
        guarantee = _guarantee(matrix, x)
        ceiling = -_guarantee(-matrix.T, y)
        if guarantee == ceiling:
            return ZeroSumSolution(guarantee, x, y)
    return _solve_by_enumeration(matrix)


def _solve_by_enumeration(matrix: np.ndarray) -> ZeroSumSolution:
    """Last resort: an equilibrium from the exact enumeration is a pair of optimal strategies."""
    from .exact import exact_equilibria

    equilibrium = exact_equilibria(Game.from_arrays(matrix)).equilibria[0]
    x, y = equilibrium.profile
    return ZeroSumSolution(equilibrium.payoffs[0], x, y)


def _constant_sum_matrix(game: Game, method: str) -> np.ndarray:
    if game.n_players != 2:
        raise GameValueError(
            f"method {method!r} needs a two-player game; this one has {game.n_players} players",
            key="method",
        )
    a, b = game.matrices()
    total = a + b
    first = total[0, 0]
    for (i, j), value in np.ndenumerate(total):
        if value != first:
            raise GameValueError(
                "the game is not constant-sum: the payoffs add up to "
                f"{format_fraction(first)} at ({game.strategies[0][0]}, {game.strategies[1][0]})"
                f" but to {format_fraction(value)} at ({game.strategies[0][i]}, "
                f"{game.strategies[1][j]}); method {method!r} needs u1 + u2 constant",
                key="method",
            )
    return a


def zero_sum_value(game: Game) -> ZeroSumSolution:
    """The exact value and a pair of optimal strategies of a two-player constant-sum game.

    Parameters
    ----------
    game : Game
        A two-player game whose payoffs add up to the same constant at every profile.

    Returns
    -------
    ZeroSumSolution
        ``value`` is the row (first) player's value; the column player's is the constant minus
        it. Certified exactly (see :func:`solve_matrix_game`).

    Raises
    ------
    GameValueError
        If the game does not have two players or is not constant-sum.

    Examples
    --------
    Matching pennies has value 0 and the unique optimal strategies (1/2, 1/2):

    >>> s = zero_sum_value(Game.from_arrays([[1, -1], [-1, 1]]))
    >>> s.value, s.row_strategy, s.column_strategy
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))

    A constant-sum game (payoffs add up to 10):

    >>> zero_sum_value(Game.from_arrays([[7, 4], [2, 6]], [[3, 6], [8, 4]])).value
    Fraction(34, 7)
    >>> zero_sum_value(Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: method: the game is not constant-sum: the payoffs add up to 2 at (1, 1) but to 0 at (1, 2); method 'zero-sum' needs u1 + u2 constant
    """  # noqa: E501
    return solve_matrix_game(_constant_sum_matrix(game, "zero-sum"))


def zero_sum_equilibrium(game: Game) -> SolveResult:
    """One Nash equilibrium of a two-player constant-sum game: a pair of optimal strategies.

    Parameters
    ----------
    game : Game
        A two-player constant-sum game.

    Returns
    -------
    SolveResult
        Method ``"zero-sum"``, one certified equilibrium, ``exact=True`` (the strategies and
        the value are exact), ``complete=False`` (the optimal strategies need not be unique;
        the equilibria are all pairs of optimal strategies, see method ``"exact"``), status
        ``"ok"``; the message states the value.

    Raises
    ------
    GameValueError
        If the game does not have two players or is not constant-sum.

    Examples
    --------
    >>> r = zero_sum_equilibrium(Game.from_arrays([[1, -1], [-1, 1]]))
    >>> r.message
    "value of the game for 'Row': 0 (exact); one pair of optimal strategies; every pair of optimal strategies is an equilibrium"
    >>> r.equilibria[0].payoffs
    (Fraction(0, 1), Fraction(0, 1))
    """  # noqa: E501
    solution = zero_sum_value(game)
    equilibrium = certify(game, (solution.row_strategy, solution.column_strategy))
    if equilibrium is None:  # pragma: no cover - optimal strategies are an equilibrium
        raise AssertionError("a certified pair of optimal strategies failed certification")
    return SolveResult(
        game=game,
        method="zero-sum",
        equilibria=(equilibrium,),
        exact=True,
        complete=False,
        status="ok",
        message=(
            f"value of the game for {game.players[0]!r}: {format_fraction(solution.value)} "
            "(exact); one pair of optimal strategies; every pair of optimal strategies is an "
            "equilibrium"
        ),
    )
