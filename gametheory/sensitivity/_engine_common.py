"""What the stages of the one-parameter analysis share (private): the exact common denominator
of rational payoffs, the equilibria at one parameter value (:class:`PointSolution`), values in
an algebraic number field, the components of extreme equilibria, and sorting exact numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..result import Component
from . import _poly
from ._poly import Algebraic, Number, Poly

__all__ = ["PointSolution", "components", "field_values", "rational_expr", "sort_numbers"]


def _common_denominator(cells: Iterable[tuple[Poly, Poly]]) -> Poly:
    """A common multiple of the denominators: an integer times distinct primitive factors."""
    integer = 1
    factors: dict[Poly, None] = {}
    for _, den in cells:
        integer = math.lcm(integer, _poly.content(den))
        if _poly.degree(den) >= 1:
            factors[_poly.primitive(den)] = None
    out: Poly = (integer,)
    for f in factors:
        out = _poly.mul(out, f)
    return out


def _scaled(cells: np.ndarray, common: Poly) -> np.ndarray:
    """The polynomial matrix ``common * cells`` (exact: common is a multiple of every den)."""
    out = np.empty(cells.shape, dtype=object)
    for index in np.ndindex(cells.shape):
        num, den = cells[index]
        out[index] = _poly.divexact(_poly.mul(num, common), den)
    return out


@dataclass
class PointSolution:
    """The equilibria at one parameter value, keyed so that they can be compared."""

    keys: list[Any]  # one hashable identity per extreme equilibrium, in display order
    components: tuple[Component, ...]
    # (profile, payoffs) per equilibrium; None at an irrational point until asked for
    values: list[tuple[tuple[tuple[Any, ...], ...], tuple[Any, ...]]] | None
    undefined: bool = False
    exact_rational: bool = True

    def signature(self) -> tuple[frozenset, frozenset]:
        parts = frozenset(frozenset(self.keys[e] for e in c.equilibria) for c in self.components)
        return frozenset(self.keys), parts

def field_values(fractions: list[tuple[Poly, Poly]], t: Algebraic, symbol_name: str) -> list:
    """Rational functions evaluated exactly at an algebraic number, as sympy expressions."""
    import sympy

    alpha = t.to_sympy(symbol_name)
    out = []
    for num, den in fractions:
        coeffs = _poly.field_value(num, den, t.poly) if num else []
        out.append(
            sympy.expand(
                sum(
                    (
                        sympy.Rational(c.numerator, c.denominator) * alpha**k
                        for k, c in enumerate(coeffs)
                    ),
                    sympy.Integer(0),
                )
            )
        )
    return out


def _pure_profile(s: Sequence[int], shape: Sequence[int]) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(
        tuple(Fraction(int(k == j)) for k in range(n)) for j, n in zip(s, shape, strict=True)
    )


def rational_expr(num: Poly, den: Poly, symbol: Any) -> Any:
    """num / den as a simplified sympy expression (cancelled, then factored)."""
    import sympy

    if not num:
        return sympy.Integer(0)
    expr = sympy.cancel(_poly.to_sympy(num, symbol) / _poly.to_sympy(den, symbol))
    return sympy.factor(expr)


def components(keys: list[tuple[int, int]]) -> tuple[Component, ...]:
    """Components and maximal Nash subsets of extreme equilibria given as vertex-label pairs."""
    xs = sorted({k[0] for k in keys})
    ys = sorted({k[1] for k in keys})
    index = {k: e for e, k in enumerate(keys)}
    parent = {("x", x): ("x", x) for x in xs} | {("y", y): ("y", y) for y in ys}

    def find(u: Any) -> Any:
        while parent[u] != u:
            u = parent[u]
        return u

    for x, y in keys:
        a, b = find(("x", x)), find(("y", y))
        if a != b:
            parent[b] = a
    groups: dict[Any, list[int]] = defaultdict(list)
    for e, (x, _) in enumerate(keys):
        groups[find(("x", x))].append(e)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for x, y in keys:
        neighbours[x].add(y)
    out = []
    for edges in sorted(groups.values(), key=min):
        rows = sorted({keys[e][0] for e in edges})
        closed: set[frozenset[int]] = set()
        frontier = {frozenset(neighbours[x]) for x in rows}
        while frontier:
            closed |= frontier
            frontier = {
                a & frozenset(neighbours[x])
                for a in frontier
                for x in rows
                if a & neighbours[x] and (a & frozenset(neighbours[x])) not in closed
            }
        subsets = []
        for yset in closed:
            xset = [x for x in rows if yset <= neighbours[x]]
            subsets.append(tuple(sorted(index[(x, y)] for x in xset for y in yset)))
        out.append(Component(tuple(sorted(edges)), tuple(sorted(subsets))))
    return tuple(out)


def sort_numbers(numbers: Iterable[Number]) -> list[Number]:
    import functools

    out: list[Number] = []
    for x in sorted(numbers, key=functools.cmp_to_key(_poly.compare)):
        if not out or _poly.compare(out[-1], x) != 0:
            out.append(x)
    return out
