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
import math
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
_ONE, _ZERO = Fraction(1), Fraction(0)


class _Flat:
    """The tree as flat lists by preorder index, payoffs scaled to integers when there is no
    chance node (a positive scaling per player, so every comparison is unchanged and exact)."""

    def __init__(self, tree: Tree) -> None:
        nodes = tree.nodes
        player = {p: i for i, p in enumerate(tree.players)}
        self.tree = tree
        self.kinds = [n.kind for n in nodes]
        self.children = tree._child_indices()
        self.mover = [player[n.player] if n.kind == "decision" else -1 for n in nodes]
        self.scales: list[int] | None = None
        if "chance" not in self.kinds:
            terminals = [(k, n.payoffs) for k, n in enumerate(nodes) if n.kind == "terminal"]
            scales = [1] * len(tree.players)
            for _, payoffs in terminals:
                for i, u in enumerate(payoffs):
                    # Fraction's own slots: the public properties cost a call each, and trees
                    # may have 10^5 terminals.
                    if u._denominator != 1:
                        scales[i] = math.lcm(scales[i], u._denominator)
            self.scales = scales
            if all(s == 1 for s in scales):
                self.leaf = {k: tuple(u._numerator for u in p) for k, p in terminals}
            else:
                self.leaf = {
                    k: tuple(u._numerator * (s // u._denominator)
                             for u, s in zip(p, scales, strict=True))
                    for k, p in terminals
                }
        else:
            self.leaf = {k: n.payoffs for k, n in enumerate(nodes) if n.kind == "terminal"}

    def exact(self, v: tuple) -> Vector:
        if self.scales is None:
            return v
        return tuple(Fraction(x, s) for x, s in zip(v, self.scales, strict=True))


def _generic(flat: _Flat) -> dict[int, int] | None:
    """The choices when no mover is ever indifferent and there is no chance node (then the
    equilibrium is unique); ``None`` otherwise. One tight pass: the common case."""
    if flat.scales is None:
        return None
    kinds, children, mover = flat.kinds, flat.children, flat.mover
    vals: list[tuple] = [()] * len(kinds)
    leaf = flat.leaf
    choice: dict[int, int] = {}
    for k in range(len(kinds) - 1, -1, -1):
        if kinds[k] == "terminal":
            vals[k] = leaf[k]
            continue
        i = mover[k]
        kids = children[k]
        best_v = vals[kids[0]]
        best_x = best_v[i]
        best_a = 0
        for a in range(1, len(kids)):
            v = vals[kids[a]]
            x = v[i]
            if x > best_x:
                best_v, best_x, best_a = v, x, a
            elif x == best_x:
                return None
        vals[k] = best_v
        choice[k] = best_a
    return choice


def _options(flat: _Flat) -> tuple[list[dict[tuple, int]], dict[int, int]]:
    """Per node (preorder index): distinct SPE payoff vectors of its subgame -> count; and the
    optimal action at each decision node where it is unique and nothing below ties."""
    nodes = flat.tree.nodes
    opts: list[dict[tuple, int]] = [{}] * len(nodes)
    best_action: dict[int, int] = {}
    kinds, children, mover, leaf = flat.kinds, flat.children, flat.mover, flat.leaf
    for k in range(len(nodes) - 1, -1, -1):
        kind = kinds[k]
        if kind == "terminal":
            opts[k] = {leaf[k]: 1}
            continue
        kids = [opts[c] for c in children[k]]
        if kind == "chance":
            opts[k] = _chance(nodes[k].id, nodes[k].probabilities, kids)
            continue
        i = mover[k]
        if all(len(o) == 1 for o in kids):
            # Fast path (no ties below): each optimal action gives every combination below.
            vectors = [next(iter(o)) for o in kids]
            scores = [v[i] for v in vectors]
            best = max(scores)
            product = 1
            for o in kids:
                product *= next(iter(o.values()))
            if scores.count(best) == 1:
                a = scores.index(best)
                best_action[k] = a
                opts[k] = {vectors[a]: product}
                continue
            out: dict[tuple, int] = {}
            for v in vectors:
                if v[i] == best:
                    out[v] = out.get(v, 0) + product
            opts[k] = out
            continue
        opts[k] = _decision(i, kids)
    return opts, best_action


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


def _realize(flat: _Flat, opts: list, k: int, v: tuple) -> Iterator[dict[int, int]]:
    """Every choice map (decision node index -> action index) of the subgame at ``k`` whose
    subgame-perfect payoff vector is ``v``."""
    kind = flat.kinds[k]
    if kind == "terminal":
        yield {}
        return
    kids = flat.children[k]
    if kind == "chance":
        probs = flat.tree.nodes[k].probabilities
        for choice in itertools.product(*(opts[c] for c in kids)):
            w = tuple(
                sum((p * x[j] for p, x in zip(probs, choice, strict=True) if p), _ZERO)
                for j in range(len(v))
            )
            if w == v:
                yield from _combine(flat, opts, list(zip(kids, choice, strict=True)), {})
        return
    i = flat.mover[k]
    for a, c in enumerate(kids):
        if v not in opts[c]:
            continue
        others = [[w for w in opts[d] if w[i] <= v[i]] for d in kids]
        others[a] = [v]
        for choice in itertools.product(*others):
            yield from _combine(flat, opts, list(zip(kids, choice, strict=True)), {k: a})


def _combine(flat: _Flat, opts: list, parts: list, base: dict) -> Iterator[dict]:
    if not parts:
        yield base
        return
    (c, w), rest = parts[0], parts[1:]
    for sub in _realize(flat, opts, c, w):
        yield from _combine(flat, opts, rest, {**base, **sub})


def _equilibrium(flat: _Flat, choices: dict[int, int]) -> TreeEquilibrium:
    tree = flat.tree
    nodes = tree.nodes
    n = len(tree.players)
    values: list[tuple] = [()] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        kind = flat.kinds[k]
        if kind == "terminal":
            values[k] = flat.leaf[k]
        elif kind == "chance":
            probs = nodes[k].probabilities
            values[k] = tuple(
                sum((p * values[c][j] for p, c in zip(probs, flat.children[k], strict=True)
                     if p), _ZERO)
                for j in range(n)
            )
        else:
            kids = [values[c] for c in flat.children[k]]
            i = flat.mover[k]
            chosen = kids[choices[k]]
            # One-shot deviation check: the exact certificate of subgame perfection.
            if any(w[i] > chosen[i] for w in kids):  # pragma: no cover - would be a bug
                raise AssertionError(f"backward induction chose a non-optimal action at {k}")
            values[k] = chosen
    rows: dict[tuple[int, int], tuple[Fraction, ...]] = {}
    behavior = {}
    for k, c in sorted(choices.items()):
        actions = nodes[k].actions
        row = rows.get((len(actions), c))
        if row is None:
            row = rows[len(actions), c] = tuple(_ONE if j == c else _ZERO
                                                for j in range(len(actions)))
        behavior[nodes[k].infoset] = dict(zip(actions, row, strict=True))
    path = []
    todo = [(0, _ONE)]
    while todo:
        k, r = todo.pop()
        node = nodes[k]
        if node.kind == "decision":
            c = choices[k]
            path.append((k, Move(node.id, node.player, node.actions[c], _ONE, r)))
            todo.append((flat.children[k][c], r))
        elif node.kind == "chance":
            for a, p, c in zip(node.actions, node.probabilities, flat.children[k], strict=True):
                if p > 0:
                    path.append((k, Move(node.id, "chance", a, p, r)))
                    todo.append((c, r * p))
    path.sort(key=lambda item: item[0])
    return TreeEquilibrium(
        players=tree.players,
        behavior=behavior,
        infoset_players={nodes[k].infoset: nodes[k].player for k in choices},
        payoffs=flat.exact(values[0]),
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
    flat = _Flat(tree)
    generic = _generic(flat)
    if generic is not None:
        opts, best_action, total = None, generic, 1
    else:
        opts, best_action = _options(flat)
        total = sum(opts[0].values())
    if total == 1:
        maps = [best_action]  # one equilibrium: every decision node has one optimal action
    else:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * len(tree.nodes) + 1000))
        try:
            maps = []
            for v in opts[0]:
                for choice in _realize(flat, opts, 0, v):
                    maps.append(choice)
                    if len(maps) >= cap:
                        break
                if len(maps) >= cap:
                    break
        finally:
            sys.setrecursionlimit(limit)
    equilibria = tuple(_equilibrium(flat, m) for m in maps)
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
