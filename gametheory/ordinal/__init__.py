"""Ordinal lenses on a game: the 2x2 topology, Theory of Moves, graph-model stability.

Conflict analysts often have ranks, not utilities. Three schools read a game through ranks
only, and this package computes each, exactly (integer comparisons only):

- :mod:`.topology`: where a 2x2 game lies among the 144 strict ordinal games (Robinson and
  Goforth 2005), with its name where it has one;
- :mod:`.theory_of_moves`: Brams's (1994) non-myopic equilibria from each initial state;
- :mod:`.gmcr`: Nash, general metarational, symmetric metarational and sequential stability
  of every state for every player in the graph model (Fang, Hipel and Kilgour 1993), with
  coalitions of two, and :mod:`.inverse` for the rankings that would make a state stable.

:func:`ordinal_analysis` gathers the three for one game (the classification and Theory of
Moves only for 2x2 games with strict preferences). Payoffs are read as ranks: only their order
for each player matters, so every result is invariant under strictly increasing transforms
of a player's payoffs.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]],
...                       strategies=(("C", "D"), ("C", "D")))
>>> a = ordinal_analysis(pd)
>>> a.classification.name, a.stability.equilibria["smr"]
("prisoner's dilemma", (0, 3))
"""

from __future__ import annotations

from dataclasses import dataclass

from .gmcr import CONCEPTS, StabilityResult, StateStability, is_stable, stability
from .graph_model import GraphModel, graph_model, payoff_ranks
from .inverse import RankingChange, inverse_preferences
from .theory_of_moves import MovesResult, StartResult, theory_of_moves
from .topology import Classification, classify, classify_ranks, strict_refinements

__all__ = [
    "CONCEPTS",
    "Classification",
    "GraphModel",
    "MovesResult",
    "OrdinalAnalysis",
    "RankingChange",
    "StabilityResult",
    "StartResult",
    "StateStability",
    "classify",
    "classify_ranks",
    "graph_model",
    "inverse_preferences",
    "is_stable",
    "ordinal_analysis",
    "payoff_ranks",
    "stability",
    "strict_refinements",
    "theory_of_moves",
]


@dataclass(frozen=True)
class OrdinalAnalysis:
    """The three ordinal lenses on one game.

    Attributes
    ----------
    game : Game
    classification : Classification or None
        For a 2x2 game with strict preferences.
    ties : tuple of Classification
        For a 2x2 game with ties: the strict games it lies between.
    moves : MovesResult or None
        Theory of Moves, for a 2x2 game with strict preferences.
    stability : StabilityResult
        Graph-model stability of every state (any finite game).
    """

    game: object
    classification: Classification | None
    ties: tuple[Classification, ...]
    moves: MovesResult | None
    stability: StabilityResult


def ordinal_analysis(game: object) -> OrdinalAnalysis:
    """Classification and Theory of Moves (2x2 games), graph-model stability (any game).

    Parameters
    ----------
    game : Game
        Any finite game; its payoffs are read as each player's ranking of the outcomes.

    Returns
    -------
    OrdinalAnalysis
    """
    classification, ties, moves = None, (), None
    if game.n_players == 2 and tuple(game.shape) == (2, 2):  # type: ignore[attr-defined]
        classification, ties = classify(game)
        if classification is not None:
            moves = theory_of_moves(game)
    return OrdinalAnalysis(game, classification, ties, moves, stability(graph_model(game)))
