"""Ordinal lenses on a game: the 2x2 topology, Theory of Moves, graph-model stability.

Conflict analysts often have ranks, not utilities. Three schools read a game through ranks
only, and this package computes each, exactly (integer comparisons only):

- :mod:`.topology`: where a 2x2 game lies among the 144 strict ordinal games (Robinson and
  Goforth 2005), with its name where it has one;
- :mod:`.theory_of_moves`: Brams's (1994) non-myopic equilibria from each initial state;
- :mod:`.gmcr`: Nash, general metarational, symmetric metarational and sequential stability
  of every state for every player in the graph model (Fang, Hipel and Kilgour 1993), with
  coalitions of two (:mod:`.coalition`), and :mod:`.inverse` for the rankings that would
  make a state stable.

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

from .._display import Displayed
from .coalition import (
    COALITION_CONCEPTS,
    coalition_stability,
    coalitional_improvements,
    is_coalition_stable,
)
from .gmcr import CONCEPTS, StabilityResult, StateStability, is_stable, stability
from .graph import GraphModel, graph_model, payoff_ranks
from .inverse import (
    EXHAUSTIVE_STATES,
    InverseQuestion,
    RankingChange,
    inverse_preferences,
    parse_state,
)
from .theory_of_moves import MovesResult, StartResult, theory_of_moves
from .topology import (
    SYMMETRIC_GAMES,
    Classification,
    classify,
    classify_ranks,
    orient,
    strict_refinements,
)

__all__ = [
    "COALITION_CONCEPTS",
    "CONCEPTS",
    "EXHAUSTIVE_STATES",
    "SYMMETRIC_GAMES",
    "Classification",
    "GraphModel",
    "InverseQuestion",
    "MovesResult",
    "OrdinalAnalysis",
    "RankingChange",
    "StabilityResult",
    "StartResult",
    "StateStability",
    "classify",
    "classify_ranks",
    "coalition_stability",
    "coalitional_improvements",
    "graph_model",
    "inverse_preferences",
    "is_coalition_stable",
    "is_stable",
    "ordinal_analysis",
    "orient",
    "parse_state",
    "payoff_ranks",
    "stability",
    "strict_refinements",
    "theory_of_moves",
]


@dataclass(frozen=True)
class OrdinalAnalysis(Displayed):
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
    inverse : InverseQuestion or None
        When asked: the rankings of one player that make a target state an equilibrium.
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_ordinal  # what the command line prints

        return format_ordinal(self, format)

    game: object
    classification: Classification | None
    ties: tuple[Classification, ...]
    moves: MovesResult | None
    stability: StabilityResult
    inverse: InverseQuestion | None = None


def ordinal_analysis(
    game: object,
    target: str | None = None,
    player: str | None = None,
    concept: str = "nash",
    limit: int = 10,
) -> OrdinalAnalysis:
    """Classification and Theory of Moves (2x2 games), graph-model stability (any game).

    Parameters
    ----------
    game : Game
        Any finite game; its payoffs are read as each player's ranking of the outcomes.
    target : str, optional
        A state (one strategy per player, separated by commas) for the inverse question:
        which rankings of ``player`` make it an equilibrium under ``concept``.
    player : str, optional
        The player whose ranking may change (required with ``target``).
    concept : str
        One of :data:`CONCEPTS`.
    limit : int
        At most this many answers to the inverse question.

    Returns
    -------
    OrdinalAnalysis

    Raises
    ------
    GameValueError
        For a bad target, player or concept.
    """
    classification, ties, moves = None, (), None
    if game.n_players == 2 and tuple(game.shape) == (2, 2):  # type: ignore[attr-defined]
        classification, ties = classify(game)
        if classification is not None:
            moves = theory_of_moves(game)
    model = graph_model(game)
    inverse = None
    if target is not None:
        from ..errors import GameValueError, did_you_mean
        from .inverse import EXHAUSTIVE_STATES

        if concept not in CONCEPTS:
            raise GameValueError(f"unknown concept {concept!r}", key="--concept",
                                 hint=did_you_mean(concept, CONCEPTS))
        if player not in model.players:
            raise GameValueError(
                "name the player whose ranking may change" if player is None
                else f"unknown player {player!r}",
                key="--player", hint=did_you_mean(str(player), model.players),
            )
        state = parse_state(model, game.strategies, target)  # type: ignore[attr-defined]
        index = model.players.index(player)
        changes = inverse_preferences(model, state, index, concept, limit=limit)
        inverse = InverseQuestion(state, index, concept, changes,
                                  model.n_states <= EXHAUSTIVE_STATES)
    return OrdinalAnalysis(game, classification, ties, moves, stability(model), inverse)
