"""Every pure Nash equilibrium of a game with any number of players, exactly.

A pure profile :math:`s` is a Nash equilibrium when every player's strategy is a best response:
:math:`u_i(s) = \\max_{t_i \\in S_i} u_i(t_i, s_{-i})` for every player :math:`i`.

Method: for each player, one vectorised pass over the payoff array marks the profiles at which
that player's payoff is the maximum along that player's own axis; the pure equilibria are the
profiles marked for every player. Payoffs are first scaled to integers (per player, by the least
common multiple of the denominators, which changes no best response), so the comparisons are
exact and run on machine integers whenever the numbers fit.
"""

from __future__ import annotations

import math

import numpy as np

from ..game import Game
from ..result import SolveResult, certify

__all__ = ["pure_equilibria"]

# Integers up to this size are compared as int64; larger ones as Python integers (exact).
_INT64_SAFE = 2**62


def _integer_array(payoffs: np.ndarray) -> np.ndarray:
    """The payoffs times the lcm of their denominators: exact integers, int64 when they fit."""
    flat = payoffs.reshape(-1)
    scale = math.lcm(*(v.denominator for v in flat))
    ints = [int(v * scale) for v in flat]
    if max(abs(v) for v in ints) < _INT64_SAFE:
        return np.array(ints, dtype=np.int64).reshape(payoffs.shape)
    return np.array(ints, dtype=object).reshape(payoffs.shape)


def best_response_mask(game: Game, player: int) -> np.ndarray:
    """Boolean array over pure profiles: True where the player's strategy is a best response.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> best_response_mask(g, 0).tolist()
    [[False, False], [True, True]]
    """
    values = _integer_array(game.payoffs[player])
    return values == values.max(axis=player, keepdims=True)


def pure_equilibria(game: Game) -> SolveResult:
    """Every pure Nash equilibrium of a game with any number of players, exactly.

    Parameters
    ----------
    game : Game
        A game with any number of players.

    Returns
    -------
    SolveResult
        Method ``"pure"``: every pure equilibrium, certified, in lexicographic order of the
        strategy indices (first player's strategy slowest); ``exact=True``; ``complete=True``
        in the sense that *every pure* equilibrium is listed (mixed equilibria are not
        searched, which the message says); status ``"ok"``.

    Examples
    --------
    The prisoner's dilemma has one pure equilibrium, mutual defection:

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                      strategies=(("C", "D"), ("C", "D")))
    >>> r = pure_equilibria(g)
    >>> [eq.support() for eq in r.equilibria]
    [(('D',), ('D',))]
    >>> r.message
    'every pure equilibrium was found (1); mixed equilibria are not searched'

    Three players who each want to match the majority: everyone on the same strategy.

    >>> import itertools
    >>> table = {s: tuple(int(2 * s.count(s[i]) > 3) for i in range(3))
    ...          for s in itertools.product("ab", repeat=3)}
    >>> g3 = Game.from_payoffs(table, ("P", "Q", "R"), [["a", "b"]] * 3)
    >>> [eq.support() for eq in pure_equilibria(g3).equilibria]
    [(('a',), ('a',), ('a',)), (('b',), ('b',), ('b',))]
    """
    mask = np.ones(game.shape, dtype=bool)
    for player in range(game.n_players):
        mask &= best_response_mask(game, player)
    equilibria = []
    # argwhere lists indices in row-major order: lexicographic by strategy index.
    for index in np.argwhere(mask):
        profile = tuple(
            tuple(int(k == int(j)) for k in range(n))
            for j, n in zip(index, game.shape, strict=True)
        )
        equilibrium = certify(game, profile)
        if equilibrium is None:  # pragma: no cover - would be a bug in the mask
            raise AssertionError(f"pure profile {tuple(index)} failed certification")
        equilibria.append(equilibrium)
    return SolveResult(
        game=game,
        method="pure",
        equilibria=tuple(equilibria),
        exact=True,
        complete=True,
        status="ok",
        message=(
            f"every pure equilibrium was found ({len(equilibria)}); "
            "mixed equilibria are not searched"
        ),
    )
