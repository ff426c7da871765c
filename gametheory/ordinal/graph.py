"""The graph model of a conflict: states, each player's moves between them, ordinal preferences.

Definitions (Fang, Hipel and Kilgour 1993, *Interactive Decision Making: The Graph Model for
Conflict Resolution*, Wiley, ch. 2-3; Kilgour and Hipel 2005, "The graph model for conflict
resolution: past, present, and future", *Group Decision and Negotiation* 14, 441-460)
--------------------------------------------------------------------------------------
A *graph model* has players :math:`N`, a finite set of states :math:`S`, for each player
:math:`i` a directed graph on :math:`S` whose arcs are the moves :math:`i` can make alone
(:math:`R_i(s)` is the set of states :math:`i` reaches from :math:`s` in one move), and for
each player a weak order :math:`\\succeq_i` on :math:`S` (ranks, higher is better; ties are
allowed). :math:`R_i^+(s) = \\{t \\in R_i(s) : t \\succ_i s\\}` are :math:`i`'s unilateral
improvements.

A coalition :math:`H` reaches :math:`R_H(s)`: the states at the end of a sequence of one or
more moves by members of :math:`H` in which no member moves twice in succession;
:math:`R_H^+(s)` is the same with every move a unilateral improvement for the member making
it.

A matrix game gives a graph model (:func:`graph_model`): the states are its pure profiles, a
player moves by changing its own strategy (to any other), and the ranks order each player's
payoffs (equal payoffs, equal ranks).

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]])
>>> model = graph_model(pd)
>>> model.labels
('1, 1', '1, 2', '2, 1', '2, 2')
>>> sorted(model.moves[0][0]), model.ranks[1]
([2], (3, 4, 1, 2))
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import GameValueError

__all__ = ["GraphModel", "graph_model", "payoff_ranks"]

#: Coalition reachability by matrix closure up to this many (state, mover) nodes; beyond, search.
_CLOSURE_NODES = 2048


@dataclass(frozen=True)
class GraphModel:
    """A graph model: players, states, unilateral moves and ordinal preferences.

    Attributes
    ----------
    players : tuple of str
    labels : tuple of str
        One label per state (for a matrix game, its strategies joined by ``", "``).
    moves : tuple of tuple of frozenset of int
        ``moves[i][s]``: the states player ``i`` reaches from state ``s`` in one move.
    ranks : tuple of tuple of int
        ``ranks[i][s]``: player ``i``'s rank of state ``s`` (higher is better; ties allowed).
    profiles : tuple of tuple of int
        For a model built from a matrix game, each state's pure profile (strategy indices);
        else empty.

    Raises
    ------
    GameValueError
        When the sizes disagree, a move leaves the states or a state moves to itself.
    """

    players: tuple[str, ...]
    labels: tuple[str, ...]
    moves: tuple[tuple[frozenset[int], ...], ...]
    ranks: tuple[tuple[int, ...], ...]
    profiles: tuple[tuple[int, ...], ...] = ()
    # Reachable sets, computed once each (the model is immutable).
    _reach: dict[tuple[object, ...], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        n = len(self.labels)
        if len(self.moves) != len(self.players) or len(self.ranks) != len(self.players):
            raise GameValueError("one move graph and one ranking per player", key="players")
        for name, moves, ranks in zip(self.players, self.moves, self.ranks, strict=True):
            if len(moves) != n or len(ranks) != n:
                raise GameValueError(f"expected {n} states", key=f"players.{name}")
            for s, targets in enumerate(moves):
                if any(not 0 <= t < n or t == s for t in targets):
                    raise GameValueError(
                        f"a move from state {self.labels[s]!r} must go to another state",
                        key=f"moves.{name}",
                    )

    @property
    def n_states(self) -> int:
        return len(self.labels)

    def with_ranks(self, player: int, ranks: Sequence[int]) -> GraphModel:
        """The same model with player ``player``'s ranks replaced."""
        new = list(self.ranks)
        new[player] = tuple(int(r) for r in ranks)
        return GraphModel(self.players, self.labels, self.moves, tuple(new), self.profiles)

    def reachable(
        self, coalition: Sequence[int], state: int, improving: bool = False,
        single: bool = False,
    ) -> set[int]:
        """:math:`R_H(s)`, or :math:`R_H^+(s)` with ``improving``: states a coalition reaches.

        Sequences of one or more moves by members of ``coalition``, no member moving twice in
        succession (Fang, Hipel and Kilgour 1993, section 3.2); with ``improving`` each move
        must be a unilateral improvement for its mover. With ``single``, one move by one
        member only (see :mod:`.gmcr`).
        """
        members = tuple(coalition)
        # Pairs by matrix closure (faster for many states); larger coalitions by search.
        if not single and len(members) == 2 and 2 * self.n_states <= _CLOSURE_NODES:
            return set(self._closure(members, improving)[state])
        key = (members, state, improving, single)
        if key in self._reach:
            return set(self._reach[key])  # type: ignore[arg-type]
        seen: set[tuple[int, int]] = set()
        frontier = [(state, -1)]
        found: set[int] = set()
        while frontier:
            s, last = frontier.pop()
            for i in members:
                if i == last:
                    continue
                for t in self.moves[i][s]:
                    if improving and self.ranks[i][t] <= self.ranks[i][s]:
                        continue
                    found.add(t)
                    if not single and (t, i) not in seen:
                        seen.add((t, i))
                        frontier.append((t, i))
        self._reach[key] = frozenset(found)
        return found

    def _closure(self, members: tuple[int, ...], improving: bool) -> tuple[frozenset[int], ...]:
        """:math:`R_H(s)` for every state at once, by the transitive closure of the graph
        whose nodes are (state, last mover) (boolean matrix products, exact)."""
        import numpy as np

        key = ("closure", members, improving)
        if key in self._reach:
            return self._reach[key]  # type: ignore[return-value]
        n, k = self.n_states, len(members)
        step = np.zeros((n * k, n * k), dtype=bool)
        start = np.zeros((n, n * k), dtype=bool)
        for m, i in enumerate(members):
            for s in range(n):
                for t in self.moves[i][s]:
                    if improving and self.ranks[i][t] <= self.ranks[i][s]:
                        continue
                    start[s, t * k + m] = True
                    for last in range(k):
                        if last != m:
                            step[s * k + last, t * k + m] = True
        closure = step | np.eye(n * k, dtype=bool)
        while True:
            # Counts stay below n * k <= _CLOSURE_NODES, exact in float64.
            wider = (closure.astype(float) @ closure.astype(float)) > 0
            if (wider == closure).all():
                break
            closure = wider
        nodes = (start.astype(float) @ closure.astype(float)) > 0
        states = nodes.reshape(n, n, k).any(axis=2)
        result = tuple(frozenset(np.flatnonzero(row).tolist()) for row in states)
        self._reach[key] = result  # type: ignore[assignment]
        return result


def payoff_ranks(values: Sequence[object]) -> tuple[int, ...]:
    """Dense ranks of values, 1 for the lowest (equal values, equal ranks).

    Examples
    --------
    >>> payoff_ranks([5, -1, 5, 2])
    (3, 1, 3, 2)
    """
    distinct = sorted(set(values))  # type: ignore[type-var]
    position = {v: k + 1 for k, v in enumerate(distinct)}
    return tuple(position[v] for v in values)


def graph_model(game: object) -> GraphModel:
    """The graph model of a finite matrix game (any number of players).

    Parameters
    ----------
    game : Game
        Its payoffs are read as ordinal preferences only.

    Returns
    -------
    GraphModel
        States are the pure profiles in lexicographic order; player ``i`` moves from a
        profile to every profile that differs from it in ``i``'s strategy only.
    """
    profiles = tuple(game.pure_profiles())  # type: ignore[attr-defined]
    index = {p: k for k, p in enumerate(profiles)}
    moves = []
    for i, count in enumerate(game.shape):  # type: ignore[attr-defined]
        moves.append(
            tuple(
                frozenset(index[(*p[:i], j, *p[i + 1:])] for j in range(count) if j != p[i])
                for p in profiles
            )
        )
    ranks = tuple(
        payoff_ranks([array[p] for p in profiles])
        for array in game.payoffs  # type: ignore[attr-defined]
    )
    labels = tuple(
        ", ".join(game.strategies[i][j] for i, j in enumerate(p))  # type: ignore[attr-defined]
        for p in profiles
    )
    return GraphModel(tuple(game.players), labels, tuple(moves), ranks, profiles)  # type: ignore[attr-defined]


def _others(model: GraphModel, i: int) -> tuple[int, ...]:
    return tuple(j for j in range(len(model.players)) if j != i)


def _pairs(n: int) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(n), 2))
