"""Bayesian games: the value type, the Harsanyi transformation and Bayesian Nash equilibria.

References for the literature cases: M. J. Osborne (2004), *An Introduction to Game Theory*,
section 9.2 (a variant of BoS with imperfect information: player 2 wishes to meet or to avoid
player 1).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from bayesian_strategies import bayesian_games
from hypothesis import given, settings

from gametheory import GameValueError, solve
from gametheory.algorithms.pure import pure_equilibria
from gametheory.bayesian import (
    BayesianGame,
    certify_bayesian,
    ex_ante_form,
    exact_bayesian,
    harsanyi_transform,
    pure_bayesian,
    type_agent_form,
)
from gametheory.extensive import reduced_plans, reduced_strategic_form

MEET = {"B": {"B": (2, 1), "S": (0, 0)}, "S": {"B": (0, 0), "S": (1, 2)}}
AVOID = {"B": {"B": (2, 0), "S": (0, 2)}, "S": {"B": (0, 1), "S": (1, 0)}}


def osborne_bos(meet: F) -> BayesianGame:
    """Osborne (2004), section 9.2: player 2 wishes to meet player 1 with probability ``meet``."""
    return BayesianGame.from_tables(
        ("1", "2"), (("B", "S"), ("B", "S")),
        {("-", "meet"): MEET, ("-", "avoid"): AVOID},
        types={"1": {"-": 1}, "2": {"meet": meet, "avoid": 1 - meet}},
        title="Bayesian BoS",
    )


def _key(eq):
    return eq.strategy


def _profile(p1B, meetB, avoidB):
    return ((( F(p1B), 1 - F(p1B)),), ((F(meetB), 1 - F(meetB)), (F(avoidB), 1 - F(avoidB))))


# ---------------------------------------------------------------- literature cases
def test_osborne_bos_half_pure():
    # Osborne (2004), section 9.2.1: with probability 1/2 each, (B, (B, S)) is the unique pure
    # Nash equilibrium; player 1 gets 1, the types of player 2 get 1 and 2.
    result = pure_bayesian(osborne_bos(F(1, 2)))
    assert [_key(e) for e in result.equilibria] == [_profile(1, 1, 0)]
    d = result.equilibria[0].to_dict()
    assert d["payoffs"] == {"1": {"-": "1"}, "2": {"meet": "1", "avoid": "2"}}
    assert d["ex_ante"] == {"1": "1", "2": "3/2"}


def test_osborne_bos_half_exact():
    # The mixed equilibria by hand. Player 1 plays B with x. The meet type is indifferent iff
    # x = 2(1 - x), x = 2/3; the avoid type (B pays 1 - x, S pays 2x) iff x = 1/3. Player 1 is
    # indifferent iff 2q = 1 - q for q the probability that player 2 plays B (averaged over
    # types), q = 1/3. x = 2/3: the avoid type plays S (4/3 > 1/3), so the meet type plays B
    # with 2/3. x = 1/3: the meet type plays S (4/3 > 1/3), the avoid type B with 2/3.
    result = exact_bayesian(osborne_bos(F(1, 2)))
    assert sorted(_key(e) for e in result.equilibria) == sorted([
        _profile(1, 1, 0), _profile(F(2, 3), F(2, 3), 0), _profile(F(1, 3), 0, F(2, 3)),
    ])
    assert result.complete and result.exact


def test_osborne_bos_two_thirds_pure():
    # Osborne (2004), section 9.2.1 (probability 2/3 on meet): two pure equilibria,
    # (B, (B, S)) and (S, (S, B)).
    result = solve(osborne_bos(F(2, 3)), method="pure")
    assert sorted(_key(e) for e in result.equilibria) == sorted(
        [_profile(1, 1, 0), _profile(0, 0, 1)])
    assert [e.to_dict()["ex_ante"]["1"] for e in result.equilibria] == ["4/3", "2/3"]


def test_json_contract():
    d = solve(osborne_bos(F(1, 2))).to_dict()
    assert set(d) >= {"game", "players", "method", "exact", "complete", "status", "message",
                      "equilibria", "components", "rejected"}
    eq = d["equilibria"][0]
    assert set(eq) == {"strategies", "payoffs", "ex_ante"}
    assert eq["strategies"]["2"]["avoid"] == {"B": "0", "S": "1"}


# ---------------------------------------------------------------- properties
def _tree_mixed(tree, game, eq):
    """The equilibrium as independent mixtures over the Harsanyi tree's plans."""
    mixed = []
    for i, player in enumerate(game.players):
        row = []
        for plan in reduced_plans(tree, player):
            q = F(1)
            for sid, a in plan.items():
                t = sid.split(":", 1)[1]
                k = game.types[i].index(t)
                q *= eq.strategy[i][k][game.actions[i].index(a)]
            row.append(q)
        mixed.append(tuple(row))
    return tuple(mixed)


@settings(max_examples=25, deadline=None)
@given(bayesian_games())
def test_every_bne_is_nash_of_the_harsanyi_tree(game):
    tree = harsanyi_transform(game)
    form = reduced_strategic_form(tree)
    result = exact_bayesian(game)
    assert result.equilibria  # every finite game has one
    for eq in result.equilibria:
        profile = _tree_mixed(tree, game, eq)
        assert form.is_nash(profile)
        assert form.expected_payoffs(profile) == eq.ex_ante


@settings(max_examples=25, deadline=None)
@given(bayesian_games(players=2, max_types=2, max_actions=3))
def test_pure_bne_among_exact_and_equal_to_ex_ante_pure(game):
    pure = {_key(e) for e in pure_bayesian(game).equilibria}
    exact = {_key(e) for e in exact_bayesian(game).equilibria}
    assert pure <= exact
    assert {k for k in exact if all(max(r) == 1 for rows in k for r in rows)} == pure
    # the same count from the ex-ante form's own pure equilibria (a different game)
    assert len(pure_equilibria(ex_ante_form(game)).equilibria) == len(pure)


@settings(max_examples=15, deadline=None)
@given(bayesian_games(players=3, max_types=2, max_actions=2))
def test_pure_n_players_by_brute_force(game):
    # every pure profile checked type by type on the Bayesian game itself
    agents = [(i, t) for i in range(3) for t in game.types[i]]
    expected = set()
    for acts in itertools.product(*(game.actions[i] for i, _ in agents)):
        prof: dict = {p: {} for p in game.players}
        for (i, t), a in zip(agents, acts, strict=True):
            prof[game.players[i]][t] = {a: 1}
        eq = certify_bayesian(game, prof)
        if eq is not None:
            expected.add(_key(eq))
    assert {_key(e) for e in pure_bayesian(game).equilibria} == expected


@settings(max_examples=20, deadline=None)
@given(bayesian_games())
def test_interim_payoffs_average_to_ex_ante(game):
    for eq in exact_bayesian(game).equilibria:
        for i, p in enumerate(game.players):
            assert sum(game.marginal(p, t) * u
                       for t, u in zip(game.types[i], eq.interim[i], strict=True)) == eq.ex_ante[i]
        agents = type_agent_form(game)
        flat = tuple(row for rows in eq.strategy for row in rows)
        assert agents.is_nash(flat)


def test_harsanyi_tree_shape():
    tree = harsanyi_transform(osborne_bos(F(1, 2)))
    assert tree.root.kind == "chance"
    assert tree.root.probabilities == (F(1, 2), F(1, 2))
    assert [s.id for s in tree.infosets] == ["1:-", "2:meet", "2:avoid"]
    assert tree.has_perfect_recall


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("kwargs, message", [
    pytest.param({"types": {"1": {"-": 1}, "2": {"meet": "1/2", "avoid": "1/3"}}},
                 "types.2: the type probabilities sum to 5/6, not 1", id="sum"),
    pytest.param({"types": {"1": {"-": 1}, "2": {"meet": "3/2", "avoid": "-1/2"}}},
                 "types.2.avoid: negative probability -1/2", id="negative"),
    pytest.param({"types": {"1": {"-": 1}, "2": {"meet": 1, "avoid": 0}}},
                 "types.2.avoid: type has probability 0", id="zero-type"),
    pytest.param({"prior": {("-", "meet"): "1/2", ("-", "avoid"): "1/4"}},
                 "prior: the prior sums to 3/4, not 1", id="joint-sum"),
    pytest.param({"types": {"1": {"-": 1}, "2": {"meet": 1}}},
                 "payoffs.-,avoid: payoffs for unknown type 'avoid' of 2", id="unknown-type"),
    pytest.param({"types": {"1": {"-": 1}, "2": {"meet": "1/2", "avoid": "1/2", "x": 0}}},
                 "types.2.x: type has probability 0", id="zero-extra"),
])
def test_bad_input(kwargs, message):
    with pytest.raises(GameValueError) as err:
        BayesianGame.from_tables(("1", "2"), (("B", "S"), ("B", "S")),
                                 {("-", "meet"): MEET, ("-", "avoid"): AVOID}, **kwargs)
    assert str(err.value).startswith(message)


def test_missing_payoffs_and_cells():
    with pytest.raises(GameValueError, match=r"payoffs.-,avoid: no payoffs for this type"):
        BayesianGame.from_tables(("1", "2"), (("B", "S"), ("B", "S")), {("-", "meet"): MEET},
                                 types={"1": {"-": 1}, "2": {"meet": "1/2", "avoid": "1/2"}})
    with pytest.raises(GameValueError, match=r"payoffs.-,meet.S: no payoffs for action 'S'"):
        BayesianGame.from_tables(("1", "2"), (("B", "S"), ("B", "S")),
                                 {("-", "meet"): {"B": MEET["B"]}}, types={"1": {"-": 1},
                                                                          "2": {"meet": 1}})


def test_wrong_method():
    with pytest.raises(GameValueError, match="does not apply to a Bayesian game"):
        solve(osborne_bos(F(1, 2)), method="spe")
    with pytest.raises(GameValueError, match="needs two players"):
        exact_bayesian(BayesianGame.from_tables(
            ("a", "b", "c"), (("x", "y"),) * 3,
            {("-", "-", "-"): {x: {y: {z: (0, 0, 0) for z in "xy"} for y in "xy"} for x in "xy"}},
            types={"a": {"-": 1}, "b": {"-": 1}, "c": {"-": 1}}))
