"""The model layer: a game written down with parameters, provenance and judgements.

A :class:`Model` is what a model file describes: players and their strategies (with
descriptions and the passage of the source text they stand for), payoffs as
:class:`~gametheory.models.expression.Expression` in named :class:`Parameter`, and optionally,
for each outcome, each player's ordinal rank of it with the reason and the source
(:class:`Outcome`, :class:`Judgement`). A model becomes an exact numeric
:class:`~gametheory.game.Game` with :meth:`Model.game`, for the default parameter values or
others.

Models are immutable; edits (:meth:`Model.with_payoff`, :meth:`Model.with_values`) return new
models. Every model satisfies the checks of the loader, so :meth:`Model.to_toml` always writes a
file that loads back to an equal model. In particular, ranks stay consistent with payoffs: when
an edit makes a player's payoffs contradict that player's ranks at the default values, the
edited model drops that player's judgements and says so in :attr:`Model.notes`.

Examples
--------
>>> from gametheory.models import load_model
>>> m = load_model("tests/data/models/parameter.toml")
>>> m.name, m.players[0].name, list(m.parameters)
('parameter', 'Row', ['c'])
>>> m.game().payoffs[0].tolist()
[[Fraction(3, 1), Fraction(0, 1)], [Fraction(2, 1), Fraction(0, 1)]]
>>> m.game({"c": "1/2"}).payoff(("r1", "c2"))
(Fraction(1, 2), Fraction(0, 1))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import ModelError, did_you_mean
from ..game import Game
from ..numbers import format_short
from . import _model_conversions, _model_edits

# The model layer by concern: the parts of a model (_parts), ranks against payoffs (_ranks), the
# Model value (here), its edits (_model_edits) and conversions (_model_conversions, the writer).
# The names other modules import from here stay importable from here.
from ._model_conversions import _expression_toml, _nested, _write  # noqa: F401
from ._parts import (  # noqa: F401
    Judgement,
    Outcome,
    Parameter,
    Player,
    Strategy,
    _unknown_parameter,
    name_problem,
    parse_value,
)
from ._ranks import _describe, rank_problems  # noqa: F401
from ._toml_lines import format_key
from .expression import Expression, _EvaluationError
from .judgements import profile_text  # noqa: F401

__all__ = ["Judgement", "Model", "Outcome", "Parameter", "Player", "Strategy"]

#: Largest number of pure profiles (cells of the payoff table) a model may have.
MAX_PROFILES = 1_000_000


@dataclass(frozen=True, eq=False, kw_only=True)
class Model(Displayed):
    """A game model: players, strategies, payoff expressions in parameters, provenance.

    Load models with :func:`gametheory.models.load_model`; build one from a numeric game with
    :meth:`from_game`. Two models are equal when their content is equal; :attr:`name` and
    :attr:`path` (where the model came from) are not compared.

    Attributes
    ----------
    name : str
        The built-in name, or the file's stem.
    path : str or None
        The file the model was read from.
    title, description, source : str
        The ``[game]`` table: a title, a paragraph, and the text modelled.
    parameters : dict of str to Parameter
        In file order.
    players : tuple of Player
    payoffs : tuple of numpy.ndarray
        One read-only object array of :class:`Expression` per player, indexed by every
        player's strategy in turn.
    outcomes : tuple of Outcome
        Judgements of outcomes (ranks, reasons, sources); may be empty.
    cardinalisation : str
        How ranks become numbers.
    notes : str
        Further notes on the cardinalisation and the model.
    judgements : Judgements or None
        The ``[judgements]`` (open, settled and tied comparisons of outcomes) and
        ``[distributions]`` of the file (:mod:`gametheory.models.judgements`); ``None``
        without them, and then every comparison the ranks imply is settled.
    reading_notes : tuple of str
        How the model differs from the file it was read from, one line each (for example
        repeated strategy labels of an ``.nfg`` file made distinct); not part of the model's
        value (equality ignores it).
    facts : Facts or None
        The ``[facts]``: dimensions of what happens in an outcome, and declared dominances
        among their values (:mod:`gametheory.models.facts`); each outcome's values are in
        :attr:`Outcome.facts`.
    """

    name: str
    title: str
    players: tuple[Player, ...]
    payoffs: tuple[np.ndarray, ...]
    parameters: dict[str, Parameter] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    outcomes: tuple[Outcome, ...] = ()
    cardinalisation: str = ""
    notes: str = ""
    path: str | None = None
    judgements: Any = None
    reading_notes: tuple[str, ...] = ()
    facts: Any = None
    _flat: tuple[tuple[Expression, ...], ...] = field(init=False, repr=False)
    _defaults: dict[str, Fraction] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        players = tuple(self.players)
        shape = tuple(len(p.strategies) for p in players)
        arrays = []
        for player, array in zip(players, self.payoffs, strict=False):
            array = np.array(array, dtype=object)
            if array.shape != shape:
                raise ModelError(
                    f"payoff array of shape {array.shape}, expected {shape}",
                    key=f"payoffs.{player.name}",
                )
            array.setflags(write=False)
            arrays.append(array)
        if len(arrays) != len(players) or len(self.payoffs) != len(players):
            raise ModelError(f"expected {len(players)} payoff arrays, got {len(self.payoffs)}")
        declared = set(self.parameters)
        for player, array in zip(players, arrays, strict=True):
            for e in array.flat:
                if not isinstance(e, Expression):
                    raise ModelError(
                        f"payoff {e!r} is not an Expression", key=f"payoffs.{player.name}"
                    )
                unknown = e.symbols - declared
                if unknown:
                    raise ModelError(
                        f"unknown name {min(unknown)!r} in {str(e)!r}",
                        key=f"payoffs.{player.name}",
                        hint=did_you_mean(min(unknown), self.parameters),
                    )
        set_ = object.__setattr__
        set_(self, "players", players)
        set_(self, "payoffs", tuple(arrays))
        set_(self, "parameters", dict(self.parameters))
        set_(self, "outcomes", tuple(self.outcomes))
        set_(self, "_flat", tuple(tuple(a.reshape(-1).tolist()) for a in arrays))
        set_(self, "_defaults", {n: p.value for n, p in self.parameters.items()})

    # ------------------------------------------------------------------ value semantics
    def _content(self) -> tuple[Any, ...]:
        return (
            self.title,
            self.description,
            self.source,
            tuple(self.parameters.items()),
            self.players,
            self._flat,
            self.outcomes,
            self.cardinalisation,
            self.notes,
            self.judgements or None,
            self.facts or None,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:
        return hash(self._content())

    def __repr__(self) -> str:
        return f"Model({self.name!r}, players={self.player_names!r}, shape={self.shape!r})"

    # IPython prefers a class's own __repr__ to an inherited _repr_pretty_: name it here.
    _repr_pretty_ = Displayed._repr_pretty_

    def _report(self, format: str) -> str:
        from ..report import format_model  # the report of `gametheory show`

        return format_model(self, format)

    # ------------------------------------------------------------------ names
    @property
    def player_names(self) -> tuple[str, ...]:
        """The players' names, in order."""
        return tuple(p.name for p in self.players)

    @property
    def strategy_ids(self) -> tuple[tuple[str, ...], ...]:
        """Each player's strategy ids, in order."""
        return tuple(p.ids for p in self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player."""
        return tuple(len(p.strategies) for p in self.players)

    def player_index(self, player: str) -> int:
        """The index of a player by name.

        Raises
        ------
        ModelError
            For an unknown name, with the closest valid one.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> load_model("tests/data/models/parameter.toml").player_index("Colum")
        Traceback (most recent call last):
        ...
        gametheory.errors.ModelError: unknown player 'Colum' (did you mean 'Column'?)
        """
        names = self.player_names
        if player in names:
            return names.index(player)
        raise ModelError(f"unknown player {player!r}", hint=did_you_mean(str(player), names))

    def profile_index(self, profile_ids: Sequence[str]) -> tuple[int, ...]:
        """Strategy indices of a pure profile given by strategy ids, one per player.

        Raises
        ------
        ModelError
            For a wrong number of ids or an unknown id (with the closest valid one).
        """
        if isinstance(profile_ids, str) or len(profile_ids) != len(self.players):
            raise ModelError(
                f"a profile names one strategy per player ({len(self.players)}: "
                f"{', '.join(self.player_names)}), got {_count(profile_ids)}"
            )
        out = []
        for player, sid in zip(self.players, profile_ids, strict=True):
            if sid not in player.ids:
                raise ModelError(
                    f"unknown strategy {sid!r} of {player.name}",
                    hint=did_you_mean(str(sid), player.ids),
                )
            out.append(player.ids.index(sid))
        return tuple(out)

    # ------------------------------------------------------------------ numbers
    def values(
        self, overrides: Mapping[str, str | Fraction | int] | None = None
    ) -> dict[str, Fraction]:
        """The parameter values: the defaults, with ``overrides`` applied and checked.

        Parameters
        ----------
        overrides : mapping of str to str, Fraction or int, optional
            New values by parameter name. Strings may be integers, decimals, fractions or
            constant expressions (``"3"``, ``"2.5"``, ``"1/3"``, ``"-1"``).

        Returns
        -------
        dict of str to Fraction
            Every parameter's value, in declaration order.

        Raises
        ------
        ModelError
            For an unknown parameter (with the closest name and the list of parameters), a
            value that is not a number, or one outside the parameter's declared range.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> m = load_model("tests/data/models/parameter.toml")
        >>> m.values({"c": "5/2"})
        {'c': Fraction(5, 2)}
        >>> m.values({"cc": "1"})
        Traceback (most recent call last):
        ...
        gametheory.errors.ModelError: unknown parameter 'cc' (did you mean 'c'? parameters: c)
        >>> m.values({"c": "7"})
        Traceback (most recent call last):
        ...
        gametheory.errors.ModelError: parameter c = 7 is outside its range [0, 6]
        """
        result = dict(self._defaults)
        if not overrides:
            return result
        for name, raw in overrides.items():
            parameter = self.parameters.get(name)
            if parameter is None:
                raise _unknown_parameter(str(name), self.parameters)
            value = parse_value(raw, f"parameter {name}")
            if not parameter.contains(value):
                raise ModelError(
                    f"parameter {name} = {format_short(value)} is outside its range "
                    f"{parameter.range_text}"
                )
            result[name] = value
        return result

    def game(self, overrides: Mapping[str, str | Fraction | int] | None = None) -> Game:
        """The exact numeric game at the default parameter values, or at ``overrides``.

        The game's players are the model's player names and its strategy labels are the
        strategy *ids*; its title is the model's title.

        Raises
        ------
        ModelError
            For a bad override (see :meth:`values`), or a payoff that cannot be evaluated at
            these values (a division by zero), naming the payoff and the values.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> g = load_model("tests/data/models/parameter.toml").game({"c": 4})
        >>> g.strategies, g.payoff(("r1", "c2"))
        ((('r1', 'r2'), ('c1', 'c2')), (Fraction(-3, 1), Fraction(0, 1)))
        """
        values = self.values(overrides)
        shape = self.shape
        arrays = []
        for i, flat in enumerate(self._flat):
            out = np.empty(len(flat), dtype=object)
            for k, expression in enumerate(flat):
                try:
                    out[k] = expression._value(values)
                except _EvaluationError:  # rare: redo it for the message with the values
                    raise self._evaluation_error(i, k, values) from None
            arrays.append(out.reshape(shape))
        return Game(arrays, self.player_names, self.strategy_ids, self.title)

    def _evaluation_error(self, i: int, k: int, values: Mapping[str, Fraction]) -> ModelError:
        index = np.unravel_index(k, self.shape)
        key = format_key(("payoffs", self.players[i].name, *(int(j) for j in index)))
        try:
            self._flat[i][k].evaluate(values)
        except ModelError as exc:
            return ModelError(exc.message, file=self.path, key=key)
        return ModelError("cannot evaluate payoff", file=self.path, key=key)  # pragma: no cover

    def symbolic_payoffs(self) -> tuple[Any, ...]:
        """The payoffs as sympy objects, parameters as real ``sympy.Symbol``.

        Returns
        -------
        tuple
            Two players: two ``sympy.Matrix`` (rows are the first player's strategies).
            Otherwise one ``sympy.ImmutableDenseNDimArray`` per player.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> A, B = load_model("tests/data/models/parameter.toml").symbolic_payoffs()
        >>> A
        Matrix([
        [  3, 1 - c],
        [2*c,     0]])
        """
        import sympy

        cache: dict[str, Any] = {}
        out = []
        for array in self.payoffs:
            entries = [e._sympy(sympy, cache) for e in array.reshape(-1)]
            if len(self.players) == 2:
                out.append(sympy.Matrix(array.shape[0], array.shape[1], entries))
            else:
                out.append(sympy.ImmutableDenseNDimArray(entries, array.shape))
        return tuple(out)

    # ------------------------------------------------------------------ edits
    # Defined in gametheory.models._model_edits, bound here.
    with_payoff = _model_edits.with_payoff
    with_values = _model_edits.with_values
    _reconciled = _model_edits._reconciled

    # ------------------------------------------------------------------ conversions
    # Defined in gametheory.models._model_conversions (with the writer of model files), bound here.
    from_game = classmethod(_model_conversions.from_game)
    to_toml = _model_conversions.to_toml


def _count(value: Any) -> str:
    return "a string" if isinstance(value, str) else str(len(value))
