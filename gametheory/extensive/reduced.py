"""The reduced strategic form of a tree, and back from mixed plans to behaviour strategies.

A *plan* (reduced pure strategy) of a player chooses one action at every information set of the
player that its own earlier choices do not rule out; sets made unreachable by the player's own
moves get no action. Pure strategies that differ only at such sets give the same outcome against
everything, and the reduced strategic form keeps one strategy per plan (Kuhn, 1953; von Stengel,
2002, section 3.10 calls it the reduced strategic form). A plan's label joins its actions in the
preorder of the information sets, such as ``in/accommodate``; when two plans of a player would
get the same label, each action is prefixed by its set's id (``I1:in/I2:fight``).

A mixed strategy over plans maps to a behaviour strategy with the same outcome (Kuhn's theorem,
which needs perfect recall): at set :math:`I` with parent sequence :math:`\\sigma_I`, the
probability of action :math:`a` is the probability of the plans that choose :math:`a` at
:math:`I` divided by the probability of the plans consistent with :math:`\\sigma_I`. When that is
0 (the player's own moves avoid :math:`I`), any behaviour at :math:`I` gives the same outcome;
:func:`behavior_from_mixed` then puts probability 1 on the set's first action unless told another
default.

Examples
--------
>>> from gametheory.extensive.tree import Tree
>>> t = Tree.from_nested({"player": "E", "moves": {
...         "out": [0, 2],
...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
...     }}, players=("E", "I"))
>>> g = reduced_strategic_form(t)
>>> g.strategies
(('out', 'in'), ('fight', 'accommodate'))
>>> g.payoffs[0].tolist()
[[Fraction(0, 1), Fraction(0, 1)], [Fraction(-1, 1), Fraction(1, 1)]]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from ..errors import GameValueError
from ..game import Game
from .tree import SequenceT, Tree

__all__ = [
    "MAX_PLANS",
    "behavior_from_mixed",
    "plan_labels",
    "reduced_plans",
    "reduced_strategic_form",
]

#: Largest number of cells (product of the players' plan counts) of a reduced strategic form.
MAX_PLANS = 1_000_000

Plan = dict[str, str]


def reduced_plans(tree: Tree, player: str) -> tuple[Plan, ...]:
    """Every plan of a player, as information set id -> action, in lexicographic order.

    Raises
    ------
    GameValueError
        If the tree lacks perfect recall, or the player has more than :data:`MAX_PLANS` plans.

    Examples
    --------
    A centipede player who moves twice has three plans:

    >>> from gametheory.extensive.tree import Tree
    >>> t = Tree.from_nested({"player": "A", "id": "a1", "moves": {"take": [1, 0],
    ...     "pass": {"player": "B", "id": "b1", "moves": {"take": [0, 2],
    ...         "pass": {"player": "A", "id": "a2", "moves": {"take": [3, 1], "pass": [2, 4]}}}}}},
    ...     players=("A", "B"))
    >>> reduced_plans(t, "A")
    ({'a1': 'take'}, {'a1': 'pass', 'a2': 'take'}, {'a1': 'pass', 'a2': 'pass'})
    """
    tree.require_perfect_recall("the reduced strategic form")
    sets = tree.infosets_of(player)
    parents = [tree.parent_sequence(s.id) for s in sets]
    plans: list[Plan] = []

    def extend(plan: Plan, start: int) -> None:
        for j in range(start, len(sets)):
            if sets[j].id not in plan and _consistent(plan, parents[j]):
                for a in sets[j].actions:
                    extend({**plan, sets[j].id: a}, j + 1)
                    if len(plans) > MAX_PLANS:
                        raise GameValueError(
                            f"more than {MAX_PLANS} plans", key=player,
                            hint="solve the tree with 'spe' or 'backward-induction'",
                        )
                return
        plans.append(plan)

    extend({}, 0)
    return tuple(plans)


def _consistent(plan: Mapping[str, str], seq: SequenceT) -> bool:
    return all(plan.get(s) == a for s, a in seq)


def plan_labels(tree: Tree, player: str, plans: Sequence[Plan]) -> tuple[str, ...]:
    """Labels such as ``in/accommodate``, qualified by set ids where plain labels collide."""
    order = {s.id: k for k, s in enumerate(tree.infosets)}
    plain = ["/".join(p[s] for s in sorted(p, key=order.__getitem__)) or "-" for p in plans]
    if len(set(plain)) == len(plain):
        return tuple(plain)
    return tuple(
        "/".join(f"{s}:{p[s]}" for s in sorted(p, key=order.__getitem__)) or "-" for p in plans
    )


def reduced_strategic_form(tree: Tree) -> Game:
    """The reduced strategic form of a tree as a :class:`~gametheory.game.Game`.

    Parameters
    ----------
    tree : Tree
        A tree with perfect recall.

    Returns
    -------
    Game
        Same players and title; each player's strategies are its plans (:func:`reduced_plans`,
        labelled by :func:`plan_labels`); payoffs are exact expected payoffs, chance included.

    Raises
    ------
    GameValueError
        Without perfect recall, or when the form would exceed :data:`MAX_PLANS` cells.

    References
    ----------
    B. von Stengel (2002), Computing equilibria for two-person games, *Handbook of Game Theory*
    vol. 3, ch. 45, section 3.
    """
    plans = [reduced_plans(tree, p) for p in tree.players]
    shape = tuple(len(p) for p in plans)
    cells = 1
    for k in shape:
        cells *= k
    if cells > MAX_PLANS:
        raise GameValueError(
            f"the reduced strategic form has {cells} cells (more than {MAX_PLANS})",
            key="tree", hint="solve the tree with 'spe' or 'backward-induction'",
        )
    arrays = [np.full(shape, Fraction(0), dtype=object) for _ in tree.players]
    for node in tree.terminals:
        p, seqs = tree.reach(node.id)
        if p == 0:
            continue
        hits = [
            [k for k, plan in enumerate(plans[i]) if _consistent(plan, seqs[i])]
            for i in range(tree.n_players)
        ]
        for index in itertools.product(*hits):
            for i, u in enumerate(node.payoffs):
                arrays[i][index] += p * u
    labels = [plan_labels(tree, name, plans[i]) for i, name in enumerate(tree.players)]
    if tree.n_players == 1:  # from_arrays reads a single array as a zero-sum matrix
        table = {(s,): (arrays[0][k],) for k, s in enumerate(labels[0])}
        return Game.from_payoffs(table, tree.players, labels, title=tree.title)
    return Game.from_arrays(*arrays, players=tree.players, strategies=labels, title=tree.title)


def behavior_from_mixed(
    tree: Tree,
    mixed: Sequence[Sequence[Fraction]],
    default: Mapping[str, Mapping[str, Fraction]] | None = None,
) -> dict[str, dict[str, Fraction]]:
    """A behaviour profile equivalent to a mixed profile over plans (Kuhn's theorem).

    Parameters
    ----------
    tree : Tree
    mixed : sequence of sequence of Fraction
        Per player, one probability per plan of :func:`reduced_plans`.
    default : mapping, optional
        Behaviour at sets the player's own plan avoids (probability 0); default: the first
        action with probability 1.

    Returns
    -------
    dict
        Information set id -> action -> exact probability, for every information set.
    """
    out: dict[str, dict[str, Fraction]] = {}
    for i, player in enumerate(tree.players):
        plans = reduced_plans(tree, player)
        for s in tree.infosets_of(player):
            parent = tree.parent_sequence(s.id)
            total = sum(
                (q for q, plan in zip(mixed[i], plans, strict=True) if _consistent(plan, parent)),
                Fraction(0),
            )
            if total == 0:
                chosen = (default or {}).get(s.id) or {s.actions[0]: Fraction(1)}
                out[s.id] = {a: Fraction(chosen.get(a, 0)) for a in s.actions}
                continue
            out[s.id] = {
                a: sum(
                    (q for q, plan in zip(mixed[i], plans, strict=True) if plan.get(s.id) == a),
                    Fraction(0),
                ) / total
                for a in s.actions
            }
    return out
