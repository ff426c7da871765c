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

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..game import Game
from ..result import SolveResult

__all__ = ["CONCEPTS", "ConceptSummary", "concept_summary", "parse_concepts"]


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


#: ``analyze`` leaves the correlated equilibria to ``gametheory correlated`` beyond this many
#: pure profiles: their certified LP optima cost minutes there (the ultimatum's reduced form,
#: 5x32: about 110 s), against a few seconds at 64 (the 8x8 model).
MAX_CORRELATED_PROFILES = 100
#: ``analyze`` leaves equilibrium selection out beyond this many equilibria (the pairwise
#: criteria grow with their square; the ultimatum's reduced form has 3,589).
MAX_SELECTION_EQUILIBRIA = 200

#: The concepts :func:`concept_summary` runs, by the names ``--concepts`` takes.
CONCEPTS = ("selection", "correlated", "qre", "commitment", "bargaining", "repeated")


def parse_concepts(text: str) -> frozenset[str]:
    """A comma-separated list of :data:`CONCEPTS` (or ``all``, or ``none``) as a set.

    Raises
    ------
    GameValueError
        For an unknown name (key ``--concepts``).

    Examples
    --------
    >>> sorted(parse_concepts("qre, correlated"))
    ['correlated', 'qre']
    >>> parse_concepts("none"), len(parse_concepts("all"))
    (frozenset(), 6)
    >>> parse_concepts("none, qre")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: --concepts: 'none' stands alone, not in a list with other concepts (a comma-separated list of selection, correlated, qre, commitment, bargaining, repeated; or all, or none)
    """  # noqa: E501
    from ..errors import GameValueError

    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise GameValueError(
            "is empty: name at least one concept", key="--concepts",
            hint="a comma-separated list of " + ", ".join(CONCEPTS) + "; or all, or none",
        )
    if names == ["all"]:
        return frozenset(CONCEPTS)
    if names == ["none"]:
        return frozenset()
    for name in names:
        if name in ("all", "none"):
            raise GameValueError(
                f"{name!r} stands alone, not in a list with other concepts", key="--concepts",
                hint="a comma-separated list of " + ", ".join(CONCEPTS) + "; or all, or none",
            )
        if name not in CONCEPTS:
            raise GameValueError(
                f"unknown concept {name!r}", key="--concepts",
                hint="a comma-separated list of " + ", ".join(CONCEPTS) + "; or all, or none",
            )
    return frozenset(names)


def concept_summary(
    game: Game,
    result: SolveResult,
    symbolic: tuple[Any, ...] | None = None,
    only: Collection[str] | None = None,
) -> ConceptSummary:
    """Run every concept that applies to ``game`` (see the module docstring).

    Parameters
    ----------
    game : Game
    result : SolveResult
        Its equilibria (compared by the selection criteria).
    symbolic : tuple, optional
        The payoffs as sympy arrays, for the closed forms of the critical discount factors.
    only : collection of str, optional
        Run only these of :data:`CONCEPTS` (default: all); the others' parts are None.

    Returns
    -------
    ConceptSummary
    """
    from ..errors import GameError, GameValueError
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

    wanted = frozenset(CONCEPTS if only is None else only)

    def run(concept: str, name: str, compute: Any) -> Any:
        return attempt(name, compute) if concept in wanted else None

    def too_large(count: int, what: str, limit: int, tail: str) -> Any:
        raise GameValueError(f"{count:,} {what}, more than the {limit} analyze takes; {tail}")

    def select() -> Any:
        count = len(result.equilibria)
        if count > MAX_SELECTION_EQUILIBRIA:
            too_large(count, "equilibria", MAX_SELECTION_EQUILIBRIA,
                      "the library's select_equilibria compares them")
        return select_equilibria(game, result)

    def correlate() -> Any:
        count = math.prod(game.shape)
        if count > MAX_CORRELATED_PROFILES:
            too_large(count, "pure profiles", MAX_CORRELATED_PROFILES,
                      "`gametheory correlated` computes them")
        return correlated_equilibria(game)

    selection = run("selection", "equilibrium selection", select) if len(
        result.equilibria) > 1 else None
    correlated = run("correlated", "correlated equilibrium", correlate)
    qre = run("qre", "logit QRE", lambda: logit_branch(game))
    if game.n_players != 2:
        return ConceptSummary(selection, correlated, qre, skipped=tuple(skipped))
    # The commitments compare with the best Nash payoff of the exact method's equilibria.
    exact = result if result.method == "exact" and result.status != "failed" else None
    from .bargaining import bargain
    from .repeated import repeated
    from .stackelberg import stackelberg

    return ConceptSummary(
        selection,
        correlated,
        qre,
        stackelberg=run(
            "commitment", "commitment",
            lambda: tuple(stackelberg(game, leader, nash=exact) for leader in range(2)),
        ),
        bargaining=run("bargaining", "bargaining", lambda: bargain(game, "nash")),
        repeated=run("repeated", "repeated game", lambda: repeated(game, None, symbolic)),
        skipped=tuple(skipped),
    )
