"""The Game API: construction, exact numbers, errors, payoffs, regret, edits, equality."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, n_player_games, permutations, positive_affine

from gametheory import Game, GameError, GameValueError

F = Fraction
PD = Game.from_arrays(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("Alice", "Bob"),
    strategies=(("cooperate", "defect"), ("cooperate", "defect")),
    title="Prisoner's dilemma",
)


# --------------------------------------------------------------------------- construction
def test_defaults():
    game = Game.from_arrays([[1, 2, 3]], [[0, 0, 0]])
    assert game.players == ("Row", "Column")
    assert game.strategies == (("1",), ("1", "2", "3"))
    assert game.title == ""
    assert game.shape == (1, 3)
    assert game.n_players == 2
    three = Game.from_arrays(np.zeros((2, 1, 2)), np.ones((2, 1, 2)), np.ones((2, 1, 2)))
    assert three.players == ("Player 1", "Player 2", "Player 3")
    assert three.shape == (2, 1, 2)


def test_single_matrix_is_zero_sum():
    game = Game.from_arrays([[1, "-1/2"], [0, 2]])
    assert game.payoffs[1].tolist() == [[-1, F(1, 2)], [0, -2]]
    assert game.is_constant_sum()
    assert not PD.is_constant_sum()


def test_from_payoffs_equals_from_arrays():
    table = {(r, c): PD.payoff((r, c)) for r in PD.strategies[0] for c in PD.strategies[1]}
    built = Game.from_payoffs(table, PD.players, PD.strategies, title=PD.title)
    assert built == PD
    del table[("defect", "defect")]
    with pytest.raises(GameValueError, match="missing payoff"):
        Game.from_payoffs(table, PD.players, PD.strategies)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(0.1, F(1, 10), id="float-shortest-decimal"),
        pytest.param(1 / 3, F(3333333333333333, 10**16), id="float-one-third"),
        pytest.param(-2.5e-3, F(-1, 400), id="float-exponent"),
        pytest.param(np.float64(0.2), F(1, 5), id="numpy-float"),
        pytest.param(np.int64(-7), F(-7), id="numpy-int"),
        pytest.param(Decimal("0.125"), F(1, 8), id="decimal"),
        pytest.param("1/3", F(1, 3), id="fraction-string"),
        pytest.param(" -2.50 ", F(-5, 2), id="decimal-string"),
        pytest.param("1e3", F(1000), id="exponent-string"),
        pytest.param(F(2, 6), F(1, 3), id="fraction"),
        pytest.param(10**30, F(10**30), id="big-int"),
    ],
)
def test_exact_payoffs(value, expected):
    game = Game.from_arrays([[value]], [[0]])
    got = game.payoffs[0][0, 0]
    assert isinstance(got, Fraction)
    assert got == expected


BAD_INPUT = [
    pytest.param(([[1, "x"]], [[0, 0]]), {}, "not a finite number", id="non-numeric-string"),
    pytest.param(([[1, None]], [[0, 0]]), {}, "not a number", id="none"),
    pytest.param(([[1, True]], [[0, 0]]), {}, "not a number", id="bool"),
    pytest.param(([[1, float("nan")]], [[0, 0]]), {}, "finite", id="nan"),
    pytest.param(([[1, -math.inf]], [[0, 0]]), {}, "finite", id="minus-inf"),
    pytest.param(([[1, "inf"]], [[0, 0]]), {}, "finite", id="inf-string"),
    pytest.param(([[1, "1/0"]], [[0, 0]]), {}, "'1/0'", id="zero-denominator"),
    pytest.param(([[1, 2], [3]], [[0, 0], [0, 0]]), {}, "ragged", id="ragged"),
    pytest.param(([], []), {}, "empty", id="empty"),
    pytest.param(([[]], [[]]), {}, "empty", id="empty-rows"),
    pytest.param((np.zeros((0, 2)), np.zeros((0, 2))), {}, "empty", id="empty-numpy"),
    pytest.param(([[1, 2]], [[0, 0, 0]]), {}, "differs", id="mismatched-shapes"),
    pytest.param(([[1, 2]], [[0, 0]], [[0, 0]]), {}, "3-dimensional", id="too-few-dimensions"),
    pytest.param((5, 6), {}, "not a single number", id="scalars"),
    pytest.param(([[[1]]],), {}, "must be a matrix", id="zero-sum-not-matrix"),
    pytest.param((), {}, "at least one", id="no-arrays"),
    pytest.param(
        ([[1, 2]], [[0, 0]]),
        {"strategies": (("a",), ("x", "x"))},
        "duplicate name 'x'",
        id="duplicate-labels",
    ),
    pytest.param(
        ([[1, 2]], [[0, 0]]),
        {"strategies": (("a",), ("x",))},
        "2 strategies in the payoffs but 1 labels",
        id="too-few-labels",
    ),
    pytest.param(
        ([[1, 2]], [[0, 0]]), {"strategies": (("a",),)}, "for 2 players", id="labels-per-player"
    ),
    pytest.param(
        ([[1, 2]], [[0, 0]]), {"strategies": ("a", "xy")}, "must be a list", id="label-string"
    ),
    pytest.param(([[1]], [[0]]), {"players": ("A", "A")}, "duplicate name", id="dup-players"),
    pytest.param(([[1]], [[0]]), {"players": ("A", " ")}, "empty name", id="blank-player"),
    pytest.param(([[1]], [[0]]), {"players": ("A",)}, "2 names, got 1", id="too-few-players"),
    pytest.param(([[1]], [[0]]), {"strategies": (("",), ("x",))}, "empty name", id="blank-label"),
]


@pytest.mark.parametrize(("arrays", "names", "message"), BAD_INPUT)
def test_bad_input(arrays, names, message):
    with pytest.raises(GameValueError, match=message) as info:
        Game.from_arrays(*arrays, **names)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, GameError)
    assert "\n" not in str(info.value)


def test_error_names_the_cell():
    with pytest.raises(GameValueError) as info:
        Game.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, "x"]], players=("US", "Russia"))
    assert info.value.key == "payoffs[Russia][1,1]"


# --------------------------------------------------------------------------- payoffs, regret
def test_payoff_and_indices():
    assert PD.payoff(("defect", "cooperate")) == (5, 0)
    assert PD.payoff((1, 0)) == (5, 0)
    assert PD.player_index("Bob") == 1
    assert PD.strategy_index("Bob", "defect") == 1
    with pytest.raises(GameValueError, match="did you mean 'defect'"):
        PD.payoff(("defect", "defekt"))
    with pytest.raises(GameValueError, match="did you mean 'Alice'"):
        PD.player_index("Alise")
    with pytest.raises(GameValueError, match="no strategy number 2"):
        PD.strategy_index("Bob", 2)
    with pytest.raises(GameValueError, match="2 strategies"):
        PD.payoff(("defect",))


def test_profile_forms():
    expected = ((F(1, 3), F(2, 3)), (F(0), F(1)))
    assert PD.profile([["1/3", "2/3"], "defect"]) == expected
    assert PD.profile([[F(1, 3), F(2, 3)], 1]) == expected
    assert PD.profile({"Alice": {"cooperate": "1/3", "defect": "2/3"}, "Bob": "defect"}) == (
        expected
    )
    assert PD.profile({"Bob": {"defect": 1}, "Alice": [0.25, 0.75]}) == (
        (F(1, 4), F(3, 4)),
        (0, 1),
    )


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        pytest.param([[F(1, 2), F(1, 3)], [1, 0]], "sum to 5/6", id="sum"),
        pytest.param([[F(3, 2), F(-1, 2)], [1, 0]], "negative", id="negative"),
        pytest.param([[1, 0, 0], [1, 0]], "expected 2 probabilities", id="length"),
        pytest.param([[1, 0]], "one strategy per player", id="players"),
        pytest.param({"Alice": "defect"}, "no strategy given", id="missing-player"),
        pytest.param({"Alice": "defect", "Bobb": "defect", "Bob": 0}, "did you mean", id="typo"),
        pytest.param([["x", 1], [1, 0]], "not a finite number", id="non-numeric"),
    ],
)
def test_bad_profiles(profile, message):
    with pytest.raises(GameValueError, match=message):
        PD.profile(profile)


def test_regret_and_best_responses():
    assert PD.regrets([["1/2", "1/2"], ["1/2", "1/2"]]) == (F(3, 4), F(3, 4))
    assert PD.regret(["cooperate", "cooperate"]) == 2
    assert PD.is_nash(["defect", "defect"])
    assert not PD.is_nash(["defect", "cooperate"])
    assert PD.best_responses("Alice", ["cooperate", [F(1, 2), F(1, 2)]]) == (1,)
    assert PD.pure_payoffs_against("Bob", [[F(1, 2), F(1, 2)], "cooperate"]) == (
        F(3, 2),
        F(3),
    )
    pennies = Game.from_arrays([[1, -1], [-1, 1]])
    half = [F(1, 2), F(1, 2)]
    assert pennies.is_nash([half, half])
    assert pennies.best_responses(0, [half, half]) == (0, 1)
    assert pennies.expected_payoffs([[1, 0], half]) == (0, 0)
    assert pennies.regrets([[1, 0], [F(2, 3), F(1, 3)]]) == (0, F(4, 3))


def _expected(game: Game, sigma) -> list[Fraction]:
    """Expected payoffs by explicit summation over pure profiles (the definition)."""
    totals = [F(0)] * game.n_players
    for index in game.pure_profiles():
        weight = math.prod((sigma[i][s] for i, s in enumerate(index)), start=F(1))
        for i, payoff in enumerate(game.payoffs):
            totals[i] += weight * payoff[index]
    return totals


def _regrets(game: Game, sigma) -> list[Fraction]:
    """Each player's best pure payoff against the others minus its expected payoff."""
    current = _expected(game, sigma)
    out = []
    for i, k in enumerate(game.shape):
        pure = [tuple(F(int(t == s)) for t in range(k)) for s in range(k)]
        best = max(_expected(game, [*sigma[:i], p, *sigma[i + 1 :]])[i] for p in pure)
        out.append(best - current[i])
    return out


@st.composite
def game_and_profile(draw: st.DrawFn):
    game = draw(games(1, 3, (-4, 4)) | n_player_games(3, 3, 1, 2, (-3, 3)))
    sigma = []
    for k in game.shape:
        weights = draw(st.lists(st.integers(0, 5), min_size=k, max_size=k).filter(any))
        sigma.append(tuple(F(w, sum(weights)) for w in weights))
    return game, sigma


@given(game_and_profile())
@settings(max_examples=150)
def test_payoffs_and_regrets_match_definition(case):
    game, sigma = case
    assert list(game.expected_payoffs(sigma)) == _expected(game, sigma)
    regrets = game.regrets(sigma)
    assert list(regrets) == _regrets(game, sigma)
    assert all(r >= 0 for r in regrets)
    assert game.is_nash(sigma) == (max(regrets) == 0)


# --------------------------------------------------------------------------- edits
def test_edits_return_new_games():
    before = PD.payoffs[0].copy()
    edited = PD.with_payoff("Alice", ("cooperate", "cooperate"), "7/2")
    assert edited.payoff(("cooperate", "cooperate")) == (F(7, 2), 3)
    whole = PD.with_payoff(None, ("defect", "defect"), (2, "0.5"))
    assert whole.payoff(("defect", "defect")) == (2, F(1, 2))
    renamed = PD.with_names(players=("A", "B"), title="new")
    assert renamed.players == ("A", "B") and renamed.title == "new"
    assert renamed.same_payoffs(PD) and renamed != PD
    assert np.array_equal(PD.payoffs[0], before)
    assert PD.payoff(("cooperate", "cooperate")) == (3, 3)
    with pytest.raises(GameValueError, match="one per player"):
        PD.with_payoff(None, ("defect", "defect"), 2)
    with pytest.raises(GameValueError, match="not a finite number"):
        PD.with_payoff("Bob", ("defect", "defect"), "nan")


def test_payoff_arrays_are_read_only():
    with pytest.raises(ValueError, match="read-only"):
        PD.payoffs[0][0, 0] = F(9)


def test_permuted_restricted_transformed():
    swapped = PD.permuted("Alice", [1, 0])
    assert swapped.strategies[0] == ("defect", "cooperate")
    assert swapped.payoff(("defect", "cooperate")) == PD.payoff(("defect", "cooperate"))
    with pytest.raises(GameValueError, match="permutation"):
        PD.permuted("Alice", [0, 0])
    small = PD.restricted([[1], [0, 1]])
    assert small.strategies == (("defect",), ("cooperate", "defect"))
    assert small.payoffs[1].tolist() == [[0, 1]]
    with pytest.raises(GameValueError, match="at least one"):
        PD.restricted([[], [0]])
    scaled = PD.transformed("Bob", "1/2", -1)
    assert scaled.payoffs[1].tolist() == [[F(1, 2), F(3, 2)], [-1, F(-1, 2)]]
    assert scaled.payoffs[0].tolist() == PD.payoffs[0].tolist()
    with pytest.raises(GameValueError, match="positive"):
        PD.transformed("Bob", 0)


@given(games(1, 3, (-3, 3)), positive_affine(), st.data())
@settings(max_examples=60)
def test_edits_preserve_best_responses(game, affine, data):
    """Positive affine maps and reorderings change no best response (up to relabelling)."""
    player = data.draw(st.integers(0, 1))
    order = data.draw(permutations(game.shape[player]))
    scaled = game.transformed(player, *affine)
    moved = game.permuted(player, order)
    for index in game.pure_profiles():
        assert game.best_responses(player, index) == scaled.best_responses(player, index)
        new_index = list(index)
        new_index[player] = order.index(index[player])
        assert moved.payoff(tuple(new_index)) == game.payoff(index)


def test_matrices_need_two_players():
    three = Game.from_arrays(np.zeros((1, 1, 1)), np.zeros((1, 1, 1)), np.zeros((1, 1, 1)))
    with pytest.raises(GameValueError, match="two-player"):
        three.matrices()
    a, b = PD.matrices()
    assert (a.tolist(), b.tolist()) == ([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_float_payoffs_for_peers():
    a, b = Game.from_arrays([["1/4", 2]], [[0, "-1/2"]]).to_float()
    assert a.dtype == float and a.tolist() == [[0.25, 2.0]]
    assert b.tolist() == [[0.0, -0.5]]


# --------------------------------------------------------------------------- equality
def test_equality_and_hash():
    same = Game.from_arrays(
        [["3", 0.0], [5, "1.0"]],
        [[3, 5], [0, 1]],
        players=("Alice", "Bob"),
        strategies=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Prisoner's dilemma",
    )
    assert same == PD and hash(same) == hash(PD)
    assert {PD: 1}[same] == 1
    assert PD.with_names(title="other") != PD
    assert PD.with_payoff("Bob", (0, 0), 4) != PD
    assert PD.with_names(strategies=(("c", "d"), ("cooperate", "defect"))) != PD
    assert PD.with_names(players=("x", "y")).same_payoffs(PD)
    assert not PD.same_payoffs(PD.restricted([[0], [0, 1]]))
    assert PD != "not a game"
    assert repr(PD) == "Game(\"Prisoner's dilemma\", players=('Alice', 'Bob'), shape=(2, 2))"


def test_pure_profiles_order():
    game = Game.from_arrays(np.zeros((2, 3)), np.zeros((2, 3)))
    assert list(game.pure_profiles()) == list(itertools.product(range(2), range(3)))
