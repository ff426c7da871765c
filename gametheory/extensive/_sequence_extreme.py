"""Which sequence-form equilibria are extreme (private helpers of :mod:`.sequence_form`).

A vertex of the polyhedron :math:`\\bar Q` need not project to an extreme point of the
opponent's equilibrium strategies: the free variables :math:`p` (the values of player 1's
information sets) can make a vertex out of constraints on sequences that player 1's plan
avoids. So the completely labelled vertex pairs give every extreme equilibrium and possibly some
others. An equilibrium :math:`(x, y)` is kept as *extreme* unless :math:`x` is a convex
combination of other found plans :math:`x'` with :math:`(x', y)` an equilibrium, or :math:`y`
likewise; membership of the convex hull is decided exactly (:func:`in_convex_hull`).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ._sequence_polyhedron import polyhedron_vertices

__all__ = ["best_response_value", "extreme_pairs", "in_convex_hull"]

Plan = tuple[Fraction, ...]


def best_response_value(constraints: Sequence[Sequence[Fraction]], values: Sequence[Fraction]
                        ) -> Fraction:
    """The largest :math:`x^\\top u` over realization plans :math:`x` (:math:`E x = e`, :math:`x
    \\ge 0`) for payoffs ``values`` per sequence, by backward recursion over the sets."""
    n = len(values)
    # Row r >= 1 of E: -1 at the set's parent sequence, +1 at its sequences.
    children: dict[int, list[list[int]]] = {k: [] for k in range(n)}
    for row in constraints[1:]:
        parent = next(k for k in range(n) if row[k] == -1)
        children[parent].append([k for k in range(n) if row[k] == 1])
    memo: dict[int, Fraction] = {}
    for k in reversed(range(n)):  # a set's sequences come after its parent sequence
        memo[k] = values[k] + sum((max(memo[c] for c in kids) for kids in children[k]),
                                  Fraction(0))
    return memo[0]


def in_convex_hull(point: Plan, others: Sequence[Plan]) -> bool:
    """True if ``point`` is a convex combination of ``others`` (exact)."""
    if not others:
        return False
    if point in others:
        return True
    m = len(others)
    # Variables: one weight per other point; the polytope of weights is non-empty iff it has a
    # vertex.
    inequalities = [[Fraction(int(c == j)) for c in range(m + 1)] for j in range(m + 1)]
    equations = [[Fraction(1)] * m + [Fraction(-1)]]
    equations += [[o[k] for o in others] + [-point[k]] for k in range(len(point))]
    return bool(polyhedron_vertices(inequalities, equations, list(range(m + 1))))


def extreme_pairs(pairs: Sequence[tuple[Plan, Plan]], is_equilibrium) -> list[tuple[Plan, Plan]]:
    """The pairs whose plans are not convex combinations of other found plans (see above).

    ``is_equilibrium(x, y)`` decides exactly whether a pair of plans is an equilibrium.
    """
    xs = list(dict.fromkeys(x for x, _ in pairs))
    ys = list(dict.fromkeys(y for _, y in pairs))
    cache: dict[tuple[Plan, Plan], bool] = {pair: True for pair in pairs}

    def eq(x: Plan, y: Plan) -> bool:
        if (x, y) not in cache:
            cache[(x, y)] = is_equilibrium(x, y)
        return cache[(x, y)]

    kept = []
    for x, y in pairs:
        partners_x = [x2 for x2 in xs if x2 != x and eq(x2, y)]
        if in_convex_hull(x, partners_x):
            continue
        partners_y = [y2 for y2 in ys if y2 != y and eq(x, y2)]
        if in_convex_hull(y, partners_y):
            continue
        kept.append((x, y))
    return kept
