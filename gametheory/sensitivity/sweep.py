"""Sweeps: the exact equilibria at every point of a grid of one parameter.

A grid is written ``start:stop:count`` (``0:5:101`` is 0, 1/20, ..., 5): ``count`` equally
spaced exact rational points from ``start`` to ``stop`` inclusive. At each point the game is
solved exactly (every extreme equilibrium and the components for two players, pure equilibria
for more). Equilibria are grouped into *series* by their supports, so that a plot can follow
each one along the parameter.

Examples
--------
>>> import sympy
>>> from gametheory.sensitivity import ParametricGame
>>> c = sympy.Symbol("c", real=True)
>>> pg = ParametricGame.from_arrays([[c, 0], [0, 1]], [[1, 0], [0, 1]], parameters={"c": 1})
>>> result = sweep(pg, "c", parse_grid("-1:1:3"))
>>> [(str(p.value), len(p.equilibria)) for p in result.points]
[('-1', 1), ('0', 3), ('1', 3)]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..errors import GameValueError
from ..numbers import MAX_GRID_POINTS, format_fraction, to_fraction
from ..result import Component, Equilibrium

__all__ = ["Sweep", "SweepPoint", "parse_grid", "parse_param_grid", "sweep"]


def parse_grid(text: str, where: str = "grid") -> tuple[Fraction, ...]:
    """Parse ``start:stop:count`` into exact, equally spaced points (both ends included).

    Raises
    ------
    GameValueError
        For anything else, a count below 1 or above :data:`gametheory.numbers.MAX_GRID_POINTS`
        (10,001), a bound outside the number policy, or start above stop.

    Examples
    --------
    >>> [str(v) for v in parse_grid("0:1:5")]
    ['0', '1/4', '1/2', '3/4', '1']
    >>> parse_grid("0:1")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: grid: expected start:stop:count, e.g. 0:5:101, got '0:1'
    """
    parts = text.split(":")
    if len(parts) == 3 and len(parts[2].strip()) > 12:
        raise GameValueError(
            f"count too large ({len(parts[2].strip())} digits; at most {MAX_GRID_POINTS} points)",
            key=where,
        )
    if len(parts) != 3:
        raise GameValueError(f"expected start:stop:count, e.g. 0:5:101, got {text!r}", key=where)
    start = to_fraction(parts[0], where=f"{where} start")
    stop = to_fraction(parts[1], where=f"{where} stop")
    try:
        count = int(parts[2])
    except ValueError:
        raise GameValueError(f"count must be an integer, got {parts[2]!r}", key=where) from None
    if count < 1:
        raise GameValueError("count must be at least 1", key=where)
    if count > MAX_GRID_POINTS:
        raise GameValueError(f"count {count} is too large (at most {MAX_GRID_POINTS})", key=where)
    if stop < start:
        raise GameValueError("stop is below start", key=where)
    if count == 1:
        if start != stop:
            raise GameValueError("one point needs start = stop", key=where)
        return (start,)
    step = (stop - start) / (count - 1)
    return tuple(start + k * step for k in range(count))


def parse_param_grid(text: str) -> tuple[str, tuple[Fraction, ...]]:
    """Parse ``NAME=start:stop:count``.

    Examples
    --------
    >>> name, grid = parse_param_grid("c=0:5:101")
    >>> name, len(grid), grid[1]
    ('c', 101, Fraction(1, 20))
    """
    name, sep, grid = text.partition("=")
    if not sep or not name.strip():
        raise GameValueError(f"expected NAME=start:stop:count, got {text!r}", key="--param")
    return name.strip(), parse_grid(grid.strip(), where=name.strip())


@dataclass(frozen=True)
class SweepPoint:
    """The equilibria at one grid point (``undefined``: the payoffs are undefined there)."""

    value: Fraction
    equilibria: tuple[Equilibrium, ...]
    components: tuple[Component, ...] = ()
    undefined: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": format_fraction(self.value),
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [c.to_dict() for c in self.components],
        }
        if self.undefined:
            out["undefined"] = True
        return out


@dataclass(frozen=True)
class Sweep(Displayed):
    """The equilibria along a grid of one parameter, the others fixed."""

    parameter: str
    fixed: dict[str, Fraction]
    points: tuple[SweepPoint, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    title: str = ""

    def series(self) -> dict[tuple[tuple[str, ...], ...], list[tuple[Fraction, Equilibrium]]]:
        """Equilibria grouped by support, in order of first appearance."""
        out: dict[tuple[tuple[str, ...], ...], list[tuple[Fraction, Equilibrium]]] = {}
        for point in self.points:
            for eq in point.equilibria:
                out.setdefault(eq.support(), []).append((point.value, eq))
        return out

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from .report import format_sweep  # what `gametheory sweep` prints

        return format_sweep(self, format)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "fixed": {k: format_fraction(v) for k, v in self.fixed.items()},
            "points": [p.to_dict() for p in self.points],
        }


def sweep(
    pg: Any,
    name: str,
    grid: Sequence[Any],
    at: Mapping[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sweep:
    """Solve the game exactly at every point of a grid of one parameter.

    Parameters
    ----------
    pg : ParametricGame
    name : str
        The parameter swept.
    grid : sequence of numbers
        The values, e.g. from :func:`parse_grid`.
    at : mapping, optional
        Values of the other parameters.
    progress : callable, optional
        Called as ``progress(done, total)`` after each point.

    Returns
    -------
    Sweep

    Raises
    ------
    GameValueError
        For an unknown parameter or a grid value outside its range.
    """
    pg.parameter(name)
    at = {k: v for k, v in dict(at or {}).items() if k != name}
    values = [to_fraction(v, where=name) for v in grid]
    fixed = None
    points = []
    for k, value in enumerate(values):
        vals = pg.values({**at, name: value})
        if fixed is None:
            fixed = {n: v for n, v in vals.items() if n != name}
        try:
            game = pg.game(vals)
        except GameValueError as exc:
            if "undefined" not in exc.message:
                raise
            points.append(SweepPoint(value, (), (), True))
        else:
            if pg.n_players == 2:
                from ..algorithms.exact import exact_equilibria

                result = exact_equilibria(game)
                points.append(SweepPoint(value, result.equilibria, result.components))
            else:
                # Every equilibrium, mixed ones included, by the exact N-player method.
                from ..solve import solve

                result = solve(game)
                points.append(SweepPoint(value, result.equilibria, result.components))
        if progress is not None:
            progress(k + 1, len(values))
    return Sweep(name, fixed or {}, tuple(points), pg.players, pg.strategies, pg.title)
