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
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._display import Displayed
from ._game_build import (  # noqa: F401 (re-exported: other modules import them from here)
    _DEFAULT_PLAYERS_2,
    _check_names,
    _Constructors,
    _exact_array,
    _nested_shape,
    _player_names,
    _strategy_labels,
)
from ._game_edits import _Edits
from ._game_exact import _ExactEvaluation
from .errors import GameValueError, did_you_mean
from .numbers import to_float_array, to_fraction

__all__ = ["Game", "Profile"]

#: A mixed profile: for every player, a tuple of exact probabilities, one per pure strategy.
Profile = tuple[tuple[Fraction, ...], ...]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


# The constructors, the exact evaluation of profiles and the edits are base classes, one
# module each (_game_build, _game_exact, _game_edits); this module holds the value itself.
class Game(_Constructors, _ExactEvaluation, _Edits, Displayed):
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


def fraction_profile(profile: Sequence[Sequence[Any]]) -> Profile:
    """Convert a nested sequence of numbers to a :data:`Profile` of fractions (no checks)."""
    return tuple(tuple(to_fraction(p) for p in sigma) for sigma in profile)
