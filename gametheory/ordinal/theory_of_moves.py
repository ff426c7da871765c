"""Theory of Moves: non-myopic equilibria of strict ordinal 2x2 games (Brams 1994).

Rules of play implemented (Brams 1994, *Theory of Moves*, Cambridge University Press,
ch. 1, rules 1-6; restated in Brams and Ismail 2022, "Every normal-form game has a
Pareto-optimal nonmyopic equilibrium", *Theory and Decision* 92, 349-362, section 2):

1. Play starts at an outcome, the *initial state*.
2. Either player can switch its strategy, moving play to a new state.
3. The players alternate in responding to moves.
4. Play stops when the player whose turn it is chooses not to move; that state is the
   *final state*, the outcome.
5. A player does not move from the initial state if this leads to a final state it does not
   prefer, or returns play to the initial state: after four moves play is back where it
   started, so the move-countermove tree has four moves at most.
6. Each player looks ahead by backward induction on that tree. At the last node the player
   to move compares staying with returning to the initial state; working back, each player
   compares staying with the *survivor* of the node below (what play would end at).
   If one player would move from the initial state and the other would not, the mover's
   move takes precedence (*two-sidedness*).

A state is a *non-myopic equilibrium* (NME) when neither player would move from it. When
both players would move from the initial state, the outcome depends on who moves first;
Brams's *order power* (ch. 4) settles it: the player with order power chooses who moves
first, and chooses the final state it prefers. That case is reported with both outcomes.
Brams's moving power (ch. 4) and threat power (ch. 5), which concern cyclic and repeated
play, are not implemented: their rules could not be checked against the book's text, and no
published table of their outcomes was found to test against (docs/ordinal.md).

Ranks: higher is better; payoffs are read as ranks (each player's four payoffs must differ).

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]],
...                       strategies=(("C", "D"), ("C", "D")))
>>> [state_label(pd, s) for s in theory_of_moves(pd).nonmyopic_equilibria]
['C, C', 'D, D']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import GameValueError
from .graph import payoff_ranks

__all__ = ["Induction", "MovesResult", "StartResult", "state_label", "theory_of_moves"]

State = tuple[int, int]


def state_label(game: object, state: State) -> str:
    """A state's strategy labels joined by ``", "``."""
    return ", ".join(game.strategies[i][j] for i, j in enumerate(state))  # type: ignore[attr-defined]


def _switch(state: State, player: int) -> State:
    flipped = list(state)
    flipped[player] = 1 - flipped[player]
    return (flipped[0], flipped[1])


@dataclass(frozen=True)
class Induction:
    """Backward induction from one initial state with one player moving first.

    Attributes
    ----------
    first : int
        The player (0 row, 1 column) who may move first.
    path : tuple of State
        The states of the tree, initial state first (five: the fifth is the initial state).
    survivors : tuple of State
        ``survivors[k]``: where play ends if it reaches ``path[k]`` (k = 0..3).
    moves : bool
        Whether ``first`` moves from the initial state.
    played : tuple of State
        The states play visits, initial state first, final state last.
    """

    first: int
    path: tuple[State, ...]
    survivors: tuple[State, ...]
    moves: bool
    played: tuple[State, ...]

    @property
    def outcome(self) -> State:
        return self.played[-1]


@dataclass(frozen=True)
class StartResult:
    """What Theory of Moves predicts from one initial state.

    Attributes
    ----------
    start : State
    row_first, column_first : Induction
        Backward induction with each player moving first.
    outcome : State or None
        The final state: the initial state if neither moves, the mover's final state if one
        moves; ``None`` if both would move (it depends on who moves first).
    mover : int or None
        The player whose move decides the outcome (``None`` if neither or both move).
    """

    start: State
    row_first: Induction
    column_first: Induction
    outcome: State | None
    mover: int | None

    @property
    def both_move(self) -> bool:
        return self.row_first.moves and self.column_first.moves

    def with_order_power(self, player: int, ranks: tuple[tuple[int, ...], ...]) -> State:
        """The outcome when ``player`` has order power (Brams 1994, ch. 4)."""
        if not self.both_move:
            return self.outcome  # type: ignore[return-value]
        a, b = self.row_first.outcome, self.column_first.outcome
        return a if _rank(ranks, player, a) >= _rank(ranks, player, b) else b


@dataclass(frozen=True)
class MovesResult:
    """Theory of Moves from every initial state of a strict ordinal 2x2 game.

    Attributes
    ----------
    game : Game
    ranks : tuple of tuple of int
        Each player's ranks of the states (0,0), (0,1), (1,0), (1,1), 4 = best.
    starts : tuple of StartResult
        One per initial state, in that order.
    """

    game: object
    ranks: tuple[tuple[int, ...], ...]
    starts: tuple[StartResult, ...]

    @property
    def nonmyopic_equilibria(self) -> tuple[State, ...]:
        """The states from which neither player moves."""
        return tuple(
            r.start for r in self.starts if not r.row_first.moves and not r.column_first.moves
        )


def _rank(ranks: tuple[tuple[int, ...], ...], player: int, state: State) -> int:
    return ranks[player][2 * state[0] + state[1]]


def _induction(ranks: tuple[tuple[int, ...], ...], start: State, first: int) -> Induction:
    path = [start]
    mover = first
    for _ in range(4):
        path.append(_switch(path[-1], mover))
        mover = 1 - mover
    deciders = [first, 1 - first, first, 1 - first]
    survivors: list[State] = [start] * 4
    below = path[4]
    for k in (3, 2, 1, 0):
        # The player at node k moves only if where play would end is strictly better.
        if _rank(ranks, deciders[k], below) > _rank(ranks, deciders[k], path[k]):
            survivors[k] = below
        else:
            survivors[k] = path[k]
        below = survivors[k]
    moves = survivors[0] != start
    played = [start]
    if moves:
        for k in range(4):
            if survivors[k] == path[k]:
                break
            played.append(path[k + 1])
    return Induction(first, tuple(path), tuple(survivors), moves, tuple(played))


def theory_of_moves(game: object) -> MovesResult:
    """Theory of Moves outcomes from every initial state of a strict ordinal 2x2 game.

    Parameters
    ----------
    game : Game
        A two-player 2x2 game; each player's four payoffs must differ (they are read as
        ranks).

    Returns
    -------
    MovesResult

    Raises
    ------
    GameValueError
        If the game is not 2x2 or a player's payoffs tie.

    References
    ----------
    Brams (1994), ch. 1 (rules of play, backward induction, non-myopic equilibria) and ch. 4
    (order power).
    """
    if tuple(game.shape) != (2, 2):  # type: ignore[attr-defined]
        raise GameValueError("Theory of Moves needs a two-player 2x2 game", key="game")
    ranks = []
    for name, array in zip(game.players, game.payoffs, strict=True):  # type: ignore[attr-defined]
        flat = payoff_ranks([array[i, j] for i in (0, 1) for j in (0, 1)])
        if len(set(flat)) != 4:
            raise GameValueError(
                "Theory of Moves needs strict preferences: two outcomes tie", key=name
            )
        ranks.append(flat)
    table = tuple(ranks)
    starts = []
    for start in ((0, 0), (0, 1), (1, 0), (1, 1)):
        row = _induction(table, start, 0)
        column = _induction(table, start, 1)
        if row.moves and column.moves:
            outcome, mover = None, None
        elif row.moves:
            outcome, mover = row.outcome, 0
        elif column.moves:
            outcome, mover = column.outcome, 1
        else:
            outcome, mover = start, None
        starts.append(StartResult(start, row, column, outcome, mover))
    return MovesResult(game, table, tuple(starts))
