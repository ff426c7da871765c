"""The one-parameter analysis of pure equilibria, for any number of players (private): the
critical values are the roots of the differences between a player's payoffs in two profiles
that differ in its strategy.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from fractions import Fraction
from typing import Any

from . import _poly
from ._engine_common import (
    PointSolution,
    _common_denominator,
    _pure_profile,
    field_values,
    rational_expr,
)
from ._poly import Algebraic, Poly

__all__ = ["PureOnly"]


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
