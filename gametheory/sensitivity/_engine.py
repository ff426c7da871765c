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
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..game import Game
from ..numbers import to_float
from ..result import Component
from . import _poly
from ._poly import Algebraic, Number, Poly


# ---------------------------------------------------------------------- shared helpers
def _common_denominator(cells: Iterable[tuple[Poly, Poly]]) -> Poly:
    """A common multiple of the denominators: an integer times distinct primitive factors."""
    integer = 1
    factors: dict[Poly, None] = {}
    for _, den in cells:
        integer = math.lcm(integer, _poly.content(den))
        if _poly.degree(den) >= 1:
            factors[_poly.primitive(den)] = None
    out: Poly = (integer,)
    for f in factors:
        out = _poly.mul(out, f)
    return out


def _scaled(cells: np.ndarray, common: Poly) -> np.ndarray:
    """The polynomial matrix ``common * cells`` (exact: common is a multiple of every den)."""
    out = np.empty(cells.shape, dtype=object)
    for index in np.ndindex(cells.shape):
        num, den = cells[index]
        out[index] = _poly.divexact(_poly.mul(num, common), den)
    return out


@dataclass
class PointSolution:
    """The equilibria at one parameter value, keyed so that they can be compared."""

    keys: list[Any]  # one hashable identity per extreme equilibrium, in display order
    components: tuple[Component, ...]
    # (profile, payoffs) per equilibrium; None at an irrational point until asked for
    values: list[tuple[tuple[tuple[Any, ...], ...], tuple[Any, ...]]] | None
    undefined: bool = False
    exact_rational: bool = True

    def signature(self) -> tuple[frozenset, frozenset]:
        parts = frozenset(frozenset(self.keys[e] for e in c.equilibria) for c in self.components)
        return frozenset(self.keys), parts


# ---------------------------------------------------------------------- two players
@dataclass
class Basis:
    """One basis of a best-response polyhedron, solved by Cramer's rule."""

    mask: int  # local labels: own strategy k -> bit k, other's strategy l -> bit own + l
    free: tuple[int, ...]  # own strategies that may have positive probability
    det: Poly
    coords: dict[int, Poly]  # free own strategy -> numerator of its probability
    value: Poly  # numerator of the (scaled) payoff of the other player
    slacks: dict[int, Poly] = field(default_factory=dict)  # other's strategy -> numerator

    def polys(self) -> list[Poly]:
        return [self.det, *self.coords.values(), *self.slacks.values()]


def polyhedron_bases(matrix: np.ndarray) -> list[Basis]:
    """Every nonsingular basis of {x >= 0, 1'x = 1, M'x <= u} for a polynomial matrix M.

    ``matrix[k][l]`` is the other player's payoff when this player plays k and the other l.
    """
    own, other = matrix.shape
    out = []
    minor = _Minors(matrix)
    # Not the column of -1: its cofactor is not a term of the determinant.
    equal_own = [pair for pair in minor.equal_cols if not pair >> own]
    for r in range(1, min(own, other) + 1):
        for free in itertools.combinations(range(own), r):
            columns = sum(1 << i for i in free) | (1 << own)  # and the column of -1, last
            # Two equal columns (rows) among the basis's make its determinant 0, the sum of
            # two opposite cofactors (of all-zero ones): the basis would be skipped below.
            if any(columns & pair == pair for pair in equal_own):
                continue
            bits = [1 << i for i in (*free, own)]
            for tight in itertools.combinations(range(other), r):
                rows = sum(1 << j for j in tight)
                if any(rows & pair == pair for pair in minor.equal_rows):
                    continue
                cof = []
                for col in range(r + 1):
                    d = minor(rows, columns ^ bits[col])
                    cof.append(_poly.neg(d) if col % 2 else d)
                det: Poly = ()
                for c in cof[:r]:
                    det = _poly.add(det, c)
                if not det:
                    continue
                mask = sum(1 << k for k in range(own) if k not in free) + sum(
                    1 << (own + j) for j in tight
                )
                basis = Basis(mask, free, det, dict(zip(free, cof[:r], strict=True)), cof[r])
                for j in range(other):
                    if j not in tight:
                        # s_j = cof[r] - sum_i M[i][j] cof_i is, expanded along its row j,
                        # -(-1)^r times the minor with the row j added last (shared).
                        after = (rows >> j).bit_count()
                        d = minor(rows | (1 << j), columns)
                        basis.slacks[j] = _poly.neg(d) if (r + after) % 2 == 0 else d
                out.append(basis)
    return out


class _Minors:
    """The minors of the matrix with rows ``j`` (the other's strategies) and columns ``i``
    (own strategies, then ``own`` for a column of -1): entry ``matrix[i][j]``.

    A minor, given by bit masks of its rows and columns, is expanded along its last row into
    minors one smaller, each computed once and remembered: the bases of
    :func:`polyhedron_bases` share them (at most C(m + n + 1, m) minors instead of a
    determinant per basis and column). The polynomials are the same as any other exact
    expansion's (a determinant is unique).
    """

    def __init__(self, matrix: np.ndarray) -> None:
        own, other = matrix.shape
        self.own = own
        # entries[j][i]: row j, column i (the column own is -1).
        self.entries = [[matrix[i][j] for i in range(own)] + [(-1,)] for j in range(other)]
        self.known: dict[int, Poly] = {}
        self.shift = own + 1
        # Equal rows, or equal columns, make a minor holding both zero (duplicate strategies
        # are common in models built from instruments): bit masks of such pairs.
        self.equal_rows = _equal_pairs(self.entries)
        self.equal_cols = _equal_pairs([list(c) for c in zip(*self.entries, strict=True)])

    def __call__(self, rows: int, cols: int) -> Poly:
        """The minor of the rows and columns in two bit masks (``rows`` non-zero)."""
        key = (rows << self.shift) | cols
        found = self.known.get(key)
        if found is not None:
            return found
        if any(rows & pair == pair for pair in self.equal_rows) or any(
            cols & pair == pair for pair in self.equal_cols
        ):
            self.known[key] = _poly.ZERO
            return _poly.ZERO
        last = rows.bit_length() - 1
        above = rows & ~(1 << last)
        entries = self.entries[last]
        total: Poly = _poly.ZERO
        odd = rows.bit_count() % 2 == 0  # (-1)^(k-1) for a k x k minor
        rest = cols
        while rest:
            bit = rest & -rest
            rest ^= bit
            entry = entries[bit.bit_length() - 1]
            if entry:
                term = _poly.mul(entry, self(above, cols ^ bit) if above else _poly.ONE)
                # Laplace along the last row: sign (-1)^(k-1+position); flips with position.
                total = _poly.sub(total, term) if odd else _poly.add(total, term)
            odd = not odd
        self.known[key] = total
        return total


def _equal_pairs(lines: list[list[Poly]]) -> list[int]:
    """Bit masks of the pairs of equal lines (one pair per line and the first equal to it)."""
    first: dict[tuple[Poly, ...], int] = {}
    pairs = []
    for k, line in enumerate(lines):
        j = first.setdefault(tuple(line), k)
        if j != k:
            pairs.append((1 << j) | (1 << k))
    return pairs


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


# ---------------------------------------------------------------------- N players, pure
class PureOnly:
    """The one-parameter machinery for pure equilibria of games with any number of players."""

    def __init__(self, pg: Any, name: str, values: dict[str, Fraction]) -> None:
        self.pg = pg
        self.name = name
        self.values = dict(values)
        self.cells = pg.univariate(name, values)
        self.shape = self.cells[0].shape
        self.commons = [_common_denominator(c.reshape(-1)) for c in self.cells]
        self.profiles = list(itertools.product(*(range(k) for k in self.shape)))
        # Numerators of (payoff at profile) - (payoff after a unilateral deviation).
        self.diffs: dict[tuple, list[tuple[Poly, Poly]]] = defaultdict(list)
        for s in self.profiles:
            for i, cells in enumerate(self.cells):
                num_s, den_s = cells[s]
                for k in range(self.shape[i]):
                    if k != s[i]:
                        d = (*s[:i], k, *s[i + 1 :])
                        num_d, den_d = cells[d]
                        diff = _poly.sub(_poly.mul(num_s, den_d), _poly.mul(num_d, den_s))
                        self.diffs[s].append((diff, _poly.mul(den_s, den_d)))

    def critical_polys(self) -> list[Poly]:
        out = list(self.commons)
        for diffs in self.diffs.values():
            out.extend(d for d, _ in diffs)
        return out

    def poles(self) -> Poly:
        out: Poly = _poly.ONE
        for c in self.commons:
            out = _poly.mul(out, c)
        return out

    def solve_rational(self, t: Fraction) -> PointSolution:
        values = dict(self.values, **{self.name: t})
        try:
            game = self.pg.game(values)
        except ValueError:
            return PointSolution([], (), [], undefined=True)
        keys, vals = [], []
        for s in self.profiles:
            if all(
                game.payoffs[i][s] >= game.payoffs[i][(*s[:i], k, *s[i + 1 :])]
                for i in range(len(self.shape))
                for k in range(self.shape[i])
            ):
                keys.append(s)
                vals.append((_pure_profile(s, self.shape), tuple(p[s] for p in game.payoffs)))
        return PointSolution(keys, (), vals)

    def formula_at(self, key: tuple[int, ...], t: Fraction) -> Any:
        pays = []
        for cells in self.cells:
            num, den = cells[key]
            d = _poly.evaluate(den, t)
            if d == 0:
                return None
            pays.append(_poly.evaluate(num, t) / d)
        return _pure_profile(key, self.shape), tuple(pays)

    def expressions(self, key: tuple[int, ...], symbol: Any) -> tuple[Any, Any]:
        import sympy

        profile = tuple(
            tuple(sympy.Integer(int(k == s)) for k in range(n))
            for s, n in zip(key, self.shape, strict=True)
        )
        pays = tuple(rational_expr(*cells[key], symbol) for cells in self.cells)
        return profile, pays

    def solve_algebraic(self, t: Algebraic, symbol_name: str) -> PointSolution:

        if any(t.sign_of(c) == 0 for c in self.commons):
            return PointSolution([], (), [], undefined=True)
        keys = [
            s
            for s in self.profiles
            if all(t.sign_of(_poly.mul(d, den)) >= 0 for d, den in self.diffs[s])
        ]
        return PointSolution(keys, (), None, exact_rational=False)

    def algebraic_values(self, keys: list, t: Algebraic, symbol_name: str) -> list:
        """The exact profiles and payoffs at an irrational point, as sympy expressions."""
        import sympy

        out = []
        for s in keys:
            profile = tuple(
                tuple(sympy.Integer(int(k == j)) for k in range(n))
                for j, n in zip(s, self.shape, strict=True)
            )
            pays = field_values([cells[s] for cells in self.cells], t, symbol_name)
            out.append((profile, tuple(pays)))
        return out

    def key_at_algebraic(self, key: tuple[int, ...], t: Algebraic) -> tuple[int, ...] | None:
        return key


def field_values(fractions: list[tuple[Poly, Poly]], t: Algebraic, symbol_name: str) -> list:
    """Rational functions evaluated exactly at an algebraic number, as sympy expressions."""
    import sympy

    alpha = t.to_sympy(symbol_name)
    out = []
    for num, den in fractions:
        coeffs = _poly.field_value(num, den, t.poly) if num else []
        out.append(
            sympy.expand(
                sum(
                    (
                        sympy.Rational(c.numerator, c.denominator) * alpha**k
                        for k, c in enumerate(coeffs)
                    ),
                    sympy.Integer(0),
                )
            )
        )
    return out


def _pure_profile(s: Sequence[int], shape: Sequence[int]) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(
        tuple(Fraction(int(k == j)) for k in range(n)) for j, n in zip(s, shape, strict=True)
    )


def rational_expr(num: Poly, den: Poly, symbol: Any) -> Any:
    """num / den as a simplified sympy expression (cancelled, then factored)."""
    import sympy

    if not num:
        return sympy.Integer(0)
    expr = sympy.cancel(_poly.to_sympy(num, symbol) / _poly.to_sympy(den, symbol))
    return sympy.factor(expr)


def components(keys: list[tuple[int, int]]) -> tuple[Component, ...]:
    """Components and maximal Nash subsets of extreme equilibria given as vertex-label pairs."""
    xs = sorted({k[0] for k in keys})
    ys = sorted({k[1] for k in keys})
    index = {k: e for e, k in enumerate(keys)}
    parent = {("x", x): ("x", x) for x in xs} | {("y", y): ("y", y) for y in ys}

    def find(u: Any) -> Any:
        while parent[u] != u:
            u = parent[u]
        return u

    for x, y in keys:
        a, b = find(("x", x)), find(("y", y))
        if a != b:
            parent[b] = a
    groups: dict[Any, list[int]] = defaultdict(list)
    for e, (x, _) in enumerate(keys):
        groups[find(("x", x))].append(e)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for x, y in keys:
        neighbours[x].add(y)
    out = []
    for edges in sorted(groups.values(), key=min):
        rows = sorted({keys[e][0] for e in edges})
        closed: set[frozenset[int]] = set()
        frontier = {frozenset(neighbours[x]) for x in rows}
        while frontier:
            closed |= frontier
            frontier = {
                a & frozenset(neighbours[x])
                for a in frontier
                for x in rows
                if a & neighbours[x] and (a & frozenset(neighbours[x])) not in closed
            }
        subsets = []
        for yset in closed:
            xset = [x for x in rows if yset <= neighbours[x]]
            subsets.append(tuple(sorted(index[(x, y)] for x in xset for y in yset)))
        out.append(Component(tuple(sorted(edges)), tuple(sorted(subsets))))
    return tuple(out)


def sort_numbers(numbers: Iterable[Number]) -> list[Number]:
    import functools

    out: list[Number] = []
    for x in sorted(numbers, key=functools.cmp_to_key(_poly.compare)):
        if not out or _poly.compare(out[-1], x) != 0:
            out.append(x)
    return out
