"""The tree value type: checks, information sets, recall, sequences, subgames, reduced form."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from tree_strategies import trees

from gametheory import GameValueError
from gametheory.extensive import Node, Tree, behavior_from_mixed, reduced_plans
from gametheory.extensive import reduced_strategic_form as rsf

ENTRY = {"player": "E", "moves": {
    "out": [1, 5],
    "in": {"player": "I", "moves": {"fight": [0, 0], "accommodate": [2, 2]}},
}}


def entry() -> Tree:
    return Tree.from_nested(ENTRY, players=("E", "I"))


@pytest.mark.parametrize(
    "nodes, message",
    [
        pytest.param([Node.decision("a", "P", {"x": "b"}), Node.decision("b", "P", {"y": "a"})],
                     "b: cycle: action 'y' leads back to 'a'", id="cycle"),
        pytest.param([Node.decision("a", "P", {"x": "t", "y": "t"}), Node.terminal("t", [0])],
                     "a.y: node 't' is reached twice", id="reached-twice"),
        pytest.param([Node.decision("a", "P", {"x": "t"}), Node.terminal("t", [0]),
                       Node.terminal("u", [0])], "u: node is not reached from the root",
                      id="unreached"),
        pytest.param([Node.decision("a", "P", {"x": "zz"}), Node.terminal("t", [0])],
                     "a: action 'x' leads to unknown node 'zz'", id="unknown-child"),
        pytest.param([Node.terminal("t", [0]), Node.terminal("t", [1])], "t: duplicate node id",
                     id="duplicate"),
        pytest.param([Node.terminal("t", [0, 1])], "t: expected 1 payoffs", id="payoffs"),
        pytest.param([Node.chance("c", {"h": ("1/2", "t"), "k": ("1/3", "u")}),
                      Node.terminal("t", [0]), Node.terminal("u", [0])],
                     "c: probabilities sum to 5/6, not 1", id="chance-sum"),
        pytest.param([Node.chance("c", {"h": ("3/2", "t"), "k": ("-1/2", "u")}),
                      Node.terminal("t", [0]), Node.terminal("u", [0])],
                     "c: negative probability -1/2 for 'k'", id="chance-negative"),
        pytest.param([Node.decision("a", "Q", {"x": "t"}), Node.terminal("t", [0])],
                     "a: unknown player 'Q'", id="player"),
    ],
)
def test_structural_errors_name_the_node(nodes, message):
    with pytest.raises(GameValueError) as info:
        Tree.from_nodes(nodes, players=("P",))
    assert str(info.value).startswith(message)


def test_information_set_with_different_actions_is_an_error():
    nested = {"player": "A", "moves": {
        "l": {"player": "B", "infoset": "I", "moves": {"x": [0, 0], "y": [0, 0]}},
        "r": {"player": "B", "infoset": "I", "moves": {"x": [0, 0], "z": [0, 0]}}}}
    with pytest.raises(GameValueError, match=r"information set 'I': actions \['x', 'z'\]"):
        Tree.from_nested(nested, players=("A", "B"))


def test_entry_game_structure_and_reduced_form():
    t = entry()
    assert t.is_perfect_information and t.has_perfect_recall
    assert t.subgame_roots() == ("root", "root.in")
    assert t.sequences("E") == ((), (("root", "out"),), (("root", "in"),))
    assert t.reach("root.in.fight") == (1, ((("root", "in"),), (("root.in", "fight"),)))
    g = rsf(t)
    assert g.strategies == (("out", "in"), ("fight", "accommodate"))
    assert g.payoffs[0].tolist() == [[1, 1], [0, 2]]
    assert g.payoffs[1].tolist() == [[5, 5], [0, 2]]


def test_centipede_plans_and_labels():
    # Rosenthal's centipede, two stages for each player: A has plans take, pass/take, pass/pass.
    t = Tree.from_nested({"player": "A", "id": "a1", "moves": {"take": [1, 0], "pass": {
        "player": "B", "id": "b1", "moves": {"take": [0, 2], "pass": {
            "player": "A", "id": "a2", "moves": {"take": [3, 1], "pass": [2, 4]}}}}}},
        players=("A", "B"))
    assert rsf(t).strategies == (("take", "pass/take", "pass/pass"), ("take", "pass"))


def test_plan_labels_are_qualified_when_they_collide():
    nested = {"player": "A", "id": "I1", "moves": {
        "x": {"player": "A", "id": "I2", "moves": {"y": [1], "z": [2]}},
        "w": {"player": "A", "id": "I3", "moves": {"y": [3], "z": [4]}}}}
    # Plain labels x/y, x/z, w/y, w/z do not collide; a repeated action name at one level does.
    assert rsf(Tree.from_nested(nested, ["A"])).strategies == (("x/y", "x/z", "w/y", "w/z"),)
    clash = {"player": "A", "id": "I1", "moves": {
        "x": {"player": "A", "id": "I2", "moves": {"y": [1], "x/y": [2]}},
        "x/y": [0]}}
    labels = rsf(Tree.from_nested(clash, ["A"])).strategies[0]
    assert labels == ("I1:x/I2:y", "I1:x/I2:x/y", "I1:x/y")


def test_imperfect_recall_is_reported_and_refused_where_needed():
    t = Tree.from_nested({"player": "P", "moves": {
        "a": {"player": "P", "infoset": "I", "moves": {"x": [1], "y": [0]}},
        "b": {"player": "P", "infoset": "I", "moves": {"x": [0], "y": [1]}}}}, ["P"])
    assert not t.has_perfect_recall
    with pytest.raises(GameValueError, match="needs perfect recall: information set 'I'"):
        rsf(t)


def _brute_subgame_roots(t: Tree) -> tuple[str, ...]:
    out = []
    for node in t.nodes:
        if node.kind == "terminal" and node != t.root:
            continue
        below = set(t.subtree(node.id))
        if all(set(s.nodes) <= below or not (set(s.nodes) & below) for s in t.infosets):
            out.append(node.id)
    return tuple(out)


@settings(max_examples=60, deadline=None)
@given(trees())
def test_subgame_roots_match_the_definition(t):
    assert t.subgame_roots() == _brute_subgame_roots(t)


@settings(max_examples=40, deadline=None)
@given(trees(n_players=__import__("hypothesis").strategies.integers(1, 2)))
def test_kuhn_map_preserves_payoffs(t):
    """A pure plan profile and its behaviour image give the same payoffs (Kuhn's theorem)."""
    g = rsf(t)
    for index in list(g.pure_profiles())[:20]:
        mixed = tuple(tuple(Fraction(int(k == j)) for k in range(n))
                      for j, n in zip(index, g.shape, strict=True))
        b = behavior_from_mixed(t, mixed)
        assert t.expected_payoffs(b) == g.payoff(index)


@settings(max_examples=40, deadline=None)
@given(trees())
def test_sequences_are_the_parent_sequences_extended(t):
    for player in t.players:
        seqs = t.sequences(player)
        assert len(seqs) == 1 + sum(len(s.actions) for s in t.infosets_of(player))
        assert len(reduced_plans(t, player)) >= 1
        for node in t.nodes:
            assert t.sequence(node.id, player) in seqs
