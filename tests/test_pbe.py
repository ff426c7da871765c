"""Perfect Bayesian equilibria, signalling games and the Intuitive Criterion.

Beer-Quiche: I.-K. Cho and D. M. Kreps (1987), Signaling games and stable equilibria, *QJE* 102,
section II: the sender is weak with probability 1/10; it gets 1 for its preferred breakfast
(beer if strong, quiche if weak) plus 2 if the receiver does not duel; the receiver gets 1 for
dueling a weak sender or not dueling a strong one. Its pure PBE are the two pooling equilibria;
pooling on quiche needs mu(weak | beer) >= 1/2 and fails the Intuitive Criterion, pooling on
beer needs mu(weak | quiche) >= 1/2 and survives (also Fudenberg and Tirole, 1991, section 11.2).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tree_strategies import random_tree

from gametheory import GameValueError, Tree, solve
from gametheory.extensive._beliefs import Inequality, describe, feasible, satisfies
from gametheory.extensive.backward_induction import backward_induction
from gametheory.extensive.certify import is_nash
from gametheory.extensive.pbe import pbe
from gametheory.extensive.signalling import classify, signalling_structure


def beer_quiche(weak: str = "1/10") -> Tree:
    def sender(t, m, duel):
        return (1 if (t == "strong") == (m == "beer") else 0) + (0 if duel else 2)

    def receiver(t, duel):
        return int(t == "weak") if duel else int(t == "strong")

    types = {"weak": weak, "strong": str(1 - F(weak))}
    return Tree.from_nested({"chance": {
        t: (p, {"player": "Sender", "id": t, "moves": {
            m: {"player": "Receiver", "id": f"{t}.{m}", "infoset": m, "moves": {
                r: [sender(t, m, r == "duel"), receiver(t, r == "duel")]
                for r in ("duel", "not")}}
            for m in ("beer", "quiche")}})
        for t, p in types.items()}}, ["Sender", "Receiver"], title="Beer-Quiche")


def test_beer_quiche():
    result = solve(beer_quiche(), method="pbe")
    eqs = result.equilibria
    assert len(eqs) == 2
    assert [eq.classification for eq in eqs] == ["pooling", "pooling"]
    beer, quiche = eqs
    assert beer.choice("weak") == beer.choice("strong") == "beer"
    assert (beer.choice("beer"), beer.choice("quiche")) == ("not", "duel")
    assert quiche.choice("weak") == quiche.choice("strong") == "quiche"
    assert (quiche.choice("quiche"), quiche.choice("beer")) == ("not", "duel")
    d_beer, d_quiche = beer.to_dict(), quiche.to_dict()
    assert d_beer["beliefs"]["quiche"] == {"inequalities": ["mu(weak | quiche) >= 1/2"]}
    assert d_beer["beliefs"]["beer"] == {"weak.beer": "1/10", "strong.beer": "9/10"}
    assert d_quiche["beliefs"]["beer"] == {"inequalities": ["mu(weak | beer) >= 1/2"]}
    assert (d_beer["intuitive_criterion"], d_quiche["intuitive_criterion"]) == (True, False)
    assert d_quiche["intuitive_criterion_reasons"][0].startswith(
        "fails at beer: weak cannot gain by beer")
    assert d_beer["payoffs"] == {"Sender": "29/10", "Receiver": "9/10"}
    assert d_quiche["payoffs"] == {"Sender": "21/10", "Receiver": "9/10"}


def test_beer_quiche_mostly_weak():
    # With the weak type likelier than 1/2, no pure PBE exists (pooling needs the receiver not
    # to duel on the path, which needs mu(weak) <= 1/2; separating fails as with 1/10).
    assert solve(beer_quiche("3/5"), method="pbe").equilibria == ()


def test_entry_threat_is_not_a_pbe():
    t = Tree.from_nested({"player": "E", "moves": {
        "out": [0, 2],
        "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}},
        players=("E", "I"))
    result = pbe(t)
    assert [eq.choice("root.in") for eq in result.equilibria] == ["accommodate"]
    assert result.equilibria[0].classification is None
    assert result.equilibria[0].to_dict()["intuitive_criterion"] is None


def test_off_path_three_nodes():
    # Selten's horse-like set: P2 moves at one of three nodes it cannot tell apart, all off the
    # path when P1 takes "out". P2's "l" beats "r" iff 2 mu(a) - mu(b) >= 0 (mu(c) is neutral).
    leaves = {"a": ([0, 2], [0, 0]), "b": ([0, 0], [0, 1]), "c": ([0, 5], [0, 5])}
    t = Tree.from_nested({"player": "P1", "moves": {
        "out": [1, 0],
        **{x: {"player": "P2", "infoset": "I", "id": x, "moves": {"l": left, "r": right}}
           for x, (left, right) in leaves.items()}}}, players=("P1", "P2"))
    result = pbe(t)
    outs = [eq for eq in result.equilibria if eq.choice("root") == "out"]
    assert {eq.choice("I") for eq in outs} == {"l", "r"}
    left = next(eq for eq in outs if eq.choice("I") == "l")
    assert left.to_dict()["beliefs"]["I"] == {"inequalities": ["2 mu(a | I) - mu(b | I) >= 0"]}


def test_classify():
    assert classify(("a", "a", "a")) == "pooling"
    assert classify(("a", "b", "c")) == "separating"
    assert classify(("a", "a", "b")) == "semi-separating"


def test_signalling_structure():
    st_ = signalling_structure(beer_quiche())
    assert (st_.sender, st_.receiver, st_.types, st_.messages, st_.receiver_sets) == (
        "Sender", "Receiver", ("weak", "strong"), ("beer", "quiche"), ("beer", "quiche"))
    assert st_.simple


def test_too_large_and_recall():
    t = Tree.from_nested({"player": "P", "moves": {
        "a": {"player": "P", "infoset": "I", "moves": {"x": [1], "y": [0]}},
        "b": {"player": "P", "infoset": "I", "moves": {"x": [0], "y": [1]}}}}, ["P"])
    with pytest.raises(GameValueError, match="needs perfect recall"):
        pbe(t)


# ---------------------------------------------------------------- properties
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6))
def test_pbe_equals_backward_induction_on_perfect_information(seed):
    tree = random_tree(seed, n_players=2, max_depth=3, info_sets=False, max_actions=2)
    mine = {tuple(sorted((s, eq.choice(s)) for s in eq.behavior)) for eq in pbe(tree).equilibria}
    theirs = {tuple(sorted((s, eq.choice(s)) for s in eq.behavior))
              for eq in backward_induction(tree).equilibria}
    assert mine == theirs


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6))
@example(295)  # a one-shot check at each set would accept a non-Nash profile here
def test_every_pbe_is_nash_with_consistent_beliefs(seed):
    tree = random_tree(seed, n_players=2, max_depth=3, max_actions=2)
    for eq in pbe(tree).equilibria:
        assert is_nash(tree, eq.behavior)
        for b in eq.beliefs:
            if b.on_path:
                assert sum(b.probabilities) == 1 and min(b.probabilities) >= 0
            else:
                assert feasible(len(b.nodes), b.inequalities)


_ineqs = st.lists(st.lists(st.integers(-3, 3), min_size=3, max_size=3), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(_ineqs, st.lists(st.integers(0, 6), min_size=3, max_size=3).filter(any))
def test_feasible_against_scipy_and_points(rows, weights):
    from scipy.optimize import linprog

    qs = [Inequality(tuple(F(c) for c in r)) for r in rows]
    mu = [F(w, sum(weights)) for w in weights]
    exact = feasible(3, qs)
    if satisfies(mu, qs):
        assert exact
    # peer (floating point, test only): HiGHS on the same system
    lp = linprog([0, 0, 0], A_ub=[[-c for c in r] for r in rows], b_ub=[0] * len(rows),
                 A_eq=[[1, 1, 1]], b_eq=[1], bounds=[(0, None)] * 3, method="highs")
    assert exact == (lp.status == 0)


def test_describe_two_nodes():
    # duel beats not at (weak, strong) gains (1, -1): mu(weak) >= 1/2
    assert describe(["weak", "strong"], "q", [Inequality((F(1), F(-1)))]) == [
        "mu(weak | q) >= 1/2"]
    assert describe(["weak", "strong"], "q", [Inequality((F(-1), F(3)))]) == [
        "mu(strong | q) >= 1/4"]
    assert describe(["x", "y"], "q", [Inequality((F(1), F(-1))), Inequality((F(-2), F(1)))]) == [
        "1/2 <= mu(x | q) <= 1/3"[:0] + "no belief (mu(x | q) >= 1/2 and <= 1/3)"]
    assert describe(["x", "y"], "q", [Inequality((F(1), F(0)))]) == []


# ---------------------------------------------------------------- built-in model and CLI
def test_builtin_beer_quiche_is_the_test_tree():
    from gametheory.models import load_model

    model_tree = load_model("beer-quiche").game()
    mine = solve(model_tree, method="pbe").to_dict()["equilibria"]
    assert [e["intuitive_criterion"] for e in mine] == [True, False]
    assert mine[0]["beliefs"]["quiche"] == {"inequalities": ["mu(weak | quiche) >= 1/2"]}
    assert mine[1]["beliefs"]["beer"] == {"inequalities": ["mu(weak | beer) >= 1/2"]}


def test_cli_pbe():
    import json

    from click.testing import CliRunner

    import cli

    runner = CliRunner()
    out = runner.invoke(cli.cli, ["solve", "beer-quiche", "--method", "pbe", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["method"] == "pbe"
    assert [e["classification"] for e in data["equilibria"]] == ["pooling", "pooling"]
    text = runner.invoke(cli.cli, ["solve", "beer-quiche", "--method", "pbe"])
    assert "off path: mu(weak | quiche) >= 1/2" in text.output
    assert "fails at beer: weak cannot gain by beer" in text.output
    assert "1 of them survives the Intuitive Criterion" in text.output.replace("\n", " ")
    bad = runner.invoke(cli.cli, ["solve", "beer-quiche", "--method", "pbe", "--param", "w=2"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ")
    assert len(bad.output.strip().splitlines()) == 1


@pytest.mark.parametrize("q, entries", [
    pytest.param("1/4", ["in"], id="below-cutoff"),
    pytest.param("1/2", ["out", "in"], id="at-cutoff"),
    pytest.param("3/4", ["out"], id="above-cutoff"),
])
def test_entry_with_uncertain_incumbent(q, entries):
    # By hand: the tough type fights and the normal one accommodates (sequential rationality
    # at their singleton sets, on the path or not); entry pays 1 - 2q, so the cutoff is 1/2.
    from gametheory.models import load_model

    tree = load_model("entry-uncertain").game({"q": q})
    eqs = pbe(tree).equilibria
    assert [eq.choice("entry") for eq in eqs] == entries
    for eq in eqs:
        assert (eq.choice("tough_in"), eq.choice("normal_in")) == ("fight", "accommodate")
        assert eq.to_dict()["beliefs"]["entry"] == {"tough": q, "normal": str(1 - F(q))}
