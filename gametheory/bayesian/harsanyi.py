"""The Harsanyi transformation and the strategic forms of a Bayesian game.

Three equivalent views of a :class:`~gametheory.bayesian.game.BayesianGame` (Harsanyi, 1967-68;
Myerson, 1991, section 2.8):

- :func:`harsanyi_transform`: a tree whose root is a chance move picking the type profile with
  its prior probability; the players then move in order, each at an information set that
  reveals only its own type (``"<player>:<type>"``), so the moves are in effect simultaneous.
- :func:`ex_ante_form`: the strategic form in which a strategy is a *plan* naming one action per
  type (labels such as ``B|S`` in the order of the player's types) and payoffs are ex-ante
  expected payoffs. It is the reduced strategic form of the Harsanyi tree (every information
  set is reachable, so no plan is reduced away) and has as many players as the Bayesian game,
  so the exact two-player solver applies to it; :mod:`.bne` solves Bayesian games this way.
- :func:`type_agent_form`: Selten's (1975) type-agent form, one player per (player, type),
  each agent paid its type's interim payoff. Its Nash equilibria are the Bayesian Nash
  equilibria too, but it has more than two players whenever a player has two types, so the
  exact two-player solver cannot use it; it serves the pure N-player check and tests.

Examples
--------
>>> from gametheory.bayesian.game import BayesianGame
>>> g = BayesianGame.from_tables(("P", "Q"), (("x", "y"), ("l", "r")),
...     types={"P": {"a": "1/3", "b": "2/3"}, "Q": {"-": 1}},
...     payoffs={("a", "-"): {"x": {"l": (1, 0), "r": (0, 1)}, "y": {"l": (0, 0), "r": (1, 1)}},
...              ("b", "-"): {"x": {"l": (0, 1), "r": (1, 0)}, "y": {"l": (1, 1), "r": (0, 0)}}})
>>> ex_ante_form(g).strategies
(('x|x', 'x|y', 'y|x', 'y|y'), ('l', 'r'))
>>> ex_ante_form(g).payoff(("x|y", "l"))
(Fraction(1, 1), Fraction(2, 3))
>>> t = harsanyi_transform(g)
>>> [s.id for s in t.infosets]
['P:a', 'Q:-', 'P:b']
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..errors import GameValueError
from ..extensive._node import Node
from ..extensive.tree import Tree
from ..game import Game
from .game import BayesianGame

__all__ = ["MAX_CELLS", "ex_ante_form", "harsanyi_transform", "plan_label", "type_agent_form"]

#: The largest strategic form (number of cells) built from a Bayesian game.
MAX_CELLS = 10**6


def plan_label(actions: tuple[str, ...]) -> str:
    """The label of a plan: its actions, one per type in the player's type order, joined by
    ``|`` (a single type's plan is its action)."""
    return "|".join(actions)


def harsanyi_transform(game: BayesianGame) -> Tree:
    """The Harsanyi tree: chance picks the type profile, then the players move in order.

    Node ids are ``root`` (chance), then ``t1,...,tN`` (the type profile) followed by
    ``/a1/a2...`` for the actions taken; player :math:`i`'s information set at a node is
    ``"<player>:<type>"``. Type profiles of prior probability 0 are kept (a chance move of
    probability 0) so that the tree has the same shape for every prior.

    Returns
    -------
    Tree
        Perfect recall holds: no player moves twice on a path.
    """
    nodes = []
    chance = {}
    for prof in game.type_profiles():
        pid = ",".join(prof)
        chance[pid] = (game.prior[prof], pid)
        nodes.extend(_subtree(game, prof, pid, ()))
    nodes.insert(0, Node.chance("root", chance, label="types"))
    return Tree.from_nodes(nodes, game.players, root="root", title=game.title)


def _subtree(game: BayesianGame, prof: tuple[str, ...], node_id: str, played: tuple[int, ...]):
    i = len(played)
    if i == game.n_players:
        payoffs = tuple(u[played] for u in game.games[prof].payoffs)
        return [Node.terminal(node_id, payoffs)]
    player = game.players[i]
    moves = {a: f"{node_id}/{a}" for a in game.actions[i]}
    out = [Node.decision(node_id, player, moves, infoset=f"{player}:{prof[i]}")]
    for k, a in enumerate(game.actions[i]):
        out.extend(_subtree(game, prof, moves[a], (*played, k)))
    return out


def _check_size(shape: tuple[int, ...], what: str) -> None:
    cells = 1
    for k in shape:
        cells *= k
    if cells > MAX_CELLS:
        raise GameValueError(f"the {what} has {cells} cells (more than {MAX_CELLS})",
                             key="game", hint="use --method pure")


def ex_ante_form(game: BayesianGame) -> Game:
    """The ex-ante strategic form: plans (one action per type) and ex-ante payoffs.

    Returns
    -------
    Game
        Same players and title; player :math:`i` has :math:`|A_i|^{|T_i|}` strategies, labelled
        by :func:`plan_label`, in lexicographic order.

    Raises
    ------
    GameValueError
        When the form would exceed :data:`MAX_CELLS` cells.
    """
    plans = [
        tuple(itertools.product(range(len(game.actions[i])), repeat=len(game.types[i])))
        for i in range(game.n_players)
    ]
    shape = tuple(len(p) for p in plans)
    _check_size(shape, "ex-ante strategic form")
    arrays = [np.full(shape, Fraction(0), dtype=object) for _ in game.players]
    type_pos = [{t: k for k, t in enumerate(ts)} for ts in game.types]
    for prof, q in game.prior.items():
        if not q:
            continue
        cell = game.games[prof].payoffs
        ks = [type_pos[i][t] for i, t in enumerate(prof)]
        for index in itertools.product(*(range(n) for n in shape)):
            acts = tuple(plans[i][index[i]][ks[i]] for i in range(game.n_players))
            for i in range(game.n_players):
                arrays[i][index] += q * cell[i][acts]
    labels = [
        tuple(plan_label(tuple(game.actions[i][a] for a in plan)) for plan in plans[i])
        for i in range(game.n_players)
    ]
    return Game.from_arrays(*arrays, players=game.players, strategies=labels, title=game.title)


def type_agent_form(game: BayesianGame) -> Game:
    """Selten's type-agent form: one player ``"<player>:<type>"`` per type, paid its interim
    payoff; its strategies are the player's actions.

    Raises
    ------
    GameValueError
        When the form would exceed :data:`MAX_CELLS` cells.
    """
    agents = [(i, k) for i in range(game.n_players) for k in range(len(game.types[i]))]
    shape = tuple(len(game.actions[i]) for i, _ in agents)
    _check_size(shape, "type-agent form")
    arrays = [np.full(shape, Fraction(0), dtype=object) for _ in agents]
    start = [sum(len(ts) for ts in game.types[:i]) for i in range(game.n_players)]
    marg = [game.marginal(game.players[i], game.types[i][k]) for i, k in agents]
    for prof, q in game.prior.items():
        if not q:
            continue
        cell = game.games[prof].payoffs
        ks = [start[i] + game.types[i].index(t) for i, t in enumerate(prof)]
        for index in itertools.product(*(range(n) for n in shape)):
            acts = tuple(index[k] for k in ks)
            for i in range(game.n_players):
                arrays[ks[i]][index] += q / marg[ks[i]] * cell[i][acts]
    names = [f"{game.players[i]}:{game.types[i][k]}" for i, k in agents]
    strategies = [game.actions[i] for i, _ in agents]
    return Game.from_arrays(*arrays, players=names, strategies=strategies, title=game.title)
