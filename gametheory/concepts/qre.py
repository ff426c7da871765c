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

from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ..result import Equilibrium

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
class LogitBranch:
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


# --------------------------------------------------------------------------- the system
class _System:
    """H(beta, lambda) and its Jacobian for a game, in floating point."""

    def __init__(self, game: Game) -> None:
        # A constant added to a player's payoffs changes no QRE: start each at 0, so that
        # rounding errors scale with the range of the payoffs, not their size.
        self.payoffs = [p.astype(float) - float(min(p.reshape(-1))) for p in game.payoffs]
        self.shape = game.shape
        self.n = game.n_players
        self.offsets = np.cumsum((0, *self.shape))
        self.size = int(self.offsets[-1])
        values = np.concatenate([p.reshape(-1) for p in self.payoffs])
        #: The range of the payoffs (1 when they are all equal).
        self.scale = float(values.max() - values.min()) or 1.0

    def split(self, vector: np.ndarray) -> list[np.ndarray]:
        return [vector[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def pair(self, sigmas: list[np.ndarray], i: int, k: int) -> np.ndarray:
        """Player i's payoff matrix (own strategy x k's strategy) against the others' mixes."""
        array = self.payoffs[i]
        for j in reversed(range(self.n)):
            if j not in (i, k):
                array = np.tensordot(array, sigmas[j], axes=([j], [0]))
        return array if i < k else array.T

    def values(self, sigmas: list[np.ndarray]) -> list[np.ndarray]:
        """U_ij: each player's payoff from each pure strategy against the others."""
        if self.n == 1:
            return [self.payoffs[0].copy()]
        return [self.pair(sigmas, i, (i + 1) % self.n) @ sigmas[(i + 1) % self.n]
                for i in range(self.n)]

    def residual(self, x: np.ndarray) -> np.ndarray:
        beta, lam = x[:-1], x[-1]
        sigmas = [np.exp(b) for b in self.split(beta)]
        values = self.values(sigmas)
        out = np.empty(self.size)
        for i, (b, s, u) in enumerate(zip(self.split(beta), sigmas, values, strict=True)):
            start = self.offsets[i]
            out[start] = s.sum() - 1.0
            out[start + 1 : start + len(b)] = (b[1:] - b[0]) - lam * (u[1:] - u[0])
        return out

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        beta, lam = x[:-1], x[-1]
        sigmas = [np.exp(b) for b in self.split(beta)]
        values = self.values(sigmas)
        jac = np.zeros((self.size, self.size + 1))
        for i in range(self.n):
            start, k_i = self.offsets[i], self.shape[i]
            jac[start, start : start + k_i] = sigmas[i]
            for j in range(1, k_i):
                jac[start + j, start + j] = 1.0
                jac[start + j, start] = -1.0
            jac[start + 1 : start + k_i, -1] = -(values[i][1:] - values[i][0])
            for k in range(self.n):
                if k == i:
                    continue
                matrix = self.pair(sigmas, i, k)
                block = -lam * (matrix[1:] - matrix[0]) * sigmas[k][None, :]
                jac[start + 1 : start + k_i, self.offsets[k] : self.offsets[k + 1]] = block
        return jac

    def profile(self, x: np.ndarray) -> tuple[tuple[float, ...], ...]:
        return tuple(tuple(float(v) for v in np.exp(b)) for b in self.split(x[:-1]))

    def regret(self, x: np.ndarray) -> float:
        sigmas = [np.exp(b) for b in self.split(x[:-1])]
        return max(
            float(u.max() - s @ u) for s, u in zip(sigmas, self.values(sigmas), strict=True)
        )


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The unit null vector of the n x (n+1) Jacobian, oriented along the previous one."""
    _, _, vt = np.linalg.svd(jac)
    t = vt[-1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous > 0 else -t


def _newton(system: _System, x: np.ndarray, *, fixed_lambda: bool = False,
            iterations: int = 12) -> tuple[np.ndarray | None, float]:
    """Newton's corrector (Moore-Penrose, or on beta alone at a fixed lambda).

    Returns the corrected point (None if it did not converge) and the first correction's norm.
    """
    first = math.nan
    for k in range(iterations):
        # A log-probability above 0 (beyond rounding) means the step left the branch.
        if not np.all(np.isfinite(x)) or float(x[:-1].max()) > 1.0:
            return None, first
        h = system.residual(x)
        jac = system.jacobian(x)
        try:
            if fixed_lambda:
                dx = np.append(np.linalg.lstsq(jac[:, :-1], h, rcond=None)[0], 0.0)
            else:
                dx = np.linalg.lstsq(jac, h, rcond=None)[0]
        except np.linalg.LinAlgError:
            return None, first
        x = x - dx
        step = float(np.abs(dx).max())
        if k == 0:
            first = step
        if not np.all(np.isfinite(x)) or float(x[:-1].max()) > 1.0:
            return None, first
        # The residual carries rounding errors of about (lambda * payoffs + |beta|) * epsilon.
        scale = 1.0 + abs(float(x[-1])) * system.scale + float(np.abs(x[:-1]).max())
        if np.all(np.abs(dx) <= 1e-9 * (1.0 + np.abs(x))) and (
            float(np.abs(system.residual(x)).max()) < 1e-13 * scale
        ):
            return x, first
    return None, first


def _grid(scale: float) -> list[float]:
    """Round values of lambda: 1, 2, 5 times powers of ten from about 0.1 / scale."""
    start = math.floor(math.log10(0.1 / scale))
    return [m * 10.0**e for e in range(start, start + 40) for m in (1, 2, 5)]


def _orientation(jac: np.ndarray, t: np.ndarray) -> float:
    """The sign of det [J; t]: it changes at a simple bifurcation point, not at a turning one."""
    return float(np.sign(np.linalg.det(np.vstack([jac, t]))))


def _follow(game: Game, max_lambda: float | None, max_steps: int, done: Any) -> tuple[
    list[QREPoint], np.ndarray, str, int, list[float]
]:
    """Follow the branch; without ``max_lambda``, stop once ``done(profile)`` (called when
    the regret is small, then each time lambda has grown tenfold) says the limit is found."""
    system = _System(game)
    scale = system.scale
    limit = max_lambda if max_lambda is not None else 1e13 / scale
    beta0 = np.concatenate([np.full(k, -math.log(k)) for k in system.shape])
    x = np.append(beta0, 0.0)
    points = [QREPoint(0.0, system.profile(x))]
    grid = [g for g in _grid(scale) if g <= limit]
    if max_lambda is not None and (not grid or grid[-1] < max_lambda):
        grid.append(max_lambda)
    bifurcations: list[float] = []
    if system.regret(x) <= REGRET_TOLERANCE * scale:
        return points, x, "ok", 0, bifurcations
    jac = system.jacobian(x)
    t = _tangent(jac, None)
    orientation = _orientation(jac, t)
    checked = 0.0
    h = 0.03 * scale ** -0.5 if scale > 1 else 0.03
    steps = 0
    while steps < max_steps:
        steps += 1
        candidate, first = _newton(system, x + h * t)
        if candidate is not None:
            jac = system.jacobian(candidate)
            new_t = _tangent(jac, t)
        # Reject a step whose corrector moved far, whose tangent turned much, or that
        # crossed lambda = 0 (where only uniform play is a QRE): it may have jumped to
        # another part of the curve.
        if candidate is None or first > 0.3 * h + 1e-9 or new_t @ t < 0.95 or candidate[-1] < 0:
            h *= 0.5
            if h < 1e-12:
                return (points, x, "the continuation could not go on (step size too small)",
                        steps, bifurcations)
            continue
        sign = _orientation(jac, new_t)
        if sign * orientation < 0:
            bifurcations.append(float((x[-1] + candidate[-1]) / 2))
        orientation = sign or orientation
        for g in grid:
            low, high = sorted((x[-1], candidate[-1]))
            if low < g <= high:
                guess = x + (g - x[-1]) / (candidate[-1] - x[-1]) * (candidate - x)
                guess[-1] = g
                exact, _ = _newton(system, guess, fixed_lambda=True)
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

    system = _System(game)
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
