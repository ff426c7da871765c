"""Many small linear systems solved in floating point with rigorous error bounds.

For a stack of systems ``K z = 1`` (K a square submatrix of a positive integer matrix C, exact
in float64), :func:`verified_solutions` returns the float solutions and, for each, a bound
``delta`` with ``|z* - z|_inf <= delta`` for the exact solution ``z*``, or says that K could
not be proven nonsingular; :func:`slack_signs` then decides the sign of each constraint's slack
``1 - C_j z*`` where the bounds allow. The method: an approximate inverse ``R`` (LAPACK), and
``||I - R K||_inf <= alpha < 1`` proves K nonsingular with ``||K^{-1}|| <= ||R|| / (1 - alpha)``
(Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed. 2002, section 14.1; Rump's
verification method); every rounding error is bounded by the standard model,
``|fl(A B) - A B| <= gamma_s |A| |B|`` with ``gamma_s = s u / (1 - s u)`` (Higham, section
3.5), which holds for any summation order and for fused multiply-add (BLAS). Each gamma is
doubled and each bound inflated by ``(1 + c u)`` as a margin for the rounding of the bounds'
own computation. Used by :mod:`._float_dd` (re-deriving rays) and :mod:`._one_sided` (faces).
"""

from __future__ import annotations

import contextlib

import numpy as np

__all__: list[str] = []

#: Unit roundoff of IEEE double precision.
_U = 2.0**-53


def _gamma(s: int) -> float:
    """Higham's gamma_s, doubled (the margin for rounding in the bounds themselves)."""
    return 2.0 * s * _U / (1.0 - s * _U)


def verified_solutions(
    padded: np.ndarray, rows: np.ndarray, cols: np.ndarray, s: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Float solutions of many systems ``K z = 1`` with rigorous bounds on their errors.

    Parameters
    ----------
    padded : numpy.ndarray
        C (k x d, positive integers below 2**40, as floats) with a zero row and a zero column
        appended (shape (k + 1, d + 1)).
    rows, cols : numpy.ndarray
        (g, s) indices: system r is ``K = C[rows[r]][:, cols[r]]``; an index ``k`` in ``rows``
        (with ``d`` in the same slot of ``cols``) pads the system with an identity row.

    Returns
    -------
    (z, delta, proven)
        ``z`` (g, s) the float solutions, ``delta`` (g,) with ``|z* - z|_inf <= delta`` for
        the exact solution ``z*``, and ``proven`` (g,) whether K was proven nonsingular (the
        bound holds only there). Every quantity bounds its exact counterpart from above (C
        is positive, so ``|K| = K``); the rounding of the bounds themselves is covered by the
        doubled gammas and the ``(1 + c u)`` factors.
    """
    k = padded.shape[0] - 1
    square = padded[rows[:, :, None], cols[:, None, :]]  # (g, s, s), exact
    pad = rows == k
    if pad.any():
        square[pad[:, :, None] & np.eye(s, dtype=bool)[None]] = 1.0
    inverse = _approximate_inverses(square)  # R
    gamma = _gamma(s + 2)
    abs_inverse = np.abs(inverse)
    # alpha >= ||I - R K||_inf: |I - fl(R K)| plus gamma |R| |K|, whose row sums are
    # |R| (K 1): a product with a vector, not a matrix.
    residual_matrix = np.abs(np.eye(s) - inverse @ square).sum(axis=2)
    spread = (abs_inverse @ square.sum(axis=2)[:, :, None])[:, :, 0]
    alpha = (residual_matrix * (1 + 4 * _U) + gamma * spread).max(axis=1) * (1 + 4 * s * _U)
    proven = alpha < 0.5
    alpha = np.where(proven, alpha, 0.0)
    # ||K^-1||_inf <= ||R||_inf / (1 - alpha) (Higham, 2002, section 14.1).
    inverse_norm = abs_inverse.sum(axis=2).max(axis=1) / (1.0 - alpha) * (1 + 8 * s * _U)
    z = inverse.sum(axis=2)  # z~ = R 1, the float solution
    kz = (square @ z[:, :, None])[:, :, 0]
    residual = np.abs(1.0 - kz).max(axis=1) * (1 + 4 * _U) + gamma * (
        (square @ np.abs(z)[:, :, None])[:, :, 0] + 1.0).max(axis=1)
    delta = inverse_norm * residual * (1 + 8 * s * _U)  # >= ||z* - z~||_inf
    return z, delta, proven


def _approximate_inverses(square: np.ndarray) -> np.ndarray:
    """Float inverses of a stack of matrices; zeros for any that LAPACK finds singular or
    whose inverse overflows (they then fail the proof: ``alpha`` is 1)."""
    try:
        inverse = np.linalg.inv(square)
    except np.linalg.LinAlgError:
        inverse = np.zeros_like(square)
        for r, matrix in enumerate(square):
            with contextlib.suppress(np.linalg.LinAlgError):
                inverse[r] = np.linalg.inv(matrix)
    bad = ~np.isfinite(inverse).all(axis=(1, 2))
    if bad.any():
        inverse[bad] = 0.0
    return inverse


def slack_signs(
    padded: np.ndarray, row_norms: np.ndarray, rows: np.ndarray, cols: np.ndarray,
    z: np.ndarray, delta: np.ndarray,
) -> np.ndarray:
    """The proven sign of each constraint's slack ``1 - C_j z*`` at the exact solutions:
    (g, k + 1) of +1 (proven positive), -1 (proven negative) or 0 (undecided); column k is
    padding. ``z`` and ``delta`` come from :func:`verified_solutions`."""
    g = len(rows)
    k, d = padded.shape[0] - 1, padded.shape[1] - 1
    full = np.zeros((g, d + 1))
    np.put_along_axis(full, cols, z, axis=1)
    full = full[:, :d]
    slack = 1.0 - full @ padded[:k, :d].T  # (g, k)
    size = np.abs(full) @ padded[:k, :d].T  # |C| |z~|
    bound = (delta[:, None] * row_norms[None, :k] + _gamma(d + 2) * (size + 1.0)) * 2.0
    signs = np.zeros((g, k + 1), dtype=np.int8)
    signs[:, :k][slack > bound] = 1
    signs[:, :k][slack < -bound] = -1
    return signs
