"""Mathematical properties of the exact solver, one per fact, on random games (hypothesis).

Small payoff ranges make ties, and so degenerate games with continua of equilibria, common.
The reference for "every extreme equilibrium" is the brute-force enumeration in
``strategies.reference_extreme_equilibria``, which shares no code with the solver.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    brute_force_components,
    brute_force_pure_equilibria,
    games,
    is_degenerate,
    n_player_games,
    permutations,
    positive_affine,
    reference_extreme_equilibria,
)

from gametheory import Game, solve

F = Fraction

# Games of every flavour: tiny ranges (many ties), medium ones, negative payoffs.
small_games = st.one_of(
    games(1, 3, (0, 1)),
    games(1, 3, (0, 2)),
    games(1, 4, (0, 3)),
    games(1, 4, (-2, 2)),
    games(2, 4, (0, 10)),
)


def _extreme(game: Game) -> set:
    return {eq.profile for eq in solve(game, "exact").equilibria}


def _bilinear(matrix, x, y) -> Fraction:
    return sum((x[i] * matrix[i][j] * y[j] for i in range(len(x)) for j in range(len(y))), F(0))


@given(small_games)
@settings(max_examples=150)
def test_every_profile_is_an_equilibrium(game):
    a, b = (m.tolist() for m in game.matrices())
    m, n = game.shape
    result = solve(game)
    assert result.equilibria, "every finite game has an equilibrium"
    for eq in result.equilibria:
        x, y = eq.profile
        assert all(isinstance(p, Fraction) for p in x + y)
        assert all(p >= 0 for p in x + y)
        assert sum(x) == 1 and sum(y) == 1
        # Regret exactly 0, computed here from the definition: no pure deviation gains.
        row, column = _bilinear(a, x, y), _bilinear(b, x, y)
        assert all(_bilinear(a, _unit(m, i), y) <= row for i in range(m))
        assert all(_bilinear(b, x, _unit(n, j)) <= column for j in range(n))
        assert eq.payoffs == (row, column)
        assert eq.regret == 0


def _unit(k: int, i: int) -> tuple:
    return tuple(F(int(t == i)) for t in range(k))


@given(
    st.one_of(
        games(1, 3, (0, 1)),
        games(1, 3, (0, 2)),
        games(1, 3, (-3, 3)),
        games(2, 3, (0, 9)),
    )
)
@settings(max_examples=200)
def test_extreme_equilibria_equal_brute_force(game):
    assert _extreme(game) == reference_extreme_equilibria(game)


@given(st.one_of(games(4, 4, (0, 2)), games(3, 4, (0, 3)), games(4, 4, (0, 9))))
@settings(max_examples=25)
def test_extreme_equilibria_equal_brute_force_4x4(game):
    assert _extreme(game) == reference_extreme_equilibria(game)


@given(small_games)
@settings(max_examples=100)
def test_no_duplicates_and_deterministic(game):
    first = solve(game)
    profiles = [eq.profile for eq in first.equilibria]
    assert len(profiles) == len(set(profiles))
    assert solve(game).to_dict() == first.to_dict()


@given(small_games)
@settings(max_examples=100)
def test_components_partition_and_match_brute_force(game):
    result = solve(game)
    found = [eq.profile for eq in result.equilibria]
    indices = [k for c in result.components for k in c.equilibria]
    assert sorted(indices) == list(range(len(found)))
    for component in result.components:
        covered = {k for s in component.nash_subsets for k in s}
        assert covered == set(component.equilibria)
    components = {frozenset(found[k] for k in c.equilibria) for c in result.components}
    subsets = {frozenset(found[k] for k in s) for c in result.components for s in c.nash_subsets}
    assert (components, subsets) == brute_force_components(set(found))


@given(small_games, positive_affine(), st.integers(0, 1))
@settings(max_examples=100)
def test_invariant_under_positive_affine_maps(game, affine, player):
    assert _extreme(game.transformed(player, *affine)) == _extreme(game)


@given(small_games, st.data())
@settings(max_examples=100)
def test_invariant_under_reordering_strategies(game, data):
    orders = [data.draw(permutations(k), label=f"order {i}") for i, k in enumerate(game.shape)]
    moved = game.permuted(0, orders[0]).permuted(1, orders[1])
    # New strategy k is old order[k]: put each probability back in its old place.
    back = set()
    for x, y in _extreme(moved):
        old_x, old_y = [F(0)] * len(x), [F(0)] * len(y)
        for k, p in enumerate(x):
            old_x[orders[0][k]] = p
        for k, p in enumerate(y):
            old_y[orders[1][k]] = p
        back.add((tuple(old_x), tuple(old_y)))
    assert back == _extreme(game)


@given(small_games)
@settings(max_examples=100)
def test_swapping_the_players(game):
    a, b = game.matrices()
    swapped = Game.from_arrays(b.T, a.T)
    assert {(y, x) for x, y in _extreme(swapped)} == _extreme(game)


@given(small_games)
@settings(max_examples=100)
def test_pure_equilibria_equal_brute_force(game):
    pure = {eq.profile for eq in solve(game).equilibria if eq.is_pure}
    expected = {
        tuple(_unit(k, i) for k, i in zip(game.shape, index, strict=True))
        for index in brute_force_pure_equilibria(game)
    }
    # Every pure equilibrium is extreme, so the exact method lists each one.
    assert pure == expected


@given(st.one_of(n_player_games(3, 3, 1, 3, (0, 2)), n_player_games(3, 4, 1, 2, (0, 3))))
@settings(max_examples=60)
def test_pure_method_for_n_players(game):
    found = {tuple(sigma.index(1) for sigma in eq.profile) for eq in solve(game, "pure").equilibria}
    assert found == brute_force_pure_equilibria(game)


@given(games(1, 4, (0, 999), degenerate=False))
@settings(max_examples=60)
def test_nondegenerate_games(game):
    """A nondegenerate game has an odd number of equilibria, all isolated."""
    result = solve(game)
    assert result.status == "ok"
    assert len(result.equilibria) % 2 == 1
    assert all(c.is_singleton for c in result.components)
    for eq in result.equilibria:
        x_support, y_support = (sum(1 for p in s if p > 0) for s in eq.profile)
        assert x_support == y_support  # equal supports in nondegenerate games


@given(games(1, 4, (0, 2), degenerate=True))
@settings(max_examples=40)
def test_degenerate_games_say_so(game):
    assert solve(game).status == "degenerate"
    assert is_degenerate(game)


@given(st.one_of(games(1, 4, (-3, 3)), games(1, 4, (-20, 20))))
@settings(max_examples=60)
def test_zero_sum_value(game):
    """In a zero-sum game every equilibrium pays Row the value, which the LP finds too."""
    from gametheory.algorithms.zero_sum import zero_sum_value

    a = game.payoffs[0]
    zero_sum = Game.from_arrays(a)
    values = {eq.payoffs[0] for eq in solve(zero_sum).equilibria}
    assert len(values) == 1
    assert values == {zero_sum_value(zero_sum).value}
