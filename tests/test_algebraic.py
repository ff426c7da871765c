"""Real algebraic numbers and the exact polynomial-system solver behind the N-player method."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.algebraic import Algebraic, field_sign, field_value
from gametheory.algorithms._polysystem import PositiveDimensional, real_solutions


def test_closed_forms_and_crootof() -> None:
    assert str(Algebraic((1, 0, -2), 0)) == "-sqrt(2)"
    assert str(Algebraic((1, -1, -1), 1)) == "1/2 + sqrt(5)/2"
    assert str(Algebraic((1, 0, -1, -1), 0)) == "CRootOf(x**3 - x - 1, 0)"
    # Coefficients are normalised: primitive, positive leading coefficient.
    assert Algebraic((-4, 0, 8), 1).coefficients == (1, 0, -2)


def test_comparisons_are_exact() -> None:
    root2 = Algebraic((1, 0, -2), 1)
    assert F(1414213, 10**6) < root2 < F(1414214, 10**6)
    assert root2 != F(3, 2) and root2 == Algebraic((1, 0, -2), 1)
    cube = Algebraic((1, 0, 0, -3), 0)  # 3 ** (1/3) = 1.44224...
    assert root2 < cube and cube > root2 and not cube < root2


def test_decimals_round_exactly() -> None:
    assert Algebraic((1, 0, -2), 1).decimal(20) == "1.41421356237309504880"
    assert Algebraic((1, 0, -2), 0).decimal(3) == "-1.414"


@settings(max_examples=30)
@given(st.integers(2, 500).filter(lambda n: int(n**0.5) ** 2 != n), st.integers(1, 12))
def test_property_square_roots_agree_with_integer_arithmetic(n: int, digits: int) -> None:
    value = Algebraic((1, 0, -n), 1)
    # floor(sqrt(n) * 10**digits) by integer square root: exact.
    from math import isqrt

    floor = isqrt(n * 10 ** (2 * digits))
    lo, hi = F(floor, 10**digits), F(floor + 1, 10**digits)
    assert lo < value < hi


def test_field_arithmetic() -> None:
    from sympy import Poly, symbols

    t = symbols("t")
    f = Poly(t**2 - 2, t, domain="QQ")
    theta = Algebraic((1, 0, -2), 1)
    # (1 + theta) / 2 in Q(sqrt 2), and theta**2 - 2 = 0.
    assert str(field_value(Poly((1 + t) / 2, t, domain="QQ"), f, theta)) == "1/2 + sqrt(2)/2"
    assert field_sign(Poly(t**2 - 2, t, domain="QQ"), f, theta) == 0
    assert field_sign(Poly(t - F(141, 100), t, domain="QQ"), f, theta) == 1
    assert field_value(Poly(t**2 + 1, t, domain="QQ"), f, theta) == 3


def _points(system, gens):
    return sorted(
        (str(p.theta), tuple(str(h.as_expr()) for h in p.coordinates))
        for p in real_solutions(system, gens)
    )


def test_polysystem_shapes() -> None:
    from sympy import symbols

    x, y = symbols("x y")
    # y does not separate the four solutions: a linear form is used.
    assert len(_points([x**2 - 1, y**2 - 1], (x, y))) == 4
    # Not radical (a double root): still one solution.
    assert [c for _, c in _points([x**2, y - x], (x, y))] == [("0", "0")]
    # A double root and a simple one, each with two values of y.
    values = {
        tuple(float(s) for s in coords) if "t" not in "".join(coords) else None
        for _, coords in _points([(x - 1) ** 2 * (x + 2), y**2 - x - 3], (x, y))
    }
    assert values == {(1.0, 2.0), (1.0, -2.0), (-2.0, 1.0), (-2.0, -1.0)}
    assert real_solutions([x**2 + 1, y], (x, y)) == []  # no real solution
    assert real_solutions([x - 1, x - 2], (x, y)) == []  # no solution at all
    continuum = real_solutions([x + y - 1], (x, y))
    assert isinstance(continuum, PositiveDimensional) and continuum.dimension == 1


@pytest.mark.parametrize("n", [2, 3, 5])
def test_roots_of_unity_like_systems(n: int) -> None:
    from sympy import symbols

    x = symbols("x")
    points = real_solutions([x**n - 2], (x,))
    assert len(points) == (2 if n % 2 == 0 else 1)
    assert all(abs(float(p.theta) ** n - 2) < 1e-12 for p in points)
