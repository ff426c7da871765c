"""Zero-sum and constant-sum games: exact value and optimal strategies (algorithms.zero_sum)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, GameValueError, solve
from gametheory.algorithms import zero_sum
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.zero_sum import (
    ZeroSumSolution,
    solve_matrix_game,
    zero_sum_equilibrium,
    zero_sum_value,
)
from gametheory.numbers import format_fraction

F = Fraction


def _fractions(*values):
    return tuple(F(v) for v in values)


# (game, value, row strategy, column strategy); every case has unique optimal strategies.
CASES = [
    pytest.param(
        Game.from_arrays([[1, -1], [-1, 1]]),
        F(0),
        _fractions("1/2", "1/2"),
        _fractions("1/2", "1/2"),
        id="matching-pennies",
    ),
    pytest.param(
        Game.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]),
        F(0),
        _fractions("1/3", "1/3", "1/3"),
        _fractions("1/3", "1/3", "1/3"),
        id="rock-paper-scissors",
    ),
    # Ferguson, Game Theory, part II, section 1.1: odd-or-even, value 1/12.
    pytest.param(
        Game.from_arrays([[-2, 3], [3, -4]]),
        F(1, 12),
        _fractions("7/12", "5/12"),
        _fractions("7/12", "5/12"),
        id="ferguson-odd-or-even",
    ),
    pytest.param(
        Game.from_arrays([[3, -1], [-2, 1]]),
        F(1, 7),
        _fractions("3/7", "4/7"),
        _fractions("2/7", "5/7"),
        id="two-by-two-mixed",
    ),
    # A saddle point: row 1's minimum 2 equals column 2's maximum.
    pytest.param(
        Game.from_arrays([[4, 2, 3], [1, 0, 5], [3, 1, 2]]),
        F(2),
        _fractions(1, 0, 0),
        _fractions(0, 1, 0),
        id="saddle-point",
    ),
    # Constant-sum (payoffs add up to 10): the value is the row player's.
    pytest.param(
        Game.from_arrays([[7, 4], [2, 6]], [[3, 6], [8, 4]]),
        F(34, 7),
        _fractions("4/7", "3/7"),
        _fractions("2/7", "5/7"),
        id="constant-sum-10",
    ),
    # Fractional payoffs: the matching-pennies game scaled by 1/3 and shifted by 1/2.
    pytest.param(
        Game.from_arrays(
            [["5/6", "1/6"], ["1/6", "5/6"]], [["1/6", "5/6"], ["5/6", "1/6"]]
        ),
        F(1, 2),
        _fractions("1/2", "1/2"),
        _fractions("1/2", "1/2"),
        id="fractional-constant-sum",
    ),
]


@pytest.mark.parametrize(("game", "value", "row", "column"), CASES)
def test_literature(game, value, row, column):
    assert zero_sum_value(game) == ZeroSumSolution(value, row, column)
    result = zero_sum_equilibrium(game)
    (eq,) = result.equilibria
    assert eq.profile == (row, column)
    assert eq.payoffs[0] == value
    assert (result.method, result.exact, result.complete, result.status) == (
        "zero-sum",
        True,
        False,
        "ok",
    )
    assert f"for 'Row': {format_fraction(value)} (exact)" in result.message


def test_message_and_solve_dispatch():
    game = Game.from_arrays([[-2, 3], [3, -4]], players=("Even", "Odd"))
    result = solve(game, "zero-sum")
    assert result.message == (
        "value of the game for 'Even': 1/12 (exact); one pair of optimal strategies; "
        "every pair of optimal strategies is an equilibrium"
    )


def test_not_constant_sum_is_an_error():
    game = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"),) * 2)
    with pytest.raises(GameValueError, match=r"not constant-sum.*6 at \(C, C\) but to 5"):
        zero_sum_value(game)
    with pytest.raises(GameValueError, match="not constant-sum"):
        solve(game, "zero-sum")


def test_three_players_is_an_error():
    game = Game.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(GameValueError, match="'zero-sum' needs a two-player game"):
        zero_sum_equilibrium(game)


def test_bad_matrix_is_an_error():
    with pytest.raises(GameValueError):
        solve_matrix_game([[1, 2], [3]])
    with pytest.raises(GameValueError, match="two-dimensional"):
        solve_matrix_game([1, 2, 3])
    with pytest.raises(GameValueError):
        solve_matrix_game([["x", 1]])


def test_constant_matrix():
    assert solve_matrix_game([[5, 5], [5, 5], [5, 5]]) == ZeroSumSolution(
        F(5), _fractions(1, 0, 0), _fractions(1, 0)
    )


def test_degenerate_game_with_many_optimal_strategies():
    # Two identical rows and a dominated column: many optimal strategies, any one certified.
    solution = solve_matrix_game([[1, 0, 5], [1, 0, 5], [0, 1, 5]])
    assert solution.value == F(1, 2)
    _assert_certified([[1, 0, 5], [1, 0, 5], [0, 1, 5]], solution)


def _assert_certified(matrix, solution):
    a = np.array([[F(v) for v in row] for row in matrix], dtype=object)
    x, y = solution.row_strategy, solution.column_strategy
    assert all(p >= 0 for p in x) and sum(x) == 1
    assert all(p >= 0 for p in y) and sum(y) == 1
    assert min(np.dot(np.array(x, dtype=object), a)) == solution.value
    assert max(np.dot(a, np.array(y, dtype=object))) == solution.value


def test_fallback_when_the_lp_is_not_recovered(monkeypatch):
    # If the floating-point step yields nothing usable, the exact enumeration answers.
    monkeypatch.setattr(zero_sum, "_maximin_strategy", lambda matrix: None)
    solution = solve_matrix_game([[-2, 3], [3, -4]])
    optimal = _fractions("7/12", "5/12")
    assert solution == ZeroSumSolution(F(1, 12), optimal, optimal)


def test_a_wrong_lp_answer_is_never_returned(monkeypatch):
    # A strategy pair whose guarantee and ceiling differ fails the certificate.
    monkeypatch.setattr(
        zero_sum, "_maximin_strategy", lambda matrix: (F(1),) + (F(0),) * (matrix.shape[0] - 1)
    )
    solution = solve_matrix_game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert solution.row_strategy == _fractions("1/3", "1/3", "1/3")
    assert solution.value == 0


def test_large_game_is_certified():
    rng = np.random.default_rng(7)
    matrix = rng.integers(-100, 100, size=(40, 30)).tolist()
    _assert_certified(matrix, solve_matrix_game(matrix))


matrices = st.integers(1, 5).flatmap(
    lambda m: st.integers(1, 5).flatmap(
        lambda n: st.one_of(
            st.lists(
                st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=m, max_size=m
            ),
            st.lists(
                st.lists(st.integers(-60, 60), min_size=n, max_size=n), min_size=m, max_size=m
            ),
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_value_is_every_equilibrium_payoff_of_the_exact_method(matrix):
    solution = zero_sum_value(Game.from_arrays(matrix))
    _assert_certified(matrix, solution)
    for eq in exact_equilibria(Game.from_arrays(matrix)).equilibria:
        assert eq.payoffs == (solution.value, -solution.value)


@settings(max_examples=40, deadline=None)
@given(matrices, st.integers(-5, 5))
def test_value_equals_the_scipy_lp_value(matrix, constant):
    from scipy.optimize import linprog

    a = np.array(matrix, dtype=float)
    m, n = a.shape
    # max v s.t. x^T A >= v, sum x = 1, x >= 0, in variables (x, v).
    lp = linprog(
        c=[0.0] * m + [-1.0],
        A_ub=np.hstack([-a.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        A_eq=[[1.0] * m + [0.0]],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
        method="highs",
    )
    # A constant-sum version with u2 = constant - u1: the row player's value is unchanged.
    game = Game.from_arrays(matrix, (constant - np.array(matrix, dtype=object)).tolist())
    assert float(zero_sum_value(game).value) == pytest.approx(-lp.fun, abs=1e-7)
