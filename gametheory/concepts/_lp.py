"""Certified exact linear programs over polytopes (private helpers for the concepts).

:func:`maximize` solves ``max c.z`` subject to ``a_ub z <= b_ub`` and ``a_eq z = b_eq`` over a
*bounded* feasible set. HiGHS finds a basic optimum in floating point; the exact vertex under it
is recovered by :func:`gametheory.algorithms._exact_lp.exact_vertex`, and the dual LP is solved
the same way. A primal-feasible and a dual-feasible point with equal objective values prove
optimality (LP duality), so the optimum is certified exactly. If either step fails, or HiGHS
finds the LP infeasible, the vertices of the feasible set are enumerated exactly instead (small
problems only). Infeasibility is certified by phase one: the smallest uniform violation of the
inequalities, itself a certified LP optimum, is positive; failing that, an empty enumeration
proves it, since a non-empty polytope has a vertex.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

from ..algorithms._exact_lp import _Echelon, _fraction, exact_vertex

#: Most square subsystems tried by the exact fallback before giving up.
ENUMERATION_LIMIT = 50_000

Row = Sequence[Fraction]


class Undecided(RuntimeError):
    """Neither HiGHS nor the exact enumeration (too large) settled the LP."""


def _dot(a: Row, z: Row) -> Fraction:
    return sum((_fraction(x) * y for x, y in zip(a, z, strict=True) if y), Fraction(0))


def _feasible(z: Row, a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row) -> bool:
    return all(_dot(r, z) <= b for r, b in zip(a_ub, b_ub, strict=True)) and all(
        _dot(r, z) == b for r, b in zip(a_eq, b_eq, strict=True)
    )


def _dual_certificate(
    c: Row, z: Row, a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row
) -> bool:
    """True if a dual-feasible point with the primal value c.z exists (found exactly)."""
    p, q, d = len(a_ub), len(a_eq), len(c)
    # Dual: min b_ub.y + b_eq.w  s.t.  a_ub^T y + a_eq^T w = c,  y >= 0.
    cost = [_fraction(v) for v in b_ub] + [_fraction(v) for v in b_eq]
    nonneg = [[Fraction(-int(k == t)) for t in range(p + q)] for k in range(p)]
    rows = [
        [_fraction(a_ub[k][j]) for k in range(p)] + [_fraction(a_eq[k][j]) for k in range(q)]
        for j in range(d)
    ]
    y = exact_vertex(cost, nonneg, [Fraction(0)] * p, rows, list(c))
    if y is None:
        return False
    return _dot(cost, y) == _dot(c, z)


def _enumerate(
    c: Row, a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row
) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    d = len(c)
    base = _Echelon(d)
    for row, rhs in zip(a_eq, b_eq, strict=True):
        base.add(row, rhs)
    need = d - len(base.rows)
    if math.comb(len(a_ub), need) > ENUMERATION_LIMIT:
        raise Undecided("too many vertices to enumerate exactly")
    best: tuple[Fraction, tuple[Fraction, ...]] | None = None
    for subset in itertools.combinations(range(len(a_ub)), need):
        echelon = _Echelon(d)
        echelon.rows = list(base.rows)
        if not all(echelon.add(a_ub[k], b_ub[k]) for k in subset):
            continue
        z = echelon.solve()
        if not _feasible(z, a_ub, b_ub, a_eq, b_eq):
            continue
        value = _dot(c, z)
        if best is None or value > best[0]:
            best = (value, z)
    return best


def maximize(
    c: Row,
    a_ub: Sequence[Row],
    b_ub: Row,
    a_eq: Sequence[Row] = (),
    b_eq: Row = (),
) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    """The exact, certified optimum ``(value, z)`` of a bounded LP, or None if infeasible.

    Raises
    ------
    Undecided
        If HiGHS's answer cannot be certified and the problem is too large to enumerate.
    """
    certified = _certified(c, a_ub, b_ub, a_eq, b_eq)
    if certified is not None:
        return certified
    if _infeasible(a_ub, b_ub, a_eq, b_eq):
        return None
    return _enumerate([Fraction(v) for v in c], a_ub, b_ub, a_eq, b_eq)


def _certified(
    c: Row, a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row
) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    """HiGHS's optimum made exact and certified by a dual solution, or None."""
    c = [_fraction(v) for v in c]
    z = exact_vertex([-v for v in c], a_ub, b_ub, a_eq, b_eq)
    if z is not None and _dual_certificate(c, z, a_ub, b_ub, a_eq, b_eq):
        return _dot(c, z), tuple(z)
    return None


def _infeasible(a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row) -> bool:
    """True if the constraints are certified infeasible (phase one: the least uniform
    violation r of the inequalities, certified optimal, is positive)."""
    if not a_ub:
        return False
    width = len(a_ub[0])
    rows = [[*map(_fraction, row), Fraction(-1)] for row in a_ub]
    rows.append([Fraction(0)] * width + [Fraction(-1)])
    equal = [[*map(_fraction, row), Fraction(0)] for row in a_eq]
    found = _certified([Fraction(0)] * width + [Fraction(-1)], rows, [*b_ub, Fraction(0)],
                       equal, b_eq)
    return found is not None and found[0] < 0


def simplex_rows(m: int, extra: int = 0) -> tuple[list[list[Fraction]], list[Fraction]]:
    """Rows ``-x_k <= 0`` for the first ``m`` of ``m + extra`` variables."""
    rows = [[Fraction(-int(k == t)) for t in range(m + extra)] for k in range(m)]
    return rows, [Fraction(0)] * m
