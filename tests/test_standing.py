"""strategy_standing: best replies against a brute-force count, and the equilibria that play a
strategy against the equilibria themselves (hypothesis, random exact games)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game, solve
from gametheory.algorithms.standing import strategy_standing
from gametheory.errors import GameValueError
from tests.strategies import games


@settings(max_examples=40, deadline=None)
@given(game=games(), data=st.data())
def test_standing_agrees_with_best_responses_and_supports(game: Game, data) -> None:
    i = data.draw(st.integers(0, 1))
    s = data.draw(st.integers(0, game.shape[i] - 1))
    result = solve(game)
    standing = strategy_standing(game, i, s, result=result)
    j = 1 - i
    for t, name in enumerate(game.strategies[j]):
        profile = [[0] * game.shape[0], [0] * game.shape[1]]
        profile[j][t] = 1
        profile[i][0] = 1
        replies = game.best_responses(i, profile)
        assert (name in standing.best_reply_to) == (s in replies)
        assert (name in standing.only_best_reply_to) == (replies == (s,))
    played = [k for k, eq in enumerate(result.equilibria) if eq.profile[i][s] > 0]
    assert list(standing.in_equilibria) == played


def test_prisoners_dilemma_and_bad_input() -> None:
    pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                          strategies=(("quiet", "talk"), ("quiet", "talk")))
    quiet = strategy_standing(pd, "Column", "quiet")
    assert quiet.best_reply_to == () and quiet.in_equilibria == ()
    assert strategy_standing(pd, 0, 1).to_dict()["only_best_reply_to"] == ["quiet", "talk"]
    three = Game.from_arrays([[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
                             [[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
                             [[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    with pytest.raises(GameValueError, match="two-player"):
        strategy_standing(three, 0, 0)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"samples": 0, "seed": 1}, "samples must be a positive integer"),
    ({"samples": 5, "seed": -1}, "seed must be a non-negative integer"),
])
def test_standing_over_parameters_bad_input(kwargs: dict, message: str) -> None:
    from gametheory.models import load_model
    from gametheory.robustness.standing import standing_over_parameters

    with pytest.raises(GameValueError, match=message):
        standing_over_parameters(load_model("us-russia-2x2"), "Russia", "hard_demand", **kwargs)


def test_standing_over_parameters_is_reproducible() -> None:
    from gametheory.models import load_model
    from gametheory.robustness.standing import standing_over_parameters

    model = load_model("us-russia-2x2")
    a = standing_over_parameters(model, "Russia", "hard_demand", samples=40, seed=3,
                                 equilibria=True)
    assert a == standing_over_parameters(model, "Russia", "hard_demand", samples=40, seed=3,
                                         equilibria=True)
    # Hard demands are the best reply to a conceding Washington whenever w > 1 (2 + w > 3).
    assert a.best_reply_counts["concede"] == a.only_best_reply_counts["concede"] > 0
