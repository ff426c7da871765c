"""The dual cyclic polytope games of ``benchmarks/families.py`` (issue 16's family).

- Polytope theory (Ziegler 1995, Theorem 0.7 and Corollary 8.28): each best-response polytope
  of the d x d game has the upper-bound number of vertices, and the tight sets of its vertices
  are exactly the Gale-even d-sets of facet positions 1..2d, checked against a combinatorial
  enumeration of those sets (no geometry).
- The equilibria: their number equals the number of completely labelled pairs of Gale-even
  sets under the generator's labelling (combinatorics only), and the sets of extreme equilibria
  equal pygambit's exact ``enummixed`` and ``lrsnash``'s (skipped when not installed).
"""

from __future__ import annotations

import doctest
import itertools
import pathlib
import sys

import numpy as np
import pytest
from test_peers import LRSNASH, _extreme, _gambit_extreme, _lrsnash_extreme

from gametheory import Game, solve
from gametheory.algorithms._polytope import enumerate_vertices
from gametheory.algorithms.exact import _positive_integer

# The generator has one copy, beside the benchmark that times it.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "benchmarks"))
import families
from families import dual_cyclic_game, gale_even, upper_bound_vertices

SLOW = pytest.mark.slow  # lrsnash takes seconds from d = 12 (large integers)


def _game(d: int) -> Game:
    return Game.from_arrays(*dual_cyclic_game(d))


def _gale_even_sets(d: int) -> set[frozenset[int]]:
    """Every Gale-even d-subset of positions 1..2d, from the definition."""
    n = 2 * d
    return {
        frozenset(subset)
        for subset in itertools.combinations(range(1, n + 1), d)
        if gale_even(set(subset), n)
    }


def _positions(mask: int, n: int) -> frozenset[int]:
    """A vertex's zero set (bit b: facet at position b + 1, the order enumerate_vertices uses
    for both P, x >= 0 then the columns, and Q, y >= 0 then the rows) as positions."""
    return frozenset(b + 1 for b in range(n) if mask >> b & 1)


def _tight_sets(d: int) -> tuple[list[frozenset[int]], list[frozenset[int]]]:
    """The tight positions of every vertex of P and of Q, the polytopes the exact solver
    enumerates (payoffs made positive integers, which keeps the combinatorial type)."""
    a, b = _game(d).matrices()
    p = enumerate_vertices(_positive_integer(b).T.copy())
    q = enumerate_vertices(_positive_integer(a))
    return [_positions(m, 2 * d) for m in p.labels], [_positions(m, 2 * d) for m in q.labels]


@pytest.mark.parametrize("d", [2, 4, 6])
def test_best_response_polytopes_are_dual_cyclic(d):
    gale = _gale_even_sets(d)
    assert len(gale) == upper_bound_vertices(d, 2 * d)
    for tight in _tight_sets(d):
        assert len(tight) == upper_bound_vertices(d, 2 * d)
        # Simple (every vertex on exactly d facets) and the tight sets are the Gale-even ones.
        assert set(tight) == gale and len(set(tight)) == len(tight)


def _shift(positions: frozenset[int], d: int) -> frozenset[int]:
    """Q's positions as the game's labels: position p carries P's label at p + d (mod 2d)."""
    return frozenset((p + d - 1) % (2 * d) + 1 for p in positions)


@pytest.mark.parametrize("d", [2, 4, 6, 8])
def test_number_of_equilibria_is_the_number_of_completely_labelled_pairs(d):
    everything = frozenset(range(1, 2 * d + 1))
    gale = _gale_even_sets(d)
    # Pairs of vertices whose labels cover 1..2d, minus the pair of origins. With d labels
    # each, P's vertex S pairs with the Q vertex whose shifted labels are 1..2d minus S.
    shifted = {_shift(t, d) for t in gale}
    pairs = sum(1 for s in gale if everything - s in shifted) - 1
    assert len(solve(_game(d), "exact").equilibria) == pairs


@pytest.mark.parametrize("d", [2, 4, 6])
def test_equal_to_pygambit_enummixed(d):
    pytest.importorskip("pygambit")
    game = _game(d)
    theirs = _gambit_extreme(game)
    assert len(theirs) == len(set(theirs))
    assert set(theirs) == _extreme(game)


@pytest.mark.skipif(LRSNASH is None, reason="lrsnash (lrslib) is not installed")
@pytest.mark.parametrize("d", [2, 4, 6, 8, *(pytest.param(d, marks=SLOW) for d in (10, 12))])
def test_equal_to_lrsnash(d):
    game = _game(d)
    assert _lrsnash_extreme(game) == _extreme(game)


@pytest.mark.slow
@pytest.mark.parametrize("d", [8])
def test_equal_to_pygambit_enummixed_larger(d):
    test_equal_to_pygambit_enummixed(d)


def test_the_game_is_nondegenerate_and_symmetric():
    game = _game(6)
    result = solve(game, "exact")
    assert result.status == "ok" and result.complete
    # Nondegenerate: every extreme equilibrium is its own component.
    assert len(result.components) == len(result.equilibria)
    a, b = (np.array(m) for m in game.matrices())
    assert (a == b.T).all()


@pytest.mark.parametrize("d", [0, 3, -2, 2.0, True])
def test_bad_dimension(d):
    with pytest.raises(ValueError, match="even integer of at least 2"):
        dual_cyclic_game(d)


def test_gale_even_on_a_hand_checked_set():
    # Ziegler (1995), Theorem 0.7, for C_4(8): {1,2,4,5} and {1,3,4,8} are facets, {1,3,4,6} is
    # not (between 2 and 5 lie 3 and 4, between 5 and 7 lies 6 alone).
    assert gale_even({1, 2, 4, 5}, 8)
    assert gale_even({1, 3, 4, 8}, 8)
    assert not gale_even({1, 3, 4, 6}, 8)


def test_doctests_of_the_generator_module():
    # benchmarks/ is outside pytest's doctest paths, so the examples are run here.
    failed, tried = doctest.testmod(families)
    assert tried > 0 and failed == 0
