"""The weak Stackelberg value: a supremum over commitments, and whether it is attained.

See :mod:`.stackelberg` for the definitions. Follower strategies with equal payoff columns form a
class (they tie everywhere). Where a class is the follower's only best response on a set of
commitments with non-empty interior, the supremum over that set of the leader's worst payoff
within the class is an LP over its closure; the weak value is the best of these (every
commitment lies in the closure of such a set). It is attained exactly when one LP per class and
set of tying strategies finds a commitment that gives the leader that much while every other
strategy is strictly worse for the follower.

References
----------
von Stengel, B. and Zamir, S. (2010). Leadership games with convex strategy sets. *Games and
Economic Behavior* 69, 446-457, Section 2 (weak and strong Stackelberg).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from ._lp import maximize, simplex_rows
from .stackelberg import Commitment, _column, _follower_best, _region_rows, _value

__all__ = ["mixed_weak"]

#: Most follower strategies outside a class for which attainment is decided.
MAX_TIE_SETS = 12


def _classes(b: list[list[Fraction]]) -> list[list[int]]:
    """Follower strategies grouped by equal payoff columns, in order of first appearance."""
    groups: dict[tuple[Fraction, ...], list[int]] = {}
    for j in range(len(b[0])):
        groups.setdefault(tuple(_column(b, j)), []).append(j)
    return list(groups.values())


def _reachable(a: list[list[Fraction]], k: int, value: Fraction) -> bool:
    """Whether some leader strategy gives the leader ``value`` against ``k`` (exact)."""
    return max(row[k] for row in a) >= value


def _never_worse(b: list[list[Fraction]], k: int, j: int) -> bool:
    """Whether follower strategy ``k`` is at least as good as ``j`` against every row."""
    return all(row[k] >= row[j] for row in b)


def _weak_candidate(
    a: list[list[Fraction]], b: list[list[Fraction]], group: list[int]
) -> tuple[Fraction, tuple[Fraction, ...]] | None:
    """Sup of the class's worst leader payoff where it is the unique best response, or None.

    None when the class is never the follower's only best response on a set with interior.
    """
    m, n = len(a), len(a[0])
    j, outside = group[0], [k for k in range(n) if k not in group]
    nonneg, zeros = simplex_rows(m, 1)
    simplex = ([[Fraction(1)] * m + [Fraction(0)]], [Fraction(1)])
    # Interior: max s with (B_j - B_k).x >= s for every k outside the class, s <= 1.
    margin = [[b[i][k] - b[i][j] for i in range(m)] + [Fraction(1)] for k in outside]
    cap = [[Fraction(0)] * m + [Fraction(1)]]
    # A strategy outside the class that is never worse for the follower leaves the class no
    # commitment where it is the only best response (the margin LP's optimum is <= 0).
    if any(_never_worse(b, k, j) for k in outside):
        return None
    if outside:
        solved = maximize([Fraction(0)] * m + [Fraction(1)], margin + nonneg + cap,
                          [Fraction(0)] * len(outside) + zeros + [Fraction(1)], *simplex)
        if solved is None or solved[0] <= 0:
            return None
    # max t with t <= A_k.x for k in the class, over the closure of the region.
    rows, rhs = _region_rows(b, j, outside, 1)
    below = [[-a[i][k] for i in range(m)] + [Fraction(1)] for k in group]
    solved = maximize([Fraction(0)] * m + [Fraction(1)], rows + below + nonneg,
                      rhs + [Fraction(0)] * len(group) + zeros, *simplex)
    if solved is None:  # the region has an interior, so this cannot happen
        raise RuntimeError("weak Stackelberg LP found no commitment")
    return solved[0], solved[1][:m]


def _weak_attained(
    a: list[list[Fraction]], b: list[list[Fraction]], group: list[int], value: Fraction
) -> tuple[Fraction, ...] | None:
    """A commitment giving the leader ``value`` against the worst best response, or None."""
    m, n = len(a), len(a[0])
    j, outside = group[0], [k for k in range(n) if k not in group]
    nonneg, zeros = simplex_rows(m, 1)
    cap = ([[Fraction(0)] * m + [Fraction(1)]], [Fraction(1)])
    simplex = ([[Fraction(1)] * m + [Fraction(0)]], [Fraction(1)])
    # The leader gets at least ``value`` against k only if some row gives that much: a tie
    # with any other k makes the LP infeasible (exactly; no LP needed to say so).
    reachable = [k for k in outside if _reachable(a, k, value)]
    if not all(_reachable(a, k, value) for k in group):
        return None
    for size in range(len(outside) + 1):
        for ties in itertools.combinations(outside, size):
            if any(k not in reachable for k in ties):
                continue
            strict = [k for k in outside if k not in ties]
            rows = [[b[i][k] - b[i][j] for i in range(m)] + [Fraction(1)] for k in strict]
            rows += [[b[i][k] - b[i][j] for i in range(m)] + [Fraction(0)] for k in ties]
            rows += [[-a[i][k] for i in range(m)] + [Fraction(0)] for k in (*group, *ties)]
            rhs = [Fraction(0)] * (len(strict) + len(ties)) + [-value] * (len(group) + size)
            solved = maximize([Fraction(0)] * m + [Fraction(1)], rows + nonneg + cap[0],
                              rhs + zeros + cap[1], *simplex)
            if solved is not None and (solved[0] > 0 or not strict):
                return solved[1][:m]
    return None


def mixed_weak(a: list[list[Fraction]], b: list[list[Fraction]]) -> tuple[Commitment, bool]:
    """The weak SSE (or its supremum) and whether attainment was decided."""
    candidates = []
    for group in _classes(b):
        found = _weak_candidate(a, b, group)
        if found is not None:
            candidates.append((found[0], found[1], group))
    value = max(c[0] for c in candidates)
    decided = True
    for v, _, group in candidates:
        if v != value:
            continue
        n_outside = len(a[0]) - len(group)
        if n_outside > MAX_TIE_SETS:
            decided = False
            continue
        point = _weak_attained(a, b, group, value)
        if point is not None:
            replies = _follower_best(b, point)
            worst = min(replies, key=lambda k: (_value(point, _column(a, k)), k))
            if _value(point, _column(a, worst)) != value:
                raise RuntimeError("weak Stackelberg commitment failed its exact check")
            return Commitment("mixed", "weak", point, worst,
                              (value, _value(point, _column(b, worst)))), True
    v, x, group = next(c for c in candidates if c[0] == value)
    j = group[0]
    sup = Commitment("mixed", "weak", x, j, (value, _value(x, _column(b, j))), attained=False)
    return sup, decided
