"""The shortcuts that make ``gametheory analyze`` fast give the results of the direct paths.

- Dominance: the exact pre-check that skips the LP when no mixture can dominate, and the
  remembered matrix games, against the LP run every time (the shortcuts disabled).
- Linear programs: the floats handed to HiGHS, computed from the fractions' integers, are the
  floats of the guarded conversion ``to_float(Fraction(v) / scale)`` they replaced.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games

from gametheory.algorithms import _exact_lp, dominance
from gametheory.algorithms.dominance import iterated_elimination
from gametheory.errors import GameValueError
from gametheory.numbers import to_float


def _steps(game, strict: bool):
    result = iterated_elimination(game, strict=strict, mixed=True)
    return [(s.round, s.player, s.strategy, s.dominance) for s in result.steps], result.game


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, payoff_range=(0, 4)), st.booleans())
def test_dominance_shortcuts_change_no_deletion(game, strict):
    fast = _steps(game, strict)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dominance, "_cannot_dominate", lambda differences, strict: False)
        patch.setattr(dominance, "_matrix_game", dominance.solve_matrix_game)
        direct = _steps(game, strict)
    assert fast == direct


def _guarded(value: Fraction, scale: Fraction) -> float | None:
    try:
        return to_float(value / scale, where="test")
    except GameValueError:
        return None


def _fast(value: Fraction, scale: Fraction) -> float | None:
    try:
        return _exact_lp._scaled_floats([value], scale)[0]
    except _exact_lp._OutOfRange:
        return None


fractions = st.fractions() | st.builds(
    lambda n, d, e: Fraction(n, d) * Fraction(2) ** e,
    st.integers(-(10**20), 10**20), st.integers(1, 10**20), st.integers(-1200, 1200),
)


@settings(max_examples=300)
@given(fractions, fractions.filter(lambda f: f > 0))
def test_scaled_floats_equal_the_guarded_conversion(value, scale):
    assert _fast(value, scale) == _guarded(value, scale)


def _commitments(game):
    from gametheory.concepts.stackelberg import stackelberg

    return [stackelberg(game, leader).to_dict() for leader in (0, 1)]


@settings(max_examples=15, deadline=None)
@given(games(min_size=2, max_size=3, payoff_range=(0, 3)))
def test_commitment_shortcuts_change_no_result(game):
    # The exact pre-checks that skip an LP known to be infeasible (a dominated follower
    # strategy, a payoff out of the leader's reach) against the LPs run every time.
    import importlib

    from gametheory.concepts import _weak_stackelberg

    stackelberg = importlib.import_module("gametheory.concepts.stackelberg")
    fast = _commitments(game)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stackelberg, "_strictly_dominated", lambda b, j: False)
        patch.setattr(_weak_stackelberg, "_reachable", lambda a, k, value: True)
        patch.setattr(_weak_stackelberg, "_never_worse", lambda b, k, j: False)
        direct = _commitments(game)
    assert fast == direct


def test_analyze_names_concepts_beyond_its_limits(monkeypatch) -> None:
    """Correlated equilibria and selection beyond analyze's size limits are named as not
    computed (with the reason and where to compute them), never silently dropped."""
    from gametheory import Game, solve
    from gametheory.concepts import summary

    game = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = solve(game)
    full = summary.concept_summary(game, result)
    assert full.correlated is not None and full.selection is not None and not full.skipped
    monkeypatch.setattr(summary, "MAX_CORRELATED_PROFILES", 3)
    monkeypatch.setattr(summary, "MAX_SELECTION_EQUILIBRIA", 2)
    cut = summary.concept_summary(game, result)
    assert cut.correlated is None and cut.selection is None
    assert cut.skipped == (
        "equilibrium selection: 3 equilibria, more than the 2 analyze takes; the library's "
        "select_equilibria compares them",
        "correlated equilibrium: 4 pure profiles, more than the 3 analyze takes; "
        "`gametheory correlated` computes them",
    )
    assert cut.qre is not None and cut.stackelberg is not None
