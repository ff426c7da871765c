"""Tree model files: loading, located errors, round trips through .efg, built-in tree models."""

from fractions import Fraction as F

import pytest

from gametheory import ModelError
from gametheory.io.efg import parse_efg, write_efg
from gametheory.models import load_model, validate_model_file
from gametheory.models.tree_model import TreeModel

HEAD = """[game]
title = "t"

[parameters.p]
value = "1/2"
range = [0, 2]

[[players]]
name = "A"

[[players]]
name = "B"
"""


def node(id_, body):
    return f'\n[[nodes]]\nid = "{id_}"\n{body}\n'


def dec(id_, player, *moves, infoset=None):
    acts = ", ".join(f'{{ label = "{a}", to = "{t}" }}' for a, t in moves)
    extra = f'\ninfoset = "{infoset}"' if infoset else ""
    return node(id_, f'player = "{player}"{extra}\nactions = [{acts}]')


def term(id_, a=0, b=0):
    return node(id_, f'payoffs = {{ A = "{a}", B = "{b}" }}')


def load_text(tmp_path, text):
    path = tmp_path / "tree.toml"
    path.write_text(text)
    return path


GOOD = HEAD + dec("r", "A", ("l", "x"), ("r", "y")) + term("x", 1, 2) + term("y", 0, 3)


def test_a_tree_file_loads_and_solves(tmp_path):
    model = load_model(load_text(tmp_path, GOOD))
    assert isinstance(model, TreeModel)
    tree = model.game()
    assert tree.root.id == "r" and [n.payoffs for n in tree.terminals] == [(1, 2), (0, 3)]


@pytest.mark.parametrize(
    "text, where, message",
    [
        pytest.param(HEAD + dec("r", "A", ("l", "x")) + dec("x", "B", ("m", "r")), 22,
                     "node 'x': cycle: action 'm' leads back to 'r'", id="cycle"),
        pytest.param(HEAD + dec("r", "A", ("l", "x"), ("m", "x")) + term("x"), 17,
                     "node 'r': node 'x' is reached twice", id="reached-twice"),
        pytest.param(HEAD + dec("r", "A", ("l", "zz")) + term("x"), 17,
                     "leads to unknown node 'zz'", id="unknown-target"),
        pytest.param(HEAD + dec("r", "A", ("l", "x"), ("m", "y"))
                     + dec("x", "B", ("u", "t1"), ("v", "t2"), infoset="I")
                     + dec("y", "B", ("u", "t3"), ("w", "t4"), infoset="I")
                     + term("t1") + term("t2") + term("t3") + term("t4"), 28,
                     "information set 'I': actions ['u', 'w'] differ", id="infoset-actions"),
        pytest.param(HEAD + dec("r", "A", ("l", "x"), ("m", "y"))
                     + dec("x", "A", ("u", "t1"), ("v", "t2"), infoset="I")
                     + dec("y", "A", ("u", "t3"), ("v", "t4"), infoset="I")
                     + term("t1") + term("t2") + term("t3") + term("t4"), 28,
                     "imperfect recall: information set 'I' of A", id="imperfect-recall"),
        pytest.param(HEAD + node("c", 'chance = true\nactions = [{ label = "h", to = "x", '
                                 'probability = "p" }, { label = "t", to = "y", probability '
                                 '= "1/2" }]') + term("x") + term("y"), 17,
                     "probabilities sum to p + 1/2, not 1 for every parameter value",
                     id="chance-sum"),
        pytest.param(HEAD + node("c", 'chance = true\nactions = [{ label = "h", to = "x", '
                                 'probability = "p" }, { label = "t", to = "y", probability '
                                 '= "1 - p" }]') + term("x") + term("y"), 17,
                     "probability of 't' is negative (-1/2) at p = 3/2, within range",
                     id="chance-negative-in-range"),
        pytest.param(HEAD + dec("r", "A", ("l", "x")) + node("x", 'payoffs = { A = 1 }'), 21,
                     "no payoff for B", id="missing-payoff"),
        pytest.param(HEAD + dec("r", "C", ("l", "x")) + term("x"), 16,
                     "unknown player 'C'", id="unknown-player"),
    ],
)
def test_bad_trees_name_file_line_and_key(tmp_path, text, where, message):
    path = load_text(tmp_path, text)
    with pytest.raises(ModelError) as info:
        load_model(path)
    text_ = str(info.value)
    assert text_.startswith(f"{path}:{where}: nodes"), text_
    assert message in text_
    assert validate_model_file(path)


def test_chance_probability_parameter_and_values(tmp_path):
    model = load_model("tests/data/trees/chance.toml")
    tree = model.game({"p": "1/4"})
    assert tree.root.probabilities == (F(1, 4), F(3, 4))
    with pytest.raises(ModelError, match="outside its range"):
        model.game({"p": "2"})


def _unlabelled(tree):
    """The tree without node labels (.efg has no place for the labels of inner nodes)."""
    import dataclasses

    from gametheory.extensive import Tree

    nodes = [dataclasses.replace(n, label="") for n in tree.nodes]
    return Tree.from_nodes(nodes, tree.players, title=tree.title)


def test_toml_efg_toml_round_trip():
    for name in ("entry-deterrence", "tests/data/trees/chance.toml"):
        model = load_model(name)
        tree = _unlabelled(model.game())
        back = TreeModel.from_tree(parse_efg(write_efg(tree)), name="x")
        assert _unlabelled(back.game()) == tree
        reread = load_model_text(back.to_toml())
        assert _unlabelled(reread.game()) == tree


def load_model_text(text):
    from gametheory.models import parse_model

    return parse_model(text, name="x")


def test_to_toml_keeps_expressions_and_provenance():
    model = load_model("entry-deterrence")
    again = load_model_text(model.to_toml())
    assert again == model


# ------------------------------------------------------------------------------ built-in trees
PINNED_TREES = [
    # (model, parameters, SPE paths as (node, action) lists, payoffs)
    ("entry-deterrence", {}, [[("start", "in"), ("entered", "accommodate")]], [(2, 2)]),
    ("entry-deterrence", {"a": 3}, [[("start", "out")]], [(1, 5)]),
    ("centipede", {}, [[("r1", "take")]], [(F(2, 5), F(1, 10))]),
    ("ultimatum", {}, [[("offer", "0"), ("r0", "accept")], [("offer", "1"), ("r1", "accept")]],
     [(4, 0), (3, 1)]),
    ("deterrence", {}, [[("challenge", "status_quo")]], [(3, 4)]),
    ("deterrence", {"cc": 4, "dc": 3},
     [[("challenge", "demand"), ("respond", "resist"), ("escalate", "fight")]], [(4, 3)]),
    ("us-russia-sequential", {}, [[("start", "concede"), ("after_concession", "accept")]],
     [(6, 8)]),
    ("us-russia-sequential", {"c": 4},
     [[("start", "terms"), ("after_terms", "accept")]], [(8, 4)]),
]


@pytest.mark.parametrize("name, values, paths, payoffs", PINNED_TREES)
def test_builtin_trees_pinned(name, values, paths, payoffs):
    from gametheory import solve

    model = load_model(name)
    assert validate_model_file(model.path) == []
    result = solve(model.game(values))
    assert result.subgame_perfect and result.complete
    assert [[(m.node, m.action) for m in eq.path] for eq in result.equilibria] == paths
    assert [eq.payoffs for eq in result.equilibria] == [tuple(map(F, p)) for p in payoffs]


@pytest.mark.parametrize("name, parameter, thresholds", [
    ("entry-deterrence", "a", ["2"]),
    ("us-russia-sequential", "c", ["5"]),
    ("us-russia-sequential", "s", ["1"]),  # off the path at c = 6: yield or hold out
    ("deterrence", "cc", ["2"]),
])
def test_tree_sensitivity_thresholds(name, parameter, thresholds):
    from gametheory.extensive.sensitivity import analyse_tree_parameter

    analysis = analyse_tree_parameter(load_model(name), parameter)
    assert analysis.to_dict()["thresholds"] == thresholds


def test_sensitivity_on_a_chance_probability():
    """The probability p of a good state: A's choice x (worth 2p) against y (worth 1) flips at
    p = 1/2, where A is indifferent."""
    from gametheory.extensive.sensitivity import analyse_tree_parameter

    analysis = analyse_tree_parameter(load_model("tests/data/trees/chance.toml"), "p")
    data = analysis.to_dict()
    assert data["thresholds"] == ["1/2"]
    choices = [[e["behavior"]["A"]["g"] for e in r["equilibria"]] for r in data["regimes"]]
    assert choices[0] == [{"x": "0", "y": "1"}] and choices[-1] == [{"x": "1", "y": "0"}]
    assert data["regimes"][0]["equilibria"][0]["payoffs"] == {"A": "p"}
