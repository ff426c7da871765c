"""Tree solvers: textbook trees with known equilibria, and properties on random trees."""

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tree_strategies import random_tree, trees

from gametheory import GameValueError, solve
from gametheory.extensive import Tree, reduced_plans, reduced_strategic_form
from gametheory.extensive.backward_induction import backward_induction
from gametheory.extensive.certify import is_nash, is_subgame_perfect
from gametheory.extensive.spe import spe


def _entry() -> Tree:
    # Selten (1978), section 2: OUT (1, 5); IN then COOPERATIVE (2, 2), AGGRESSIVE (0, 0).
    return Tree.from_nested({"player": "E", "id": "e", "moves": {
        "out": [1, 5],
        "in": {"player": "C", "id": "c", "moves": {"fight": [0, 0], "accommodate": [2, 2]}},
    }}, players=("E", "C"))


def _centipede(stages: int) -> Tree:
    """The centipede of McKelvey and Palfrey (1992), payoffs x10: at stage k the mover may
    take 4 * 2**k (the other gets 2**k); after the last stage the next mover in turn would."""
    def split(k: int) -> list[int]:
        out = [2**k, 2**k]
        out[k % 2] = 4 * 2**k
        return out

    def node(k: int):
        if k == stages:
            return split(k)
        return {"player": "AB"[k % 2], "id": f"s{k}", "moves": {"take": split(k),
                                                                 "pass": node(k + 1)}}
    return Tree.from_nested(node(0), players=("A", "B"))


def _ultimatum(total: int) -> Tree:
    """Proposer offers x in {0..total}; the responder accepts (total - x, x) or rejects (0, 0)."""
    return Tree.from_nested({"player": "P", "id": "p", "moves": {
        str(x): {"player": "R", "id": f"r{x}", "moves": {"accept": [total - x, x],
                                                        "reject": [0, 0]}}
        for x in range(total + 1)}}, players=("P", "R"))


def _choices(result):
    return sorted(tuple(sorted((s, eq.choice(s)) for s in eq.behavior)) for eq in
                  result.equilibria)


LITERATURE = [
    # Selten (1978): the unique SPE is entry and accommodation.
    pytest.param(_entry(), [(("c", "accommodate"), ("e", "in"))], (2, 2), id="selten-entry"),
    # McKelvey and Palfrey (1992), four-move centipede (0.40, 0.10) ... (6.40, 1.60), x10:
    # the first mover takes at once (Rosenthal, 1981).
    pytest.param(_centipede(4), [tuple(sorted((f"s{k}", "take") for k in range(4)))], (4, 1),
                 id="centipede-4"),
    # Osborne (2004), section 6.1.1 (ultimatum game with discrete offers): two SPE, offer 0
    # (accepted) or the smallest positive offer (0 rejected).
    pytest.param(_ultimatum(2), [
        (("p", "0"), ("r0", "accept"), ("r1", "accept"), ("r2", "accept")),
        (("p", "1"), ("r0", "reject"), ("r1", "accept"), ("r2", "accept")),
    ], None, id="ultimatum-2"),
]


@pytest.mark.parametrize("tree, expected, payoffs", LITERATURE)
@pytest.mark.parametrize("method", ["backward-induction", "spe"])
def test_literature_spe(tree, expected, payoffs, method):
    result = solve(tree, method=method)
    assert result.subgame_perfect and result.complete
    assert _choices(result) == sorted(expected)
    if payoffs is not None:
        assert [eq.payoffs for eq in result.equilibria] == [tuple(map(F, payoffs))]


def test_exact_marks_the_non_credible_threat():
    result = solve(_entry(), method="exact")
    assert not result.subgame_perfect
    marks = [(eq.choice("e"), eq.behavior["c"]["fight"], eq.subgame_perfect)
             for eq in result.equilibria]
    assert marks == [("out", 1, False), ("out", F(1, 2), False), ("in", 0, True)]


def test_myerson_poker_equilibrium():
    # Myerson (1991), section 2.? (one-card poker): raise with red, raise with black w.p. 1/3;
    # meet w.p. 2/3; value 1/3 to player 1.
    from gametheory.io.efg import read_efg

    tree = read_efg("tests/data/efg/myerson1991_fig2_1.efg")
    (eq,) = solve(tree).equilibria
    assert eq.payoffs == (F(1, 3), F(-1, 3))
    assert eq.behavior["n7"] == {"Raise": F(1, 3), "Fold": F(2, 3)}
    assert eq.behavior["Alice:1"] == {"Meet": F(2, 3), "Pass": F(1, 3)}


def test_backward_induction_refuses_information_sets_and_counts_past_the_cap():
    tree = Tree.from_nested({"player": "A", "moves": {
        "l": {"player": "B", "infoset": "I", "moves": {"x": [0, 0], "y": [0, 0]}},
        "r": {"player": "B", "infoset": "I", "moves": {"x": [0, 0], "y": [0, 0]}}}}, ["A", "B"])
    with pytest.raises(GameValueError, match="needs perfect information"):
        backward_induction(tree)
    flat = Tree.from_nested({"player": "A", "moves": {
        a: {"player": "B", "moves": {"x": [0, 0], "y": [0, 0]}} for a in "lmr"}}, ["A", "B"])
    result = backward_induction(flat, cap=5)
    assert (result.status, len(result.equilibria)) == ("incomplete", 5)
    assert "there are 24 pure subgame-perfect" in result.message  # 3 * 2**3


def test_wrong_method_for_the_form_names_the_right_ones():
    with pytest.raises(GameValueError, match="'zero-sum' applies to games in strategic form"):
        solve(_entry(), method="zero-sum")
    with pytest.raises(GameValueError, match="'spe' applies to game trees"):
        solve(reduced_strategic_form(_entry()), method="spe")


def _brute_pure_spe(tree: Tree) -> set:
    sets = tree.infosets
    out = set()
    for combo in itertools.product(*(s.actions for s in sets)):
        b = {s.id: {a: F(int(a == c)) for a in s.actions} for s, c in zip(sets, combo,
                                                                          strict=True)}
        if is_subgame_perfect(tree, b):
            out.add(tuple(zip((s.id for s in sets), combo, strict=True)))
    return out


@settings(max_examples=25, deadline=None)
@given(trees(info_sets=False, max_depth=3))
def test_backward_induction_lists_every_pure_spe(tree):
    """Against brute force over every pure profile, checked with the exact certificate."""
    size = 1
    for s in tree.infosets:
        size *= len(s.actions)
    if size > 300:
        return
    result = backward_induction(tree, cap=10**6)
    found = {tuple((s.id, eq.choice(s.id)) for s in tree.infosets) for eq in result.equilibria}
    assert found == _brute_pure_spe(tree)
    assert len(found) == len(result.equilibria)


def _mixed_plans(tree: Tree, behavior):
    """The realization-equivalent mixed strategy of each player (product over its choices)."""
    out = []
    for player in tree.players:
        row = []
        for plan in reduced_plans(tree, player):
            p = F(1)
            for s, a in plan.items():
                p *= behavior[s][a]
            row.append(p)
        out.append(tuple(row))
    return tuple(out)


@settings(max_examples=25, deadline=None)
@given(trees(n_players=st.integers(1, 3)))
def test_every_spe_is_a_nash_equilibrium_of_the_reduced_form(tree):
    result = spe(tree)
    game = reduced_strategic_form(tree)
    assert result.equilibria or tree.n_players != 2  # pure SPE need not exist
    for eq in result.equilibria:
        assert is_subgame_perfect(tree, eq.behavior)
        assert game.is_nash(_mixed_plans(tree, eq.behavior))
        assert game.expected_payoffs(_mixed_plans(tree, eq.behavior)) == eq.payoffs


@settings(max_examples=40, deadline=None)
@given(trees(info_sets=False, n_players=st.integers(1, 3)))
def test_backward_induction_and_spe_agree_on_perfect_information(tree):
    assert _choices(backward_induction(tree, cap=10**6)) == _choices(spe(tree, cap=10**6))


def _check_exact_marks(tree):
    # A subgame-perfect equilibrium need not be an extreme equilibrium of the reduced form (in
    # a degenerate tree it can lie inside a continuum whose corners are not perfect), so only
    # the marks are checked here, not that some listed equilibrium is perfect.
    result = solve(tree, method="exact")
    assert result.equilibria
    for eq in result.equilibria:
        assert is_nash(tree, eq.behavior)
        assert eq.subgame_perfect == is_subgame_perfect(tree, eq.behavior)


@settings(max_examples=15, deadline=None)
@given(trees(n_players=st.just(2), max_depth=2))
def test_exact_lists_nash_equilibria_and_marks_the_perfect_ones(tree):
    _check_exact_marks(tree)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(trees(n_players=st.just(2)))
def test_exact_lists_nash_equilibria_and_marks_the_perfect_ones_deeper(tree):
    # Depth 3: a tree with many equilibria takes minutes (the sequence form's filter).
    _check_exact_marks(tree)


def test_large_centipede_is_linear():
    result = backward_induction(_centipede(400))
    assert len(result.equilibria) == 1 and result.equilibria[0].path[0].action == "take"


def test_random_tree_helper_is_deterministic():
    assert random_tree(7) == random_tree(7)
