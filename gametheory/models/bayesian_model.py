"""Bayesian game models: types, a prior and type-contingent payoffs, with parameters.

A :class:`BayesianModel` is what a Bayesian model file describes (format in
``models/README.md``): players with their actions and types; the prior either as each type's
probability (independent types: the prior is the product) or as ``[[prior]]`` entries for type
profiles (a joint prior); and one ``[[payoffs]]`` table per type profile, with ``why`` and
``source``. Probabilities and payoffs are expressions in the parameters, so a prior can be a
parameter. :meth:`BayesianModel.game` evaluates them exactly and returns a
:class:`~gametheory.bayesian.game.BayesianGame`, which checks the prior at those values.

Examples
--------
>>> from gametheory.models import load_model
>>> m = load_model("bayesian-battle-of-the-sexes")
>>> m.is_bayesian, m.game().types
(True, (('-',), ('meet', 'avoid')))
>>> m.game({"p": "2/3"}).prior[("-", "meet")]
Fraction(2, 3)
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..bayesian.game import BayesianGame
from ..errors import GameError, ModelError
from ..numbers import format_fraction
from .expression import Expression
from .model import Parameter, _unknown_parameter, parse_value

__all__ = ["BayesianModel", "BayesianPayoff", "BayesianPlayer"]


@dataclass(frozen=True)
class BayesianPlayer:
    """A player: actions, type labels and (independent prior) each type's probability."""

    name: str
    actions: tuple[str, ...]
    types: tuple[str, ...]
    probabilities: tuple[Expression, ...] | None = None
    description: str = ""

    @property
    def strategies(self) -> tuple[str, ...]:
        return self.actions


@dataclass(frozen=True)
class BayesianPayoff:
    """The payoff table at one type profile: action profile -> one expression per player."""

    types: tuple[str, ...]
    cells: Mapping[tuple[str, ...], tuple[Expression, ...]]
    why: str = ""
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class BayesianModel:
    """A Bayesian game model (see the module docstring).

    Attributes
    ----------
    name, path, title, description, source, notes
        As in :class:`~gametheory.models.model.Model`.
    parameters : dict of str to Parameter
    players : tuple of BayesianPlayer
    payoffs : tuple of BayesianPayoff
        One per type profile, in file order.
    prior : tuple of (tuple of str, Expression), optional
        A joint prior; ``None`` when each type has its own probability.
    """

    name: str
    title: str
    players: tuple[BayesianPlayer, ...]
    payoffs: tuple[BayesianPayoff, ...]
    prior: tuple[tuple[tuple[str, ...], Expression], ...] | None = None
    parameters: dict[str, Parameter] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    notes: str = ""
    path: str | None = None

    is_tree = False
    is_bayesian = True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianModel):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:
        return hash((self.title, self.player_names))

    def _content(self) -> tuple[Any, ...]:
        payoffs = tuple((p.types, tuple(p.cells.items()), p.why, p.source) for p in self.payoffs)
        return (self.title, self.description, self.source, self.notes, self.players, payoffs,
                self.prior, tuple(self.parameters.values()))

    @property
    def player_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.players)

    @property
    def outcomes(self) -> tuple[()]:
        return ()

    def values(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
        """The parameter values: defaults with ``overrides`` applied and range-checked."""
        result = {n: p.value for n, p in self.parameters.items()}
        for name, raw in (overrides or {}).items():
            parameter = self.parameters.get(name)
            if parameter is None:
                raise _unknown_parameter(str(name), self.parameters)
            value = parse_value(raw, f"parameter {name}")
            if not parameter.contains(value):
                raise ModelError(
                    f"parameter {name} = {format_fraction(value)} is outside its range "
                    f"{parameter.range_text}")
            result[name] = value
        return result

    def game(self, overrides: Mapping[str, Any] | None = None) -> BayesianGame:
        """The exact Bayesian game at the default parameter values, or at ``overrides``.

        Raises
        ------
        ModelError
            Naming the file and key where the prior is negative or does not sum to 1 at
            these values.
        """
        values = self.values(overrides)
        names = self.player_names
        try:
            if self.prior is None:
                types = {p.name: {t: e.evaluate(values) for t, e in zip(
                    p.types, p.probabilities or (), strict=True)} for p in self.players}
                prior = None
            else:
                types = None
                prior = {t: e.evaluate(values) for t, e in self.prior}
                for prof in itertools.product(*(p.types for p in self.players)):
                    prior.setdefault(prof, Fraction(0))
            tables = {}
            for entry in self.payoffs:
                tables[entry.types] = _nested(entry, self.players, values)
            game = BayesianGame.from_tables(
                names, [p.actions for p in self.players], tables, types=types, prior=prior,
                title=self.title)
        except GameError as exc:
            at = ", ".join(f"{k} = {format_fraction(v)}" for k, v in values.items())
            raise ModelError(exc.message + (f" at {at}" if at else ""), file=self.path,
                             key=exc.key, hint=exc.hint) from None
        return game

    def with_values(self, overrides: Mapping[str, Any]) -> BayesianModel:
        """The same model with new default parameter values."""
        values = self.values(overrides)
        parameters = {
            n: dataclasses.replace(p, value=values[n]) for n, p in self.parameters.items()}
        return dataclasses.replace(self, parameters=parameters)

    def parametric_game(self) -> Any:
        """The ex-ante strategic form with exact symbolic payoffs, for the sensitivity tools.

        Returns
        -------
        gametheory.sensitivity.ParametricGame
            Strategies are plans naming one action per type (labels ``B|S`` in the player's
            type order, as :func:`~gametheory.bayesian.harsanyi.ex_ante_form`); each payoff is
            the sum over type profiles of the prior expression times the payoff expression, so
            thresholds in a prior parameter are exact.
        """
        import numpy as np
        import sympy

        from ..bayesian.harsanyi import plan_label
        from ..sensitivity.parametric import Parameter as SymbolicParameter
        from ..sensitivity.parametric import ParametricGame

        plans = [tuple(itertools.product(p.actions, repeat=len(p.types))) for p in self.players]
        shape = tuple(len(x) for x in plans)
        if self.prior is None:
            marginal = [dict(zip(p.types, p.probabilities or (), strict=True))
                        for p in self.players]
            prior = {}
            for prof in itertools.product(*(p.types for p in self.players)):
                term = sympy.Integer(1)
                for m, t in zip(marginal, prof, strict=True):
                    term *= m[t].to_sympy()
                prior[prof] = term
        else:
            prior = {t: e.to_sympy() for t, e in self.prior}
        arrays = [np.full(shape, sympy.Integer(0), dtype=object) for _ in self.players]
        for entry in self.payoffs:
            q = prior.get(entry.types, sympy.Integer(0))
            if q == 0:
                continue
            ks = [p.types.index(t) for p, t in zip(self.players, entry.types, strict=True)]
            for index in itertools.product(*(range(n) for n in shape)):
                acts = tuple(plans[i][index[i]][ks[i]] for i in range(len(self.players)))
                for i, e in enumerate(entry.cells[acts]):
                    arrays[i][index] += q * e.to_sympy()
        parameters = {n: SymbolicParameter(n, p.value, p.low, p.high)
                      for n, p in self.parameters.items()}
        labels = [tuple(plan_label(plan) for plan in x) for x in plans]
        return ParametricGame.from_arrays(
            *[np.vectorize(sympy.expand, otypes=[object])(a) for a in arrays],
            parameters=parameters, players=self.player_names, strategies=labels,
            title=self.title)

    def with_payoff(self, *args: Any, **kwargs: Any) -> BayesianModel:
        raise ModelError("--set edits payoff tables of matrix models; edit the Bayesian "
                         "game's file")

    def to_toml(self) -> str:
        """The model as a Bayesian model file (TOML), deterministic; it loads back equal."""
        from . import _toml_writer as toml
        from .model import _expression_toml

        out = ["[game]", f"title = {toml.string(self.title)}"]
        for key in ("description", "source"):
            if getattr(self, key):
                out.append(f"{key} = {toml.text_block(getattr(self, key))}")
        for p in self.parameters.values():
            out += ["", f"[parameters.{toml.key(p.name)}]", f"value = {toml.number(p.value)}"]
            if p.low is not None and p.high is not None:
                out.append(f"range = [{toml.number(p.low)}, {toml.number(p.high)}]")
            for key in ("description", "source"):
                if getattr(p, key):
                    out.append(f"{key} = {toml.text_block(getattr(p, key))}")
        for player in self.players:
            out += ["", "[[players]]", f"name = {toml.string(player.name)}",
                    "actions = [" + ", ".join(toml.string(a) for a in player.actions) + "]"]
            if self.prior is None:
                out.append("types = { " + ", ".join(
                    f"{toml.key(t)} = {_expression_toml(e)}"
                    for t, e in zip(player.types, player.probabilities or (), strict=True))
                    + " }")
            else:
                out.append("types = [" + ", ".join(toml.string(t) for t in player.types) + "]")
            if player.description:
                out.append(f"description = {toml.text_block(player.description)}")
        for types, e in self.prior or ():
            out += ["", "[[prior]]", "types = [" + ", ".join(toml.string(t) for t in types) + "]",
                    f"probability = {_expression_toml(e)}"]
        for entry in self.payoffs:
            out += ["", "[[payoffs]]",
                    "types = [" + ", ".join(toml.string(t) for t in entry.types) + "]",
                    "table = " + _table_toml(entry, self.players, _expression_toml)]
            for key in ("why", "source"):
                if getattr(entry, key):
                    out.append(f"{key} = {toml.text_block(getattr(entry, key))}")
        return "\n".join(out) + "\n"


def _table_toml(entry: BayesianPayoff, players, write) -> str:
    def nest(prefix: tuple[str, ...]) -> str:
        depth = len(prefix)
        if depth == len(players):
            return "[" + ", ".join(write(e) for e in entry.cells[prefix]) + "]"
        return "[" + ", ".join(nest((*prefix, a)) for a in players[depth].actions) + "]"

    return nest(())


def _nested(entry: BayesianPayoff, players, values) -> dict:
    table: dict = {}
    for acts, exprs in entry.cells.items():
        cell = table
        for a in acts[:-1]:
            cell = cell.setdefault(a, {})
        cell[acts[-1]] = tuple(e.evaluate(values) for e in exprs)
    return table
