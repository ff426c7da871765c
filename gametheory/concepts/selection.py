"""Equilibrium selection: payoff dominance, risk dominance (2x2) and the Nash product, exactly.

Definitions
-----------
Among the Nash equilibria of a game with several of them:

- :math:`e` *payoff-dominates* :math:`e'` when every player gets strictly more at :math:`e`
  (Harsanyi and Selten, 1988, section 3.9). An equilibrium that payoff-dominates every other is
  *the payoff-dominant* equilibrium; in general several are payoff-undominated.
- In a 2x2 game with two strict pure equilibria :math:`e = (r, c)` and :math:`e' = (r', c')`,
  each player's *deviation loss* at :math:`e` is what it loses by deviating alone,
  :math:`u_1(r, c) - u_1(r', c)` and :math:`u_2(r, c) - u_2(r, c')`. :math:`e` *risk-dominates*
  :math:`e'` when the product of the deviation losses at :math:`e` is larger (Harsanyi and
  Selten, 1988, section 3.9, the 2x2 case; for larger games risk dominance needs the tracing
  procedure, not done here). Equivalently, each player's strategy at :math:`e` is a best
  response to the uniform mix of the other's two equilibrium strategies.
- The *Nash product* of an equilibrium over a disagreement point :math:`d` is
  :math:`\\prod_i (u_i(e) - d_i)`, the product the Nash bargaining solution maximises (Nash,
  1950), here over the equilibria only. The default :math:`d` is the players' (mixed) security
  levels, which no equilibrium payoff falls below.

Everything is exact (fractions). The equilibria are those of :func:`gametheory.solve` (every
extreme equilibrium for two players; the pure ones for more players).

Examples
--------
The stag hunt of Skyrms (2004): (stag, stag) is payoff-dominant; (hare, hare) risk-dominant.

>>> from gametheory import Game
>>> g = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
...                      strategies=(("stag", "hare"), ("stag", "hare")))
>>> s = select_equilibria(g)
>>> s.payoff_dominant, s.risk.dominant, [str(v) for v in s.risk.products]
(0, 2, ['1', '9'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction, to_fraction
from ..result import Equilibrium, SolveResult

__all__ = ["RiskDominance", "Selection", "risk_dominance", "select_equilibria"]


@dataclass(frozen=True)
class RiskDominance:
    """Risk dominance between the two strict pure equilibria of a 2x2 game.

    Attributes
    ----------
    pair : (int, int)
        The two equilibria (indices into :attr:`Selection.equilibria`).
    losses : ((Fraction, Fraction), (Fraction, Fraction))
        Each equilibrium's deviation losses, one per player.
    products : (Fraction, Fraction)
        The products of the deviation losses.
    dominant : int or None
        The risk-dominant equilibrium, or None when the products are equal.
    """

    pair: tuple[int, int]
    losses: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]
    products: tuple[Fraction, Fraction]
    dominant: int | None


@dataclass(frozen=True)
class Selection:
    """The equilibria of a game compared by payoff dominance, risk dominance and Nash product.

    Attributes
    ----------
    game : Game
    equilibria : tuple of Equilibrium
        The equilibria compared (those of ``solve``).
    payoff_undominated : tuple of int
        The equilibria no other equilibrium payoff-dominates.
    payoff_dominant : int or None
        The equilibrium that payoff-dominates every other, if there is one (and more than one
        equilibrium).
    risk : RiskDominance or None
        For a 2x2 game with two strict pure equilibria; else None (see ``risk_note``).
    risk_note : str
        Why risk dominance does not apply, when it does not.
    disagreement : tuple of Fraction
        The disagreement point of the Nash products.
    disagreement_source : str
        ``"security levels"`` or ``"given"``.
    nash_products : tuple of Fraction
        For each equilibrium, the product of the players' gains over the disagreement point
        (a negative gain makes the equilibrium ineligible: its product is then None).
    nash_selected : tuple of int
        The equilibria with the largest Nash product.
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    payoff_undominated: tuple[int, ...]
    payoff_dominant: int | None
    risk: RiskDominance | None
    risk_note: str
    disagreement: tuple[Fraction, ...]
    disagreement_source: str
    nash_products: tuple[Fraction | None, ...]
    nash_selected: tuple[int, ...]

    def to_dict(self, write: Any = format_fraction) -> dict[str, Any]:
        """The JSON form; equilibria are numbered from 1 as in ``solve``."""
        players = self.game.players
        risk = None
        if self.risk is not None:
            risk = {
                "equilibria": [k + 1 for k in self.risk.pair],
                "deviation_losses": [
                    {p: write(v) for p, v in zip(players, losses, strict=True)}
                    for losses in self.risk.losses
                ],
                "products": [write(v) for v in self.risk.products],
                "risk_dominant": None if self.risk.dominant is None else self.risk.dominant + 1,
            }
        return {
            "equilibria": len(self.equilibria),
            "payoff_undominated": [k + 1 for k in self.payoff_undominated],
            "payoff_dominant": None
            if self.payoff_dominant is None
            else self.payoff_dominant + 1,
            "risk_dominance": risk,
            "risk_note": self.risk_note,
            "disagreement": {p: write(v) for p, v in zip(players, self.disagreement, strict=True)},
            "disagreement_source": self.disagreement_source,
            "nash_products": [None if v is None else write(v) for v in self.nash_products],
            "nash_selected": [k + 1 for k in self.nash_selected],
        }


def _dominates(a: Sequence[Fraction], b: Sequence[Fraction]) -> bool:
    return all(x > y for x, y in zip(a, b, strict=True))


def risk_dominance(
    game: Game, equilibria: Sequence[Equilibrium]
) -> tuple[RiskDominance | None, str]:
    """Risk dominance (Harsanyi and Selten, 1988) between two strict pure equilibria of a 2x2 game.

    Returns
    -------
    (RiskDominance or None, str)
        None and the reason when the game is not 2x2 or does not have exactly two strict pure
        equilibria among ``equilibria``.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> risk, _ = risk_dominance(g, solve(g).equilibria)
    >>> risk.products, risk.dominant
    ((Fraction(2, 1), Fraction(2, 1)), None)
    """
    if game.shape != (2, 2):
        return None, "risk dominance is computed for 2x2 games only (Harsanyi-Selten's 2x2 case)"
    a, b = game.matrices()
    strict = []
    for k, eq in enumerate(equilibria):
        if not eq.is_pure:
            continue
        r, c = (sigma.index(1) for sigma in eq.profile)
        losses = (Fraction(a[r, c] - a[1 - r, c]), Fraction(b[r, c] - b[r, 1 - c]))
        if all(v > 0 for v in losses):
            strict.append((k, losses))
    if len(strict) != 2:
        return None, (
            f"risk dominance compares two strict pure equilibria; this game has {len(strict)}"
        )
    (k1, l1), (k2, l2) = strict
    products = (l1[0] * l1[1], l2[0] * l2[1])
    dominant = None if products[0] == products[1] else (k1 if products[0] > products[1] else k2)
    return RiskDominance((k1, k2), (l1, l2), products, dominant), ""


def select_equilibria(
    game: Game,
    result: SolveResult | None = None,
    disagreement: Sequence[Any] | Mapping[str, Any] | None = None,
) -> Selection:
    """Compare the equilibria of a game: payoff dominance, risk dominance, Nash products.

    Parameters
    ----------
    game : Game
    result : SolveResult, optional
        The equilibria to compare (default: ``solve(game)``).
    disagreement : sequence or mapping of numbers, optional
        The disagreement point, one number per player (or player name -> number); default:
        the players' mixed security levels.

    Returns
    -------
    Selection

    Raises
    ------
    GameValueError
        For a disagreement point of the wrong length or with unknown players.

    References
    ----------
    J. C. Harsanyi and R. Selten (1988), *A General Theory of Equilibrium Selection in Games*,
    MIT Press, section 3.9 (payoff and risk dominance). J. F. Nash (1950), The bargaining
    problem, *Econometrica* 18, 155-162. B. Skyrms (2004), *The Stag Hunt and the Evolution of
    Social Structure*, Cambridge University Press, ch. 1.
    """
    from ..solve import solve

    result = result if result is not None else solve(game)
    equilibria = tuple(result.equilibria)
    payoffs = [eq.payoffs for eq in equilibria]
    undominated = tuple(
        k for k, u in enumerate(payoffs) if not any(_dominates(v, u) for v in payoffs)
    )
    dominant = None
    if len(equilibria) > 1:
        dominant = next(
            (k for k, u in enumerate(payoffs)
             if all(_dominates(u, v) for j, v in enumerate(payoffs) if j != k)),
            None,
        )
    risk, note = risk_dominance(game, equilibria)
    if disagreement is None:
        from ..algorithms.security import security_levels

        point = tuple(s.level for s in security_levels(game, mixed=True))
        source = "security levels"
    else:
        point = _point(game, disagreement)
        source = "given"
    products: list[Fraction | None] = []
    for u in payoffs:
        gains = [x - d for x, d in zip(u, point, strict=True)]
        product = Fraction(1)
        for g in gains:
            product *= g
        products.append(product if all(g >= 0 for g in gains) else None)
    eligible = [v for v in products if v is not None]
    top = max(eligible) if eligible else None
    selected = tuple(k for k, v in enumerate(products) if v is not None and v == top)
    return Selection(
        game, equilibria, undominated, dominant, risk, note, point, source, tuple(products),
        selected,
    )


def _point(game: Game, value: Sequence[Any] | Mapping[str, Any]) -> tuple[Fraction, ...]:
    if isinstance(value, Mapping):
        for name in value:
            game.player_index(name)
        missing = [p for p in game.players if p not in value]
        if missing:
            raise GameValueError("no value given", key=f"disagreement.{missing[0]}")
        return tuple(to_fraction(value[p], where=f"disagreement.{p}") for p in game.players)
    values = list(value)
    if len(values) != game.n_players:
        raise GameValueError(
            f"one value per player ({game.n_players}), got {len(values)}", key="disagreement"
        )
    return tuple(to_fraction(v, where="disagreement") for v in values)
