"""One analysis of a game: equilibria, Pareto efficiency, dominance, security levels, value.

:func:`analyze` gathers what ``gametheory analyze`` reports, by calling the solvers:

- the Nash equilibria and their components (:func:`gametheory.solve`);
- the Pareto-efficient pure outcomes, and for each equilibrium whether another equilibrium, a
  pure outcome or a lottery over outcomes is better for every player
  (:mod:`gametheory.algorithms.pareto`);
- iterated elimination of strictly dominated strategies, and of weakly dominated ones, by pure
  or mixed strategies, in the order of deletion (:mod:`gametheory.algorithms.dominance`);
- each player's security (maximin) level and strategy, pure and mixed
  (:mod:`gametheory.algorithms.security`);
- for a two-player constant-sum game, its value and optimal strategies
  (:mod:`gametheory.algorithms.zero_sum`);
- the solution concepts beyond Nash equilibrium that apply: equilibrium selection,
  correlated equilibria, the logit QRE's limit, commitment, bargaining and repeated play
  (:func:`gametheory.concepts.summary.concept_summary`).

Everything is exact. Formatting is :func:`gametheory.report.format_analysis`.

Examples
--------
>>> from gametheory import Game
>>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                       strategies=(("quiet", "talk"), ("quiet", "talk")))
>>> a = analyze(pd)
>>> [(s.player, s.strategy) for s in a.strict.steps]
[('Row', 'quiet'), ('Column', 'quiet')]
>>> a.efficiency[0].dominated_by_outcomes, a.zero_sum is None
(((0, 0),), True)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ._display import Displayed
from .game import Game
from .result import SolveResult

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True)
class Analysis(Displayed):
    """The results of :func:`analyze`.

    Attributes
    ----------
    game : Game
    result : SolveResult
        The equilibria and their components.
    efficient_outcomes : tuple of tuple of int
        The Pareto-efficient pure profiles (strategy indices), in lexicographic order.
    efficiency : tuple of EfficiencyReport
        For each equilibrium of ``result``: what Pareto-dominates it, if anything.
    strict : Elimination
        Iterated elimination of strictly dominated strategies (by pure or mixed strategies).
    weak : Elimination
        Iterated elimination of weakly dominated strategies (its result may depend on the
        order of deletion; this is the order of :func:`~.dominance.iterated_elimination`).
    security_pure, security_mixed : tuple of SecurityStrategy
        Each player's security level and a security strategy, over pure and over mixed
        strategies.
    zero_sum : ZeroSumSolution or None
        For a two-player constant-sum game: its value for the first player and a pair of
        optimal strategies.
    constant : Fraction or None
        For a constant-sum game, the sum of the payoffs (0 for zero-sum).
    concepts : ConceptSummary or None
        The other solution concepts that apply (None when not asked for).
    """

    game: Game
    result: SolveResult
    efficient_outcomes: tuple[tuple[int, ...], ...]
    efficiency: tuple[Any, ...]
    strict: Any
    weak: Any
    security_pure: tuple[Any, ...]
    security_mixed: tuple[Any, ...]
    zero_sum: Any = None
    constant: Any = None
    concepts: Any = None

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from .report import format_analysis  # the report of `gametheory analyze`

        return format_analysis(self, format)


def analyze(
    game: Game, method: str | None = None, concepts: bool | Collection[str] = True
) -> Analysis:
    """Analyse a game: equilibria, Pareto efficiency, dominance, security levels, value.

    Parameters
    ----------
    game : Game
    method : str, optional
        The equilibrium method (see :func:`gametheory.solve`); default ``exact`` for two
        players, ``pure`` for more.
    concepts : bool or collection of str
        Also run the other solution concepts that apply (see
        :func:`~gametheory.concepts.summary.concept_summary`): all of them (True), none
        (False), or those named (of :data:`~gametheory.concepts.summary.CONCEPTS`).

    Returns
    -------
    Analysis
        If the solver did not finish (status ``"failed"``) only ``result`` is meaningful: the
        other analyses are skipped and left empty.
    """
    from .algorithms.dominance import Elimination, iterated_elimination
    from .algorithms.pareto import equilibrium_efficiency, pareto_efficient_outcomes
    from .algorithms.security import security_levels
    from .solve import solve

    result = solve(game, method)
    if result.status == "failed":
        nothing = Elimination(steps=(), game=game)
        return Analysis(game, result, (), (), nothing, nothing, (), ())
    zero_sum = constant = None
    if game.n_players == 2 and game.is_constant_sum():
        from .algorithms.zero_sum import zero_sum_value

        zero_sum = zero_sum_value(game)
        constant = sum(p.reshape(-1)[0] for p in game.payoffs)
    return Analysis(
        game=game,
        result=result,
        efficient_outcomes=pareto_efficient_outcomes(game),
        efficiency=equilibrium_efficiency(game, result.equilibria),
        strict=iterated_elimination(game, strict=True, mixed=True),
        weak=iterated_elimination(game, strict=False, mixed=True),
        security_pure=security_levels(game, mixed=False),
        security_mixed=security_levels(game, mixed=True),
        zero_sum=zero_sum,
        constant=constant,
        concepts=_concepts(game, result, concepts) if concepts is not False else None,
    )


def _concepts(game: Game, result: SolveResult, concepts: bool | Collection[str]) -> Any:
    from .concepts.summary import concept_summary

    return concept_summary(game, result, only=None if concepts is True else concepts)
