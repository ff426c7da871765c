"""The inverse question of the graph model: which rankings would make a state an equilibrium.

Given a target state, a player and a stability concept, :func:`inverse_preferences` looks for
changes of that player's ranking of the states (the others' rankings unchanged) under which
the target is an equilibrium (stable for every player) under the concept, the smallest
changes first. This follows the question of Kinsara, Kilgour and Hipel (2015), "Inverse
approach to the graph model for conflict resolution", *IEEE Transactions on Systems, Man, and
Cybernetics: Systems* 45(5), 734-742; their algebraic search is not reproduced: this is a
search over candidate rankings, exact and exhaustive within the set it searches.

Size of a change: the number of pairs of states whose order the change alters (above,
tied, below), a Kendall distance for rankings with ties. Candidates: every ranking of the
states with ties when there are at most :data:`EXHAUSTIVE_STATES` states; otherwise every
ranking obtained by moving one state to another place (into another tie class, or between
two), which finds every change of size 1 and the cheapest single-state moves.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.ordinal.graph import graph_model
>>> g = Game.from_arrays([[1, 0], [2, 0]], [[1, 0], [0, 0]])
>>> [(c.size, c.ranks) for c in inverse_preferences(graph_model(g), 0, 0, "nash", limit=2)]
[(1, (3, 1, 2, 1)), (1, (2, 1, 2, 1))]
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]])
>>> inverse_preferences(graph_model(pd), target=0, player=0, concept="nash")
()
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import GameValueError, did_you_mean
from .gmcr import CONCEPTS, is_stable
from .graph import GraphModel

__all__ = [
    "EXHAUSTIVE_STATES",
    "InverseQuestion",
    "RankingChange",
    "inverse_preferences",
    "parse_state",
]

#: Up to this many states every weak order is tried (541 rankings for 5 states).
EXHAUSTIVE_STATES = 5


@dataclass(frozen=True)
class RankingChange:
    """A new ranking of one player that makes the target state an equilibrium.

    Attributes
    ----------
    player : int
    ranks : tuple of int
        The new ranks (dense, 1 = worst), one per state.
    size : int
        How many pairs of states change order (above, tied or below) from the old ranking.
    pairs : tuple of tuple of int
        Those pairs ``(s, t)``, ``s < t``.
    """

    player: int
    ranks: tuple[int, ...]
    size: int
    pairs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class InverseQuestion:
    """The inverse question and its answers: which rankings of ``player`` stabilise ``target``.

    Attributes
    ----------
    target : int
    player : int
    concept : str
    changes : tuple of RankingChange
        Smallest first (see :func:`inverse_preferences`).
    exhaustive : bool
        Whether every ranking was tried (else: single-state moves only).
    """

    target: int
    player: int
    concept: str
    changes: tuple[RankingChange, ...]
    exhaustive: bool


def parse_state(model: GraphModel, strategies: Sequence[Sequence[str]], spec: str) -> int:
    """The state named by ``spec``, one strategy per player separated by commas.

    Raises
    ------
    GameValueError
        For the wrong number of names or an unknown strategy (with a did-you-mean hint).

    Examples
    --------
    >>> from gametheory import Game
    >>> from gametheory.ordinal.graph import graph_model
    >>> g = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
    ...                      strategies=(("a", "b"), ("x", "y")))
    >>> parse_state(graph_model(g), g.strategies, "b, x")
    2
    >>> parse_state(graph_model(g), g.strategies, "b,z")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: --target: Column has no strategy 'z' (expected one of 'x', 'y')
    """  # noqa: E501
    names = [part.strip() for part in spec.split(",")]
    if len(names) != len(model.players):
        raise GameValueError(
            f"name one strategy for each of the {len(model.players)} players "
            f"({', '.join(model.players)}), separated by commas; got {len(names)}",
            key="--target",
        )
    profile = []
    for player, labels, name in zip(model.players, strategies, names, strict=True):
        if name not in labels:
            raise GameValueError(
                f"{player} has no strategy {name!r}", key="--target",
                hint=did_you_mean(name, labels),
            )
        profile.append(list(labels).index(name))
    return list(model.profiles).index(tuple(profile))


def _sign(a: int, b: int) -> int:
    return (a > b) - (a < b)


def _changed(old: Sequence[int], new: Sequence[int]) -> tuple[tuple[int, int], ...]:
    n = len(old)
    return tuple(
        (s, t)
        for s in range(n)
        for t in range(s + 1, n)
        if _sign(old[s], old[t]) != _sign(new[s], new[t])
    )


def _dense(levels: Sequence[int]) -> tuple[int, ...]:
    order = {v: k + 1 for k, v in enumerate(sorted(set(levels)))}
    return tuple(order[v] for v in levels)


def _weak_orders(n: int) -> Iterator[tuple[int, ...]]:
    """Every ranking of n states with ties (ordered set partitions), as dense ranks."""
    def assign(k: int, levels: list[int]) -> Iterator[tuple[int, ...]]:
        if k == n:
            used = sorted(set(levels))
            if used == list(range(len(used))):
                yield tuple(v + 1 for v in levels)
            return
        for v in range(n):
            levels.append(v)
            yield from assign(k + 1, levels)
            levels.pop()

    yield from assign(0, [])


def _single_moves(ranks: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Rankings with one state moved into another tie class or between two classes."""
    doubled = [2 * r for r in ranks]
    top = max(doubled)
    for s in range(len(ranks)):
        for level in range(1, top + 2):
            if level == doubled[s]:
                continue
            moved = list(doubled)
            moved[s] = level
            yield _dense(moved)


def inverse_preferences(
    model: GraphModel, target: int, player: int, concept: str = "nash", limit: int = 10
) -> tuple[RankingChange, ...]:
    """The smallest changes of one player's ranking that make ``target`` an equilibrium.

    Parameters
    ----------
    model : GraphModel
    target : int
        The state to make stable for every player.
    player : int
        The player whose ranking may change.
    concept : str
        One of :data:`~.gmcr.CONCEPTS`.
    limit : int
        Return at most this many changes.

    Returns
    -------
    tuple of RankingChange
        Sorted by size, then by ranking; empty if no searched ranking works. If the target is
        already an equilibrium, the single change of size 0 (the ranking as it is).

    Raises
    ------
    ValueError
        For an unknown concept, state or player.
    """
    if concept not in CONCEPTS:
        raise ValueError(f"unknown stability concept {concept!r}; expected one of {CONCEPTS}")
    if not 0 <= target < model.n_states or not 0 <= player < len(model.players):
        raise ValueError("no such state or player")
    old = model.ranks[player]
    base = _dense(old)
    if model.n_states <= EXHAUSTIVE_STATES:
        candidates = set(_weak_orders(model.n_states))
    else:
        candidates = {base, *_single_moves(base)}
    found = []
    for ranks in candidates:
        trial = model.with_ranks(player, ranks)
        if all(is_stable(trial, target, i, concept) for i in range(len(model.players))):
            pairs = _changed(old, ranks)
            found.append(RankingChange(player, ranks, len(pairs), pairs))
    found.sort(key=lambda c: (c.size, tuple(-r for r in c.ranks)))
    return tuple(found[:limit])
