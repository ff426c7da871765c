"""Dominance by pure and mixed strategies, and iterated elimination (algorithms.dominance)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import games, n_player_games

from gametheory import Game, GameValueError
from gametheory.algorithms.dominance import (
    Dominance,
    dominated_strategies,
    iterated_elimination,
)
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.pure import pure_equilibria
from gametheory.algorithms.zero_sum import solve_matrix_game

F = Fraction


def _fr(*values):
    return tuple(F(v) for v in values)


def _labels(*rows):
    return tuple(tuple(r) for r in rows)


# Gibbons (1992), figure 1.1.1.
GIBBONS_111 = Game.from_arrays(
    [[1, 1, 0], [0, 0, 2]],
    [[0, 2, 1], [3, 1, 0]],
    strategies=(("Up", "Down"), ("Left", "Middle", "Right")),
)
# Gibbons (1992), figure 1.1.4: unique Nash equilibrium (B, R), yet nothing is dominated.
GIBBONS_114 = Game.from_arrays(
    [[0, 4, 5], [4, 0, 5], [3, 3, 6]],
    [[4, 0, 3], [0, 4, 3], [5, 5, 6]],
    strategies=(("T", "M", "B"), ("L", "C", "R")),
)
# The row player's third strategy is strictly dominated by (1/2, 1/2, 0) and by no pure one.
MIXED_ONLY = Game.from_arrays(
    [[3, 0], [0, 3], [1, 1]],
    [[1, 0], [0, 1], [1, 1]],
    strategies=(("T", "M", "B"), ("L", "R")),
)
# Order matters under weak dominance: deleting T then B gives {M} x {L, R}; deleting B first
# would make R weakly dominated by L and leave {T, M} x {L}.
WEAK_ORDER = Game.from_arrays(
    [[1, 0], [1, 2], [0, 2]],
    [[1, 0], [1, 1], [0, 1]],
    strategies=(("T", "M", "B"), ("L", "R")),
)
# Weakly, not strictly, dominated by a mixture only: (1/2, 1/2, 0) gives (1, 1, 3/2) >= (1, 1, 1).
WEAK_MIXED = Game.from_arrays(
    [[2, 0, 2], [0, 2, 1], [1, 1, 1]], np.zeros((3, 3), dtype=int).tolist(),
    strategies=(("T", "M", "B"), ("x", "y", "z")),
)


def _public_goods():
    # Three players, contribution costs 1, the pot is doubled and shared: D dominates C.
    table = {}
    for s in itertools.product("CD", repeat=3):
        k = s.count("C")
        table[s] = tuple(F(2 * k, 3) - (x == "C") for x in s)
    return Game.from_payoffs(table, ("A", "B", "C"), [["C", "D"]] * 3)


# (game, player, strict, mixed, expected dominances)
DOMINATED = [
    pytest.param(
        GIBBONS_111, "Column", True, True,
        [Dominance("Column", "Right", _fr(0, 1, 0), ("Middle",), True)],
        id="gibbons-1.1.1-column",
    ),
    pytest.param(GIBBONS_111, "Row", True, True, [], id="gibbons-1.1.1-row"),
    pytest.param(GIBBONS_114, "Row", True, True, [], id="gibbons-1.1.4-row"),
    pytest.param(GIBBONS_114, "Column", False, True, [], id="gibbons-1.1.4-column-weak"),
    pytest.param(
        MIXED_ONLY, "Row", True, True,
        [Dominance("Row", "B", _fr("1/2", "1/2", 0), ("T", "M"), True)],
        id="mixed-only",
    ),
    pytest.param(MIXED_ONLY, "Row", True, False, [], id="mixed-only-pure-check"),
    pytest.param(
        WEAK_ORDER, "Row", False, False,
        [
            Dominance("Row", "T", _fr(0, 1, 0), ("M",), False),
            Dominance("Row", "B", _fr(0, 1, 0), ("M",), False),
        ],
        id="weak-pure",
    ),
    pytest.param(WEAK_ORDER, "Row", True, True, [], id="weak-is-not-strict"),
    pytest.param(
        WEAK_MIXED, "Row", False, True,
        [Dominance("Row", "B", _fr("1/2", "1/2", 0), ("T", "M"), False)],
        id="weak-mixed-only",
    ),
    pytest.param(WEAK_MIXED, "Row", False, False, [], id="weak-mixed-only-pure-check"),
    pytest.param(
        _public_goods(), "B", True, False,
        [Dominance("B", "C", _fr(0, 1), ("D",), True)],
        id="three-player-public-goods",
    ),
    # A duplicate strategy weakly dominates nothing; a strategy does not dominate itself.
    pytest.param(
        Game.from_arrays([[1, 2], [1, 2]], [[0, 0], [0, 0]]), "Row", False, True, [],
        id="duplicates",
    ),
]


@pytest.mark.parametrize(("game", "player", "strict", "mixed", "expected"), DOMINATED)
def test_dominated_strategies(game, player, strict, mixed, expected):
    found = dominated_strategies(game, player, strict=strict, mixed=mixed)
    assert list(found) == expected
    for d in found:
        assert d.is_pure == (len(d.by_labels) == 1)


# (game, strict, mixed, steps as (round, player, strategy, by_labels), surviving strategies)
ELIMINATION = [
    pytest.param(
        GIBBONS_111, True, True,
        [(1, "Column", "Right", ("Middle",)), (2, "Row", "Down", ("Up",)),
         (2, "Column", "Left", ("Middle",))],
        _labels(("Up",), ("Middle",)),
        id="gibbons-1.1.1",
    ),
    pytest.param(GIBBONS_114, True, True, [], GIBBONS_114.strategies, id="gibbons-1.1.4"),
    pytest.param(
        Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"),) * 2),
        True, False,
        [(1, "Row", "C", ("D",)), (1, "Column", "C", ("D",))],
        _labels(("D",), ("D",)),
        id="prisoners-dilemma",
    ),
    # Only once B is gone is the column player's L strictly dominated (by R); then T by M.
    pytest.param(
        Game.from_arrays(
            [[3, 0], [0, 3], [1, 1]], [[0, 1], [0, 1], [2, 0]],
            strategies=(("T", "M", "B"), ("L", "R")),
        ),
        True, True,
        [(1, "Row", "B", ("T", "M")), (1, "Column", "L", ("R",)), (2, "Row", "T", ("M",))],
        _labels(("M",), ("R",)),
        id="mixed-then-pure",
    ),
    pytest.param(
        WEAK_ORDER, False, True,
        [(1, "Row", "T", ("M",)), (1, "Row", "B", ("M",))],
        _labels(("M",), ("L", "R")),
        id="weak-order-convention",
    ),
    pytest.param(
        _public_goods(), True, False,
        [(1, "A", "C", ("D",)), (1, "B", "C", ("D",)), (1, "C", "C", ("D",))],
        _labels(("D",), ("D",), ("D",)),
        id="three-player-public-goods",
    ),
]


@pytest.mark.parametrize(("game", "strict", "mixed", "steps", "survivors"), ELIMINATION)
def test_iterated_elimination(game, strict, mixed, steps, survivors):
    result = iterated_elimination(game, strict=strict, mixed=mixed)
    assert [
        (s.round, s.player, s.strategy, s.dominance.by_labels) for s in result.steps
    ] == steps
    assert result.game.strategies == survivors
    assert result.game.players == game.players
    for step in result.steps:
        assert step.dominance.strategy == step.strategy
        assert step.dominance.player == step.player


def test_unknown_player():
    with pytest.raises(GameValueError, match="unknown player"):
        dominated_strategies(GIBBONS_111, "Collumn")


def _rows(game, i):
    return np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)


def _check_verified(game, d):
    """The dominance holds, recomputed exactly from the payoffs."""
    i = game.player_index(d.player)
    rows = _rows(game, i)
    s = game.strategies[i].index(d.strategy)
    assert d.by[s] == 0 and sum(d.by) == 1 and min(d.by) >= 0
    margins = [sum(p * v for p, v in zip(d.by, col, strict=True)) - col[s] for col in rows.T]
    if d.strict:
        assert min(margins) > 0
    else:
        assert min(margins) >= 0 and max(margins) > 0 and min(margins) == 0


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, payoff_range=(0, 3)))
def test_strict_dominance_is_verified_and_complete(game):
    for i in range(2):
        found = dominated_strategies(game, i)
        for d in found:
            _check_verified(game, d)
        pure_only = {d.strategy for d in dominated_strategies(game, i, mixed=False)}
        assert pure_only <= {d.strategy for d in found}
        # Every strategy not reported is a best response to some belief: not dominated.
        rows = _rows(game, i)
        for s in range(rows.shape[0]):
            if game.strategies[i][s] in {d.strategy for d in found} or rows.shape[0] == 1:
                continue
            others = [t for t in range(rows.shape[0]) if t != s]
            belief = solve_matrix_game(rows[others] - rows[s]).column_strategy
            payoffs = rows.dot(np.array(belief, dtype=object))
            assert payoffs[s] == max(payoffs)


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, payoff_range=(0, 2)))
def test_weak_dominance_is_verified(game):
    for i in range(2):
        weak = dominated_strategies(game, i, strict=False)
        for d in weak:
            _check_verified(game, d)
        strict = {d.strategy for d in dominated_strategies(game, i)}
        assert strict <= {d.strategy for d in weak}
        assert strict == {d.strategy for d in weak if d.strict}


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, payoff_range=(0, 3)))
def test_strict_elimination_keeps_every_equilibrium(game):
    reduced = iterated_elimination(game).game
    keep = [
        [game.strategies[i].index(label) for label in reduced.strategies[i]] for i in range(2)
    ]

    def embed(profile):
        out = []
        for i, sigma in enumerate(profile):
            full = [F(0)] * game.shape[i]
            for k, p in zip(keep[i], sigma, strict=True):
                full[k] = p
            out.append(tuple(full))
        return tuple(out)

    before = [eq.profile for eq in exact_equilibria(game).equilibria]
    after = [embed(eq.profile) for eq in exact_equilibria(reduced).equilibria]
    assert sorted(before) == sorted(after)


@settings(max_examples=25, deadline=None)
@given(n_player_games(min_players=3, max_players=3, max_size=3, payoff_range=(0, 3)))
def test_n_players_strict_elimination_keeps_pure_equilibria(game):
    result = iterated_elimination(game)
    for step in result.steps:
        assert step.dominance.strict
    before = {eq.support() for eq in pure_equilibria(game).equilibria}
    after = {eq.support() for eq in pure_equilibria(result.game).equilibria}
    assert before == after
