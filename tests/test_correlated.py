"""Correlated and coarse correlated equilibria, checked against literature values, an independent
brute-force vertex enumeration, and the mathematics (hypothesis).

References for the literature cases:

- Aumann (1974), section 9, and e.g. Osborne (2004), section 14.2: in the game of chicken with
  payoffs (6, 6), (2, 7), (7, 2), (0, 0), the mediator's lottery 1/3, 1/3, 1/3 over (C, C),
  (C, D), (D, C) is a correlated equilibrium paying 5 to each player. The welfare-maximising
  one is derived by hand below (it pays 21/4 to each).
- In matching pennies the only correlated equilibrium is the uniform distribution, and in the
  prisoner's dilemma the only one is mutual defection (a strictly dominated strategy is never
  recommended in a correlated equilibrium).

The reference enumeration solves *every* square subsystem of the polytope's constraints in
rational arithmetic and shares no code with the library.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, n_player_games, positive_affine

from gametheory import Game, GameValueError, solve
from gametheory.concepts.correlated import (
    correlated_equilibria,
    correlated_vertices,
    is_correlated_equilibrium,
)

F = Fraction

CHICKEN = Game.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                           strategies=(("C", "D"), ("C", "D")))


# --------------------------------------------------------------------------- references
def _gains(game: Game, coarse: bool) -> list[list[Fraction]]:
    """The incentive constraints written out profile by profile (rows: gain . p >= 0)."""
    profiles = list(itertools.product(*(range(k) for k in game.shape)))
    rows = []
    for i in range(game.n_players):
        u = game.payoffs[i]
        for t in range(game.shape[i]):
            recommendations = [None] if coarse else [s for s in range(game.shape[i]) if s != t]
            for s in recommendations:
                row = []
                for profile in profiles:
                    if s is not None and profile[i] != s:
                        row.append(F(0))
                        continue
                    deviated = (*profile[:i], t, *profile[i + 1 :])
                    row.append(F(u[profile] - u[deviated]))
                rows.append(row)
    return rows


def _satisfies(game: Game, p, coarse: bool = False) -> bool:
    assert all(v >= 0 for v in p) and sum(p) == 1
    return all(sum(a * b for a, b in zip(row, p, strict=True)) >= 0
               for row in _gains(game, coarse))


def _solve_square(rows, rhs):
    size = len(rows)
    aug = [[*r, v] for r, v in zip(rows, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for r in range(size):
            if r != col and aug[r][col] != 0:
                factor = aug[r][col] / aug[col][col]
                aug[r] = [x - factor * y for x, y in zip(aug[r], aug[col], strict=True)]
    return tuple(aug[r][size] / aug[r][r] for r in range(size))


def reference_vertices(game: Game, coarse: bool = False) -> set[tuple[Fraction, ...]]:
    """Every vertex of the polytope, by solving every choice of d - 1 tight constraints."""
    d = math.prod(game.shape)
    unit = [[F(int(q == s)) for q in range(d)] for s in range(d)]
    constraints = unit + _gains(game, coarse)
    found = set()
    for subset in itertools.combinations(range(len(constraints)), d - 1):
        rows = [constraints[c] for c in subset] + [[F(1)] * d]
        p = _solve_square(rows, [F(0)] * (d - 1) + [F(1)])
        if p is not None and all(v >= 0 for v in p) and _satisfies(game, p, coarse):
            found.add(p)
    return found


def _product(profile) -> tuple[Fraction, ...]:
    return tuple(math.prod(combo) for combo in itertools.product(*profile))


# --------------------------------------------------------------------------- literature
def test_aumann_chicken() -> None:
    aumann = (F(1, 3), F(1, 3), F(1, 3), F(0))
    assert is_correlated_equilibrium(CHICKEN, aumann) and _satisfies(CHICKEN, aumann)
    result = correlated_equilibria(CHICKEN)
    # By hand: with p(D, D) = 0 and p(C, D) = p(D, C) = b, the constraint for C is
    # 6 p(C, C) + 2 b >= 7 p(C, C), i.e. b >= (1 - 2b) / 2, so b >= 1/4; the welfare
    # 12 (1 - 2b) + 18 b is largest at b = 1/4.
    best = result.welfare_maximizing
    assert best.distribution == (F(1, 2), F(1, 4), F(1, 4), F(0))
    assert best.payoffs == (F(21, 4), F(21, 4)) and result.welfare_unique
    assert result.certified == "duality"
    assert [ce.distribution for ce in result.best_for] == [(0, 0, 1, 0), (0, 1, 0, 0)]
    assert {v.distribution for v in result.vertices} == reference_vertices(CHICKEN)
    # The five vertices: the three Nash equilibria and two more (Calvo-Armengol, 2006).
    assert len(result.vertices) == 5
    assert (F(4, 9), F(2, 9), F(2, 9), F(1, 9)) in {v.distribution for v in result.vertices}


@pytest.mark.parametrize(
    ("game", "only"),
    [
        pytest.param(Game.from_arrays([[1, -1], [-1, 1]]), (F(1, 4),) * 4, id="matching-pennies"),
        pytest.param(Game.from_arrays([[-1, -9], [0, -6]], [[-1, 0], [-9, -6]]), (0, 0, 0, 1),
                     id="prisoners-dilemma"),
    ],
)
def test_unique_correlated_equilibrium(game: Game, only) -> None:
    result = correlated_equilibria(game)
    assert [v.distribution for v in result.vertices] == [only]
    assert result.welfare_maximizing.distribution == only and result.welfare_unique
    assert all(ce.distribution == only for ce in result.best_for)


def test_battle_of_the_sexes_coin_flip() -> None:
    game = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = correlated_equilibria(game)
    # Any lottery over the two pure equilibria maximises the welfare 3: not unique.
    assert result.welfare_maximizing.welfare == 3 and result.welfare_unique is False
    assert [ce.payoffs for ce in result.best_for] == [(2, 1), (1, 2)]


def test_coarse_is_weaker() -> None:
    # With two strategies per player the coarse constraints are the correlated ones; here the
    # row player has three. The distribution 1/2 (a, y), 1/4 (b, x), 1/4 (c, x) pays Row 2 and
    # Column 5/2. Committing in advance to a, b or c pays Row 3/2, 2, 2 (the column marginal
    # is 1/2, 1/2); to x or y pays Column 5/2, 5/2: a coarse correlated equilibrium, of welfare
    # 9/2. It is not a correlated one: told a (so Column plays y), Row gets 3 from c, not 2.
    game = Game.from_arrays([[1, 2], [3, 1], [1, 3]], [[3, 3], [1, 2], [3, 2]],
                            strategies=(("a", "b", "c"), ("x", "y")))
    by_hand = (F(0), F(1, 2), F(1, 4), F(0), F(1, 4), F(0))
    assert _satisfies(game, by_hand, coarse=True) and not _satisfies(game, by_hand)
    assert is_correlated_equilibrium(game, by_hand, coarse=True)
    assert not is_correlated_equilibrium(game, by_hand)
    ce, cce = correlated_equilibria(game), correlated_equilibria(game, coarse=True)
    assert cce.welfare_maximizing.welfare == F(9, 2) > ce.welfare_maximizing.welfare
    assert {v.distribution for v in cce.vertices} == reference_vertices(game, coarse=True)
    assert {v.distribution for v in ce.vertices} == reference_vertices(game)


def test_three_players() -> None:
    # A three-player coordination game: everyone gets 1 when all choose the same strategy.
    same = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]
    game = Game.from_arrays(same, same, same)
    result = correlated_equilibria(game)
    assert result.welfare_maximizing.welfare == 3
    assert {v.distribution for v in result.vertices} == reference_vertices(game)


def test_bad_distribution() -> None:
    with pytest.raises(GameValueError, match="one probability per pure profile"):
        is_correlated_equilibrium(CHICKEN, [1, 0, 0])
    with pytest.raises(GameValueError, match="not a probability distribution"):
        is_correlated_equilibrium(CHICKEN, [1, 1, -1, 0])


def test_json_contract() -> None:
    data = correlated_equilibria(CHICKEN).to_dict()
    assert data["welfare_maximizing"]["distribution"] == [
        {"profile": ["C", "C"], "probability": "1/2"},
        {"profile": ["C", "D"], "probability": "1/4"},
        {"profile": ["D", "C"], "probability": "1/4"},
    ]
    assert data["welfare_maximizing"]["payoffs"] == {"Row": "21/4", "Column": "21/4"}
    assert data["best_for"]["Row"]["payoffs"] == {"Row": "7", "Column": "2"}
    assert len(data["vertices"]) == 5


# --------------------------------------------------------------------------- properties
@settings(max_examples=40)
@given(games(max_size=3, payoff_range=(-3, 3)))
def test_every_computed_equilibrium_satisfies_the_constraints(game: Game) -> None:
    result = correlated_equilibria(game, vertices=game.shape[0] * game.shape[1] <= 6)
    for ce in (result.welfare_maximizing, *result.best_for, *(result.vertices or ())):
        assert _satisfies(game, ce.distribution)
        assert ce.payoffs == tuple(
            sum(F(u[s]) * p for s, p in zip(game.pure_profiles(), ce.distribution, strict=True))
            for u in game.payoffs
        )


@settings(max_examples=40)
@given(games(max_size=3, payoff_range=(-3, 3)))
def test_nash_equilibria_are_correlated_and_never_better(game: Game) -> None:
    result = correlated_equilibria(game, vertices=False)
    for eq in solve(game).equilibria:
        p = _product(eq.profile)
        assert is_correlated_equilibrium(game, p) and _satisfies(game, p)
        assert result.welfare_maximizing.welfare >= sum(eq.payoffs)
        for i, ce in enumerate(result.best_for):
            assert ce.payoffs[i] >= eq.payoffs[i]


@settings(max_examples=25)
@given(games(max_size=2, payoff_range=(-2, 2)) | games(min_size=2, max_size=3).filter(
    lambda g: g.shape[0] * g.shape[1] <= 6), st.booleans())
def test_vertices_match_the_brute_force_reference(game: Game, coarse: bool) -> None:
    vertices = correlated_vertices(game, coarse=coarse)
    assert [v.distribution for v in vertices] == sorted(
        (v.distribution for v in vertices),
        key=lambda p: (-sum(v.welfare for v in vertices if v.distribution == p), [-x for x in p]),
    )
    assert {v.distribution for v in vertices} == reference_vertices(game, coarse)
    # The optimum of the LP is the best vertex.
    lp = correlated_equilibria(game, coarse=coarse, vertices=False)
    assert lp.welfare_maximizing.welfare == max(v.welfare for v in vertices)


@settings(max_examples=25)
@given(games(max_size=3, payoff_range=(-3, 3)), st.integers(0, 1), positive_affine())
def test_invariant_under_positive_affine_maps(game: Game, player: int, affine) -> None:
    scale, shift = affine
    other = game.transformed(player, scale, shift)
    enumerate_them = game.shape[0] * game.shape[1] <= 6
    if enumerate_them:
        before = {v.distribution for v in correlated_vertices(game)}
        assert {v.distribution for v in correlated_vertices(other)} == before
    mine = correlated_equilibria(game, vertices=False).best_for[player]
    theirs = correlated_equilibria(other, vertices=False).best_for[player]
    assert theirs.payoffs[player] == scale * mine.payoffs[player] + shift


@settings(max_examples=25)
@given(games(max_size=3, payoff_range=(-3, 3)))
def test_correlated_equilibria_are_coarse_ones(game: Game) -> None:
    ce = correlated_equilibria(game, vertices=False)
    cce = correlated_equilibria(game, coarse=True, vertices=False)
    assert is_correlated_equilibrium(game, ce.welfare_maximizing.distribution, coarse=True)
    assert cce.welfare_maximizing.welfare >= ce.welfare_maximizing.welfare
    assert _satisfies(game, cce.welfare_maximizing.distribution, coarse=True)


@settings(max_examples=15)
@given(n_player_games(max_size=2, payoff_range=(-2, 2)))
def test_three_player_games(game: Game) -> None:
    result = correlated_equilibria(game, vertices=True)
    for ce in (result.welfare_maximizing, *result.best_for, *result.vertices):
        assert _satisfies(game, ce.distribution)
    for eq in solve(game, "pure").equilibria:
        assert is_correlated_equilibrium(game, _product(eq.profile))
        assert result.welfare_maximizing.welfare >= sum(eq.payoffs)
    assert result.welfare_maximizing.welfare == max(v.welfare for v in result.vertices)


# --------------------------------------------------------------------------- command line
CHICKEN_NFG = (
    'NFG 1 R "Aumann chicken" { "Ann" "Bob" }\n{ { "C" "D" } { "C" "D" } }\n\n'
    "6 6 7 2 2 7 0 0\n"
)


def _run(*args: str):
    from click.testing import CliRunner

    import cli

    return CliRunner().invoke(cli.cli, list(args))


def test_cli_text_and_json(tmp_path) -> None:
    import json

    game = tmp_path / "chicken.nfg"
    game.write_text(CHICKEN_NFG)
    result = _run("correlated", str(game))
    assert result.exit_code == 0, result.output
    assert (
        "Welfare-maximising correlated equilibrium (sum of payoffs 21/2; unique)\n"
        "  Ann  Bob  probability\n"
        "  C    C            1/2\n"
        "  C    D            1/4\n"
        "  D    C            1/4\n\n"
        "Payoffs: Ann 21/4, Bob 21/4.\n"
    ) in result.output
    assert "The 5 vertices of the correlated-equilibrium polytope" in result.output
    data = json.loads(_run("correlated", str(game), "-f", "json").output)
    assert data["welfare_maximizing"]["distribution"][0] == {"profile": ["C", "C"],
                                                             "probability": "1/2"}
    assert data["welfare_maximizing"]["payoffs"] == {"Ann": "21/4", "Bob": "21/4"}
    coarse = json.loads(_run("correlated", str(game), "--coarse", "--no-vertices",
                             "-f", "json").output)
    assert coarse["concept"] == "coarse correlated equilibrium" and coarse["vertices"] is None
    csv = _run("correlated", str(game), "-f", "csv").output
    assert csv.splitlines()[:2] == ["equilibrium,C;C,C;D,D;C,D;D,Ann payoff,Bob payoff",
                                    "welfare-maximizing,1/2,1/4,1/4,0,21/4,21/4"]


def test_cli_bad_input(tmp_path) -> None:
    result = _run("correlated", str(tmp_path / "missing.toml"))
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    result = _run("correlated", "chicken", "--standalone")
    assert result.exit_code == 2


def test_us_russia_write_up() -> None:
    """The figures quoted in docs/concepts.md (Correlated equilibria)."""
    from gametheory.models import load_model

    model = load_model("us-russia")
    game = model.game()
    result = correlated_equilibria(game)
    nash = (0, 0, F(1, 20), F(9, 20), 0, 0, F(1, 20), F(9, 20)) + (0,) * 8
    assert [v.distribution for v in result.vertices] == [nash]
    assert result.welfare_maximizing.payoffs == (F(43, 5), 9)
    coarse = correlated_equilibria(game, coarse=True, vertices=False).welfare_maximizing
    assert coarse.welfare == F(173, 8) and coarse.payoffs == (F(63, 8), F(55, 4))
    labels = {profile: p for profile, p in coarse.support()}
    assert labels == {("concede", "hard_demand"): F(3, 4), ("pressure", "pressure"): F(1, 8),
                      ("friendly_offer", "friendly_offer"): F(1, 8)}
    patient = correlated_equilibria(model.game({"d": "0"}), vertices=False).welfare_maximizing
    assert patient.support() == [(("friendly_offer", "friendly_offer"), 1)]
    assert patient.payoffs == (11, 13)


def test_vertex_enumeration_has_a_work_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory.concepts import correlated

    monkeypatch.setattr(correlated, "MAX_RAYS", 1)
    result = correlated_equilibria(CHICKEN)
    assert result.vertices is None and "work limit" in result.message
    assert result.certified == "duality" and result.welfare_unique is None
    assert result.welfare_maximizing.payoffs == (F(21, 4), F(21, 4))
    # Asked for explicitly, the vertices are enumerated without a limit.
    assert len(correlated_vertices(CHICKEN)) == 5
