"""Security (maximin) levels and strategies, pure and mixed (gametheory.algorithms.security)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import games, n_player_games

from gametheory import Game, GameValueError
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.security import SecurityStrategy, security_levels, security_strategy
from gametheory.algorithms.zero_sum import zero_sum_value

F = Fraction


def _majority_game():
    table = {
        s: tuple(int(s.count(s[i]) >= 2) for i in range(3))
        for s in itertools.product("ab", repeat=3)
    }
    return Game.from_payoffs(table, ("P", "Q", "R"), [["a", "b"]] * 3)


def _fr(*values):
    return tuple(F(v) for v in values)


# (game, mixed, expected [(level, strategy), ...] per player)
CASES = [
    pytest.param(
        Game.from_arrays([[1, -1], [-1, 1]]),
        False,
        [(F(-1), _fr(1, 0)), (F(-1), _fr(1, 0))],
        id="matching-pennies-pure",
    ),
    pytest.param(
        Game.from_arrays([[1, -1], [-1, 1]]),
        True,
        [(F(0), _fr("1/2", "1/2")), (F(0), _fr("1/2", "1/2"))],
        id="matching-pennies-mixed",
    ),
    pytest.param(
        Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        True,
        [(F(1), _fr(0, 1)), (F(1), _fr(0, 1))],
        id="prisoners-dilemma",
    ),
    # Battle of the sexes: each guarantees 2/3 by putting weight 2/3 on the strategy of its
    # less preferred outcome: Row (1/3, 2/3), Column (2/3, 1/3); a pure strategy guarantees 0.
    pytest.param(
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        True,
        [(F(2, 3), _fr("1/3", "2/3")), (F(2, 3), _fr("2/3", "1/3"))],
        id="battle-of-the-sexes-mixed",
    ),
    pytest.param(
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        False,
        [(F(0), _fr(1, 0)), (F(0), _fr(1, 0))],
        id="battle-of-the-sexes-pure",
    ),
    # Three players who want to be in the majority: a pure strategy guarantees nothing (both
    # others may choose the other), the even mixture guarantees 1/2.
    pytest.param(_majority_game(), False, [(F(0), _fr(1, 0))] * 3, id="majority-pure"),
    pytest.param(
        _majority_game(), True, [(F(1, 2), _fr("1/2", "1/2"))] * 3, id="majority-mixed"
    ),
]


@pytest.mark.parametrize(("game", "mixed", "expected"), CASES)
def test_literature(game, mixed, expected):
    levels = security_levels(game, mixed=mixed)
    assert levels == tuple(
        SecurityStrategy(player, level, strategy, mixed)
        for player, (level, strategy) in zip(game.players, expected, strict=True)
    )


def test_by_name_and_errors():
    game = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Her", "Him"))
    assert security_strategy(game, "Him").level == F(2, 3)
    assert security_strategy(game, 1) == security_strategy(game, "Him")
    with pytest.raises(GameValueError, match="did you mean 'Him'"):
        security_strategy(game, "Hm")


def _worst_case(game, player, strategy):
    """min over the others' pure profiles of the player's expected payoff, exactly."""
    i = game.player_index(player)
    rows = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
    return min(sum(p * v for p, v in zip(strategy, column, strict=True)) for column in rows.T)


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, payoff_range=(-3, 3)))
def test_two_players(game):
    pure = security_levels(game, mixed=False)
    mixed = security_levels(game, mixed=True)
    equilibria = exact_equilibria(game).equilibria
    for i, (p, m) in enumerate(zip(pure, mixed, strict=True)):
        # Each strategy guarantees exactly its level.
        assert _worst_case(game, i, p.strategy) == p.level
        assert _worst_case(game, i, m.strategy) == m.level
        assert max(p.strategy) == 1
        assert p.level <= m.level
        # No equilibrium pays a player less than its security level.
        assert all(eq.payoffs[i] >= m.level for eq in equilibria)
    # Against the opponent, a player's mixed level is the value of the game (A, -A).
    a = game.payoffs[0]
    assert mixed[0].level == zero_sum_value(Game.from_arrays(a.tolist())).value


@settings(max_examples=25, deadline=None)
@given(n_player_games(min_players=3, max_players=3, max_size=3, payoff_range=(0, 3)))
def test_n_players(game):
    for p, m in zip(security_levels(game, False), security_levels(game, True), strict=True):
        i = game.player_index(p.player)
        assert _worst_case(game, i, p.strategy) == p.level
        assert _worst_case(game, i, m.strategy) == m.level
        assert p.level <= m.level
        # The pure level is the max over own strategies of the min over the others' profiles.
        rows = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
        assert p.level == max(min(row) for row in rows)
