"""The one-sided enumeration of rectangular games against enumerating both polytopes.

The reference is the previous algorithm (:func:`gametheory.algorithms.exact._both_sides`:
every vertex of both best-response polytopes, completely labelled pairs by bit masks), which is
itself checked against brute force and the peers in ``test_exact.py`` and ``test_peers.py``;
the games are drawn with small payoffs so that most are degenerate.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from strategies import games, reference_extreme_equilibria

from gametheory import Game
from gametheory.algorithms._one_sided import one_sided_pairs
from gametheory.algorithms.exact import _both_sides, _positive_integer, exact_equilibria


def _one_sided(game: Game) -> tuple[set, bool]:
    a, b = game.matrices()
    m, n = game.shape
    if m <= n:
        pairs, degenerate = one_sided_pairs(_positive_integer(b).T.copy(), _positive_integer(a))
        return set(pairs), degenerate
    pairs, degenerate = one_sided_pairs(_positive_integer(a), _positive_integer(b).T.copy())
    return {(x, y) for y, x in pairs}, degenerate


def _check(game: Game) -> None:
    a, b = game.matrices()
    m, n = game.shape
    both, both_degenerate = _both_sides(a, b, m, n)
    pairs, degenerate = _one_sided(game)
    assert pairs == set(both)
    assert len(pairs) == len(both)
    # Degeneracy seen from one side implies degeneracy; the converse may be out of its sight.
    assert not degenerate or both_degenerate


@settings(max_examples=300, deadline=None)
@given(games(min_size=1, max_size=5, payoff_range=(0, 2)))
def test_one_sided_pairs_equal_both_sided_ones(game):
    _check(game)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(games(min_size=1, max_size=7, payoff_range=(0, 3)))
def test_one_sided_pairs_equal_both_sided_ones_many(game):
    _check(game)


@settings(max_examples=60, deadline=None)
@given(games(min_size=1, max_size=4, payoff_range=(0, 2)))
def test_rectangular_exact_equilibria_match_brute_force(game):
    found = {eq.profile for eq in exact_equilibria(game).equilibria}
    assert found == reference_extreme_equilibria(game)
