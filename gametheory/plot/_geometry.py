"""Exact plane geometry for the figures: best-response sets, convex hull, Pareto frontier."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["best_response_segments", "convex_hull", "pareto_frontier"]

Point = tuple[Fraction, Fraction]


def best_response_segments(
    base: Fraction, slope: Fraction
) -> tuple[list[tuple[Point, Point]], bool]:
    """The graph of a 2x2 best response, as segments in (own probability, other's probability).

    The player's gain from its first strategy over its second, against the other player's
    probability ``t`` of playing the other's first strategy, is ``base + slope * t``. Where the
    gain is positive the best response is probability 1, where negative 0, and where zero any
    probability. Returns the segments (as ``((own, t), (own, t))``) and whether the player is
    indifferent everywhere (then the graph is the whole square and no segment is returned).

    Examples
    --------
    Matching the other's first strategy pays 1, the second 1: indifferent at t = 1/2.

    >>> segments, everywhere = best_response_segments(Fraction(-1), Fraction(2))
    >>> [(tuple(map(str, a)), tuple(map(str, b))) for a, b in segments]
    [(('0', '0'), ('0', '1/2')), (('0', '1/2'), ('1', '1/2')), (('1', '1/2'), ('1', '1'))]
    >>> everywhere
    False
    """
    if base == 0 and slope == 0:
        return [], True
    cuts = [Fraction(0), Fraction(1)]
    if slope != 0:
        root = -base / slope
        if 0 < root < 1:
            cuts.insert(1, root)
    segments: list[tuple[Point, Point]] = []
    for k, t in enumerate(cuts):
        if base + slope * t == 0:
            segments.append(((Fraction(0), t), (Fraction(1), t)))
        if k + 1 < len(cuts):
            middle = (t + cuts[k + 1]) / 2
            own = Fraction(1) if base + slope * middle > 0 else Fraction(0)
            segments.append(((own, t), (own, cuts[k + 1])))
    segments.sort()
    return segments, False


def _cross(o: Point, a: Point, b: Point) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """The vertices of the convex hull, counter-clockwise, exactly (Andrew's monotone chain).

    Examples
    --------
    >>> F = Fraction
    >>> convex_hull([(F(0), F(0)), (F(2), F(0)), (F(1), F(1)), (F(0), F(2)), (F(1), F(0))])
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1))]
    """  # noqa: E501
    unique = sorted(set(points))
    if len(unique) <= 2:
        return unique
    lower: list[Point] = []
    for p in unique:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(unique):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def pareto_frontier(hull: Sequence[Point]) -> list[Point]:
    """The strictly Pareto-efficient boundary of a convex polygon, from its right to its top.

    Examples
    --------
    >>> F = Fraction
    >>> pareto_frontier(convex_hull([(F(1), F(1)), (F(3), F(0)), (F(0), F(3))]))
    [(Fraction(3, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(3, 1))]
    >>> pareto_frontier([(F(0), F(0)), (F(1), F(0)), (F(1), F(1)), (F(0), F(1))])
    [(Fraction(1, 1), Fraction(1, 1))]
    """
    if not hull:
        return []
    right = max(range(len(hull)), key=lambda k: (hull[k][0], hull[k][1]))
    top = max(range(len(hull)), key=lambda k: (hull[k][1], hull[k][0]))
    frontier = [hull[right]]
    k = right
    while k != top:
        k = (k + 1) % len(hull)
        frontier.append(hull[k])
    return frontier
