"""The numerics of :mod:`.qre` (private): the logit system H(beta, lambda) = 0 in floating
point, its Jacobian, the tangent, Newton's corrector and the orientation test.

See :mod:`gametheory.concepts.qre` for the method (Allgower and Georg, 1990; Turocy, 2005).
"""

from __future__ import annotations

import math

import numpy as np

from ..game import Game
from ..numbers import to_float_array

__all__ = ["LogitSystem", "newton", "orientation", "round_lambdas", "tangent"]


class LogitSystem:
    """H(beta, lambda) and its Jacobian for a game, in floating point."""

    def __init__(self, game: Game) -> None:
        # A constant added to a player's payoffs changes no QRE: start each at 0, so that
        # rounding errors scale with the range of the payoffs, not their size.
        # The shift is exact; the conversion is the guarded one (a payoff beyond the float
        # range is a clear GameValueError, named by ``analyze`` as a concept not computed).
        where = "the logit QRE (a floating-point path)"
        self.payoffs = [
            to_float_array(p - min(p.reshape(-1)), where=where) for p in game.payoffs
        ]
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


def tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The unit null vector of the n x (n+1) Jacobian, oriented along the previous one."""
    _, _, vt = np.linalg.svd(jac)
    t = vt[-1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous > 0 else -t


def newton(system: LogitSystem, x: np.ndarray, *, fixed_lambda: bool = False,
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


def round_lambdas(scale: float) -> list[float]:
    """Round values of lambda: 1, 2, 5 times powers of ten from about 0.1 / scale."""
    start = math.floor(math.log10(0.1 / scale))
    return [m * 10.0**e for e in range(start, start + 40) for m in (1, 2, 5)]


def orientation(jac: np.ndarray, t: np.ndarray) -> float:
    """The sign of det [J; t]: it changes at a simple bifurcation point, not at a turning one."""
    return float(np.sign(np.linalg.det(np.vstack([jac, t]))))
