"""Pure Nash equilibria for any number of players (gametheory.algorithms.pure)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from strategies import brute_force_pure_equilibria, games, n_player_games

from gametheory import Game, solve
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.pure import best_response_mask, pure_equilibria

F = Fraction


def _table_game(players, labels, payoff):
    """A game from a payoff function of the profile (labels), for N players."""
    table = {s: payoff(s) for s in itertools.product(*labels)}
    return Game.from_payoffs(table, players, [list(s) for s in labels])


def _majority(s):
    # Each player gets 1 when at least two of the three (itself included) chose its strategy.
    return tuple(int(s.count(s[i]) >= 2) for i in range(3))


def _jordan(s):
    # Jordan (1993): player 1 wants to match 2, 2 wants to match 3, 3 wants to mismatch 1.
    return (int(s[0] == s[1]), int(s[1] == s[2]), int(s[2] != s[0]))


def _public_goods(s):
    # Three players, contribution costs 1, the pot (x2) is shared: defecting is dominant.
    k = s.count("C")
    return tuple(F(2 * k, 3) - (1 if x == "C" else 0) for x in s)


CASES = [
    pytest.param(
        Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        [(1, 1)],
        id="prisoners-dilemma",
    ),
    pytest.param(
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        [(0, 0), (1, 1)],
        id="battle-of-the-sexes",
    ),
    pytest.param(Game.from_arrays([[1, -1], [-1, 1]]), [], id="matching-pennies"),
    pytest.param(
        Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]]), [(0, 0), (1, 1)], id="stag-hunt"
    ),
    pytest.param(
        Game.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]]),
        [(0, 1), (1, 0)],
        id="chicken",
    ),
    pytest.param(
        Game.from_arrays([[0, 0], [0, 0]], [[0, 0], [0, 0]]),
        [(0, 0), (0, 1), (1, 0), (1, 1)],
        id="all-ties",
    ),
    pytest.param(
        _table_game(("P", "Q", "R"), ["ab"] * 3, _majority),
        [(0, 0, 0), (1, 1, 1)],
        id="three-player-majority",
    ),
    pytest.param(
        _table_game(("P", "Q", "R"), ["HT"] * 3, _jordan), [], id="three-player-jordan"
    ),
    pytest.param(
        _table_game(("A", "B", "C"), ["CD"] * 3, _public_goods),
        [(1, 1, 1)],
        id="three-player-public-goods",
    ),
    pytest.param(
        _table_game(("A", "B", "C", "D"), ["xy"] * 4, lambda s: (F(1),) * 4),
        list(itertools.product(range(2), repeat=4)),
        id="four-player-constant",
    ),
]


@pytest.mark.parametrize(("game", "expected"), CASES)
def test_literature(game, expected):
    result = pure_equilibria(game)
    profiles = [
        tuple(sigma.index(1) for sigma in eq.profile) for eq in result.equilibria
    ]
    assert profiles == expected  # lexicographic order
    assert all(eq.is_pure and eq.regret == 0 for eq in result.equilibria)
    assert (result.method, result.status, result.exact, result.complete) == (
        "pure",
        "ok",
        True,
        True,
    )
    assert result.message == (
        f"every pure equilibrium was found ({len(expected)}); mixed equilibria are not searched"
    )


def test_payoffs_and_labels():
    game = Game.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D"))
    )
    (eq,) = pure_equilibria(game).equilibria
    assert eq.to_dict() == {
        "strategies": {"Row": {"C": "0", "D": "1"}, "Column": {"C": "0", "D": "1"}},
        "payoffs": {"Row": "1", "Column": "1"},
    }


def test_solve_dispatch_and_default_for_three_players():
    game = _table_game(("P", "Q", "R"), ["ab"] * 3, _majority)
    # Since issue 15 the default for N players is exact (every equilibrium); pure stays.
    assert solve(game).method == "exact"
    assert solve(game, "pure").equilibria == pure_equilibria(game).equilibria


def test_huge_and_fractional_payoffs_are_exact():
    # Differences far below float resolution and integers beyond int64 still compare exactly.
    big = 2**80
    third, tiny = F(1, 3), F(1, 10**30)
    game = Game.from_arrays(
        [[third, third + tiny], [third + tiny, third]],
        [[big, big + 1], [big + 1, big]],
    )
    profiles = [tuple(s.index(1) for s in eq.profile) for eq in pure_equilibria(game).equilibria]
    # In floating point every payoff would tie and all four profiles would pass.
    assert profiles == [(0, 1), (1, 0)]


def test_best_response_mask_three_players():
    game = _table_game(("P", "Q", "R"), ["HT"] * 3, _jordan)
    mask = best_response_mask(game, 2)
    # Player 3 best-responds exactly when mismatching player 1.
    for index in game.pure_profiles():
        assert bool(mask[index]) == (index[2] != index[0])


@settings(max_examples=60, deadline=None)
@given(games(max_size=4, payoff_range=(0, 2)))
def test_two_players_pure_equilibria_are_the_pure_extreme_equilibria(game):
    pure = {eq.profile for eq in pure_equilibria(game).equilibria}
    exact = {eq.profile for eq in exact_equilibria(game).equilibria if eq.is_pure}
    assert pure == exact


@settings(max_examples=40, deadline=None)
@given(n_player_games(min_players=3, max_players=4, max_size=3, payoff_range=(0, 2)))
def test_n_players_match_brute_force(game):
    result = pure_equilibria(game)
    found = [tuple(s.index(1) for s in eq.profile) for eq in result.equilibria]
    assert found == sorted(found)
    assert set(found) == brute_force_pure_equilibria(game)
    assert all(game.is_nash(eq.profile) for eq in result.equilibria)
