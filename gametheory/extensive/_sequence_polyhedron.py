"""Exact vertices of a pointed polyhedron {z : G z >= g, H z = h} by the double description method.

The normal-form enumerator (:mod:`gametheory.algorithms._polytope`) needs polytopes of the form
{z >= 0, C z <= 1}; the sequence-form polyhedra have equations and free variables (the
opponent's information-set values), so they get this general, smaller version. The polyhedron
is homogenised to the cone {(z, t) : G z - g t >= 0, H z - h t = 0, t >= 0}; its extreme rays
with t > 0 are the vertices. The cone starts as the simplicial cone of a square nonsingular set
of the inequalities (chosen by the caller), whose extreme rays are the columns of the inverse;
the other rows are added one at a time (Motzkin et al., 1953; Fukuda and Prodon, 1996): an
equation keeps the rays on its hyperplane, an inequality those on its side, and each adjacent
pair of rays on opposite sides gives a new ray on the hyperplane. Adjacency is the combinatorial
test (no third ray's zero set contains the pair's common zero set), exact for an exact ray set.
Rays are primitive vectors of Python integers; zero sets are bit masks over the rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["polyhedron_vertices"]

Row = list[int]


def _integer_row(row: Sequence[Fraction]) -> Row:
    """A positive multiple of the row with coprime integer entries."""
    scale = math.lcm(*(v.denominator for v in row))
    ints = [int(v * scale) for v in row] if scale > 1 else [int(v) for v in row]
    g = math.gcd(*ints)
    return [v // g for v in ints] if g > 1 else ints


def _primitive(ray: Row) -> Row:
    g = math.gcd(*ray)
    return [v // g for v in ray] if g > 1 else ray


def _inverse_columns(rows: list[Row]) -> list[Row]:
    """The columns of the inverse of a square nonsingular integer matrix, as primitive integer
    rays (each scaled by a positive number)."""
    n = len(rows)
    if all(sum(map(bool, row)) == 1 and max(row) == 1 for row in rows):
        # A permutation matrix (the common start: variables >= 0): its inverse is its transpose.
        return [[rows[i][j] for i in range(n)] for j in range(n)]
    a = [[Fraction(v) for v in row] + [Fraction(int(i == j)) for j in range(n)]
         for i, row in enumerate(rows)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        head = a[col][col]
        a[col] = [v / head for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col], strict=True)]
    inverse = [row[n:] for row in a]
    return [_primitive(_integer_row([inverse[i][j] for i in range(n)])) for j in range(n)]


def polyhedron_vertices(
    inequalities: Sequence[Sequence[Fraction]],
    equations: Sequence[Sequence[Fraction]],
    start: Sequence[int],
) -> list[tuple[Fraction, ...]]:
    """Every vertex of {z : G z >= g, H z = h}, exactly.

    Parameters
    ----------
    inequalities : sequence of rows
        Rows ``(G_k, -g_k)`` of length d + 1 (homogenised: ``G_k z - g_k t >= 0``); the caller
        includes ``t >= 0`` itself as a row ``(0, ..., 0, 1)``.
    equations : sequence of rows
        Rows ``(H_k, -h_k)`` of length d + 1.
    start : sequence of int
        Indices of d + 1 inequality rows forming a nonsingular matrix (the starting cone).

    Returns
    -------
    list of tuple of Fraction
        The vertices, in the order of the enumeration. The polyhedron must be pointed (the
        starting rows guarantee it).
    """
    ineq = [_integer_row(r) for r in inequalities]
    eqs = [_integer_row(r) for r in equations]
    d1 = len(ineq[start[0]])
    rays = _inverse_columns([ineq[k] for k in start])
    # Ray j of the inverse is tight at every starting row but the j-th.
    all_start = 0
    for k in start:
        all_start |= 1 << k
    zeros = [all_start & ~(1 << k) for k in start]
    n_ineq = len(ineq)
    in_start = set(start)
    order = [(n_ineq + e, row, True) for e, row in enumerate(eqs)]
    order += [(k, ineq[k], False) for k in range(n_ineq) if k not in in_start]
    for bit_index, row, is_equation in order:
        bit = 1 << bit_index
        values = [sum(a * b for a, b in zip(row, ray, strict=True) if a) for ray in rays]
        pos = [r for r, v in enumerate(values) if v > 0]
        neg = [r for r, v in enumerate(values) if v < 0]
        zero = [r for r, v in enumerate(values) if v == 0]
        if not neg and (not is_equation or not pos):
            for r in zero:
                zeros[r] |= bit
            continue
        new_rays, new_zeros = [], []
        # Adjacent rays share at least (dimension - 2) tight rows; check the count first.
        need = d1 - 2
        for p in pos:
            zp = zeros[p]
            for q in neg:
                common = zp & zeros[q]
                if common.bit_count() < need:
                    continue
                if any(r != p and r != q and zeros[r] & common == common
                       for r in range(len(rays))):
                    continue
                vp, vq = values[p], values[q]
                new_rays.append(_primitive(
                    [vp * b - vq * a for a, b in zip(rays[p], rays[q], strict=True)]))
                new_zeros.append(common | bit)
        keep = zero if is_equation else pos + zero
        for r in zero:
            zeros[r] |= bit
        rays = [rays[r] for r in keep] + new_rays
        zeros = [zeros[r] for r in keep] + new_zeros
    out = []
    for ray in rays:
        t = ray[-1]
        if t > 0:
            out.append(tuple(Fraction(v, t) for v in ray[:-1]))
    return out
