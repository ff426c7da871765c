"""Exact helpers of :mod:`.correlated` (private): certified LP optima over the polytope and
the extreme rays of a pointed cone by double description.

Both work in exact arithmetic. The LP optimum is HiGHS's basic solution made exact
(:mod:`gametheory.algorithms._exact_lp`) and proved optimal by an exact dual solution of the
same value. The double description method (Motzkin et al., 1953; Fukuda and Prodon, 1996)
works on primitive integer rays with the combinatorial adjacency test.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

__all__ = ["certified_maximum", "dot", "extreme_rays", "integer_row", "lexicographic_maximum"]


def dot(row: Any, p: Any) -> Fraction:
    return sum((a * b for a, b in zip(row, p, strict=True) if a and b), Fraction(0))


def certified_maximum(
    c: list[Fraction], rows: list, a_eq: list, b_eq: list
) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """Maximise ``c . p`` over ``p >= 0``, ``G p >= 0``, ``E p = e`` (G: ``rows``), exactly.

    The primal vertex comes from HiGHS made exact. Its optimality is proved by an exact
    solution ``(y >= 0, w)`` of the dual, ``min e . w`` subject to ``E^T w - G^T y >= c``,
    of the same value (weak duality: ``c . p <= e . w`` for every feasible pair). None if
    either step fails.
    """
    from ..algorithms._exact_lp import exact_vertex

    zero, one = Fraction(0), Fraction(1)
    d, k, m = len(c), len(rows), len(a_eq)
    a_ub = [[-v for v in row] for row in rows]
    a_ub += [[-one if q == s else zero for q in range(d)] for s in range(d)]
    p = exact_vertex([-v for v in c], a_ub, [zero] * len(a_ub), a_eq, b_eq)
    if p is None:
        return None
    value = dot(c, p)
    # Dual variables (y_1..y_k, w_1..w_m): one row per profile, then y >= 0.
    dual_ub = [
        [rows[r][s] for r in range(k)] + [-a_eq[j][s] for j in range(m)] for s in range(d)
    ]
    dual_ub += [[-one if q == r else zero for q in range(k)] + [zero] * m for r in range(k)]
    dual_rhs = [-v for v in c] + [zero] * k
    y = exact_vertex([zero] * k + list(b_eq), dual_ub, dual_rhs)
    if y is None or dot(b_eq, y[k:]) != value:
        return None
    return p, value


def lexicographic_maximum(
    d: int, rows: list, objectives: list[list[Fraction]]
) -> tuple[Fraction, ...] | None:
    """A distribution (of d profiles) maximising the objectives in turn over the polytope,
    certified; or None."""
    a_eq, b_eq = [[Fraction(1)] * d], [Fraction(1)]
    p = None
    for objective in objectives:
        found = certified_maximum(objective, rows, a_eq, b_eq)
        if found is None:
            return None
        p, value = found
        a_eq, b_eq = [*a_eq, list(objective)], [*b_eq, value]
    return p


def integer_row(row: tuple[Fraction, ...]) -> list[int]:
    scale = math.lcm(*(v.denominator for v in row))
    return [int(v * scale) for v in row]


def extreme_rays(rows: list[list[int]], d: int, limit: int | None) -> list[list[int]] | None:
    """Extreme rays of the pointed cone {p >= 0, G p >= 0} by double description, exactly.

    Rays are primitive non-negative integer vectors; a ray's zero set is a bit mask of the
    constraints tight at it (bit s < d: p_s = 0; bit d + r: row r of G). Two rays are adjacent
    when no third ray's zero set contains the intersection of theirs (Fukuda and Prodon, 1996,
    Proposition 7), which is exact for the current (minimal) set of extreme rays.
    """
    rays = [[int(q == s) for q in range(d)] for s in range(d)]
    work = 0  # containment tests done, bounded by limit * 200 when a limit is given
    full = (1 << d) - 1
    zeros = [full & ~(1 << s) for s in range(d)]
    for r, row in enumerate(rows):
        bit = 1 << (d + r)
        values = [sum(a * v for a, v in zip(row, ray, strict=True) if v) for ray in rays]
        pos = [k for k, v in enumerate(values) if v > 0]
        neg = [k for k, v in enumerate(values) if v < 0]
        zero = [k for k, v in enumerate(values) if v == 0]
        new_rays, new_zeros = [], []
        for a in pos:
            for b in neg:
                common = zeros[a] & zeros[b]
                # Adjacent rays of a pointed cone in R^d share at least d - 2 tight
                # constraints: a cheap test first, then the combinatorial one.
                if common.bit_count() < d - 2:
                    continue
                work += len(rays)
                if limit is not None and work > limit * 200:
                    return None
                if any(
                    k != a and k != b and zeros[k] & common == common for k in range(len(rays))
                ):
                    continue
                ray = [values[a] * y - values[b] * x for x, y in zip(rays[a], rays[b], strict=True)]
                g = math.gcd(*ray)
                new_rays.append([v // g for v in ray])
                new_zeros.append(common | bit)
        keep = pos + zero
        rays = [rays[k] for k in keep] + new_rays
        zeros = [zeros[k] | (bit if values[k] == 0 else 0) for k in keep] + new_zeros
        if limit is not None and len(rays) > limit:
            return None
    return rays
