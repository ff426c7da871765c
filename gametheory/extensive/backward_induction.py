"""Every pure subgame-perfect equilibrium of a perfect-information tree, by backward induction.

Method (Kuhn, 1953; Zermelo, 1913)
----------------------------------
In a finite tree with perfect information every node is a subgame root, and a pure profile is
subgame perfect exactly when, at every decision node, the chosen action maximises the mover's
value given the profile below (the one-shot deviation principle). Ties make several equilibria,
and a tie below changes the values compared above, so the equilibria are not a simple product
of the optimal actions. Working from the leaves up, each node keeps the *distinct* payoff vectors
of the subgame-perfect equilibria of its subgame and how many equilibria give each vector: at a
node of player :math:`i`, action :math:`a` with continuation vector :math:`v` is chosen in
:math:`n_a(v) \\prod_{b \\ne a} \\#\\{\\text{equilibria of } b \\text{ with } v'_i \\le v_i\\}`
equilibria; at a chance node the vectors of the children combine by their probabilities. The
number of equilibria is thus known exactly before any is listed; they are then listed (up to a
cap) by walking down from the root. Each is certified exactly by the one-shot check.

With a single equilibrium (no ties, the generic case) the work is linear in the tree.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from fractions import Fraction

from ..errors import GameValueError
from .result import Move, TreeEquilibrium, TreeSolveResult
from .tree import Tree

__all__ = ["DEFAULT_CAP", "backward_induction"]

#: Default largest number of equilibria listed.
DEFAULT_CAP = 1000
#: Largest number of combinations of children's values examined at one chance node.
_CHANCE_LIMIT = 100_000

Vector = tuple[Fraction, ...]


def _options(tree: Tree) -> list[dict[Vector, int]]:
    """Per node (preorder index): distinct SPE payoff vectors of its subgame -> count."""
    nodes = tree.nodes
    index = {n.id: k for k, n in enumerate(nodes)}
    player = {p: i for i, p in enumerate(tree.players)}
    opts: list[dict[Vector, int]] = [{}] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        node = nodes[k]
        if node.kind == "terminal":
            opts[k] = {node.payoffs: 1}
            continue
        kids = [opts[index[c]] for c in node.children]
        if node.kind == "chance":
            opts[k] = _chance(node.id, node.probabilities, kids)
            continue
        i = player[node.player]
        if all(len(o) == 1 for o in kids):
            # Fast path (no ties below): each optimal action gives every combination below.
            vectors = [next(iter(o)) for o in kids]
            best = max(v[i] for v in vectors)
            product = 1
            for v, o in zip(vectors, kids, strict=True):
                product *= o[v]
            out: dict[Vector, int] = {}
            for v in vectors:
                if v[i] == best:
                    out[v] = out.get(v, 0) + product
            opts[k] = out
            continue
        opts[k] = _decision(i, kids)
    return opts


def _decision(i: int, kids: list[dict[Vector, int]]) -> dict[Vector, int]:
    out: dict[Vector, int] = {}
    for a, options in enumerate(kids):
        for v, n in options.items():
            count = n
            for b, other in enumerate(kids):
                if b != a:
                    count *= sum(m for w, m in other.items() if w[i] <= v[i])
                    if not count:
                        break
            if count:
                out[v] = out.get(v, 0) + count
    return out


def _chance(node_id: str, probs: tuple[Fraction, ...], kids: list[dict[Vector, int]]) -> dict:
    combos = 1
    for o in kids:
        combos *= len(o)
    if combos > _CHANCE_LIMIT:
        raise GameValueError(
            f"too many ties below this chance node ({combos} combinations of subgame values)",
            key=node_id, hint="break ties in the payoffs, or solve with 'spe'",
        )
    out: dict[Vector, int] = {}
    for choice in itertools.product(*(o.items() for o in kids)):
        v = tuple(
            sum((p * w[j] for p, (w, _) in zip(probs, choice, strict=True) if p), Fraction(0))
            for j in range(len(choice[0][0]))
        )
        count = 1
        for _, n in choice:
            count *= n
        out[v] = out.get(v, 0) + count
    return out


def _realize(tree: Tree, opts: list, index: dict, k: int, v: Vector) -> Iterator[dict[int, int]]:
    """Every choice map (decision node index -> action index) of the subgame at ``k`` whose
    subgame-perfect payoff vector is ``v``."""
    node = tree.nodes[k]
    if node.kind == "terminal":
        yield {}
        return
    kids = [index[c] for c in node.children]
    if node.kind == "chance":
        for choice in itertools.product(*(opts[c] for c in kids)):
            w = tuple(
                sum((p * x[j] for p, x in zip(node.probabilities, choice, strict=True) if p),
                    Fraction(0))
                for j in range(len(v))
            )
            if w == v:
                yield from _combine(tree, opts, index, list(zip(kids, choice, strict=True)), {})
        return
    i = tree.players.index(node.player)
    for a, c in enumerate(kids):
        if v not in opts[c]:
            continue
        others = [[w for w in opts[d] if w[i] <= v[i]] for d in kids]
        others[a] = [v]
        for choice in itertools.product(*others):
            yield from _combine(tree, opts, index, list(zip(kids, choice, strict=True)), {k: a})


def _combine(tree: Tree, opts: list, index: dict, parts: list, base: dict) -> Iterator[dict]:
    if not parts:
        yield base
        return
    (c, w), rest = parts[0], parts[1:]
    for sub in _realize(tree, opts, index, c, w):
        yield from _combine(tree, opts, index, rest, {**base, **sub})


def _unique(tree: Tree, opts: list, index: dict) -> dict[int, int]:
    """The choice map when the equilibrium is unique: the optimal action at every node."""
    choices = {}
    player = {p: i for i, p in enumerate(tree.players)}
    for k, node in enumerate(tree.nodes):
        if node.kind == "decision":
            i = player[node.player]
            vals = [next(iter(opts[index[c]]))[i] for c in node.children]
            choices[k] = vals.index(max(vals))
    return choices


def _equilibrium(tree: Tree, choices: dict[int, int]) -> TreeEquilibrium:
    nodes = tree.nodes
    index = {n.id: k for k, n in enumerate(nodes)}
    player = {p: i for i, p in enumerate(tree.players)}
    values: list[Vector] = [()] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        node = nodes[k]
        if node.kind == "terminal":
            values[k] = node.payoffs
        elif node.kind == "chance":
            values[k] = tuple(
                sum((p * values[index[c]][j]
                     for p, c in zip(node.probabilities, node.children, strict=True) if p),
                    Fraction(0))
                for j in range(len(tree.players))
            )
        else:
            kids = [values[index[c]] for c in node.children]
            i = player[node.player]
            chosen = kids[choices[k]]
            # One-shot deviation check: the exact certificate of subgame perfection.
            if any(w[i] > chosen[i] for w in kids):  # pragma: no cover - would be a bug
                raise AssertionError(f"backward induction chose a non-optimal action at {node.id}")
            values[k] = chosen
    behavior = {
        nodes[k].infoset: {a: Fraction(int(j == choices[k])) for j, a in enumerate(nodes[k].actions)}
        for k in choices
    }
    path = []
    k, todo = 0, [(0, Fraction(1))]
    while todo:
        k, r = todo.pop()
        node = nodes[k]
        if node.kind == "decision":
            c = choices[k]
            path.append((k, Move(node.id, node.player, node.actions[c], Fraction(1), r)))
            todo.append((index[node.children[c]], r))
        elif node.kind == "chance":
            for a, p, c in zip(node.actions, node.probabilities, node.children, strict=True):
                if p > 0:
                    path.append((k, Move(node.id, "chance", a, p, r)))
                    todo.append((index[c], r * p))
    path.sort(key=lambda item: item[0])
    return TreeEquilibrium(
        players=tree.players,
        behavior=behavior,
        infoset_players={s.id: s.player for s in tree.infosets},
        payoffs=values[0],
        path=tuple(m for _, m in path),
        subgame_perfect=True,
    )


def backward_induction(tree: Tree, cap: int = DEFAULT_CAP) -> TreeSolveResult:
    """Every pure subgame-perfect equilibrium of a perfect-information tree, exactly.

    Parameters
    ----------
    tree : Tree
        A tree with perfect information (chance nodes allowed), any number of players.
    cap : int, optional
        Largest number of equilibria listed; the count is exact whatever the cap.

    Returns
    -------
    TreeSolveResult
        Method ``"backward-induction"``, ``subgame_perfect=True``. ``complete`` is true when
        every pure subgame-perfect equilibrium is listed; past the cap the status is
        ``"incomplete"`` and the message gives the exact number.

    Raises
    ------
    GameValueError
        If an information set has more than one node (use ``spe``).

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {
    ...         "out": [0, 2],
    ...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
    ...     }}, players=("E", "I"))
    >>> r = backward_induction(t)
    >>> [(m.node, m.action) for m in r.equilibria[0].path], r.equilibria[0].payoffs
    ([('root', 'in'), ('root.in', 'accommodate')], (Fraction(1, 1), Fraction(1, 1)))

    References
    ----------
    H. W. Kuhn (1953), Extensive games and the problem of information. R. Selten (1965);
    M. J. Osborne and A. Rubinstein (1994), *A Course in Game Theory*, Proposition 99.2.
    """
    if not tree.is_perfect_information:
        first = next(s for s in tree.infosets if len(s.nodes) > 1)
        raise GameValueError(
            f"backward-induction needs perfect information; information set {first.id!r} has "
            f"{len(first.nodes)} nodes", key="method", hint="use --method spe",
        )
    if cap < 1:
        raise GameValueError("the cap must be at least 1", key="cap")
    opts = _options(tree)
    index = {n.id: k for k, n in enumerate(tree.nodes)}
    total = sum(opts[0].values())
    if total == 1:
        maps = [_unique(tree, opts, index)]
    else:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * len(tree.nodes) + 1000))
        try:
            maps = []
            for v in opts[0]:
                for choice in _realize(tree, opts, index, 0, v):
                    maps.append(choice)
                    if len(maps) >= cap:
                        break
                if len(maps) >= cap:
                    break
        finally:
            sys.setrecursionlimit(limit)
    equilibria = tuple(_equilibrium(tree, m) for m in maps)
    complete = len(equilibria) == total
    if complete:
        message = f"every pure subgame-perfect equilibrium was found ({total})"
    else:
        message = (
            f"there are {total} pure subgame-perfect equilibria (ties); the first {cap} are "
            "listed (raise the cap to see more)"
        )
    return TreeSolveResult(
        tree=tree, method="backward-induction", equilibria=equilibria, subgame_perfect=True,
        exact=True, complete=complete, status="ok" if complete else "incomplete",
        message=message,
    )
