"""Graph-model stability: textbook and published cases, and the implications between concepts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import n_player_games

from gametheory import Game
from gametheory.ordinal import (
    CONCEPTS,
    GraphModel,
    graph_model,
    inverse_preferences,
    is_stable,
    stability,
)

PD = Game.from_arrays(
    [[3, 1], [4, 2]], [[3, 4], [1, 2]], strategies=(("C", "D"), ("C", "D"))
)


def _labels(result, concept):
    return [result.model.labels[s] for s in result.equilibria[concept]]


def test_prisoners_dilemma():
    # Fang, Hipel and Kilgour (1993), section 3.4: mutual defection is Nash stable; mutual
    # cooperation is stable under GMR, SMR and SEQ (each defection is sanctioned by the
    # other's defection), not Nash stable.
    result = stability(graph_model(PD))
    assert _labels(result, "nash") == ["D, D"]
    for concept in ("gmr", "smr", "seq"):
        assert _labels(result, concept) == ["C, C", "D, D"]


def test_chicken():
    # Chicken (T > R > S > P): the two Nash equilibria; mutual swerving is sanctioned (a
    # player going straight alone is met by the other going straight) under GMR and SMR,
    # but not under SEQ: going straight from (straight, swerve) is not an improvement.
    chicken = Game.from_arrays(
        [[3, 2], [4, 1]], [[3, 4], [2, 1]], strategies=(("S", "T"), ("S", "T"))
    )
    result = stability(graph_model(chicken))
    assert _labels(result, "nash") == ["S, T", "T, S"]
    assert _labels(result, "seq") == ["S, T", "T, S"]
    assert _labels(result, "gmr") == ["S, S", "S, T", "T, S"]
    assert _labels(result, "smr") == ["S, S", "S, T", "T, S"]


# The Garrison Diversion Unit conflict (Fang, Hipel and Kilgour 1993, the book's running
# example), as encoded in the GMCR+ example file Examples/Garrison.gmcr of onp/gmcr-py (the
# graph model program of Hipel's group): nine options, four decision makers, infeasible
# combinations; states are the feasible option sets in increasing binary value.
_GARRISON_OPTIONS = (("US Support", (0, 1, 2)), ("US Opposition", (3,)),
                     ("Canadian Opposition", (4,)), ("IJC", (5, 6, 7, 8)))
_GARRISON_INFEASIBLE = (
    {0: 1, 1: 1}, {0: 1, 2: 1}, {1: 1, 2: 1}, {5: 1, 6: 1}, {5: 1, 7: 1}, {5: 1, 8: 1},
    {6: 1, 7: 1}, {6: 1, 8: 1}, {7: 1, 8: 1}, {0: 0, 1: 0, 2: 0}, {5: 0, 6: 0, 7: 0, 8: 0},
    {0: 1, 3: 0}, {2: 1, 3: 1}, {0: 1, 4: 0, 5: 0}, {1: 1, 4: 0, 7: 1}, {1: 1, 4: 0, 8: 1},
    {2: 1, 4: 0, 7: 1}, {2: 1, 4: 0, 8: 1},
)
# Most preferred first; a list is a tie. State numbers count from 1.
_GARRISON_PREFERENCES = (
    [3, 7, [1, 2], 4, [5, 6], 8, 9, 12, 11, 15, 10, 13, 14, 17, 16, 18, 19, 21, 20, 22, 23],
    [[21, 17, 13, 10, 6, 2], [23, 19], 15, 11, 8, 4, 22, 18, 14, 7, 3, 20, 16, 12, 9, 5, 1],
    [23, [20, 21], 19, [16, 17], 11, [9, 10], 15, [12, 13], 2, 4, 1, 8, [5, 6], 22, 18, 14, 3,
     7],
    [list(range(1, 24))],
)


def _garrison() -> GraphModel:
    states = [
        bits for bits in itertools.product((0, 1), repeat=9)
        if not any(all(bits[k] == v for k, v in rule.items()) for rule in _GARRISON_INFEASIBLE)
    ]
    states.sort(key=lambda bits: sum(b << k for k, b in enumerate(bits)))
    assert len(states) == 23
    moves = []
    for _, options in _GARRISON_OPTIONS:
        moves.append(tuple(
            frozenset(
                t for t, other in enumerate(states)
                if other != s and all(other[k] == s[k] for k in range(9) if k not in options)
            )
            for s in states
        ))
    ranks = []
    for vector in _GARRISON_PREFERENCES:
        rank = [0] * 23
        for level, entry in enumerate(vector):
            for state in entry if isinstance(entry, list) else [entry]:
                rank[state - 1] = len(vector) - level
        ranks.append(tuple(rank))
    labels = tuple(str(k + 1) for k in range(23))
    return GraphModel(tuple(p for p, _ in _GARRISON_OPTIONS), labels, tuple(moves), tuple(ranks))


def test_garrison_conflict_as_gmcr_plus_finds_it():
    # Equilibria computed by GMCR+ for this model (onp/gmcr-py, test_data/Garrison_logSol.txt,
    # rows Nash, GMR, SEQ, SIM, SEQ-SIM, SMR), state numbers from 1. Those results count
    # single moves by one other decision maker as sanctions: single=True.
    result = stability(_garrison(), single=True)
    equilibria = {c: [int(result.model.labels[s]) for s in result.equilibria[c]]
                  for c in CONCEPTS}
    assert equilibria["nash"] == [2, 3, 11, 17, 18, 21, 22]
    assert equilibria["seq"] == [2, 3, 11, 17, 18, 21, 22]
    assert equilibria["gmr"] == [2, 3, 8, 11, 13, 14, 15, 17, 18, 19, 21, 22]
    assert equilibria["smr"] == [2, 3, 8, 11, 13, 14, 15, 17, 18, 19, 21, 22]


def _option_form(n_options, controls, infeasible, statements):
    """A graph model from GMCR's option form with option prioritisation (Fang, Hipel, Kilgour
    and Peng 2003, "A decision support system for interactive decision making", IEEE SMC C 33):
    statement k of n adds 2**(n - 1 - k) to a state's score when it holds; a statement is a
    list of alternatives (it holds if one does), each a {option: 0 or 1} condition."""
    states = [
        bits for bits in itertools.product((0, 1), repeat=n_options)
        if not any(all(bits[k] == v for k, v in rule.items()) for rule in infeasible)
    ]
    states.sort(key=lambda bits: sum(b << k for k, b in enumerate(bits)))
    moves = tuple(
        tuple(
            frozenset(
                t for t, other in enumerate(states)
                if other != s and all(other[k] == s[k] for k in range(n_options)
                                      if k not in options)
            )
            for s in states
        )
        for _, options in controls
    )
    ranks = []
    for player_statements in statements:
        n = len(player_statements)
        ranks.append(tuple(
            sum(2 ** (n - 1 - k)
                for k, alternatives in enumerate(player_statements)
                if any(all(bits[o] == v for o, v in cond.items()) for cond in alternatives))
            for bits in states
        ))
    labels = tuple(str(k + 1) for k in range(len(states)))
    return GraphModel(tuple(p for p, _ in controls), labels, moves, tuple(ranks))


def test_syria_iraq_conflict_as_gmcr_plus_finds_it():
    # The Euphrates dispute between Syria and Iraq (1975), GMCR+ example
    # Examples/SyriaIraq.gmcr of onp/gmcr-py (options: Syria releases water, escalates; Iraq
    # attacks), preferences by option prioritisation; the equilibria GMCR+ stores in
    # test_data/SyriaIraq_logSol.txt. Two players: sanctions by sequences or single moves agree.
    model = _option_form(
        3,
        (("Syria", (0, 1)), ("Iraq", (2,))),
        ({0: 1, 1: 1},),
        (
            [[{0: 0, 1: 0, 2: 0}], [{1: 1}], [{2: 0}], [{0: 0}]],
            [[{0: 1, 1: 0, 2: 0}], [{0: 0, 1: 0, 2: 1}], [{0: 0, 1: 1, 2: 1}],
             [{0: 0, 1: 0, 2: 0}], [{0: 1, 1: 0, 2: 1}]],
        ),
    )
    for single in (False, True):
        result = stability(model, single=single)
        equilibria = {c: [int(model.labels[s]) for s in result.equilibria[c]] for c in CONCEPTS}
        assert equilibria == {"nash": [6], "gmr": [1, 6], "smr": [6], "seq": [6]}


def test_milk_river_conflict_as_gmcr_plus_finds_it():
    # The Milk River water dispute (US, Canada, the IJC and a task force), GMCR+ example
    # Examples/MilkRiver.gmcr of onp/gmcr-py; stored equilibria test_data/MilkRiver_logSol.txt:
    # every one of the 36 states but state 3 is Nash and SEQ stable, all are GMR and SMR.
    model = _option_form(
        7,
        (("US", (0,)), ("CA", (1,)), ("IJC", (2, 3)), ("TF", (4, 5, 6))),
        ({4: 1, 5: 1}, {4: 1, 6: 1}, {5: 1, 6: 1}, {2: 1, 3: 1}, {1: 1, 5: 1}, {1: 1, 6: 1}),
        (
            [[{4: 1}], [{3: 1, 4: 1}]],
            [[dict.fromkeys(range(7), 0)], [{0: 1, 5: 1}], [{6: 0}], [{2: 1}]],
            [[{0: 0, 1: 0}]],
            [[{0: 0, 1: 0}]],
        ),
    )
    assert model.n_states == 36
    everything = list(range(1, 37))
    expected = {"nash": [k for k in everything if k != 3], "gmr": everything,
                "smr": everything, "seq": [k for k in everything if k != 3]}
    for single in (True, False):
        result = stability(model, single=single)
        assert {c: [int(model.labels[s]) for s in result.equilibria[c]]
                for c in CONCEPTS} == expected


def test_garrison_conflict_by_the_definition():
    # Sanctions by any legal sequence of the others' moves include the single moves, and
    # more: here the Nash and SEQ equilibria are the same, the GMR and SMR equilibria grow.
    # (From state 4, US Support's improvement to state 3 is sanctioned by Canadian Opposition
    # moving to state 7 and then the IJC moving to state 14.)
    single = stability(_garrison(), single=True).equilibria
    full = stability(_garrison()).equilibria
    assert full["nash"] == single["nash"] and full["seq"] == single["seq"]
    for concept in ("gmr", "smr"):
        assert set(single[concept]) < set(full[concept])


def test_coalition_of_two_in_the_prisoners_dilemma():
    # Together the prisoners improve from mutual defection to mutual cooperation: (D, D) is
    # not coalitionally stable; (C, C) is (no joint move helps both).
    result = stability(graph_model(PD))
    by_label = {result.model.labels[s.state]: s.coalitions[(0, 1)] for s in result.states}
    assert by_label == {"C, C": True, "C, D": True, "D, C": True, "D, D": False}


def test_inverse_makes_the_target_stable_and_the_smallest_first():
    # Chicken: make mutual swerving Nash stable by changing the row driver's ranking only.
    # The column driver still prefers going straight alone, so Nash is impossible; under SEQ
    # the row driver must stop preferring (T, S) to (S, S).
    chicken = Game.from_arrays([[3, 2], [4, 1]], [[3, 4], [2, 1]])
    model = graph_model(chicken)
    assert inverse_preferences(model, 0, 0, "nash") == ()
    changes = inverse_preferences(model, 0, 1, "seq", limit=50)
    assert changes and changes[0].size == min(c.size for c in changes)
    assert [c.size for c in changes] == sorted(c.size for c in changes)
    for change in changes:
        trial = model.with_ranks(1, change.ranks)
        assert all(is_stable(trial, 0, i, "seq") for i in range(2))
    # Already stable: the ranking itself, size 0.
    assert inverse_preferences(model, 1, 0, "nash")[0].size == 0


def test_unknown_concept():
    with pytest.raises(ValueError, match="unknown stability concept"):
        is_stable(graph_model(PD), 0, 0, "nsah")


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


@settings(max_examples=60, deadline=None)
@given(st.one_of(_games(), n_player_games(max_size=2)))
def test_implications_between_concepts(game):
    # Fang, Hipel and Kilgour (1993), section 3.3: Nash => SMR, SEQ; SMR => GMR; SEQ => GMR.
    model = graph_model(game)
    for s in range(model.n_states):
        for i in range(len(model.players)):
            stable = {c: is_stable(model, s, i, c) for c in CONCEPTS}
            if stable["nash"]:
                assert stable["gmr"] and stable["smr"] and stable["seq"]
            if stable["smr"] or stable["seq"]:
                assert stable["gmr"]


@settings(max_examples=40, deadline=None)
@given(_games())
def test_nash_stability_is_pure_nash_equilibrium(game):
    result = stability(graph_model(game))
    pure = [p for p in game.pure_profiles()
            if game.is_nash({pl: {game.strategies[i][p[i]]: 1}
                             for i, pl in enumerate(game.players)})]
    assert [result.model.profiles[s] for s in result.equilibria["nash"]] == pure


@settings(max_examples=40, deadline=None)
@given(_games(), st.integers(1, 5), st.integers(-3, 3), st.integers(0, 1))
def test_invariant_under_increasing_transforms(game, scale, shift, player):
    # Only the order of each player's payoffs matters: u -> scale * u**3 + shift.
    arrays = [p.tolist() for p in game.payoffs]
    arrays[player] = [[scale * v ** 3 + shift for v in row] for row in arrays[player]]
    before = stability(graph_model(game)).equilibria
    after = stability(graph_model(Game.from_arrays(*arrays))).equilibria
    assert before == after


@settings(max_examples=40, deadline=None)
@given(_games(), st.data())
def test_invariant_under_relabelling(game, data):
    # Reordering a player's strategies permutes the states and nothing else.
    player = data.draw(st.integers(0, 1))
    order = data.draw(st.permutations(range(game.shape[player])))
    permuted = game.permuted(player, order)
    before = stability(graph_model(game))
    after = stability(graph_model(permuted))
    for concept in CONCEPTS:
        mapped = set()
        for s in before.equilibria[concept]:
            p = list(before.model.profiles[s])
            p[player] = list(order).index(p[player])
            mapped.add(tuple(p))
        assert mapped == {after.model.profiles[s] for s in after.equilibria[concept]}


@settings(max_examples=30, deadline=None)
@given(st.one_of(_games(), n_player_games(max_size=3)), st.booleans())
def test_closure_and_search_agree(game, improving):
    # The two ways of computing a coalition's reachable states: matrix closure and search.
    import gametheory.ordinal.graph as module

    fast = graph_model(game)
    slow = graph_model(game)
    coalition = (0, 1)
    saved = module._CLOSURE_NODES
    try:
        module._CLOSURE_NODES = 0
        searched = [slow.reachable(coalition, s, improving) for s in range(slow.n_states)]
    finally:
        module._CLOSURE_NODES = saved
    closed = [fast.reachable(coalition, s, improving) for s in range(fast.n_states)]
    assert closed == searched
