"""The batch solver against the exact solver, on literature games and random families.

References: every equilibrium the batch solver reports is compared, as exact fractions, with
:func:`gametheory.algorithms.exact.exact_equilibria` (vertex enumeration, itself checked against
a brute-force reference in ``test_exact.py`` and peers in ``test_peers.py``), and on a sample
with pygambit's rational ``enummixed_solve``. For every game the two sets of (extreme)
equilibria must be equal, so for degenerate games too every reported equilibrium is one the
exact solver finds; the ``degenerate`` flag must equal the exact solver's status (a game not
flagged is nondegenerate, as the certificate claims) and ``in_continuum`` its components. The
float error bound that the certificate rests on is checked against exact values.

Literature games with exact values: matching pennies and rock-paper-scissors (unique, uniform;
von Neumann and Morgenstern 1944), battle of the sexes (two pure and one mixed equilibrium,
Luce and Raiffa 1957, ch. 5), the 3 x 2 game (3.3) of von Stengel (2007) with three equilibria,
Shapley's (1964) 3 x 3 game with a unique, completely mixed equilibrium, and a degenerate game
with a continuum (the example of ``gametheory.algorithms.exact``).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games

from gametheory import Game
from gametheory.algorithms.exact import exact_equilibria
from gametheory.errors import GameValueError
from gametheory.robustness.batch import BatchResult, solve_batch

F = Fraction
H, T3 = F(1, 2), F(1, 3)


def _pure(k: int, i: int) -> tuple[int, ...]:
    return tuple(int(t == i) for t in range(k))


def _as_float_arrays(game: Game) -> tuple[np.ndarray, np.ndarray]:
    a, b = game.matrices()
    return np.array(a, dtype=float)[None], np.array(b, dtype=float)[None]


def _profiles(equilibria) -> set:
    return {eq.profile for eq in equilibria}


def _check_against_exact(result: BatchResult, g: int) -> None:
    """The contract for game g, against the exact solver on the same exact game."""
    game = result.to_game(g)
    reference = exact_equilibria(game)
    mine = result.exact_equilibria(g)
    # Every game: the same extreme equilibria (for a nondegenerate game: all equilibria).
    assert _profiles(mine) == _profiles(reference.equilibria)
    # Not degenerate means certified nondegenerate; degenerate means proven degenerate.
    assert result.degenerate[g] == (reference.status == "degenerate")
    assert result.n_equilibria[g] == len(mine)
    rows = range(*result.rows(g).indices(len(result.game)))
    assert list(result.game[result.rows(g)]) == [g] * len(mine)
    continuum = {
        e
        for c in reference.components
        if not c.is_singleton
        for e in (reference.equilibria[i].profile for i in c.equilibria)
    }
    for e, eq in zip(rows, mine, strict=True):
        x, y = eq.profile
        assert result.row_support[e].tolist() == [p > 0 for p in x]
        assert result.col_support[e].tolist() == [p > 0 for p in y]
        np.testing.assert_allclose(result.x[e], [float(p) for p in x], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(result.y[e], [float(p) for p in y], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(
            result.payoffs[e], [float(u) for u in eq.payoffs], rtol=1e-9, atol=1e-9
        )
        assert result.in_continuum[e] == (eq.profile in continuum)


# --------------------------------------------------------------------------- literature
LITERATURE = [
    pytest.param([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [((H, H), (H, H))], id="matching-pennies"),
    pytest.param(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), T3), (T3, F(2, 3)))],
        id="battle-of-the-sexes",
    ),
    pytest.param(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        [((T3, T3, T3), (T3, T3, T3))],
        id="rock-paper-scissors",
    ),
    pytest.param(
        [[3, 3], [2, 5], [0, 6]],
        [[3, 2], [2, 6], [3, 1]],
        [
            ((1, 0, 0), (1, 0)),
            ((F(4, 5), F(1, 5), 0), (F(2, 3), T3)),
            ((0, T3, 2 * T3), (T3, 2 * T3)),
        ],
        id="von-stengel-2007-3x2-three-equilibria",
    ),
    pytest.param(
        [[0, 1, 2], [2, 0, 1], [1, 2, 0]],
        [[0, 2, 1], [1, 0, 2], [2, 1, 0]],
        [((T3, T3, T3), (T3, T3, T3))],
        id="shapley-1964",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), LITERATURE)
def test_literature_games(a, b, expected):
    result = solve_batch(np.array([a], dtype=float), np.array([b], dtype=float))
    assert not result.exact_fallback[0]  # all nondegenerate
    found = {eq.profile for eq in result.exact_equilibria(0)}
    assert found == {tuple(tuple(F(p) for p in sigma) for sigma in eq) for eq in expected}
    _check_against_exact(result, 0)


def test_battle_of_the_sexes_payoffs_exact():
    result = solve_batch([[[2.0, 0.0], [0.0, 1.0]]], [[[1.0, 0.0], [0.0, 2.0]]])
    payoffs = {eq.payoffs for eq in result.exact_equilibria(0)}
    assert payoffs == {(2, 1), (1, 2), (F(2, 3), F(2, 3))}
    assert sorted(map(tuple, result.payoffs.round(12).tolist())) == sorted(
        [(2.0, 1.0), (1.0, 2.0), (round(2 / 3, 12), round(2 / 3, 12))]
    )


@pytest.mark.parametrize(("shift", "fallback"), [(0.0, False), (0.1, True)])
def test_degenerate_game_with_a_continuum(shift, fallback):
    # Column is indifferent everywhere; the row player's best reply switches at y = (1/2, 1/2):
    # one component with four extreme equilibria (gametheory.algorithms.exact's example).
    # Integer payoffs are solved in the batch by exact vertex enumeration; adding 0.1 (not a
    # dyadic fraction with few bits) leaves only the float path, hence the exact solver.
    a = np.array([[[1.0, 1.0], [0.0, 2.0]]]) + shift
    result = solve_batch(a, np.ones((1, 2, 2)) + shift)
    assert result.exact_fallback.tolist() == [fallback]
    assert result.degenerate.tolist() == [True]
    assert result.n_equilibria.tolist() == [4]
    assert result.in_continuum.all()
    _check_against_exact(result, 0)


def test_degenerate_game_with_an_isolated_and_a_continuum_component():
    # Worked out by hand. (top, left) is a strict pure equilibrium. Against the bottom row the
    # column player is indifferent (B's bottom row is 0), and the bottom row is a best reply
    # exactly when 2 y3 >= 2 y1 + y2: a triangle of column strategies with extreme points
    # (0, 0, 1), (1/2, 0, 1/2) and (0, 2/3, 1/3), one component of three extreme equilibria.
    a = [[[2.0, 2.0, 0.0], [0.0, 1.0, 2.0]]]
    b = [[[2.0, 0.0, 1.0], [0.0, 0.0, 0.0]]]
    result = solve_batch(a, b)
    assert result.degenerate.tolist() == [True]
    assert result.exact_fallback.tolist() == [False]  # integer: solved in the batch
    found = {
        (eq.profile, bool(flag))
        for eq, flag in zip(result.exact_equilibria(0), result.in_continuum, strict=True)
    }
    bottom = (F(0), F(1))
    assert found == {
        (((F(1), F(0)), (F(1), F(0), F(0))), False),
        ((bottom, (F(0), F(0), F(1))), True),
        ((bottom, (H, F(0), H)), True),
        ((bottom, (F(0), F(2, 3), T3)), True),
    }
    _check_against_exact(result, 0)


def test_fallback_false_marks_unsolved_games():
    a = np.array([[[1.0, 1.0], [0.0, 2.0]], [[1.0, -1.0], [-1.0, 1.0]]])
    b = np.array([[[1.0, 1.0], [1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    result = solve_batch(a + 0.1, b + 0.1, fallback=False)  # not integer: no exact path
    assert result.exact_fallback.tolist() == [True, False]
    assert result.solved.tolist() == [False, True]
    assert result.n_equilibria.tolist() == [0, 1]
    with pytest.raises(GameValueError, match="not solved"):
        result.exact_equilibria(0)


# --------------------------------------------------------------------------- random families
def _family(rng: np.random.Generator, kind: str, count: int, m: int, n: int):
    size = (count, m, n)
    if kind == "uniform":
        return rng.random(size), rng.random(size)
    if kind == "integer":
        return (rng.integers(-50, 51, size).astype(float), rng.integers(-50, 51, size) * 1.0)
    if kind == "ties":  # small integer range: many degenerate games
        return rng.integers(0, 3, size).astype(float), rng.integers(0, 3, size).astype(float)
    if kind == "dyadic-offset":  # quarters far from zero: integer path after scaling
        return rng.integers(-8, 8, size) / 4.0 + 1e6, rng.integers(-8, 8, size) / 1024.0
    if kind == "near-ties":  # ties broken by one unit in the last place
        a = rng.integers(0, 3, size).astype(float)
        b = rng.integers(0, 3, size).astype(float)
        flip_a, flip_b = rng.random(size) < 0.3, rng.random(size) < 0.3
        return np.where(flip_a, np.nextafter(a, 10.0), a), np.where(
            flip_b, np.nextafter(b, 10.0), b
        )
    if kind == "wide-magnitudes":  # tiny and huge entries in one game
        scale = 2.0 ** rng.integers(-300, 300, (count, 1, 1))
        return rng.standard_normal(size) * scale, rng.standard_normal(size) / scale
    raise AssertionError(kind)


KINDS = ["uniform", "integer", "ties", "dyadic-offset", "near-ties", "wide-magnitudes"]
SHAPES = [(1, 1), (1, 3), (2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (4, 4)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("m", "n"), SHAPES, ids=lambda v: str(v))
def test_random_family_equals_exact_solver(kind, m, n):
    rng = np.random.default_rng([m, n, KINDS.index(kind)])
    a, b = _family(rng, kind, 6, m, n)
    result = solve_batch(a, b, chunk_size=4)
    for g in range(len(result)):
        _check_against_exact(result, g)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("m", "n"), [(4, 4), (5, 5), (4, 6), (6, 3)], ids=lambda v: str(v))
def test_random_family_equals_exact_solver_larger(kind, m, n):
    rng = np.random.default_rng([m, n, KINDS.index(kind), 1])
    a, b = _family(rng, kind, 25, m, n)
    result = solve_batch(a, b, chunk_size=7)
    for g in range(len(result)):
        _check_against_exact(result, g)


def _gambit_extreme(game: Game) -> set:
    gbt = pytest.importorskip("pygambit")
    a, b = ([[str(v) for v in row] for row in matrix.tolist()] for matrix in game.matrices())
    g = gbt.Game.from_arrays(a, b)
    return {
        tuple(tuple(F(str(profile[s])) for s in player.strategies) for player in g.players)
        for profile in gbt.nash.enummixed_solve(g, rational=True).equilibria
    }


@pytest.mark.parametrize("kind", ["uniform", "integer", "ties", "near-ties"])
def test_equal_to_pygambit_enummixed(kind):
    # An independent peer: Gambit's enumeration of extreme equilibria in rational arithmetic.
    pytest.importorskip("pygambit")
    rng = np.random.default_rng([KINDS.index(kind), 99])
    a, b = _family(rng, kind, 6, 3, 4)
    result = solve_batch(a, b)
    for g in range(len(result)):
        mine = {eq.profile for eq in result.exact_equilibria(g)}
        assert mine == _gambit_extreme(result.to_game(g))


def test_uniform_games_need_no_fallback():
    # Random continuous games are nondegenerate with probability 1 and their margins are far
    # above the error bound: the certificate must succeed for (almost) all of them.
    rng = np.random.default_rng(7)
    a, b = rng.random((2000, 4, 4)), rng.random((2000, 4, 4))
    result = solve_batch(a, b)
    assert result.exact_fallback.sum() == 0
    # Nondegenerate games have an odd number of equilibria (Harsanyi 1973; von Stengel 2007,
    # Corollary 3.8 via Lemke-Howson).
    assert (result.n_equilibria % 2 == 1).all()
    for g in range(0, 2000, 250):
        _check_against_exact(result, g)


@settings(max_examples=60)
@given(games(max_size=4, payoff_range=(0, 3)))
def test_property_small_integer_games(game):
    a, b = _as_float_arrays(game)
    result = solve_batch(a, b)
    _check_against_exact(result, 0)


@settings(max_examples=40)
@given(
    st.integers(1, 4).flatmap(
        lambda m: st.integers(1, 4).flatmap(
            lambda n: st.tuples(
                *(
                    st.lists(
                        st.floats(-1e3, 1e3, allow_nan=False, width=64),
                        min_size=m * n,
                        max_size=m * n,
                    )
                    for _ in range(2)
                ),
                st.just((m, n)),
            )
        )
    )
)
def test_property_float_games(data):
    flat_a, flat_b, shape = data
    a = np.array(flat_a).reshape(1, *shape)
    b = np.array(flat_b).reshape(1, *shape)
    result = solve_batch(a, b)
    _check_against_exact(result, 0)


# --------------------------------------------------------------------------- invariances
def test_result_does_not_depend_on_chunk_size():
    rng = np.random.default_rng(3)
    a, b = _family(rng, "ties", 40, 3, 4)
    whole = solve_batch(a, b, chunk_size=1000)
    for chunk in (1, 3, 17):
        part = solve_batch(a, b, chunk_size=chunk)
        for name in ("n_equilibria", "exact_fallback", "game", "row_support", "col_support"):
            assert np.array_equal(getattr(whole, name), getattr(part, name)), name
        assert np.array_equal(whole.x, part.x) and np.array_equal(whole.y, part.y)


_TABLE = ("n_equilibria", "offsets", "exact_fallback", "degenerate", "solved", "game",
          "row_support", "col_support", "x", "y", "payoffs", "in_continuum", "x_basis", "y_basis")


@pytest.mark.parametrize("kind", ["uniform", "ties", "near-ties", "integer"])
def test_result_does_not_depend_on_the_memory_budget(kind, monkeypatch):
    # The kernel splits a chunk into steps that fit its memory budget, and stops computing a
    # game's larger supports once a smaller size made it uncertain: with one game per step
    # the table must be the same, array for array (the steps only reorder the work).
    from gametheory.robustness import _batch_solve

    rng = np.random.default_rng([5, KINDS.index(kind)])
    a, b = _family(rng, kind, 30, 5, 5)
    whole = solve_batch(a, b)
    monkeypatch.setattr(_batch_solve, "_BUDGET", 1)
    part = solve_batch(a, b, chunk_size=7)
    for name in _TABLE:
        assert np.array_equal(getattr(whole, name), getattr(part, name)), name


def test_eight_by_eight_model_samples_with_exact_ties_equal_exact_solver():
    # us-russia-tracks over its parameters: duplicate strategies and tied payoffs in every
    # sample, non-integer floats: each sample leaves the kernel at a small support size and
    # is solved exactly; the table is the exact solver's.
    from gametheory.models.loader import load_model
    from gametheory.robustness.smaa import _parameter_sampler

    sampler, _ = _parameter_sampler(load_model("us-russia-tracks"), {}, {})
    a, b = sampler.draw(np.random.default_rng(7), 3)
    result = solve_batch(a, b)
    assert result.exact_fallback.all()
    for g in range(len(result)):
        _check_against_exact(result, g)


def test_relabelling_and_positive_scaling_permute_the_equilibria():
    rng = np.random.default_rng(5)
    a, b = rng.random((50, 3, 4)), rng.random((50, 3, 4))
    rows, cols = [2, 0, 1], [3, 1, 0, 2]
    base = solve_batch(a, b)
    moved = solve_batch(3.0 * a[:, rows][:, :, cols] - 1.0, 0.5 * b[:, rows][:, :, cols] + 7.0)
    for g in range(50):
        before = {(tuple(s[rows]), tuple(t[cols])) for s, t in _supports(base, g)}
        after = {(tuple(s), tuple(t)) for s, t in _supports(moved, g)}
        assert before == after


def _supports(result: BatchResult, g: int):
    part = result.rows(g)
    return list(zip(result.row_support[part], result.col_support[part], strict=True))


def test_single_game_of_shape_m_n_is_accepted():
    result = solve_batch([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]])
    assert len(result) == 1 and result.shape == (2, 2)


def test_labels_reach_the_exact_game():
    result = solve_batch(
        [[[1.0, -1.0], [-1.0, 1.0]]],
        [[[-1.0, 1.0], [1.0, -1.0]]],
        players=("Even", "Odd"),
        strategies=(("heads", "tails"), ("heads", "tails")),
    )
    eq = result.exact_equilibria(0)[0]
    assert eq.players == ("Even", "Odd")
    assert eq.probabilities("Even") == {"heads": H, "tails": H}


def test_floats_are_taken_as_their_exact_binary_value():
    # 0.1 + 0.2 != 0.3 in binary: the column player strictly prefers the first column, which
    # the decimal reading (a tie) would not show. (One unit in the last place is below the
    # float margin: the game goes to the exact solver.)
    result = solve_batch([[[0.0, 0.0]]], [[[0.1 + 0.2, 0.3]]])
    assert result.col_support.tolist() == [[True, False]]
    assert result.to_game(0).payoffs[1][0, 0] == Fraction(0.1 + 0.2)


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("a", "b", "kwargs", "message"),
    [
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 3)), {}, "differs from A's shape"),
        (np.zeros((2, 0, 2)), np.zeros((2, 0, 2)), {}, "shape \\(G, m, n\\)"),
        (np.zeros(3), np.zeros(3), {}, "shape \\(G, m, n\\)"),
        (np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2)), {}, "non-finite payoff at index"),
        ([["x"]], [[1.0]], {}, "array of numbers"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), {"chunk_size": 0}, "positive integer"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), {"chunk_size": 2.5}, "positive integer"),
    ],
)
def test_bad_input(a, b, kwargs, message):
    with pytest.raises(GameValueError, match=message):
        solve_batch(a, b, **kwargs)


def test_bad_names():
    with pytest.raises(GameValueError):
        solve_batch(np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), strategies=(("a",), ("b", "c")))
    with pytest.raises(GameValueError):
        solve_batch(np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), players=("P", "P"))


def test_bad_game_index():
    result = solve_batch(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(GameValueError, match="no game 2 among 2"):
        result.exact_equilibria(2)
    with pytest.raises(GameValueError, match="must be an integer"):
        result.to_game(1.0)


def test_empty_batch():
    result = solve_batch(np.zeros((0, 3, 2)), np.zeros((0, 3, 2)))
    assert len(result) == 0 and result.x.shape == (0, 3) and result.offsets.tolist() == [0]


# --------------------------------------------------------------------------- the error bound
def _det(rows: list[list[Fraction]]) -> Fraction:
    """Exact determinant by elimination in fractions."""
    rows = [row[:] for row in rows]
    size, det = len(rows), Fraction(1)
    for c in range(size):
        pivot = next((r for r in range(c, size) if rows[r][c] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != c:
            rows[c], rows[pivot] = rows[pivot], rows[c]
            det = -det
        det *= rows[c][c]
        for r in range(c + 1, size):
            f = rows[r][c] / rows[c][c]
            rows[r] = [u - f * v for u, v in zip(rows[r], rows[c], strict=True)]
    return det


@pytest.mark.parametrize("kind", ["uniform", "near-ties", "wide-magnitudes", "offset"])
def test_error_bound_covers_the_float_error(kind):
    # The certificate rests on error_bound: every float value (D, each C_i, each loss -T_j)
    # must lie within its bound of the exact value, computed here in fractions from the same
    # (exactly scaled) payoffs, for every basis of every game.
    from gametheory.robustness._batch_kernel import (
        _values,
        complements,
        error_bound,
        exact_games,
        subsets,
    )
    from gametheory.robustness._batch_solve import _scaled

    rng = np.random.default_rng(["uniform", "near-ties", "wide-magnitudes", "offset"].index(kind))
    if kind == "offset":  # large common offset, small differences: cancellation everywhere
        payoffs = 1e6 + rng.random((4, 4, 4)) * 1e-3
    else:
        payoffs = _family(rng, kind, 4, 4, 4)[0]
    scaled, as_integer, spread, faithful = _scaled(payoffs)
    # A game whose scaling would lose a subnormal entry is not evaluated (it falls back).
    assert solve_batch(payoffs, payoffs).exact_fallback[~faithful].all()
    mt = np.ascontiguousarray(scaled.transpose(1, 2, 0))
    for k in range(1, 5):
        err = error_bound(k, spread, exact_games(k, as_integer, spread))
        cof, det, losses = _values(mt, k)
        s_tab, t_tab, outside = subsets(4, k), subsets(4, k), complements(4, k)
        for s, rows in enumerate(s_tab):
            for t, cols in enumerate(t_tab):
                for g in np.flatnonzero(faithful):
                    entry = [[Fraction(float(scaled[g, i, j])) for j in range(4)] for i in rows]
                    diff = [[e[j] - e[cols[0]] for e in entry] for j in range(4)]
                    d_rows = [diff[c] for c in cols[1:]]
                    unit = [[Fraction(int(i == c)) for i in range(k)] for c in range(k)]
                    exact = [_det([*d_rows, [Fraction(1)] * k])]
                    exact += [_det([*d_rows, unit[i]]) for i in range(k)]
                    exact += [-_det([*d_rows, diff[j]]) for j in outside[t]]
                    computed = [det[s, t, g], *(c[s, t, g] for c in cof)]
                    computed += [loss[s, t, g] for loss in losses]
                    for value, reference in zip(computed, exact, strict=True):
                        assert abs(Fraction(float(value)) - reference) <= Fraction(err[g])
