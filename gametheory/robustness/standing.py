"""How often one pure strategy is a best reply, or played in equilibrium, over the parameters.

The standing of a strategy (:mod:`gametheory.algorithms.standing`) at one parameter value,
counted over parameter values drawn from the model's declared distributions. Every draw is
evaluated exactly: the drawn floating-point numbers are read as the exact rationals they are
(``Fraction(float)``), the payoffs evaluated in Fractions, and the best replies and pure
equilibria decided exactly; with ``equilibria=True`` every draw is also solved with the exact
solver (slow for large games: about a second per 8x8 game). The draws come from
``numpy.random.default_rng(seed)``: the same seed gives the same counts.

Examples
--------
>>> from gametheory.models import load_model
>>> s = standing_over_parameters(load_model("us-russia-2x2"), "Russia", "hard_demand",
...                              samples=50, seed=1)
>>> s.samples, s.best_reply_counts["concede"] <= 50
(50, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["StandingShares", "standing_over_parameters"]


@dataclass(frozen=True)
class StandingShares:
    """Counts over the draws (divide by ``samples`` for shares).

    Attributes
    ----------
    player, strategy : str
    samples, seed : int
    distributions : tuple of (str, str)
        Each drawn parameter and its distribution.
    best_reply_counts : dict of str to int
        Per pure strategy of the other player: in how many draws ``strategy`` is a best reply
        to it.
    only_best_reply_counts : dict of str to int
        Likewise, the unique best reply.
    pure_equilibrium_count : int
        Draws in which ``strategy`` is part of a pure equilibrium.
    equilibrium_count : int or None
        Draws in which some equilibrium plays it (``equilibria=True`` only).
    only_equilibrium_count : int or None
        Draws in which every equilibrium plays it (``equilibria=True`` only).
    """

    player: str
    strategy: str
    samples: int
    seed: int
    distributions: tuple[tuple[str, str], ...]
    best_reply_counts: dict[str, int]
    only_best_reply_counts: dict[str, int]
    pure_equilibrium_count: int
    equilibrium_count: int | None = None
    only_equilibrium_count: int | None = None


def standing_over_parameters(model: Any, player: str, strategy: str, *, samples: int,
                             seed: int, equilibria: bool = False) -> StandingShares:
    """Count, over parameter draws, where ``strategy`` is a best reply and played in equilibrium.

    Parameters
    ----------
    model : Model
        A two-player model whose ``[distributions]`` declare the parameters to draw (every
        parameter with a range is drawn uniformly on it if none is declared).
    player, strategy : str
    samples, seed : int
        A positive number of draws and a non-negative seed.
    equilibria : bool
        Also solve every draw exactly and count the draws in which some (every) equilibrium
        plays the strategy.

    Returns
    -------
    StandingShares

    Raises
    ------
    ModelError
        For an unknown distribution or a model without parameters to draw.
    GameValueError
        For a bad sample count or seed, or a game without two players.
    """
    import numpy as np

    from ..algorithms.pure import pure_equilibria
    from ..algorithms.standing import strategy_standing
    from ..errors import GameValueError, ModelError
    from ..models.distributions import parse_distribution

    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise GameValueError(f"samples must be a positive integer, got {samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise GameValueError(f"seed must be a non-negative integer, got {seed!r}")
    declared = dict(model.judgements.distributions) if model.judgements else {}
    if not declared:
        declared = {n: "uniform" for n, p in model.parameters.items()
                    if p.low is not None and p.high is not None and p.low < p.high}
    if not declared:
        raise ModelError(f"{model.name}: no parameter to draw")
    dists = []
    for name, text in declared.items():
        p = model.parameters[name]
        dists.append((name, *parse_distribution(text, p.low, p.high, where=name)))
    rng = np.random.default_rng(seed)
    i = model.player_index(player)
    other = model.players[1 - i].ids
    best = dict.fromkeys(other, 0)
    only = dict.fromkeys(other, 0)
    pure = some = every = 0
    for _ in range(samples):
        values = {}
        for name, kind, args in dists:
            draw = rng.uniform(*args) if kind == "uniform" else rng.triangular(*args)
            values[name] = Fraction(float(draw))
        game = model.game(values)
        result = None
        if equilibria:
            from ..solve import solve

            result = solve(game)
        else:
            result = _NoEquilibria()
        s = strategy_standing(game, player, strategy, result=result)
        for t in s.best_reply_to:
            best[t] += 1
        for t in s.only_best_reply_to:
            only[t] += 1
        k = game.strategy_index(i, strategy)
        pure += any(eq.profile[i][k] == 1 for eq in pure_equilibria(game).equilibria)
        if equilibria:
            some += bool(s.in_equilibria)
            every += len(s.in_equilibria) == s.equilibria
    shown = tuple((name, declared[name]) for name, *_ in dists)
    return StandingShares(
        model.players[i].name, strategy, samples, seed, shown, best, only, pure,
        some if equilibria else None, every if equilibria else None,
    )


class _NoEquilibria:
    equilibria: tuple = ()
