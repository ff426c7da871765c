"""Checks of tree models over parameter ranges: chance probabilities and ranks.

Chance probabilities with parameters must sum to 1 identically (checked symbolically with
sympy) and be non-negative for every parameter value in range. With one parameter the check is
exact: a rational function changes sign only at the real roots of its numerator and
denominator, so it is evaluated exactly at the range's ends, at those roots and between them.
With several parameters it is evaluated at every corner of the box of ranges and at the
defaults (not a proof: say so when it passes and matters).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from ..errors import ModelError
from ..extensive.tree import Tree
from ..numbers import format_fraction
from .tree_model import TreeModel

__all__ = ["probability_problems", "rank_problems"]


def _test_points(model: TreeModel, expression, name: str) -> list[Fraction]:
    import sympy

    p = model.parameters[name]
    lo, hi = p.low, p.high
    points = {p.value}
    if lo is None or hi is None:
        return sorted(points)
    points |= {lo, hi}
    x = sympy.Symbol(name, real=True)
    num, den = sympy.fraction(sympy.together(expression.to_sympy().subs(
        {s: x for s in expression.to_sympy().free_symbols})))
    roots = []
    for poly in (num, den):
        if poly.free_symbols:
            for r in sympy.Poly(poly, x).real_roots():
                value = float(r)
                if float(lo) < value < float(hi):
                    roots.append(Fraction(value))
    cuts = sorted({lo, hi, *roots})
    points |= set(roots)
    points |= {(a + b) / 2 for a, b in itertools.pairwise(cuts)}
    return sorted(points)


def probability_problems(model: TreeModel) -> list[tuple[int, int | None, str]]:
    """``(node index, action index or None, message)`` for each problem, in file order."""
    problems = []
    for k, node in enumerate(model.nodes):
        if node.kind != "chance":
            continue
        exprs = [a.probability for a in node.actions]
        symbols = sorted(set().union(*(e.symbols for e in exprs)))
        if not symbols:
            continue
        import sympy

        total = sympy.simplify(sum(e.to_sympy() for e in exprs) - 1)
        if total != 0:
            problems.append((k, None, f"probabilities sum to {sympy.simplify(total + 1)}, "
                                      "not 1 for every parameter value"))
            continue
        base = model.values()
        for j, (action, e) in enumerate(zip(node.actions, exprs, strict=True)):
            names = sorted(e.symbols)
            if len(names) == 1:
                grids = [{names[0]: v} for v in _test_points(model, e, names[0])]
            else:
                ranges = [
                    sorted({model.parameters[n].value}
                           | {b for b in (model.parameters[n].low, model.parameters[n].high)
                              if b is not None})
                    for n in names
                ]
                grids = [dict(zip(names, c, strict=True)) for c in itertools.product(*ranges)]
            for point in grids:
                try:
                    value = e.evaluate({**base, **point})
                except ModelError:
                    continue
                if value < 0:
                    at = ", ".join(f"{n} = {format_fraction(v)}" for n, v in point.items())
                    problems.append((k, j, f"probability of {action.label!r} is negative "
                                           f"({format_fraction(value)}) at {at}, within range"))
                    break
    return problems


def rank_problems(model: TreeModel, tree: Tree) -> list[tuple[int, str, str]]:
    """``(node index, player, message)`` where ranks contradict payoffs at the defaults."""
    problems = []
    for i, player in enumerate(model.player_names):
        ranked = [(k, n.ranks[player], tree.node(n.id).payoffs[i])
                  for k, n in enumerate(model.nodes) if n.kind == "terminal" and player in n.ranks]
        for (k, r, u), (k2, r2, u2) in itertools.permutations(ranked, 2):
            if (r > r2 and u <= u2) or (r == r2 and u != u2):
                problems.append((k, player, (
                    f"rank {r} of {model.nodes[k].id!r} and rank {r2} of {model.nodes[k2].id!r} "
                    f"disagree with their payoffs {format_fraction(u)} and {format_fraction(u2)}"
                    " at the default values")))
                break
    return problems
