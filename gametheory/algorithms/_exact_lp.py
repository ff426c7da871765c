"""Linear programs solved in floating point by HiGHS, then made exact (private helpers).

scipy's HiGHS (a simplex method, or an interior point method followed by crossover) returns a
*basic* optimal solution: a vertex of the feasible region, fixed by as many linearly independent
active constraints as there are variables. Taking the constraints with the smallest slacks at the
floating-point solution, keeping those that are linearly independent (decided exactly), and
solving them as a square system in rational arithmetic gives the exact vertex. The result is then
checked exactly for feasibility; callers certify whatever else they need (optimality, strict
inequalities) exactly themselves. Nothing computed in floating point is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

#: A floating-point solution further than this from its rational rounding is not rounded to it.
ROUNDING_TOLERANCE = 1e-7

Row = Sequence[Fraction]


class _OutOfRange(ArithmeticError):
    """An LP's data is beyond the range of floats even after scaling: a floating-point failure."""


def _fraction(value: object) -> Fraction:
    """``value`` as a Fraction, without copying one that already is."""
    return value if type(value) is Fraction else Fraction(value)  # type: ignore[arg-type]


def _scaled_floats(values: Row, scale: Fraction) -> list[float]:
    """``values / scale`` as floats: each the nearest float to the exact quotient.

    The same floats as ``to_float(Fraction(v) / scale)``, without building the quotients:
    Python's true division of integers is correctly rounded (0 below the float range), and
    an :exc:`OverflowError` above it raises :class:`_OutOfRange`.
    """
    scale = _fraction(scale)
    top, bottom = scale.denominator, scale.numerator  # scale > 0
    out = []
    try:
        for v in values:
            v = _fraction(v)
            out.append((v.numerator * top) / (v.denominator * bottom))
    except OverflowError:
        raise _OutOfRange from None
    return out


def _float_rows(rows: Sequence[Row], rhs: Row) -> tuple[np.ndarray, np.ndarray]:
    """Rows and right-hand sides as floats, each row scaled to largest entry 1.

    Scaling a constraint by a positive number leaves the feasible set unchanged; it makes the
    floating-point slacks of different constraints comparable and conditions the LP better.
    The scaling is exact, before the conversion, so that payoffs beyond the range of floats
    (1e400) still give a float LP; a right-hand side still out of range raises
    :class:`_OutOfRange`.
    """
    a, b = [], []
    for row, bound in zip(rows, rhs, strict=True):
        scale = max((abs(_fraction(v)) for v in row), default=Fraction(0)) or Fraction(1)
        a.append(_scaled_floats(row, scale))
        b.append(_scaled_floats([bound], scale)[0])
    return np.array(a, dtype=float).reshape(len(rows), -1), np.array(b, dtype=float)


class _Echelon:
    """Rows of an augmented linear system kept in echelon form, for exact rank tests."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self.rows: list[tuple[int, list[Fraction]]] = []

    def add(self, row: Row, rhs: Fraction) -> bool:
        """Add the equation ``row . z = rhs`` if it is independent of those kept; say if it was."""
        reduced = [_fraction(v) for v in row] + [_fraction(rhs)]
        for pivot, kept in self.rows:
            factor = reduced[pivot]
            if factor:
                reduced = [r - factor * k for r, k in zip(reduced, kept, strict=True)]
        pivot = next((j for j in range(self.dimension) if reduced[j]), None)
        if pivot is None:
            return False
        head = reduced[pivot]
        self.rows.append((pivot, [r / head for r in reduced]))
        return True

    def solve(self) -> tuple[Fraction, ...]:
        """The unique solution once the rank equals the dimension."""
        z = [Fraction(0)] * self.dimension
        # Each kept row is zero at the pivots of the rows kept before it, so back-substitute
        # from the last row kept to the first.
        for pivot, row in reversed(self.rows):
            value = row[-1] - sum(
                (row[j] * z[j] for j in range(self.dimension) if j != pivot and row[j]),
                Fraction(0),
            )
            z[pivot] = value
        return tuple(z)


def float_solution(
    c: Row,
    a_ub: Sequence[Row],
    b_ub: Row,
    a_eq: Sequence[Row] = (),
    b_eq: Row = (),
) -> np.ndarray | None:
    """HiGHS's floating-point optimum of the LP of :func:`exact_vertex`, or None."""
    return _float_solution(c, a_ub, b_ub, a_eq, b_eq)[0]


def _float_solution(
    c: Row, a_ub: Sequence[Row], b_ub: Row, a_eq: Sequence[Row], b_eq: Row
) -> tuple[np.ndarray | None, tuple[np.ndarray, np.ndarray] | None]:
    """:func:`float_solution`, and the float inequality rows (reused for the slacks)."""
    from scipy.optimize import linprog

    try:
        a_ub_f, b_ub_f = _float_rows(a_ub, b_ub) if len(a_ub) else (None, None)
        a_eq_f, b_eq_f = _float_rows(a_eq, b_eq) if len(a_eq) else (None, None)
        # Scaling the objective by a positive number leaves the optimum where it is.
        objective = _scaled_floats(
            c, max((abs(_fraction(v)) for v in c), default=0) or Fraction(1)
        )
    except _OutOfRange:
        return None, None
    result = linprog(
        np.array(objective),
        A_ub=a_ub_f,
        b_ub=b_ub_f,
        A_eq=a_eq_f,
        b_eq=b_eq_f,
        bounds=(None, None),
        method="highs",
    )
    if result.status != 0 or result.x is None:
        return None, None
    return result.x, (a_ub_f, b_ub_f)


def exact_vertex(
    c: Row,
    a_ub: Sequence[Row],
    b_ub: Row,
    a_eq: Sequence[Row] = (),
    b_eq: Row = (),
) -> tuple[Fraction, ...] | None:
    """Minimise ``c . z`` subject to ``a_ub z <= b_ub``, ``a_eq z = b_eq`` (z free), exactly.

    Returns the exact vertex at which HiGHS's floating-point optimum lies, checked exactly to be
    feasible, or ``None`` if the LP is not solved to optimality or the exact vertex cannot be
    recovered (its optimality is *not* certified here).
    """
    dimension = len(c)
    x, floats = _float_solution(c, a_ub, b_ub, a_eq, b_eq)
    if x is None:
        return None
    echelon = _Echelon(dimension)
    for row, rhs in zip(a_eq, b_eq, strict=True):
        echelon.add(row, rhs)
    if len(a_ub):
        a_ub_f, b_ub_f = floats
        slack = b_ub_f - a_ub_f @ x
        for k in np.argsort(slack, kind="stable"):
            if len(echelon.rows) == dimension:
                break
            echelon.add(a_ub[k], b_ub[k])
    if len(echelon.rows) < dimension:
        return None
    z = echelon.solve()
    feasible = all(
        sum((a * v for a, v in zip(row, z, strict=True) if v), Fraction(0)) <= rhs
        for row, rhs in zip(a_ub, b_ub, strict=True)
    ) and all(
        sum((a * v for a, v in zip(row, z, strict=True) if v), Fraction(0)) == rhs
        for row, rhs in zip(a_eq, b_eq, strict=True)
    )
    return z if feasible else None


def rational_candidates(
    values: Sequence[float], bound: int
) -> list[tuple[Fraction, ...]]:
    """Roundings of a float probability vector to fractions, simplest first.

    Each candidate rounds every entry with :meth:`~fractions.Fraction.limit_denominator` for one
    denominator bound of the ladder 10, 100, ... up to ``bound`` (and ``bound`` itself; at most
    10^16), clips tiny negative entries to zero and renormalises so that the entries sum to one
    exactly.
    Candidates further than :data:`ROUNDING_TOLERANCE` from the floats are left out, so that a
    coarse bound never snaps a point onto a different, simpler one.
    """
    # A double carries about 16 significant digits: larger denominators add nothing.
    bound = min(bound, 10**16)
    ladder = []
    power = 10
    while power < bound:
        ladder.append(power)
        power *= 10
    ladder.append(max(bound, 1))
    out: list[tuple[Fraction, ...]] = []
    for denominator in ladder:
        rounded = [max(Fraction(v).limit_denominator(denominator), Fraction(0)) for v in values]
        total = sum(rounded, Fraction(0))
        if total == 0:
            continue
        candidate = tuple(r / total for r in rounded)
        close = all(
            # A probability is at most 1: float() cannot overflow here.
            abs(float(r) - v) <= ROUNDING_TOLERANCE for r, v in zip(candidate, values, strict=True)
        )
        if close and candidate not in out:
            out.append(candidate)
    return out
