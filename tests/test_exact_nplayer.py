"""Exact N-player equilibria: literature games, a brute-force reference, Gambit, properties.

References used here
--------------------
- McKelvey and McLennan's 2x2x2 game with nine equilibria, two totally mixed (Gambit's
  ``contrib/games/2x2x2.nfg``; the nine profiles are listed in Gambit issues #474 and #591).
- Jordan's three-player matching pennies (J. S. Jordan, 1993, Three problems in learning
  mixed-strategy Nash equilibria, *Games and Economic Behavior* 5, 368-386): player 1 wants to
  match player 2, player 2 to match player 3, player 3 to mismatch player 1; the unique
  equilibrium has every coin fair.
- Unanimity games, derived by hand below: with N players, strategy ``a`` pays 1 when every
  other player plays ``a`` (else 0) and ``b`` pays 1/2. A totally mixed equilibrium makes each
  player indifferent: the product of the others' probabilities of ``a`` is 1/2, so all are
  equal to :math:`2^{-1/(N-1)}` (irrational: sqrt(2)/2 for N = 3, a cube root for N = 4). If
  anyone plays ``b`` for sure, ``a`` pays 0 to all others; partially mixed profiles fail (see
  ``test_unanimity_games``). So the equilibria are all-a, all-b and the symmetric mixed one.
- Two-player games: the two-player exact solver (vertex enumeration), on nondegenerate games,
  where every equilibrium is extreme.
- An independent brute-force solver written here: every support profile (no pruning), the
  indifference equations with the payoff values as unknowns solved by ``sympy.solve``, and the
  inequalities checked at 50 significant digits.
- pygambit's ``enumpoly_solve`` as a soft reference: disagreements are reported, and the exact
  regret says which side is right.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import n_player_games, positive_affine

from gametheory import Game, solve
from gametheory.algebraic import Algebraic
from gametheory.algorithms.exact_nplayer import exact_nplayer_equilibria, support_profiles
from gametheory.io.nfg import read_nfg
from gametheory.result import AlgebraicEquilibrium, SupportComponent

DATA = Path(__file__).parent / "data"


def unanimity(n: int) -> Game:
    table = {
        s: tuple(
            (int(all(t == "a" for j, t in enumerate(s) if j != i)) if s[i] == "a" else F(1, 2))
            for i in range(n)
        )
        for s in itertools.product("ab", repeat=n)
    }
    return Game.from_payoffs(table, [f"P{i + 1}" for i in range(n)], [["a", "b"]] * n)


def jordan() -> Game:
    table = {
        s: (int(s[0] == s[1]), int(s[1] == s[2]), int(s[2] != s[0]))
        for s in itertools.product("HT", repeat=3)
    }
    return Game.from_payoffs(table, ("1", "2", "3"), [["H", "T"]] * 3)


def exact_strings(result) -> set[tuple[str, ...]]:
    return {
        tuple(str(p) for sigma in eq.profile for p in sigma) for eq in result.equilibria
    }


def decimals(result, digits: int = 9) -> list[tuple[float, ...]]:
    return sorted(
        tuple(round(float(p), digits) for sigma in eq.profile for p in sigma)
        for eq in result.equilibria
    )


# ---------------------------------------------------------------------- literature table
MCKELVEY_MCLENNAN = {
    ("1", "0", "1", "0", "1", "0"),
    ("1", "0", "0", "1", "0", "1"),
    ("0", "1", "1", "0", "0", "1"),
    ("0", "1", "0", "1", "1", "0"),
    ("1/2", "1/2", "1/2", "1/2", "1", "0"),
    ("1/3", "2/3", "1", "0", "1/4", "3/4"),
    ("0", "1", "1/4", "3/4", "1/3", "2/3"),
    ("2/5", "3/5", "1/2", "1/2", "1/3", "2/3"),
    ("1/2", "1/2", "2/5", "3/5", "1/4", "3/4"),
}

CASES = [
    pytest.param(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"), MCKELVEY_MCLENNAN,
                 id="mckelvey-mclennan-2x2x2-nine-equilibria"),
    pytest.param(jordan(), {("1/2",) * 6}, id="jordan-three-player-matching-pennies"),
    pytest.param(
        unanimity(3),
        {("1", "0") * 3, ("0", "1") * 3, ("sqrt(2)/2", "1 - sqrt(2)/2") * 3},
        id="unanimity-3-sqrt2",
    ),
    pytest.param(
        unanimity(4),
        {("1", "0") * 4, ("0", "1") * 4,
         ("CRootOf(2*x**3 - 1, 0)", "CRootOf(2*x**3 - 6*x**2 + 6*x - 1, 0)") * 4},
        id="unanimity-4-cube-root",
    ),
]


@pytest.mark.parametrize(("game", "expected"), CASES)
def test_literature(game: Game, expected: set) -> None:
    result = solve(game)
    assert result.method == "exact" and result.status == "ok" and result.complete
    assert exact_strings(result) == expected
    assert len(result.equilibria) == len(expected)


def test_mckelvey_mclennan_two_totally_mixed() -> None:
    result = solve(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"))
    full = [eq for eq in result.equilibria if all(len(s) == 2 for s in eq.support())]
    assert len(full) == 2  # the bound of McKelvey and McLennan (1997) for 2x2x2 games


def test_unanimity_values_are_the_roots_derived_by_hand() -> None:
    (mixed3,) = [eq for eq in solve(unanimity(3)).equilibria if not eq.is_pure]
    value = mixed3.profile[0][0]
    assert isinstance(value, Algebraic) and value.coefficients == (2, 0, -1)
    assert value.decimal(15) == "0.707106781186548"
    (mixed4,) = [eq for eq in solve(unanimity(4)).equilibria if not eq.is_pure]
    cube = mixed4.profile[0][0]
    assert cube.coefficients == (2, 0, 0, -1)  # 2 x^3 = 1
    assert cube.decimal(12) == "0.793700525984"
    assert mixed4.payoffs == (F(1, 2),) * 4


def test_json_gives_sympy_readable_expressions_and_decimal_twins() -> None:
    import sympy

    data = solve(unanimity(3)).to_dict()
    mixed = data["equilibria"][2]
    assert mixed["strategies"]["P1"] == {"a": "sqrt(2)/2", "b": "1 - sqrt(2)/2"}
    assert mixed["decimal"]["strategies"]["P1"] == {"a": "0.707106781187", "b": "0.292893218813"}
    assert sympy.sympify(mixed["strategies"]["P1"]["a"]) == sympy.sqrt(2) / 2
    cube = solve(unanimity(4)).to_dict()["equilibria"][2]["strategies"]["P1"]["a"]
    assert abs(float(sympy.sympify(cube)) - 2 ** (-1 / 3)) < 1e-12


def test_two_players_agree_with_the_two_player_solver() -> None:
    game = Game.from_arrays([[3, 0, 2], [1, 4, 0], [0, 1, 5]], [[1, 3, 0], [4, 0, 2], [2, 1, 3]])
    ours = exact_nplayer_equilibria(game)
    theirs = solve(game, "exact")
    assert theirs.status == "ok"  # nondegenerate: every equilibrium is extreme
    assert exact_strings(ours) == exact_strings(theirs)


def test_conditional_dominance_prunes_and_loses_nothing() -> None:
    game = read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg")
    assert len(support_profiles(game)) < 27
    dominated = Game.from_arrays(
        [[[3, 3], [3, 3]], [[0, 0], [0, 0]]], [[[1, 0], [0, 1]]] * 2, [[[1, 0], [0, 1]]] * 2
    )
    # Player 1's second strategy is strictly dominated: no support profile keeps it.
    assert all(s[0] == (0,) for s in support_profiles(dominated))


def test_positive_dimensional_sets_are_reported_with_equations_and_a_certified_point() -> None:
    # Player C's payoff is constant: for each equilibrium of A and B, every mixture of C's.
    table = {
        s: (int(s[0] == s[1]), int(s[0] == s[1]), 0) for s in itertools.product("ab", repeat=3)
    }
    game = Game.from_payoffs(table, ("A", "B", "C"), [["a", "b"]] * 3)
    result = solve(game)
    assert result.status == "degenerate" and result.complete
    assert len(result.components) == 3
    for component in result.components:
        assert isinstance(component, SupportComponent)
        assert component.dimension == 1 and component.support[2] == ("a", "b")
        assert any(b == "p3_2 > 0" for b in component.bounds)
        (k,) = component.equilibria
        assert result.equilibria[k].support() == component.support
        assert game.is_nash(result.equilibria[k].profile)
    data = result.to_dict()["components"][2]
    assert data["equations"][:2] == ["p1_2 - 1/2 = 0", "p2_2 - 1/2 = 0"]
    assert data["variables"]["p3_2"] == "C:b"


def test_result_types() -> None:
    result = solve(unanimity(3))
    assert all(isinstance(eq, AlgebraicEquilibrium) for eq in result.equilibria)
    assert [eq.is_rational for eq in result.equilibria] == [True, True, False]
    # Rational equilibria keep the Equilibrium contract exactly (plus the decimal twin).
    first = result.equilibria[0].to_dict()
    assert first["strategies"]["P1"] == {"a": "1", "b": "0"} and "decimal" in first


# ---------------------------------------------------------------------- brute force
class Degenerate(Exception):
    """The brute force met a solution set of positive dimension."""


def brute_force(game: Game) -> list[tuple[float, ...]]:
    """Every equilibrium: every support profile, sympy.solve, inequalities at 50 digits."""
    import sympy

    n = game.n_players
    subsets = [
        [c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
        for m in game.shape
    ]
    found = []
    for supports in itertools.product(*subsets):
        p = [[sympy.Symbol(f"x{i}_{a}") if a in s else sympy.Integer(0)
              for a in range(game.shape[i])] for i, s in enumerate(supports)]
        v = [sympy.Symbol(f"v{i}") for i in range(n)]

        def payoff(i: int, a: int, p=p) -> sympy.Expr:
            total = sympy.Integer(0)
            for r in itertools.product(*(range(m) for m in game.shape)):
                if r[i] != a:
                    continue
                weight = sympy.Rational(game.payoffs[i][r].numerator,
                                        game.payoffs[i][r].denominator)
                for j in range(n):
                    if j != i:
                        weight *= p[j][r[j]]
                total += weight
            return total

        equations = [sum(p[i]) - 1 for i in range(n)]
        equations += [payoff(i, a) - v[i] for i, s in enumerate(supports) for a in s]
        unknowns = [p[i][a] for i, s in enumerate(supports) for a in s] + v
        for solution in sympy.solve(equations, unknowns, dict=True):
            if len(solution) < len(unknowns):
                raise Degenerate(supports)
            values = [[sympy.N(sympy.sympify(x).subs(solution), 50) for x in row] for row in p]
            if any(abs(sympy.im(x)) > 1e-30 for row in values for x in row):
                continue
            values = [[sympy.re(x) for x in row] for row in values]
            if any(values[i][a] <= 1e-30 for i, s in enumerate(supports) for a in s):
                continue
            value_of = {
                sym: val
                for i, row in enumerate(values)
                for sym, val in zip(p[i], row, strict=True)
                if isinstance(sym, sympy.Symbol)
            }
            ok = all(
                sympy.N(payoff(i, b).subs(value_of), 50)
                <= sympy.N(solution[v[i]].subs(value_of), 50) + 1e-30
                for i, s in enumerate(supports)
                for b in range(game.shape[i])
                if b not in s
            )
            if ok:
                found.append(tuple(round(float(x), 9) for row in values for x in row))
    return sorted(found)


def _compare_with_brute_force(game: Game) -> None:
    try:
        expected = brute_force(game)
    except Degenerate:
        assume(False)
        return
    result = solve(game)
    assume(result.status == "ok")
    assert decimals(result) == expected


@pytest.mark.parametrize("seed", range(2))
def test_random_2x2x2_against_brute_force(seed: int) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-1000, 1001, size=(2, 2, 2)).tolist() for _ in range(3)]
    game = Game.from_arrays(*arrays)
    assert decimals(solve(game)) == brute_force(game)


@settings(max_examples=3)
@given(n_player_games(min_size=2, max_size=2, payoff_range=(-20, 20)))
def test_property_brute_force_2x2x2(game: Game) -> None:
    _compare_with_brute_force(game)


@pytest.mark.slow
@settings(max_examples=8)
@given(n_player_games(min_size=1, max_size=3, payoff_range=(-20, 20)))
def test_property_brute_force_up_to_3x3x3(game: Game) -> None:
    assume(max(game.shape) <= 2 or sum(game.shape) <= 7)
    _compare_with_brute_force(game)


# ---------------------------------------------------------------------- properties
@settings(max_examples=8)
@given(n_player_games(min_size=1, max_size=2, payoff_range=(0, 4)))
def test_property_every_equilibrium_is_certified(game: Game) -> None:
    import sympy

    result = solve(game)
    assert result.complete
    for eq in result.equilibria:
        for sigma in eq.profile:
            assert all(p >= 0 for p in sigma)
            total = sum(sympy.sympify(str(p)) for p in sigma)
            assert sympy.simplify(total - 1) == 0
        if eq.is_rational:
            assert game.regret(eq.profile) == 0
        else:  # an independent check at 40 digits
            values = [[sympy.N(sympy.sympify(str(p)), 40) for p in s] for s in eq.profile]
            for i in range(game.n_players):
                pays = _pure_payoffs(game, i, values)
                mine = sum(x * y for x, y in zip(values[i], pays, strict=True))
                assert max(pays) - mine < 1e-30


def _pure_payoffs(game: Game, i: int, values: list) -> list:
    out = []
    for a in range(game.shape[i]):
        total = 0
        for r in itertools.product(*(range(m) for m in game.shape)):
            if r[i] == a:
                weight = game.payoffs[i][r]
                for j in range(game.n_players):
                    if j != i:
                        weight = weight * values[j][r[j]]
                total += weight
        out.append(total)
    return out


@settings(max_examples=6)
@given(n_player_games(min_size=2, max_size=2, payoff_range=(-5, 5)), positive_affine(),
       st.integers(0, 2))
def test_property_invariant_under_positive_affine_maps(game, affine, player) -> None:
    scale, shift = affine
    moved = game.transformed(player, scale, shift)
    assert exact_strings(solve(moved)) == exact_strings(solve(game))


@settings(max_examples=6)
@given(n_player_games(min_size=2, max_size=2, payoff_range=(-5, 5)), st.integers(0, 2))
def test_property_invariant_under_relabelling(game, player) -> None:
    swapped = game.permuted(player, [1, 0])

    def flipped(profile: tuple[str, ...]) -> tuple[str, ...]:
        out = list(profile)
        out[2 * player], out[2 * player + 1] = out[2 * player + 1], out[2 * player]
        return tuple(out)

    assert {flipped(p) for p in exact_strings(solve(swapped))} == exact_strings(solve(game))
