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

import dataclasses
import itertools
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import GameError, ModelError, closest, did_you_mean
from ..game import Game
from ..numbers import format_fraction, format_short
from . import _toml_writer as toml
from ._judgements_file import contradicted_players, judgements_toml, without_players
from ._toml_lines import format_key
from .expression import (
    Expression,
    _EvaluationError,
    _Number,
    _number_node,
    _Unary,
    parse_expression,
)
from .facts import (
    broken_dominance_players,
    facts_toml,
    outcome_facts_toml,
    without_dominances_of,
)

__all__ = ["Judgement", "Model", "Outcome", "Parameter", "Player", "Strategy"]

#: Largest number of pure profiles (cells of the payoff table) a model may have.
MAX_PROFILES = 1_000_000


@dataclass(frozen=True)
class Parameter:
    """A named quantity usable in payoff expressions.

    Attributes
    ----------
    name : str
    value : Fraction
        The default value.
    low, high : Fraction or None
        The inclusive range of sensible values, or ``None`` when no range is declared.
    description : str
        What the parameter stands for.
    source : str
        The passage of the source text that suggests this quantity.
    """

    name: str
    value: Fraction
    low: Fraction | None = None
    high: Fraction | None = None
    description: str = ""
    source: str = ""

    def contains(self, value: Fraction) -> bool:
        """True if ``value`` lies in the declared range (always, without a range).

        Examples
        --------
        >>> p = Parameter("c", Fraction(1), Fraction(0), Fraction(6))
        >>> p.contains(Fraction(6)), p.contains(Fraction(-1, 2))
        (True, False)
        """
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    @property
    def range_text(self) -> str:
        """The range as ``"[low, high]"``, or ``""`` without a range."""
        if self.low is None and self.high is None:
            return ""
        low = "-oo" if self.low is None else format_fraction(self.low)
        high = "oo" if self.high is None else format_fraction(self.high)
        return f"[{low}, {high}]"


@dataclass(frozen=True)
class Strategy:
    """One of a player's strategies.

    Attributes
    ----------
    id : str
        The short name used in payoff tables, profiles and on the command line.
    label : str
        A display name; defaults to the id.
    description : str
        What the strategy means, in the terms of the source text.
    source : str
        Where in the source text the strategy comes from.
    """

    id: str
    label: str = ""
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.id)

    @property
    def is_plain(self) -> bool:
        """True if the strategy is only an id (written as a plain string in a model file)."""
        return self.label == self.id and not self.description and not self.source


@dataclass(frozen=True)
class Player:
    """A player: a name and strategies (and optionally a description)."""

    name: str
    strategies: tuple[Strategy, ...]
    description: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """The strategy ids, in order."""
        return tuple(s.id for s in self.strategies)


@dataclass(frozen=True)
class Judgement:
    """One player's judgement of an outcome: an ordinal rank (higher = better), why, where."""

    player: str
    rank: int
    why: str = ""
    source: str = ""


@dataclass(frozen=True)
class Outcome:
    """A pure profile (one strategy id per player) with the players' judgements of it."""

    profile: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (dimension, value) pairs: gametheory.models.facts

    def judgement(self, player: str) -> Judgement | None:
        """The judgement of ``player``, or ``None``."""
        for j in self.judgements:
            if j.player == player:
                return j
        return None


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
    def with_payoff(
        self,
        player: str | None,
        profile_ids: Sequence[str],
        expression_text: Any,
    ) -> Model:
        """A new model with one payoff (or a whole cell) replaced.

        Parameters
        ----------
        player : str or None
            The player whose payoff changes; ``None`` replaces every player's payoff in the
            cell, and then ``expression_text`` is a list or tuple with one entry per player.
        profile_ids : sequence of str
            The cell: one strategy id per player.
        expression_text : str, number, or sequence of them
            The new payoff: a number or an expression in the model's parameters, parsed with
            the same whitelist as model files.

        Returns
        -------
        Model
            If the new payoffs contradict a player's ranks (at the default values), that
            player's judgements are dropped, with a note in :attr:`notes`.

        Raises
        ------
        ModelError
            For an unknown player or strategy id (with the closest valid one), a bad
            expression, or a payoff that cannot be evaluated at the default values.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> m = load_model("tests/data/models/parameter.toml")
        >>> m.with_payoff("Row", ["r2", "c2"], "c / 2").game().payoff(("r2", "c2"))
        (Fraction(1, 2), Fraction(1, 1))
        >>> m.with_payoff(None, ["r1", "c1"], ["1", "2*c"]).game().payoff(("r1", "c1"))
        (Fraction(1, 1), Fraction(2, 1))
        >>> m.with_payoff("Row", ["r2", "cc2"], "1")
        Traceback (most recent call last):
        ...
        gametheory.errors.ModelError: unknown strategy 'cc2' of Column (did you mean 'c2'?)
        """
        index = self.profile_index(profile_ids)
        if player is None:
            if not isinstance(expression_text, (list, tuple)) or len(expression_text) != len(
                self.players
            ):
                raise ModelError(
                    f"a whole cell takes {len(self.players)} payoffs, one per player "
                    f"({', '.join(self.player_names)})"
                )
            targets = list(range(len(self.players)))
            texts = list(expression_text)
        else:
            targets = [self.player_index(player)]
            texts = [expression_text]
        arrays = [a.copy() for a in self.payoffs]
        for i, text in zip(targets, texts, strict=True):
            key = format_key(("payoffs", self.players[i].name, *index))
            expression = parse_expression(text, self.parameters, where=key)
            try:
                expression.evaluate(self._defaults)
            except ModelError as exc:
                raise ModelError(f"{exc.message} (the default values)", key=key) from None
            arrays[i][index] = expression
        edited = dataclasses.replace(self, payoffs=tuple(arrays))
        return edited._reconciled()

    def with_values(self, overrides: Mapping[str, str | Fraction | int]) -> Model:
        """A new model whose parameters have other default values.

        Raises
        ------
        ModelError
            As :meth:`values`, or if a payoff cannot be evaluated at the new values.

        Examples
        --------
        >>> from gametheory.models import load_model
        >>> m = load_model("tests/data/models/parameter.toml").with_values({"c": "1/2"})
        >>> m.parameters["c"].value, m.game().payoff(("r1", "c2"))
        (Fraction(1, 2), (Fraction(1, 2), Fraction(0, 1)))
        """
        values = self.values(overrides)
        parameters = {
            name: dataclasses.replace(p, value=values[name]) for name, p in self.parameters.items()
        }
        edited = dataclasses.replace(self, parameters=parameters)
        edited.game()  # a payoff that cannot be evaluated at the new defaults is an error
        return edited._reconciled()

    def _reconciled(self) -> Model:
        """This model, without the judgements of players whose payoffs contradict them."""
        broken = sorted(
            {i for i, _, _ in rank_problems(self)}
            | {self.player_index(p) for p in contradicted_players(self)}
            | {self.player_index(p) for p in broken_dominance_players(self)}
        )
        if not broken:
            return self
        names = [self.players[i].name for i in broken]
        outcomes = []
        for outcome in self.outcomes:
            kept = tuple(j for j in outcome.judgements if j.player not in names)
            if kept or outcome.facts:
                outcomes.append(Outcome(outcome.profile, kept, outcome.facts))
        note = (
            f"Edited: the judgements of {', '.join(names)} were removed because the edited "
            "payoffs no longer order the ranked outcomes as ranked (or break a declared "
            "dominance among facts, which was removed too)."
        )
        notes = f"{self.notes}\n\n{note}" if self.notes else note
        judgements = without_players(self.judgements, names)
        return dataclasses.replace(
            self, outcomes=tuple(outcomes), notes=notes, judgements=judgements,
            facts=without_dominances_of(self.facts, names),
        )

    # ------------------------------------------------------------------ conversions
    @classmethod
    def from_game(cls, game: Game, name: str = "game", path: str | None = None) -> Model:
        """A model without parameters or provenance holding a numeric game's payoffs.

        The game's strategy labels become the strategy ids; its title (or ``name``) the title.

        Examples
        --------
        >>> g = Game.from_arrays([[1, -1], [-1, 1]], players=("Even", "Odd"))
        >>> m = Model.from_game(g, name="pennies")
        >>> m.title, m.strategy_ids, m.game().same_payoffs(g)
        ('pennies', (('1', '2'), ('1', '2')), True)
        """
        if game.n_players < 2:
            raise ModelError(f"a model needs two or more players, got {game.n_players}", key=name)
        for who, names in (("player", game.players), *(("strategy", s) for s in game.strategies)):
            for n in names:
                problem = name_problem(n)
                if problem:
                    raise ModelError(f"{who} name {n!r} {problem}", key=name)
        players = tuple(
            Player(p, tuple(Strategy(s) for s in labels))
            for p, labels in zip(game.players, game.strategies, strict=True)
        )
        payoffs = []
        for array in game.payoffs:
            flat = [_number_node(Fraction(v)) for v in array.reshape(-1)]
            out = np.empty(len(flat), dtype=object)
            out[:] = flat
            payoffs.append(out.reshape(array.shape))
        return cls(
            name=name,
            title=game.title if game.title.strip() else (name if name.strip() else "game"),
            players=players,
            payoffs=tuple(payoffs),
            path=path,
        )

    def to_toml(self) -> str:
        """The model as a complete model file (TOML), deterministic to the byte.

        Loading the text gives back an equal model.

        Examples
        --------
        >>> from gametheory import Game
        >>> m = Model.from_game(Game.from_arrays([[1, "1/2"]], [[0, "-2.5"]]), name="tiny")
        >>> print(m.to_toml())
        [game]
        title = "tiny"
        <BLANKLINE>
        [[players]]
        name = "Row"
        strategies = ["1"]
        <BLANKLINE>
        [[players]]
        name = "Column"
        strategies = ["1", "2"]
        <BLANKLINE>
        [payoffs]
        Row = [
            [1, 0.5],
        ]
        Column = [
            [0, -2.5],
        ]
        <BLANKLINE>
        """
        return _write(self)


# ---------------------------------------------------------------------- helpers (package-private)
def parse_value(raw: Any, where: str) -> Fraction:
    """A parameter value: an int, a Fraction, or a constant expression (``"1/3"``, ``"-1"``)."""
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return Fraction(raw)
    try:
        expression = parse_expression(raw, (), where=where)
        return expression.evaluate({})
    except ModelError as exc:
        # The parser's hint (e.g. "declare it as [parameters.abc]") is about payoff
        # expressions; a value names no parameter, so say what a value may be instead.
        raise ModelError(
            f"not a number: {exc.message}",
            key=where,
            hint="a value is a number such as 2, 0.5 or 1/3, or arithmetic on numbers",
        ) from None


def _unknown_parameter(name: str, parameters: Iterable[str]) -> ModelError:
    names = list(parameters)
    if not names:
        return ModelError(f"unknown parameter {name!r}: this model has no parameters")
    best = closest(name, names)
    listing = "parameters: " + ", ".join(names)
    hint = f"did you mean {best!r}? {listing}" if best else listing
    return ModelError(f"unknown parameter {name!r}", hint=hint)


def _count(value: Any) -> str:
    return "a string" if isinstance(value, str) else str(len(value))


def name_problem(name: Any) -> str | None:
    """Why ``name`` cannot be a player name or strategy id, or ``None`` if it can."""
    if not isinstance(name, str):
        return "is not a string"
    if not name.strip():
        return "is empty"
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        return "contains control characters"
    return None


def profile_text(profile: Sequence[str]) -> str:
    return "(" + ", ".join(profile) + ")"


def rank_problems(model: Model) -> list[tuple[int, str, int]]:
    """Where a player's payoffs at the default values do not order outcomes as ranked.

    Returns ``(player index, message, outcome index)`` triples. A higher rank needs a strictly
    higher payoff, an equal rank an equal payoff. Outcomes whose payoff cannot be evaluated
    are skipped (that is reported elsewhere).
    """
    problems: list[tuple[int, str, int]] = []
    values = model._defaults
    for i, player in enumerate(model.players):
        ranked: dict[int, list[tuple[Fraction, int]]] = {}
        for k, outcome in enumerate(model.outcomes):
            judgement = outcome.judgement(player.name)
            if judgement is None:
                continue
            try:
                index = model.profile_index(outcome.profile)
                payoff = model.payoffs[i][index].evaluate(values)
            except GameError:
                continue
            ranked.setdefault(judgement.rank, []).append((payoff, k))
        previous: tuple[int, Fraction, int] | None = None
        for rank in sorted(ranked):
            group = ranked[rank]
            low, high = min(group), max(group)
            if low[0] != high[0]:
                problems.append(
                    (
                        i,
                        f"{player.name} ranks {_describe(model, low[1])} and "
                        f"{_describe(model, high[1])} equally ({rank}) but their payoffs differ "
                        f"({format_fraction(low[0])} and {format_fraction(high[0])}) at the "
                        "default values",
                        high[1],
                    )
                )
            if previous is not None and low[0] <= previous[1]:
                problems.append(
                    (
                        i,
                        f"{player.name} ranks {_describe(model, low[1])} above "
                        f"{_describe(model, previous[2])} ({rank} > {previous[0]}) but its "
                        f"payoff is not higher ({format_fraction(low[0])} <= "
                        f"{format_fraction(previous[1])}) at the default values",
                        low[1],
                    )
                )
            previous = (rank, high[0], high[1])
    return problems


def _describe(model: Model, k: int) -> str:
    return "outcome " + profile_text(model.outcomes[k].profile)


# ---------------------------------------------------------------------- writing
def _expression_toml(e: Expression) -> str:
    # Plain numbers are written bare (the loader reads them back to the same tree).
    if isinstance(e, _Number):
        return str(e)
    if (
        isinstance(e, _Unary)
        and e.op == "-"
        and isinstance(e.operand, _Number)
        and e.operand.value != 0
    ):
        return str(e)
    return toml.string(str(e))


def _nested(array: np.ndarray) -> str:
    if array.ndim == 1:
        return "[" + ", ".join(_expression_toml(e) for e in array) + "]"
    return "[" + ", ".join(_nested(sub) for sub in array) + "]"


def _write(m: Model) -> str:
    out: list[str] = ["[game]", f"title = {toml.string(m.title)}"]
    if m.description:
        out.append(f"description = {toml.text_block(m.description)}")
    if m.source:
        out.append(f"source = {toml.text_block(m.source)}")
    for p in m.parameters.values():
        out += ["", f"[parameters.{toml.key(p.name)}]", f"value = {toml.number(p.value)}"]
        if p.low is not None and p.high is not None:
            out.append(f"range = [{toml.number(p.low)}, {toml.number(p.high)}]")
        if p.description:
            out.append(f"description = {toml.text_block(p.description)}")
        if p.source:
            out.append(f"source = {toml.text_block(p.source)}")
    for player in m.players:
        out += ["", "[[players]]", f"name = {toml.string(player.name)}"]
        if player.description:
            out.append(f"description = {toml.text_block(player.description)}")
        if all(s.is_plain for s in player.strategies):
            out.append(f"strategies = {toml.value(list(player.ids))}")
            continue
        for s in player.strategies:
            out += ["", "[[players.strategies]]", f"id = {toml.string(s.id)}"]
            if s.label != s.id:
                out.append(f"label = {toml.string(s.label)}")
            if s.description:
                out.append(f"description = {toml.text_block(s.description)}")
            if s.source:
                out.append(f"source = {toml.text_block(s.source)}")
    out += ["", "[payoffs]"]
    names = m.player_names
    if len(names) == 2 or "table" in names:
        # One line per strategy of the first player.
        for player, array in zip(m.players, m.payoffs, strict=True):
            out.append(f"{toml.key(player.name)} = [")
            out += [f"    {_nested(row)}," for row in array]
            out.append("]")
    else:
        out.append("table = [")
        for index in itertools.product(*(range(n) for n in m.shape)):
            profile = toml.value([p.ids[j] for p, j in zip(m.players, index, strict=True)])
            values = ", ".join(_expression_toml(a[index]) for a in m.payoffs)
            out.append(f"    {{ profile = {profile}, values = [{values}] }},")
        out.append("]")
    for outcome in m.outcomes:
        out += ["", "[[outcomes]]", f"profile = {toml.value(list(outcome.profile))}"]
        for part in ("rank", "why", "source"):
            entries = [
                (j.player, getattr(j, part)) for j in outcome.judgements if getattr(j, part) != ""
            ]
            if not entries:
                continue
            out += ["", f"[outcomes.{'ranks' if part == 'rank' else part}]"]
            for player, v in entries:
                text = str(v) if part == "rank" else toml.text_block(v)
                out.append(f"{toml.key(player)} = {text}")
        out += outcome_facts_toml(outcome.facts)
    out += judgements_toml(m.judgements)
    out += facts_toml(m.facts)
    if m.cardinalisation or m.notes:
        out += ["", "[cardinalisation]"]
        if m.cardinalisation:
            out.append(f"rule = {toml.text_block(m.cardinalisation)}")
        if m.notes:
            out.append(f"notes = {toml.text_block(m.notes)}")
    return "\n".join(out) + "\n"
