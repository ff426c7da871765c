"""The logit quantal response equilibrium: its principal branch and the equilibrium it selects.

Definitions (McKelvey and Palfrey, 1995)
----------------------------------------
In a *logit quantal response equilibrium* (QRE) with precision :math:`\\lambda \\ge 0` every
player plays each pure strategy with a probability that grows exponentially in its expected
payoff against the others:

.. math::

    \\sigma_{ij} = \\frac{\\exp(\\lambda U_{ij}(\\sigma))}{\\sum_k \\exp(\\lambda U_{ik}(\\sigma))},

with :math:`U_{ij}(\\sigma)` player :math:`i`'s expected payoff from its strategy :math:`j`
against the others' strategies in :math:`\\sigma`. At :math:`\\lambda = 0` play is uniform; as
:math:`\\lambda \\to \\infty` players best-respond. For almost every game the QREs starting from
the uniform profile form a unique smooth curve, the *principal branch*, which converges to a
Nash equilibrium: the *limiting logit equilibrium*, a selection among the Nash equilibria.
:math:`\\lambda` is in the units of the payoffs (it multiplies them).

Method: numerical continuation, in floating point
--------------------------------------------------
The branch is followed as the solution curve of :math:`H(\\beta, \\lambda) = 0` in the
log-probabilities :math:`\\beta_{ij} = \\log \\sigma_{ij}` and :math:`\\lambda`: for each player
:math:`\\sum_j e^{\\beta_{ij}} = 1` and :math:`\\beta_{ij} - \\beta_{i0} =
\\lambda (U_{ij} - U_{i0})`. A predictor-corrector method with pseudo-arclength
parametrisation (an Euler step along the tangent, then Newton steps with the Moore-Penrose
pseudo-inverse; Allgower and Georg, 1990, ch. 2 and 6) follows the curve through turning points
of :math:`\\lambda`, with an adaptive step (Turocy, 2005). Everything about the branch is
*floating point*, and said so in the output.

The *limit* is certified exactly: the last point of the branch is matched with the nearest of
our exact Nash equilibria (every extreme equilibrium for two players, the pure equilibria for
more), or else rounded to fractions and certified (regret exactly 0). The equilibrium reported
as the limit is exact; that the branch tends to it is a numerical finding (the distance is
reported).

References
----------
R. D. McKelvey and T. R. Palfrey (1995), Quantal response equilibria for normal form games,
*Games and Economic Behavior* 10, 6-38. T. L. Turocy (2005), A dynamic homotopy interpretation
of the logistic quantal response equilibrium correspondence, *Games and Economic Behavior* 51,
243-263. E. L. Allgower and K. Georg (1990), *Numerical Continuation Methods*, Springer.

Examples
--------
>>> from gametheory import Game
>>> g = Game.from_arrays([[4, 2], [1, 3]], [[3, 4], [2, 1]])
>>> branch = logit_branch(g)
>>> branch.status, [str(p) for p in branch.limit.profile[1]]
('ok', ['1/4', '3/4'])
>>> branch.points[0].lam, branch.points[0].profile
(0.0, ((0.5, 0.5), (0.5, 0.5)))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ..result import Equilibrium
from ._logit_path import LogitSystem, newton, orientation, round_lambdas, tangent

__all__ = ["LogitBranch", "QREPoint", "logit_branch", "logit_qre"]

#: The branch stops when the largest regret is below this times the payoffs' range.
REGRET_TOLERANCE = 1e-8
#: Identification of the limit: largest distance (max norm) to an exact equilibrium.
MATCH_TOLERANCE = 1e-4


@dataclass(frozen=True)
class QREPoint:
    """One point of the branch: a logit QRE (floating point).

    Attributes
    ----------
    lam : float
        The precision :math:`\\lambda`.
    profile : tuple of tuple of float
        Each player's probabilities.
    grid : bool
        True for a point computed at a round value of :math:`\\lambda` (the rows of the table),
        False for a step of the continuation.
    """

    lam: float
    profile: tuple[tuple[float, ...], ...]
    grid: bool = True


@dataclass(frozen=True)
class LogitBranch(Displayed):
    """The principal branch of the logit QRE correspondence and its limit.

    Attributes
    ----------
    game : Game
    points : tuple of QREPoint
        In order along the branch, from :math:`\\lambda = 0`; floating point.
    limit : Equilibrium or None
        The exact Nash equilibrium the branch tends to (certified: regret exactly 0), or None
        when it could not be identified (see ``status``).
    distance : float
        Max-norm distance between the last point and ``limit`` (nan without a limit).
    status : str
        ``"ok"``; ``"uncertified"`` (the branch ended close to a Nash equilibrium that could not
        be identified exactly); ``"failed"`` (the continuation stopped early).
    message : str
    steps : int
        The number of continuation steps taken.
    bifurcations : tuple of float
        Approximate values of lambda where the branch passes a simple bifurcation point
        (detected by a change of orientation of the augmented Jacobian; Allgower and Georg,
        1990, ch. 8). Only non-generic games (symmetric ones, say) have them.
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_qre  # what the command line prints

        return format_qre(self, format)

    game: Game
    points: tuple[QREPoint, ...]
    limit: Equilibrium | None
    distance: float
    status: str
    message: str
    steps: int = field(default=0)
    bifurcations: tuple[float, ...] = field(default=())

    def grid_points(self) -> tuple[QREPoint, ...]:
        """The points at round values of :math:`\\lambda` (0, then 1, 2, 5 times powers of 10)."""
        return tuple(p for p in self.points if p.grid)

    def to_dict(self, write: Any = format_fraction) -> dict[str, Any]:
        """The JSON form: ``branch`` (contract: list of ``{lambda, strategies}``, floats) and
        ``limit`` (the exact equilibrium, as in ``solve``, or null)."""
        game = self.game
        return {
            "game": game.title,
            "players": list(game.players),
            "concept": "logit quantal response equilibrium",
            "exact": False,
            "status": self.status,
            "message": self.message,
            "bifurcations": list(self.bifurcations),
            "branch": [
                {
                    "lambda": p.lam,
                    "strategies": {
                        player: dict(zip(labels, sigma, strict=True))
                        for player, labels, sigma in zip(
                            game.players, game.strategies, p.profile, strict=True
                        )
                    },
                }
                for p in self.points
            ],
            "limit": None
            if self.limit is None
            else {
                **_equilibrium_dict(self.limit, write),
                "exact": True,
                "distance": self.distance,
            },
        }


def _equilibrium_dict(eq: Equilibrium, write: Any) -> dict[str, Any]:
    return {
        "strategies": {
            player: {label: write(p) for label, p in zip(labels, sigma, strict=True)}
            for player, labels, sigma in zip(eq.players, eq.strategies, eq.profile, strict=True)
        },
        "payoffs": {player: write(u) for player, u in zip(eq.players, eq.payoffs, strict=True)},
    }


def _follow(game: Game, max_lambda: float | None, max_steps: int, done: Any) -> tuple[
    list[QREPoint], np.ndarray, str, int, list[float]
]:
    """Follow the branch; without ``max_lambda``, stop once ``done(profile)`` (called when
    the regret is small, then each time lambda has grown tenfold) says the limit is found."""
    system = LogitSystem(game)
    scale = system.scale
    limit = max_lambda if max_lambda is not None else 1e13 / scale
    beta0 = np.concatenate([np.full(k, -math.log(k)) for k in system.shape])
    x = np.append(beta0, 0.0)
    points = [QREPoint(0.0, system.profile(x))]
    grid = [g for g in round_lambdas(scale) if g <= limit]
    if max_lambda is not None and (not grid or grid[-1] < max_lambda):
        grid.append(max_lambda)
    bifurcations: list[float] = []
    if system.regret(x) <= REGRET_TOLERANCE * scale:
        return points, x, "ok", 0, bifurcations
    jac = system.jacobian(x)
    t = tangent(jac, None)
    sense = orientation(jac, t)
    checked = 0.0
    h = 0.03 * scale ** -0.5 if scale > 1 else 0.03
    steps = 0
    while steps < max_steps:
        steps += 1
        candidate, first = newton(system, x + h * t)
        if candidate is not None:
            jac = system.jacobian(candidate)
            new_t = tangent(jac, t)
        # Reject a step whose corrector moved far, whose tangent turned much, or that
        # crossed lambda = 0 (where only uniform play is a QRE): it may have jumped to
        # another part of the curve.
        if candidate is None or first > 0.3 * h + 1e-9 or new_t @ t < 0.95 or candidate[-1] < 0:
            h *= 0.5
            if h < 1e-12:
                return (points, x, "the continuation could not go on (step size too small)",
                        steps, bifurcations)
            continue
        sign = orientation(jac, new_t)
        if sign * sense < 0:
            bifurcations.append(float((x[-1] + candidate[-1]) / 2))
        sense = sign or sense
        for g in grid:
            low, high = sorted((x[-1], candidate[-1]))
            if low < g <= high:
                guess = x + (g - x[-1]) / (candidate[-1] - x[-1]) * (candidate - x)
                guess[-1] = g
                exact, _ = newton(system, guess, fixed_lambda=True)
                if exact is not None:
                    points.append(QREPoint(g, system.profile(exact)))
        x, t = candidate, new_t
        points.append(QREPoint(float(x[-1]), system.profile(x), grid=False))
        if x[-1] >= limit:
            return points, x, "ok", steps, bifurcations
        if (max_lambda is None and x[-1] >= 10 * checked
                and system.regret(x) <= REGRET_TOLERANCE * scale):
            checked = float(x[-1])
            if done(system.profile(x)):
                return points, x, "ok", steps, bifurcations
        h *= 1.1 if first < 0.1 * h else 1.0
    return points, x, f"no convergence in {max_steps} steps", steps, bifurcations


# --------------------------------------------------------------------------- the limit
def _identify(game: Game, profile: tuple[tuple[float, ...], ...]) -> tuple[Equilibrium | None,
                                                                           float]:
    """The exact equilibrium nearest to a float profile, within MATCH_TOLERANCE, certified."""
    from ..algorithms._exact_lp import rational_candidates
    from ..result import certify
    from ..solve import solve

    def distance(eq: Equilibrium) -> float:
        return max(
            abs(float(p) - q)
            for sigma, floats in zip(eq.profile, profile, strict=True)
            for p, q in zip(sigma, floats, strict=True)
        )

    result = solve(game, "exact" if game.n_players == 2 else "pure")
    candidates = list(result.equilibria)
    if candidates:
        best = min(candidates, key=distance)
        if distance(best) <= MATCH_TOLERANCE:
            return best, distance(best)
    for bound in (10**3, 10**6):
        rounded = [rational_candidates(sigma, bound) for sigma in profile]
        if all(rounded):
            eq = certify(game, tuple(r[0] for r in rounded))
            if eq is not None and distance(eq) <= MATCH_TOLERANCE:
                return eq, distance(eq)
    return None, math.nan


# --------------------------------------------------------------------------- public
def logit_branch(
    game: Game, *, max_lambda: float | None = None, max_steps: int = 2000
) -> LogitBranch:
    """The principal branch of the logit QRE from lambda = 0, and the equilibrium it selects.

    Parameters
    ----------
    game : Game
        Any number of players.
    max_lambda : float, optional
        Stop at this precision. Default: follow the branch until the largest regret is below
        :data:`REGRET_TOLERANCE` times the range of the payoffs, and then identify the limit.
    max_steps : int
        Largest number of continuation steps.

    Returns
    -------
    LogitBranch
        The points are floating point; ``limit`` is exact and certified (regret 0). Without
        ``max_lambda`` the limit is looked for; with it, ``limit`` is None unless the branch
        has reached the regret tolerance.

    Raises
    ------
    GameValueError
        If ``max_lambda`` is not positive.

    References
    ----------
    McKelvey and Palfrey (1995), section 3 (definition, the principal branch and its limit);
    Turocy (2005), section 4 (continuation); Allgower and Georg (1990), ch. 2 (predictor and
    Moore-Penrose corrector).
    """
    if max_lambda is not None and not max_lambda > 0:
        raise GameValueError("must be positive", key="max_lambda")
    found: list[tuple[Equilibrium | None, float]] = []

    def done(profile: tuple[tuple[float, ...], ...]) -> bool:
        found.append(_identify(game, profile))
        return found[-1][0] is not None

    points, x, status, steps, bifurcations = _follow(game, max_lambda, max_steps, done)

    def result(limit: Equilibrium | None, distance: float, status: str, message: str) -> Any:
        if bifurcations:
            where = ", ".join(f"{lam:.3g}" for lam in bifurcations)
            message += (
                f"; the branch passes a bifurcation near lambda = {where} (the game is not "
                "generic, e.g. symmetric): other QRE branches split off there, and this is the "
                "smooth continuation"
            )
        return LogitBranch(game, tuple(points), limit, distance, status, message, steps,
                           tuple(bifurcations))

    system = LogitSystem(game)
    regret = system.regret(x)
    lam = float(x[-1])
    if status != "ok" and regret > 100 * REGRET_TOLERANCE * system.scale:
        return result(None, math.nan, "failed", status)
    if status == "ok" and regret > REGRET_TOLERANCE * system.scale:
        return result(None, math.nan, "ok",
                      f"followed to lambda = {lam:.6g} (largest regret {regret:.2g}); "
                      "floating point")
    if found and found[-1][0] is not None:
        limit, distance = found[-1]
    else:
        limit, distance = _identify(game, system.profile(x))
    if steps == 0 and limit is not None:
        return result(limit, distance, "ok",
                      "uniform play is a Nash equilibrium, so it is a logit QRE at every "
                      "lambda: the principal branch stays there")
    if limit is None:
        return result(None, math.nan, "uncertified",
                      f"the branch ends near a Nash equilibrium (regret {regret:.2g} at lambda "
                      f"= {lam:.3g}) that could not be identified exactly")
    return result(limit, distance, "ok",
                  f"branch in floating point, followed to lambda = {lam:.3g}; its limit is the "
                  f"exact equilibrium shown (certified, regret 0), at distance {distance:.1g} "
                  "from the last point")


def logit_qre(game: Game, lam: float) -> tuple[tuple[float, ...], ...]:
    """The logit QRE on the principal branch at one precision lambda (floating point).

    The branch is followed from 0 up to the first point where it reaches ``lam``.

    Raises
    ------
    GameValueError
        If ``lam`` is negative or the branch does not reach it.

    Examples
    --------
    >>> from gametheory import Game
    >>> sigma = logit_qre(Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]), 0.5)
    >>> [round(p, 6) for p in sigma[0]]
    [0.5, 0.5]
    """
    if not lam >= 0:
        raise GameValueError("must be non-negative", key="lambda")
    if lam == 0:
        return tuple(tuple(1.0 / k for _ in range(k)) for k in game.shape)
    branch = logit_branch(game, max_lambda=lam)
    if branch.status == "ok" and branch.steps == 0:
        return branch.points[0].profile  # uniform play is a QRE at every lambda
    for point in branch.points:
        if point.grid and point.lam == lam:
            return point.profile
    raise GameValueError(f"the principal branch does not reach lambda = {lam}", key="lambda")
