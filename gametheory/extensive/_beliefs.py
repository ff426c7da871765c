"""Beliefs over the nodes of an information set as exact linear inequalities.

A belief :math:`\\mu` on an information set with nodes :math:`x_1, \\dots, x_k` lies in the
simplex (:math:`\\mu(x_j) \\ge 0`, :math:`\\sum_j \\mu(x_j) = 1`). An :class:`Inequality`
:math:`\\sum_j c_j\\, \\mu(x_j) \\ge 0` says that one action is at least as good as another
against :math:`\\mu`. :func:`feasible` decides exactly whether a set of them meets the simplex
(Fourier-Motzkin elimination in rational arithmetic, fine for the few nodes of a set);
:func:`describe` prints them for people, as a bound on one node's probability when the set has
two nodes (``mu(weak | quiche) >= 1/2``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..numbers import format_fraction

__all__ = ["Inequality", "describe", "feasible", "satisfies"]


@dataclass(frozen=True)
class Inequality:
    """:math:`\\sum_j` ``coefficients[j]`` :math:`\\mu(x_j) \\ge 0` over the set's nodes."""

    coefficients: tuple[Fraction, ...]

    @property
    def trivial(self) -> bool:
        """True if every belief satisfies it (no coefficient is negative)."""
        return min(self.coefficients) >= 0


def satisfies(mu: Sequence[Fraction], inequalities: Sequence[Inequality]) -> bool:
    """Whether the belief ``mu`` satisfies every inequality, exactly."""
    return all(
        sum((c * m for c, m in zip(q.coefficients, mu, strict=True)), Fraction(0)) >= 0
        for q in inequalities
    )


def feasible(k: int, inequalities: Sequence[Inequality]) -> bool:
    """Whether some belief on ``k`` nodes satisfies every inequality (exact)."""
    # Variables mu_1..mu_{k-1}; mu_k = 1 - sum. A row (c, d) means c . v + d >= 0.
    rows: list[tuple[list[Fraction], Fraction]] = []
    for q in inequalities:
        last = q.coefficients[-1]
        rows.append(([c - last for c in q.coefficients[:-1]], last))
    for j in range(k - 1):
        rows.append(([Fraction(int(m == j)) for m in range(k - 1)], Fraction(0)))
    rows.append(([Fraction(-1)] * (k - 1), Fraction(1)))
    for j in range(k - 2, -1, -1):
        lower = [r for r in rows if r[0][j] > 0]
        upper = [r for r in rows if r[0][j] < 0]
        rows = [r for r in rows if r[0][j] == 0]
        for cl, dl in lower:
            for cu, du in upper:
                a, b = cl[j], -cu[j]
                rows.append(([b * x + a * y for x, y in zip(cl, cu, strict=True)], b * dl + a * du))
    return all(d >= 0 for _, d in rows)


def describe(nodes: Sequence[str], infoset: str, inequalities: Sequence[Inequality]) -> list[str]:
    """The inequalities as text; with two nodes, as bounds on one node's probability."""
    real = [q for q in inequalities if not q.trivial]
    if not real:
        return []
    if len(nodes) == 2:
        lo, hi = Fraction(0), Fraction(1)
        for q in real:  # a*m + b*(1 - m) >= 0, m = mu(first)
            a, b = q.coefficients
            if a > b:
                lo = max(lo, -b / (a - b))
            elif a < b:
                hi = min(hi, b / (b - a))
            elif b < 0:
                lo, hi = Fraction(1), Fraction(0)
        first, second = (f"mu({x} | {infoset})" for x in nodes)
        if lo > hi:
            return [f"no belief ({first} >= {format_fraction(lo)} and <= {format_fraction(hi)})"]
        if lo == hi:
            return [f"{first} = {format_fraction(lo)}"]
        if lo > 0 and hi < 1:
            return [f"{format_fraction(lo)} <= {first} <= {format_fraction(hi)}"]
        if lo > 0:
            return [f"{first} >= {format_fraction(lo)}"]
        return [f"{second} >= {format_fraction(1 - hi)}"]
    out = []
    for q in real:
        terms = [
            f"{'' if abs(c) == 1 else format_fraction(abs(c)) + ' '}mu({x} | {infoset})"
            for c, x in zip(q.coefficients, nodes, strict=True) if c
        ]
        signs = ["-" if c < 0 else "+" for c in q.coefficients if c]
        text = ("-" if signs[0] == "-" else "") + terms[0]
        for s, t in zip(signs[1:], terms[1:], strict=True):
            text += f" {s} {t}"
        out.append(text + " >= 0")
    return out
