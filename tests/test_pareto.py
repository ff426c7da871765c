"""Pareto efficiency of outcomes and equilibria (gametheory.algorithms.pareto)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from strategies import games, n_player_games

from gametheory import Game, solve
from gametheory.algorithms import pareto
from gametheory.algorithms.exact import exact_equilibria
from gametheory.algorithms.pareto import (
    EfficiencyReport,
    equilibrium_efficiency,
    pareto_efficient_outcomes,
)
from gametheory.algorithms.pure import pure_equilibria

F = Fraction

PD = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
BOS = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
PENNIES = Game.from_arrays([[1, -1], [-1, 1]])
# (T, L) pays (1, 1): no pure outcome beats it for both, but the lottery 1/2 (T, R) +
# 1/2 (B, L) pays (3/2, 3/2).
HULL_ONLY = Game.from_arrays([[1, 3], [0, 0]], [[1, 0], [3, 0]])


def _public_goods():
    table = {}
    for s in itertools.product("CD", repeat=3):
        k = s.count("C")
        table[s] = tuple(F(2 * k, 3) - (x == "C") for x in s)
    return Game.from_payoffs(table, ("A", "B", "C"), [["C", "D"]] * 3)


OUTCOMES = [
    pytest.param(PD, ((0, 0), (0, 1), (1, 0)), id="prisoners-dilemma"),
    pytest.param(BOS, ((0, 0), (1, 1)), id="battle-of-the-sexes"),
    pytest.param(PENNIES, ((0, 0), (0, 1), (1, 0), (1, 1)), id="matching-pennies"),
    pytest.param(HULL_ONLY, ((0, 0), (0, 1), (1, 0)), id="hull-only"),
    # Equal payoff vectors do not dominate each other.
    pytest.param(
        Game.from_arrays([[1, 1], [0, 1]], [[1, 1], [0, 0]]), ((0, 0), (0, 1)), id="ties"
    ),
    # Public goods: all contribute (1, 1, 1), or two do (1/3, 1/3, 4/3 for the free rider).
    pytest.param(
        _public_goods(),
        ((0, 0, 0), (0, 0, 1), (0, 1, 0), (1, 0, 0)),
        id="three-player-public-goods",
    ),
]


@pytest.mark.parametrize(("game", "expected"), OUTCOMES)
def test_pareto_efficient_outcomes(game, expected):
    assert pareto_efficient_outcomes(game) == expected


# (game, [(dominated_by_equilibria, dominated_by_outcomes, dominated_by_mixture)])
EQUILIBRIA = [
    pytest.param(PD, [((), ((0, 0),), True)], id="prisoners-dilemma"),
    pytest.param(
        BOS,
        [((), (), False), ((0, 2), ((0, 0), (1, 1)), True), ((), (), False)],
        id="battle-of-the-sexes",
    ),
    # (0, 0) lies on the segment between (1, -1) and (-1, 1): efficient.
    pytest.param(PENNIES, [((), (), False)], id="matching-pennies"),
    pytest.param(HULL_ONLY, [((), (), True)], id="hull-only"),
]


@pytest.mark.parametrize(("game", "expected"), EQUILIBRIA)
def test_equilibrium_efficiency(game, expected):
    result = solve(game)
    reports = equilibrium_efficiency(game, result.equilibria)
    assert [
        (r.dominated_by_equilibria, r.dominated_by_outcomes, r.dominated_by_mixture)
        for r in reports
    ] == expected
    for k, (report, eq) in enumerate(zip(reports, result.equilibria, strict=True)):
        assert report.equilibrium == k
        assert report.payoffs == eq.payoffs
        _check_witness(game, report)


def test_hull_only_witness():
    (first,) = equilibrium_efficiency(HULL_ONLY, solve(HULL_ONLY).equilibria)
    assert first == EfficiencyReport(
        equilibrium=0,
        payoffs=(F(1), F(1)),
        dominated_by_equilibria=(),
        dominated_by_outcomes=(),
        dominated_by_mixture=True,
        mixture=first.mixture,
    )
    assert first.efficient_among_equilibria and first.efficient_among_outcomes
    _check_witness(HULL_ONLY, first)


def test_profiles_are_accepted_as_well_as_equilibria():
    (report,) = equilibrium_efficiency(PD, [[[0, 1], [0, 1]]])
    assert report.payoffs == (F(1), F(1))
    assert report.dominated_by_outcomes == ((0, 0),)
    assert report.mixture == (((0, 0), F(1)),)


def test_three_players():
    game = _public_goods()
    (report,) = equilibrium_efficiency(game, pure_equilibria(game).equilibria)
    assert report.payoffs == (F(0),) * 3
    assert report.dominated_by_mixture is True
    assert (0, 0, 0) in report.dominated_by_outcomes
    _check_witness(game, report)


def test_two_player_fallback_agrees(monkeypatch):
    # With both LP certificates unavailable, the exact geometric test decides.
    monkeypatch.setattr(pareto, "_hull_dominator", lambda points, u: None)
    monkeypatch.setattr(pareto, "_efficiency_weights", lambda points, u: None)
    reports = equilibrium_efficiency(HULL_ONLY, solve(HULL_ONLY).equilibria)
    assert [r.dominated_by_mixture for r in reports] == [True]
    _check_witness(HULL_ONLY, reports[0])
    reports = equilibrium_efficiency(BOS, solve(BOS).equilibria)
    assert [r.dominated_by_mixture for r in reports] == [False, True, False]


def test_n_players_undetermined_without_certificates(monkeypatch):
    monkeypatch.setattr(pareto, "_hull_dominator", lambda points, u: None)
    monkeypatch.setattr(pareto, "_efficiency_weights", lambda points, u: None)
    # (1, 1, 1) at (a, a, a) is dominated by no pure outcome, and (not) by a lottery can
    # only be decided by the LP certificates for three players.
    table = {s: (0, 0, 0) for s in itertools.product("ab", repeat=3)}
    table["a", "a", "a"] = (1, 1, 1)
    table["a", "a", "b"] = (3, 0, 0)
    table["a", "b", "a"] = (0, 3, 0)
    table["b", "a", "a"] = (0, 0, 3)
    game = Game.from_payoffs(table, ("P", "Q", "R"), [["a", "b"]] * 3)
    (report,) = equilibrium_efficiency(game, [["a", "a", "a"]])
    assert report.payoffs == (1, 1, 1) and report.dominated_by_outcomes == ()
    assert report.dominated_by_mixture is None
    monkeypatch.undo()
    assert equilibrium_efficiency(game, [["a", "a", "a"]])[0].dominated_by_mixture is False


def _dominates(w, v):
    return all(a >= b for a, b in zip(w, v, strict=True)) and w != tuple(v)


def _check_witness(game, report):
    if report.dominated_by_mixture:
        assert sum(w for _, w in report.mixture) == 1
        assert all(w > 0 for _, w in report.mixture)
        point = tuple(
            sum(w * game.payoffs[i][profile] for profile, w in report.mixture)
            for i in range(game.n_players)
        )
        assert _dominates(point, report.payoffs)
    else:
        assert report.mixture == ()


def _vectors(game):
    return {p: tuple(a[p] for a in game.payoffs) for p in game.pure_profiles()}


@settings(max_examples=50, deadline=None)
@given(games(max_size=4, payoff_range=(0, 3)))
def test_two_players(game):
    vectors = _vectors(game)
    efficient = pareto_efficient_outcomes(game)
    assert efficient == tuple(
        p for p in game.pure_profiles()
        if not any(_dominates(w, vectors[p]) for w in vectors.values())
    )
    equilibria = exact_equilibria(game).equilibria
    points = sorted(set(vectors.values()))
    for report in equilibrium_efficiency(game, equilibria):
        u = report.payoffs
        assert report.dominated_by_outcomes == tuple(
            p for p in game.pure_profiles() if _dominates(vectors[p], u)
        )
        assert report.dominated_by_equilibria == tuple(
            k for k, eq in enumerate(equilibria) if _dominates(eq.payoffs, u)
        )
        # The LP certificates agree with the exact geometric test.
        assert report.dominated_by_mixture == (pareto._hull_dominator_2d(points, u) is not None)
        if report.dominated_by_outcomes or report.dominated_by_equilibria:
            assert report.dominated_by_mixture
        _check_witness(game, report)


@settings(max_examples=25, deadline=None)
@given(n_player_games(min_players=3, max_players=3, max_size=2, payoff_range=(0, 3)))
def test_n_players(game):
    vectors = _vectors(game)
    assert pareto_efficient_outcomes(game) == tuple(
        p for p in game.pure_profiles()
        if not any(_dominates(w, vectors[p]) for w in vectors.values())
    )
    for report in equilibrium_efficiency(game, pure_equilibria(game).equilibria):
        assert report.dominated_by_mixture is not None
        if report.dominated_by_outcomes:
            assert report.dominated_by_mixture
        _check_witness(game, report)
