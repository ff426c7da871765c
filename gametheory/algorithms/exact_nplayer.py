"""Every Nash equilibrium of a small game with any number of players, exactly.

Method
------
*Support enumeration with conditional dominance* (Porter, Nudelman and Shoham, 2008,
Algorithm 2), made exhaustive and exact. Every equilibrium has exactly one *support profile*
(the strategies each player plays with positive probability). The profiles are enumerated
player by player; after each choice, strategies *conditionally strictly dominated* given the
chosen supports and the other players' remaining strategies are removed (iteratively) from the
players still to choose, and the branch is abandoned when a chosen support strategy is itself
dominated: such a strategy is never a best response, so no equilibrium is lost.

On a surviving support profile :math:`(S_1, \\dots, S_N)` the equilibria are the solutions of
the indifference equations :math:`u_i(a, \\sigma_{-i}) = u_i(a_i^0, \\sigma_{-i})` for every
:math:`a \\in S_i` (one polynomial system, multilinear in the other players' probabilities,
with :math:`\\sigma_i(a_i^0) = 1 - \\sum_{a \\ne a_i^0} \\sigma_i(a)`) satisfying
:math:`\\sigma_i(a) > 0` on :math:`S_i` and :math:`u_i(b, \\sigma_{-i}) \\le u_i(a_i^0,
\\sigma_{-i})` for every :math:`b \\notin S_i`. The system is solved exactly by Groebner bases over
the rationals (:mod:`._polysystem`; why not resultants is said there): each isolated real
solution lies in a number field :math:`\\mathbb{Q}(\\theta)`, and its inequalities are decided by
exact sign computations there. A solution set of positive dimension is reported as a
:class:`~gametheory.result.SupportComponent` (equations and bounds), with sample equilibria
where rational points of it are found, never dropped.

Certification is separate from solving: each candidate profile's expected payoffs are
recomputed from the game's payoffs and every player's regret is shown to be exactly 0.

Cost: the number of support profiles grows as :math:`\\prod_i (2^{m_i} - 1)` before pruning and
the Groebner bases grow quickly with the support sizes; this method is for small games (see
``benchmarks/bench_nplayer.py`` for the sizes solved within a minute).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..game import Game
from ..result import (
    AlgebraicEquilibrium,
    Component,
    SolveInterrupted,
    SolveResult,
    SupportComponent,
)
from ._support_system import SupportOutcome, solve_support_profile
from .conditional_dominance import Supports, _integer_payoffs, support_profiles

__all__ = [
    "SolveInterrupted",
    "exact_nplayer_equilibria",
    "solve_support_profile",
    "support_profiles",
]


def _order_key(eq: AlgebraicEquilibrium) -> tuple[Any, ...]:
    # Floats only order the list (deterministically); nothing is decided with them.
    return (
        sum(map(len, eq.support_profile)),
        eq.support_profile,
        tuple(-float(p) for sigma in eq.profile for p in sigma),
    )


#: Seconds after which :func:`exact_nplayer_equilibria` stops by default (between two support
#: profiles) and reports what it certified so far as incomplete.
TIME_LIMIT = 600.0


def exact_nplayer_equilibria(
    game: Game,
    time_limit: float | None = TIME_LIMIT,
    progress: Callable[[int, int, int], Any] | None = None,
) -> SolveResult:
    """Every Nash equilibrium of a game with any number of players, exactly.

    Parameters
    ----------
    game : Game
        A (small) game with any number of players.
    time_limit : float or None
        Seconds after which no further support profile is started (None: no limit). If it
        stops early, the result is ``"incomplete"`` and lists what was certified so far.
    progress : callable, optional
        Called as ``progress(tried, total, found)`` before the first support profile and
        after each one: support profiles solved so far, profiles left by conditional
        dominance, equilibria certified so far (including sample points of sets).

    Returns
    -------
    SolveResult
        Method ``"exact"``. ``equilibria``: every isolated equilibrium, as
        :class:`~gametheory.result.AlgebraicEquilibrium` (rational numbers as Fractions,
        irrational ones as :class:`~gametheory.algebraic.Algebraic`), certified, ordered by
        support size; plus certified sample points of the sets of positive dimension.
        ``components``: one :class:`~gametheory.result.SupportComponent` per support profile
        whose solution set has positive dimension (its ``boundary``: the equilibria on smaller
        supports that may be its limit points), then one singleton
        :class:`~gametheory.result.Component` per equilibrium proven isolated, which is
        therefore a connected component of the equilibrium set by itself. When the game has
        finitely many equilibria and the result is complete, every equilibrium has its
        singleton; an equilibrium on the boundary of a set, or whose support lies within a
        support profile left unresolved, has none (its connected component is not decided).
        ``status``: ``"ok"``, ``"degenerate"`` (there are such sets) or ``"incomplete"`` (a
        support profile could not be resolved, named in the message, or the time limit was
        reached; ``complete`` is then False).

    Raises
    ------
    SolveInterrupted
        On ``KeyboardInterrupt`` (Ctrl-C) during the search: a subclass of
        ``KeyboardInterrupt`` whose ``result`` is the ``"incomplete"`` result with every
        equilibrium certified before the interruption.

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham (2008), Simple search methods for finding a Nash
    equilibrium, *Games and Economic Behavior* 63, 642-662, Algorithm 2.

    R. D. McKelvey and A. McLennan (1996), Computation of equilibria in finite games,
    *Handbook of Computational Economics* 1, 87-142, section 6 (equilibria as the solutions of
    polynomial systems, one per support profile).

    Examples
    --------
    Three players, each paid 1 for matching the next player's coin and the last for
    mismatching the first's (Jordan's game): one equilibrium, every coin fair.

    >>> import itertools
    >>> table = {s: (int(s[0] == s[1]), int(s[1] == s[2]), int(s[2] != s[0]))
    ...          for s in itertools.product("HT", repeat=3)}
    >>> g = Game.from_payoffs(table, ("A", "B", "C"), [["H", "T"]] * 3)
    >>> r = exact_nplayer_equilibria(g)
    >>> [eq.to_dict()["strategies"]["A"] for eq in r.equilibria], r.status
    ([{'H': '1/2', 'T': '1/2'}], 'ok')
    """
    import time

    start = time.monotonic()
    profiles: list[Supports] = []
    equilibria: list[AlgebraicEquilibrium] = []
    pending: list[SupportOutcome] = []
    unresolved: list[Supports] = []
    solved = 0
    interrupted = False
    try:
        u = _integer_payoffs(game)
        profiles = support_profiles(game)
        if progress is not None:
            progress(0, len(profiles), 0)
        for supports in profiles:
            if time_limit is not None and time.monotonic() - start > time_limit:
                break
            outcome = solve_support_profile(game, supports, u)
            solved += 1
            if outcome.unresolved:
                unresolved.append(supports)
            elif outcome.component is not None:
                pending.append(outcome)
            equilibria.extend(outcome.equilibria)
            if progress is not None:
                progress(solved, len(profiles), len(equilibria))
    except KeyboardInterrupt:
        interrupted = True
    result = _result(game, profiles, solved, equilibria, pending, unresolved,
                     f"interrupted after {time.monotonic() - start:.1f} seconds" if interrupted
                     else f"stopped after {time_limit:g} seconds")
    if interrupted:
        raise SolveInterrupted(result)
    return result


def _result(game: Game, profiles: list[Supports], solved: int,
            equilibria: list[AlgebraicEquilibrium], pending: list[SupportOutcome],
            unresolved: list[Supports], stop: str) -> SolveResult:
    """The result of the search so far: components, status and message."""
    equilibria.sort(key=_order_key)
    unknown = unresolved + list(profiles[solved:])
    components: list[Component] = []
    for outcome in pending:
        members = tuple(
            k for k, eq in enumerate(equilibria) if eq.support_profile == outcome.supports
        )
        equations, bounds, legend = outcome.component_text
        components.append(
            SupportComponent(
                equilibria=members,
                support=_labels(game, outcome.supports),
                dimension=outcome.component.dimension if outcome.component else 0,
                equations=equations,
                bounds=bounds,
                variables=legend,
                boundary=tuple(
                    k for k, eq in enumerate(equilibria)
                    if _may_reach(game, eq, outcome.supports)
                ),
            )
        )
    sets = len(components)
    components += [
        Component(equilibria=(k,), nash_subsets=((k,),))
        for k, eq in enumerate(equilibria)
        if _isolated(game, eq, [o.supports for o in pending], unknown)
    ]
    total = 1
    for k in game.shape:
        total *= 2**k - 1
    searched = f"{len(profiles)} of {total} support profiles solved, the others pruned by " \
        "conditional dominance"
    isolated = len(components) - sets
    samples = sum(len(c.equilibria) for c in components[:sets])
    if not profiles:
        status = "incomplete"
        message = f"{stop} while enumerating the support profiles: nothing was certified"
    elif solved < len(profiles):
        status = "incomplete"
        message = (
            f"{stop}: {solved} of the {len(profiles)} support "
            f"profiles left by conditional dominance were solved; the {len(equilibria)} "
            "equilibria listed are certified, others may exist"
        )
    elif unresolved:
        status = "incomplete"
        names = "; ".join(_support_text(game, s) for s in unresolved)
        message = f"{len(unresolved)} support profile(s) could not be solved ({names}); " \
            f"{searched}"
    elif sets:
        status = "degenerate"
        message = (
            f"every equilibrium was found: {sets} set(s) of positive dimension described "
            f"by equations and bounds ({samples} sample point(s) listed), "
            f"{len(equilibria) - samples - isolated} equilibrium(s) that may be their limit "
            f"points, and {isolated} isolated; {searched}"
        )
    else:
        status = "ok"
        message = f"every equilibrium was found ({len(equilibria)}); {searched}"
    return SolveResult(
        game=game,
        method="exact",
        equilibria=tuple(equilibria),
        components=tuple(components),
        exact=True,
        complete=bool(profiles) and not unresolved and solved == len(profiles),
        status=status,
        message=message,
    )


def _within(small: Supports, large: Supports) -> bool:
    return all(set(a) <= set(b) for a, b in zip(small, large, strict=True))


def _may_reach(game: Game, eq: AlgebraicEquilibrium, supports: Supports) -> bool:
    """Whether ``eq`` (on a smaller support profile) may be a limit point of the equilibria
    with support profile ``supports``: at such a point every strategy of ``supports`` earns
    its player's best payoff (the indifference equations are closed conditions). Decided
    exactly for a rational ``eq``; an irrational one is kept as possible."""
    if eq.support_profile == supports or not _within(eq.support_profile, supports):
        return False
    if not eq.is_rational:
        return True
    return all(
        set(support) <= set(game.best_responses(i, eq.profile))
        for i, support in enumerate(supports)
    )


def _isolated(game: Game, eq: AlgebraicEquilibrium, sets: list[Supports],
              unknown: list[Supports]) -> bool:
    """Whether ``eq`` is an isolated equilibrium, hence a connected component by itself.

    Every equilibrium close enough to ``eq`` has a support profile containing ``eq``'s
    (positive probabilities stay positive nearby). Each such profile holds finitely many
    equilibria, unless it is one of the positive-dimensional ``sets`` that may reach ``eq``
    (:func:`_may_reach`) or was not resolved (``unknown``); profiles pruned by conditional
    dominance hold none.
    """
    if any(_within(eq.support_profile, s) for s in unknown):
        return False
    return not any(
        s == eq.support_profile or _may_reach(game, eq, s) for s in sets
    )


def _labels(game: Game, supports: Supports) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(game.strategies[i][a] for a in s) for i, s in enumerate(supports)
    )


def _support_text(game: Game, supports: Supports) -> str:
    return " x ".join("{" + ", ".join(s) + "}" for s in _labels(game, supports))
