"""Building a :class:`~gametheory.game.Game`: checking payoff arrays and names, and the
named constructors :meth:`~gametheory.game.Game.from_arrays` and
:meth:`~gametheory.game.Game.from_payoffs` (a base class of ``Game``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import GameValueError
from .numbers import MAX_DIGITS, to_fraction

if TYPE_CHECKING:
    from .game import Game

__all__: list[str] = []

_DEFAULT_PLAYERS_2 = ("Row", "Column")


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


#: Integers below this in absolute value are inside the number policy (:data:`MAX_DIGITS`).
_INT_LIMIT = 10**MAX_DIGITS


def _exact_array(value: Any, where: str) -> np.ndarray:
    shape = _nested_shape(value, where)
    if not shape:
        raise GameValueError("payoffs must be an array, not a single number", key=where)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu":
        # Machine integers (at most 20 digits: inside the number policy) need no checks.
        out = np.empty(value.size, dtype=object)
        out[:] = [Fraction(v) for v in value.reshape(-1).tolist()]
        return out.reshape(shape)
    flat = np.asarray(value, dtype=object).reshape(-1) if shape else None
    out = np.empty(len(flat), dtype=object)
    for k, item in enumerate(flat):
        if type(item) is int and -_INT_LIMIT < item < _INT_LIMIT:  # fast path, same result
            out[k] = Fraction(item)
            continue
        try:
            out[k] = to_fraction(item)
        except GameValueError as exc:
            index = np.unravel_index(k, shape)
            cell = ",".join(str(int(i)) for i in index)
            raise GameValueError(exc.message, key=f"{where}[{cell}]") from None
    return out.reshape(shape)


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


class _Constructors:
    """The named constructors of :class:`~gametheory.game.Game` (``cls`` is ``Game``)."""

    __slots__ = ()

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
        >>> from gametheory import Game
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
        >>> from gametheory import Game
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
