"""Exact plane geometry for bargaining and repeated games (private helpers).

Points are pairs of exact numbers (:class:`~fractions.Fraction`, or sympy numbers where a
weight is irrational). Polygons are convex, their vertices counter-clockwise; a polygon may
degenerate to a segment (two vertices) or a point (one).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..plot._geometry import convex_hull, pareto_frontier

__all__ = ["clip_below", "convex_hull", "line_interval", "pareto_frontier", "upper_boundary"]

Point = tuple[Fraction, Fraction]


def _cross(a: Sequence[Any], b: Sequence[Any]) -> Any:
    return a[0] * b[1] - a[1] * b[0]


def _edges(polygon: Sequence[Point]) -> list[tuple[Point, Point]]:
    if len(polygon) == 1:
        return [(polygon[0], polygon[0])]
    if len(polygon) == 2:
        return [(polygon[0], polygon[1])]
    return [(polygon[k], polygon[(k + 1) % len(polygon)]) for k in range(len(polygon))]


def clip_below(polygon: Sequence[Point], floor: Point) -> list[Point]:
    """The part of a convex polygon where both coordinates are at least ``floor`` (a polygon).

    Sutherland-Hodgman clipping against the half-planes ``u1 >= floor[0]``, ``u2 >= floor[1]``,
    in exact arithmetic; empty if they do not meet.

    Examples
    --------
    >>> F = Fraction
    >>> square = [(F(0), F(0)), (F(2), F(0)), (F(2), F(2)), (F(0), F(2))]
    >>> [tuple(map(str, p)) for p in clip_below(square, (F(1), F(1)))]
    [('1', '1'), ('2', '1'), ('2', '2'), ('1', '2')]
    """
    points = list(polygon)
    for axis in (0, 1):
        level = floor[axis]
        closed = points if len(points) != 2 else [points[0], points[1]]
        out: list[Point] = []
        n = len(closed)
        for k in range(n):
            p, q = closed[k], closed[(k + 1) % n]
            p_in, q_in = p[axis] >= level, q[axis] >= level
            if p_in:
                out.append(p)
            if p_in != q_in:
                s = (level - p[axis]) / (q[axis] - p[axis])
                out.append((p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])))
        points = out
        if not points:
            return []
    return convex_hull(points)


def line_interval(
    polygon: Sequence[Point], origin: Sequence[Any], direction: Sequence[Any]
) -> tuple[Any, Any] | None:
    """The parameters ``t`` where ``origin + t * direction`` lies in the polygon, or None.

    Returns the smallest and the largest such ``t`` (the set is an interval, the polygon
    being convex).

    Examples
    --------
    >>> F = Fraction
    >>> triangle = [(F(0), F(0)), (F(4), F(0)), (F(0), F(4))]
    >>> line_interval(triangle, (F(0), F(0)), (F(1), F(1)))
    (Fraction(0, 1), Fraction(2, 1))
    """
    ts: list[Any] = []
    for p, q in _edges(polygon):
        e = (q[0] - p[0], q[1] - p[1])
        w = (p[0] - origin[0], p[1] - origin[1])
        denominator = _cross(direction, e)
        if denominator != 0:
            s = _cross(w, direction) / denominator
            if 0 <= s <= 1:
                ts.append(_cross(w, e) / denominator)
        elif _cross(w, direction) == 0:  # the edge lies on the line
            norm = direction[0] ** 2 + direction[1] ** 2
            for point in (p, q):
                ts.append(
                    ((point[0] - origin[0]) * direction[0]
                     + (point[1] - origin[1]) * direction[1]) / norm
                )
    if not ts:
        return None
    return min(ts), max(ts)


def upper_boundary(frontier: Sequence[Point], u1: Any) -> Any:
    """The largest ``u2`` on or below a Pareto frontier at ``u1`` (free disposal).

    ``frontier`` runs from the largest ``u1`` to the largest ``u2``; left of it the boundary
    is flat at the top vertex's ``u2``. ``u1`` must not exceed the frontier's largest ``u1``.
    """
    top = frontier[-1]
    if u1 <= top[0]:
        return top[1]
    for k in range(len(frontier) - 1):
        p, q = frontier[k], frontier[k + 1]
        if q[0] <= u1 <= p[0]:
            return q[1] + (u1 - q[0]) * (p[1] - q[1]) / (p[0] - q[0])
    return frontier[0][1]
