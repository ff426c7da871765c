"""The sequence form and its exact equilibria, against the literature, the reduced strategic form
(our normal-form solver) and pygambit (lcp_solve on the tree, enummixed_solve on the reduced
form), on Gambit's example trees and on random trees.

Equilibria are compared as realization plans (Kuhn: realization-equivalent behaviour gives the
same plans). Neither side's list need equal the other's point for point in degenerate trees,
because a vertex of one representation can project to a non-extreme point of the other; so each
side's every equilibrium (x, y) must lie in the convex hull of the other side's plans x' with
(x', y) an equilibrium, and likewise for y. Both sides contain every extreme point of those
sets, so this holds exactly when the two sets of equilibria agree.
"""

from __future__ import annotations

import pathlib
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tree_strategies import random_tree

from gametheory import GameValueError, solve
from gametheory.extensive import Tree, reduced_strategic_form
from gametheory.extensive._sequence_extreme import best_response_value, in_convex_hull
from gametheory.extensive.nash import exact_tree
from gametheory.extensive.sequence_form import (
    realization_plan,
    sequence_form,
    sequence_form_equilibria,
)
from gametheory.io.efg import read_efg, write_efg

DATA = pathlib.Path(__file__).parent / "data" / "efg"
# Gambit's two-player example trees (selten1975_fig1 is Selten's three-player horse).
GAMBIT_TREES = ["selten1975_fig2", "myerson1991_fig2_1", "vonstengel2022_fig10_1"]

ENTRY = {"player": "E", "moves": {"out": [0, 2], "in": {"player": "I", "moves": {
    "fight": [-1, -1], "accommodate": [1, 1]}}}}


def _plans(tree, behaviors):
    return [tuple(realization_plan(tree, p, b) for p in tree.players) for b in behaviors]


def _is_equilibrium(tree):
    sf = sequence_form(tree)
    (e, f), (a, b) = sf.constraints, sf.payoffs

    def check(x, y):
        ay = [sum(v * w for v, w in zip(row, y, strict=True)) for row in a]
        bx = [sum(b[k][j] * x[k] for k in range(len(x))) for j in range(len(y))]
        return (sum(v * w for v, w in zip(x, ay, strict=True)) == best_response_value(e, ay)
                and sum(v * w for v, w in zip(y, bx, strict=True)) == best_response_value(f, bx))
    return check


def _covered(tree, pairs, by):
    """Every pair of ``pairs`` is an equilibrium inside the hulls spanned by ``by``."""
    check = _is_equilibrium(tree)
    for x, y in pairs:
        assert check(x, y)
        xs = list(dict.fromkeys(x2 for x2, _ in by if check(x2, y)))
        ys = list(dict.fromkeys(y2 for _, y2 in by if check(x, y2)))
        assert in_convex_hull(x, xs), (x, y)
        assert in_convex_hull(y, ys), (x, y)


def _ours(tree):
    return _plans(tree, [eq.behavior for eq in sequence_form_equilibria(tree).equilibria])


# --------------------------------------------------------------------------- literature
def test_entry_game_three_extreme_equilibria():
    """Selten (1975): entry is met by accommodation in the only SPE; staying out is a Nash
    equilibrium when the incumbent threatens to fight with probability at least 1/2."""
    result = sequence_form_equilibria(Tree.from_nested(ENTRY, ("E", "I")))
    got = [(eq.choice("root"), eq.behavior["root.in"]["fight"], eq.payoffs, eq.subgame_perfect)
           for eq in result.equilibria]
    assert got == [("out", 1, (0, 2), False), ("out", F(1, 2), (0, 2), False),
                   ("in", 0, (1, 1), True)]
    assert result.method == "exact" and not result.subgame_perfect
    assert "1 of them subgame perfect" in result.message


def test_myerson_poker():
    """Myerson (1991), section 2.7 (Figure 2.1): Fred always raises with red, raises with
    black with probability 1/3; Alice meets with probability 2/3; Fred's value is 1/3."""
    result = sequence_form_equilibria(read_efg(DATA / "myerson1991_fig2_1.efg"))
    (eq,) = result.equilibria
    assert eq.payoffs == (F(1, 3), F(-1, 3))
    probs = sorted(sorted(p.values()) for p in eq.behavior.values())
    assert probs == [[0, 1], [F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]]


def test_solve_dispatches_exact_to_the_sequence_form():
    result = solve(Tree.from_nested(ENTRY, ("E", "I")), method="exact")
    assert "sequence form" in result.message and len(result.equilibria) == 3


def test_sequence_form_matrices():
    """Koller, Megiddo and von Stengel (1996): E x = e with one row per information set, and
    x^T A y is the expected payoff (here at a behaviour profile with chance)."""
    tree = read_efg(DATA / "myerson1991_fig2_1.efg")
    sf = sequence_form(tree)
    (e, f), (a, _) = sf.constraints, sf.payoffs
    assert len(e) == 1 + len(tree.infosets_of(tree.players[0]))
    behavior = {s.id: {x: F(1, len(s.actions)) for x in s.actions} for s in tree.infosets}
    x, y = (realization_plan(tree, p, behavior) for p in tree.players)
    for matrix, plan in ((e, x), (f, y)):
        assert [sum(r * v for r, v in zip(row, plan, strict=True)) for row in matrix] == \
            [1] + [0] * (len(matrix) - 1)
    value = sum(x[i] * a[i][j] * y[j] for i in range(len(x)) for j in range(len(y)))
    assert value == tree.expected_payoffs(behavior)[0]


def test_bad_input():
    three = Tree.from_nested({"player": "A", "moves": {"x": [1, 2, 3], "y": [0, 0, 0]}},
                             ("A", "B", "C"))
    with pytest.raises(GameValueError, match="two players"):
        sequence_form_equilibria(three)
    forgetful = Tree.from_nested({"player": "P", "moves": {
        "a": {"player": "P", "infoset": "I", "moves": {"x": [1, 0], "y": [0, 1]}},
        "b": {"player": "P", "infoset": "I", "moves": {"x": [0, 1], "y": [1, 0]}}}}, ["P", "Q"])
    with pytest.raises(GameValueError, match="perfect recall"):
        sequence_form_equilibria(forgetful)


# --------------------------------------------------------------------------- reduced form
def _agree_with_reduced_form(tree):
    ours = _ours(tree)
    theirs = _plans(tree, [eq.behavior for eq in exact_tree(tree).equilibria])
    _covered(tree, ours, theirs)
    _covered(tree, theirs, ours)


@pytest.mark.parametrize("name", [*GAMBIT_TREES, "nim"])
def test_gambit_examples_agree_with_the_reduced_form(name):
    _agree_with_reduced_form(read_efg(DATA / f"{name}.efg"))


def _small(seed, cells=150, **kw):
    tree = random_tree(seed, n_players=2, **kw)
    g = reduced_strategic_form(tree)
    return tree if g.shape[0] * g.shape[1] <= cells else None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.integers(0, 2**32 - 1), st.sampled_from([3, 1000]))
def test_random_trees_agree_with_the_reduced_form(seed, payoff_range):
    tree = _small(seed, max_depth=3, payoff_range=payoff_range)
    if tree is None:
        return
    result = sequence_form_equilibria(tree)
    for eq in result.equilibria:  # certified: Nash, and plans satisfy E x = e, x >= 0
        assert eq.regret == 0
        for p in tree.players:
            assert min(realization_plan(tree, p, eq.behavior)) >= 0
    _agree_with_reduced_form(tree)


# --------------------------------------------------------------------------- pygambit
def _preorder(node):
    yield node
    for c in node.children:
        yield from _preorder(c)


def _gambit_plans(tree, game, profiles):
    out = []
    for profile in profiles:
        behavior = {}
        for ours, theirs in zip(tree.nodes, _preorder(game.root), strict=True):
            if ours.kind == "decision" and ours.infoset not in behavior:
                values = [profile[act] for act in theirs.infoset.actions]
                behavior[ours.infoset] = {
                    a: F(str(v)) if str(v) not in ("nan", "None") else F(0)
                    for a, v in zip(ours.actions, values, strict=True)}
        plans = []
        for player in tree.players:
            x = []
            for seq in tree.sequences(player):
                p = F(1)
                for sid, a in seq:
                    p = p * behavior[sid][a] if p else p
                x.append(p)
            plans.append(tuple(x))
        out.append(tuple(plans))
    return out


def _against_gambit(tree, tmp_path):
    gbt = pytest.importorskip("pygambit")
    path = tmp_path / "t.efg"
    path.write_text(write_efg(tree))
    game = gbt.read_efg(str(path))
    ours = _ours(tree)
    lcp = gbt.nash.lcp_solve(game, rational=True).equilibria
    _covered(tree, _gambit_plans(tree, game, lcp), ours)
    mixed = gbt.nash.enummixed_solve(game, rational=True).equilibria
    enum = _gambit_plans(tree, game, [eq.as_behavior() for eq in mixed])
    _covered(tree, enum, ours)
    _covered(tree, ours, enum)


@pytest.mark.parametrize("name", GAMBIT_TREES)
def test_gambit_examples_agree_with_pygambit(name, tmp_path):
    _against_gambit(read_efg(DATA / f"{name}.efg"), tmp_path)


@pytest.mark.parametrize("seed", range(8))
def test_random_trees_agree_with_pygambit(seed, tmp_path):
    # pygambit's rational enummixed takes seconds on reduced forms past about 50 cells.
    tree = _small(seed, cells=40, max_depth=3, payoff_range=1000)
    if tree is None:
        pytest.skip("reduced form too large for the reference")
    _against_gambit(tree, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8, 60))
def test_more_random_trees_agree_with_pygambit(seed, tmp_path):
    tree = _small(seed, max_depth=3, payoff_range=3)
    if tree is None:
        pytest.skip("reduced form too large for the reference")
    _against_gambit(tree, tmp_path)
