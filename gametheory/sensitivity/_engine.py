"""The exact machinery of the one-parameter analysis (private).

One parameter varies, the others are fixed, so every payoff is a quotient of integer polynomials
in one variable ``t``. For two players, every vertex of each player's best-response polyhedron

.. math::

    \\bar P = \\{(x, u) : x \\ge 0,\\ 1^\\top x = 1,\\ B^\\top x \\le u 1\\}

is the solution of a *basis*: ``m`` of its ``m + n`` constraints taken as equations. For every
basis we compute, by Cramer's rule over the integer polynomials, the determinant ``D(t)``, the
numerators of the coordinates and of the slacks of the other constraints. Between consecutive
real roots of all these polynomials (the *critical values*), no sign changes: every vertex keeps
its labels, so the set of extreme equilibria, as functions of ``t``, and the components are the
same throughout, and are found exactly by solving the game at one rational point inside. Most
critical values are spurious; the caller merges intervals whose equilibria agree.

For more than two players only pure equilibria are analysed: the critical values are the roots
of the differences between a player's payoffs in two profiles that differ in its strategy.

The stages live one module each: the bases of the two-player polyhedra (``_engine_bases``),
the pure equilibria of N players (``_engine_pure``), what they share (``_engine_common``);
this module holds the two-player machinery, :class:`Bimatrix`, and re-exports the others.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from ..game import Game
from ..numbers import to_float
from . import _poly
from ._engine_bases import Basis, polyhedron_bases
from ._engine_common import (
    PointSolution,
    _common_denominator,
    _scaled,
    components,
    field_values,
    rational_expr,
    sort_numbers,
)
from ._engine_pure import PureOnly
from ._poly import Algebraic, Poly

__all__ = [
    "Basis",
    "Bimatrix",
    "PointSolution",
    "PureOnly",
    "components",
    "field_values",
    "polyhedron_bases",
    "rational_expr",
    "sort_numbers",
]


class Bimatrix:
    """The one-parameter machinery for a two-player game."""

    def __init__(self, pg: Any, name: str, values: dict[str, Fraction]) -> None:
        self.pg = pg
        self.name = name
        self.values = dict(values)
        cells_a, cells_b = pg.univariate(name, values)
        self.m, self.n = cells_a.shape
        self.cells = (cells_a, cells_b)
        self.common_a = _common_denominator(cells_a.reshape(-1))
        self.common_b = _common_denominator(cells_b.reshape(-1))
        a = _scaled(cells_a, self.common_a)
        b = _scaled(cells_b, self.common_b)
        self.x_bases = polyhedron_bases(b)  # row player's mixed strategies (Column's payoffs)
        self.y_bases = polyhedron_bases(a.T)  # column player's (Row's payoffs)
        self._formula_cache: dict[tuple[int, int], tuple[Basis, Basis]] = {}

    # -- critical values
    def critical_polys(self) -> list[Poly]:
        polys = [self.common_a, self.common_b]
        for basis in itertools.chain(self.x_bases, self.y_bases):
            polys.extend(basis.polys())
        return polys

    def poles(self) -> Poly:
        return _poly.mul(self.common_a, self.common_b)

    # -- labels (global: row i -> bit i, column j -> bit m + j)
    def _y_local(self, mask: int) -> int:
        rows = mask & ((1 << self.m) - 1)
        cols = mask >> self.m
        return cols | (rows << self.n)

    def _y_global(self, local: int) -> int:
        cols = local & ((1 << self.n) - 1)
        rows = local >> self.n
        return rows | (cols << self.m)

    def labels(self, game: Game, profile: Any) -> tuple[int, int]:
        from .symbolic import eq_labels

        return eq_labels(game, profile)

    def _basis_for(self, bases: list[Basis], local: int, t: Fraction) -> Basis:
        for basis in bases:
            if basis.mask & ~local == 0 and _poly.evaluate(basis.det, t) != 0:
                return basis
        raise AssertionError("no basis for a vertex: a bug in the enumeration")  # pragma: no cover

    # -- solutions
    def solve_rational(self, t: Fraction) -> PointSolution:
        from ..algorithms.exact import exact_equilibria

        values = dict(self.values, **{self.name: t})
        try:
            game = self.pg.game(values)
        except ValueError:
            return PointSolution([], (), [], undefined=True)
        result = exact_equilibria(game)
        keys, vals = [], []
        for eq in result.equilibria:
            key = self.labels(game, eq.profile)
            if key not in self._formula_cache:
                bx = self._basis_for(self.x_bases, key[0], t)
                by = self._basis_for(self.y_bases, self._y_local(key[1]), t)
                self._formula_cache[key] = (bx, by)
            keys.append(key)
            vals.append((eq.profile, eq.payoffs))
        return PointSolution(keys, result.components, vals)

    def formula_at(self, key: tuple[int, int], t: Fraction) -> Any:
        """The profile and payoffs of a formula at a rational point (None if undefined)."""
        bx, by = self._formula_cache[key]
        dx, dy = _poly.evaluate(bx.det, t), _poly.evaluate(by.det, t)
        ca, cb = _poly.evaluate(self.common_a, t), _poly.evaluate(self.common_b, t)
        if dx == 0 or dy == 0 or ca == 0 or cb == 0:
            return None
        x = tuple(
            _poly.evaluate(bx.coords[i], t) / dx if i in bx.coords else Fraction(0)
            for i in range(self.m)
        )
        y = tuple(
            _poly.evaluate(by.coords[j], t) / dy if j in by.coords else Fraction(0)
            for j in range(self.n)
        )
        v = _poly.evaluate(by.value, t) / (dy * ca)
        u = _poly.evaluate(bx.value, t) / (dx * cb)
        return (x, y), (v, u)

    def expressions(self, key: tuple[int, int], symbol: Any) -> tuple[Any, Any]:
        """The formula of an equilibrium as sympy expressions in ``symbol``."""
        bx, by = self._formula_cache[key]
        x = tuple(rational_expr(bx.coords.get(i, ()), bx.det, symbol) for i in range(self.m))
        y = tuple(rational_expr(by.coords.get(j, ()), by.det, symbol) for j in range(self.n))
        v = rational_expr(by.value, _poly.mul(by.det, self.common_a), symbol)
        u = rational_expr(bx.value, _poly.mul(bx.det, self.common_b), symbol)
        return (x, y), (v, u)

    def solve_algebraic(self, t: Algebraic, symbol_name: str) -> PointSolution:
        """The extreme equilibria and components at an irrational point, exactly."""
        if t.sign_of(self.common_a) == 0 or t.sign_of(self.common_b) == 0:
            return PointSolution([], (), [], undefined=True)
        xs = self._vertices(self.x_bases, t, self.common_b, self.m)
        ys = {
            self._y_global(mask): basis
            for mask, basis in self._vertices(self.y_bases, t, self.common_a, self.n).items()
        }
        full = (1 << (self.m + self.n)) - 1
        pairs = [(lx, ly) for lx in xs for ly in ys if lx | ly == full]
        for lx, ly in pairs:
            self._formula_cache.setdefault((lx, ly), (xs[lx], ys[ly]))
        floats = {key: self._float_profile(key, t) for key in pairs}
        keys = sorted(pairs, key=lambda k: tuple(-p for p in floats[k]))
        return PointSolution(keys, components(keys), None, exact_rational=False)

    def _fractions(self, key: tuple[int, int]) -> list[tuple[Poly, Poly]]:
        """Numerator and denominator of every probability, then of both payoffs."""
        bx, by = self._formula_cache[key]
        out = [(bx.coords.get(i, ()), bx.det) for i in range(self.m)]
        out += [(by.coords.get(j, ()), by.det) for j in range(self.n)]
        out.append((by.value, _poly.mul(by.det, self.common_a)))
        out.append((bx.value, _poly.mul(bx.det, self.common_b)))
        return out

    def _float_profile(self, key: tuple[int, int], t: Algebraic) -> tuple[float, ...]:
        # Only an order for listing equilibria; the values themselves stay exact.
        where = "ordering the equilibria at an irrational threshold"
        a = to_float(t, where=where)
        out = []
        for num, den in self._fractions(key)[: self.m + self.n]:
            coeffs = _poly.field_value(num, den, t.poly) if num else []
            out.append(sum(to_float(c, where=where) * a**k for k, c in enumerate(coeffs)))
        return tuple(out)

    def algebraic_values(self, keys: list, t: Algebraic, symbol_name: str) -> list:
        """The exact profiles and payoffs at an irrational point, as sympy expressions."""
        values = [field_values(self._fractions(key), t, symbol_name) for key in keys]
        return [
            ((tuple(v[: self.m]), tuple(v[self.m : self.m + self.n])), tuple(v[self.m + self.n :]))
            for v in values
        ]

    def _vertices(self, bases: list[Basis], t: Algebraic, common: Poly, own: int) -> dict:
        found: dict[int, Basis] = {}
        sign_common = t.sign_of(common)
        for basis in bases:
            sd = t.sign_of(basis.det)
            if sd == 0:
                continue
            mask = basis.mask
            ok = True
            for i, num in basis.coords.items():
                s = t.sign_of(num) * sd
                if s < 0:
                    ok = False
                    break
                if s == 0:
                    mask |= 1 << i
            if not ok:
                continue
            for j, num in basis.slacks.items():
                s = t.sign_of(num) * sd * sign_common
                if s < 0:
                    ok = False
                    break
                if s == 0:
                    mask |= 1 << (own + j)
            if ok:
                found.setdefault(mask, basis)
        return found

    def key_at_algebraic(self, key: tuple[int, int], t: Algebraic) -> tuple[int, int] | None:
        """The labels at an irrational point of a formula's equilibrium (None if undefined)."""
        bx, by = self._formula_cache[key]
        out = []
        for basis, common, own, conv in (
            (bx, self.common_b, self.m, lambda v: v),
            (by, self.common_a, self.n, self._y_global),
        ):
            sd = t.sign_of(basis.det)
            if sd == 0 or t.sign_of(common) == 0:
                return None
            mask = basis.mask
            for i, num in basis.coords.items():
                if t.sign_of(num) == 0:
                    mask |= 1 << i
            for j, num in basis.slacks.items():
                if t.sign_of(num) == 0:
                    mask |= 1 << (own + j)
            out.append(conv(mask))
        return out[0], out[1]
