"""nashpy's algorithms behind exact certification (gametheory.algorithms.nashpy_methods)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import games

from gametheory import Game, GameValueError, solve
from gametheory.algorithms import nashpy_methods
from gametheory.algorithms._exact_lp import rational_candidates
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.nashpy_methods import (
    denominator_bound,
    is_degenerate,
    lemke_howson,
    support_enumeration,
    vertex_enumeration,
)

F = Fraction
METHODS = [
    pytest.param(support_enumeration, "support-enumeration", id="support"),
    pytest.param(vertex_enumeration, "vertex-enumeration", id="vertex"),
    pytest.param(lemke_howson, "lemke-howson", id="lemke-howson"),
]
ENUMERATIONS = METHODS[:2]


def _rows(result):
    return [tuple(str(p) for p in eq.profile[0]) for eq in result.equilibria]


# Nondegenerate games with their exactly known equilibria, in the order of method "exact".
CASES = [
    pytest.param(
        Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        [((F(0), F(1)), (F(0), F(1)))],
        id="prisoners-dilemma",
    ),
    pytest.param(
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        [
            ((F(1), F(0)), (F(1), F(0))),
            ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
            ((F(0), F(1)), (F(0), F(1))),
        ],
        id="battle-of-the-sexes",
    ),
    pytest.param(
        Game.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]),
        [((F(1, 3),) * 3, (F(1, 3),) * 3)],
        id="rock-paper-scissors",
    ),
    # von Stengel (2007), figure 3.3 / equation (3.3): three equilibria.
    pytest.param(
        Game.from_arrays([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]),
        [
            ((F(1), F(0), F(0)), (F(1), F(0))),
            ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        ],
        id="von-stengel-3x2",
    ),
    # Equilibrium probabilities with large denominators (sevenths, 23rds).
    pytest.param(
        Game.from_arrays([[3, -1], [-2, 1]], [[-3, 1], [2, -1]]),
        [((F(3, 7), F(4, 7)), (F(2, 7), F(5, 7)))],
        id="sevenths",
    ),
]


@pytest.mark.parametrize(("function", "method"), ENUMERATIONS)
@pytest.mark.parametrize(("game", "expected"), CASES)
def test_enumerations_find_every_equilibrium_of_nondegenerate_games(
    game, expected, function, method
):
    result = function(game)
    assert [eq.profile for eq in result.equilibria] == expected
    assert (result.method, result.exact, result.complete, result.status) == (
        method,
        False,
        True,
        "ok",
    )
    assert result.rejected == ()
    assert result.message.endswith("every equilibrium was found (the game is nondegenerate)")
    assert [eq.profile for eq in exact_equilibria(game).equilibria] == expected


@pytest.mark.parametrize(("game", "expected"), CASES)
def test_lemke_howson_finds_certified_equilibria_but_is_never_complete(game, expected):
    result = lemke_howson(game)
    found = [eq.profile for eq in result.equilibria]
    assert found and all(profile in expected for profile in found)
    assert found == [p for p in expected if p in found]  # same order as "exact"
    assert (result.method, result.exact, result.complete, result.status) == (
        "lemke-howson",
        False,
        False,
        "ok",
    )
    assert result.message.endswith("need not find every equilibrium")


def test_lemke_howson_misses_the_mixed_equilibrium_of_a_coordination_game():
    # Shapley (1974): every Lemke-Howson path of this game ends at a pure equilibrium.
    game = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert [eq.is_pure for eq in lemke_howson(game).equilibria] == [True, True]


@pytest.mark.parametrize(("function", "method"), METHODS)
def test_degenerate_game_is_reported(function, method):
    # A continuum of equilibria: Row plays 1, Column anything with weight >= 1/2 on 1.
    game = Game.from_arrays([[1, 1], [0, 2]], [[1, 1], [1, 1]])
    result = function(game)
    assert result.status in ("degenerate", "incomplete")
    assert not result.complete
    assert "the game is degenerate" in result.message
    exact = {eq.profile for eq in exact_equilibria(game).equilibria}
    assert {eq.profile for eq in result.equilibria} <= exact


@pytest.mark.parametrize(("function", "method"), METHODS)
def test_three_players_is_an_error(function, method):
    game = Game.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(GameValueError, match=f"method '{method}' needs a two-player game"):
        function(game)


@pytest.mark.parametrize(("function", "method"), METHODS)
def test_solve_dispatch(function, method):
    game = Game.from_arrays([[1, -1], [-1, 1]])
    assert solve(game, method) == function(game)


def test_a_wrong_candidate_is_rejected_never_returned(monkeypatch):
    import nashpy

    def bogus(self):
        yield np.array([1.0, 0.0]), np.array([1.0, 0.0])  # not an equilibrium
        yield np.array([0.5, 0.5]), np.array([0.5 + 1e-12, 0.5 - 1e-12])  # one, up to floats

    monkeypatch.setattr(nashpy.Game, "support_enumeration", bogus)
    result = support_enumeration(Game.from_arrays([[1, -1], [-1, 1]]))
    half = (F(1, 2), F(1, 2))
    assert [eq.profile for eq in result.equilibria] == [(half, half)]
    assert result.rejected == (((F(1), F(0)), (F(1), F(0))),)
    assert result.status == "incomplete" and not result.complete
    assert "1 candidate rejected: not an equilibrium once rounded to fractions" in result.message
    assert result.to_dict()["rejected"] == 1


def test_a_rounding_is_never_snapped_onto_a_different_point(monkeypatch):
    import nashpy

    def near(self):
        # 1e-4 from the equilibrium (1/2, 1/2): far beyond floating-point error.
        yield np.array([0.5001, 0.4999]), np.array([0.5, 0.5])

    monkeypatch.setattr(nashpy.Game, "vertex_enumeration", near)
    result = vertex_enumeration(Game.from_arrays([[1, -1], [-1, 1]]))
    assert result.equilibria == ()
    assert result.rejected == (((F(5001, 10000), F(4999, 10000)), (F(1, 2), F(1, 2))),)


def test_malformed_candidates_and_failures_are_reported(monkeypatch):
    import nashpy

    def broken(self):
        yield np.array([np.nan, 1.0]), np.array([0.5, 0.5])
        yield np.array([1.0, 0.0, 0.0]), np.array([0.5, 0.5])

    monkeypatch.setattr(nashpy.Game, "support_enumeration", broken)
    result = support_enumeration(Game.from_arrays([[1, -1], [-1, 1]]))
    assert result.equilibria == () and result.status == "incomplete"
    assert "2 malformed candidates dropped" in result.message

    def raising(self):
        raise ValueError("boom")

    monkeypatch.setattr(nashpy.Game, "support_enumeration", raising)
    result = support_enumeration(Game.from_arrays([[1, -1], [-1, 1]]))
    assert result.status == "incomplete"
    assert "1 run failed in nashpy (ValueError: boom)" in result.message


def test_lemke_howson_cycling_is_stopped():
    # nashpy's floating-point Lemke-Howson loops for ever on this degenerate game.
    game = Game.from_arrays([[1], [1], [1]], [[0], [0], [1]])
    result = lemke_howson(game)
    assert result.status == "incomplete"
    assert "cycles" in result.message
    exact = {eq.profile for eq in exact_equilibria(game).equilibria}
    assert {eq.profile for eq in result.equilibria} <= exact


def test_denominator_bound_and_rational_candidates():
    # k = 2, centred integer payoffs in [-1, 1]: sqrt(2 * (2 + 1)^2) = 4.24..., rounded up: 5.
    a = np.array([[F(1), F(-1)], [F(-1), F(1)]], dtype=object)
    assert denominator_bound(a) == 5
    # Fractional payoffs are scaled to integers first: the bound does not depend on the scale.
    assert denominator_bound(a / 7) == 5
    candidates = rational_candidates([1 / 7, 6 / 7], 1000)
    assert candidates[0] == (F(1, 7), F(6, 7))
    assert rational_candidates([0.3333, 0.6667], 10) == []  # too far from 1/3 at this bound
    assert rational_candidates([-1e-17, 1.0], 10) == [(F(0), F(1))]


def test_is_degenerate():
    assert not is_degenerate(Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert is_degenerate(Game.from_arrays([[1, 1], [0, 2]], [[1, 1], [1, 1]]))
    # A pure strategy with two best responses.
    assert is_degenerate(Game.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 1]]))


@pytest.mark.parametrize(("function", "method"), METHODS)
@settings(max_examples=25, deadline=None)
@given(game=games(max_size=3, payoff_range=(0, 3)))
def test_results_are_certified_extreme_equilibria(function, method, game):
    result = function(game)
    exact = {eq.profile for eq in exact_equilibria(game).equilibria}
    for eq in result.equilibria:
        assert eq.regret == 0 and game.is_nash(eq.profile)
        assert eq.profile in exact
    for profile in result.rejected:
        assert not game.is_nash(profile)
    if result.complete:
        assert {eq.profile for eq in result.equilibria} == exact
    assert result.complete <= (result.status == "ok")


@pytest.mark.parametrize(("function", "method"), ENUMERATIONS)
@settings(max_examples=20, deadline=None)
@given(game=games(min_size=2, max_size=3, payoff_range=(0, 999), degenerate=False))
def test_enumerations_are_complete_on_nondegenerate_games(function, method, game):
    result = function(game)
    exact = [eq.profile for eq in exact_equilibria(game).equilibria]
    if result.complete:
        assert [eq.profile for eq in result.equilibria] == exact
    else:
        # Only floating-point trouble can leave a nondegenerate game incomplete.
        assert result.status == "incomplete"
        assert {eq.profile for eq in result.equilibria} < set(exact)


def test_nashpy_is_not_imported_by_the_package():
    import subprocess
    import sys

    code = (
        "import sys, gametheory, gametheory.algorithms.nashpy_methods; "
        "print('nashpy' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_float_values_are_exact_after_certification():
    result = vertex_enumeration(Game.from_arrays([[3, -1], [-2, 1]], [[-3, 1], [2, -1]]))
    assert _rows(result) == [("3/7", "4/7")]
    assert nashpy_methods.__name__ == "gametheory.algorithms.nashpy_methods"
