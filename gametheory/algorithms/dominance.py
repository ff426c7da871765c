"""Dominated strategies and iterated elimination, by pure and by mixed strategies, exactly.

Definitions
-----------
A strategy :math:`\\sigma_i` of player :math:`i` (pure or mixed) *strictly dominates* the pure
strategy :math:`s_i` when :math:`u_i(\\sigma_i, s_{-i}) > u_i(s_i, s_{-i})` for every pure profile
:math:`s_{-i}` of the others, and *weakly dominates* it when :math:`\\ge` holds everywhere and
:math:`>` somewhere. (Against pure profiles is enough: the payoff is linear in each opponent's
mixed strategy.) A strategy strictly dominated by a mixed strategy is never a best response,
so removing it changes no Nash equilibrium; removing a weakly dominated strategy may lose
equilibria, and the result of iterated weak elimination depends on the order.

Method
------
Pure dominance is a direct exact comparison. Mixed dominance is a linear program over the
player's other strategies against all the others' pure profiles. For strict dominance it is a
matrix game: :math:`s_i` is strictly dominated exactly when the zero-sum game with payoffs
:math:`u_i(t_i, s_{-i}) - u_i(s_i, s_{-i})` (rows :math:`t_i \\ne s_i`, columns :math:`s_{-i}`)
has a positive value; its exact value and optimal row strategy (the dominating mixture) come
from :func:`.zero_sum.solve_matrix_game`, which certifies them exactly. For weak dominance, when
that value is 0, a second LP maximises the total margin; its solution is made exact and
verified. Every dominance reported has been verified in rational arithmetic; works for any
number of players.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

from ..game import Game
from ._exact_lp import exact_vertex
from .zero_sum import ZeroSumSolution, solve_matrix_game

__all__ = [
    "Dominance",
    "Elimination",
    "EliminationStep",
    "dominated_strategies",
    "iterated_elimination",
]


@dataclass(frozen=True)
class Dominance:
    """A pure strategy and a (pure or mixed) strategy that dominates it, verified exactly.

    Attributes
    ----------
    player : str
    strategy : str
        The label of the dominated strategy.
    by : tuple of Fraction
        The dominating strategy: probabilities over the player's strategies in the game in
        which the dominance holds (0 on the dominated strategy).
    by_labels : tuple of str
        The labels of the strategies in the support of ``by``.
    strict : bool
        True for strict dominance, False for weak (but not strict) dominance.
    """

    player: str
    strategy: str
    by: tuple[Fraction, ...]
    by_labels: tuple[str, ...]
    strict: bool

    @property
    def is_pure(self) -> bool:
        """True if the dominating strategy is pure."""
        return len(self.by_labels) == 1


@dataclass(frozen=True)
class EliminationStep:
    """One deletion of iterated elimination.

    Attributes
    ----------
    round : int
        The round (1, 2, ...) in which the strategy was deleted.
    player : str
    strategy : str
        The label of the deleted strategy.
    dominance : Dominance
        Why: the dominating strategy, over the player's strategies remaining at that moment.
    """

    round: int
    player: str
    strategy: str
    dominance: Dominance


@dataclass(frozen=True)
class Elimination:
    """The result of iterated elimination of dominated strategies.

    Attributes
    ----------
    steps : tuple of EliminationStep
        The deletions, in order.
    game : Game
        The reduced game: the strategies that survive, with their original labels.
    """

    steps: tuple[EliminationStep, ...]
    game: Game


def _own_rows(game: Game, player: int) -> np.ndarray:
    """Player's payoffs: one row per own strategy, one column per pure profile of the others."""
    payoffs = game.payoffs[player]
    return np.moveaxis(payoffs, player, 0).reshape(payoffs.shape[player], -1)


def _margins(rows: np.ndarray, s: int, sigma: tuple[Fraction, ...]) -> list[Fraction]:
    """u(sigma, c) - u(s, c) for every column c, exactly."""
    return [
        sum((p * v for p, v in zip(sigma, column, strict=True) if p), Fraction(0)) - column[s]
        for column in rows.T
    ]


def _verified(rows: np.ndarray, s: int, sigma: tuple[Fraction, ...], strict: bool) -> bool | None:
    """Whether sigma dominates s strictly (True), weakly only (False) or not at all (None)."""
    if sigma[s] != 0 or any(p < 0 for p in sigma) or sum(sigma) != 1:
        return None
    margins = _margins(rows, s, sigma)
    if all(m > 0 for m in margins):
        return True
    if not strict and all(m >= 0 for m in margins) and any(m > 0 for m in margins):
        return False
    return None


def _embed(values: tuple[Fraction, ...], others: list[int], size: int) -> tuple[Fraction, ...]:
    full = [Fraction(0)] * size
    for k, p in zip(others, values, strict=True):
        full[k] = p
    return tuple(full)


def _pure_dominators(rows: np.ndarray, s: int, strict: bool) -> tuple[Fraction, ...] | None:
    size = rows.shape[0]
    for t in range(size):
        if t == s:
            continue
        sigma = tuple(Fraction(int(k == t)) for k in range(size))
        result = _verified(rows, s, sigma, strict)
        if result is not None and (result or not strict):
            return sigma
    return None


def _mixed_dominator(
    rows: np.ndarray, s: int, strict: bool
) -> tuple[Fraction, ...] | None:
    """A verified dominating mixture, or None. For strict=False, weak dominance suffices."""
    size = rows.shape[0]
    others = [t for t in range(size) if t != s]
    if not others:
        return None
    differences = rows[others] - rows[s]
    if _cannot_dominate(differences, strict):
        return None
    game_value = _matrix_game(differences)
    if game_value.value > 0:
        sigma = _embed(game_value.row_strategy, others, size)
        return sigma if _verified(rows, s, sigma, True) else None
    if strict or game_value.value < 0:
        return None
    # Value 0: some mixture never does worse. Maximise its total margin over the columns:
    # variables sigma over `others`; constraints margin_c >= 0, sigma >= 0, sum(sigma) = 1.
    k = len(others)
    one, zero = Fraction(1), Fraction(0)
    columns = differences.T
    a_ub = [[-v for v in column] for column in columns]
    a_ub += [[-one if j == i else zero for j in range(k)] for i in range(k)]
    b_ub = [zero] * (len(columns) + k)
    c = [-sum(differences[i], zero) for i in range(k)]
    vertex = exact_vertex(c, a_ub, b_ub, [[one] * k], [one])
    if vertex is None:
        return None
    sigma = _embed(vertex, others, size)
    return sigma if _verified(rows, s, sigma, False) is not None else None


def _cannot_dominate(differences: np.ndarray, strict: bool) -> bool:
    """True when no mixture of the other strategies can dominate (exact, without an LP).

    No mixture does better in a column where no strategy does (strictly, for strict
    dominance): the value of the matrix game of the differences is then <= 0 (< 0), and
    :func:`_mixed_dominator` would return None after solving it.
    """
    best = differences.max(axis=0)
    return any(v <= 0 for v in best) if strict else any(v < 0 for v in best)


def _matrix_game(differences: np.ndarray) -> ZeroSumSolution:
    """:func:`solve_matrix_game`, remembered: weak elimination asks again what strict asked."""
    key = (differences.shape, tuple(differences.reshape(-1).tolist()))
    return _solved_matrix_game(key)


@lru_cache(maxsize=512)
def _solved_matrix_game(key: tuple[tuple[int, ...], tuple[Fraction, ...]]) -> ZeroSumSolution:
    shape, values = key
    return solve_matrix_game(np.array(values, dtype=object).reshape(shape))


def _dominance(
    game: Game, player: int, rows: np.ndarray, s: int, strict: bool, mixed: bool
) -> Dominance | None:
    # Report the strongest statement found: strict dominance if any (by a pure strategy if
    # possible), else weak dominance (again pure first).
    attempts = [(True, False), (True, True)] if mixed else [(True, False)]
    if not strict:
        attempts += [(False, False), (False, True)] if mixed else [(False, False)]
    for want_strict, use_mixed in attempts:
        if use_mixed:
            sigma = _mixed_dominator(rows, s, want_strict)
        else:
            sigma = _pure_dominators(rows, s, want_strict)
        if sigma is not None:
            labels = game.strategies[player]
            return Dominance(
                player=game.players[player],
                strategy=labels[s],
                by=sigma,
                by_labels=tuple(label for label, p in zip(labels, sigma, strict=True) if p),
                strict=bool(_verified(rows, s, sigma, False)),
            )
    return None


def dominated_strategies(
    game: Game, player: str | int, strict: bool = True, mixed: bool = True
) -> tuple[Dominance, ...]:
    """A player's dominated strategies in a game, each with a verified dominating strategy.

    Parameters
    ----------
    game : Game
        A game with any number of players.
    player : str or int
        The player's name or index.
    strict : bool, optional
        True (default) for strict dominance only; False for weak dominance (strictly dominated
        strategies are then reported too, with ``strict=True`` in their record).
    mixed : bool, optional
        True (default) to allow dominating mixed strategies; False for pure ones only.

    Returns
    -------
    tuple of Dominance
        In the order of the player's strategies. For each dominated strategy the strongest
        statement found is given: strict dominance if it holds (by a pure strategy when one
        dominates, else by the mixture maximising the smallest margin), else weak dominance.

    Raises
    ------
    GameValueError
        For an unknown player.

    Examples
    --------
    The third row is strictly dominated by no pure strategy, but by (1/2, 1/2, 0):

    >>> g = Game.from_arrays([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]],
    ...                      strategies=(("T", "M", "B"), ("L", "R")))
    >>> dominated_strategies(g, "Row", mixed=False)
    ()
    >>> d, = dominated_strategies(g, "Row")
    >>> d.strategy, d.by, d.by_labels, d.strict
    ('B', (Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)), ('T', 'M'), True)
    """
    i = game.player_index(player)
    rows = _own_rows(game, i)
    found = (_dominance(game, i, rows, s, strict, mixed) for s in range(rows.shape[0]))
    return tuple(d for d in found if d is not None)


def iterated_elimination(game: Game, strict: bool = True, mixed: bool = True) -> Elimination:
    """Iterated elimination of dominated strategies, recording every deletion.

    Convention (it matters for weak dominance only): deletions are made one at a time. A round
    takes the players in order; for each player it deletes the first of its strategies (in the
    current order) that is dominated in the current game, and repeats until none of that
    player's strategies is dominated, before passing to the next player. Rounds repeat until a
    round deletes nothing. For strict dominance the reduced game does not depend on the order
    (Gilboa, Kalai and Zemel, 1990).

    Parameters
    ----------
    game : Game
        A game with any number of players.
    strict : bool, optional
        True (default) for strict dominance, False for weak dominance.
    mixed : bool, optional
        True (default) to allow dominating mixed strategies.

    Returns
    -------
    Elimination
        The steps and the reduced game.

    References
    ----------
    M. J. Osborne and A. Rubinstein (1994), *A Course in Game Theory*, section 2.9 and 4.2;
    I. Gilboa, E. Kalai and E. Zemel (1990), On the order of eliminating dominated strategies,
    *Operations Research Letters* 9, 85-89.

    Examples
    --------
    Gibbons (1992), figure 1.1.1 and the text after it: "Right" is strictly dominated by
    "Middle"; then "Down" by "Up"; then "Left" by "Middle".

    >>> g = Game.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...                      strategies=(("Up", "Down"), ("Left", "Middle", "Right")))
    >>> result = iterated_elimination(g)
    >>> [(s.round, s.player, s.strategy, s.dominance.by_labels) for s in result.steps]
    [(1, 'Column', 'Right', ('Middle',)), (2, 'Row', 'Down', ('Up',)), (2, 'Column', 'Left', ('Middle',))]
    >>> result.game.strategies
    (('Up',), ('Middle',))
    """  # noqa: E501
    steps: list[EliminationStep] = []
    current = game
    round_number = 0
    while True:
        round_number += 1
        deleted = False
        for i in range(current.n_players):
            while True:
                rows = _own_rows(current, i)
                dominance = next(
                    (
                        d
                        for s in range(rows.shape[0])
                        if (d := _dominance(current, i, rows, s, strict, mixed)) is not None
                    ),
                    None,
                )
                if dominance is None:
                    break
                steps.append(
                    EliminationStep(round_number, current.players[i], dominance.strategy, dominance)
                )
                removed = current.strategies[i].index(dominance.strategy)
                keep = [list(range(n)) for n in current.shape]
                keep[i].remove(removed)
                current = current.restricted(keep)
                deleted = True
        if not deleted:
            return Elimination(steps=tuple(steps), game=current)
