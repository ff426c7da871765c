"""Edits of a :class:`~gametheory.game.Game`: each returns a new game (a base class of
``Game``): one payoff changed, other names, strategies reordered or dropped, payoffs transformed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._game_build import _player_names, _strategy_labels
from .errors import GameValueError
from .numbers import to_fraction

if TYPE_CHECKING:
    from .game import Game

__all__: list[str] = []


class _Edits:
    """Edits returning a new :class:`~gametheory.game.Game` (the game itself is immutable)."""

    __slots__ = ()

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
        >>> from gametheory import Game
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
        return type(self)(arrays, self._players, self._strategies, self._title)

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
        return type(self)(
            self._payoffs, names, labels, self._title if title is None else str(title)
        )

    def permuted(self, player: str | int, order: Sequence[int]) -> Game:
        """A new game with one player's strategies reordered: new strategy k is old ``order[k]``.

        Examples
        --------
        >>> from gametheory import Game
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
        return type(self)(arrays, self._players, labels, self._title)

    def restricted(self, keep: Sequence[Sequence[int]]) -> Game:
        """A new game keeping, for each player, the strategies with the given indices.

        Examples
        --------
        >>> from gametheory import Game
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
        return type(self)(arrays, self._players, labels, self._title)

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
        return type(self)(arrays, self._players, self._strategies, self._title)
