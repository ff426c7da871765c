"""Comparative statics: exact derivatives, elasticities, and Tsebelis's point."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from gametheory import Game
from gametheory.algorithms.exact import exact_equilibria
from gametheory.sensitivity import ParametricGame, comparative_statics, payoff_statics

f = sympy.Symbol("f", real=True)

# The inspection game: inspectee (comply, cheat) x inspector (inspect, rest); fine f.
INSPECTION = ([[0, 0], [-f, 1]], [[-1, 0], [1, -2]])
NAMES = {
    "players": ("Inspectee", "Inspector"),
    "strategies": (("comply", "cheat"), ("inspect", "rest")),
}


def test_tsebelis_own_payoffs_do_not_move_own_mixed_strategy() -> None:
    pg = ParametricGame.from_arrays(*INSPECTION, parameters={"f": 3}, **NAMES)
    [effects] = payoff_statics(pg.game()).equilibria
    assert effects.regular
    for (player, cell), (profile, _) in effects.derivatives.items():
        # A change in a player's own payoff never moves its own probabilities ...
        assert all(v == 0 for v in profile[player]), (player, cell)
    # ... while the other player's payoffs do.
    assert effects.own_payoff_effect("Inspectee") == 0
    assert effects.other_payoff_effect("Inspectee") > 0
    assert effects.other_payoff_effect("Inspector") > 0


def test_parameter_derivative_and_elasticity_of_the_fine() -> None:
    pg = ParametricGame.from_arrays(*INSPECTION, parameters={"f": 3}, **NAMES)
    [eq] = comparative_statics(pg).equilibria
    (d_inspectee, d_inspector), d_pay = eq.derivatives["f"]
    # Cheating stays at 1/4 whatever the fine; inspections 1/(f + 1) fall as -1/(f + 1)^2.
    assert d_inspectee == (0, 0)
    assert d_inspector == (Fraction(-1, 16), Fraction(1, 16))
    assert d_pay == (0, 0)
    # Elasticity of inspecting: (-1/16) * 3 / (1/4) = -3/4.
    assert eq.elasticities["f"][0][1][0] == Fraction(-3, 4)


def _equilibrium(game: Game) -> tuple:
    [eq] = exact_equilibria(game).equilibria
    return eq.profile, eq.payoffs


@pytest.mark.parametrize("seed", range(5))
def test_entry_derivatives_match_difference_quotients(seed: int) -> None:
    import random

    rng = random.Random(seed)
    while True:
        a = [[rng.randint(-5, 5) for _ in range(3)] for _ in range(3)]
        b = [[rng.randint(-5, 5) for _ in range(3)] for _ in range(3)]
        game = Game.from_arrays(a, b)
        result = payoff_statics(game)
        mixed = [e for e in result.equilibria if e.regular and not e.equilibrium.is_pure]
        if len(result.equilibria) == 1 and mixed:
            break
    effects = mixed[0]
    h = Fraction(1, 10**6)
    for player in range(2):
        for cell in game.pure_profiles():
            value = game.payoffs[player][cell]
            up = _equilibrium(game.with_payoff(player, cell, value + h))
            down = _equilibrium(game.with_payoff(player, cell, value - h))
            profile, payoffs = effects.effect((player, cell))
            for i in range(2):
                for k in range(3):
                    quotient = (up[0][i][k] - down[0][i][k]) / (2 * h)
                    assert abs(quotient - profile[i][k]) < Fraction(1, 1000)
                assert abs((up[1][i] - down[1][i]) / (2 * h) - payoffs[i]) < Fraction(1, 1000)


def test_not_differentiable_at_a_threshold() -> None:
    c = sympy.Symbol("c", real=True)
    pg = ParametricGame.from_arrays([[c, 1], [2, 0]], [[1, 0], [0, 1]], parameters={"c": 2})
    statics = comparative_statics(pg)
    assert all(not e.regular for e in statics.equilibria)
    assert "continuum" in statics.equilibria[0].reason
    assert statics.to_dict()["equilibria"][0]["derivatives"] == {"c": None}


def test_pure_strict_equilibrium_payoff_moves_one_for_one() -> None:
    game = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    [effects] = payoff_statics(game).equilibria
    assert effects.derivatives == {
        (0, (1, 1)): (((0, 0), (0, 0)), (1, 0)),
        (1, (1, 1)): (((0, 0), (0, 0)), (0, 1)),
    }
    assert effects.ranking()[0][1] == 0


def test_three_players() -> None:
    # Everyone gets 1 at (1, 1, 1), else 0: that equilibrium is strict, the others are not.
    one = [[[1, 0], [0, 0]], [[0, 0], [0, 0]]]
    statics = payoff_statics(Game.from_arrays(one, one, one))
    assert [e.regular for e in statics.equilibria] == [True, False, False, False, False]
    assert statics.equilibria[0].derivatives[(2, (0, 0, 0))][1] == (0, 0, 1)
