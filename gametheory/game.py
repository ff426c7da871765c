"""Finite games in strategic (normal) form, with exact payoffs.

Definitions used throughout gametheory
--------------------------------------
A *game* has players :math:`1, \\dots, N`; player :math:`i` has a finite set of pure strategies
:math:`S_i` and a payoff function :math:`u_i : S_1 \\times \\dots \\times S_N \\to \\mathbb{Q}`.
Payoffs are stored exactly as :class:`fractions.Fraction`, one array per player, indexed by the
pure strategy of every player in turn (for two players: rows are the first player's strategies,
columns the second's).

A *mixed strategy* of player :math:`i` is a probability vector :math:`\\sigma_i` over
:math:`S_i`; a *profile* gives one to every player. Its expected payoff is
:math:`u_i(\\sigma) = \\sum_s u_i(s) \\prod_j \\sigma_j(s_j)`.

A pure strategy :math:`s_i` is a *best response* to a profile when no other pure strategy gives
player :math:`i` more against the others' strategies. The *regret* of a profile is the largest
gain any single player could make by deviating to a pure strategy,
:math:`\\max_i \\max_{s_i} (u_i(s_i, \\sigma_{-i}) - u_i(\\sigma))`, which is never negative. A
profile is a *Nash equilibrium* exactly when its regret is zero; gametheory checks this exactly,
in rational arithmetic, for every equilibrium it returns.

Examples
--------
>>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                      players=("Alice", "Bob"),
...                      strategies=(("cooperate", "defect"), ("cooperate", "defect")))
>>> g
Game('', players=('Alice', 'Bob'), shape=(2, 2))
>>> g.payoff(("defect", "defect"))
(Fraction(1, 1), Fraction(1, 1))
>>> g.is_nash({"Alice": {"defect": 1}, "Bob": {"defect": 1}})
True
>>> g.regret({"Alice": {"cooperate": 1}, "Bob": {"cooperate": 1}})
Fraction(2, 1)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._display import Displayed
from .errors import GameValueError, did_you_mean
from .numbers import to_float_array, to_fraction

__all__ = ["Game", "Profile"]

#: A mixed profile: for every player, a tuple of exact probabilities, one per pure strategy.
Profile = tuple[tuple[Fraction, ...], ...]

_DEFAULT_PLAYERS_2 = ("Row", "Column")


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _nested_shape(value: Any, where: str) -> tuple[int, ...]:
    """The shape of a nested list, checking that it is rectangular and non-empty."""
    if isinstance(value, np.ndarray):
        if value.size == 0:
            raise GameValueError("empty payoff array", key=where)
        return tuple(value.shape)
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            raise GameValueError("empty payoff array", key=where)
        inner = [_nested_shape(v, where) for v in value]
        if any(s != inner[0] for s in inner):
            raise GameValueError("ragged payoff array: rows differ in length", key=where)
        return (len(value), *inner[0])
    return ()


def _exact_array(value: Any, where: str) -> np.ndarray:
    shape = _nested_shape(value, where)
    if not shape:
        raise GameValueError("payoffs must be an array, not a single number", key=where)
    flat = np.asarray(value, dtype=object).reshape(-1) if shape else None
    out = np.empty(len(flat), dtype=object)
    for k, item in enumerate(flat):
        try:
            out[k] = to_fraction(item)
        except GameValueError as exc:
            index = np.unravel_index(k, shape)
            cell = ",".join(str(int(i)) for i in index)
            raise GameValueError(exc.message, key=f"{where}[{cell}]") from None
    return out.reshape(shape)


class Game(Displayed):
    """An immutable, labelled game in strategic form with exact payoffs.

    Build games with the named constructors :meth:`from_arrays` and :meth:`from_payoffs`;
    "editing" methods such as :meth:`with_payoff` return a new game.

    Attributes
    ----------
    title : str
        A title, possibly empty.
    players : tuple of str
        The players' names, in order.
    strategies : tuple of tuple of str
        Each player's strategy labels, in order.
    payoffs : tuple of numpy.ndarray
        One read-only array of :class:`~fractions.Fraction` per player, of shape
        :attr:`shape`.
    """

    __slots__ = ("_hash", "_integers", "_payoffs", "_players", "_strategies", "_title")

    def __init__(
        self,
        payoffs: Sequence[np.ndarray],
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        title: str = "",
    ) -> None:
        # Internal constructor: arguments are validated by the named constructors.
        self._payoffs = tuple(_frozen(np.array(p, dtype=object)) for p in payoffs)
        self._players = tuple(players)
        self._strategies = tuple(tuple(s) for s in strategies)
        self._title = title
        self._hash: int | None = None
        self._integers: tuple[tuple[np.ndarray, int], ...] | None = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> Game:
        """Build a game from one payoff array per player.

        Parameters
        ----------
        *arrays : array_like
            One array per player, all of the same shape :math:`(|S_1|, \\dots, |S_N|)`.
            Entries are integers, fractions, decimal or fraction strings, or floats
            (converted through their shortest decimal form). A single two-dimensional array
            builds a zero-sum game (the second player's payoffs are its negatives).
        players : sequence of str, optional
            Player names; default ``("Row", "Column")`` for two players, else
            ``("Player 1", ...)``.
        strategies : sequence of sequence of str, optional
            Strategy labels per player; default ``("1", "2", ...)``.
        title : str, optional

        Returns
        -------
        Game

        Raises
        ------
        GameValueError
            For a non-numeric, non-finite, ragged or empty array, mismatched shapes, or bad
            names.

        Examples
        --------
        >>> g = Game.from_arrays([[1, -1], [-1, 1]])
        >>> g.players, g.strategies, g.payoffs[1].tolist()
        (('Row', 'Column'), (('1', '2'), ('1', '2')), [[Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]])
        >>> Game.from_arrays([[1, 2], [3]], [[0, 0], [0, 0]])
        Traceback (most recent call last):
        ...
        gametheory.errors.GameValueError: payoffs[Row]: ragged payoff array: rows differ in length
        """  # noqa: E501
        if not arrays:
            raise GameValueError("a game needs at least one payoff array")
        zero_sum = len(arrays) == 1
        n = len(_nested_shape(arrays[0], "payoffs")) if zero_sum else len(arrays)
        names = _player_names(players, n)
        converted = [
            _exact_array(a, f"payoffs[{names[i] if i < len(names) else i}]")
            for i, a in enumerate(arrays)
        ]
        if zero_sum:
            if converted[0].ndim != 2:
                raise GameValueError(
                    "a single payoff array must be a matrix (two-player zero-sum game)",
                    key="payoffs",
                )
            converted.append(-converted[0])
        shape = converted[0].shape
        if len(shape) != n:
            raise GameValueError(
                f"{n} players need {n}-dimensional payoff arrays, got {len(shape)} dimensions",
                key="payoffs",
            )
        for name, arr in zip(names, converted, strict=True):
            if arr.shape != shape:
                raise GameValueError(
                    f"shape {arr.shape} differs from the first player's shape {shape}",
                    key=f"payoffs[{name}]",
                )
        labels = _strategy_labels(strategies, shape, names)
        return cls(converted, names, labels, title=str(title))

    @classmethod
    def from_payoffs(
        cls,
        payoff: Mapping[tuple[str, ...], Sequence[Any]],
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        title: str = "",
    ) -> Game:
        """Build a game from a table mapping each pure profile (labels) to its payoff vector.

        Examples
        --------
        >>> g = Game.from_payoffs({("a", "x"): (1, 2), ("a", "y"): (0, 0),
        ...                        ("b", "x"): (0, 0), ("b", "y"): (2, 1)},
        ...                       players=("P", "Q"), strategies=(("a", "b"), ("x", "y")))
        >>> g.payoff(("b", "y"))
        (Fraction(2, 1), Fraction(1, 1))
        """
        names = _player_names(players, len(players))
        shape = tuple(len(s) for s in strategies)
        labels = _strategy_labels(strategies, shape, names)
        arrays = [np.empty(shape, dtype=object) for _ in names]
        for index in itertools.product(*(range(k) for k in shape)):
            key = tuple(labels[i][j] for i, j in enumerate(index))
            if key not in payoff:
                raise GameValueError("missing payoff for profile", key=",".join(key))
            values = payoff[key]
            if len(values) != len(names):
                raise GameValueError(
                    f"expected {len(names)} payoffs, got {len(values)}", key=",".join(key)
                )
            for i, v in enumerate(values):
                arrays[i][index] = to_fraction(v, where=",".join(key))
        return cls(arrays, names, labels, title=str(title))

    # ------------------------------------------------------------------ basic properties
    @property
    def title(self) -> str:
        return self._title

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        return self._strategies

    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        return self._payoffs

    @property
    def n_players(self) -> int:
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self._strategies)

    def __repr__(self) -> str:
        return f"Game({self._title!r}, players={self._players!r}, shape={self.shape!r})"

    # IPython prefers a class's own __repr__ to an inherited _repr_pretty_: name it here.
    _repr_pretty_ = Displayed._repr_pretty_

    def _report(self, format: str) -> str:
        from .report import format_game  # the payoff table shown in notebooks

        return format_game(self, format)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._title == other._title
            and all(
                np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs, strict=True)
            )
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(
                (
                    self._players,
                    self._strategies,
                    self._title,
                    tuple(tuple(p.reshape(-1).tolist()) for p in self._payoffs),
                )
            )
        return self._hash

    def same_payoffs(self, other: Game) -> bool:
        """True if both games have the same shape and payoffs, whatever their names."""
        return self.shape == other.shape and all(
            np.array_equal(a, b) for a, b in zip(self._payoffs, other._payoffs, strict=True)
        )

    # ------------------------------------------------------------------ names and indices
    def player_index(self, player: str | int) -> int:
        """The index of a player given by name or index.

        Examples
        --------
        >>> Game.from_arrays([[1]], [[1]], players=("US", "Russia")).player_index("Russia")
        1
        >>> Game.from_arrays([[1]], [[1]], players=("US", "Russia")).player_index("Rusia")
        Traceback (most recent call last):
        ...
        gametheory.errors.GameValueError: player: unknown player 'Rusia' (did you mean 'Russia'?)
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
            raise GameValueError(f"no player number {player}", key="player")
        if player in self._players:
            return self._players.index(player)
        hint = did_you_mean(str(player), self._players)
        raise GameValueError(f"unknown player {player!r}", key="player", hint=hint)

    def strategy_index(self, player: str | int, strategy: str | int) -> int:
        """The index of one of a player's strategies given by label or index.

        Examples
        --------
        >>> g = Game.from_arrays([[1, 2]], [[0, 0]], strategies=(("up",), ("left", "right")))
        >>> g.strategy_index("Column", "right")
        1
        >>> g.strategy_index("Column", "rigth")
        Traceback (most recent call last):
        ...
        gametheory.errors.GameValueError: Column: unknown strategy 'rigth' (did you mean 'right'?)
        """
        i = self.player_index(player)
        labels = self._strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if 0 <= strategy < len(labels):
                return int(strategy)
            raise GameValueError(f"no strategy number {strategy}", key=self._players[i])
        if strategy in labels:
            return labels.index(strategy)
        raise GameValueError(
            f"unknown strategy {strategy!r}",
            key=self._players[i],
            hint=did_you_mean(str(strategy), labels),
        )

    def _pure_index(self, profile: Sequence[str | int]) -> tuple[int, ...]:
        if len(profile) != self.n_players:
            raise GameValueError(
                f"a pure profile names {self.n_players} strategies, got {len(profile)}"
            )
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    # ------------------------------------------------------------------ payoffs
    def payoff(self, profile: Sequence[str | int]) -> tuple[Fraction, ...]:
        """Every player's payoff at a pure profile (labels or indices)."""
        index = self._pure_index(profile)
        return tuple(p[index] for p in self._payoffs)

    def profile(self, value: Any) -> Profile:
        """Normalise a mixed profile to a tuple of exact probability tuples.

        Accepts a sequence with one entry per player (a probability sequence, or a pure strategy
        label or index), or a mapping from player name to such an entry or to a mapping from
        strategy label to probability (missing labels have probability 0).

        Raises
        ------
        GameValueError
            If a probability is negative, the probabilities do not sum to one, or a name is
            unknown.

        Examples
        --------
        >>> g = Game.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, 0]])
        >>> g.profile({"Row": {"2": "1/3", "1": "2/3"}, "Column": "2"})
        ((Fraction(2, 3), Fraction(1, 3)), (Fraction(0, 1), Fraction(1, 1)))
        """
        if isinstance(value, Mapping):
            unknown = [k for k in value if k not in self._players]
            if unknown:
                self.player_index(unknown[0])
            missing = [p for p in self._players if p not in value]
            if missing:
                raise GameValueError("no strategy given", key=missing[0])
            entries = [value[p] for p in self._players]
        else:
            entries = list(value)
            if len(entries) != self.n_players:
                raise GameValueError(
                    f"a profile has one strategy per player ({self.n_players}), got {len(entries)}"
                )
        return tuple(self._mixed(i, e) for i, e in enumerate(entries))

    def _mixed(self, i: int, entry: Any) -> tuple[Fraction, ...]:
        k = len(self._strategies[i])
        name = self._players[i]
        if isinstance(entry, (str, int, np.integer)) and not isinstance(entry, bool):
            j = self.strategy_index(i, entry)
            return tuple(Fraction(int(t == j)) for t in range(k))
        if isinstance(entry, Mapping):
            probs = [Fraction(0)] * k
            for label, p in entry.items():
                probs[self.strategy_index(i, label)] = to_fraction(p, where=f"{name}.{label}")
        else:
            probs = [to_fraction(p, where=name) for p in entry]
            if len(probs) != k:
                raise GameValueError(f"expected {k} probabilities, got {len(probs)}", key=name)
        if any(p < 0 for p in probs):
            raise GameValueError("negative probability", key=name)
        if sum(probs) != 1:
            raise GameValueError(f"probabilities sum to {sum(probs)}, not 1", key=name)
        return tuple(probs)

    def _integer_payoffs(self) -> tuple[tuple[np.ndarray, int], ...]:
        """Per player: the payoffs times the lcm L of their denominators, as ints, and L."""
        if self._integers is None:
            out = []
            for p in self._payoffs:
                scale = math.lcm(*(v.denominator for v in p.reshape(-1)))
                ints = np.array(
                    [v.numerator * (scale // v.denominator) for v in p.reshape(-1)], dtype=object
                )
                out.append((ints.reshape(p.shape), scale))
            self._integers = tuple(out)
        return self._integers

    def _against_scaled(self, i: int, weights: list[np.ndarray]) -> np.ndarray:
        """Player i's scaled payoff for each pure strategy against integer-weighted others.

        Exact integer arithmetic (much faster than Fractions): the result is the true payoff
        times ``L_i * prod(D_j for j != i)``, where ``weights[j]`` sums to ``D_j``.
        """
        array = self._integer_payoffs()[i][0]
        # Contract the other players' axes, last first, so axis numbers stay valid.
        for j in reversed(range(self.n_players)):
            if j != i:
                array = np.tensordot(array, weights[j], axes=([j], [0]))
        return array

    @staticmethod
    def _weights(sigma: Profile) -> tuple[list[np.ndarray], list[int]]:
        weights, totals = [], []
        for probs in sigma:
            d = math.lcm(*(Fraction(p).denominator for p in probs))
            weights.append(np.array([int(p * d) for p in probs], dtype=object))
            totals.append(d)
        return weights, totals

    def _evaluate(self, profile: Any) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """Exact (expected payoffs, regrets) of a mixed profile."""
        sigma = self.profile(profile)
        weights, totals = self._weights(sigma)
        payoffs, regrets = [], []
        for i in range(self.n_players):
            values = self._against_scaled(i, weights)
            current = sum(int(w) * int(v) for w, v in zip(weights[i], values, strict=True))
            denominator = self._integer_payoffs()[i][1] * math.prod(totals)
            payoffs.append(Fraction(current, denominator))
            regrets.append(Fraction(max(values) * totals[i] - current, denominator))
        return tuple(payoffs), tuple(regrets)

    def expected_payoffs(self, profile: Any) -> tuple[Fraction, ...]:
        """Every player's exact expected payoff at a mixed profile.

        Examples
        --------
        >>> g = Game.from_arrays([[1, -1], [-1, 1]])
        >>> g.expected_payoffs([["1/2", "1/2"], ["1/2", "1/2"]])
        (Fraction(0, 1), Fraction(0, 1))
        """
        return self._evaluate(profile)[0]

    def pure_payoffs_against(self, player: str | int, profile: Any) -> tuple[Fraction, ...]:
        """A player's payoff from each of its pure strategies against the others' strategies.

        Examples
        --------
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.pure_payoffs_against("Row", [[1, 0], ["1/2", "1/2"]])
        (Fraction(3, 2), Fraction(3, 1))
        """
        i = self.player_index(player)
        weights, totals = self._weights(self.profile(profile))
        denominator = self._integer_payoffs()[i][1] * math.prod(totals) // totals[i]
        return tuple(Fraction(int(v), denominator) for v in self._against_scaled(i, weights))

    def best_responses(self, player: str | int, profile: Any) -> tuple[int, ...]:
        """Indices of a player's pure best responses to the others' strategies in a profile.

        Examples
        --------
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.best_responses("Row", [[1, 0], [1, 0]])
        (1,)
        """
        values = self.pure_payoffs_against(player, profile)
        best = max(values)
        return tuple(k for k, v in enumerate(values) if v == best)

    def regrets(self, profile: Any) -> tuple[Fraction, ...]:
        """Each player's exact regret: best pure payoff minus expected payoff (>= 0).

        Examples
        --------
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.regrets([[1, 0], [1, 0]])
        (Fraction(2, 1), Fraction(2, 1))
        """
        return self._evaluate(profile)[1]

    def regret(self, profile: Any) -> Fraction:
        """The largest gain any player makes by a unilateral deviation (0 at an equilibrium)."""
        return max(self.regrets(profile))

    def is_nash(self, profile: Any) -> bool:
        """True exactly when the profile is a Nash equilibrium (regret exactly zero)."""
        return self.regret(profile) == 0

    # ------------------------------------------------------------------ matrices
    def matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """The two payoff matrices (A for the row player, B for the column player).

        Raises
        ------
        GameValueError
            If the game does not have exactly two players.
        """
        if self.n_players != 2:
            raise GameValueError(
                f"this needs a two-player game; this one has {self.n_players} players"
            )
        return self._payoffs[0], self._payoffs[1]

    def is_constant_sum(self) -> bool:
        """True if the players' payoffs add up to the same number at every pure profile.

        Examples
        --------
        >>> Game.from_arrays([[1, -1], [-1, 1]]).is_constant_sum()
        True
        """
        total = sum(self._payoffs[1:], self._payoffs[0])
        flat = total.reshape(-1)
        return bool(all(v == flat[0] for v in flat))

    # ------------------------------------------------------------------ edits (new games)
    def with_payoff(
        self, player: str | int | None, profile: Sequence[str | int], value: Any
    ) -> Game:
        """A new game with one payoff changed.

        Parameters
        ----------
        player : str, int or None
            The player whose payoff changes; ``None`` sets every player's payoff in the cell,
            and then ``value`` is a sequence with one payoff per player.
        profile : sequence of str or int
            The cell: one strategy per player.
        value : number or sequence of numbers

        Examples
        --------
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.with_payoff("Row", ("2", "2"), "1/2").payoff(("2", "2"))
        (Fraction(1, 2), Fraction(1, 1))
        >>> g.with_payoff(None, ("1", "1"), (7, 8)).payoff(("1", "1"))
        (Fraction(7, 1), Fraction(8, 1))
        """
        index = self._pure_index(profile)
        arrays = [p.copy() for p in self._payoffs]
        cell = ",".join(self._strategies[i][j] for i, j in enumerate(index))
        if player is None:
            values = list(value) if isinstance(value, (list, tuple)) else None
            if values is None or len(values) != self.n_players:
                raise GameValueError(
                    f"a whole cell takes {self.n_players} payoffs, one per player", key=cell
                )
            for i, v in enumerate(values):
                arrays[i][index] = to_fraction(v, where=f"{self._players[i]}:{cell}")
        else:
            i = self.player_index(player)
            arrays[i][index] = to_fraction(value, where=f"{self._players[i]}:{cell}")
        return Game(arrays, self._players, self._strategies, self._title)

    def with_names(
        self,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> Game:
        """A new game with other names; payoffs unchanged."""
        names = _player_names(players, self.n_players) if players is not None else self._players
        labels = (
            _strategy_labels(strategies, self.shape, names)
            if strategies is not None
            else self._strategies
        )
        return Game(
            self._payoffs, names, labels, self._title if title is None else str(title)
        )

    def permuted(self, player: str | int, order: Sequence[int]) -> Game:
        """A new game with one player's strategies reordered: new strategy k is old ``order[k]``.

        Examples
        --------
        >>> g = Game.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, 0]])
        >>> g.permuted("Row", [1, 0]).payoffs[0].tolist()
        [[Fraction(3, 1), Fraction(4, 1)], [Fraction(1, 1), Fraction(2, 1)]]
        """
        i = self.player_index(player)
        order = [int(k) for k in order]
        if sorted(order) != list(range(self.shape[i])):
            raise GameValueError("not a permutation of the strategies", key=self._players[i])
        arrays = [np.take(p, order, axis=i) for p in self._payoffs]
        labels = list(self._strategies)
        labels[i] = tuple(self._strategies[i][k] for k in order)
        return Game(arrays, self._players, labels, self._title)

    def restricted(self, keep: Sequence[Sequence[int]]) -> Game:
        """A new game keeping, for each player, the strategies with the given indices.

        Examples
        --------
        >>> g = Game.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, 0]])
        >>> g.restricted([[1], [0, 1]]).strategies
        (('2',), ('1', '2'))
        """
        keep = [list(k) for k in keep]
        if len(keep) != self.n_players or any(not k for k in keep):
            raise GameValueError("every player must keep at least one strategy")
        arrays = list(self._payoffs)
        for axis, k in enumerate(keep):
            arrays = [np.take(a, k, axis=axis) for a in arrays]
        labels = [tuple(self._strategies[i][j] for j in k) for i, k in enumerate(keep)]
        return Game(arrays, self._players, labels, self._title)

    def transformed(self, player: str | int, scale: Any, shift: Any = 0) -> Game:
        """A new game with one player's payoffs mapped by ``u -> scale * u + shift`` (scale > 0).

        Equilibria do not change under such positive affine transformations.
        """
        i = self.player_index(player)
        a, b = to_fraction(scale, where="scale"), to_fraction(shift, where="shift")
        if a <= 0:
            raise GameValueError("scale must be positive", key="scale")
        arrays = list(self._payoffs)
        arrays[i] = arrays[i] * a + b
        return Game(arrays, self._players, self._strategies, self._title)

    def to_float(self) -> tuple[np.ndarray, ...]:
        """The payoffs as float arrays (for floating-point peers such as nashpy).

        Raises
        ------
        GameValueError
            If a payoff is beyond the range of floats (through
            :func:`gametheory.numbers.to_float_array`).
        """
        return tuple(to_float_array(p, where="floating-point payoffs") for p in self._payoffs)

    def pure_profiles(self) -> Iterable[tuple[int, ...]]:
        """Every pure profile as a tuple of strategy indices, in lexicographic order."""
        return itertools.product(*(range(k) for k in self.shape))


def _player_names(players: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if players is None:
        return _DEFAULT_PLAYERS_2 if n == 2 else tuple(f"Player {i + 1}" for i in range(n))
    names = tuple(str(p) for p in players)
    if len(names) != n:
        raise GameValueError(f"{n} players need {n} names, got {len(names)}", key="players")
    _check_names(names, "players")
    return names


def _strategy_labels(
    strategies: Sequence[Sequence[str]] | None, shape: tuple[int, ...], players: Sequence[str]
) -> tuple[tuple[str, ...], ...]:
    if strategies is None:
        return tuple(tuple(str(k + 1) for k in range(n)) for n in shape)
    if isinstance(strategies, str) or len(strategies) != len(shape):
        raise GameValueError(
            f"expected strategy labels for {len(shape)} players", key="strategies"
        )
    labels = []
    for name, n, given in zip(players, shape, strategies, strict=True):
        if isinstance(given, str):
            raise GameValueError("strategy labels must be a list", key=f"strategies[{name}]")
        row = tuple(str(s) for s in given)
        if len(row) != n:
            raise GameValueError(
                f"{n} strategies in the payoffs but {len(row)} labels", key=f"strategies[{name}]"
            )
        _check_names(row, f"strategies[{name}]")
        labels.append(row)
    return tuple(labels)


def _check_names(names: Sequence[str], where: str) -> None:
    seen: set[str] = set()
    for name in names:
        if not name.strip():
            raise GameValueError("empty name", key=where)
        if name in seen:
            raise GameValueError(f"duplicate name {name!r}", key=where)
        seen.add(name)


def fraction_profile(profile: Sequence[Sequence[Any]]) -> Profile:
    """Convert a nested sequence of numbers to a :data:`Profile` of fractions (no checks)."""
    return tuple(tuple(to_fraction(p) for p in sigma) for sigma in profile)
