"""Security (maximin) strategies and security levels, pure and mixed, exactly.

Definitions
-----------
Player :math:`i`'s *security level* is the most it can guarantee itself whatever the others do:
:math:`\\max_{\\sigma_i} \\min_{s_{-i}} u_i(\\sigma_i, s_{-i})`, over its own strategies
:math:`\\sigma_i` and the others' pure profiles :math:`s_{-i}`; a strategy attaining the maximum
is a *security* (maximin) strategy. The *pure* level maximises over pure strategies only; the
*mixed* level over mixed ones, and is at least the pure level.

Taking the minimum over the others' pure profiles loses nothing: the payoff is multilinear in
the others' mixed strategies (linear in a correlated one), so its minimum over them is attained
at a pure profile. The mixed level is therefore the value of the zero-sum matrix game in which
player :math:`i` chooses a row of its own payoffs and a single opponent chooses a column, one per
pure profile of the others; it is computed exactly and certified by
:func:`.zero_sum.solve_matrix_game`. This holds for any number of players.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..game import Game
from .zero_sum import solve_matrix_game

__all__ = ["SecurityStrategy", "security_levels", "security_strategy"]


@dataclass(frozen=True)
class SecurityStrategy:
    """A player's security level and a strategy that guarantees it.

    Attributes
    ----------
    player : str
    level : Fraction
        The security level: the largest payoff the player can guarantee.
    strategy : tuple of Fraction
        A security strategy: probabilities over the player's strategies (one of them 1 for a
        pure security strategy).
    mixed : bool
        True if mixed strategies were allowed.
    """

    player: str
    level: Fraction
    strategy: tuple[Fraction, ...]
    mixed: bool


def _own_rows(game: Game, player: int) -> np.ndarray:
    """The player's payoffs: one row per own strategy, one column per others' pure profile."""
    payoffs = game.payoffs[player]
    return np.moveaxis(payoffs, player, 0).reshape(payoffs.shape[player], -1)


def security_strategy(game: Game, player: str | int, mixed: bool = True) -> SecurityStrategy:
    """One player's security level and a security strategy, exactly.

    Parameters
    ----------
    game : Game
        A game with any number of players.
    player : str or int
        The player's name or index.
    mixed : bool, optional
        Allow mixed strategies (default); otherwise pure strategies only. The pure security
        strategy returned is the first (in strategy order) that attains the level.

    Returns
    -------
    SecurityStrategy

    Raises
    ------
    GameValueError
        For an unknown player.

    Examples
    --------
    Matching pennies: no pure strategy guarantees more than -1, the mixture (1/2, 1/2)
    guarantees 0.

    >>> g = Game.from_arrays([[1, -1], [-1, 1]])
    >>> security_strategy(g, "Row", mixed=False).level
    Fraction(-1, 1)
    >>> s = security_strategy(g, "Column")
    >>> s.level, s.strategy
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)))
    """
    i = game.player_index(player)
    rows = _own_rows(game, i)
    if mixed:
        solution = solve_matrix_game(rows)
        level, strategy = solution.value, solution.row_strategy
    else:
        worst = [min(row) for row in rows]
        level = max(worst)
        best = worst.index(level)
        strategy = tuple(Fraction(int(k == best)) for k in range(len(worst)))
    return SecurityStrategy(game.players[i], level, strategy, mixed)


def security_levels(game: Game, mixed: bool = True) -> tuple[SecurityStrategy, ...]:
    """Every player's security level and a security strategy, exactly.

    Parameters
    ----------
    game : Game
        A game with any number of players.
    mixed : bool, optional
        Allow mixed strategies (default) or pure strategies only.

    Returns
    -------
    tuple of SecurityStrategy
        One per player, in player order.

    Examples
    --------
    In the prisoner's dilemma defecting is each player's security strategy, pure or mixed:

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [(s.player, str(s.level), [str(p) for p in s.strategy]) for s in security_levels(g)]
    [('Row', '1', ['0', '1']), ('Column', '1', ['0', '1'])]
    """
    return tuple(security_strategy(game, i, mixed) for i in range(game.n_players))
