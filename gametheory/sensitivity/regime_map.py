"""The regime map of two parameters: which equilibria hold where, and the boundary curves.

The two ranges are cut into a grid of cells, and the game is solved exactly at the centre of
each (exact rational points; centres rather than corners, so that round-number thresholds do not
fall on grid points). Two points are in the same *region* when their equilibria are given by the
same formulas (the same labels of the best-response polyhedra, so the same closed forms). Each
region lists its equilibria in closed form in the two parameters. The *boundaries* are exact curves:
the factors of the conditions of the regions' formulas (a probability reaching 0, a payoff tie, a
vanishing determinant) whose sign differs between neighbouring grid points of different
regions; each is given as an equation and, where sympy can solve it, as explicit curves.

The grid decides which regions are seen: a region thinner than the grid's spacing can be
missed. The boundaries themselves are exact.

Examples
--------
>>> import sympy
>>> from gametheory.sensitivity import ParametricGame
>>> c, d = sympy.symbols("c d", real=True)
>>> pg = ParametricGame.from_arrays([[c, 0], [0, 1]], [[d, 0], [0, 1]],
...                                 parameters={"c": (1, -2, 2), "d": (1, -2, 2)})
>>> rmap = regime_map(pg, "c", "d", resolution=8)
>>> len(rmap.regions), [str(b.expression) for b in rmap.boundaries]
(2, ['c', 'd'])
>>> rmap.boundaries[0].to_dict()
{'equation': 'c = 0', 'solutions': ['c = 0'], 'between': [['A', 'B']]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction, to_fraction
from .symbolic import SymbolicEquilibrium

__all__ = ["Boundary", "RegimeMap", "Region", "regime_map"]


@dataclass(frozen=True)
class Region:
    """A set of grid points with the same equilibrium formulas."""

    label: str
    equilibria: tuple[SymbolicEquilibrium, ...]
    description: str
    sample: tuple[Fraction, Fraction]
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "description": self.description,
            "sample": [format_fraction(v) for v in self.sample],
            "points": self.points,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }


@dataclass(frozen=True)
class Boundary:
    """An exact boundary curve ``expression = 0`` between regions."""

    expression: Any
    solutions: tuple[tuple[str, Any], ...]  # (parameter solved for, expression)
    between: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "equation": f"{self.expression} = 0",
            "solutions": [f"{name} = {expr}" for name, expr in self.solutions],
            "between": [list(pair) for pair in self.between],
        }


@dataclass(frozen=True)
class RegimeMap:
    """Regions and boundaries over a grid of two parameters."""

    x: str
    y: str
    x_values: tuple[Fraction, ...]
    y_values: tuple[Fraction, ...]
    cells: tuple[tuple[int, ...], ...]  # cells[j][i]: region index at (x_values[i], y_values[j])
    regions: tuple[Region, ...]
    boundaries: tuple[Boundary, ...]
    fixed: dict[str, Fraction]
    title: str = ""
    #: The model's own values of the two parameters (x, y), where it declares them.
    default: tuple[Fraction, Fraction] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameters": [self.x, self.y],
            "fixed": {k: format_fraction(v) for k, v in self.fixed.items()},
            "x": [format_fraction(v) for v in self.x_values],
            "y": [format_fraction(v) for v in self.y_values],
            "regions": [r.to_dict() for r in self.regions],
            "cells": [[self.regions[k].label for k in row] for row in self.cells],
            "boundaries": [b.to_dict() for b in self.boundaries],
        }


def describe(eq: SymbolicEquilibrium) -> str:
    """A short name for an equilibrium: its pure profile, or the supports of a mixed one."""
    support = eq.support()
    if all(len(s) == 1 for s in support):
        return "(" + ", ".join(s[0] for s in support) + ")"
    return "mixed (" + "; ".join("+".join(s) for s in support) + ")"


def _labels(k: int) -> str:
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def _range(pg: Any, name: str, given: Sequence[Any] | None) -> tuple[Fraction, Fraction]:
    p = pg.parameter(name)
    if given is not None:
        lo, hi = (to_fraction(v, where=name) for v in given)
    else:
        lo, hi = p.low, p.high
    if lo is None or hi is None:
        raise GameValueError("the parameter has no bounded range: give one for the map", key=name)
    if lo >= hi:
        raise GameValueError("empty range", key=name)
    return lo, hi


def regime_map(
    pg: Any,
    x: str,
    y: str,
    at: Mapping[str, Any] | None = None,
    x_range: Sequence[Any] | None = None,
    y_range: Sequence[Any] | None = None,
    resolution: int = 41,
    progress: Callable[[int, int], None] | None = None,
) -> RegimeMap:
    """The regime map of two parameters over their ranges.

    Parameters
    ----------
    pg : ParametricGame
    x, y : str
        The two parameters (x across, y up).
    at : mapping, optional
        Values of the other parameters.
    x_range, y_range : pair of numbers, optional
        Default: the declared ranges (required when a parameter has none).
    resolution : int
        Cells per axis (at least 2); the game is solved at each cell's centre.
    progress : callable, optional
        Called as ``progress(done, total)``.

    Returns
    -------
    RegimeMap
    """
    import sympy

    from .symbolic import eq_labels, equilibria_at, equilibrium_formula

    if x == y:
        raise GameValueError("the two parameters must differ", key=y)
    if resolution < 2:
        raise GameValueError("resolution must be at least 2", key="resolution")
    xlo, xhi = _range(pg, x, x_range)
    ylo, yhi = _range(pg, y, y_range)
    at = {k: v for k, v in dict(at or {}).items() if k not in (x, y)}
    base = pg.values({**at, x: pg.parameter(x).value or xlo, y: pg.parameter(y).value or ylo})
    small = pg.restricted([x, y], base)
    xs = tuple(xlo + (xhi - xlo) * (2 * k + 1) / (2 * resolution) for k in range(resolution))
    ys = tuple(ylo + (yhi - ylo) * (2 * k + 1) / (2 * resolution) for k in range(resolution))
    formulas: dict[Any, SymbolicEquilibrium] = {}
    region_of: dict[frozenset, int] = {}
    region_keys: list[tuple] = []
    region_points: list[list[tuple[Fraction, Fraction]]] = []
    cells = []
    total = resolution * resolution
    done = 0
    for yv in ys:
        row = []
        for xv in xs:
            values = {x: xv, y: yv}
            try:
                game, eqs = equilibria_at(small, values)
            except GameValueError:
                eqs, game = [], None
            keys = []
            for eq in eqs:
                key = eq_labels(game, eq.profile)
                if key not in formulas or not formulas[key].regular:
                    formulas[key] = equilibrium_formula(
                        small, game, eq.profile, small.values(values)
                    )
                keys.append(key)
            signature = frozenset(keys)
            if signature not in region_of:
                region_of[signature] = len(region_keys)
                region_keys.append(tuple(keys))
                region_points.append([])
            region_points[region_of[signature]].append((xv, yv))
            row.append(region_of[signature])
            done += 1
            if progress is not None:
                progress(done, total)
        cells.append(tuple(row))

    regions = []
    for k, keys in enumerate(region_keys):
        eqs = tuple(formulas[key] for key in keys)
        regions.append(
            Region(
                _labels(k),
                tuple(_plain(eq) for eq in eqs),
                "; ".join(describe(eq) for eq in eqs) or "payoffs undefined",
                region_points[k][len(region_points[k]) // 2],
                len(region_points[k]),
            )
        )

    # Boundary candidates: the irreducible factors of the conditions of each formula.
    sx, sy = sympy.Symbol(x, real=True), sympy.Symbol(y, real=True)
    factors_of: dict[Any, list[tuple[Any, Any]]] = {}
    for key, formula in formulas.items():
        found: dict[Any, None] = {}
        for cond in formula.conditions:
            num, den = sympy.fraction(sympy.together(cond.lhs))
            for part in (num, den):
                for f, _ in sympy.factor_list(part, sx, sy)[1]:
                    if f.free_symbols:
                        found[sympy.expand(f)] = None
        factors_of[key] = [(f, sympy.lambdify((sx, sy), f, modules=[{}])) for f in found]

    def sign(fn: Any, a: Fraction, b: Fraction) -> int:
        v = fn(a, b)
        return (v > 0) - (v < 0)

    # A boundary between two neighbouring cells of different regions is a condition factor of
    # a formula that holds in one region and not the other, changing sign between the cells.
    between: dict[Any, set[tuple[str, str]]] = {}
    for j in range(resolution):
        for i in range(resolution):
            for dj, di in ((0, 1), (1, 0)):
                jj, ii = j + dj, i + di
                if jj >= resolution or ii >= resolution or cells[j][i] == cells[jj][ii]:
                    continue
                r1, r2 = cells[j][i], cells[jj][ii]
                pair = tuple(sorted((regions[r1].label, regions[r2].label)))
                changed = set(region_keys[r1]) ^ set(region_keys[r2])
                for key in changed:
                    for f, fn in factors_of[key]:
                        if sign(fn, xs[i], ys[j]) != sign(fn, xs[ii], ys[jj]):
                            between.setdefault(f, set()).add(pair)
    boundaries = []
    for f in sorted(between, key=sympy.default_sort_key):
        solutions: list[tuple[str, Any]] = []
        for name, s in ((y, sy), (x, sx)):
            if sympy.degree(f, s) in (1, 2):
                solutions = [(name, sympy.simplify(r)) for r in sympy.solve(f, s)]
                break
        boundaries.append(Boundary(f, tuple(solutions), tuple(sorted(between[f]))))
    return RegimeMap(
        x,
        y,
        xs,
        ys,
        tuple(cells),
        tuple(regions),
        tuple(boundaries),
        {k: v for k, v in base.items() if k not in (x, y)},
        pg.title,
        _default(pg, x, y),
    )


def _default(pg: Any, x: str, y: str) -> tuple[Fraction, Fraction] | None:
    values = (pg.parameter(x).value, pg.parameter(y).value)
    return None if None in values else values  # type: ignore[return-value]


def _plain(eq: SymbolicEquilibrium) -> SymbolicEquilibrium:
    return eq
