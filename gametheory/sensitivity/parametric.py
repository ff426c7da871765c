"""Games whose payoffs are rational functions of named parameters.

A :class:`ParametricGame` is the plain input of every sensitivity analysis: the players, their
strategy labels, one array of sympy expressions per player, and the parameters with their
values and ranges. It is built from sympy arrays (:meth:`ParametricGame.from_arrays`) or from a
model of :mod:`gametheory.models` (:meth:`ParametricGame.from_model`). Parameters are the
symbols ``sympy.Symbol(name, real=True)``; a payoff may use only declared parameters and must be
a rational function of them (a quotient of polynomials with rational coefficients), so that at
every rational point the game has exact rational payoffs.

Numeric games at given parameter values are built without sympy: each payoff is compiled once
into the coefficients of its numerator and denominator and evaluated in
:class:`~fractions.Fraction` arithmetic (the terms and their arithmetic are in ``_terms``, the
:class:`Parameter` value in ``_parameter``).

Examples
--------
>>> import sympy
>>> c = sympy.Symbol("c", real=True)
>>> pg = ParametricGame.from_arrays(
...     [[c, 0], [0, 1]], [[1, 0], [0, c]], parameters={"c": ("1", "0", "5")}
... )
>>> pg.parameter("c")
Parameter(name='c', value=Fraction(1, 1), low=Fraction(0, 1), high=Fraction(5, 1))
>>> pg.game({"c": "3/2"}).payoffs[0].tolist()
[[Fraction(3, 2), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 1)]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameValueError, did_you_mean
from ..game import Game, _player_names, _strategy_labels
from ..numbers import format_fraction, to_fraction
from . import _poly
from ._parameter import Parameter, _parameter, _range_text
from ._terms import (  # noqa: F401 (all_profiles re-exported)
    _cells,
    _diff,
    _eval_terms,
    _object_array,
    _ratio,
    _restrict,
    _sympify_entry,
    _Terms,
    all_profiles,
)

__all__ = ["Parameter", "ParametricGame"]


class ParametricGame:
    """A finite game whose payoffs are rational functions of parameters.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    payoffs : tuple of numpy.ndarray
        One object array of sympy expressions per player, of shape ``(|S_1|, ..., |S_N|)``.
    parameters : tuple of Parameter
        In declaration order.
    title : str
    """

    def __init__(
        self,
        payoffs: Sequence[np.ndarray],
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        parameters: Sequence[Parameter],
        title: str = "",
    ) -> None:
        self.payoffs = tuple(payoffs)
        self.players = tuple(players)
        self.strategies = tuple(tuple(s) for s in strategies)
        self.parameters = tuple(parameters)
        self.title = title
        self._names = tuple(p.name for p in self.parameters)
        self._compiled = tuple(
            _cells([self._compile(v, i, k) for k, v in enumerate(array.reshape(-1))], array.shape)
            for i, array in enumerate(self.payoffs)
        )

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        parameters: Mapping[str, Any],
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> ParametricGame:
        """Build a parametric game from one array of sympy expressions (or numbers) per player.

        Parameters
        ----------
        *arrays : array_like
            One array per player; entries are sympy expressions in the parameters' symbols
            (any assumptions; they are matched by name) or numbers.
        parameters : mapping
            Name -> value, or name -> ``(value, low, high)`` (each may be ``None``), or name ->
            :class:`Parameter`. Values are exact numbers or numeric strings.
        players, strategies, title
            As for :meth:`gametheory.Game.from_arrays`.

        Raises
        ------
        GameValueError
            For a symbol that is not a declared parameter, a payoff that is not a rational
            function of the parameters, or arrays of different shapes.
        """
        import sympy

        params = tuple(_parameter(str(name), spec) for name, spec in parameters.items())
        symbols = {p.name: sympy.Symbol(p.name, real=True) for p in params}
        n = len(arrays)
        names = _player_names(players, n)
        converted = []
        for name, array in zip(names, arrays, strict=True):
            raw = _object_array(array)
            flat = [_sympify_entry(v, symbols, name) for v in raw.reshape(-1)]
            converted.append(_cells(flat, raw.shape))
        shape = converted[0].shape
        if len(shape) != n or any(a.shape != shape for a in converted):
            raise GameValueError(f"{n} players need {n}-dimensional arrays of one shape")
        labels = _strategy_labels(strategies, shape, names)
        return cls(converted, names, labels, params, title=str(title))

    @classmethod
    def from_model(cls, model: Any) -> ParametricGame:
        """The parametric game of a :class:`gametheory.models.Model`.

        Strategy labels are the strategy ids, as in ``model.game()``.
        """
        params = tuple(Parameter(p.name, p.value, p.low, p.high) for p in model.parameters.values())
        players = tuple(p.name for p in model.players)
        strategies = tuple(tuple(s.id for s in p.strategies) for p in model.players)
        arrays = [_object_array(s) for s in model.symbolic_payoffs()]
        parameters = {p.name: p for p in params}
        return cls.from_arrays(
            *arrays,
            parameters=parameters,
            players=players,
            strategies=strategies,
            title=getattr(model, "title", ""),
        )

    @classmethod
    def from_game(cls, game: Game) -> ParametricGame:
        """A numeric game as a parametric game without parameters."""
        arrays = [[v for v in p.reshape(-1)] for p in game.payoffs]
        arrays = [np.array(a, dtype=object).reshape(game.shape) for a in arrays]
        return cls.from_arrays(
            *arrays,
            parameters={},
            players=game.players,
            strategies=game.strategies,
            title=game.title,
        )

    @classmethod
    def from_source(cls, source: Any) -> ParametricGame:
        """A model (with parameters), a numeric :class:`~gametheory.Game`, or a parametric
        game, as a parametric game."""
        if isinstance(source, ParametricGame):
            return source
        if isinstance(source, Game):
            return cls.from_game(source)
        return cls.from_model(source)

    # ------------------------------------------------------------------ parameters
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self.strategies)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return self._names

    def symbol(self, name: str):  # a sympy Symbol (sympy is imported lazily)
        """The sympy symbol of a parameter."""
        import sympy

        self.parameter(name)
        return sympy.Symbol(name, real=True)

    def parameter(self, name: str) -> Parameter:
        """A parameter by name.

        Raises
        ------
        GameValueError
            For an unknown name, with the closest valid one.
        """
        for p in self.parameters:
            if p.name == name:
                return p
        raise GameValueError(
            f"unknown parameter {name!r}",
            key="parameter",
            hint=did_you_mean(name, self._names) if self._names else "the game has none",
        )

    def values(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
        """Every parameter's value: its default, or the override.

        Raises
        ------
        GameValueError
            For an unknown name, a value that is not a number, a missing value, or a value
            outside the parameter's range.
        """
        overrides = dict(overrides or {})
        for name in overrides:
            self.parameter(name)
        out = {}
        for p in self.parameters:
            if p.name in overrides:
                value = to_fraction(overrides[p.name], where=f"parameter {p.name}")
                if not p.contains(value):
                    raise GameValueError(
                        f"value {format_fraction(value)} is outside the range {_range_text(p)}",
                        key=f"parameter {p.name}",
                    )
            elif p.value is None:
                raise GameValueError("no value given", key=f"parameter {p.name}")
            else:
                value = p.value
            out[p.name] = value
        return out

    # ------------------------------------------------------------------ numeric games
    def game(self, values: Mapping[str, Any] | None = None) -> Game:
        """The exact numeric game at the given parameter values (defaults for the others).

        Raises
        ------
        GameValueError
            If a payoff is undefined there (a zero denominator).
        """
        vals = self.values(values)
        point = tuple(vals[name] for name in self._names)
        arrays = []
        for i, compiled in enumerate(self._compiled):
            flat = compiled.reshape(-1)
            out = np.empty(len(flat), dtype=object)
            for k, (num, den) in enumerate(flat):
                d = _eval_terms(den, point)
                if d == 0:
                    cell = np.unravel_index(k, compiled.shape)
                    raise GameValueError(
                        "payoff undefined (division by zero) at "
                        + ", ".join(f"{n}={format_fraction(v)}" for n, v in vals.items()),
                        key=f"payoffs[{self.players[i]}]"
                        f"[{','.join(self.strategies[a][int(b)] for a, b in enumerate(cell))}]",
                    )
                out[k] = _eval_terms(num, point) / d
            arrays.append(out.reshape(compiled.shape))
        return Game(arrays, self.players, self.strategies, self.title)

    def restricted(
        self, keep: Sequence[str], values: Mapping[str, Any] | None = None
    ) -> ParametricGame:
        """The same game with every parameter not in ``keep`` fixed at its value.

        Examples
        --------
        >>> import sympy
        >>> c, d = sympy.symbols("c d", real=True)
        >>> pg = ParametricGame.from_arrays([[c + d]], [[c * d]], parameters={"c": 1, "d": 2})
        >>> pg.restricted(["c"]).payoffs[1].tolist()
        [[2*c]]
        """
        import sympy

        vals = self.values(values)
        for name in keep:
            self.parameter(name)
        subs = {
            sympy.Symbol(n, real=True): sympy.Rational(v.numerator, v.denominator)
            for n, v in vals.items()
            if n not in keep
        }
        payoffs = [
            _cells([sympy.cancel(e.xreplace(subs)) for e in p.reshape(-1)], p.shape)
            for p in self.payoffs
        ]
        params = [
            Parameter(p.name, vals[p.name], p.low, p.high)
            for p in self.parameters
            if p.name in keep
        ]
        return ParametricGame(payoffs, self.players, self.strategies, params, self.title)

    def gradient(
        self, values: Mapping[str, Any] | None = None
    ) -> dict[str, tuple[np.ndarray, ...]]:
        """The exact partial derivatives of every payoff with respect to each parameter.

        Returns
        -------
        dict
            Parameter name -> one array of :class:`~fractions.Fraction` per player.

        Examples
        --------
        >>> import sympy
        >>> c = sympy.Symbol("c", real=True)
        >>> pg = ParametricGame.from_arrays([[c**2, 1 / c]], [[0, 0]], parameters={"c": 2})
        >>> pg.gradient()["c"][0].tolist()
        [[Fraction(4, 1), Fraction(-1, 4)]]
        """
        vals = self.values(values)
        point = tuple(vals[name] for name in self._names)
        out = {}
        for k, name in enumerate(self._names):
            arrays = []
            for compiled in self._compiled:
                flat = compiled.reshape(-1)
                cells = []
                for num, den in flat:
                    n, d = _eval_terms(num, point), _eval_terms(den, point)
                    dn, dd = _eval_terms(_diff(num, k), point), _eval_terms(_diff(den, k), point)
                    cells.append((dn * d - n * dd) / (d * d))
                arrays.append(_cells(cells, compiled.shape))
            out[name] = tuple(arrays)
        return out

    def univariate(self, name: str, values: Mapping[str, Fraction]) -> tuple[np.ndarray, ...]:
        """Per player, an array of ``(numerator, denominator)`` integer polynomials in one
        parameter, the others fixed at the given values."""
        index = self._names.index(name)
        point = [values.get(n, Fraction(0)) for n in self._names]
        out = []
        for compiled in self._compiled:
            flat = compiled.reshape(-1)
            cells = []
            for num, den in flat:
                pn, pd = _restrict(num, point, index), _restrict(den, point, index)
                factor = math.lcm(*(c.denominator for c in pn + pd)) if pn + pd else 1
                cells.append(
                    (
                        _poly.trim(int(c * factor) for c in pn),
                        _poly.trim(int(c * factor) for c in pd),
                    )
                )
            out.append(_cells(cells, compiled.shape))
        return tuple(out)

    def _compile(self, expr: Any, player: int, k: int) -> tuple[_Terms, _Terms]:
        import sympy

        symbols = [sympy.Symbol(n, real=True) for n in self._names]
        num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
        try:
            pn = sympy.Poly(num, *symbols) if symbols else sympy.Poly(num, sympy.Dummy())
            pd = sympy.Poly(den, *symbols) if symbols else sympy.Poly(den, sympy.Dummy())
        except sympy.PolynomialError:
            pn = pd = None
        if pn is None or not all(p.domain.is_QQ or p.domain.is_ZZ for p in (pn, pd)):
            cell = np.unravel_index(k, self.payoffs[player].shape)
            raise GameValueError(
                f"payoff {expr} is not a rational function of the parameters",
                key=f"payoffs[{self.players[player]}]"
                f"[{','.join(self.strategies[a][int(b)] for a, b in enumerate(cell))}]",
            )

        def terms(p: Any) -> _Terms:
            width = len(symbols)
            return tuple(
                (tuple(e)[:width], Fraction(int(c.p), int(c.q))) for e, c in p.terms() if c != 0
            )

        return terms(pn), terms(pd)

    def __repr__(self) -> str:
        return (
            f"ParametricGame({self.title!r}, players={self.players!r}, shape={self.shape!r}, "
            f"parameters={self._names!r})"
        )

