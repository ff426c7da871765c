"""Pareto efficiency of outcomes and of equilibria, exactly.

Definitions
-----------
A payoff vector :math:`v` is *Pareto-dominated* by :math:`w` when :math:`w_i \\ge v_i` for every
player and :math:`w_i > v_i` for some player. A pure outcome (profile) is *Pareto-efficient*
when no pure outcome's payoff vector dominates its own.

For an equilibrium three comparisons are made:

* against the other equilibria given (is some equilibrium better for all?);
* against the pure outcomes;
* against the *feasible payoff set*: the convex hull of the pure outcomes' payoff vectors,
  the payoffs reachable when the players may jointly randomise over pure profiles (a
  correlated strategy or a public lottery). Every mixed-profile payoff lies in this set, so an
  equilibrium not dominated there is not dominated by any mixed profile either. This is the
  notion used for ``dominated_by_mixture``.

Method for the convex hull: a linear program (scipy HiGHS) looks for a dominating point, a
second for strictly positive weights :math:`\\lambda` with :math:`\\lambda \\cdot v \\ge
\\lambda \\cdot w` for every outcome :math:`w` (a point of a polytope is efficient exactly when
such weights exist). Each solution is made exact and verified in rational arithmetic, so the
answer is certified either way. For two players an exact geometric test is the fallback; for
more players an answer that neither certificate confirms is reported as ``None`` (undetermined).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..game import Game
from ..result import Equilibrium
from ._exact_lp import exact_vertex, float_solution

__all__ = ["EfficiencyReport", "equilibrium_efficiency", "pareto_efficient_outcomes"]

_CHUNK = 256


def _dominates(w: Sequence[Fraction], v: Sequence[Fraction]) -> bool:
    return all(a >= b for a, b in zip(w, v, strict=True)) and any(
        a > b for a, b in zip(w, v, strict=True)
    )


def _outcome_vectors(game: Game) -> np.ndarray:
    """Pure outcomes' payoffs, one row per profile in lexicographic order (object Fractions)."""
    return np.stack([p.reshape(-1) for p in game.payoffs], axis=1)


def pareto_efficient_outcomes(game: Game) -> tuple[tuple[int, ...], ...]:
    """The pure profiles whose payoffs no other pure profile Pareto-dominates.

    Parameters
    ----------
    game : Game
        A game with any number of players.

    Returns
    -------
    tuple of tuple of int
        The efficient profiles as strategy indices, in lexicographic order.

    Examples
    --------
    In the prisoner's dilemma every outcome but mutual defection is efficient:

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pareto_efficient_outcomes(g)
    ((0, 0), (0, 1), (1, 0))
    """
    profiles = list(game.pure_profiles())
    return tuple(profiles[k] for k in _efficient_rows(_outcome_vectors(game)))


def _efficient_rows(vectors: np.ndarray) -> list[int]:
    """Indices of the rows (payoff vectors) that no row Pareto-dominates, in order."""
    # Scaling each player's payoffs to integers keeps every comparison and lets numpy compare
    # machine integers when they fit.
    columns = []
    for column in vectors.T:
        scale = math.lcm(*(v.denominator for v in column))
        columns.append([int(v * scale) for v in column])
    scaled = list(zip(*columns, strict=True))
    unique = sorted(set(scaled))
    fits = max(abs(v) for row in unique for v in row) < 2**62
    table = np.array(unique, dtype=np.int64 if fits else object).reshape(len(unique), -1)
    dominated: set[tuple[int, ...]] = set()
    for start in range(0, len(unique), _CHUNK):
        chunk = table[start : start + _CHUNK]
        # ge[a, b]: outcome b is at least outcome a for every player; gt: better for someone.
        ge = (table[None, :, :] >= chunk[:, None, :]).all(axis=2)
        gt = (table[None, :, :] > chunk[:, None, :]).any(axis=2)
        for k in np.flatnonzero((ge & gt).any(axis=1)):
            dominated.add(unique[start + int(k)])
    return [k for k, vector in enumerate(scaled) if vector not in dominated]


@dataclass(frozen=True)
class EfficiencyReport:
    """How one equilibrium compares with the others and with the feasible outcomes.

    Attributes
    ----------
    equilibrium : int
        Its index in the list given.
    payoffs : tuple of Fraction
        Its expected payoffs.
    dominated_by_equilibria : tuple of int
        Indices of the equilibria (in the list given) whose payoffs Pareto-dominate it.
    dominated_by_outcomes : tuple of tuple of int
        The pure profiles (strategy indices, lexicographic order) whose payoffs dominate it.
    dominated_by_mixture : bool or None
        True if some point of the convex hull of the pure outcomes' payoffs dominates it (see
        the module docstring), False if none does; None if undetermined (more than two players
        and a floating-point failure of both certificates).
    mixture : tuple of (tuple of int, Fraction)
        When ``dominated_by_mixture``: a lottery over pure profiles, as (profile, probability)
        pairs, whose expected payoffs dominate the equilibrium's; else empty.
    """

    equilibrium: int
    payoffs: tuple[Fraction, ...]
    dominated_by_equilibria: tuple[int, ...]
    dominated_by_outcomes: tuple[tuple[int, ...], ...]
    dominated_by_mixture: bool | None
    mixture: tuple[tuple[tuple[int, ...], Fraction], ...] = ()

    @property
    def efficient_among_equilibria(self) -> bool:
        """True if no listed equilibrium Pareto-dominates this one."""
        return not self.dominated_by_equilibria

    @property
    def efficient_among_outcomes(self) -> bool:
        """True if no pure outcome Pareto-dominates this equilibrium."""
        return not self.dominated_by_outcomes


def _dominator_lp(
    points: list[tuple[Fraction, ...]], u: tuple[Fraction, ...]
) -> tuple[list[Fraction], list[list[Fraction]], list[Fraction]]:
    """LP: maximise sum_i (P^T w)_i subject to P^T w >= u, w >= 0, sum(w) = 1 (c, A_ub, b_ub)."""
    k, n = len(points), len(u)
    one, zero = Fraction(1), Fraction(0)
    a_ub = [[-points[j][i] for j in range(k)] for i in range(n)]
    a_ub += [[-one if j == r else zero for j in range(k)] for r in range(k)]
    b_ub = [-v for v in u] + [zero] * k
    return [-sum(p, zero) for p in points], a_ub, b_ub


def _hull_dominator(
    points: list[tuple[Fraction, ...]], u: tuple[Fraction, ...]
) -> tuple[Fraction, ...] | None:
    """Weights over ``points`` whose mixture dominates u, verified exactly; else None."""
    k, n = len(points), len(u)
    c, a_ub, b_ub = _dominator_lp(points, u)
    x = float_solution(c, a_ub, b_ub, [[Fraction(1)] * k], [Fraction(1)])
    if x is None:
        return None
    # A basic optimal solution mixes at most n + 1 points: recover it exactly over the points
    # the floating-point solution uses (an exact solve over all k points costs O(k^3)).
    support = [j for j in range(k) if x[j] > 1e-9]
    c, a_ub, b_ub = _dominator_lp([points[j] for j in support], u)
    w_support = exact_vertex(c, a_ub, b_ub, [[Fraction(1)] * len(support)], [Fraction(1)])
    if w_support is None or any(p < 0 for p in w_support) or sum(w_support) != 1:
        return None
    w = [Fraction(0)] * k
    for j, p in zip(support, w_support, strict=True):
        w[j] = p
    q = tuple(sum((w[j] * points[j][i] for j in support if w[j]), Fraction(0)) for i in range(n))
    return tuple(w) if _dominates(q, u) else None


def _efficiency_weights(
    points: list[tuple[Fraction, ...]], u: tuple[Fraction, ...]
) -> tuple[Fraction, ...] | None:
    """Weights lambda > 0 with lambda . (p - u) <= 0 for every point p, verified; else None.

    LP in (lambda, t): maximise t subject to t <= lambda_i, sum(lambda) = 1,
    lambda . (p - u) <= 0.
    """
    n = len(u)
    one, zero = Fraction(1), Fraction(0)
    a_ub = [[-one if j == i else zero for j in range(n)] + [one] for i in range(n)]
    a_ub += [[p[i] - u[i] for i in range(n)] + [zero] for p in points]
    b_ub = [zero] * (n + len(points))
    vertex = exact_vertex([zero] * n + [-one], a_ub, b_ub, [[one] * n + [zero]], [one])
    if vertex is None:
        return None
    weights = vertex[:n]
    if any(w <= 0 for w in weights):
        return None
    if any(sum((w * (p[i] - u[i]) for i, w in enumerate(weights)), zero) > 0 for p in points):
        return None
    return weights


def _hull_dominator_2d(
    points: list[tuple[Fraction, ...]], u: tuple[Fraction, ...]
) -> tuple[Fraction, ...] | None:
    """Exact two-player test: weights over ``points`` whose mixture dominates u, or None.

    The maximum of q_2 over {q in hull, q_1 >= u_1} is attained at a point or on a segment
    between two points where q_1 = u_1; likewise with the players swapped. u is dominated
    exactly when one of these maxima beats u.
    """
    k = len(points)
    for a, b in ((0, 1), (1, 0)):
        best: tuple[Fraction, tuple[Fraction, ...]] | None = None
        for j, p in enumerate(points):
            if p[a] >= u[a]:
                w = tuple(Fraction(int(r == j)) for r in range(k))
                if best is None or p[b] > best[0]:
                    best = (p[b], w)
            for r in range(j + 1, k):
                q = points[r]
                if (p[a] - u[a]) * (q[a] - u[a]) < 0:
                    t = (u[a] - q[a]) / (p[a] - q[a])  # weight on p: t p + (1 - t) q hits u_a
                    value = t * p[b] + (1 - t) * q[b]
                    if best is None or value > best[0]:
                        weights = [Fraction(0)] * k
                        weights[j], weights[r] = t, 1 - t
                        best = (value, tuple(weights))
        if best is not None and best[0] > u[b]:
            return best[1]
    return None


def equilibrium_efficiency(
    game: Game, equilibria: Sequence[Equilibrium | Any]
) -> tuple[EfficiencyReport, ...]:
    """Pareto comparison of each equilibrium with the others, the pure outcomes and their hull.

    Parameters
    ----------
    game : Game
        A game with any number of players.
    equilibria : sequence of Equilibrium or profiles
        For example ``solve(game).equilibria``; anything :meth:`Game.profile` accepts works too
        (its expected payoffs are then computed).

    Returns
    -------
    tuple of EfficiencyReport
        One per equilibrium, in the order given.

    Examples
    --------
    The prisoner's dilemma: mutual defection is dominated by mutual cooperation (an outcome,
    not an equilibrium):

    >>> from gametheory import solve
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> r, = equilibrium_efficiency(g, solve(g).equilibria)
    >>> r.efficient_among_equilibria, r.dominated_by_outcomes, r.dominated_by_mixture
    (True, ((0, 0),), True)

    Battle of the sexes: the mixed equilibrium (payoffs 2/3, 2/3) is dominated by both pure
    ones; those are efficient.

    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [(r.dominated_by_equilibria, r.dominated_by_mixture)
    ...  for r in equilibrium_efficiency(g, solve(g).equilibria)]
    [((), False), ((0, 2), True), ((), False)]
    """
    payoffs = [
        tuple(eq.payoffs) if isinstance(eq, Equilibrium) else game.expected_payoffs(eq)
        for eq in equilibria
    ]
    profiles = list(game.pure_profiles())
    vectors = _outcome_vectors(game)
    # Only efficient outcomes matter: a mixture dominating u still does once each outcome in
    # it is replaced by an efficient outcome that is at least as good for everyone.
    unique = sorted({tuple(vectors[k]) for k in _efficient_rows(vectors)})
    where = {v: profiles[k] for k, v in reversed(list(enumerate(map(tuple, vectors.tolist()))))}
    # Equilibria of a degenerate game often share their payoffs (the reduced form of a tree
    # can have thousands of extreme equilibria and a few dozen payoff vectors): everything
    # below depends on the payoff vector only, so it is computed once per distinct vector.
    distinct = list(dict.fromkeys(tuple(u) for u in payoffs))
    holders: dict[tuple[Any, ...], list[int]] = {}
    for index, u in enumerate(payoffs):
        holders.setdefault(tuple(u), []).append(index)
    verdicts = {}
    for u in distinct:
        by_equilibria = tuple(sorted(
            j for v in distinct if _dominates(v, u) for j in holders[v]
        ))
        ge = np.ones(len(profiles), dtype=bool)
        gt = np.zeros(len(profiles), dtype=bool)
        for i, value in enumerate(u):
            ge &= (vectors[:, i] >= value).astype(bool)
            gt |= (vectors[:, i] > value).astype(bool)
        by_outcomes = tuple(profiles[k] for k in np.flatnonzero(ge & gt))
        dominated: bool | None
        mixture: tuple[tuple[tuple[int, ...], Fraction], ...] = ()
        if by_outcomes:
            dominated = True
            mixture = ((by_outcomes[0], Fraction(1)),)
        else:
            weights = _hull_dominator(unique, u)
            if weights is None and game.n_players == 2:
                if _efficiency_weights(unique, u) is None:
                    weights = _hull_dominator_2d(unique, u)
                dominated = weights is not None
            elif weights is None:
                dominated = False if _efficiency_weights(unique, u) is not None else None
            else:
                dominated = True
            if weights is not None:
                mixture = tuple((where[v], w) for v, w in zip(unique, weights, strict=True) if w)
        verdicts[u] = (by_equilibria, by_outcomes, dominated, mixture)
    reports = []
    for index, u in enumerate(payoffs):
        by_equilibria, by_outcomes, dominated, mixture = verdicts[tuple(u)]
        reports.append(
            EfficiencyReport(
                equilibrium=index,
                payoffs=tuple(u),
                dominated_by_equilibria=by_equilibria,
                dominated_by_outcomes=by_outcomes,
                dominated_by_mixture=dominated,
                mixture=mixture,
            )
        )
    return tuple(reports)
