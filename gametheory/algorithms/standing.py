"""The standing of one pure strategy in a two-player game: best reply to what, played where.

A text's thesis about one course of action ("Moscow pursues both tracks at once, and on
purpose") becomes two testable statements once that course of action is a pure strategy s of
player i:

- s is a **best reply** to a pure strategy t of the other player when no strategy of i earns
  more against t (it is the *only* best reply when every other strategy earns strictly less);
- s is **part of an equilibrium** when some Nash equilibrium plays it with positive
  probability (s is in the support of i's equilibrium strategy).

Both are checked exactly, from the payoffs and from the equilibria of
:func:`gametheory.solve` (every extreme equilibrium; a strategy played in some equilibrium of
a component is played in one of its extreme points).

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                       strategies=(("quiet", "talk"), ("quiet", "talk")))
>>> s = strategy_standing(pd, "Row", "talk")
>>> s.best_reply_to, s.only_best_reply_to, s.in_equilibria
(('quiet', 'talk'), ('quiet', 'talk'), (0,))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["StrategyStanding", "strategy_standing"]


@dataclass(frozen=True)
class StrategyStanding:
    """Where one pure strategy is a best reply and which equilibria play it.

    Attributes
    ----------
    player, strategy : str
    best_reply_to : tuple of str
        The other player's pure strategies to which ``strategy`` is a best reply.
    only_best_reply_to : tuple of str
        Those to which it is the unique best reply.
    in_equilibria : tuple of int
        Indices into ``result.equilibria`` of the equilibria that play it with positive
        probability.
    equilibria : int
        The number of (extreme) equilibria.
    """

    player: str
    strategy: str
    best_reply_to: tuple[str, ...]
    only_best_reply_to: tuple[str, ...]
    in_equilibria: tuple[int, ...]
    equilibria: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "strategy": self.strategy,
            "best_reply_to": list(self.best_reply_to),
            "only_best_reply_to": list(self.only_best_reply_to),
            "in_equilibria": list(self.in_equilibria),
            "equilibria": self.equilibria,
        }


def strategy_standing(game: Any, player: str | int, strategy: str | int,
                      result: Any = None) -> StrategyStanding:
    """Against which pure strategies ``strategy`` is a best reply, and which equilibria play it.

    Parameters
    ----------
    game : Game
        A two-player game.
    player, strategy : str or int
        The player and its pure strategy, by name or index.
    result : SolveResult, optional
        The game's equilibria (default: ``gametheory.solve(game)``, exact).

    Returns
    -------
    StrategyStanding

    Raises
    ------
    GameValueError
        For a game that does not have two players, or an unknown player or strategy.
    """
    from ..errors import GameValueError

    if game.n_players != 2:
        raise GameValueError(f"a two-player game is needed, got {game.n_players} players")
    i = game.player_index(player)
    s = game.strategy_index(i, strategy)
    j = 1 - i
    if result is None:
        from ..solve import solve

        result = solve(game)
    best, only = [], []
    for t, name in enumerate(game.strategies[j]):
        values = [game.payoffs[i][(k, t) if i == 0 else (t, k)]
                  for k in range(game.shape[i])]
        top = max(values)
        if values[s] == top:
            best.append(name)
            if sum(v == top for v in values) == 1:
                only.append(name)
    own = game.strategies[i][s]
    played = tuple(
        n for n, eq in enumerate(result.equilibria) if own in eq.support()[i]
    )
    return StrategyStanding(game.players[i], own, tuple(best), tuple(only), played,
                            len(result.equilibria))
