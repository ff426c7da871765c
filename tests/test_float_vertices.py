"""The certified floating-point pass of the exact method (:mod:`._float_vertices`).

A float double description finds the vertices with every sign it uses proven by running error
bounds, or the pass returns None and the exact double description runs. Tested here: the
proven sets equal the exact enumeration wherever the pass answers, it answers on
nondegenerate polytopes, the running bounds hold against exact rational vertices, re-deriving
a ray leaves to integers what it must (a singular system, a point outside or on a facet), exact
zeros on the way are decided by the perturbation, degenerate and near-degenerate polytopes are
refused or right, and ``solve`` gives the same result, byte for byte, with the pass forced on
and off.
"""

from __future__ import annotations

import random
import shutil
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games

from gametheory import Game, solve
from gametheory.algorithms import exact as exact_module
from gametheory.algorithms import _float_dd
from gametheory.algorithms._float_dd import _rederive, proven_rays
from gametheory.algorithms._float_vertices import certified_tight_sets, float_pass_pairs
from gametheory.algorithms._polytope import enumerate_vertices


def _matrix(rows: list[list[int]]) -> np.ndarray:
    out = np.empty((len(rows), len(rows[0])), dtype=object)
    out[:] = [[int(v) for v in row] for row in rows]
    return out


def _random_positive(rng: random.Random, k: int, d: int, high: int) -> np.ndarray:
    return _matrix([[rng.randint(1, high) for _ in range(d)] for _ in range(k)])


def _exact_labels(matrix: np.ndarray) -> tuple[set[int], bool]:
    """The exact tight sets (double description) and whether the polytope is simple."""
    vertices = enumerate_vertices(matrix)
    d = matrix.shape[1]
    return set(vertices.labels), all(mask.bit_count() == d for mask in vertices.labels)


# --------------------------------------------------------------------------- the proven sets
@given(
    k=st.integers(1, 8), d=st.integers(2, 8),
    high=st.sampled_from([2, 3, 10, 1000, 10**6]), seed=st.integers(0, 2**32),
)
@settings(max_examples=150, deadline=None)
def test_proven_sets_equal_the_exact_enumeration(k, d, high, seed):
    matrix = _random_positive(random.Random(seed), k, d, high)
    labels, simple = _exact_labels(matrix)
    proven = certified_tight_sets(matrix)
    if proven is None:
        if not simple:
            return
        # A simple polytope is refused only to bound the exact sign decisions (many ties
        # among small integers on the way); without that bound it is proven.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_float_dd, "_EXACT_DECISIONS", 10**9)
            proven = certified_tight_sets(matrix)
        assert proven is not None
    assert simple
    assert {int(v) for v in proven} == labels
    assert all(int(v).bit_count() == d for v in proven)


@pytest.mark.parametrize("size", [4, 7, 10, 12])
def test_the_pass_answers_on_nondegenerate_polytopes(size):
    # Wide integer ranges make ties (degeneracy) vanishingly rare: every polytope here is
    # simple (checked exactly), and the pass must prove it, not give up.
    rng = random.Random(size)
    for _ in range(3):
        matrix = _random_positive(rng, size, size, 10**6)
        labels, simple = _exact_labels(matrix)
        assert simple
        proven = certified_tight_sets(matrix)
        assert proven is not None
        assert {int(v) for v in proven} == labels


def test_degenerate_polytopes_are_refused():
    # Two equal rows: every vertex on that facet has d + 1 tight constraints.
    assert certified_tight_sets(_matrix([[2, 1, 1], [2, 1, 1], [1, 3, 1]])) is None
    # The unit cube {z >= 0, z_i <= 1}: simple, but the pure strategy ties of a game
    # like [[1, 1], [1, 1]] give a degenerate apex.
    assert certified_tight_sets(_matrix([[1, 1], [1, 1]])) is None


def test_near_degenerate_polytopes_are_refused_or_right():
    # Rows that differ by one unit in 10**12: vertices a hair apart. The pass must either
    # prove the exact set or give up; it may never return a wrong set.
    big = 10**12
    for matrix in (
        _matrix([[big, big + 1, big], [big + 1, big, big], [big, big, big + 1]]),
        _matrix([[big, 1, 1], [big + 1, 1, 2], [1, big, 1], [3, 1, big]]),
    ):
        proven = certified_tight_sets(matrix)
        labels, simple = _exact_labels(matrix)
        if proven is not None:
            assert simple and {int(v) for v in proven} == labels


def test_large_entries_take_the_exact_method():
    assert certified_tight_sets(_matrix([[2**41, 1], [1, 2**41]])) is None
    # Hadamard's bound on the minors above 2**500 (vertex coordinates could come near float
    # underflow): entries near 2**39 pass at 8x8, not at 14x14.
    rng = random.Random(3)
    assert certified_tight_sets(_random_positive(rng, 8, 8, 2**39)) is not None
    assert certified_tight_sets(_random_positive(rng, 14, 14, 2**39)) is None


def test_too_many_labels_take_the_exact_method():
    # d + k > 64 labels do not fit one machine word.
    assert certified_tight_sets(_random_positive(random.Random(1), 33, 32, 100)) is None


# --------------------------------------------------------------------------- the running bounds
def _exact_vertices(matrix: np.ndarray) -> dict[int, list[Fraction]]:
    vertices = enumerate_vertices(matrix)
    return {int(mask): [Fraction(v, point[-1]) for v in point[:-1]]  # w / t
            for mask, point in zip(vertices.labels, vertices.points.tolist(), strict=True)}


@pytest.mark.parametrize(("size", "high", "seed"), [(6, 1000, 1), (9, 1000, 2), (11, 10**6, 3),
                                                    (12, 1000, 4)])
def test_each_ray_is_within_its_bound_of_the_exact_vertex(size, high, seed):
    # The claim behind every sign: r_i = lam r*_i (1 + t_i) with |t_i| <= e. Dividing by the
    # homogenising entry, r_i / r_d = (r*_i / r*_d) (1 + t_i) / (1 + t_d).
    matrix = _random_positive(random.Random(seed), size, size, high)
    proven = proven_rays(np.asarray(matrix, dtype=np.float64))
    assert proven is not None
    exact = _exact_vertices(matrix)
    masks, rays, error = proven
    assert set(masks.tolist()) == set(exact)
    assert (error < 1).all()
    for mask, ray, e in zip(masks.tolist(), rays, error.tolist(), strict=True):
        point = exact[mask]  # the vertex z*, i.e. the ray (z*, 1)
        allowed = (1 + Fraction(e)) / (1 - Fraction(e)) - 1
        for value, target in zip(ray[:-1].tolist(), point, strict=True):
            if target == 0:
                assert value == 0.0
            else:
                ratio = Fraction(value) / Fraction(ray[-1]) / target
                assert abs(ratio - 1) <= allowed


def test_rays_are_re_derived_on_larger_polytopes(monkeypatch):
    # From about 11 strategies the running bounds grow too large for some signs; those rays
    # are re-derived from their tight sets, and the result is still exactly right.
    calls = []
    original = _float_dd._rederive

    def counting(*args):
        calls.append(len(args[-1]))
        return original(*args)

    monkeypatch.setattr(_float_dd, "_rederive", counting)
    matrix = _random_positive(random.Random(12), 12, 12, 1000)
    proven = certified_tight_sets(matrix)
    assert calls and proven is not None
    assert {int(v) for v in proven} == _exact_labels(matrix)[0]


def test_exact_zeros_on_the_way_are_decided_by_perturbation(monkeypatch):
    # Equal entries in one column of the first rows put a vertex of the polytope cut by those
    # rows exactly on a later row's hyperplane (a zero slack that floats cannot sign); a
    # larger entry further down cuts it off, so P itself is simple. The pass decides the zero
    # in integers (the perturbation keeps the ray) and must still prove P's exact tight sets.
    zeros = []
    original = _float_dd._exact_slack

    def recording(*args):
        answer = original(*args)
        zeros.append(answer[2] == 0.0)
        return answer

    monkeypatch.setattr(_float_dd, "_exact_slack", recording)
    rng = random.Random(7)
    answered = simple_count = 0
    for _ in range(40):
        rows = [[rng.randint(1, 999) for _ in range(6)] for _ in range(6)]
        column = rng.randrange(6)
        rows[1][column] = rows[0][column] = min(rows[0][column], 500)
        rows[5][column] = 1000
        matrix = _matrix(rows)
        labels, simple = _exact_labels(matrix)
        proven = certified_tight_sets(matrix)
        simple_count += simple
        if proven is not None:
            answered += 1
            assert simple and {int(v) for v in proven} == labels
    assert simple_count >= 30 and answered >= simple_count - 2 and any(zeros)


def test_a_degenerate_vertex_found_through_a_zero_is_refused():
    # The same tie with nothing below to cut the vertex off: P is degenerate.
    matrix = _matrix([[5, 2, 3], [5, 3, 2], [1, 1, 1]])
    assert not _exact_labels(matrix)[1]
    assert certified_tight_sets(matrix) is None


def _rederived(rows: list[list[float]], mask: int) -> tuple[bool, np.ndarray, np.ndarray]:
    c = np.array(rows)
    padded = np.zeros((c.shape[0] + 1, c.shape[1] + 1))
    padded[:-1, :-1] = c
    rays, error = np.zeros((1, c.shape[1] + 1)), np.zeros(1)
    failed = _rederive(padded, rays, np.array([mask], dtype=np.uint64), error, np.array([0]))
    ok = len(failed) == 0
    return ok, rays[0], error[0]


def test_re_deriving_leaves_a_singular_system_and_a_point_outside_to_integers():
    # Labels of a 2-dimensional polytope: bits 0, 1 for z_0 = 0, z_1 = 0; bit 2 + j for row j.
    # Rows 0 and 2 tight: z_0 + 2 z_1 = 1 and 3 z_0 + z_1 = 1 meet at (1/5, 2/5).
    ok, ray, error = _rederived([[1, 2], [2, 4], [3, 1]], 0b10100)
    assert ok and 0 < error < 1e-12
    assert abs(Fraction(ray[0]) / Fraction(ray[2]) - Fraction(1, 5)) <= Fraction(error) / 2
    assert abs(Fraction(ray[1]) / Fraction(ray[2]) - Fraction(2, 5)) <= Fraction(error)
    # Rows 0 and 1 are parallel: no point.
    assert not _rederived([[1, 2], [2, 4], [3, 1]], 0b01100)[0]
    # z_0 + z_1 = 1 and 3 z_0 + 2 z_1 = 1 meet at (-1, 2), outside z >= 0.
    assert not _rederived([[1, 1], [3, 2]], 0b1100)[0]
    # z_0 + z_1 = 1 and 2 z_0 + z_1 = 1 meet at (0, 1): a free coordinate at zero.
    assert not _rederived([[1, 1], [2, 1]], 0b1100)[0]


# --------------------------------------------------------------------------- solve, both ways
def _solved(game: Game, monkeypatch, float_pass: bool):
    with monkeypatch.context() as patch:
        patch.setattr(exact_module, "FLOAT_PASS_FROM", 1 if float_pass else 10**6)
        patch.setattr(exact_module, "FLOAT_PASS_ENTRIES", 0)
        result = solve(game, "exact")
    return (
        [eq.profile for eq in result.equilibria],
        [eq.payoffs for eq in result.equilibria],
        [(c.equilibria, c.nash_subsets) for c in result.components],
        result.status,
        result.message,
    )


@given(games(2, 6, (0, 999), degenerate=False) | games(1, 5, (0, 3)))
@settings(max_examples=60, deadline=None)
def test_solve_is_the_same_with_and_without_the_pass(game):
    patch = pytest.MonkeyPatch()
    try:
        assert _solved(game, patch, True) == _solved(game, patch, False)
    finally:
        patch.undo()


@pytest.mark.parametrize("size", [9, 11])
def test_solve_is_the_same_on_larger_random_games(size, monkeypatch):
    rng = np.random.default_rng([7, size])
    for _ in range(2):
        a = rng.integers(0, 10**6, (size, size)).tolist()
        b = rng.integers(0, 10**6, (size, size)).tolist()
        game = Game.from_arrays(a, b)
        assert _solved(game, monkeypatch, True) == _solved(game, monkeypatch, False)


def test_the_pass_is_used_and_proves_nondegeneracy():
    rng = np.random.default_rng(11)
    a = rng.integers(0, 10**6, (10, 10))
    b = rng.integers(0, 10**6, (10, 10))
    p = exact_module._positive_integer(np.array(
        [[Fraction(int(v)) for v in row] for row in b.T], dtype=object))
    q = exact_module._positive_integer(np.array(
        [[Fraction(int(v)) for v in row] for row in a], dtype=object))
    pairs = float_pass_pairs(p, q)
    assert pairs is not None and len(pairs) % 2 == 1  # a nondegenerate game: an odd number
    result = solve(Game.from_arrays(a.tolist(), b.tolist()), "exact")
    assert result.status == "ok"
    assert len(result.equilibria) == len(pairs)


def test_a_game_with_pure_ties_skips_the_pass(monkeypatch):
    # Row 0 of B has its maximum twice: the pure strategy has two best responses.
    called = []
    monkeypatch.setattr(exact_module, "FLOAT_PASS_FROM", 1)
    monkeypatch.setattr(exact_module, "FLOAT_PASS_ENTRIES", 0)
    monkeypatch.setattr(exact_module, "float_pass_pairs",
                        lambda p, q: called.append(1) or None)
    game = Game.from_arrays([[1, 0], [0, 1]], [[2, 2], [0, 1]])
    assert solve(game, "exact").status == "degenerate"
    assert not called


LRSNASH = shutil.which("lrsnash")


@pytest.mark.skipif(LRSNASH is None, reason="lrsnash (lrslib) is not installed")
def test_the_pass_against_lrsnash_on_12x12_games(monkeypatch):
    from test_peers import _lrsnash_extreme

    monkeypatch.setattr(exact_module, "FLOAT_PASS_FROM", 1)
    rng = np.random.default_rng([16, 12])
    for _ in range(2):
        game = Game.from_arrays(rng.integers(0, 1000, (12, 12)).tolist(),
                                rng.integers(0, 1000, (12, 12)).tolist())
        assert _lrsnash_extreme(game) == {eq.profile for eq in solve(game, "exact").equilibria}


# --------------------------------------------------------------------------- one-sided search
def _one_sided(game: Game, monkeypatch, float_pass: bool):
    from gametheory.algorithms import _one_sided

    with monkeypatch.context() as patch:
        patch.setattr(exact_module, "ONE_SIDED_FROM", 1)
        patch.setattr(exact_module, "FLOAT_PASS_FROM", 1 if float_pass else 10**6)
        patch.setattr(exact_module, "FLOAT_PASS_ENTRIES", 0)
        patch.setattr(_one_sided, "_FEW_VERTICES", 0)
        if not float_pass:
            patch.setattr(_one_sided, "proven_outside", lambda q, labels: [False] * len(labels))
        result = solve(game, "exact")
    return (
        [eq.profile for eq in result.equilibria],
        [(c.equilibria, c.nash_subsets) for c in result.components],
        result.status,
        result.message,
    )


@given(st.integers(0, 2**32), st.sampled_from([1, 2, 4, 999]))
@settings(max_examples=60, deadline=None)
def test_one_sided_search_is_the_same_with_and_without_floats(seed, high):
    rng = random.Random(seed)
    m = rng.randint(1, 5)
    n = rng.randint(m + 1, 11)
    if rng.random() < 0.5:
        m, n = n, m
    a = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
    b = [[rng.randint(0, high) for _ in range(n)] for _ in range(m)]
    game = Game.from_arrays(a, b)
    patch = pytest.MonkeyPatch()
    try:
        assert _one_sided(game, patch, True) == _one_sided(game, patch, False)
    finally:
        patch.undo()


@given(st.integers(0, 2**32), st.sampled_from([2, 3, 999]))
@settings(max_examples=60, deadline=None)
def test_a_face_proven_outside_has_no_exact_vertex(seed, high):
    # Every face the float test skips is empty by the exact face solve.
    from gametheory.algorithms import _one_sided
    from gametheory.algorithms._one_sided import _face_vertices, proven_outside

    rng = random.Random(seed)
    m, n = rng.randint(1, 5), rng.randint(1, 9)
    p = _random_positive(rng, n, m, high)  # B^T
    q = _random_positive(rng, m, n, high)  # A
    labels = enumerate_vertices(p).labels
    patch = pytest.MonkeyPatch()
    patch.setattr(_one_sided, "_FEW_VERTICES", 0)
    try:
        outside = proven_outside(q, labels)
    finally:
        patch.undo()
    rows = q.tolist()
    for mask, skip in zip(labels, outside, strict=True):
        support = [i for i in range(m) if not mask >> i & 1]
        tight = [j for j in range(n) if mask >> (m + j) & 1]
        exact = _face_vertices(q, rows, support, tight, {}) if support else []
        if skip:
            assert exact == []


def test_most_faces_of_a_rectangular_game_are_proven_outside():
    from gametheory.algorithms._one_sided import proven_outside

    rng = random.Random(3)
    p = _random_positive(rng, 20, 5, 999)
    q = _random_positive(rng, 5, 20, 999)
    labels = enumerate_vertices(p).labels
    outside = proven_outside(q, labels)
    assert sum(outside) > len(labels) // 2


def test_tiny_payoffs_and_small_games_take_the_exact_method(monkeypatch):
    # A coordination game's exact enumeration is cheaper than the float pass (small integers).
    called = []
    monkeypatch.setattr(exact_module, "float_pass_pairs",
                        lambda p, q: called.append(1) or None)
    eye = [[int(i == j) for j in range(9)] for i in range(9)]
    assert len(solve(Game.from_arrays(eye, eye), "exact").equilibria) == 2**9 - 1
    rng = np.random.default_rng(2)
    size = exact_module.FLOAT_PASS_FROM - 1
    small = Game.from_arrays(rng.integers(0, 999, (size, size)).tolist(),
                             rng.integers(0, 999, (size, size)).tolist())
    solve(small, "exact")
    assert not called


def test_the_float_pass_runs_on_a_10x10_random_game(monkeypatch):
    seen = []
    real = exact_module.float_pass_pairs
    monkeypatch.setattr(exact_module, "float_pass_pairs",
                        lambda p, q: seen.append(real(p, q)) or seen[-1])
    rng = np.random.default_rng(11)
    game = Game.from_arrays(rng.integers(0, 10**6, (10, 10)).tolist(),
                            rng.integers(0, 10**6, (10, 10)).tolist())
    result = solve(game, "exact")
    assert len(seen) == 1 and seen[0] is not None
    assert result.status == "ok" and len(result.equilibria) == len(seen[0])


@pytest.mark.parametrize("kind", ["near-ties", "near-duplicates", "large"])
def test_solve_is_the_same_on_adversarial_games(kind, monkeypatch):
    # Payoffs built to sit near degeneracy (a large base with tiny differences, a row and a
    # column copied with +-1 noise) or near the pass's entry limit: the pass must prove the
    # same result as the exact method or give way to it (3,000 such games in the session).
    rng = np.random.default_rng([21, len(kind)])
    for _ in range(8):
        m, n = (int(v) for v in rng.integers(2, 9, 2))
        if kind == "near-ties":
            a = 10**9 + rng.integers(-2, 3, (m, n)) + rng.integers(0, 2, (m, n)) * 10**6
            b = 10**9 + rng.integers(-2, 3, (m, n)) * 7
        elif kind == "near-duplicates":
            a, b = rng.integers(0, 1000, (m, n)), rng.integers(0, 1000, (m, n))
            a[-1] = a[0] + rng.integers(0, 2, n)
            b[:, -1] = b[:, 0] + rng.integers(0, 2, m)
        else:
            a, b = rng.integers(0, 2**38, (m, n)), rng.integers(0, 2**38, (m, n))
        game = Game.from_arrays(a.tolist(), b.tolist())
        assert _solved(game, monkeypatch, True) == _solved(game, monkeypatch, False)
