"""Every solution concept that applies to a game, in one value, for ``gametheory analyze``.

:func:`concept_summary` runs, on one game and its equilibria:

- equilibrium selection (:mod:`.selection`), when there are several equilibria;
- correlated equilibria (:mod:`.correlated`): the welfare-maximising one and each player's
  best (any number of players; the vertices are listed by ``gametheory correlated``);
- the logit QRE's limit (:mod:`.qre`; the branch is floating point, the limit exact);
- for two-player games: commitment with each player as leader (:mod:`.stackelberg`), the
  Nash bargaining solution over the security levels (:mod:`.bargaining`) and grim trigger
  with minmax punishment (:mod:`.repeated`).

Each part is None when the concept does not apply. Formatting is in
:mod:`gametheory.report._summary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..game import Game
from ..result import SolveResult

__all__ = ["ConceptSummary", "concept_summary"]


@dataclass(frozen=True)
class ConceptSummary:
    """The concepts of issue 13 that apply to a game (None where one does not).

    Attributes
    ----------
    selection : Selection or None
        With at least two equilibria.
    correlated : CorrelatedResult or None
        None where it could not be computed (named in ``skipped``).
    qre : LogitBranch or None
        None where it could not be computed (named in ``skipped``).
    stackelberg : tuple of StackelbergResult or None
        One per leader (two-player games).
    bargaining : BargainingResult or None
        The Nash bargaining solution over the security levels (two-player games).
    repeated : RepeatedResult or None
        Grim trigger with minmax punishment (two-player games).
    skipped : tuple of str
        The concepts that apply but were too large to compute exactly, each with the reason
        (their part is None); ``gametheory analyze`` says so instead of failing as a whole.
    """

    selection: Any
    correlated: Any
    qre: Any
    stackelberg: Any = None
    bargaining: Any = None
    repeated: Any = None
    skipped: tuple[str, ...] = ()


def concept_summary(
    game: Game, result: SolveResult, symbolic: tuple[Any, ...] | None = None
) -> ConceptSummary:
    """Run every concept that applies to ``game`` (see the module docstring).

    Parameters
    ----------
    game : Game
    result : SolveResult
        Its equilibria (compared by the selection criteria).
    symbolic : tuple, optional
        The payoffs as sympy arrays, for the closed forms of the critical discount factors.

    Returns
    -------
    ConceptSummary
    """
    from ..errors import GameError
    from .correlated import correlated_equilibria
    from .qre import logit_branch
    from .selection import select_equilibria

    skipped: list[str] = []

    def attempt(name: str, compute: Any) -> Any:
        # One concept that cannot be computed here (too large for exact computation, or a
        # floating-point method on payoffs beyond the float range) must not cost the whole
        # analysis: it is named in ``skipped`` with the reason.
        try:
            return compute()
        except GameError as exc:
            skipped.append(f"{name}: {exc.message}")
            return None

    selection = select_equilibria(game, result) if len(result.equilibria) > 1 else None
    correlated = attempt("correlated equilibrium", lambda: correlated_equilibria(game))
    qre = attempt("logit QRE", lambda: logit_branch(game))
    if game.n_players != 2:
        return ConceptSummary(selection, correlated, qre, skipped=tuple(skipped))
    from .bargaining import bargain
    from .repeated import repeated
    from .stackelberg import stackelberg

    return ConceptSummary(
        selection,
        correlated,
        qre,
        stackelberg=attempt(
            "commitment", lambda: tuple(stackelberg(game, leader) for leader in range(2))
        ),
        bargaining=attempt("bargaining", lambda: bargain(game, "nash")),
        repeated=attempt("repeated game", lambda: repeated(game, None, symbolic)),
        skipped=tuple(skipped),
    )
