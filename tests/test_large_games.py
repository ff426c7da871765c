"""Large games: Lemke-Howson without enumeration, and bounded memory in the enumeration.

References: every equilibrium is certified exactly by :func:`gametheory.result.certify`
(independent of the pivoting); the exact integer path (:func:`lemke_howson_exact`) and the
floating-point path with an exact end must reach the same equilibrium on nondegenerate games
(the same lexicographic path); nashpy's Lemke-Howson (Knight and Campbell, 2018) ends where
ours does from the same label; and the block-by-block pair search of the enumeration gives the
same vertices as one block.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import games, reference_extreme_equilibria

from gametheory import Game, solve
from gametheory.algorithms import _polytope, exact, nashpy_methods
from gametheory.algorithms._lemke_howson import large_lemke_howson, lemke_howson_exact
from gametheory.algorithms.exact import _positive_integer
from gametheory.result import certify


def _random_game(size: int, seed: int, high: int = 999) -> Game:
    rng = np.random.default_rng([seed, size])
    a = rng.integers(0, high + 1, (size, size)).tolist()
    b = rng.integers(0, high + 1, (size, size)).tolist()
    return Game.from_arrays(a, b)


def test_lemke_howson_on_a_60_by_60_game_certifies_without_enumerating(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the polytopes were enumerated")

    for module in (_polytope, exact, nashpy_methods):
        monkeypatch.setattr(module, "enumerate_vertices", refuse)
    game = _random_game(60, 3)
    result = solve(game, "lemke-howson")
    assert result.equilibria and not result.complete
    assert result.status == "ok"
    assert "from the first" in result.message  # 120 strategies: one equilibrium wanted
    for eq in result.equilibria:
        assert certify(game, eq.profile) == eq


def test_every_label_on_a_medium_game_is_certified():
    game = _random_game(25, 5)
    result = solve(game, "lemke-howson")
    assert "from every starting label" in result.message
    assert len(result.equilibria) >= 1
    assert all(certify(game, eq.profile) == eq for eq in result.equilibria)


@pytest.mark.parametrize("seed", range(4))
def test_float_path_ends_where_the_exact_integer_path_ends(seed):
    game = _random_game(7, seed)
    a, b = (_positive_integer(p) for p in game.matrices())
    large = large_lemke_howson(game)
    ends = set()
    for label in range(14):
        x, y, _ = lemke_howson_exact(a, b, label)
        ends.add((x, y))
    assert {eq.profile for eq in large.equilibria} == ends


@pytest.mark.parametrize("seed", range(3))
def test_exact_path_agrees_with_nashpy_from_each_label(seed):
    nashpy = pytest.importorskip("nashpy")
    # Small payoffs: nashpy's integer pivoting in floating point overflows on larger ones.
    game = _random_game(4, 10 + seed, high=30)
    a, b = (_positive_integer(p) for p in game.matrices())
    peer = nashpy.Game(np.array(a, dtype=float), np.array(b, dtype=float))
    for label in range(8):
        x, y, tied = lemke_howson_exact(a, b, label)
        if tied:  # a degenerate game: the two tie-breaking rules may differ
            continue
        px, py = peer.lemke_howson(initial_dropped_label=label)
        assert np.allclose([float(v) for v in x], px) and np.allclose([float(v) for v in y], py)


@settings(max_examples=60, deadline=None)
@given(games(max_size=4))
def test_exact_path_ends_at_an_extreme_equilibrium_degenerate_games_too(game):
    a, b = (_positive_integer(p) for p in game.matrices())
    reference = reference_extreme_equilibria(game)
    m, n = game.shape
    for label in range(m + n):
        x, y, _ = lemke_howson_exact(a, b, label)
        assert (x, y) in reference


def test_pair_search_in_small_blocks_gives_the_same_vertices(monkeypatch):
    # 70 labels need two mask words: the grid search, here forced into blocks of 64 pairs.
    rng = np.random.default_rng(0)
    matrix = np.array((rng.integers(1, 4, (60, 10))).tolist(), dtype=object)
    whole = _polytope.enumerate_vertices(matrix)
    monkeypatch.setattr(_polytope, "_BLOCK", 64)
    blocks = _polytope.enumerate_vertices(matrix)
    as_set = lambda v: {  # noqa: E731
        (tuple(int(c) for c in row), mask) for row, mask in zip(v.points, v.labels, strict=True)
    }
    assert as_set(whole) == as_set(blocks)


@pytest.mark.parametrize("size", [1, 4, 7])
def test_coordination_game_has_one_isolated_equilibrium_per_support(size):
    # The coordination game (I, I) has 2^n - 1 equilibria: for each non-empty support S,
    # both players uniform on S (Quint and Shubik, 1997); each is its own component.
    eye = [[int(i == j) for j in range(size)] for i in range(size)]
    result = exact.exact_equilibria(Game.from_arrays(eye, eye))
    expected = set()
    for mask in range(1, 1 << size):
        k = mask.bit_count()
        sigma = tuple(Fraction(1, k) if mask >> i & 1 else Fraction(0) for i in range(size))
        expected.add((sigma, sigma))
    assert {eq.profile for eq in result.equilibria} == expected
    assert len(result.equilibria) == (1 << size) - 1
    assert [c.equilibria for c in result.components] == [(e,) for e in range(len(expected))]
    assert all(c.nash_subsets == ((c.equilibria[0],),) for c in result.components)


def test_report_of_a_large_game_leaves_out_the_payoff_table() -> None:
    from gametheory.report import format_solve
    from gametheory.report._solve import MAX_TABLE_STRATEGIES

    n = MAX_TABLE_STRATEGIES + 1
    wide = Game.from_arrays([[j for j in range(n)]], [[0] * n])  # 1 x n: row's payoffs 0..n-1
    text = format_solve(solve(wide, "exact"), "text")
    assert f"a 1x{n} table, not printed here" in text
    assert "best response" not in text  # the table's legend
    narrow = Game.from_arrays([[j for j in range(n - 1)]], [[0] * (n - 1)])
    narrow_text = format_solve(solve(narrow, "exact"), "text")
    assert "not printed here" not in narrow_text and "best response" in narrow_text
