"""Exact univariate polynomials with integer coefficients, and real algebraic numbers.

The one-parameter analysis does nearly all its work here, in plain Python integers and
:class:`~fractions.Fraction`: sympy is only called to factor polynomials over the rationals
(:func:`irreducible_factors`) and to print expressions. A polynomial is a tuple of ``int``
coefficients, constant term first, with no trailing zeros; the zero polynomial is ``()``.

A real root of an irreducible polynomial of degree at least two is an :class:`Algebraic`: the
polynomial and a rational isolating interval, refined by bisection when two numbers must be
told apart. Signs of polynomials at such a root are decided exactly: the polynomial is reduced
modulo the minimal polynomial (zero exactly when the remainder is), and otherwise evaluated in
interval arithmetic on ever smaller isolating intervals until the sign is certain.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from functools import total_ordering

Poly = tuple[int, ...]

ZERO: Poly = ()
ONE: Poly = (1,)
X: Poly = (0, 1)


def trim(p: Iterable[int]) -> Poly:
    """Drop trailing zero coefficients."""
    q = list(p)
    while q and q[-1] == 0:
        q.pop()
    return tuple(q)


def add(p: Poly, q: Poly) -> Poly:
    if len(p) <= 1 and len(q) <= 1:  # constants: most payoffs do not depend on the parameter
        total = (p[0] if p else 0) + (q[0] if q else 0)
        return (total,) if total else ZERO
    if len(p) < len(q):
        p, q = q, p
    return trim([a + (q[k] if k < len(q) else 0) for k, a in enumerate(p)])


def neg(p: Poly) -> Poly:
    return tuple(-a for a in p)


def sub(p: Poly, q: Poly) -> Poly:
    return add(p, neg(q))


def mul(p: Poly, q: Poly) -> Poly:
    if not p or not q:
        return ZERO
    if len(p) == 1 and len(q) == 1:
        return (p[0] * q[0],)  # nonzero: both are
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return trim(out)


def scale(p: Poly, k: int) -> Poly:
    return trim(a * k for a in p)


def divexact(p: Poly, q: Poly) -> Poly:
    """The quotient p / q, which must be a polynomial with integer coefficients."""
    if not q:
        raise ZeroDivisionError("division by the zero polynomial")
    rem = list(p)
    out = [0] * max(len(p) - len(q) + 1, 0)
    lead = q[-1]
    for k in range(len(out) - 1, -1, -1):
        coeff, r = divmod(rem[k + len(q) - 1], lead)
        if r:
            raise ArithmeticError("inexact polynomial division")
        out[k] = coeff
        if coeff:
            for j, b in enumerate(q):
                rem[k + j] -= coeff * b
    if any(rem):
        raise ArithmeticError("inexact polynomial division")
    return trim(out)


def content(p: Poly) -> int:
    return math.gcd(*p) if p else 0


def primitive(p: Poly) -> Poly:
    """p divided by the gcd of its coefficients, with a positive leading coefficient."""
    if not p:
        return p
    g = content(p) * (1 if p[-1] > 0 else -1)
    return tuple(a // g for a in p)


def degree(p: Poly) -> int:
    return len(p) - 1


def evaluate(p: Poly, x: Fraction) -> Fraction:
    """p(x), exactly (integer Horner on the numerator and denominator of x)."""
    x = Fraction(x)
    a, b = x.numerator, x.denominator
    total = 0
    power = 1
    # sum c_k a^k b^(n-k), divided by b^n
    n = len(p) - 1
    for c in reversed(p):
        total = total * a + c * power
        power *= b
    # Each step multiplied the running total by a and the coefficient by b^(steps so far).
    return Fraction(total, b**n) if p else Fraction(0)


def sign_at(p: Poly, x: Fraction) -> int:
    v = evaluate(p, x)
    return (v > 0) - (v < 0)


def determinant(matrix: Sequence[Sequence[Poly]]) -> Poly:
    """The determinant of a square matrix of polynomials (fraction-free Bareiss elimination)."""
    n = len(matrix)
    if n == 0:
        return ONE
    m = [list(row) for row in matrix]
    sign = 1
    previous = ONE
    for k in range(n - 1):
        if not m[k][k]:
            for r in range(k + 1, n):
                if m[r][k]:
                    m[k], m[r] = m[r], m[k]
                    sign = -sign
                    break
            else:
                return ZERO
        pivot = m[k][k]
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                m[i][j] = divexact(sub(mul(pivot, m[i][j]), mul(m[i][k], m[k][j])), previous)
        previous = pivot
    result = m[n - 1][n - 1]
    return neg(result) if sign < 0 else result


def to_sympy(p: Poly, symbol):
    """The polynomial as a sympy expression in ``symbol``."""
    import sympy

    return sympy.Add(*(sympy.Integer(a) * symbol**k for k, a in enumerate(p) if a))


def irreducible_factors(p: Poly) -> list[Poly]:
    """The distinct non-constant irreducible factors of p over the rationals (primitive)."""
    if degree(p) < 1:
        return []
    if degree(p) == 1:
        return [primitive(p)]
    from sympy.polys.domains import ZZ
    from sympy.polys.factortools import dup_factor_list

    # sympy's dense lists put the highest degree first.
    _, factors = dup_factor_list([ZZ(a) for a in reversed(p)], ZZ)
    return [primitive(tuple(int(a) for a in reversed(f))) for f, _ in factors if len(f) > 1]


# ------------------------------------------------------------------ real algebraic numbers
def _interval_bounds(p: Poly, lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """An interval containing p(x) for every x in [lo, hi] (interval Horner)."""
    a = b = Fraction(0)
    for c in reversed(p):
        products = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(products) + c, max(products) + c
    return a, b


def _rem_rational(p: Poly, q: Poly) -> list[Fraction]:
    """The remainder of p divided by q, over the rationals (constant term first)."""
    rem = [Fraction(a) for a in p]
    lead = Fraction(q[-1])
    for k in range(len(rem) - len(q), -1, -1):
        coeff = rem[k + len(q) - 1] / lead
        if coeff:
            for j, b in enumerate(q):
                rem[k + j] -= coeff * b
    rem = rem[: len(q) - 1]
    while rem and rem[-1] == 0:
        rem.pop()
    return rem


@total_ordering
class Algebraic:
    """A real root of an irreducible integer polynomial of degree >= 2.

    Parameters
    ----------
    poly : Poly
        Primitive and irreducible over the rationals, degree at least 2.
    lo, hi : Fraction
        An interval with ``poly(lo) * poly(hi) < 0`` that contains no other root.
    index : int
        The root's rank among the real roots of ``poly``, from 0.
    """

    __slots__ = ("hi", "index", "lo", "poly")

    def __init__(self, poly: Poly, lo: Fraction, hi: Fraction, index: int) -> None:
        self.poly = poly
        self.lo = Fraction(lo)
        self.hi = Fraction(hi)
        self.index = index

    def refine(self) -> None:
        """Halve the isolating interval."""
        mid = (self.lo + self.hi) / 2
        # An irreducible polynomial of degree >= 2 has no rational root: mid is not a root.
        if sign_at(self.poly, mid) == sign_at(self.poly, self.lo):
            self.lo = mid
        else:
            self.hi = mid

    def sign_of(self, p: Poly) -> int:
        """The exact sign of p at this number."""
        rem = _rem_rational(p, self.poly)
        if not rem:
            return 0
        factor = math.lcm(*(r.denominator for r in rem))
        r = trim(int(v * factor) for v in rem)
        while True:
            low, high = _interval_bounds(r, self.lo, self.hi)
            if low > 0:
                return 1
            if high < 0:
                return -1
            self.refine()

    def compare(self, other: Fraction | Algebraic) -> int:
        """-1, 0 or 1 as this number is below, equal to or above the other."""
        if isinstance(other, Algebraic):
            if other.poly == self.poly:
                return (self.index > other.index) - (self.index < other.index)
            # Different irreducible polynomials share no root: refine until apart.
            while not (self.hi <= other.lo or other.hi <= self.lo):
                self.refine()
                other.refine()
            return -1 if self.hi <= other.lo else 1
        other = Fraction(other)
        while self.lo < other < self.hi:
            self.refine()
        return -1 if self.hi <= other else 1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, Fraction)):
            return False
        if not isinstance(other, Algebraic):
            return NotImplemented
        return self.poly == other.poly and self.index == other.index

    def __lt__(self, other: Fraction | Algebraic) -> bool:
        return self.compare(other) < 0

    def __gt__(self, other: Fraction | Algebraic) -> bool:
        return self.compare(other) > 0

    def __hash__(self) -> int:
        return hash((self.poly, self.index))

    def __float__(self) -> float:
        while self.hi - self.lo > Fraction(1, 10**15) * max(1, abs(self.lo)):
            self.refine()
        from ..numbers import to_float

        return to_float((self.lo + self.hi) / 2, where="an algebraic number as a float")

    def to_sympy(self, symbol_name: str = "x"):
        """The number as a sympy expression: radicals for quadratics, else a ``CRootOf``."""
        import sympy

        if degree(self.poly) == 2:
            c0, b, a = (sympy.Integer(v) for v in self.poly)
            root = sympy.sqrt(b**2 - 4 * a * c0)
            # a > 0 (primitive), so the smaller root takes the minus sign.
            return sympy.radsimp((-b + (root if self.index else -root)) / (2 * a))
        x = sympy.Symbol(symbol_name)
        return sympy.CRootOf(to_sympy(self.poly, x), self.index)

    def __repr__(self) -> str:
        return f"Algebraic({self.poly}, {self.lo}, {self.hi}, {self.index})"


Number = Fraction | Algebraic


def real_roots(factor: Poly) -> list[Number]:
    """The real roots of a primitive irreducible polynomial, in increasing order."""
    if degree(factor) == 1:
        return [Fraction(-factor[0], factor[1])]
    import sympy

    x = sympy.Dummy("x")
    intervals = sympy.Poly(to_sympy(factor, x), x).intervals()
    return [
        Algebraic(factor, Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q)), k)
        for k, ((a, b), _) in enumerate(intervals)
    ]


def compare(a: Number, b: Number) -> int:
    """-1, 0 or 1 as a is below, equal to or above b (rational or algebraic)."""
    if isinstance(a, Algebraic):
        return a.compare(b)
    if isinstance(b, Algebraic):
        return -b.compare(a)
    return (a > b) - (a < b)


def sign_of(p: Poly, x: Number) -> int:
    """The exact sign of p at a rational or algebraic number."""
    return x.sign_of(p) if isinstance(x, Algebraic) else sign_at(p, x)


def simplest_between(lo: Fraction | None, hi: Fraction | None) -> Fraction:
    """The simplest rational strictly between lo and hi (None: unbounded).

    The simplest rational has the smallest denominator, and then the smallest absolute value.

    Examples
    --------
    >>> simplest_between(Fraction(1, 3), Fraction(1, 2)), simplest_between(None, Fraction(-5, 2))
    (Fraction(2, 5), Fraction(-3, 1))
    >>> simplest_between(Fraction(-1), Fraction(3)), simplest_between(Fraction(2), None)
    (Fraction(0, 1), Fraction(3, 1))
    """
    if lo is not None and hi is not None and lo >= hi:
        raise ValueError("empty interval")
    if lo is not None and lo >= 0:
        return _simplest_positive(lo, hi)
    if hi is not None and hi <= 0:
        return -_simplest_positive(-hi, None if lo is None else -lo)
    return Fraction(0)


def _simplest_positive(lo: Fraction, hi: Fraction | None) -> Fraction:
    # lo >= 0: continued-fraction descent on the open interval (lo, hi).
    whole = math.floor(lo)
    if hi is None or whole + 1 < hi:
        return Fraction(whole + 1)
    low, high = lo - whole, hi - whole
    inner = _simplest_positive(1 / high, None if low == 0 else 1 / low)
    return whole + 1 / inner


def between(lo: Number | None, hi: Number | None) -> Fraction:
    """The simplest rational strictly between two (rational or algebraic) numbers, lo < hi."""

    def upper(x: Number) -> Fraction:
        return x.hi if isinstance(x, Algebraic) else x

    def lower(x: Number) -> Fraction:
        return x.lo if isinstance(x, Algebraic) else x

    while lo is not None and hi is not None and upper(lo) >= lower(hi):
        for x in (lo, hi):
            if isinstance(x, Algebraic):
                x.refine()
    return simplest_between(None if lo is None else upper(lo), None if hi is None else lower(hi))


# ------------------------------------------------------------------ arithmetic in Q(alpha)
def _frac_trim(p: list[Fraction]) -> list[Fraction]:
    while p and p[-1] == 0:
        p.pop()
    return p


def _frac_divmod(p: list[Fraction], q: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    rem = list(p)
    quot = [Fraction(0)] * max(len(p) - len(q) + 1, 0)
    for k in range(len(quot) - 1, -1, -1):
        coeff = rem[k + len(q) - 1] / q[-1]
        quot[k] = coeff
        if coeff:
            for j, b in enumerate(q):
                rem[k + j] -= coeff * b
    return _frac_trim(quot), _frac_trim(rem[: len(q) - 1])


def _frac_mul(p: list[Fraction], q: list[Fraction]) -> list[Fraction]:
    if not p or not q:
        return []
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return _frac_trim(out)


def _frac_sub(p: list[Fraction], q: list[Fraction]) -> list[Fraction]:
    n = max(len(p), len(q))
    return _frac_trim([(p[k] if k < len(p) else 0) - (q[k] if k < len(q) else 0) for k in range(n)])


def field_value(num: Poly, den: Poly, minimal: Poly) -> list[Fraction]:
    """num(a) / den(a) in Q(a) for a root a of the irreducible ``minimal``, as the coefficients
    (constant first) of a polynomial in a of degree below that of ``minimal``.

    ``den`` must not vanish at a (it is then coprime with ``minimal``).
    """
    q = [Fraction(v) for v in minimal]
    _, d = _frac_divmod([Fraction(v) for v in den], q)
    # Extended Euclid: find s with s * d = 1 (mod q).
    r0, r1 = q, d
    s0: list[Fraction] = []
    s1: list[Fraction] = [Fraction(1)]
    while len(r1) > 1:
        quot, rem = _frac_divmod(r0, r1)
        r0, r1 = r1, rem
        s0, s1 = s1, _frac_sub(s0, _frac_mul(quot, s1))
    inverse = [v / r1[0] for v in s1]
    _, out = _frac_divmod(_frac_mul([Fraction(v) for v in num], inverse), q)
    return out
