"""Conditional dominance: the support profiles worth solving in an N-player game.

A strategy :math:`a_i` is *conditionally strictly dominated* given sets :math:`R_{-i}` of the
other players' strategies when some :math:`a_i'` pays player :math:`i` strictly more against
every profile of :math:`R_{-i}` (Porter, Nudelman and Shoham, 2008, Definition 1). Such a
strategy is never a best response when the others play within :math:`R_{-i}`, so it is in no
support of an equilibrium where they do. :func:`support_profiles` chooses supports player by
player and removes such strategies, iteratively, from the players still to choose (their
Algorithm 2, made exhaustive: every surviving profile is returned, not only the first).

References
----------
R. Porter, E. Nudelman and Y. Shoham (2008), Simple search methods for finding a Nash
equilibrium, *Games and Economic Behavior* 63, 642-662.
"""

from __future__ import annotations

import itertools

import numpy as np

from ..game import Game

__all__ = ["Supports", "support_profiles"]

#: A support profile: the indices of each player's strategies played with positive probability.
Supports = tuple[tuple[int, ...], ...]


def _integer_payoffs(game: Game) -> list[np.ndarray]:
    arrays = []
    for ints, _ in game._integer_payoffs():
        flat = [int(v) for v in ints.reshape(-1)]
        dtype = np.int64 if max(map(abs, flat)) < 2**62 else object
        arrays.append(np.array(flat, dtype=dtype).reshape(ints.shape))
    return arrays


def _dominated(u: np.ndarray, player: int, sets: list[list[int]]) -> list[int]:
    """The strategies in ``sets[player]`` strictly dominated by a pure strategy given the
    other players' sets (Porter, Nudelman and Shoham 2008, Definition 1)."""
    index = [
        list(range(u.shape[player])) if j == player else s for j, s in enumerate(sets)
    ]
    sub = np.moveaxis(u[np.ix_(*index)], player, 0).reshape(u.shape[player], -1)
    return [a for a in sets[player] if bool(np.any(np.all(sub > sub[a], axis=1)))]


def _irsds(u: list[np.ndarray], sets: list[list[int]], fixed: int) -> list[list[int]] | None:
    """Iterated removal of conditionally dominated strategies from players ``fixed`` on.

    Returns the reduced sets, or None when a strategy of a chosen support (players before
    ``fixed``) is dominated or a player is left with nothing.
    """
    sets = [list(s) for s in sets]
    changed = True
    while changed:
        changed = False
        for j in range(len(sets)):
            out = _dominated(u[j], j, sets)
            if not out:
                continue
            if j < fixed:
                return None
            sets[j] = [a for a in sets[j] if a not in out]
            if not sets[j]:
                return None
            changed = True
    return sets


def support_profiles(game: Game) -> list[Supports]:
    """Every support profile that survives conditional dominance, smallest supports first.

    Examples
    --------
    In the prisoner's dilemma only (defect, defect) survives:

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> support_profiles(g)
    [((1,), (1,))]
    """
    u = _integer_payoffs(game)
    n = game.n_players
    found: list[Supports] = []

    def recurse(i: int, sets: list[list[int]]) -> None:
        if i == n:
            found.append(tuple(tuple(s) for s in sets))
            return
        for size in range(1, len(sets[i]) + 1):
            for chosen in itertools.combinations(sets[i], size):
                trial = [*sets[:i], list(chosen), *sets[i + 1 :]]
                reduced = _irsds(u, trial, i + 1)
                if reduced is not None:
                    recurse(i + 1, reduced)

    start = _irsds(u, [list(range(k)) for k in game.shape], 0)
    if start is not None:
        recurse(0, start)
    found.sort(key=lambda s: (sum(map(len, s)), s))
    return found
