"""Many square integer systems ``M v = 1`` solved exactly at once (fraction-free elimination).

The batch form of :func:`._lemke_howson.solve_fraction_free` (Bareiss, 1968: every division is
exact, the numbers stay of the size of subdeterminants): the same steps on a stack of systems,
vectorised over the stack with numpy object arrays of Python integers, so the interpreter runs
once per step instead of once per entry. Used where many vertices of a certified polytope need
their exact coordinates (a game with thousands of equilibria).
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []


def solve_fraction_free_many(matrices: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Solve ``M_r v = 1`` for a stack of nonsingular integer matrices, exactly.

    Parameters
    ----------
    matrices : numpy.ndarray
        Shape (g, s, s), integers (any integer dtype or object).

    Returns
    -------
    (numerators, denominators) or None
        Object arrays of Python integers of shapes (g, s) and (g,): ``v_r = numerators[r] /
        denominators[r]`` with ``denominators[r] = |det M_r| > 0``. None if some matrix is
        singular.
    """
    g, s, _ = matrices.shape
    # int64 when Hadamard's bound H on every minor of the augmented matrices keeps every
    # product (<= H^2) and back-substitution sum (<= s H^2) below 2**62: exact, and far
    # faster; Python integers otherwise.
    as_float = np.asarray(matrices, dtype=np.float64)
    log_bound = 0.5 * np.log2((as_float * as_float).sum(axis=2) + 1.0).sum(axis=1)
    small = g and float(2.0 * log_bound.max() + np.log2(s + 1)) < 61.0
    dtype = np.int64 if small else object
    rows = np.empty((g, s, s + 1), dtype=dtype)
    rows[:, :, :s] = matrices if small else np.asarray(matrices, dtype=object)
    rows[:, :, s] = 1
    previous = np.ones(g, dtype=dtype)
    for c in range(s):
        nonzero = rows[:, c:, c] != 0
        if not nonzero.any(axis=1).all():
            return None
        pivot = c + nonzero.argmax(axis=1)
        swap = np.flatnonzero(pivot != c)
        if len(swap):
            head = rows[swap, c].copy()
            rows[swap, c] = rows[swap, pivot[swap]]
            rows[swap, pivot[swap]] = head
        diagonal = rows[:, c, c]
        if c + 1 < s:
            below = rows[:, c + 1 :, c + 1 :]
            factor = rows[:, c + 1 :, c][:, :, None]
            rows[:, c + 1 :, c + 1 :] = (
                below * diagonal[:, None, None] - factor * rows[:, c, None, c + 1 :]
            ) // previous[:, None, None]
        previous = diagonal
    determinant = previous  # +-det(M): divides every numerator below exactly (Cramer)
    out = np.empty((g, s), dtype=dtype)
    for r in range(s - 1, -1, -1):
        rest = determinant * rows[:, r, s]
        if r + 1 < s:
            rest = rest - (rows[:, r, r + 1 : s] * out[:, r + 1 :]).sum(axis=1)
        out[:, r] = rest // rows[:, r, r]
    negative = determinant < 0
    out[negative] = -out[negative]
    determinant = np.where(negative, -determinant, determinant)
    if small:  # Python integers, as promised
        return out.astype(object), determinant.astype(object)
    return out, determinant
