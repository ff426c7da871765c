"""Coalition stability in the graph model: definitions, implications and reductions."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import n_player_games

from gametheory import Game
from gametheory.ordinal import (
    COALITION_CONCEPTS,
    CONCEPTS,
    coalitional_improvements,
    graph_model,
    is_coalition_stable,
    is_stable,
    stability,
)

PD = Game.from_arrays(
    [[3, 1], [4, 2]], [[3, 4], [1, 2]], strategies=(("C", "D"), ("C", "D"))
)


def _by_label(model, coalition, concept):
    return {model.labels[s]: is_coalition_stable(model, s, coalition, concept)
            for s in range(model.n_states)}


def test_prisoners_dilemma_grand_coalition():
    # Kilgour, Hipel, Fang and Peng (2001): together the prisoners improve from mutual
    # defection to mutual cooperation, so (D, D), Nash stable for each prisoner alone, is not
    # coalition-Nash stable for the pair; the other three states are (none is improved on
    # for both). With nobody outside the coalition, no answer sanctions: all four concepts
    # agree.
    model = graph_model(PD)
    expected = {"C, C": True, "C, D": True, "D, C": True, "D, D": False}
    for concept in COALITION_CONCEPTS:
        assert _by_label(model, (0, 1), concept) == expected
    assert coalitional_improvements(model, (0, 1), 3) == [0]


def _three_player_dilemma():
    # A three-player prisoner's dilemma: each player gains 2 by defecting (D) and gives each
    # other player 3 by cooperating (C). Payoff of i: 2 [i defects] + 3 (cooperators but i).
    strategies = (("C", "D"),) * 3
    arrays = []
    for i in range(3):
        a = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
        for p in itertools.product((0, 1), repeat=3):
            a[p[0]][p[1]][p[2]] = 2 * p[i] + 3 * sum(1 for j in range(3) if j != i and p[j] == 0)
        arrays.append(a)
    return Game.from_arrays(*arrays, strategies=strategies)


def test_three_player_dilemma_pairs():
    # From all-defect, any two players gain by cooperating together (each +3 - 2), so no
    # pair is coalition-Nash stable there. The pair's joint cooperation from all-defect is
    # not sanctioned by the third player: it already defects and its only move (to C) only
    # helps the pair, so all-defect is not CGMR stable for any pair either.
    game = _three_player_dilemma()
    model = graph_model(game)
    ddd = model.labels.index("D, D, D")
    ccc = model.labels.index("C, C, C")
    for pair in itertools.combinations(range(3), 2):
        for concept in COALITION_CONCEPTS:
            assert not is_coalition_stable(model, ddd, pair, concept)
        # All-cooperate: a pair defecting together gains 2 and loses 3 each; one member
        # defecting alone leaves the other worse off.
        assert is_coalition_stable(model, ccc, pair, "nash")
    # Individually, all-defect is the only Nash equilibrium.
    result = stability(model)
    assert [model.labels[s] for s in result.equilibria["nash"]] == ["D, D, D"]


def test_sanction_by_the_outsider():
    # A three-player game in which the pair (0, 1) gains by a joint move that player 2 can
    # punish: CNash fails, CGMR and CSEQ hold when the punishment is also an improvement
    # for player 2, CGMR only when it is not.
    # States: players 0 and 1 choose a or b, player 2 chooses x or y.
    def game(punish_pays):
        u = {}
        for p in itertools.product((0, 1), repeat=3):
            joint = p[0] == 1 and p[1] == 1
            pair = (2 if joint else 1) if p[2] == 0 else 0
            third = (2 if punish_pays else 0) if p[2] == 1 and joint else (
                0 if p[2] == 1 else 1)
            u[p] = (pair, pair, third)
        arrays = [[[[u[(a, b, c)][i] for c in (0, 1)] for b in (0, 1)] for a in (0, 1)]
                  for i in range(3)]
        return Game.from_arrays(*arrays, strategies=(("a", "b"), ("a", "b"), ("x", "y")))

    for punish_pays, seq in ((True, True), (False, False)):
        model = graph_model(game(punish_pays))
        start = model.labels.index("a, a, x")
        assert coalitional_improvements(model, (0, 1), start) == [model.labels.index("b, b, x")]
        assert not is_coalition_stable(model, start, (0, 1), "nash")
        assert is_coalition_stable(model, start, (0, 1), "gmr")
        assert is_coalition_stable(model, start, (0, 1), "seq") is seq


def test_bad_input():
    model = graph_model(PD)
    with pytest.raises(ValueError, match="unknown stability concept"):
        is_coalition_stable(model, 0, (0, 1), "nsah")
    for coalition in ((), (0, 0), (0, 2)):
        with pytest.raises(ValueError, match="coalition"):
            is_coalition_stable(model, 0, coalition, "nash")


# --------------------------------------------------------------------------- properties
@st.composite
def _games(draw):
    rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    cell = st.integers(0, 3)
    a = draw(st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows,
                      max_size=rows))
    b = draw(st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows,
                      max_size=rows))
    return Game.from_arrays(a, b)


@settings(max_examples=40, deadline=None)
@given(st.one_of(_games(), n_player_games(max_size=2)))
def test_singleton_coalitions_are_the_individual_concepts(game):
    # With H = {i}: R_H^{++}(s) = R_i^+(s), N - H = N - i, and "some member no better off"
    # is "i no better off": each coalition concept is the individual one (Fang et al. 1993).
    model = graph_model(game)
    for s in range(model.n_states):
        for i in range(len(model.players)):
            for c in CONCEPTS:
                assert is_coalition_stable(model, s, (i,), c) == is_stable(model, s, i, c)


@settings(max_examples=40, deadline=None)
@given(st.one_of(_games(), n_player_games(max_size=2)))
def test_implications_between_coalition_concepts(game):
    # CNash => CGMR, CSMR, CSEQ; CSMR => CGMR; CSEQ => CGMR, for every pair.
    model = graph_model(game)
    for s in range(model.n_states):
        for pair in itertools.combinations(range(len(model.players)), 2):
            stable = {c: is_coalition_stable(model, s, pair, c) for c in COALITION_CONCEPTS}
            if stable["nash"]:
                assert stable["gmr"] and stable["smr"] and stable["seq"]
            if stable["smr"] or stable["seq"]:
                assert stable["gmr"]


@settings(max_examples=40, deadline=None)
@given(_games())
def test_grand_coalition_of_two_is_weak_pareto_optimality(game):
    # Two players moving alternately reach every other state, so coalition-Nash stability
    # of the pair is: no state strictly better for both (checked on the payoffs directly).
    model = graph_model(game)
    profiles = list(game.pure_profiles())
    for s, p in enumerate(profiles):
        dominated = any(
            all(game.payoffs[i][q] > game.payoffs[i][p] for i in range(2)) for q in profiles
        )
        for c in COALITION_CONCEPTS:
            assert is_coalition_stable(model, s, (0, 1), c) is not dominated


@settings(max_examples=30, deadline=None)
@given(st.one_of(_games(), n_player_games(max_size=2)))
def test_stability_result_carries_the_coalition_concepts(game):
    # The table's coalition-Nash column, the coalition concepts stability() reports (with
    # its shortcuts) and each concept checked alone agree.
    result = stability(graph_model(game))
    for st_ in result.states:
        for pair, stable in st_.coalitions.items():
            assert st_.coalition_concepts[pair]["nash"] is stable
            assert st_.coalition_concepts[pair] == {
                c: is_coalition_stable(result.model, st_.state, pair, c)
                for c in COALITION_CONCEPTS}


@settings(max_examples=25, deadline=None)
@given(n_player_games(max_size=2), st.integers(1, 4), st.integers(-3, 3), st.data())
def test_coalition_concepts_depend_on_ranks_only(game, scale, shift, data):
    # Only the order of each player's payoffs matters: u -> scale * u**3 + shift.
    player = data.draw(st.integers(0, len(game.players) - 1))
    arrays = [p.tolist() for p in game.payoffs]

    def transform(x):
        return [transform(v) for v in x] if isinstance(x, list) else scale * x ** 3 + shift

    arrays[player] = transform(arrays[player])
    before, after = graph_model(game), graph_model(Game.from_arrays(*arrays))
    for s in range(before.n_states):
        for pair in itertools.combinations(range(len(game.players)), 2):
            for c in COALITION_CONCEPTS:
                assert is_coalition_stable(before, s, pair, c) == is_coalition_stable(
                    after, s, pair, c)
