"""hypothesis strategies for game trees (tests only).

Trees are drawn from a seed with Python's ``random`` so that one strategy covers perfect
information, chance, and information sets with perfect recall: a "simultaneous" step lets a
player move without seeing the previous mover's action (its nodes after each of that action's
children share one information set), which keeps perfect recall because the hidden move is
another player's.
"""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import strategies as st

from gametheory.extensive import Node, Tree

_PROBABILITIES = ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)),
                  (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)))


def random_tree(seed: int, n_players: int = 2, max_depth: int = 3, info_sets: bool = True,
                chance: bool = True, payoff_range: int = 3, max_actions: int = 3) -> Tree:
    """A random tree with perfect recall (small integer payoffs, so ties are common)."""
    rng = random.Random(seed)
    players = tuple(f"P{i + 1}" for i in range(n_players))
    nodes: list[Node] = []
    counter = [0]

    def new_id() -> str:
        counter[0] += 1
        return f"n{counter[0]}"

    def terminal() -> str:
        node_id = new_id()
        nodes.append(Node.terminal(
            node_id, [rng.randint(-payoff_range, payoff_range) for _ in players]))
        return node_id

    def grow(depth: int) -> str:
        if depth >= max_depth or rng.random() < 0.25:
            return terminal()
        roll = rng.random()
        node_id = new_id()
        if chance and roll < 0.15:
            probs = rng.choice(_PROBABILITIES)
            kids = [grow(depth + 1) for _ in probs]
            nodes.append(Node.chance(node_id, {
                f"c{k}": (p, c) for k, (p, c) in enumerate(zip(probs, kids, strict=True))}))
            return node_id
        mover = rng.choice(players)
        k = rng.randint(2, max_actions)
        if info_sets and n_players > 1 and roll < 0.45:
            # `mover` moves, then `other` moves without seeing that move.
            other = rng.choice([p for p in players if p != mover])
            infoset = new_id() + "I"
            m = rng.randint(2, max_actions)
            kids = []
            for _ in range(k):
                inner = new_id()
                grand = [grow(depth + 2) for _ in range(m)]
                nodes.append(Node.decision(inner, other, {f"b{j}": g for j, g in
                                                          enumerate(grand)}, infoset=infoset))
                kids.append(inner)
        else:
            kids = [grow(depth + 1) for _ in range(k)]
        nodes.append(Node.decision(node_id, mover, {f"a{j}": c for j, c in enumerate(kids)}))
        return node_id

    root = grow(0)
    return Tree.from_nodes(nodes, players, root=root, title=f"random {seed}")


_ONE_TO_THREE = st.integers(1, 3)


@st.composite
def trees(draw, n_players=_ONE_TO_THREE, info_sets: bool = True, chance: bool = True,
          max_depth: int = 3):
    """Small random trees with perfect recall."""
    return random_tree(draw(st.integers(0, 2**32 - 1)), n_players=draw(n_players),
                       max_depth=max_depth, info_sets=info_sets, chance=chance)
