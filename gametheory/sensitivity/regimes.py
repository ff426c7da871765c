"""Thresholds and regimes: how the equilibria change as one parameter moves over its range.

Definitions
-----------
Fix every parameter but one, ``t``. A *threshold* is a value of ``t`` at which the set of
equilibria changes: an equilibrium appears, disappears or changes its formula, or the
equilibria are different at that value alone (for example a continuum of equilibria exactly at
the threshold). A *regime* is either an open interval between consecutive thresholds, on which
every equilibrium is given by one closed-form expression in ``t``, or a single threshold (a
*point regime*), whose equilibria and components are reported as exact numbers.

Method
------
The candidate thresholds are the real roots of every polynomial that can change sign in the
description of the best-response polyhedra (see :mod:`._engine`): between two consecutive
candidates, the extreme equilibria are given by fixed formulas, which are found from the exact
numeric equilibria (:func:`gametheory.algorithms.exact.exact_equilibria`) at one rational
point inside. At every candidate the game is solved again (exactly, also at irrational
candidates, which are roots of irreducible polynomials), and candidates where nothing changes
are dropped. The result is complete and exact; no floating-point number is involved.

Examples
--------
A 2x2 coordination game in which the row player's payoff from the first outcome is ``c``:

>>> import sympy
>>> from gametheory.sensitivity import ParametricGame
>>> c = sympy.Symbol("c", real=True)
>>> pg = ParametricGame.from_arrays([[c, 0], [0, 1]], [[1, 0], [0, 1]],
...                                 parameters={"c": ("1", None, None)})
>>> analysis = analyse_parameter(pg, "c")
>>> analysis.to_dict()["thresholds"]
['0']
>>> [[eq["strategies"]["Column"] for eq in r["equilibria"]]
...  for r in analysis.to_dict()["regimes"]]  # doctest: +NORMALIZE_WHITESPACE
[[{'1': '0', '2': '1'}],
 [{'1': '1', '2': '0'}, {'1': '1', '2': '0'}, {'1': '0', '2': '1'}],
 [{'1': '1', '2': '0'}, {'1': '1/(c + 1)', '2': 'c/(c + 1)'}, {'1': '0', '2': '1'}]]
>>> analysis.regimes[1].interval(), [c.equilibria for c in analysis.regimes[1].components]
(('0', '0'), [(0, 1), (2,)])

At ``c = 0`` the first row is weakly dominated: the row player may mix freely (probability of
the first row at least 1/2) while the column player plays its first strategy, a continuum of
equilibria at the threshold alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._display import Displayed, regime_tables
from ..errors import GameValueError
from ..numbers import format_fraction, to_fraction
from ..result import Component
from . import _poly
from ._poly import Algebraic, Number
from .symbolic import SymbolicEquilibrium

__all__ = ["OneParameterAnalysis", "Regime", "analyse_parameter", "number_text"]


def number_text(x: Number | None, side: int = 0) -> str:
    """An exact number as text sympy reads: ``"3/2"``, ``"sqrt(2) + 1"``, ``"-oo"``, ``"oo"``."""
    if x is None:
        return "-oo" if side < 0 else "oo"
    if isinstance(x, Algebraic):
        return str(x.to_sympy())
    return format_fraction(x)


@dataclass(frozen=True)
class Regime:
    """An interval of the parameter (or a single value) with its equilibria.

    Attributes
    ----------
    low, high : Fraction, Algebraic or None
        The ends (``None``: unbounded); equal for a point regime.
    closed : tuple of bool
        Whether each end belongs to the regime (only a range's own end can: every other end is
        a threshold, which is a regime of its own).
    equilibria : tuple of SymbolicEquilibrium
        Every extreme equilibrium (two players) or pure equilibrium (more players), as
        expressions in the parameter (constants for a point regime).
    components : tuple of Component
        The components of the equilibrium set, indexing ``equilibria`` (two players).
    checked_at : tuple of Fraction
        The rational points where the exact numeric solver confirmed the regime.
    note : str
        For example that the payoffs are undefined at this value.
    """

    low: Number | None
    high: Number | None
    closed: tuple[bool, bool]
    equilibria: tuple[SymbolicEquilibrium, ...]
    components: tuple[Component, ...] = ()
    checked_at: tuple[Fraction, ...] = ()
    note: str = ""

    @property
    def is_point(self) -> bool:
        return (
            self.low is not None
            and self.high is not None
            and (_poly.compare(self.low, self.high) == 0)
        )

    def interval(self) -> tuple[str, str]:
        """The ends as text: ``"-oo"``/``"oo"`` when unbounded, equal strings for a point."""
        return number_text(self.low, -1), number_text(self.high, 1)

    def contains(self, value: Fraction) -> bool:
        """True if the rational value lies in the regime."""
        value = Fraction(value)
        if self.low is not None:
            c = _poly.compare(value, self.low)
            if c < 0 or (c == 0 and not self.closed[0]):
                return False
        if self.high is not None:
            c = _poly.compare(value, self.high)
            if c > 0 or (c == 0 and not self.closed[1]):
                return False
        return True

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (contract: ``interval`` and ``equilibria``)."""
        out: dict[str, Any] = {
            "interval": list(self.interval()),
            "closed": list(self.closed),
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [c.to_dict() for c in self.components],
            "checked_at": [format_fraction(v) for v in self.checked_at],
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class OneParameterAnalysis(Displayed):
    """Thresholds and regimes of one parameter, the others fixed.

    Attributes
    ----------
    parameter : str
    low, high : Fraction or None
        The range analysed (``None``: unbounded).
    fixed : dict of str to Fraction
        The values of the other parameters.
    thresholds : tuple of Fraction or Algebraic
        In increasing order.
    regimes : tuple of Regime
        In increasing order, alternating intervals and thresholds.
    kind : str
        ``"all"`` (two players: every extreme equilibrium and the components) or ``"pure"``
        (more players: pure equilibria only).
    """

    parameter: str
    low: Fraction | None
    high: Fraction | None
    fixed: dict[str, Fraction]
    thresholds: tuple[Number, ...]
    regimes: tuple[Regime, ...]
    kind: str = "all"
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    candidates: int = field(default=0, compare=False)

    def regime_at(self, value: Any) -> Regime:
        """The regime containing a rational value of the parameter."""
        v = to_fraction(value, where=self.parameter)
        for regime in self.regimes:
            if regime.contains(v):
                return regime
        raise GameValueError(
            f"{format_fraction(v)} is outside the range analysed", key=self.parameter
        )

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from .report import format_analysis  # what `gametheory sensitivity` prints for one

        return format_analysis(self, format)

    def _frame_tables(self) -> list[tuple[list[str], list[list[Any]]]]:
        return regime_tables([self.to_dict()])

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``parameter``, ``thresholds`` and ``regimes`` (a contract)."""
        return {
            "parameter": self.parameter,
            "range": [number_text(self.low, -1), number_text(self.high, 1)],
            "fixed": {k: format_fraction(v) for k, v in self.fixed.items()},
            "kind": self.kind,
            "thresholds": [number_text(t) for t in self.thresholds],
            "regimes": [r.to_dict() for r in self.regimes],
        }


def analyse_parameter(
    pg: Any,
    name: str,
    at: Mapping[str, Any] | None = None,
    low: Any = None,
    high: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> OneParameterAnalysis:
    """The exact thresholds and regimes of one parameter, the others fixed.

    Parameters
    ----------
    pg : ParametricGame
    name : str
        The parameter that varies.
    at : mapping, optional
        Values of the other parameters (default: their values).
    low, high : number, optional
        The range to analyse; default: the parameter's declared range, else the whole line.
    progress : callable, optional
        Called as ``progress(done, total)`` while points are solved.

    Returns
    -------
    OneParameterAnalysis

    Raises
    ------
    GameValueError
        For an unknown parameter or a bad range.
    """
    from ._engine import Bimatrix, PureOnly, sort_numbers

    param = pg.parameter(name)
    at = dict(at or {})
    at.pop(name, None)
    values = _values_without(pg, name, at)
    lo = param.low if low is None else to_fraction(low, where=f"{name} low")
    hi = param.high if high is None else to_fraction(high, where=f"{name} high")
    if lo is not None and hi is not None and lo > hi:
        raise GameValueError(f"empty range [{lo}, {hi}]", key=name)
    engine = (Bimatrix if pg.n_players == 2 else PureOnly)(pg, name, values)

    factors: dict[_poly.Poly, None] = {}
    cache: dict[_poly.Poly, None] = {}
    for p in engine.critical_polys():
        p = _poly.primitive(p)
        if _poly.degree(p) < 1 or p in cache:
            continue
        cache[p] = None
        for f in _poly.irreducible_factors(p):
            factors[f] = None
    roots = []
    for f in factors:
        for r in _poly.real_roots(f):
            if (lo is None or _poly.compare(r, lo) > 0) and (
                hi is None or _poly.compare(r, hi) < 0
            ):
                roots.append(r)
    roots = sort_numbers(roots)
    symbol = pg.symbol(name)

    # The sequence of pieces: points (ends of the range and candidates) and open intervals.
    points: list[Number] = (
        ([lo] if lo is not None else [])
        + roots
        + ([hi] if hi is not None and (lo is None or hi != lo) else [])
    )
    bounds: list[Number | None] = [
        *([None] if lo is None else []),
        *points,
        *([None] if hi is None else []),
    ]
    total = len(points) + max(len(bounds) - 1, 0)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    pieces: list[tuple[str, Any, Any]] = []  # ("point", t, solution) / ("open", (a, b), ...)
    for k in range(len(bounds)):
        b = bounds[k]
        if b is not None:
            pieces.append(("point", b, _solve_point(engine, b, name)))
            tick()
        if k + 1 < len(bounds) and not (lo is not None and hi is not None and lo == hi):
            a, c = bounds[k], bounds[k + 1]
            sample = _poly.between(a, c)
            pieces.append(("open", (a, c), (sample, engine.solve_rational(sample))))
            tick()

    regimes, thresholds = _merge(pieces, engine, symbol, pg, name)
    return OneParameterAnalysis(
        parameter=name,
        low=lo,
        high=hi,
        fixed={k: v for k, v in values.items() if k != name},
        thresholds=tuple(thresholds),
        regimes=tuple(regimes),
        kind="all" if pg.n_players == 2 else "pure",
        players=pg.players,
        strategies=pg.strategies,
        title=pg.title,
        candidates=len(roots),
    )


def _values_without(pg: Any, name: str, at: Mapping[str, Any]) -> dict[str, Fraction]:
    """Values of every parameter but ``name`` (which may have no default value)."""
    p = pg.parameter(name)
    own = next((v for v in (p.value, p.low, p.high) if v is not None), Fraction(0))
    return pg.values({**at, name: own})


def _solve_point(engine: Any, t: Number, name: str) -> Any:
    if isinstance(t, Algebraic):
        return engine.solve_algebraic(t, name)
    return engine.solve_rational(t)


def _matches(engine: Any, interval_solution: Any, t: Number, point_solution: Any) -> bool:
    """True if the equilibria at t are exactly the interval's formulas evaluated at t."""
    if point_solution.undefined:
        return False
    keys = interval_solution.keys
    if len(keys) != len(point_solution.keys):
        return False
    if isinstance(t, Algebraic):
        mapped = [engine.key_at_algebraic(k, t) for k in keys]
        if any(m is None for m in mapped):
            return False
        where = {k: e for e, k in enumerate(point_solution.keys)}
    else:
        mapped = []
        for k in keys:
            value = engine.formula_at(k, t)
            if value is None:
                return False
            mapped.append(value[0])
        where = {tuple(v[0]): e for e, v in enumerate(point_solution.values)}
    if len(set(mapped)) != len(mapped) or any(m not in where for m in mapped):
        return False
    # The same components: the point's, expressed through the interval's keys.
    index = [where[m] for m in mapped]
    back = {e: keys[k] for k, e in enumerate(index)}
    point_parts = frozenset(
        frozenset(back[e] for e in c.equilibria) for c in point_solution.components
    )
    return point_parts == interval_solution.signature()[1]


def _merge(pieces: list, engine: Any, symbol: Any, pg: Any, name: str) -> tuple[list, list]:
    regimes: list[Regime] = []
    thresholds: list[Number] = []
    formulas: dict[Any, SymbolicEquilibrium] = {}

    def symbolic(key: Any) -> SymbolicEquilibrium:
        if key not in formulas:
            profile, pays = engine.expressions(key, symbol)
            formulas[key] = SymbolicEquilibrium(pg.players, pg.strategies, profile, pays)
        return formulas[key]

    def point_regime(t: Number, sol: Any) -> Regime:
        import sympy

        if sol.values is None:
            sol.values = engine.algebraic_values(sol.keys, t, name)
        eqs = tuple(
            SymbolicEquilibrium(
                pg.players,
                pg.strategies,
                tuple(tuple(_constant(p, sympy) for p in probs) for probs in profile),
                tuple(_constant(u, sympy) for u in pays),
            )
            for profile, pays in sol.values
        )
        note = "the payoffs are undefined here" if sol.undefined else ""
        if not sol.exact_rational and not sol.undefined:
            note = "irrational value: solved exactly by enumerating the bases at this root"
        checked = (t,) if isinstance(t, Fraction) and not sol.undefined else ()
        return Regime(t, t, (True, True), eqs, sol.components, checked, note)

    # Group the open pieces: consecutive ones with the same equilibria, joined through points
    # where nothing changes, form one regime.
    current: dict[str, Any] | None = None
    pending_point: tuple[Number, Any] | None = None

    def close(end: Number | None, closed_end: bool) -> None:
        nonlocal current
        if current is None:
            return
        sol = current["solution"]
        regimes.append(
            Regime(
                current["low"],
                end,
                (current["closed_low"], closed_end),
                tuple(symbolic(k) for k in sol.keys),
                sol.components,
                tuple(current["checked"]),
            )
        )
        current = None

    for kind, where, payload in pieces:
        if kind == "point":
            t, sol = where, payload
            if current is None:
                pending_point = (t, sol)  # the range's low end, decided by the next interval
                continue
            pending_point = (t, sol)
            continue
        (a, _b), (sample, sol) = where, payload
        if current is not None and pending_point is not None:
            t, psol = pending_point
            same = (
                sol.signature() == current["solution"].signature()
                and _matches(engine, current["solution"], t, psol)
                and _matches(engine, sol, t, psol)
            )
            if same:
                current["checked"].append(sample)
                pending_point = None
                continue
            close(t, False)
            thresholds.append(t)
            regimes.append(point_regime(t, psol))
            pending_point = None
        closed_low = False
        if pending_point is not None:  # the range's low end
            t, psol = pending_point
            if _matches(engine, sol, t, psol):
                closed_low = True
            else:
                thresholds.append(t)
                regimes.append(point_regime(t, psol))
            pending_point = None
        current = {
            "low": a,
            "closed_low": closed_low,
            "solution": sol,
            "checked": [sample],
        }
    if pending_point is not None:
        t, psol = pending_point
        if current is not None and _matches(engine, current["solution"], t, psol):
            close(t, True)
        else:
            close(t, False)
            thresholds.append(t)
            regimes.append(point_regime(t, psol))
    else:
        close(None, False)
    return regimes, thresholds


def _constant(value: Any, sympy: Any) -> Any:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return value
