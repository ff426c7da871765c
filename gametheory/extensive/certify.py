"""Exact certificates for behaviour profiles of trees: Nash and subgame-perfect equilibrium.

A behaviour profile is a *Nash equilibrium of the subgame* at root :math:`r` when no player can
raise its expected payoff from :math:`r` by changing its behaviour at its information sets in the
subgame. Player :math:`i`'s best value is computed exactly with perfect recall by choosing, at
each of its sets :math:`I`, the action :math:`a` maximising
:math:`\\sum_{h \\in I} \\rho_{-i}(h)\\, w(h, a)`, where :math:`\\rho_{-i}(h)` is the probability
that chance and the other players lead from :math:`r` to :math:`h` and :math:`w(h, a)` the value
to :math:`i` after :math:`a` with :math:`i`'s later sets chosen the same way (a set's best
choice does not depend on earlier ones under perfect recall; von Stengel, 1996, section 4). The
*regret* at :math:`r` is the largest gain, over players, of this best value over the profile's
value. A profile is *subgame perfect* when its regret is 0 at every subgame root (Selten, 1965);
every check here is in rational arithmetic.

Examples
--------
>>> from gametheory.extensive.tree import Tree
>>> t = Tree.from_nested({"player": "E", "moves": {
...         "out": [0, 2],
...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
...     }}, players=("E", "I"))
>>> threat = {"root": {"out": 1}, "root.in": {"fight": 1}}
>>> is_nash(t, threat), is_subgame_perfect(t, threat)
(True, False)
>>> subgame_regrets(t, threat)
{'root': Fraction(0, 1), 'root.in': Fraction(2, 1)}
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .tree import Tree

__all__ = ["is_nash", "is_subgame_perfect", "regret", "subgame_regrets"]


def _best_value(tree: Tree, b: Mapping[str, Mapping[str, Fraction]], root: str, i: int) -> Fraction:
    player = tree.players[i]
    reach: dict[str, Fraction] = {root: Fraction(1)}
    members: dict[str, list[str]] = {}
    for node_id in tree.subtree(root):
        node = tree.node(node_id)
        r = reach[node_id]
        if node.kind == "decision" and node.player == player:
            members.setdefault(node.infoset, []).append(node_id)
        for a, c in zip(node.actions, node.children, strict=True):
            if node.kind == "chance":
                reach[c] = r * node.probabilities[node.actions.index(a)]
            elif node.player == player:
                reach[c] = r
            else:
                reach[c] = r * b[node.infoset][a]
    choice: dict[str, str] = {}
    values: dict[str, Fraction] = {}

    def value(node_id: str) -> Fraction:
        if node_id in values:
            return values[node_id]
        node = tree.node(node_id)
        if node.kind == "terminal":
            v = node.payoffs[i]
        elif node.kind == "decision" and node.player == player:
            v = value(node.children[node.actions.index(choose(node.infoset))])
        else:
            weights = node.probabilities if node.kind == "chance" else [
                b[node.infoset][a] for a in node.actions
            ]
            v = sum((w * value(c) for w, c in zip(weights, node.children, strict=True) if w),
                    Fraction(0))
        values[node_id] = v
        return v

    def choose(infoset: str) -> str:
        if infoset not in choice:
            nodes = [tree.node(h) for h in members[infoset]]
            totals = [
                sum((reach[h.id] * value(h.children[k]) for h in nodes), Fraction(0))
                for k in range(len(nodes[0].actions))
            ]
            choice[infoset] = nodes[0].actions[totals.index(max(totals))]
        return choice[infoset]

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 3 * len(tree.subtree(root)) + 1000))
    try:
        return value(root)
    finally:
        sys.setrecursionlimit(limit)


def regret(
    tree: Tree, behavior: Mapping[str, Mapping[str, Any]], at: str | None = None
) -> Fraction:
    """The largest gain any player gets by deviating in the subgame at ``at`` (the root).

    Raises
    ------
    GameValueError
        If the tree lacks perfect recall, ``at`` is not a subgame root, or the profile misses
        an information set of the subgame.
    """
    tree.require_perfect_recall("certifying an equilibrium")
    at = tree.root.id if at is None else at
    if at not in tree.subgame_roots():
        from ..errors import GameValueError

        raise GameValueError("not the root of a subgame", key=at)
    b = tree.behavior(behavior)
    current = tree.expected_payoffs(b, at=at)
    return max(_best_value(tree, b, at, i) - current[i] for i in range(tree.n_players))


def subgame_regrets(tree: Tree, behavior: Mapping[str, Mapping[str, Any]]) -> dict[str, Fraction]:
    """The regret (:func:`regret`) at every subgame root, in preorder."""
    return {r: regret(tree, behavior, at=r) for r in tree.subgame_roots()}


def is_nash(tree: Tree, behavior: Mapping[str, Mapping[str, Any]]) -> bool:
    """True if the behaviour profile is a Nash equilibrium of the tree (exact)."""
    return regret(tree, behavior) == 0


def is_subgame_perfect(tree: Tree, behavior: Mapping[str, Mapping[str, Any]]) -> bool:
    """True if the profile is a Nash equilibrium of every subgame (exact)."""
    return all(r == 0 for r in subgame_regrets(tree, behavior).values())
