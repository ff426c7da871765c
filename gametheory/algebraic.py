"""Real algebraic numbers, exactly: the irrational probabilities of N-player equilibria.

Definitions
-----------
A real number :math:`\\alpha` is *algebraic* when it is a root of a non-zero polynomial with
rational coefficients; its *minimal polynomial* is the irreducible one of least degree, made
primitive with integer coefficients and a positive leading coefficient. An :class:`Algebraic`
is stored as that polynomial and a rational *isolating interval* :math:`[lo, hi]` holding
:math:`\\alpha` and no other real root of it, with its rank among those roots (``index``, from
the smallest, counting from 0, as in sympy's ``CRootOf``).

Everything is exact: signs and comparisons are decided by bisecting the isolating interval with
rational arithmetic (the minimal polynomial of an irrational number has no rational root, so
a comparison with a rational number always terminates), and decimals are rounded exactly. A
rational number is never an :class:`Algebraic`: :func:`field_value` returns a
:class:`~fractions.Fraction` for it.

Elements of a number field :math:`\\mathbb{Q}(\\theta)` (where the N-player solver finds the
equilibria of one support profile) are polynomials in :math:`\\theta` reduced modulo its minimal
polynomial; :func:`field_sign` decides their sign and :func:`field_value` turns one into an
:class:`Algebraic` (its minimal polynomial is the square-free part of the resultant
:math:`\\mathrm{Res}_t(f(t), y - h(t))`, Cohen 1993, section 4.3).

Examples
--------
>>> from fractions import Fraction as F
>>> golden = Algebraic((1, -1, -1), 1)      # the larger root of x**2 - x - 1
>>> str(golden), golden.decimal(6)
('1/2 + sqrt(5)/2', '1.618034')
>>> golden > F(8, 5), golden.sign()
(True, 1)
>>> str(Algebraic((1, 0, -1, -1), 0))      # the plastic number
'CRootOf(x**3 - x - 1, 0)'

References
----------
H. Cohen (1993), *A Course in Computational Algebraic Number Theory*, Springer, ch. 4.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from .numbers import format_decimal

__all__ = ["Algebraic", "field_sign", "field_value", "real_root_intervals"]


def _evaluate(coefficients: tuple[int, ...], x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in coefficients:
        value = value * x + c
    return value


def _interval_evaluate(
    coefficients: tuple[Fraction, ...], lo: Fraction, hi: Fraction
) -> tuple[Fraction, Fraction]:
    """An interval holding every value of the polynomial on [lo, hi] (Horner, exact)."""
    low = high = Fraction(0)
    for c in coefficients:
        products = (low * lo, low * hi, high * lo, high * hi)
        low, high = min(products) + c, max(products) + c
    return low, high


def _primitive(coefficients: Any) -> tuple[int, ...]:
    """Integer coefficients divided by their gcd, with a positive leading coefficient."""
    values = [int(c) for c in coefficients]
    g = math.gcd(*values) or 1
    if values[0] < 0:
        g = -g
    return tuple(v // g for v in values)


def real_root_intervals(coefficients: tuple[int, ...]) -> list[tuple[Fraction, Fraction]]:
    """Disjoint isolating intervals of the real roots of a square-free polynomial, ascending.

    Examples
    --------
    >>> real_root_intervals((1, 0, -2))
    [(Fraction(-2, 1), Fraction(-1, 1)), (Fraction(1, 1), Fraction(2, 1))]
    """
    from sympy import Poly, symbols

    x = symbols("x")
    poly = Poly(list(coefficients), x, domain="QQ")
    return [(Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q)))
            for (a, b), _ in poly.intervals()]


class Algebraic:
    """An irrational real algebraic number: minimal polynomial and isolating interval.

    Parameters
    ----------
    coefficients : tuple of int
        The minimal polynomial, highest degree first: irreducible over the rationals, of
        degree at least 2, primitive, with a positive leading coefficient.
    index : int
        Which real root, from the smallest (0).
    interval : tuple of Fraction, optional
        An isolating interval of that root (computed when not given).

    Notes
    -----
    Comparisons with numbers and with other :class:`Algebraic` values are exact; arithmetic is
    not provided (the solver computes in number fields, see :func:`field_value`).
    """

    __slots__ = ("_coefficients", "_hi", "_index", "_lo")

    def __init__(
        self,
        coefficients: tuple[int, ...],
        index: int,
        interval: tuple[Fraction, Fraction] | None = None,
    ) -> None:
        coefficients = _primitive(coefficients)
        if len(coefficients) < 3:
            raise ValueError("an Algebraic has a minimal polynomial of degree at least 2")
        self._coefficients = coefficients
        self._index = int(index)
        if interval is None:
            interval = real_root_intervals(coefficients)[self._index]
        self._lo, self._hi = Fraction(interval[0]), Fraction(interval[1])

    # ------------------------------------------------------------------ exact description
    @property
    def coefficients(self) -> tuple[int, ...]:
        """The minimal polynomial's integer coefficients, highest degree first."""
        return self._coefficients

    @property
    def degree(self) -> int:
        return len(self._coefficients) - 1

    @property
    def index(self) -> int:
        """The rank of this root among the real roots of its minimal polynomial (from 0)."""
        return self._index

    @property
    def interval(self) -> tuple[Fraction, Fraction]:
        """The current isolating interval (it shrinks as comparisons refine it)."""
        return self._lo, self._hi

    def polynomial_text(self, variable: str = "x") -> str:
        """The minimal polynomial as sympy-readable text, e.g. ``x**3 - x - 1``."""
        from sympy import Poly, symbols

        return str(Poly(list(self._coefficients), symbols(variable)).as_expr())

    def to_sympy(self) -> Any:
        """A sympy expression: a closed form with ``sqrt`` for degree 2, else ``CRootOf``."""
        import sympy

        if self.degree == 2:
            a, b, c = self._coefficients
            root = sympy.sqrt(sympy.Integer(b * b - 4 * a * c)) / (2 * a)
            centre = sympy.Rational(-b, 2 * a)
            # a > 0: the smaller root (index 0) takes the minus sign.
            return centre - root if self._index == 0 else centre + root
        x = sympy.symbols("x")
        return sympy.CRootOf(sympy.Poly(list(self._coefficients), x), self._index)

    def __str__(self) -> str:
        return str(self.to_sympy())

    def __repr__(self) -> str:
        return f"Algebraic({self._coefficients!r}, {self._index})"

    # ------------------------------------------------------------------ refinement
    def _bisect(self) -> None:
        mid = (self._lo + self._hi) / 2
        f_lo = _evaluate(self._coefficients, self._lo)
        f_mid = _evaluate(self._coefficients, mid)
        # The minimal polynomial of an irrational number has no rational root: f_mid != 0.
        if (f_lo < 0) == (f_mid < 0) and f_lo != 0:
            self._lo = mid
        else:
            self._hi = mid

    def refine(self, width: Fraction) -> tuple[Fraction, Fraction]:
        """Shrink the isolating interval below ``width``; return it."""
        while self._hi - self._lo >= width:
            self._bisect()
        return self._lo, self._hi

    def _compare(self, value: Fraction) -> int:
        """-1, 0 or 1 as self is below, equal to or above a rational (never 0)."""
        while self._lo <= value <= self._hi:
            self._bisect()
        return 1 if self._lo > value else -1

    def sign(self) -> int:
        """The sign, -1 or 1 (an irrational number is never 0)."""
        return self._compare(Fraction(0))

    def decimal(self, digits: int) -> str:
        """The number rounded exactly to ``digits`` decimals (half to even).

        Examples
        --------
        >>> Algebraic((1, 0, -2), 0).decimal(4)
        '-1.4142'
        """
        while True:
            lo, hi = format_decimal(self._lo, digits), format_decimal(self._hi, digits)
            if lo == hi:
                return lo
            self._bisect()

    def __float__(self) -> float:
        self.refine(Fraction(1, 2**60) * max(1, abs(self._lo)))
        return float((self._lo + self._hi) / 2)

    # ------------------------------------------------------------------ comparisons
    def _cmp(self, other: object) -> int:
        if isinstance(other, Algebraic):
            if other._coefficients == self._coefficients:
                return (self._index > other._index) - (self._index < other._index)
            # Different minimal polynomials: different numbers, so the intervals separate.
            while not (self._hi < other._lo or other._hi < self._lo):
                self._bisect()
                other._bisect()
            return 1 if self._lo > other._hi else -1
        if isinstance(other, (int, Fraction)):
            return self._compare(Fraction(other))
        return NotImplemented  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Algebraic):
            return (self._coefficients, self._index) == (other._coefficients, other._index)
        if isinstance(other, (int, Fraction)):
            return False
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._coefficients, self._index))

    def __lt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is NotImplemented else c < 0

    def __le__(self, other: object) -> bool:
        return self == other or self.__lt__(other)

    def __gt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is NotImplemented else c > 0

    def __ge__(self, other: object) -> bool:
        return self == other or self.__gt__(other)


# ---------------------------------------------------------------------- number fields
def _reduce(h: Any, f: Any) -> Any:
    return h.rem(f)


def _field_interval(h: Any, theta: Algebraic) -> tuple[Fraction, Fraction]:
    coefficients = tuple(Fraction(int(c.p), int(c.q)) for c in h.all_coeffs())
    return _interval_evaluate(coefficients, theta._lo, theta._hi)


def field_sign(h: Any, f: Any, theta: Algebraic | Fraction) -> int:
    """The exact sign of :math:`h(\\theta)`, where :math:`f` is the minimal polynomial of
    :math:`\\theta`.

    Parameters
    ----------
    h, f : sympy.Poly
        Polynomials in one variable over QQ; ``f`` irreducible with root ``theta``.
    theta : Algebraic or Fraction
        The root (a Fraction when ``f`` has degree 1).

    Returns
    -------
    int
        -1, 0 or 1. Zero exactly when ``f`` divides ``h``; otherwise the isolating interval of
        ``theta`` is refined until interval arithmetic excludes 0.
    """
    h = _reduce(h, f)
    if h.is_zero:
        return 0
    if not isinstance(theta, Algebraic):
        value = _evaluate_fraction(h, Fraction(theta))
        return (value > 0) - (value < 0)
    while True:
        low, high = _field_interval(h, theta)
        if low > 0:
            return 1
        if high < 0:
            return -1
        theta._bisect()


def _evaluate_fraction(h: Any, x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in h.all_coeffs():
        value = value * x + Fraction(int(c.p), int(c.q))
    return value


def field_value(h: Any, f: Any, theta: Algebraic | Fraction) -> Fraction | Algebraic:
    """The number :math:`h(\\theta)` as a Fraction (when rational) or an :class:`Algebraic`.

    Parameters
    ----------
    h, f : sympy.Poly
        As in :func:`field_sign`.
    theta : Algebraic or Fraction

    Returns
    -------
    Fraction or Algebraic
    """
    from sympy import Poly, factor_list, resultant, symbols

    h = _reduce(h, f)
    if h.degree() <= 0:
        c = h.LC() if not h.is_zero else 0
        return Fraction(int(getattr(c, "p", c)), int(getattr(c, "q", 1)))
    if not isinstance(theta, Algebraic):
        return _evaluate_fraction(h, Fraction(theta))
    t = h.gens[0]
    y = symbols("y")
    # The characteristic polynomial of h(theta) is a power of its minimal polynomial.
    char = resultant(f.as_expr(), y - h.as_expr(), t)
    _, factors = factor_list(Poly(char, y, domain="QQ"))
    minimal = None
    for factor, _ in factors:
        if factor.degree() >= 1:
            minimal = factor
            break
    assert minimal is not None
    numbers = [int(c) for c in minimal.clear_denoms()[1].primitive()[1].all_coeffs()]
    if numbers[0] < 0:
        numbers = [-c for c in numbers]
    if len(numbers) == 2:
        return Fraction(-numbers[1], numbers[0])
    intervals = real_root_intervals(tuple(numbers))
    while True:
        low, high = _field_interval(h, theta)
        hits = [k for k, (a, b) in enumerate(intervals) if not (b < low or high < a)]
        if len(hits) == 1:
            k = hits[0]
            return Algebraic(tuple(numbers), k, intervals[k])
        theta._bisect()
