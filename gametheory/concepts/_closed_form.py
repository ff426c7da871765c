"""Closed forms of exact LP vertices in a model's parameters (private helpers).

An exact optimum found at the parameters' values is a vertex: the solution of the constraints
tight there. Solving the same constraints with the model's symbolic payoffs gives the optimum as
a rational function of the parameters, valid wherever the same constraints stay tight and the
vertex stays optimal (a neighbourhood of the values, for a nondegenerate vertex). Each formula is
checked against the exact number at the values before it is returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..algorithms._exact_lp import _Echelon

__all__ = ["commitment_expressions"]


def _at(expression: Any, values: Mapping[Any, Any]) -> Fraction | None:
    value = expression.subs(values)
    if not value.is_Rational:
        return None
    return Fraction(int(value.p), int(value.q))


def commitment_expressions(
    a_sym: Any,
    b_sym: Any,
    b_num: Sequence[Sequence[Fraction]],
    x: Sequence[Fraction],
    j: int,
    values: Mapping[str, Fraction],
) -> tuple[tuple[Any, ...], Any, Any] | None:
    """The commitment ``x`` (making follower strategy ``j`` a best response) and both payoffs
    as closed forms, or None if the tight constraints do not reproduce ``x`` at ``values``.

    ``a_sym``, ``b_sym`` are sympy matrices with the leader's strategies as rows; ``b_num`` the
    follower's exact payoffs at ``values``.
    """
    import sympy

    m, n = len(x), len(b_num[0])
    echelon = _Echelon(m)
    chosen: list[tuple[str, int]] = []
    echelon.add([Fraction(1)] * m, Fraction(1))
    for k in range(n):
        row = [b_num[i][k] - b_num[i][j] for i in range(m)]
        if k != j and sum(r * v for r, v in zip(row, x, strict=True)) == 0 and echelon.add(
            row, Fraction(0)
        ):
            chosen.append(("reply", k))
    for i in range(m):
        if x[i] == 0 and echelon.add([Fraction(int(t == i)) for t in range(m)], Fraction(0)):
            chosen.append(("zero", i))
    if len(echelon.rows) != m:
        return None
    rows, rhs = [[1] * m], [1]
    for kind, k in chosen:
        if kind == "reply":
            rows.append([b_sym[i, k] - b_sym[i, j] for i in range(m)])
        else:
            rows.append([int(t == k) for t in range(m)])
        rhs.append(0)
    try:
        solution = sympy.Matrix(rows).LUsolve(sympy.Matrix(rhs))
    except (ValueError, ZeroDivisionError):  # singular for every parameter value
        return None
    strategy = tuple(sympy.factor(sympy.cancel(v)) for v in solution)
    leader = sympy.factor(sympy.cancel(sum(a_sym[i, j] * strategy[i] for i in range(m))))
    follower = sympy.factor(sympy.cancel(sum(b_sym[i, j] * strategy[i] for i in range(m))))
    point = {
        s: sympy.Rational(values[s.name].numerator, values[s.name].denominator)
        for s in set().union(*(e.free_symbols for e in (*strategy, leader, follower)))
        if s.name in values
    }
    if any(_at(e, point) != v for e, v in zip(strategy, x, strict=True)):
        return None
    return strategy, leader, follower
